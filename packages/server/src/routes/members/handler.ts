import { randomBytes } from "node:crypto";
import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import {
  AUDIT_PLATFORM,
  appendAudit,
  createInvitation,
  markInvitationAccepted,
  openInvitation,
  pendingInvitations,
  queueMail,
  type Store,
  type TenantRecord,
  withdrawInvitation,
} from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { RateLimitedError } from "../../errors.ts";
import { presentInvitation, presentMember, presentUser } from "../../presenters/account.ts";
import { clientAddress } from "../../security/address.ts";
import { hashPassword } from "../../security/auth.ts";
import { passwordProblem } from "../../security/passwords.ts";
import { recordChange } from "../../services/audit.ts";
import { recordRead } from "../../services/privacy.ts";
import { authOf, forward, signedIn } from "../auth/handler.ts";
import { notFound } from "../common.ts";
import {
  acceptInvitationRoute,
  listInvitationsRoute,
  listMembersRoute,
  lookupInvitationRoute,
  putMemberRoute,
  removeMemberRoute,
  withdrawInvitationRoute,
} from "./schema.ts";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** A membership names departments by their ids in the tenant's register (decision 0083), never by a name. */
async function departmentProblems(
  store: Store,
  t: TenantRecord,
  role: string,
  departments: string[],
): Promise<Problem[]> {
  const register = (await store.agenda.registers(t.id)).departments;
  const known = new Set(register.map((d) => d.id as string));
  const problems: Problem[] = [];
  if (role === "editor" && departments.length === 0)
    problems.push(
      problem("MISSING_VALUE", "An editor works for at least one department.", { path: "json.departments" }),
    );
  if (role !== "editor" && departments.length > 0)
    problems.push(problem("BAD_VALUE", "Only editors have departments.", { path: "json.departments" }));
  departments.forEach((d, i) => {
    if (known.has(d)) return;
    const byName = register.find((x) => x.name.ko === d || x.name.en === d);
    problems.push(
      problem(
        "UNKNOWN_REFERENCE",
        byName
          ? `"${d}" is a department's name: name it by its id, "${byName.id}".`
          : `"${d}" is not one of ${t.slug}'s departments (${[...known].join(", ") || "none registered"}).`,
        { path: `json.departments.${i}` },
      ),
    );
  });
  return problems;
}

/** Refuses a change that would leave the tenant without an admin. */
async function keepAnAdmin(store: Store, tenantId: TenantId, userId: string, newRole: string | null) {
  const members = await store.memberships.list(tenantId);
  const me = members.find((m) => m.userId === userId);
  if (me?.role !== "admin" || newRole === "admin") return;
  if (members.filter((m) => m.role === "admin").length <= 1)
    throw new CitypathError(
      problem("CONFLICT", "This is the tenant's last admin: make another member admin first."),
    );
}

const invalidLink = () =>
  new CitypathError(
    problem(
      "BAD_VALUE",
      "This invitation link does not work: it was used or withdrawn, it has expired (after " +
        `${INVITATION_DAYS} days) or it was not copied whole. Ask the administrator for a new one.`,
      { path: "json.token" },
    ),
  );

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listMembersRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const members = await store.transaction(async (st) => {
      const list = await st.memberships.list(t.id);
      // emails and names of staff: a read of personal data, written to the trail
      await recordRead(st, c.get("caller"), t.id, "members", list.length);
      return list;
    });
    return c.json({ tenant: t.slug, members: members.map(presentMember) }, 200);
  });

  app.openapi(putMemberRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const email = body.email.trim().toLowerCase();
    const problems = await departmentProblems(deps.store, t, body.role, body.departments);
    if (problems.length) throw new CitypathError(problems);
    const now = deps.clock();
    const member = (await deps.store.memberships.list(t.id)).find((m) => m.email === email);
    if (member) {
      // a member already (the admin sees the list): the role changes at once
      const after = await recordChange(deps.store, caller, async (st) => {
        await keepAnAdmin(st, t.id, member.userId, body.role);
        await st.memberships.put(t.id, member.userId, body.role, body.departments);
        const changed = (await st.memberships.list(t.id)).find((m) => m.userId === member.userId)!;
        return {
          result: changed,
          audit: {
            tenantId: t.id,
            action: "update",
            entity: "membership",
            entityId: member.userId,
            before: { role: member.role, departments: member.departments },
            after: { role: changed.role, departments: changed.departments },
          },
        };
      });
      return c.json(
        {
          status: "updated" as const,
          email,
          role: after.role,
          departments: after.departments,
          invitation: null,
          member: presentMember(after),
        },
        200,
      );
    }
    // Anyone else is invited by mail, whether or not the address has an account: the answer is the same.
    const token = randomBytes(32).toString("base64url");
    const base = authOf(c).publicUrl;
    const invitation = await recordChange(deps.store, caller, async (st) => {
      const inv = await createInvitation(st, {
        tenantId: t.id,
        email,
        role: body.role,
        departments: body.departments,
        token,
        invitedBy: caller.kind === "user" ? caller.userId : null,
        now: new Date(now),
        expiresAt: new Date(now + INVITATION_DAYS * 86_400_000),
      });
      await queueMail(st, {
        kind: "invitation",
        email,
        link: `${base}/ko/workspace/invitation?tenant=${encodeURIComponent(t.slug)}&token=${token}`,
        forTenant: t.id,
        data: {
          tenant: t.slug,
          tenant_name: t.name,
          tenant_name_en: t.nameEn,
          role: body.role,
          departments: body.departments,
        },
        at: new Date(now),
      });
      // the trail names no email (docs/security.md): the invitation's id, role and departments
      return {
        result: inv,
        audit: {
          tenantId: t.id,
          action: "create",
          entity: "invitation",
          entityId: inv.id,
          after: { role: inv.role, departments: inv.departments, expires_at: inv.expiresAt.toISOString() },
        },
      };
    });
    deps.mail?.kick();
    return c.json(
      {
        status: "invited" as const,
        email,
        role: invitation.role,
        departments: invitation.departments,
        invitation: presentInvitation(invitation),
        member: null,
      },
      200,
    );
  });

  app.openapi(removeMemberRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { user } = c.req.valid("param");
    const removed = await recordChange(deps.store, c.get("caller"), async (st) => {
      const m = (await st.memberships.list(t.id)).find((x) => x.userId === user);
      if (!m) throw notFound(`${user} is not a member of ${t.slug}.`, "param.user");
      await keepAnAdmin(st, t.id, user, null);
      await st.memberships.remove(t.id, user);
      return {
        result: m,
        audit: {
          tenantId: t.id,
          action: "delete",
          entity: "membership",
          entityId: user,
          before: { role: m.role, departments: m.departments },
          after: null,
        },
      };
    });
    return c.json({ removed: presentMember(removed) }, 200);
  });

  app.openapi(listInvitationsRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const list = await deps.store.transaction(async (st) => {
      const l = await pendingInvitations(st, t.id, new Date(deps.clock()));
      await recordRead(st, c.get("caller"), t.id, "invitations", l.length);
      return l;
    });
    return c.json({ tenant: t.slug, invitations: list.map(presentInvitation) }, 200);
  });

  app.openapi(withdrawInvitationRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { invitation } = c.req.valid("param");
    const withdrawn = await recordChange(deps.store, c.get("caller"), async (st) => {
      const inv = await withdrawInvitation(st, t.id, invitation, new Date(deps.clock()));
      if (!inv) throw notFound(`No open invitation ${invitation} in ${t.slug}.`, "param.invitation");
      return {
        result: inv,
        audit: {
          tenantId: t.id,
          action: "delete",
          entity: "invitation",
          entityId: inv.id,
          before: { role: inv.role, departments: inv.departments },
          after: null,
        },
      };
    });
    return c.json({ withdrawn: presentInvitation(withdrawn) }, 200);
  });

  app.openapi(lookupInvitationRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { token } = c.req.valid("json");
    const inv = await openInvitation(deps.store, t.id, token, new Date(deps.clock()));
    if (!inv) throw invalidLink();
    // the token's holder reads the mailbox of the address: whether it has an account is theirs to know
    const account = await deps.store.users.byEmail(inv.email);
    return c.json(
      {
        tenant: t.slug,
        tenant_name: t.name,
        tenant_name_en: t.nameEn,
        email: inv.email,
        role: inv.role,
        departments: inv.departments,
        expires_at: inv.expiresAt.toISOString(),
        account_exists: account !== undefined,
      },
      200,
    );
  });

  app.openapi(acceptInvitationRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const now = new Date(deps.clock());
    const inv = await openInvitation(deps.store, t.id, body.token, now);
    if (!inv) throw invalidLink();
    const account = await deps.store.users.byEmail(inv.email);
    const join = async (st: Store, userId: string) => {
      if (!(await markInvitationAccepted(st, t.id, inv.id, userId, now))) throw invalidLink();
      const before = (await st.memberships.list(t.id)).find((m) => m.userId === userId);
      await st.memberships.put(t.id, userId, inv.role, inv.departments);
      await appendAudit(st, {
        tenantId: t.id,
        actorId: userId,
        action: before ? "update" : "create",
        entity: "membership",
        entityId: userId,
        before: before ? { role: before.role, departments: before.departments } : null,
        after: { role: inv.role, departments: inv.departments, invitation: inv.id },
      });
    };
    const answer = (user: ReturnType<typeof presentUser>) => ({
      tenant: t.slug,
      role: inv.role,
      departments: inv.departments,
      user,
    });

    if (account) {
      // the account exists: only its holder, signed in, accepts
      if (caller.kind !== "user")
        throw new CitypathError(
          problem("UNAUTHENTICATED", `Sign in as ${inv.email} to accept this invitation.`),
        );
      if (caller.userId !== account.id)
        throw new CitypathError(
          problem("FORBIDDEN", `This invitation is for ${inv.email}: sign in as that account to accept it.`),
        );
      await deps.store.transaction((st) => join(st, account.id));
      return c.json(answer(presentUser(account)), 200);
    }

    // no account: the link proved the address; a name and a password create it
    const wait = (await deps.limiter?.signUp(clientAddress(c))) ?? 0;
    if (wait) throw new RateLimitedError(wait, "sign-ups from this address");
    const missing: Problem[] = [];
    if (!body.name)
      missing.push(problem("MISSING_VALUE", "Your name, as colleagues know it.", { path: "json.name" }));
    if (!body.password)
      missing.push(problem("MISSING_VALUE", "A password for your new account.", { path: "json.password" }));
    if (missing.length) throw new CitypathError(missing);
    const why = passwordProblem(body.password!, { email: inv.email, name: body.name! });
    if (why) throw new CitypathError(problem("BAD_VALUE", why, { path: "json.password" }));
    const passwordHash = await hashPassword(body.password!);
    await deps.store.transaction(async (st) => {
      const u = await st.users.create({ name: body.name!, email: inv.email });
      await st.users.markEmailVerified(u.id);
      await st.users.setPasswordHash(u.id, passwordHash);
      await appendAudit(st, {
        tenantId: AUDIT_PLATFORM,
        actorId: u.id,
        action: "create",
        entity: "user",
        entityId: u.id,
        after: { id: u.id },
      });
      await join(st, u.id);
    });
    // and signs in, as a sign-in would (session and CSRF cookies)
    const res = await forward(c, "/api/auth/sign-in/email", {
      email: inv.email,
      password: body.password,
    });
    const out = await signedIn(c, res);
    const b = (await out.clone().json()) as { user: ReturnType<typeof presentUser> };
    const joined = c.json(answer(b.user), 200);
    for (const v of out.headers.getSetCookie()) joined.headers.append("set-cookie", v);
    await deps.limiter?.remember(clientAddress(c), b.user.id);
    return joined;
  });
}
