/**
 * Deny by default: every route declares who may call it (`Access`), and `authorize` is the one place that
 * checks it. Routes under /api/tenants/{tenant}/ are checked against the tenant in the path, so a member of
 * one city never reaches another city's data by changing an id.
 *
 * Auditors read and never write, in this one place: a GET of any member route lets an auditor of the tenant
 * in, and no other method does, whatever roles the route names.
 */
import { CitypathError, DRAFT_READERS, problem, READ_ONLY_ROLES, type Role } from "@citypath/core";
import type { TenantRecord } from "@citypath/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Caller } from "./env.ts";
import { SLUG_PATTERN } from "./routes/common.ts";

export type Access =
  /** Anyone, signed in or not; sees published data only unless a member. */
  | { readonly kind: "public" }
  /** A member of the tenant in the path with one of the roles (platform admins pass too). */
  | { readonly kind: "member"; readonly roles: readonly Role[] }
  /** Anyone signed in, whatever their roles (their own account). */
  | { readonly kind: "signed-in" }
  /** A platform administrator (creates tenants, imports). */
  | { readonly kind: "platform-admin" };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed-in" };
export const EDITORS: Access = { kind: "member", roles: ["admin", "editor"] };
export const TENANT_ADMINS: Access = { kind: "member", roles: ["admin"] };
export const MEMBERS: Access = { kind: "member", roles: ["admin", "editor", "council", "expert", "citizen"] };
/** Reads for the tenant's admins and its auditors (the audit trail, members, the outbox). */
export const ADMINS_AND_AUDITORS: Access = { kind: "member", roles: ["admin", "auditor"] };
export const PLATFORM_ADMINS: Access = { kind: "platform-admin" };

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** Whether a member with `role` may make a request with `method` to a route that lets `roles` in. */
export function memberMay(roles: readonly Role[], role: Role | undefined, method: string): boolean {
  if (role === undefined) return false;
  const safe = SAFE_METHODS.has(method.toUpperCase());
  if (READ_ONLY_ROLES.includes(role)) return safe;
  return roles.includes(role);
}

/** How the access shows in the OpenAPI document (`x-citypath-access`): the roles let in by that method. */
export function accessLabel(a: Access, method = "get"): string {
  if (a.kind === "member") {
    const roles = [...a.roles.filter((r) => !READ_ONLY_ROLES.includes(r))];
    if (SAFE_METHODS.has(method.toUpperCase()))
      roles.push(...READ_ONLY_ROLES.filter((r) => !roles.includes(r)));
    return `member:${roles.join(",")}`;
  }
  return a.kind;
}

/** The caller's role in a tenant, or undefined; the development operator and platform admins act as admin. */
export function roleIn(caller: Caller, tenantId: string): Role | undefined {
  if (caller.kind === "development") return "admin";
  if (caller.kind !== "user") return undefined;
  if (caller.platformAdmin) return "admin";
  return caller.memberships.get(tenantId);
}

/** Whether the caller may see unpublished records (drafts) of the tenant. */
export function seesDrafts(caller: Caller, tenantId: string): boolean {
  const r = roleIn(caller, tenantId);
  return r !== undefined && DRAFT_READERS.includes(r);
}

function refuse(caller: Caller, what: string): never {
  if (caller.kind === "anonymous") throw new CitypathError(problem("UNAUTHENTICATED", `Sign in to ${what}.`));
  throw new CitypathError(problem("FORBIDDEN", `Your role does not allow you to ${what}.`));
}

/**
 * The route middleware that enforces a declaration; it also resolves the tenant named in the path. A tenant
 * the services have cached is taken without a promise (every public read passes here: each promise costs a
 * turn of the microtask queue and, with async hooks on, their hooks).
 */
export function authorize(access: Access) {
  const admit = (c: Context<AppEnv>, slug: string, tenant: TenantRecord | undefined) => {
    if (!tenant) throw new CitypathError(problem("NOT_FOUND", `No tenant "${slug}".`, { path: "tenant" }));
    c.set("tenant", tenant);
    if (
      access.kind === "member" &&
      !memberMay(access.roles, roleIn(c.get("caller"), tenant.id), c.req.method)
    )
      refuse(c.get("caller"), `do this in ${tenant.slug}`);
    rest(c.get("caller"));
  };
  const rest = (caller: Caller) => {
    if (access.kind === "signed-in" && caller.kind === "anonymous") refuse(caller, "do this");
    if (access.kind === "platform-admin") {
      const ok = caller.kind === "development" || (caller.kind === "user" && caller.platformAdmin);
      if (!ok) refuse(caller, "administer the platform");
    }
  };
  return createMiddleware<AppEnv>((c, next) => {
    const slug = c.req.param("tenant");
    if (slug === undefined) {
      // a member route must name its tenant; reaching here is a programming error caught by the route test
      if (access.kind === "member")
        throw new CitypathError(problem("INTERNAL", "A member route without a tenant in its path."));
      rest(c.get("caller"));
      return next();
    }
    // the path parameter is checked before it is looked up
    if (!SLUG_PATTERN.test(slug))
      throw new CitypathError(
        problem("BAD_VALUE", "A tenant is named by its slug: lower-case letters, digits and '-'.", {
          path: "param.tenant",
        }),
      );
    const services = c.get("deps").services;
    const cached = services.cachedTenant(slug);
    if (cached) {
      admit(c, slug, cached);
      return next();
    }
    return services.tenantBySlug(slug).then((tenant) => {
      admit(c, slug, tenant);
      return next();
    });
  });
}
