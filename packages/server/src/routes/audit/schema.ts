import { z } from "@hono/zod-openapi";
import { ADMINS_AND_AUDITORS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { auditObjectSchema } from "../../presenters/audit.ts";
import { secureRoute } from "../../route.ts";
import { int4, int4Query, json, tenantParams } from "../common.ts";

export const auditRecordSchema = z
  .object({
    stream: int4().openapi({ description: "Which of the tenant's hash chains holds the record." }),
    seq: int4().openapi({ description: "The record's place in its chain (1, 2, ...)." }),
    at: z.string(),
    actor: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    entity: z.string(),
    entity_id: z.string(),
    version: int4().nullable(),
    before: auditObjectSchema.nullable(),
    after: auditObjectSchema.nullable(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditRecord");

const auditFilter = {
  entity: z.string().max(100).optional().openapi({ description: "The kind of record, e.g. action." }),
  entity_id: z.string().max(200).optional().openapi({ description: "The record's id." }),
  user: z.string().max(200).optional().openapi({ description: "A user id or email." }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: "From this time (inclusive)." }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: "Before this time." }),
};

/** The most records one export holds; a larger trail is exported by period. */
export const AUDIT_EXPORT_MAX = 10_000;

export const exportAuditRoute = secureRoute(ADMINS_AND_AUDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/audit/export",
  tags: ["audit"],
  summary: `The filtered audit trail as CSV or XLSX (at most ${AUDIT_EXPORT_MAX} records; narrow by period)`,
  description:
    "One row per record, oldest first: chain and sequence, time, the actor's id, email and name, action, record kind " +
    "and id, version, before and after as JSON, and both hashes (so that the copy can be checked).",
  request: {
    params: tenantParams,
    query: z.object({
      ...auditFilter,
      format: z.enum(["csv", "xlsx"]).default("csv"),
      lang: z.enum(["ko", "en"]).default("ko").openapi({ description: "The headers' language." }),
    }),
  },
  responses: {
    200: {
      description: "The file (CSV: UTF-8 with a BOM).",
      content: {
        "text/csv": { schema: z.string().openapi({ format: "binary" }) },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const auditQuery = z.object({
  ...auditFilter,
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,4}\.\d{1,15}$/, "a cursor from next_after")
    .optional()
    .openapi({ description: "Records after this one (paging): the previous page's next_after." }),
  limit: int4Query().min(1).max(1000).default(200),
});

export const listAuditRoute = secureRoute(ADMINS_AND_AUDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/audit",
  tags: ["audit"],
  summary: "The tenant's audit trail, per record, per user and per period, oldest first",
  request: { params: tenantParams, query: auditQuery },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        records: z.array(auditRecordSchema),
        next_after: z.string().nullable(),
      }),
      "The records.",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const verifyAuditRoute = secureRoute(ADMINS_AND_AUDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/audit/verify",
  tags: ["audit"],
  summary: "Recompute every hash of the tenant's chains",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        records: int4(),
        intact: z.boolean(),
        broken: z.object({ stream: int4(), seq: int4(), reason: z.string() }).nullable(),
      }),
      "The verification.",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
