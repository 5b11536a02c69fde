/** Progress updates of an action (dated, with the caller as author). */
import { z } from "@hono/zod-openapi";
import { EDITORS } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import { secureRoute } from "../../../route.ts";
import { json, jsonBody, tenantParams } from "../../common.ts";
import { baseVersion, doc, ID, TAGS, text } from "../schema.ts";

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
