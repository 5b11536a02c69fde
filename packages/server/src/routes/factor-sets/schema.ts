import { ID_PATTERN, StoredNameSchema, StoredTextSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import {
  factorInputSchema,
  factorSetHeaderSchema,
  factorSetSchema,
  gwpSetSchema,
} from "../../presenters/factor-set.ts";
import { secureRoute } from "../../route.ts";
import { int4, json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const idParam = z
  .string()
  .regex(ID_PATTERN)
  .openapi({ param: { name: "id", in: "path" }, example: "builtin" });

export const listBuiltinFactorSetsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/factor-sets",
  tags: ["reference data"],
  summary: "The built-in factor sets (shared by every tenant)",
  responses: { 200: json(z.object({ factor_sets: z.array(factorSetHeaderSchema) }), "The sets.") },
});

export const getBuiltinFactorSetRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/factor-sets/{id}",
  tags: ["reference data"],
  summary: "One built-in factor set with its factors and their sources",
  request: { params: z.object({ id: idParam }) },
  responses: { 200: json(factorSetSchema, "The set."), ...errorResponses(400, 404) },
});

export const listGwpSetsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/gwp-sets",
  tags: ["reference data"],
  summary: "The GWP sets (SAR, AR4, AR5, AR6), each value with its source",
  responses: { 200: json(z.object({ gwp_sets: z.array(gwpSetSchema) }), "The sets.") },
});

export const listTenantFactorSetsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/factor-sets",
  tags: ["factor sets"],
  summary: "The tenant's own factor sets",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), factor_sets: z.array(factorSetHeaderSchema) }), "The sets."),
    ...errorResponses(400, 404),
  },
});

export const getTenantFactorSetRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/factor-sets/{id}",
  tags: ["factor sets"],
  summary: "One of the tenant's factor sets with its factors",
  request: { params: z.object({ tenant: tenantParam, id: idParam }) },
  responses: { 200: json(factorSetSchema, "The set."), ...errorResponses(400, 404) },
});

export const saveFactorSetBody = z
  .object({
    base_version: int4()
      .min(0)
      .openapi({ description: "0 to create; else the version the change is based on." }),
    name: StoredNameSchema.min(1),
    source: StoredTextSchema.max(500).nullable().optional(),
    factors: z.array(factorInputSchema).max(100_000),
  })
  .openapi("FactorSetSave");

export const saveFactorSetRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/factor-sets/{id}",
  tags: ["factor sets"],
  summary: "Create or replace one of the tenant's factor sets",
  request: { params: z.object({ tenant: tenantParam, id: idParam }), body: jsonBody(saveFactorSetBody) },
  responses: {
    200: json(factorSetHeaderSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});
