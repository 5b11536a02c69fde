/** Accounts (global) and memberships (an account in a tenant, with a role). */
import { randomUUID } from "node:crypto";
import type { TenantId } from "@citypath/core";
import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
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

/** What the two session reads select: the session, its account and one of the account's memberships a row. */
const sessionAccessColumns = {
  userId: t.user.id,
  emailVerified: t.user.emailVerified,
  expiresAt: t.session.expiresAt,
  role: t.user.role,
  lastActiveAt: t.user.lastActiveAt,
  tenantId: t.membership.tenantId,
  memberRole: t.membership.role,
};

/**
 * The session, its account and the account's memberships in one statement, built once (a named prepared
 * statement on PostgreSQL): every signed-in request asks it.
 */
function sessionAccessQuery(db: Db) {
  return db
    .select(sessionAccessColumns)
    .from(t.session)
    .innerJoin(t.user, eq(t.user.id, t.session.userId))
    .leftJoin(t.membership, eq(t.membership.userId, t.user.id))
    .where(eq(t.session.token, sql.placeholder("token")))
    .prepare("citypath_session_access");
}

/**
 * The write limit's stored key of an account, computed in SQL from its id: the same text as
 * `limitKey("write:user", userId)` (limits.ts), SHA-256 of the two parts joined by a NUL, in base64url.
 */
const writeLimitKey = (userId: SQL) =>
  sql`rtrim(translate(encode(sha256(convert_to('write:user', 'UTF8') || decode('00', 'hex') || convert_to(${userId}, 'UTF8')), 'base64'), '+/', '-_'), '=')`;

/**
 * `sessionAccessQuery` that also counts one write against the account's write limit, in the same statement
 * (decision 0071): a CTE takes the limit as `takeLimit` does (limits.ts: a fixed window, counted under the
 * row's lock, refused without counting when full), for a session that exists and has not expired at `now`.
 * Each row carries the count after this write (null when refused or when there is no valid session) and the
 * counter's window end as it stood when the statement began, for the Retry-After of a refusal.
 */
function sessionAccessWriteQuery(db: Db) {
  const r = t.rateLimit;
  const now = sql`${sql.placeholder("now")}::bigint`;
  const max = sql`${sql.placeholder("max")}::int`;
  const window = sql`${sql.placeholder("window")}::bigint`;
  const token = sql`${sql.placeholder("token")}::text`;
  const sessionNow = sql`${sql.placeholder("sessionNow")}::bigint`;
  const expired = sql`rate_limit.reset_at <= ${now}`;
  const taken = db.$with("write_taken", { count: sql<number>`count`.as("count") }).as(
    sql`INSERT INTO ${r} (key, count, reset_at, next_at)
        SELECT ${writeLimitKey(sql`s.user_id`)}, 1, ${now} + ${window}, 0
          FROM ${t.session} s
         WHERE s.token = ${token} AND s.expires_at > to_timestamp(${sessionNow} / 1000.0)
        ON CONFLICT (key) DO UPDATE
           SET count = (CASE WHEN ${expired} THEN 1 ELSE rate_limit.count + 1 END),
               reset_at = (CASE WHEN ${expired} THEN excluded.reset_at ELSE rate_limit.reset_at END),
               next_at = 0
         WHERE ${expired} OR (rate_limit.count < ${max} AND rate_limit.next_at <= ${now})
        RETURNING rate_limit.count`,
  );
  return db
    .with(taken)
    .select({
      ...sessionAccessColumns,
      writeCount: sql<number | null>`(SELECT count FROM ${taken})`,
      writeResetAt: sql<
        string | number | null
      >`(SELECT l.reset_at FROM ${r} l WHERE l.key = ${writeLimitKey(sql`${t.user.id}`)})`,
    })
    .from(t.session)
    .innerJoin(t.user, eq(t.user.id, t.session.userId))
    .leftJoin(t.membership, eq(t.membership.userId, t.user.id))
    .where(eq(t.session.token, token))
    .prepare("citypath_session_access_write");
}

export function usersRepository(db: Db, _bump: (tenantId: string) => void): Store["users"] {
  let sessionAccess: ReturnType<typeof sessionAccessQuery> | undefined;
  let sessionAccessWrite: ReturnType<typeof sessionAccessWriteQuery> | undefined;
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
    async bySession(token, write) {
      if (write) {
        sessionAccessWrite ??= sessionAccessWriteQuery(db);
        const rows = await sessionAccessWrite.execute({
          token,
          now: write.now,
          sessionNow: write.sessionNow ?? write.now,
          max: write.max,
          window: write.windowMs,
        });
        const access = accessOf(rows);
        const first = rows[0];
        if (!access || !first) return undefined;
        const count = first.writeCount === null ? null : Number(first.writeCount);
        const counted = first.expiresAt.getTime() > (write.sessionNow ?? write.now);
        const out: SessionAccess = {
          ...access,
          userId: first.userId,
          emailVerified: first.emailVerified,
          expiresAt: first.expiresAt,
          ...(counted
            ? {
                write:
                  count !== null
                    ? { allowed: true, retryAfterMs: 0, count }
                    : {
                        allowed: false,
                        // the window's end as the statement found it; a counter reset meanwhile: try in a second
                        retryAfterMs: Math.max(1, Number(first.writeResetAt ?? 0) - write.now),
                        count: write.max,
                      },
              }
            : {}),
        };
        return out;
      }
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
