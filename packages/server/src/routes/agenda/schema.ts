/**
 * The agenda's routes: plans, actions, indicators, progress, reminders and the status summary of a tenant.
 * Reads are public (citizens and visitors see what is published; members who review drafts see drafts);
 * writes belong to editors (their departments' actions) and tenant admins. Every record carries its
 * `version`; a write names the version it read (`base_version`) and gets 409 when another write came first.
 */
import { z } from "@hono/zod-openapi";
import { EDITORS, MEMBERS, PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const idParam = (name: string, example: string) =>
  z
    .string()
    .regex(ID)
    .openapi({ param: { name, in: "path" }, example });
const planParams = z.object({ tenant: tenantParam, plan: idParam("plan", "administration-direction-2021") });
const actionParams = z.object({ tenant: tenantParam, action: idParam("action", "brt") });
const indicatorParams = z.object({ tenant: tenantParam, indicator: idParam("indicator", "brt-riders") });

const doc = z.record(z.string(), z.unknown());
const text = z.object({ ko: z.string().min(1), en: z.string().min(1) });
const sources = z
  .array(doc)
  .openapi({ description: "The sources the answer's figures cite (from the tenant's register)." });
const baseVersion = z.number().int().min(0).openapi({ description: "The version read; 0 to create." });
const provenance = {
  source: z.string().optional(),
  illustrative: z.boolean().optional(),
};

const TAGS = ["agenda"];

// ---------------------------------------------------------------- plans

export const listPlansRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/plans",
  tags: TAGS,
  summary: "The tenant's plans (citizens and visitors: the published ones)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), plans: z.array(doc), sources }), "The plans."),
    ...errorResponses(400, 404),
  },
});

export const getPlanRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/plans/{plan}",
  tags: TAGS,
  summary: "One plan as a tree (vision, policy areas, actions, tasks and milestones) with its due dates",
  request: { params: planParams },
  responses: {
    200: json(
      z.object({ plan: doc, version: z.number(), tree: doc, due_dates: z.array(doc), sources }),
      "The plan.",
    ),
    ...errorResponses(400, 404),
  },
});

export const planStageBody = z
  .object({
    base_version: baseVersion,
    stage: z.enum(["draft", "committee_deliberation", "reported_to_council", "published"]),
    date: z.string(),
    comment: text.optional(),
    ...provenance,
  })
  .openapi("PlanStageChange");

export const planStageRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/plans/{plan}/stage",
  tags: TAGS,
  summary: "Move a plan to its next workflow stage (editors of the plan's department; admins)",
  request: { params: planParams, body: jsonBody(planStageBody) },
  responses: {
    200: json(z.object({ plan: doc, version: z.number() }), "The plan at its new stage."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

// ---------------------------------------------------------------- actions

export const actionsQuery = z.object({
  plan: z.string().optional(),
  policy_area: z.string().optional(),
  category: z.string().optional(),
  sector: z.string().optional(),
  department: z.string().optional(),
  status: z.enum(["not_started", "in_progress", "delayed", "completed", "cancelled"]).optional(),
  q: z.string().min(1).optional().openapi({ description: "Search in the Korean and English names." }),
});

export const listActionsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/actions",
  tags: TAGS,
  summary: "Actions, filtered by plan, policy area, category, sector, department, status or text",
  request: { params: tenantParams, query: actionsQuery },
  responses: {
    200: json(z.object({ tenant: z.string(), actions: z.array(doc) }), "The actions."),
    ...errorResponses(400, 404),
  },
});

export const getActionRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/actions/{action}",
  tags: TAGS,
  summary: "One action with its indicators, progress, budget and modelled against observed abatement",
  request: { params: actionParams },
  responses: {
    200: json(
      z.object({
        action: doc,
        version: z.number(),
        indicators: z.array(doc),
        budget: doc,
        modelled: doc.nullable(),
        modelled_problems: z.array(doc),
        sources,
      }),
      "The action.",
    ),
    ...errorResponses(400, 404),
  },
});

export const saveActionBody = z.object({ base_version: baseVersion, action: doc }).openapi("ActionSave");

export const saveActionRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/actions/{action}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace an action (editors: their departments' actions)",
  request: { params: actionParams, body: jsonBody(saveActionBody) },
  responses: {
    200: json(z.object({ action: doc, version: z.number() }), "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const statusBody = z
  .object({
    base_version: baseVersion,
    status: z.enum(["not_started", "in_progress", "delayed", "completed", "cancelled"]),
    date: z.string(),
    reason: text,
    ...provenance,
    needs_verification: z.boolean().optional(),
  })
  .openapi("ActionStatusChange");

export const actionStatusRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/actions/{action}/status",
  tags: TAGS,
  summary: "Change an action's status, with its reason and source",
  request: { params: actionParams, body: jsonBody(statusBody) },
  responses: {
    200: json(z.object({ action: doc, version: z.number() }), "The action with the change."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

// ---------------------------------------------------------------- progress

export const progressBody = z
  .object({
    action: z.string().regex(ID),
    base_version: baseVersion,
    update: z.object({
      id: z.string(),
      date: z.string(),
      text,
      completion_pct: z.number().optional(),
      evidence: z.array(doc).default([]),
    }),
  })
  .openapi("ProgressUpdatePost");

export const postProgressRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/progress",
  tags: TAGS,
  summary: "Add a dated progress update to an action (the author is the caller)",
  request: { params: tenantParams, body: jsonBody(progressBody) },
  responses: {
    200: json(z.object({ action: doc, version: z.number() }), "The action with the update."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

// ---------------------------------------------------------------- indicators

export const listIndicatorsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/indicators",
  tags: TAGS,
  summary: "Indicators (citizens and visitors: those of published actions)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), indicators: z.array(doc), sources }), "The indicators."),
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
    200: json(
      z.object({ indicator: doc, version: z.number(), actions: z.array(z.string()), sources }),
      "The indicator.",
    ),
    ...errorResponses(400, 404),
  },
});

export const observationBody = z
  .object({
    base_version: baseVersion,
    observation: doc,
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
    200: json(z.object({ indicator: doc, version: z.number() }), "The indicator with the value."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const observationImportBody = z
  .object({
    file_name: z.string().min(1),
    content_base64: z.string(),
    format: z.enum(["csv", "xlsx"]).optional(),
    sheet: z.string().optional(),
  })
  .openapi("ObservationImport");

const importAnswer = z.object({
  ok: z.boolean(),
  rows: z.number(),
  changes: z.array(doc),
  problems: z.array(
    z.object({
      file: z.string(),
      row: z.number().nullable(),
      column: z.string().nullable(),
      code: z.string(),
      reason: z.string(),
    }),
  ),
});

export const observationPreviewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/indicators/import/preview",
  tags: TAGS,
  summary: "Check a CSV/XLSX of indicator values: what would change, and every problem with row and column",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: { 200: json(importAnswer, "The preview."), ...errorResponses(400, 401, 403, 404) },
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

// ---------------------------------------------------------------- reminders and summary

export const remindersRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/reminders",
  tags: TAGS,
  summary: "Tasks due or late, stale actions, missing indicator values and legal deadlines, per department",
  request: {
    params: tenantParams,
    query: z.object({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  },
  responses: {
    200: json(z.object({ date: z.string(), messages: z.array(doc) }), "The reminders."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const summaryRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/summary",
  tags: TAGS,
  summary: "Status counts of the actions, overall and by plan, policy area, category or department",
  request: {
    params: tenantParams,
    query: z.object({
      by: z.enum(["plan", "policy_area", "category", "department", "lead_department"]).default("plan"),
    }),
  },
  responses: {
    200: json(z.object({ by: z.string(), overall: doc, groups: z.record(z.string(), doc) }), "The counts."),
    ...errorResponses(400, 404),
  },
});

export const actionPreviewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/actions/import/preview",
  tags: TAGS,
  summary: "Check a CSV/XLSX of actions (new actions, status changes): what would change, and every problem",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: { 200: json(importAnswer, "The preview."), ...errorResponses(400, 401, 403, 404) },
});

export const actionCommitRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/actions/import/commit",
  tags: TAGS,
  summary: "Store a CSV/XLSX of actions, all or nothing",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: {
    200: json(z.object({ stored: z.number(), actions: z.array(z.string()) }), "Stored."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const queueRemindersRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/reminders/queue",
  tags: TAGS,
  summary: "Queue the day's reminders in the outbox, one message per department (a second call adds nothing)",
  request: {
    params: tenantParams,
    body: jsonBody(
      z.object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      }),
    ),
  },
  responses: {
    200: json(z.object({ date: z.string(), messages: z.number(), queued: z.array(z.string()) }), "Queued."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const savePlanRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/plans/{plan}",
  tags: TAGS,
  summary:
    "Create (base_version 0) or replace a plan (tenant admins; stages move through plans/{plan}/stage)",
  request: {
    params: planParams,
    body: jsonBody(z.object({ base_version: baseVersion, plan: doc }).openapi("PlanSave")),
  },
  responses: {
    200: json(z.object({ plan: doc, version: z.number() }), "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const saveIndicatorRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/indicators/{indicator}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace an indicator (editors: their departments' indicators)",
  request: {
    params: indicatorParams,
    body: jsonBody(z.object({ base_version: baseVersion, indicator: doc }).openapi("IndicatorSave")),
  },
  responses: {
    200: json(z.object({ indicator: doc, version: z.number() }), "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
