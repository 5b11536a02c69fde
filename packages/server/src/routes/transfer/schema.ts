import { tenantExportSchema as tenantExportDocument } from "@citypath/db";
import { z } from "@hono/zod-openapi";
import { PLATFORM_ADMINS, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { tenantSchema } from "../../presenters/tenant.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, SLUG_PATTERN, tenantParams } from "../common.ts";

// the database package's schema (plain zod, made before this package extends zod): named by zod's own meta
export const tenantExportSchema = tenantExportDocument.meta({
  id: "TenantExport",
  description: "The whole tenant as one document (docs/api.md, Tenant export).",
});

export const exportRoute = secureRoute(TENANT_ADMINS, {
  method: "get",
  path: "/api/tenants/{tenant}/export",
  tags: ["transfer"],
  summary: "Export the tenant as one JSON document",
  request: { params: tenantParams },
  responses: { 200: json(tenantExportSchema, "The export."), ...errorResponses(400, 401, 403, 404) },
});

export const importRoute = secureRoute(PLATFORM_ADMINS, {
  method: "post",
  path: "/api/tenants/import",
  tags: ["transfer"],
  summary: "Import a tenant export as a new tenant (all or nothing); ?slug= renames it",
  request: {
    query: z.object({ slug: z.string().regex(SLUG_PATTERN).optional() }),
    body: jsonBody(tenantExportSchema),
  },
  responses: { 201: json(tenantSchema, "Imported."), ...errorResponses(400, 401, 403, 409, 413, 415) },
});
