import { z } from "@hono/zod-openapi";
import { TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { memberSchema } from "../../presenters/account.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, tenantParams } from "../common.ts";

export const listMembersRoute = secureRoute(TENANT_ADMINS, {
  method: "get",
  path: "/api/tenants/{tenant}/members",
  tags: ["members"],
  summary: "The tenant's members and their roles",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), members: z.array(memberSchema) }), "The members."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const putMemberBody = z
  .object({
    email: z.email(),
    role: z.enum(["admin", "editor", "council", "expert", "citizen"]),
    departments: z
      .array(z.string().min(1))
      .default([])
      .openapi({ description: "Editors only: one or more of the tenant's departments (its settings)." }),
  })
  .openapi("MemberPut");

export const putMemberRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/members",
  tags: ["members"],
  summary: "Give an account a role in the tenant (or change it)",
  request: { params: tenantParams, body: jsonBody(putMemberBody) },
  responses: { 200: json(memberSchema, "The member."), ...errorResponses(400, 401, 403, 404, 415, 429) },
});
