import { ID_PATTERN, MODEL_KEY_PATTERN } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { MEMBERS, PUBLIC } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { int4Query, tenantParam, versionParam } from "../common.ts";

export const exportQuery = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  lang: z
    .enum(["ko", "en"])
    .default("ko")
    .openapi({ description: "The headers' language (Korean by default)." }),
});

const file = {
  description: "The file (CSV: UTF-8 with a BOM).",
  content: {
    "text/csv": { schema: z.string().openapi({ format: "binary" }) },
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
      schema: z.string().openapi({ format: "binary" }),
    },
  },
};

const idParam = (example: string) =>
  z
    .string()
    .regex(ID_PATTERN)
    .openapi({ param: { name: "id", in: "path" }, example });

export const exportInventoryRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/exports/inventory/{version}",
  tags: ["import and export"],
  summary:
    "An inventory version as a table: one row per year and GPC line (published versions unless a member)",
  request: { params: z.object({ tenant: tenantParam, version: versionParam }), query: exportQuery },
  responses: { 200: file, ...errorResponses(400, 404) },
});

export const exportFactorSetRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/exports/factor-set/{id}",
  tags: ["import and export"],
  summary: "One of the tenant's factor sets in the factors CSV layout (re-importable)",
  request: { params: z.object({ tenant: tenantParam, id: idParam("local") }), query: exportQuery },
  responses: { 200: file, ...errorResponses(400, 404) },
});

export const exportActivityRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/exports/activity/{id}",
  tags: ["import and export"],
  summary: "An activity dataset in the activity CSV layout (re-importable)",
  request: { params: z.object({ tenant: tenantParam, id: idParam("demo-activity") }), query: exportQuery },
  responses: { 200: file, ...errorResponses(400, 401, 403, 404) },
});

export const exportPathwayRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/exports/pathway/{instance}/{scenario}",
  tags: ["import and export"],
  summary:
    "A scenario's results as a table: one value per row (scenario, year, scope2_method, series, key, tCO2e), each labelled with its Scope 2 method, as the CLI's CSV",
  request: {
    params: z.object({
      tenant: tenantParam,
      instance: z
        .string()
        .regex(ID_PATTERN)
        .openapi({ param: { name: "instance", in: "path" }, example: "jeonju" }),
      scenario: z
        .string()
        .regex(MODEL_KEY_PATTERN)
        .openapi({ param: { name: "scenario", in: "path" }, example: "bau" }),
    }),
    query: exportQuery.extend({ version: int4Query().positive().optional() }),
  },
  responses: { 200: file, ...errorResponses(400, 404, 503) },
});
