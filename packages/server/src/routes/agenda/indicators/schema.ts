/** Indicators: the list, one indicator with the actions it serves, saving a whole indicator. */
import { IndicatorSchema } from "@citypath/core/agenda/index";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import {
  citedSourcesSchema,
  indicatorAnswerSchema,
  indicatorEntrySchema,
  savedIndicatorSchema,
} from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { baseVersion, indicatorParams, TAGS } from "../schema.ts";

export const listIndicatorsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/indicators",
  tags: TAGS,
  summary: "Indicators (citizens and visitors: those of published actions)",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        indicators: z.array(indicatorEntrySchema),
        sources: citedSourcesSchema,
      }),
      "The indicators.",
    ),
    ...errorResponses(400, 404),
  },
});

export const getIndicatorRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/indicators/{indicator}",
  tags: TAGS,
  summary: "One indicator with its goals, observed values and the actions it serves",
  request: { params: indicatorParams },
  responses: {
    200: json(indicatorAnswerSchema, "The indicator."),
    ...errorResponses(400, 404),
  },
});

export const saveIndicatorRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/indicators/{indicator}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace an indicator (editors: their departments' indicators)",
  request: {
    params: indicatorParams,
    body: jsonBody(
      z.object({ base_version: baseVersion, indicator: IndicatorSchema }).openapi("IndicatorSave"),
    ),
  },
  responses: {
    200: json(savedIndicatorSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
