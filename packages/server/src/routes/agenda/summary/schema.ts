/** Status counts of the actions, overall and grouped. */
import { z } from "@hono/zod-openapi";
import { PUBLIC } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import { statusSummarySchema } from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { json, tenantParams } from "../../common.ts";
import { TAGS } from "../schema.ts";

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
    200: json(statusSummarySchema, "The counts."),
    ...errorResponses(400, 404),
  },
});
