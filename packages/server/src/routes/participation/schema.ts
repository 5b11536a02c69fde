/**
 * Participation's routes (docs/participation.md): consultations read by everyone; comments and proposals by
 * any signed-in, email-verified account (no membership of the city needed); supports by verified residents;
 * reports by anyone signed in; moderation by the city's moderators and admins; official answers by the
 * responsible department's editors and admins; the census by admins. Bodies and answers are typed here;
 * the rules are the core's (participation/rules.ts).
 */
import {
  AnswerLinkSchema,
  AnswerStateSchema,
  BADGES,
  COMMENT_SORTS,
  ConsultationSchema,
  MODERATOR_ACTIONS,
  ReportReasonSchema,
} from "@citypath/core/participation/index";
import {
  IdSchema,
  StoredNameSchema,
  StoredTextSchema,
  TextAnswerSchema,
} from "@citypath/core/vocabulary/index";
import { z } from "@hono/zod-openapi";
import { type Access, EDITORS, PUBLIC, SIGNED_IN, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import {
  answerSchema,
  consultationSchema,
  contributionSchema,
  editSchema,
  figuresSchema,
  queueItemSchema,
} from "../../presenters/participation.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const TAGS = ["participation"];
/** The city's moderators (and its admins; its auditors read the queue). */
export const MODERATORS: Access = { kind: "member", roles: ["admin", "moderator"] };

const idParam = (name: string, example: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "an id: lower-case letters, digits, '.', '_' or '-'")
    .openapi({ param: { name, in: "path" }, example });
const consultationParams = z.object({
  tenant: tenantParam,
  consultation: idParam("consultation", "brt-phase-2"),
});
const contributionParams = z.object({
  tenant: tenantParam,
  contribution: idParam("contribution", "3f0c1d2e-0000-4000-8000-000000000001"),
});
const baseVersion = z.number().int().min(0).max(2_147_483_647);
/** A body's text: storable; the length rule is checked by the core (characters as people see them). */
const contributionText = StoredTextSchema;
const confirm = z.boolean().default(false).openapi({
  description: "The author saw the personal-data warnings (phone numbers, emails) and posts anyway.",
});

export const listConsultationsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/consultations",
  tags: TAGS,
  summary: "The city's consultations, open and past (drafts for its staff only)",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({ tenant: z.string(), consultations: z.array(consultationSchema) }),
      "The consultations.",
    ),
    ...errorResponses(400, 404),
  },
});

export const getConsultationRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/consultations/{consultation}",
  tags: TAGS,
  summary: "A consultation with its figures (contributions, participants, supports, answered shares)",
  request: { params: consultationParams },
  responses: {
    200: json(
      z.object({ consultation: consultationSchema, figures: figuresSchema }).openapi("ConsultationDetail"),
      "The consultation.",
    ),
    ...errorResponses(400, 404),
  },
});

export const saveConsultationRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/consultations/{consultation}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace a consultation (admins; editors of its department)",
  request: {
    params: consultationParams,
    body: jsonBody(
      z.object({ base_version: baseVersion, consultation: ConsultationSchema }).openapi("ConsultationSave"),
    ),
  },
  responses: { 200: json(consultationSchema, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const pageQuery = z.object({
  sort: z.enum(COMMENT_SORTS).default("newest"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  badge: z.enum(BADGES).optional(),
});

const pageAnswer = (what: string) =>
  json(
    z.object({
      total: z.number().int(),
      page: z.number().int(),
      page_size: z.number().int(),
      items: z.array(contributionSchema),
    }),
    what,
  );

export const listCommentsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/consultations/{consultation}/comments",
  tags: TAGS,
  summary: "A page of 50 comment threads (top-level comments, each followed by its replies)",
  request: { params: consultationParams, query: pageQuery },
  responses: { 200: pageAnswer("The page."), ...errorResponses(400, 404) },
});

export const listProposalsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/consultations/{consultation}/proposals",
  tags: TAGS,
  summary: "A page of 50 proposals",
  request: { params: consultationParams, query: pageQuery },
  responses: { 200: pageAnswer("The page."), ...errorResponses(400, 404) },
});

const posted = json(
  z.object({
    contribution: contributionSchema,
    /** The personal-data warnings the author confirmed. */
    warnings: z.array(z.string()),
  }),
  "Posted.",
);

export const postCommentRoute = secureRoute(SIGNED_IN, {
  method: "post",
  path: "/api/tenants/{tenant}/consultations/{consultation}/comments",
  tags: TAGS,
  summary:
    "Comment (5-1,000 characters; replies two levels deep); signed-in, email-verified accounts; 5 a minute, 50 a day",
  request: {
    params: consultationParams,
    body: jsonBody(
      z
        .object({ text: contributionText, parent: IdSchema.optional(), confirm_personal_data: confirm })
        .openapi("CommentPost"),
    ),
  },
  responses: { 201: posted, ...errorResponses(400, 401, 403, 404, 429) },
});

export const proposalScenarioSchema = z
  .object({
    instance: IdSchema,
    scenario: IdSchema,
    levels: z.record(IdSchema, z.number().min(0).max(1000)),
  })
  .openapi("ProposalScenario");

export const postProposalRoute = secureRoute(SIGNED_IN, {
  method: "post",
  path: "/api/tenants/{tenant}/consultations/{consultation}/proposals",
  tags: TAGS,
  summary:
    "Propose (title 5-150, text 5-3,000 characters), optionally with an explorer scenario whose modelled effect is shown",
  request: {
    params: consultationParams,
    body: jsonBody(
      z
        .object({
          title: StoredNameSchema,
          text: contributionText,
          scenario: proposalScenarioSchema.optional(),
          confirm_personal_data: confirm,
        })
        .openapi("ProposalPost"),
    ),
  },
  responses: { 201: posted, ...errorResponses(400, 401, 403, 404, 429, 503) },
});

export const getContributionRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/contributions/{contribution}",
  tags: TAGS,
  summary: "A contribution with its edit history",
  request: { params: contributionParams },
  responses: {
    200: json(
      z.object({ contribution: contributionSchema, edits: z.array(editSchema) }),
      "The contribution.",
    ),
    ...errorResponses(400, 404),
  },
});

export const editContributionRoute = secureRoute(SIGNED_IN, {
  method: "patch",
  path: "/api/tenants/{tenant}/contributions/{contribution}",
  tags: TAGS,
  summary: "The author edits within 5 minutes of posting (the previous text is kept and shown)",
  request: {
    params: contributionParams,
    body: jsonBody(
      z
        .object({
          base_version: baseVersion,
          text: contributionText,
          title: StoredNameSchema.optional(),
          confirm_personal_data: confirm,
        })
        .openapi("ContributionEdit"),
    ),
  },
  responses: { 200: posted, ...errorResponses(400, 401, 403, 404, 409) },
});

export const deleteContributionRoute = secureRoute(SIGNED_IN, {
  method: "delete",
  path: "/api/tenants/{tenant}/contributions/{contribution}",
  tags: TAGS,
  summary: "The author deletes: text and history go; replies stay under a 'deleted' stub",
  request: { params: contributionParams },
  responses: { 200: json(contributionSchema, "Deleted."), ...errorResponses(400, 401, 403, 404) },
});

const supportAnswer = json(
  z
    .object({ supported: z.boolean(), supports: z.number().int(), changed: z.boolean() })
    .openapi("SupportState"),
  "The support state.",
);

export const supportRoute = secureRoute(SIGNED_IN, {
  method: "put",
  path: "/api/tenants/{tenant}/contributions/{contribution}/support",
  tags: TAGS,
  summary: "Support (verified residents; one per person, counted once however often sent); 60 a minute",
  request: { params: contributionParams },
  responses: { 200: supportAnswer, ...errorResponses(400, 401, 403, 404, 429) },
});

export const withdrawSupportRoute = secureRoute(SIGNED_IN, {
  method: "delete",
  path: "/api/tenants/{tenant}/contributions/{contribution}/support",
  tags: TAGS,
  summary: "Withdraw one's support",
  request: { params: contributionParams },
  responses: { 200: supportAnswer, ...errorResponses(400, 401, 403, 404, 429) },
});

export const reportRoute = secureRoute(SIGNED_IN, {
  method: "post",
  path: "/api/tenants/{tenant}/contributions/{contribution}/reports",
  tags: TAGS,
  summary: "Report a contribution with a reason; 3 reports hide it pending a moderator's review",
  request: {
    params: contributionParams,
    body: jsonBody(z.object({ reason: ReportReasonSchema }).openapi("ReportPost")),
  },
  responses: {
    200: json(z.object({ reported: z.boolean(), hidden: z.boolean() }), "Reported."),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

export const answerRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/contributions/{contribution}/answer",
  tags: TAGS,
  summary:
    "The official answer (admins; editors of the consultation's department); the author is notified by mail",
  request: {
    params: contributionParams,
    body: jsonBody(
      z
        .object({
          base_version: baseVersion,
          state: AnswerStateSchema,
          text: z.object({ ko: StoredTextSchema.min(1), en: StoredTextSchema.min(1).optional() }),
          links: z.array(AnswerLinkSchema).max(20).default([]),
        })
        .openapi("AnswerPut"),
    ),
  },
  responses: { 200: json(answerSchema, "Answered."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const effectRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/contributions/{contribution}/effect",
  tags: TAGS,
  summary:
    "A proposal's modelled effect (2030 and 2050 emissions against the plan's scenario, gap to each target, life-cycle cost), computed off the event loop",
  request: { params: contributionParams },
  responses: {
    200: json(
      z
        .object({
          instance: z.object({ id: z.string(), version: z.number().int(), latest_version: z.number().int() }),
          /** A newer model version exists than the one the proposal's figures come from. */
          newer_model: z.boolean(),
          effect: z.object({
            scenario: z.string(),
            basis: z.string(),
            unit: z.literal("tCO2e"),
            changes: z.array(
              z.object({ action: z.string(), plan_level: z.number(), proposed_level: z.number() }),
            ),
            years: z.array(
              z.object({
                year: z.number().int(),
                plan_tco2e: z.number(),
                proposal_tco2e: z.number(),
                difference_tco2e: z.number(),
              }),
            ),
            targets: z.array(
              z.object({
                id: z.string(),
                name: TextAnswerSchema,
                year: z.number().int(),
                plan_gap_tco2e: z.number().nullable(),
                proposal_gap_tco2e: z.number().nullable(),
              }),
            ),
            cost: z.object({
              price_year: z.number().int(),
              discount_rate: z.number(),
              discount_rate_source: z.string(),
              plan_krw: z.number().nullable(),
              proposal_krw: z.number().nullable(),
              difference_krw: z.number().nullable(),
              unknown: z.array(z.object({ action: z.string(), reason: z.string() })),
            }),
          }),
        })
        .openapi("ProposalEffect"),
      "The effect.",
    ),
    ...errorResponses(400, 404, 503),
  },
});

export const queueRoute = secureRoute(MODERATORS, {
  method: "get",
  path: "/api/tenants/{tenant}/moderation",
  tags: TAGS,
  summary:
    "The moderation queue: contributions hidden by reports first, then reported ones (moderators, admins)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ items: z.array(queueItemSchema) }), "The queue."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const moderateRoute = secureRoute(MODERATORS, {
  method: "post",
  path: "/api/tenants/{tenant}/moderation",
  tags: TAGS,
  summary: "Hide or restore contributions, one or many at once, with a reason (moderators, admins; audited)",
  request: {
    params: tenantParams,
    body: jsonBody(
      z
        .object({
          action: z.enum(MODERATOR_ACTIONS),
          contributions: z.array(IdSchema).min(1).max(100),
          reason: StoredNameSchema.min(1),
        })
        .openapi("ModerationPost"),
    ),
  },
  responses: {
    200: json(
      z.object({ changed: z.array(z.string()), unchanged: z.array(z.string()) }),
      "What changed (unchanged: already in that state).",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

const blockParams = z.object({
  tenant: tenantParam,
  user: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "an account id")
    .openapi({ param: { name: "user", in: "path" }, example: "k3Jd9x" }),
});

export const blockRoute = secureRoute(MODERATORS, {
  method: "put",
  path: "/api/tenants/{tenant}/blocks/{user}",
  tags: TAGS,
  summary: "Block an account from taking part in the city's consultations, with a reason (audited)",
  request: {
    params: blockParams,
    body: jsonBody(z.object({ reason: StoredNameSchema.min(1) }).openapi("BlockPut")),
  },
  responses: {
    200: json(z.object({ blocked: z.literal(true) }), "Blocked."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const unblockRoute = secureRoute(MODERATORS, {
  method: "delete",
  path: "/api/tenants/{tenant}/blocks/{user}",
  tags: TAGS,
  summary: "Lift a block",
  request: { params: blockParams },
  responses: {
    200: json(z.object({ blocked: z.literal(false), changed: z.boolean() }), "Unblocked."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const censusRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/census",
  tags: TAGS,
  summary:
    "Replace the census for resident verification: each entry's name, birth date and district are stored only as a keyed hash (admins)",
  request: {
    params: tenantParams,
    body: jsonBody(
      z
        .object({
          entries: z
            .array(
              z.object({
                name: StoredNameSchema.min(1),
                birth_date: z.iso.date(),
                district: StoredNameSchema.min(1),
              }),
            )
            .max(20_000),
        })
        .openapi("CensusPut"),
    ),
  },
  responses: {
    200: json(z.object({ entries: z.number().int() }), "The census now holds this many entries."),
    ...errorResponses(400, 401, 403, 404),
  },
});

const censusProblem = z.object({
  row: z.number().int().openapi({ description: "The CSV line or XLSX row; the header is 1." }),
  column: z.string().nullable(),
  code: z.string(),
  reason: z.string().openapi({ description: "In English." }),
  reason_ko: z.string(),
});

/** The media types a census file is sent as (its bytes, the whole body). */
export const CENSUS_FILE_TYPES = [
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
] as const;

const fileBytes = { schema: z.string().openapi({ format: "binary" }) };

export const censusFileRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/census/file",
  tags: TAGS,
  summary:
    "Check a census file (CSV or XLSX: name, birth date, district), streamed, every problem with its row, column and reason; with commit, replace the census with it when there is none (admins)",
  description:
    "The body is the file's bytes (at most 256 MB, 5,000,000 rows), read as a stream: memory does not grow with the file. The first 1,000 problems are listed, `problem_count` counts them all.",
  request: {
    params: tenantParams,
    query: z.object({
      file_name: z.string().min(1).max(200).openapi({ example: "2026-주민명부.xlsx" }),
      format: z.enum(["csv", "xlsx"]).optional().openapi({ description: "Default: from the file name." }),
      encoding: z.enum(["auto", "utf-8", "cp949"]).optional().openapi({ description: "CSV only." }),
      sheet: z.string().max(100).optional().openapi({ description: "XLSX: the sheet (default: the first)." }),
      commit: z
        .enum(["true", "false"])
        .default("false")
        .openapi({ description: "Replace the census when the file has no problem." }),
    }),
    body: {
      required: true,
      content: Object.fromEntries(CENSUS_FILE_TYPES.map((type) => [type, fileBytes])),
    },
  },
  responses: {
    200: json(
      z
        .object({
          stored: z.boolean().openapi({ description: "The census was replaced by this file." }),
          rows: z.number().int().openapi({ description: "Residents read (rows without a problem)." }),
          entries: z.number().int().nullable().openapi({
            description:
              "Distinct entries the census holds once stored; null when only checked (the same person twice is found when stored).",
          }),
          problems: z
            .array(censusProblem)
            .openapi({ description: "The first 1,000 problems, in file order." }),
          problem_count: z.number().int().openapi({ description: "Every problem, listed or not." }),
        })
        .openapi("CensusFileResult"),
      "The check; with commit and no problem, the census replaced.",
    ),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const verifyResidentRoute = secureRoute(SIGNED_IN, {
  method: "post",
  path: "/api/tenants/{tenant}/residents/verify",
  tags: TAGS,
  summary:
    "Verify as a resident against the city's census (the details are hashed and never stored); no resident registration number is asked",
  request: {
    params: tenantParams,
    body: jsonBody(
      z
        .object({
          name: StoredNameSchema.min(1),
          birth_date: z.iso.date(),
          district: StoredNameSchema.min(1),
        })
        .openapi("ResidentVerify"),
    ),
  },
  responses: {
    200: json(z.object({ verified: z.literal(true) }), "Verified."),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

export const meRoute = secureRoute(SIGNED_IN, {
  method: "get",
  path: "/api/tenants/{tenant}/participation/me",
  tags: TAGS,
  summary: "What the caller may do in the city's consultations (email verified, resident, blocked, badge)",
  request: { params: tenantParams },
  responses: {
    200: json(
      z
        .object({
          email_verified: z.boolean(),
          resident: z.boolean(),
          blocked: z.boolean(),
          badge: z.enum(BADGES).nullable(),
          moderator: z.boolean(),
        })
        .openapi("ParticipationMe"),
      "The caller's standing.",
    ),
    ...errorResponses(400, 401, 404),
  },
});

const followParams = z.object({
  tenant: tenantParam,
  kind: z
    .enum(["consultation", "contribution"])
    .openapi({ param: { name: "kind", in: "path" }, example: "consultation" }),
  id: idParam("id", "baekje-brt"),
});
const followAnswer = z
  .object({
    following: z.boolean(),
    /** Whether mail about it goes out: the optional consent to such mail is in force. */
    mail: z.boolean(),
    changed: z.boolean(),
  })
  .openapi("FollowState");

export const followRoute = secureRoute(SIGNED_IN, {
  method: "put",
  path: "/api/tenants/{tenant}/follows/{kind}/{id}",
  tags: TAGS,
  summary:
    "Follow a consultation or a contribution: its official answers and the later status changes of the actions they link are mailed",
  description:
    "Mail goes only with the optional consent optional_mail_notices in force (`mail` says whether it is); " +
    "authors are told of answers to their own contributions in any case.",
  request: { params: followParams },
  responses: { 200: json(followAnswer, "Followed."), ...errorResponses(401, 403, 404, 429) },
});

export const unfollowRoute = secureRoute(SIGNED_IN, {
  method: "delete",
  path: "/api/tenants/{tenant}/follows/{kind}/{id}",
  tags: TAGS,
  summary: "Stop following",
  request: { params: followParams },
  responses: { 200: json(followAnswer, "Not followed."), ...errorResponses(401, 403, 404) },
});

export const myFollowsRoute = secureRoute(SIGNED_IN, {
  method: "get",
  path: "/api/tenants/{tenant}/follows",
  tags: TAGS,
  summary: "What the caller follows in the city",
  request: { params: tenantParams },
  responses: {
    200: json(
      z
        .object({
          mail: z.boolean(),
          follows: z.array(
            z.object({
              kind: z.enum(["consultation", "contribution"]),
              id: z.string(),
              created_at: z.string(),
            }),
          ),
        })
        .openapi("MyFollows"),
      "The caller's follows.",
    ),
    ...errorResponses(401, 404),
  },
});

export const answersDueRoute = secureRoute(EDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/answers/due",
  tags: TAGS,
  summary:
    "Contributions waiting for an official answer from the caller's departments, overdue first (My work)",
  description:
    "Proposals and top-level comments without a final answer in consultations of the departments the " +
    "caller answers for (every department for admins), with their due date and whether they are overdue.",
  request: { params: tenantParams },
  responses: {
    200: json(
      z
        .object({
          overdue: z.number().int(),
          items: z.array(
            z.object({
              consultation: z.object({ id: z.string(), title: TextAnswerSchema }),
              department: z.string(),
              contribution: contributionSchema,
            }),
          ),
        })
        .openapi("AnswersDue"),
      "Waiting for answers.",
    ),
    ...errorResponses(401, 403, 404),
  },
});
