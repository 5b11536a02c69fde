/**
 * Rate limits and sign-in history in the database, so that every server process counts together and a
 * restart forgets nothing (PGlite and PostgreSQL alike). A limit is taken before the work it guards: one
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE counts the attempt and checks the limit in the same statement,
 * under the row's lock, so no burst of parallel requests gets past it. Times are epoch milliseconds passed
 * in by the caller (its clock; tests move it).
 */
import { createHash } from "node:crypto";
import { and, desc, eq, gt, inArray, lt, notInArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export interface LimitSpec {
  /** Attempts per window; the next one waits for the window's end. */
  readonly max: number;
  readonly windowMs: number;
  /** Each attempt moves the window's end to `now + windowMs` (the count ends after a quiet window). */
  readonly sliding?: boolean;
  /**
   * Growing delays instead of (or before) the hard limit: the first `free` attempts in the window go at
   * once; after the n-th attempt with n >= free, the next waits `min(baseMs * 2^(n - free), maxMs)`.
   */
  readonly delay?: { readonly free: number; readonly baseMs: number; readonly maxMs: number };
}

export interface LimitTaken {
  /** Whether the attempt was counted and may go ahead. */
  readonly allowed: boolean;
  /** When refused: milliseconds until an attempt may be made. */
  readonly retryAfterMs: number;
  /** The count in the window after this attempt (when allowed). */
  readonly count: number;
}

/** The stored key of what is counted: a hash, so neither addresses nor emails are kept in clear. */
export function limitKey(...parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

/**
 * Counts an attempt under `key` if the limit allows it, atomically. `key` should come from `limitKey`.
 */
export async function takeLimit(
  store: Store,
  key: string,
  spec: LimitSpec,
  now: number,
): Promise<LimitTaken> {
  const r = t.rateLimit;
  const nowSql = sql`${now}::bigint`;
  const expired = sql`${r.resetAt} <= ${nowSql}`;
  const newCount = sql`(CASE WHEN ${expired} THEN 1 ELSE ${r.count} + 1 END)`;
  const d = spec.delay;
  // When the attempt after the n-th may go, in epoch milliseconds; 0 when it need not wait. Never "now" for
  // no wait: parallel requests read the clock before their statements run, in any order, and one that read
  // it a millisecond earlier must not be refused because a later reading was stored first.
  const nextAtOf = (n: SQL) =>
    d
      ? sql`(CASE WHEN ${n} < ${d.free}::int THEN 0::bigint ELSE ${nowSql} + least(${d.maxMs}::bigint, ${d.baseMs}::bigint << least(${n} - ${d.free}::int, 40)) END)`
      : sql`0::bigint`;
  const rows = await store.db
    .insert(r)
    .values({ key, count: 1, resetAt: now + spec.windowMs, nextAt: nextAtOf(sql`1`) })
    .onConflictDoUpdate({
      target: r.key,
      set: {
        count: newCount,
        resetAt: spec.sliding
          ? sql`${now + spec.windowMs}::bigint`
          : sql`(CASE WHEN ${expired} THEN ${now + spec.windowMs}::bigint ELSE ${r.resetAt} END)`,
        nextAt: nextAtOf(newCount),
      },
      setWhere: sql`${expired} OR (${r.count} < ${spec.max}::int AND ${r.nextAt} <= ${nowSql})`,
    })
    .returning({ count: r.count });
  if (rows.length > 0) return { allowed: true, retryAfterMs: 0, count: rows[0]!.count };
  const [cur] = await store.db.select().from(r).where(eq(r.key, key));
  if (!cur) return { allowed: false, retryAfterMs: 1000, count: 0 }; // deleted in between: try again
  const until = cur.count >= spec.max ? Math.max(cur.resetAt, cur.nextAt) : cur.nextAt;
  return { allowed: false, retryAfterMs: Math.max(1, until - now), count: cur.count };
}

/**
 * Counts one attempt under each key at once, in one statement (fixed windows, no delays): every key whose
 * limit allows it is counted, the others are not (the caller gives back what was counted if it refuses the
 * request). The rows are written in key order, so that parallel calls lock them in one order. Keys must
 * differ. The answers are in the order of `takes`.
 */
export async function takeLimits(
  store: Store,
  takes: readonly { readonly key: string; readonly spec: Pick<LimitSpec, "max" | "windowMs"> }[],
  now: number,
): Promise<LimitTaken[]> {
  if (takes.length === 0) return [];
  const r = t.rateLimit;
  const sorted = [...takes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const params: Record<string, string | number> = { now };
  sorted.forEach((x, i) => {
    params[`k${i}`] = x.key;
    params[`m${i}`] = x.spec.max;
    params[`r${i}`] = now + x.spec.windowMs;
  });
  const rows = await takeLimitsQuery(store.db, sorted.length).execute(params);
  const counted = new Map(rows.map((x) => [x.key, x.count]));
  const refused = takes.filter((x) => !counted.has(x.key)).map((x) => x.key);
  const current = refused.length
    ? new Map((await store.db.select().from(r).where(inArray(r.key, refused))).map((x) => [x.key, x]))
    : new Map<string, typeof r.$inferSelect>();
  return takes.map((x) => {
    const n = counted.get(x.key);
    if (n !== undefined) return { allowed: true, retryAfterMs: 0, count: n };
    const cur = current.get(x.key);
    if (!cur) return { allowed: false, retryAfterMs: 1000, count: 0 }; // deleted in between: try again
    const until = cur.count >= x.spec.max ? Math.max(cur.resetAt, cur.nextAt) : cur.nextAt;
    return { allowed: false, retryAfterMs: Math.max(1, until - now), count: cur.count };
  });
}

/**
 * takeLimits's statement for `n` keys, built once per handle and count (a named prepared statement on
 * PostgreSQL: a support and a comment ask it on every request). Parameters: now; for each key in key order,
 * k<i> the key, m<i> its max and r<i> the end of a window that starts now.
 */
const takeLimitsQueries = new WeakMap<Db, Map<number, ReturnType<typeof buildTakeLimitsQuery>>>();
function takeLimitsQuery(db: Db, n: number) {
  let byCount = takeLimitsQueries.get(db);
  if (!byCount) {
    byCount = new Map();
    takeLimitsQueries.set(db, byCount);
  }
  let q = byCount.get(n);
  if (!q) {
    q = buildTakeLimitsQuery(db, n);
    byCount.set(n, q);
  }
  return q;
}
function buildTakeLimitsQuery(db: Db, n: number) {
  const r = t.rateLimit;
  const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  const nowSql = p("now", "bigint");
  const expired = sql`${r.resetAt} <= ${nowSql}`;
  const keys = Array.from({ length: n }, (_, i) => i);
  // the searched form of CASE: Citus rewrites the simple form of an ON CONFLICT's WHERE wrongly
  const maxOf = sql`(CASE ${sql.join(
    keys.map((i) => sql`WHEN excluded.key = ${p(`k${i}`, "text")} THEN ${p(`m${i}`, "int")}`),
    sql` `,
  )} END)`;
  return db
    .insert(r)
    .values(
      keys.map((i) => ({ key: p(`k${i}`, "text"), count: 1, resetAt: p(`r${i}`, "bigint"), nextAt: 0 })),
    )
    .onConflictDoUpdate({
      target: r.key,
      set: {
        count: sql`(CASE WHEN ${expired} THEN 1 ELSE ${r.count} + 1 END)`,
        resetAt: sql`(CASE WHEN ${expired} THEN excluded.reset_at ELSE ${r.resetAt} END)`,
        nextAt: sql`0::bigint`,
      },
      setWhere: sql`${expired} OR (${r.count} < ${maxOf} AND ${r.nextAt} <= ${nowSql})`,
    })
    .returning({ key: r.key, count: r.count })
    .prepare(`citypath_take_limits_${n}`);
}

/** Gives back one attempt counted under `key` (it turned out not to be a failure). */
export async function refundLimit(store: Store, key: string): Promise<void> {
  await store.db
    .update(t.rateLimit)
    .set({ count: sql`greatest(${t.rateLimit.count} - 1, 0)` })
    .where(eq(t.rateLimit.key, key));
}

/** Forgets what was counted under `key`. */
export async function clearLimit(store: Store, key: string): Promise<void> {
  await store.db.delete(t.rateLimit).where(eq(t.rateLimit.key, key));
}

/** Deletes counters whose window and delay have both passed; returns how many. */
export async function sweepLimits(store: Store, now: number): Promise<number> {
  const gone = await store.db
    .delete(t.rateLimit)
    .where(and(lt(t.rateLimit.resetAt, now), lt(t.rateLimit.nextAt, now)))
    .returning({ key: t.rateLimit.key });
  return gone.length;
}

/** How many addresses an account keeps, and for how long one is remembered unused. */
export const KNOWN_ADDRESSES_PER_ACCOUNT = 20;
export const KNOWN_ADDRESS_DAYS = 180;
const addressHash = (address: string) => limitKey("address", address);

/** Whether the account with this email has signed in from this address within KNOWN_ADDRESS_DAYS. */
export async function isKnownSignInAddress(
  store: Store,
  email: string,
  address: string,
  now: number,
): Promise<boolean> {
  const rows = await store.db
    .select({ one: sql<number>`1` })
    .from(t.signInAddress)
    .innerJoin(t.user, eq(t.user.id, t.signInAddress.userId))
    .where(
      and(
        eq(t.user.email, email),
        eq(t.signInAddress.addressHash, addressHash(address)),
        gt(t.signInAddress.lastAt, now - KNOWN_ADDRESS_DAYS * 86_400_000),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Records a successful sign-in from an address; keeps the account's newest KNOWN_ADDRESSES_PER_ACCOUNT. */
export async function rememberSignInAddress(
  store: Store,
  userId: string,
  address: string,
  now: number,
): Promise<void> {
  const a = t.signInAddress;
  await store.db
    .insert(a)
    .values({ userId, addressHash: addressHash(address), lastAt: now })
    .onConflictDoUpdate({ target: [a.userId, a.addressHash], set: { lastAt: now } });
  const keep = store.db
    .select({ h: a.addressHash })
    .from(a)
    .where(eq(a.userId, userId))
    .orderBy(desc(a.lastAt))
    .limit(KNOWN_ADDRESSES_PER_ACCOUNT);
  await store.db.delete(a).where(and(eq(a.userId, userId), notInArray(a.addressHash, keep)));
}
