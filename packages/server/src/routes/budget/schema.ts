/**
 * The GHG-reduction budget's routes: budget lines and settlements per fiscal year, their import from
 * CSV/XLSX (preview, then all or nothing), and the budget and settlement statements as JSON tables, HTML,
 * XLSX or PDF. Reads are public once the year is published (members who review drafts see every year);
 * writes belong to editors of the line's department and tenant admins. Bodies are the core's schemas.
 */
import { ID_PATTERN } from "@citypath/core";
import { BudgetLineSchema, SettlementSchema } from "@citypath/core/budget/index";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const TAGS = ["budget"];
const yearParam = z
  .string()
  .regex(/^(19|20|21)\d\d$/, "a year, e.g. 2024")
  .openapi({ param: { name: "year", in: "path" }, example: "2024" });
const codeParam = z
  .string()
  .regex(
    /^\d{3}-\d{3}-[0-9A-Za-z]{1,12}-[0-9A-Za-z]{1,12}-[0-9A-Za-z]{1,12}$/,
    "a budget code, e.g. 120-123-A01-B01-C01",
  )
  .openapi({ param: { name: "code", in: "path" }, example: "120-123-TR01-BRT-001" });
const yearParams = z.object({ tenant: tenantParam, year: yearParam });
const lineParams = z.object({ tenant: tenantParam, year: yearParam, code: codeParam });
const baseVersion = z.number().int().min(0).openapi({ description: "The version read; 0 to create." });

const lineRecord = z
  .object({ line: BudgetLineSchema, version: z.number().int() })
  .openapi("BudgetLineRecord");
const settlementRecord = z
  .object({ settlement: SettlementSchema, version: z.number().int() })
  .openapi("SettlementRecord");

export const listLinesRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/budget/{year}/lines",
  tags: TAGS,
  summary: "A year's budget lines and settlements (visitors: published years only)",
  request: { params: yearParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        year: z.number().int(),
        published: z.boolean(),
        lines: z.array(lineRecord),
        settlements: z.array(settlementRecord),
      }),
      "The lines.",
    ),
    ...errorResponses(400, 404),
  },
});

export const saveLineRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/budget/{year}/lines/{code}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace a budget line (editors of the line's department; admins)",
  request: {
    params: lineParams,
    body: jsonBody(z.object({ base_version: baseVersion, line: BudgetLineSchema }).openapi("BudgetLineSave")),
  },
  responses: { 200: json(lineRecord, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const saveSettlementRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/budget/{year}/settlements/{code}",
  tags: TAGS,
  summary:
    "Create (base_version 0) or replace a line's settlement (editors of the line's department; admins)",
  request: {
    params: lineParams,
    body: jsonBody(
      z.object({ base_version: baseVersion, settlement: SettlementSchema }).openapi("SettlementSave"),
    ),
  },
  responses: { 200: json(settlementRecord, "Saved."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const budgetImportBody = z
  .object({
    kind: z.enum(["lines", "settlements"]),
    file_name: z.string().min(1).max(200),
    content_base64: z.string(),
    format: z.enum(["csv", "xlsx"]).optional(),
    sheet: z.string().max(200).optional(),
    profile: z.string().regex(ID_PATTERN).optional().openapi({
      description:
        "An import profile (kind budget_lines or budget_settlements) whose mapping, constants, value map and scale turn the file's layout into Citypath's.",
    }),
  })
  .openapi("BudgetImport");

const problemRow = z.object({
  file: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});

export const importPreviewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/budget/import/preview",
  tags: TAGS,
  summary:
    "Check a CSV/XLSX of budget lines or settlements (docs/reporting.md layout): what would change, every problem",
  request: { params: tenantParams, body: jsonBody(budgetImportBody) },
  responses: {
    200: json(
      z.object({
        ok: z.boolean(),
        rows: z.number().int(),
        changes: z.array(
          z.object({ year: z.number().int(), code: z.string(), change: z.enum(["new", "changed", "same"]) }),
        ),
        problems: z.array(problemRow),
      }),
      "The preview.",
    ),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

export const importCommitRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/budget/import/commit",
  tags: TAGS,
  summary: "Store a CSV/XLSX of budget lines or settlements, all or nothing",
  request: { params: tenantParams, body: jsonBody(budgetImportBody) },
  responses: {
    200: json(z.object({ stored: z.number().int() }), "Stored."),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

export const statementQuery = z.object({
  kind: z.enum(["budget", "settlement"]),
  format: z.enum(["json", "html", "xlsx", "pdf"]).default("json"),
  lang: z.enum(["ko", "en"]).default("ko"),
});

const cell = z.union([z.string(), z.number(), z.null()]);
export const statementDocumentSchema = z
  .object({
    lang: z.enum(["ko", "en"]),
    title: z.string(),
    subtitle: z.string(),
    overview: z.array(z.object({ label: z.string(), text: z.string() })),
    notices: z.array(z.string()),
    tables: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        note: z.string().optional(),
        columns: z.array(
          z.object({
            label: z.string(),
            kind: z.enum(["text", "thousand_krw", "ratio", "tco2e", "count", "number"]),
          }),
        ),
        rows: z.array(z.array(cell)),
        totals: z.array(z.number().int()).optional(),
      }),
    ),
    sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional() })),
  })
  .openapi("BudgetStatement");

export const statementRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/budget/{year}/statement",
  tags: TAGS,
  summary:
    "The budget statement (예산서) or settlement statement (결산서) as tables (JSON), HTML, XLSX or PDF",
  request: { params: yearParams, query: statementQuery },
  responses: {
    200: {
      description: "The statement.",
      content: {
        "application/json": { schema: statementDocumentSchema },
        "text/html": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...errorResponses(400, 404, 503),
  },
});
