/** Observed values of indicators: one value, or a CSV/XLSX table of them (preview, then commit). */
import { ObservationSchema } from "@citypath/core/agenda/index";
import { z } from "@hono/zod-openapi";
import { EDITORS } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import { observationPreviewSchema, savedIndicatorSchema } from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { baseVersion, indicatorParams, observationImportBody, TAGS } from "../schema.ts";

export const observationBody = z
  .object({
    base_version: baseVersion,
    observation: ObservationSchema,
    replace: z.boolean().default(false),
  })
  .openapi("ObservationPost");

export const postObservationRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/indicators/{indicator}/observations",
  tags: TAGS,
  summary: "Record an observed value (a value for the same year and district needs replace: true)",
  request: { params: indicatorParams, body: jsonBody(observationBody) },
  responses: {
    200: json(savedIndicatorSchema, "The indicator with the value."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const observationPreviewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/indicators/import/preview",
  tags: TAGS,
  summary: "Check a CSV/XLSX of indicator values: what would change, and every problem with row and column",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: { 200: json(observationPreviewSchema, "The preview."), ...errorResponses(400, 401, 403, 404) },
});

export const observationCommitRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/indicators/import/commit",
  tags: TAGS,
  summary: "Store a CSV/XLSX of indicator values, all or nothing",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: {
    200: json(z.object({ stored: z.number(), indicators: z.array(z.string()) }), "Stored."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
