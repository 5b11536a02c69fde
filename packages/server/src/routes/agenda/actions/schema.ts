/** Actions: the filtered list, one action (with modelled against observed), saving, status, table import. */
import { AgendaStatusSchema, KrSectorIdSchema } from "@citypath/core";
import { ActionSchema, PartialDateSchema } from "@citypath/core/agenda/index";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import {
  actionAnswerSchema,
  actionPreviewSchema,
  actionSummarySchema,
  savedActionSchema,
} from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { actionParams, baseVersion, observationImportBody, provenance, TAGS, text } from "../schema.ts";

export const actionsQuery = z.object({
  plan: z.string().optional(),
  policy_area: z.string().optional(),
  category: z.string().optional(),
  sector: KrSectorIdSchema.optional(),
  department: z.string().optional(),
  status: AgendaStatusSchema.optional(),
  q: z.string().min(1).optional().openapi({ description: "Search in the Korean and English names." }),
});

export const listActionsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/actions",
  tags: TAGS,
  summary: "Actions, filtered by plan, policy area, category, sector, department, status or text",
  request: { params: tenantParams, query: actionsQuery },
  responses: {
    200: json(z.object({ tenant: z.string(), actions: z.array(actionSummarySchema) }), "The actions."),
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
    200: json(actionAnswerSchema, "The action."),
    ...errorResponses(400, 404),
  },
});

export const saveActionBody = z
  .object({ base_version: baseVersion, action: ActionSchema })
  .openapi("ActionSave");

export const saveActionRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/actions/{action}",
  tags: TAGS,
  summary: "Create (base_version 0) or replace an action (editors: their departments' actions)",
  request: { params: actionParams, body: jsonBody(saveActionBody) },
  responses: {
    200: json(savedActionSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const statusBody = z
  .object({
    base_version: baseVersion,
    status: AgendaStatusSchema,
    date: PartialDateSchema,
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
    200: json(savedActionSchema, "The action with the change."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const actionPreviewRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/actions/import/preview",
  tags: TAGS,
  summary: "Check a CSV/XLSX of actions (new actions, status changes): what would change, and every problem",
  request: { params: tenantParams, body: jsonBody(observationImportBody) },
  responses: { 200: json(actionPreviewSchema, "The preview."), ...errorResponses(400, 401, 403, 404) },
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
