import { IdSchema, NotationKeySchema, StoredNameSchema, StoredTextSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { EDITORS, MEMBERS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { activityDatasetSchema, activityRowSchema } from "../../presenters/activity.ts";
import { secureRoute } from "../../route.ts";
import { int4Query, json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const datasetParams = z.object({
  tenant: tenantParam,
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "demo-activity" }),
});

export const listDatasetsRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/activity-datasets",
  tags: ["activity data"],
  summary: "The tenant's activity datasets",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), datasets: z.array(activityDatasetSchema) }), "The datasets."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const datasetRowsRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/activity-datasets/{id}/rows",
  tags: ["activity data"],
  summary: "The rows of one dataset, optionally of one year",
  request: { params: datasetParams, query: z.object({ year: int4Query().optional() }) },
  responses: {
    200: json(z.object({ dataset: activityDatasetSchema, rows: z.array(activityRowSchema) }), "The rows."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createDatasetBody = z
  .object({
    id: IdSchema,
    name: StoredNameSchema.min(1),
    source: StoredTextSchema.max(500).nullable().optional(),
    rows: z
      .array(
        activityRowSchema
          .omit({ extra: true, notation: true })
          .extend({
            notation: NotationKeySchema.nullable().default(null),
            extra: z.record(z.string(), z.string()).default({}),
          })
          .partial({
            district: true,
            source: true,
            quality: true,
            note: true,
            instrument: true,
            instrument_factor: true,
            instrument_factor_unit: true,
          })
          .refine(
            (r) =>
              (r.instrument == null) === (r.instrument_factor == null) &&
              (r.instrument == null) === (r.instrument_factor_unit == null),
            {
              message: "instrument, instrument_factor and instrument_factor_unit go together (all or none)",
              path: ["instrument"],
            },
          ),
      )
      .max(200_000),
  })
  .openapi("ActivityDatasetCreate");

export const createDatasetRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/activity-datasets",
  tags: ["activity data"],
  summary: "Store a new activity dataset (rows as JSON; CSV and XLSX import comes with the import workflow)",
  request: { params: tenantParams, body: jsonBody(createDatasetBody) },
  responses: {
    201: json(activityDatasetSchema, "Stored."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});
