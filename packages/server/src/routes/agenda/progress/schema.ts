/** Progress updates of an action (dated, with the caller as author). */
import { ActionIdSchema, EvidenceSchema, ProgressUpdateSchema } from "@citypath/core/agenda/index";
import { z } from "@hono/zod-openapi";
import { EDITORS } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import { savedActionSchema } from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { baseVersion, TAGS } from "../schema.ts";

export const progressBody = z
  .object({
    action: ActionIdSchema,
    base_version: baseVersion,
    update: ProgressUpdateSchema.omit({ author: true }).extend({
      evidence: z.array(EvidenceSchema).default([]),
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
    200: json(savedActionSchema, "The action with the update."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
