import { z } from "@hono/zod-openapi";
import { TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { int4, int4Query, json, tenantParams } from "../common.ts";

export const auditRecordSchema = z
  .object({
    seq: int4(),
    at: z.string(),
    actor: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    entity: z.string(),
    entity_id: z.string(),
    version: int4().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditRecord");

export const auditQuery = z.object({
  entity: z.string().max(100).optional(),
  entity_id: z.string().max(200).optional(),
  user: z.string().max(200).optional().openapi({ description: "A user id or email." }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: "From this time (inclusive)." }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: "Before this time." }),
  after: int4Query().min(0).optional().openapi({ description: "Records after this seq (paging)." }),
  limit: int4Query().min(1).max(1000).default(200),
});

export const listAuditRoute = secureRoute(TENANT_ADMINS, {
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
        next_after: int4().nullable(),
      }),
      "The records.",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const verifyAuditRoute = secureRoute(TENANT_ADMINS, {
  method: "get",
  path: "/api/tenants/{tenant}/audit/verify",
  tags: ["audit"],
  summary: "Recompute the tenant's hash chain",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        records: int4(),
        intact: z.boolean(),
        broken: z.object({ seq: int4(), reason: z.string() }).nullable(),
      }),
      "The verification.",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
