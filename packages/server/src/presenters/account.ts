/** What leaves the server about accounts: id, email, name and roles; never hashes, tokens or sessions. */
import { type Role, RoleSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";

export const accountUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    platform_admin: z.boolean(),
    must_change_password: z
      .boolean()
      .openapi({ description: "A one-time password: change it (POST /api/auth/change-password) first." }),
  })
  .openapi("AccountUser");

export const sessionSchema = z
  .object({
    // a union, not .nullable(): the latter is written allOf [AccountUser] with null, which no null satisfies
    user: z.union([accountUserSchema, z.null()]),
    memberships: z.array(
      z.object({ tenant: z.string(), role: z.string(), departments: z.array(z.string()) }),
    ),
  })
  .openapi("Session");

export function presentUser(u: {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  mustChangePassword?: boolean;
}) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    platform_admin: u.role === "admin",
    must_change_password: u.mustChangePassword === true,
  };
}

export const memberSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    departments: z.array(z.string()),
  })
  .openapi("Member");

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    departments: z.array(z.string()),
    invited_by: z.string().nullable().openapi({ description: "The inviting admin's user id." }),
    created_at: z.string(),
    expires_at: z.string(),
  })
  .openapi("Invitation");

export function presentInvitation(i: {
  id: string;
  email: string;
  role: Role;
  departments: string[];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    departments: i.departments,
    invited_by: i.invitedBy,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
  };
}

export function presentMember(m: {
  userId: string;
  email: string;
  name: string;
  role: Role;
  departments: string[];
}) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, departments: m.departments };
}
