import { RoleSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { ADMINS_AND_AUDITORS, PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { accountUserSchema, invitationSchema, memberSchema } from "../../presenters/account.ts";
import { secureRoute } from "../../route.ts";
import { MAX_PASSWORD_LENGTH } from "../../security/passwords.ts";
import { json, jsonBody, tenantParams } from "../common.ts";

export const listMembersRoute = secureRoute(ADMINS_AND_AUDITORS, {
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
    email: z.email().max(254),
    role: RoleSchema,
    departments: z
      .array(z.string().min(1).max(200))
      .max(50)
      .default([])
      .openapi({
        description:
          "Editors only: one or more of the tenant's departments, by their ids in the department register " +
          "(GET /api/tenants/{tenant}/departments); a name is refused.",
      }),
  })
  .openapi("MemberPut");

export const putMemberResult = z
  .object({
    status: z.enum(["invited", "updated"]).openapi({
      description:
        "`updated`: the address is a member already and has the new role now. `invited`: an invitation " +
        "went to the address, whether or not it has an account; the role starts when it is accepted.",
    }),
    email: z.string(),
    role: RoleSchema,
    departments: z.array(z.string()),
    // unions, not .nullable(): the latter would make the named schemas themselves nullable in the document
    invitation: z.union([invitationSchema, z.null()]),
    member: z.union([memberSchema, z.null()]),
  })
  .openapi("MemberPutResult");

export const putMemberRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/members",
  tags: ["members"],
  summary: "Invite an address with a role, or change a member's role and departments",
  description:
    "A member's role changes at once. Any other address gets an invitation by mail (its link lets the " +
    "invitee set a password when there is no account, or sign in and join): the answer is the same whether " +
    "or not the address has an account. The tenant keeps at least one admin.",
  request: { params: tenantParams, body: jsonBody(putMemberBody) },
  responses: {
    200: json(putMemberResult, "Invited, or changed."),
    ...errorResponses(400, 401, 403, 404, 409, 415, 429),
  },
});

const userParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: "user", in: "path" }, description: "The member's user id." });

export const removeMemberRoute = secureRoute(TENANT_ADMINS, {
  method: "delete",
  path: "/api/tenants/{tenant}/members/{user}",
  tags: ["members"],
  summary: "End a membership (the account stays; the tenant keeps at least one admin)",
  request: { params: tenantParams.extend({ user: userParam }) },
  responses: {
    200: json(z.object({ removed: memberSchema }), "Removed."),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

export const listInvitationsRoute = secureRoute(ADMINS_AND_AUDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/invitations",
  tags: ["members"],
  summary: "Invitations not yet accepted, withdrawn or expired",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), invitations: z.array(invitationSchema) }), "The invitations."),
    ...errorResponses(400, 401, 403, 404),
  },
});

const invitationParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: "invitation", in: "path" }, description: "The invitation's id." });

export const withdrawInvitationRoute = secureRoute(TENANT_ADMINS, {
  method: "delete",
  path: "/api/tenants/{tenant}/invitations/{invitation}",
  tags: ["members"],
  summary: "Withdraw an invitation (its link stops working)",
  request: { params: tenantParams.extend({ invitation: invitationParam }) },
  responses: {
    200: json(z.object({ withdrawn: invitationSchema }), "Withdrawn."),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const token = z.string().min(1).max(200);

export const invitationView = z
  .object({
    tenant: z.string(),
    tenant_name: z.string(),
    tenant_name_en: z.string(),
    email: z.string(),
    role: RoleSchema,
    departments: z.array(z.string()),
    expires_at: z.string(),
    account_exists: z.boolean().openapi({
      description: "Whether the invited address has an account (then: sign in as it and accept).",
    }),
  })
  .openapi("InvitationView");

export const lookupInvitationRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/tenants/{tenant}/invitations/lookup",
  tags: ["members"],
  summary: "What an invitation link offers (for the holder of its token)",
  request: { params: tenantParams, body: jsonBody(z.object({ token })) },
  responses: { 200: json(invitationView, "The invitation."), ...errorResponses(400, 403, 404, 415, 429) },
});

export const acceptInvitationRoute = secureRoute(PUBLIC, {
  method: "post",
  path: "/api/tenants/{tenant}/invitations/accept",
  tags: ["members"],
  summary: "Accept an invitation: sign in as the invited account, or create it with a name and password",
  description:
    "When the invited address has an account, the caller must be signed in as it (401 otherwise). When it " +
    "has none, `name` and `password` create it (the mailed link proved the address) and sign it in.",
  request: {
    params: tenantParams,
    body: jsonBody(
      z.object({
        token,
        name: z.string().min(1).max(200).optional(),
        password: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional(),
      }),
    ),
  },
  responses: {
    200: json(
      z
        .object({
          tenant: z.string(),
          role: RoleSchema,
          departments: z.array(z.string()),
          user: accountUserSchema,
        })
        .openapi("InvitationAccepted"),
      "Joined.",
    ),
    ...errorResponses(400, 401, 403, 404, 409, 415, 429),
  },
});
