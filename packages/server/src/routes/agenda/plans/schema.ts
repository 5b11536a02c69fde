/** The tenant's plans: the list, one plan as a tree, its workflow stage, saving a whole plan. */
import { LocalTextAnswerSchema } from "@citypath/core";
import {
  DepartmentIdSchema,
  PartialDateSchema,
  PlanSchema,
  PlanStageSchema,
} from "@citypath/core/agenda/index";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC, TENANT_ADMINS } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import {
  citedSourcesSchema,
  planAnswerSchema,
  planSummarySchema,
  savedPlanSchema,
} from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { baseVersion, planParams, provenance, TAGS, text } from "../schema.ts";

export const listPlansRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/plans",
  tags: TAGS,
  summary: "The tenant's plans (citizens and visitors: the published ones)",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        plans: z.array(planSummarySchema),
        departments: z
          .array(z.object({ id: DepartmentIdSchema, name: LocalTextAnswerSchema }))
          .openapi({ description: "The tenant's departments (the register the plans and actions name)." }),
        sources: citedSourcesSchema,
      }),
      "The plans and the departments.",
    ),
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
    200: json(planAnswerSchema, "The plan."),
    ...errorResponses(400, 404),
  },
});

export const planStageBody = z
  .object({
    base_version: baseVersion,
    stage: PlanStageSchema,
    date: PartialDateSchema,
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
    200: json(savedPlanSchema, "The plan at its new stage."),
    ...errorResponses(400, 401, 403, 404, 409),
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
    body: jsonBody(z.object({ base_version: baseVersion, plan: PlanSchema }).openapi("PlanSave")),
  },
  responses: {
    200: json(savedPlanSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
