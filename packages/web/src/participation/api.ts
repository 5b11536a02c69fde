/**
 * Participation's calls through the typed client (writes carry the session's CSRF header) and their query
 * keys: consultations, their comment and proposal pages, a proposal's modelled effect, posting, editing,
 * supporting, reporting, the caller's standing; for staff the official answer, the moderation queue, blocks
 * and the census. Every call returns a result value (`ApiResult`), never throws.
 */
import type { CommentSort } from "@citypath/core/participation/vocabulary";
import { result, type Schemas } from "../api/client.ts";
import { staffClient } from "../workspace/session.ts";
import { unwrap } from "../workspace/staff.ts";

export type Consultation = Schemas["Consultation"];
export type ConsultationDetail = Schemas["ConsultationDetail"];
export type Contribution = Schemas["Contribution"];
export type ProposalEffect = Schemas["ProposalEffect"];
export type ParticipationMe = Schemas["ParticipationMe"];
export type ModerationItem = Schemas["ModerationItem"];
export type ProposalScenario = Schemas["ProposalScenario"];
export type AnswerPut = Schemas["AnswerPut"];

/** The media type a census file is sent as, by its name. */
function censusType(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (n.endsWith(".csv") || n.endsWith(".txt")) return "text/csv";
  return "application/octet-stream";
}

export interface PageQuery {
  sort: CommentSort;
  page: number;
  badge?: "council" | "expert";
}

export const ptKeys = {
  consultations: (slug: string) => ["t", slug, "consultations"] as const,
  consultation: (slug: string, id: string) => ["t", slug, "consultation", id] as const,
  comments: (slug: string, id: string, q?: PageQuery) =>
    q
      ? (["t", slug, "consultation", id, "comments", q.sort, q.page, q.badge ?? ""] as const)
      : (["t", slug, "consultation", id, "comments"] as const),
  proposals: (slug: string, id: string, q?: PageQuery) =>
    q
      ? (["t", slug, "consultation", id, "proposals", q.sort, q.page, q.badge ?? ""] as const)
      : (["t", slug, "consultation", id, "proposals"] as const),
  effect: (slug: string, contribution: string) => ["t", slug, "effect", contribution] as const,
  me: (slug: string) => ["t", slug, "participation-me"] as const,
  moderation: (slug: string) => ["t", slug, "moderation"] as const,
};

export function participationCalls() {
  const { http } = staffClient();
  const tenant = (slug: string) => ({ params: { path: { tenant: slug } } });
  const cons = (slug: string, consultation: string) => ({
    params: { path: { tenant: slug, consultation } },
  });
  const contrib = (slug: string, contribution: string) => ({
    params: { path: { tenant: slug, contribution } },
  });
  return {
    consultations: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/consultations", { ...tenant(slug), signal }), signal),
    consultation: (slug: string, id: string, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/consultations/{consultation}", { ...cons(slug, id), signal }),
        signal,
      ),
    comments: (slug: string, id: string, q: PageQuery, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/consultations/{consultation}/comments", {
          params: { path: { tenant: slug, consultation: id }, query: q },
          signal,
        }),
        signal,
      ),
    proposals: (slug: string, id: string, q: PageQuery, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/consultations/{consultation}/proposals", {
          params: { path: { tenant: slug, consultation: id }, query: q },
          signal,
        }),
        signal,
      ),
    effect: (slug: string, contribution: string, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/contributions/{contribution}/effect", {
          ...contrib(slug, contribution),
          signal,
        }),
        signal,
      ),
    contribution: (slug: string, contribution: string, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/contributions/{contribution}", {
          ...contrib(slug, contribution),
          signal,
        }),
        signal,
      ),
    me: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/participation/me", { ...tenant(slug), signal }), signal),
    comment: (slug: string, id: string, body: Schemas["CommentPost"]) =>
      result(
        http.POST("/api/tenants/{tenant}/consultations/{consultation}/comments", { ...cons(slug, id), body }),
      ),
    propose: (slug: string, id: string, body: Schemas["ProposalPost"]) =>
      result(
        http.POST("/api/tenants/{tenant}/consultations/{consultation}/proposals", {
          ...cons(slug, id),
          body,
        }),
      ),
    edit: (slug: string, contribution: string, body: Schemas["ContributionEdit"]) =>
      result(
        http.PATCH("/api/tenants/{tenant}/contributions/{contribution}", {
          ...contrib(slug, contribution),
          body,
        }),
      ),
    remove: (slug: string, contribution: string) =>
      result(http.DELETE("/api/tenants/{tenant}/contributions/{contribution}", contrib(slug, contribution))),
    support: (slug: string, contribution: string) =>
      result(
        http.PUT("/api/tenants/{tenant}/contributions/{contribution}/support", contrib(slug, contribution)),
      ),
    withdraw: (slug: string, contribution: string) =>
      result(
        http.DELETE(
          "/api/tenants/{tenant}/contributions/{contribution}/support",
          contrib(slug, contribution),
        ),
      ),
    report: (slug: string, contribution: string, reason: Schemas["ReportPost"]["reason"]) =>
      result(
        http.POST("/api/tenants/{tenant}/contributions/{contribution}/reports", {
          ...contrib(slug, contribution),
          body: { reason },
        }),
      ),
    answer: (slug: string, contribution: string, body: AnswerPut) =>
      result(
        http.PUT("/api/tenants/{tenant}/contributions/{contribution}/answer", {
          ...contrib(slug, contribution),
          body,
        }),
      ),
    queue: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/moderation", { ...tenant(slug), signal }), signal),
    moderate: (slug: string, body: Schemas["ModerationPost"]) =>
      result(http.POST("/api/tenants/{tenant}/moderation", { ...tenant(slug), body })),
    block: (slug: string, user: string, reason: string) =>
      result(
        http.PUT("/api/tenants/{tenant}/blocks/{user}", {
          params: { path: { tenant: slug, user } },
          body: { reason },
        }),
      ),
    unblock: (slug: string, user: string) =>
      result(
        http.DELETE("/api/tenants/{tenant}/blocks/{user}", { params: { path: { tenant: slug, user } } }),
      ),
    census: (slug: string, body: Schemas["CensusPut"]) =>
      result(http.PUT("/api/tenants/{tenant}/census", { ...tenant(slug), body })),
    /** The census file's bytes as the body (streamed by the server, never base64). */
    censusFile: (slug: string, file: Blob, query: { file_name: string; commit: boolean }) =>
      result(
        http.POST("/api/tenants/{tenant}/census/file", {
          params: {
            path: { tenant: slug },
            query: { file_name: query.file_name, commit: query.commit ? "true" : "false" },
          },
          // the generated client types a binary body as a Blob, which goes out as it is
          body: file,
          bodySerializer: (b) => b,
          headers: { "content-type": censusType(query.file_name) },
        }),
      ),
    verify: (slug: string, body: Schemas["ResidentVerify"]) =>
      result(http.POST("/api/tenants/{tenant}/residents/verify", { ...tenant(slug), body })),
  };
}

/** The tenant's consultations, as the workspace's answer pages read them. */
export function consultationsQuery(slug: string) {
  return {
    queryKey: ptKeys.consultations(slug),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(participationCalls().consultations(slug, signal)),
  };
}

/** The moderation queue (moderators and admins). */
export function moderationQuery(slug: string) {
  return {
    queryKey: ptKeys.moderation(slug),
    queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(participationCalls().queue(slug, signal)),
  };
}
