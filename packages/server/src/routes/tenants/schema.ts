import { StoredNameSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { PLATFORM_ADMINS, PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { tenantSchema, tenantSettingsSchema } from "../../presenters/tenant.ts";
import { secureRoute } from "../../route.ts";
import { int4, json, jsonBody, SLUG_PATTERN, tenantParams } from "../common.ts";

const settings = tenantSettingsSchema;

export const listTenantsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants",
  tags: ["tenants"],
  summary: "Every tenant (city), by slug",
  responses: { 200: json(z.object({ tenants: z.array(tenantSchema) }), "The tenants.") },
});

export const getTenantRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}",
  tags: ["tenants"],
  summary: "One tenant",
  request: { params: tenantParams },
  responses: { 200: json(tenantSchema, "The tenant."), ...errorResponses(400, 404) },
});

export const createTenantBody = z
  .object({
    slug: z.string().regex(SLUG_PATTERN, "lower-case letters, digits and hyphens, 2 to 63 characters"),
    name: StoredNameSchema.min(1),
    name_en: StoredNameSchema.min(1),
    settings: settings.optional(),
  })
  .openapi("TenantCreate");

export const createTenantRoute = secureRoute(PLATFORM_ADMINS, {
  method: "post",
  path: "/api/tenants",
  tags: ["tenants"],
  summary: "Create a tenant",
  request: { body: jsonBody(createTenantBody) },
  responses: { 201: json(tenantSchema, "Created."), ...errorResponses(400, 401, 403, 409, 413, 415) },
});

export const updateTenantBody = z
  .object({
    base_version: int4().positive(),
    name: StoredNameSchema.min(1).optional(),
    name_en: StoredNameSchema.min(1).optional(),
    settings: settings.optional(),
  })
  .openapi("TenantUpdate");

export const updateTenantRoute = secureRoute(TENANT_ADMINS, {
  method: "patch",
  path: "/api/tenants/{tenant}",
  tags: ["tenants"],
  summary: "Change a tenant's names or settings (based on its current version)",
  request: { params: tenantParams, body: jsonBody(updateTenantBody) },
  responses: { 200: json(tenantSchema, "Updated."), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
});
