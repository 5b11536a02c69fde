/** Accounts (global) and memberships (an account in a tenant, with a role). */
import { randomUUID } from "node:crypto";
import type { TenantId } from "@citypath/core";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type { AccountAccess, SessionAccess, Store, UserRecord } from "./store.ts";

const userRec = (r: typeof t.user.$inferSelect): UserRecord => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  mustChangePassword: r.mustChangePassword,
  emailVerified: r.emailVerified,
  district: r.district,
  lastActiveAt: r.lastActiveAt,
  createdAt: r.createdAt,
});

/** Rows of an account joined with its memberships (none: one row with null membership) as its access. */
function accessOf(
  rows: readonly {
    role: string;
    lastActiveAt: Date;
    tenantId: string | null;
    memberRole: string | null;
  }[],
): AccountAccess | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    role: first.role,
    lastActiveAt: first.lastActiveAt,
    memberships: rows.flatMap((r) =>
      r.tenantId && r.memberRole ? [{ tenantId: r.tenantId as TenantId, role: r.memberRole as t.Role }] : [],
    ),
  };
}

/**
 * The session, its account and the account's memberships in one statement, built once (a named prepared
 * statement on PostgreSQL): every signed-in request asks it.
 */
function sessionAccessQuery(db: Db) {
  return db
    .select({
      userId: t.user.id,
      emailVerified: t.user.emailVerified,
      expiresAt: t.session.expiresAt,
      role: t.user.role,
      lastActiveAt: t.user.lastActiveAt,
      tenantId: t.membership.tenantId,
      memberRole: t.membership.role,
    })
    .from(t.session)
    .innerJoin(t.user, eq(t.user.id, t.session.userId))
    .leftJoin(t.membership, eq(t.membership.userId, t.user.id))
    .where(eq(t.session.token, sql.placeholder("token")))
    .prepare("citypath_session_access");
}

export function usersRepository(db: Db, _bump: (tenantId: string) => void): Store["users"] {
  let sessionAccess: ReturnType<typeof sessionAccessQuery> | undefined;
  return {
    async count() {
      const [r] = await db.select({ n: count() }).from(t.user);
      return Number(r?.n ?? 0);
    },
    async create(input) {
      const email = input.email.trim().toLowerCase();
      const [r] = await uniqueOr(
        () =>
          db
            .insert(t.user)
            .values({
              id: input.id ?? randomUUID(),
              name: input.name,
              email,
              role: input.role ?? "user",
              mustChangePassword: input.mustChangePassword ?? false,
              ...(input.createdAt ? { createdAt: input.createdAt } : {}),
            })
            .returning(),
        () => conflict(`A user with the email ${email} already exists.`),
      );
      return userRec(r!);
    },
    async byEmail(email) {
      const [r] = await db.select().from(t.user).where(eq(t.user.email, email.trim().toLowerCase()));
      return r && userRec(r);
    },
    async byId(id) {
      const [r] = await db.select().from(t.user).where(eq(t.user.id, id));
      return r && userRec(r);
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .select()
          .from(t.user)
          .where(inArray(t.user.id, [...ids]))
      ).map(userRec);
    },
    async lock(id) {
      const [r] = await db.select().from(t.user).where(eq(t.user.id, id)).for("update");
      return r && userRec(r);
    },
    async bySession(token) {
      sessionAccess ??= sessionAccessQuery(db);
      const rows = await sessionAccess.execute({ token });
      const access = accessOf(rows);
      const first = rows[0];
      if (!access || !first) return undefined;
      const out: SessionAccess = {
        ...access,
        userId: first.userId,
        emailVerified: first.emailVerified,
        expiresAt: first.expiresAt,
      };
      return out;
    },
    async extendSession(token, expiresAt) {
      await db.update(t.session).set({ expiresAt, updatedAt: new Date() }).where(eq(t.session.token, token));
    },
    async markEmailVerified(userId) {
      await db
        .update(t.user)
        .set({ emailVerified: true, updatedAt: new Date() })
        .where(eq(t.user.id, userId));
    },
    async setDistrict(userId, district) {
      await db.update(t.user).set({ district, updatedAt: new Date() }).where(eq(t.user.id, userId));
    },
    async setMustChangePassword(userId, value) {
      await db
        .update(t.user)
        .set({ mustChangePassword: value, updatedAt: new Date() })
        .where(eq(t.user.id, userId));
    },
    async setPasswordHash(userId, hash) {
      const [acc] = await db
        .select({ id: t.account.id })
        .from(t.account)
        .where(and(eq(t.account.userId, userId), eq(t.account.providerId, "credential")));
      if (acc) {
        await db
          .update(t.account)
          .set({ password: hash, updatedAt: new Date() })
          .where(eq(t.account.id, acc.id));
      } else {
        await db.insert(t.account).values({
          id: randomUUID(),
          accountId: userId,
          providerId: "credential",
          userId,
          password: hash,
        });
      }
    },
    async passwordHash(userId) {
      const [acc] = await db
        .select({ p: t.account.password })
        .from(t.account)
        .where(and(eq(t.account.userId, userId), eq(t.account.providerId, "credential")));
      return acc?.p ?? undefined;
    },
  };
}

export function membershipsRepository(db: Db, bump: (tenantId: string) => void): Store["memberships"] {
  return {
    async put(tenantId, userId, role, departments = []) {
      await db
        .insert(t.membership)
        .values({ tenantId, userId, role, departments })
        .onConflictDoUpdate({
          target: [t.membership.tenantId, t.membership.userId],
          set: { role, departments },
        });
      bump(tenantId);
    },
    async list(tenantId) {
      const rows = await db
        .select({
          tenantId: t.membership.tenantId,
          userId: t.membership.userId,
          role: t.membership.role,
          departments: t.membership.departments,
          email: t.user.email,
          name: t.user.name,
        })
        .from(t.membership)
        .innerJoin(t.user, eq(t.user.id, t.membership.userId))
        .where(eq(t.membership.tenantId, tenantId))
        .orderBy(asc(t.user.email));
      return rows.map((r) => ({
        ...r,
        tenantId: r.tenantId as TenantId,
        role: r.role as t.Role,
        departments: r.departments as string[],
      }));
    },
    async ofUser(userId) {
      const rows = await db
        .select({
          tenantId: t.membership.tenantId,
          slug: t.tenant.slug,
          role: t.membership.role,
          departments: t.membership.departments,
        })
        .from(t.membership)
        .innerJoin(t.tenant, eq(t.tenant.id, t.membership.tenantId))
        .where(eq(t.membership.userId, userId))
        .orderBy(asc(t.tenant.slug));
      return rows.map((r) => ({
        tenantId: r.tenantId as TenantId,
        slug: r.slug,
        role: r.role as t.Role,
        departments: r.departments as string[],
      }));
    },
    async remove(tenantId, userId) {
      const rows = await db
        .delete(t.membership)
        .where(and(eq(t.membership.tenantId, tenantId), eq(t.membership.userId, userId)))
        .returning({ userId: t.membership.userId });
      bump(tenantId);
      return rows.length === 1;
    },
  };
}
