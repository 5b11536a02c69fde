import { ActivityRowSchema, FactorRowSchema, ID_PATTERN, IdSchema } from "@citypath/core";
import { IMPORT_KINDS } from "@citypath/db";
import { z } from "@hono/zod-openapi";
import { EDITORS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { int4, int4Query, json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const column = z.string().regex(/^[a-z_]{2,30}$/);
const mapping = z.record(column, z.string().min(1).max(200)).openapi({
  description: "Citypath column -> the file's header.",
  example: { amount: "사용량", unit: "단위" },
});
const constants = z
  .record(column, z.string().max(200))
  .openapi({ description: "Citypath column -> one value for every row.", example: { unit: "MWh" } });
const encoding = z.enum(["auto", "utf-8", "cp949"]);
const valueMap = z.record(column, z.record(z.string().min(1).max(200), z.string().min(1).max(200))).openapi({
  description:
    "Citypath column -> the file's value -> Citypath's value: a city's own words or class set translated on the way in.",
  example: { class: { 친화: "reduction", 부정: "emission", 잠재: "mixed", 중립: "neutral" } },
});
const scale = z.record(column, z.number().positive().max(1e12)).openapi({
  description: "Citypath column -> the factor the file's numbers are multiplied by (천원 to 원: 1000).",
  example: { original_krw: 1000 },
});

export const importBody = z
  .object({
    kind: z.enum(["activity", "factors"]),
    file_name: z.string().min(1).max(200).openapi({ example: "2022-전력사용량.xlsx" }),
    content_base64: z.string().min(1).openapi({ description: "The file's bytes, base64." }),
    format: z.enum(["csv", "xlsx"]).optional().openapi({ description: "Default: from the file name." }),
    encoding: encoding.optional().openapi({ description: "CSV only; default: the profile's, else auto." }),
    sheet: z.string().max(100).optional(),
    profile: z.string().regex(ID_PATTERN).optional().openapi({ description: "An import profile's id." }),
    mapping: mapping.optional().openapi({ description: "Overrides or adds to the profile's mapping." }),
    constants: constants.optional(),
    target: z
      .object({
        id: IdSchema,
        name: z.string().min(1).max(200),
        base_version: int4()
          .min(0)
          .default(0)
          .openapi({ description: "Factor sets: 0 creates, the current version replaces." }),
      })
      .optional()
      .openapi({ description: "Commit only: the dataset or factor set to store the rows as." }),
  })
  .openapi("ImportRequest");

const importProblem = z.object({
  file: z.string(),
  row: int4().nullable().openapi({ description: "The line (CSV) or row (XLSX); the header is 1." }),
  column: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});

export const previewSchema = z
  .object({
    ok: z.boolean(),
    kind: z.enum(["activity", "factors"]),
    columns: z.array(z.string()).openapi({ description: "The header after mapping." }),
    rows: int4().openapi({ description: "Rows that parsed." }),
    sample: z
      .union([z.array(ActivityRowSchema.omit({ file: true })), z.array(FactorRowSchema.omit({ file: true }))])
      .openapi({ description: "The first rows as read: activity rows or factor rows, as `kind` says." }),
    problems: z.array(importProblem),
  })
  .openapi("ImportPreview");

export const previewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/imports/preview",
  tags: ["import and export"],
  summary: "Check a CSV or XLSX file: every problem (row, column, code, reason); nothing is stored",
  request: { params: tenantParams, body: jsonBody(importBody) },
  responses: {
    200: json(previewSchema, "The preview."),
    ...errorResponses(400, 401, 403, 404, 413, 415, 429),
  },
});

export const commitRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/imports/commit",
  tags: ["import and export"],
  summary:
    "Store a file's rows as a dataset or factor set: all or nothing (any problem: 400 with all of them)",
  request: { params: tenantParams, body: jsonBody(importBody) },
  responses: {
    201: json(
      z.object({
        kind: z.enum(["activity", "factors"]),
        id: z.string(),
        version: int4(),
        rows: int4(),
      }),
      "Stored.",
    ),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
});

export const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(IMPORT_KINDS),
    mapping,
    constants,
    value_map: valueMap,
    scale,
    encoding,
    sheet: z.string().nullable(),
    version: int4(),
    updated_at: z.string(),
  })
  .openapi("ImportProfile");

const profileParams = z.object({
  tenant: tenantParam,
  id: z
    .string()
    .regex(ID_PATTERN)
    .openapi({ param: { name: "id", in: "path" }, example: "kepco-electricity" }),
});

export const listProfilesRoute = secureRoute(EDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/import-profiles",
  tags: ["import and export"],
  summary: "The tenant's saved column mappings",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), profiles: z.array(profileSchema) }), "The profiles."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getProfileRoute = secureRoute(EDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/import-profiles/{id}",
  tags: ["import and export"],
  summary: "One import profile",
  request: { params: profileParams },
  responses: { 200: json(profileSchema, "The profile."), ...errorResponses(400, 401, 403, 404) },
});

export const putProfileRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/import-profiles/{id}",
  tags: ["import and export"],
  summary: "Save a column mapping for reuse (base_version 0 creates; else the version it replaces)",
  request: {
    params: profileParams,
    body: jsonBody(
      z.object({
        base_version: int4().min(0),
        name: z.string().min(1).max(200),
        kind: z.enum(IMPORT_KINDS),
        mapping,
        constants: constants.default({}),
        value_map: valueMap.default({}),
        scale: scale.default({}),
        encoding: encoding.default("auto"),
        sheet: z.string().max(100).nullable().default(null),
      }),
    ),
  },
  responses: {
    200: json(profileSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
});

export const deleteProfileRoute = secureRoute(EDITORS, {
  method: "delete",
  path: "/api/tenants/{tenant}/import-profiles/{id}",
  tags: ["import and export"],
  summary:
    "Delete an import profile on the version read (a profile changed since: 409); files imported through it keep their rows",
  request: {
    params: profileParams,
    query: z.object({
      version: int4Query().positive().openapi({ description: "The profile's version as read.", example: 2 }),
    }),
  },
  responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 403, 404, 409, 429) },
});
