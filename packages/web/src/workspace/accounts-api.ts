/**
 * The calls of the Members & settings and Audit trail pages and of the pages mailed links open, through the
 * typed client (with the CSRF header on writes), and their query keys.
 */
import { api, result, type Schemas } from "../api/client.ts";
import { staffClient } from "./session.ts";
import { unwrap } from "./staff.ts";

export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type MailMessage = Schemas["MailMessage"];
export type AuditRecord = Schemas["AuditRecord"];
export type Department = Schemas["Department"];

export const acKeys = {
  members: (slug: string) => ["t", slug, "members"] as const,
  invitations: (slug: string) => ["t", slug, "invitations"] as const,
  mail: (slug: string) => ["t", slug, "mail"] as const,
  tenant: (slug: string) => ["t", slug, "tenant"] as const,
  departments: (slug: string) => ["t", slug, "departments"] as const,
  audit: (slug: string, query: string, after: string | null) => ["t", slug, "audit", query, after] as const,
};

/** The audit trail's filter as the API takes it (empty fields left out). */
export interface AuditFilter {
  entity?: string;
  entity_id?: string;
  user?: string;
  from?: string;
  to?: string;
}

export function accountCalls() {
  const { http } = staffClient();
  const tenant = (slug: string) => ({ params: { path: { tenant: slug } } });
  return {
    members: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/members", { ...tenant(slug), signal }), signal),
    invitations: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/invitations", { ...tenant(slug), signal }), signal),
    mail: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/mail", { ...tenant(slug), signal }), signal),
    tenant: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}", { ...tenant(slug), signal }), signal),
    departments: (slug: string, signal?: AbortSignal) =>
      result(http.GET("/api/tenants/{tenant}/departments", { ...tenant(slug), signal }), signal),
    putDepartment: (slug: string, department: string, body: Schemas["DepartmentPut"]) =>
      result(
        http.PUT("/api/tenants/{tenant}/departments/{department}", {
          params: { path: { tenant: slug, department } },
          body,
        }),
      ),
    putMember: (slug: string, body: Schemas["MemberPut"]) =>
      result(http.PUT("/api/tenants/{tenant}/members", { ...tenant(slug), body })),
    removeMember: (slug: string, user: string) =>
      result(
        http.DELETE("/api/tenants/{tenant}/members/{user}", { params: { path: { tenant: slug, user } } }),
      ),
    withdraw: (slug: string, invitation: string) =>
      result(
        http.DELETE("/api/tenants/{tenant}/invitations/{invitation}", {
          params: { path: { tenant: slug, invitation } },
        }),
      ),
    updateTenant: (slug: string, body: Schemas["TenantUpdate"]) =>
      result(http.PATCH("/api/tenants/{tenant}", { ...tenant(slug), body })),
    audit: (slug: string, filter: AuditFilter, after: string | null, limit: number, signal?: AbortSignal) =>
      result(
        http.GET("/api/tenants/{tenant}/audit", {
          params: {
            path: { tenant: slug },
            query: { ...filter, limit, ...(after === null ? {} : { after }) },
          },
          signal,
        }),
        signal,
      ),
    verify: (slug: string) => result(http.GET("/api/tenants/{tenant}/audit/verify", tenant(slug))),
    lookupInvitation: (slug: string, token: string) =>
      result(http.POST("/api/tenants/{tenant}/invitations/lookup", { ...tenant(slug), body: { token } })),
    acceptInvitation: (slug: string, body: { token: string; name?: string; password?: string }) =>
      result(http.POST("/api/tenants/{tenant}/invitations/accept", { ...tenant(slug), body })),
    confirmAccount: (token: string) => result(http.POST("/api/auth/confirm-account", { body: { token } })),
    requestReset: (email: string) =>
      result(http.POST("/api/auth/request-password-reset", { body: { email } })),
    resetPassword: (token: string, password: string) =>
      result(http.POST("/api/auth/reset-password", { body: { token, new_password: password } })),
  };
}

/** The download address of the filtered trail (a plain link: the browser sends the session cookie). */
export function auditExportUrl(slug: string, filter: AuditFilter, format: "csv" | "xlsx", lang: "ko" | "en") {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  q.set("format", format);
  q.set("lang", lang);
  return api.url(`/tenants/${encodeURIComponent(slug)}/audit/export?${q}`);
}

/** The records on one page of the audit trail. */
export const AUDIT_PAGE = 50;

/** The Members & settings page's four questions: members, invitations, the mail outbox, the tenant. */
export function membersPageQueries(slug: string) {
  const calls = accountCalls();
  return [
    {
      queryKey: acKeys.members(slug),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(calls.members(slug, signal)),
    },
    {
      queryKey: acKeys.invitations(slug),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(calls.invitations(slug, signal)),
    },
    {
      queryKey: acKeys.mail(slug),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(calls.mail(slug, signal)),
    },
    {
      queryKey: acKeys.tenant(slug),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(calls.tenant(slug, signal)),
    },
  ] as const;
}

/** The tenant's department register (decision 0083): what memberships and model owners name, by id. */
export function departmentsQuery(slug: string) {
  return {
    queryKey: acKeys.departments(slug),
    queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(accountCalls().departments(slug, signal)),
  };
}

/** One page of the audit trail under a filter, after a cursor (null: the first page). */
export function auditQuery(slug: string, filter: AuditFilter, after: string | null) {
  return {
    queryKey: acKeys.audit(slug, JSON.stringify(filter), after),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(accountCalls().audit(slug, filter, after, AUDIT_PAGE, signal)),
  };
}
