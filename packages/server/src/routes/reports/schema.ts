/**
 * The implementation report's routes: list, the report as a document (JSON tables) or a file (HTML, XLSX,
 * DOCX, PDF), the draft's entries (admins) and a measure's row (editors of its departments), the stage
 * (complete = freeze, deliberated, submitted, reported to the council), reopen (admins, audited) and
 * publication. Visitors see published reports only; members who review drafts see every report.
 */
import { MeasureEntrySchema, REPORT_STAGES, ReportEntriesSchema } from "@citypath/core/report/index";
import { LocalNameSchema } from "@citypath/core/vocabulary/text";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { calendarDate, json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const TAGS = ["reports"];
const planParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "a plan id, e.g. carbon-neutral-basic-plan-1")
  .openapi({ param: { name: "plan", in: "path" }, example: "carbon-neutral-basic-plan-1" });
const yearParam = z
  .string()
  .regex(/^(19|20|21)\d\d$/, "a year, e.g. 2024")
  .openapi({ param: { name: "year", in: "path" }, example: "2024" });
const actionParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "an action id")
  .openapi({ param: { name: "action", in: "path" }, example: "brt" });
const reportParams = z.object({ tenant: tenantParam, plan: planParam, year: yearParam });
const baseVersion = z
  .number()
  .int()
  .min(0)
  .max(2_147_483_647)
  .openapi({ description: "The version read; 0 to create." });
const langQuery = z.object({ lang: z.enum(["ko", "en"]).default("ko") });

export const reportHeaderSchema = z
  .object({
    plan: z.string(),
    year: z.number().int(),
    version: z.number().int(),
    stage: z.enum(REPORT_STAGES),
    published: z.boolean(),
    completed_at: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi("ReportHeader");

const cell = z.union([z.string(), z.number(), z.null()]);
const tableSchema = z.object({
  id: z.string(),
  title: z.string(),
  note: z.string().optional(),
  columns: z
    .array(
      z.object({
        label: z.string(),
        kind: z.enum(["text", "thousand_krw", "ratio", "tco2e", "count", "number"]),
      }),
    )
    .readonly(),
  rows: z.array(z.array(cell).readonly()).readonly(),
  totals: z.array(z.number().int()).readonly().optional(),
});
export const reportDocumentSchema = z
  .object({
    lang: z.enum(["ko", "en"]),
    title: z.string(),
    subtitle: z.string(),
    cover: z.array(z.object({ label: z.string(), text: z.string() })).readonly(),
    notices: z.array(z.string()).readonly(),
    sections: z
      .array(
        z.object({
          id: z.string(),
          heading: z.string(),
          paragraphs: z.array(z.string()).readonly(),
          tables: z.array(tableSchema).readonly(),
        }),
      )
      .readonly(),
    sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional() })).readonly(),
  })
  .openapi("ImplementationReportDocument");

export const listReportsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/reports",
  tags: TAGS,
  summary: "The implementation reports (visitors: published ones only)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), reports: z.array(reportHeaderSchema) }), "The reports."),
    ...errorResponses(400, 404),
  },
});

export const getReportRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}",
  tags: TAGS,
  summary:
    "A report as a document (the frozen one once completed; a draft built from the data as it is, for members who review drafts)",
  request: { params: reportParams, query: langQuery },
  responses: {
    200: json(
      z.object({
        report: reportHeaderSchema.nullable(),
        entries: ReportEntriesSchema,
        frozen: z.boolean(),
        document: reportDocumentSchema,
        measures: z
          .array(
            z.object({
              action: z.string(),
              no: z.string(),
              completed_on: z.string().nullable(),
              // the register's name of the department that completed the row (decision 0095); null: none recorded
              completed_by: LocalNameSchema.nullable(),
              needs_follow_up: z.boolean().openapi({
                description: "Lagging, delayed or graded 미흡: section V-1 asks for its action plan.",
              }),
            }),
          )
          .openapi({ description: "The measures in the order of table III-1's rows (its action ids)." }),
      }),
      "The report.",
    ),
    ...errorResponses(400, 404, 503),
  },
});

export const reportFileRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}/document",
  tags: TAGS,
  summary: "A report as HTML, XLSX (a sheet per table), DOCX (Hangul, Word) or PDF (A4, for submission)",
  request: {
    params: reportParams,
    query: z.object({
      format: z.enum(["html", "xlsx", "docx", "pdf"]),
      lang: z.enum(["ko", "en"]).default("ko"),
    }),
  },
  responses: {
    200: {
      description: "The report.",
      content: {
        "text/html": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
          schema: z.string().openapi({ format: "binary" }),
        },
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...errorResponses(400, 404, 503),
  },
});

export const saveEntriesRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}",
  tags: TAGS,
  summary: "Create a draft (base_version 0) or replace a draft's entries (admins)",
  request: {
    params: reportParams,
    body: jsonBody(
      z.object({ base_version: baseVersion, entries: ReportEntriesSchema }).openapi("ReportEntriesSave"),
    ),
  },
  responses: { 200: json(reportHeaderSchema, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const saveMeasureRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}/measures/{action}",
  tags: TAGS,
  summary: "Complete a measure's row of a draft (editors of the measure's departments; admins)",
  request: {
    params: reportParams.extend({ action: actionParam }),
    body: jsonBody(
      z
        .object({ base_version: baseVersion, entry: MeasureEntrySchema.omit({ action: true }) })
        .openapi("ReportMeasureSave"),
    ),
  },
  responses: { 200: json(reportHeaderSchema, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const reportStageRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}/stage",
  tags: TAGS,
  summary:
    "Move a report one stage forward: review (completes and freezes it), deliberated, submitted, reported (admins)",
  request: {
    params: reportParams,
    body: jsonBody(
      z
        .object({
          base_version: baseVersion,
          to: z.enum(REPORT_STAGES).exclude(["draft"]),
          committee: ReportEntriesSchema.shape.committee,
          submitted_on: calendarDate().optional(),
          council: ReportEntriesSchema.shape.council,
        })
        .openapi("ReportStageChange"),
    ),
  },
  responses: { 200: json(reportHeaderSchema, "Moved."), ...errorResponses(400, 401, 403, 404, 409, 503) },
});

export const reopenReportRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}/reopen",
  tags: TAGS,
  summary:
    "Reopen a completed report: back to draft, the frozen report dropped (admins; audited with the reason)",
  request: {
    params: reportParams,
    body: jsonBody(
      z.object({ base_version: baseVersion, reason: z.string().min(1).max(2000) }).openapi("ReportReopen"),
    ),
  },
  responses: { 200: json(reportHeaderSchema, "Reopened."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const publishReportRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/reports/{plan}/{year}/publish",
  tags: TAGS,
  summary: "Publish (or withdraw) a completed report's public page and files (admins)",
  request: {
    params: reportParams,
    body: jsonBody(z.object({ base_version: baseVersion, published: z.boolean() }).openapi("ReportPublish")),
  },
  responses: { 200: json(reportHeaderSchema, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});
