/**
 * The mail outbox: messages queued by the server (password resets, sign-up confirmations, invitations) and
 * their delivery state. The delivery loop (packages/server/src/mail/) claims due messages, sends them and
 * records each attempt here; several server processes may run it at once, each claim being one conditional
 * UPDATE (a lease), so no message is sent twice by two processes at the same moment.
 * Times come from the caller's clock (no database clock in an UPDATE: Citus, docs/scaling.md).
 */
import { randomUUID } from "node:crypto";
import type { TenantId } from "@citypath/core";
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { MailKind } from "./schema.ts";
import * as t from "./schema.ts";
import type { Json, JsonObject, Store } from "./store.ts";

export type { MailKind } from "./schema.ts";
export { MAIL_KINDS } from "./schema.ts";

export interface OutboxMessage {
  readonly id: string;
  readonly kind: MailKind;
  readonly userId: string | null;
  readonly email: string;
  readonly link: string;
  readonly data: JsonObject;
  readonly forTenant: TenantId | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly failedAt: Date | null;
}

export interface MailAttempt {
  readonly attempt: number;
  readonly at: Date;
  readonly ok: boolean;
  readonly detail: string;
}

const rec = (r: typeof t.mailOutbox.$inferSelect): OutboxMessage => ({
  ...r,
  kind: r.kind as MailKind,
  data: r.data as JsonObject,
  forTenant: r.forTenant as TenantId | null,
});

export interface NewMail {
  readonly kind: MailKind;
  readonly email: string;
  readonly link: string;
  readonly userId?: string | null;
  readonly data?: Record<string, Json>;
  readonly forTenant?: TenantId | null;
  /** Queue time (the app's clock); the message is due at once. */
  readonly at?: Date;
}

/** Queues a message (in the caller's transaction when `store` is one) and returns its id. */
export async function queueMail(store: Store, m: NewMail): Promise<string> {
  const id = randomUUID();
  const at = m.at ?? new Date();
  await store.db.insert(t.mailOutbox).values({
    id,
    kind: m.kind,
    email: m.email.trim().toLowerCase(),
    link: m.link,
    userId: m.userId ?? null,
    data: m.data ?? {},
    forTenant: m.forTenant ?? null,
    createdAt: at,
    nextAttemptAt: at,
  });
  return id;
}

/** The newest messages first (for an operator, the workspace and tests). */
export async function outbox(
  store: Store,
  filter: { email?: string; forTenant?: TenantId; limit?: number } = {},
): Promise<OutboxMessage[]> {
  const where = and(
    filter.email ? eq(t.mailOutbox.email, filter.email.trim().toLowerCase()) : undefined,
    filter.forTenant ? eq(t.mailOutbox.forTenant, filter.forTenant) : undefined,
  );
  const rows = await store.db
    .select()
    .from(t.mailOutbox)
    .where(where)
    .orderBy(desc(t.mailOutbox.createdAt), desc(t.mailOutbox.id))
    .limit(filter.limit ?? 1000);
  return rows.map(rec);
}

/** The attempts made for a message, oldest first. */
export async function mailAttempts(store: Store, mailId: string): Promise<MailAttempt[]> {
  return store.db
    .select({
      attempt: t.mailAttempt.attempt,
      at: t.mailAttempt.at,
      ok: t.mailAttempt.ok,
      detail: t.mailAttempt.detail,
    })
    .from(t.mailAttempt)
    .where(eq(t.mailAttempt.mailId, mailId))
    .orderBy(asc(t.mailAttempt.attempt));
}

/**
 * Claims up to `limit` messages due at `now` (not sent, not given up, next attempt passed): each claimed
 * message's next attempt moves to `now + leaseMs`, so another process does not take it while it is being
 * sent. A claim that another process won in between is skipped.
 */
export async function claimDueMail(
  store: Store,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxMessage[]> {
  const due = await store.db
    .select({ id: t.mailOutbox.id })
    .from(t.mailOutbox)
    .where(
      and(isNull(t.mailOutbox.sentAt), isNull(t.mailOutbox.failedAt), lte(t.mailOutbox.nextAttemptAt, now)),
    )
    .orderBy(asc(t.mailOutbox.nextAttemptAt), asc(t.mailOutbox.id))
    .limit(limit);
  const claimed: OutboxMessage[] = [];
  for (const d of due) {
    const [r] = await store.db
      .update(t.mailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(
        // still due: a process that claimed it meanwhile moved its next attempt past `now` (compared with
        // <=, not with the time read above, whose microseconds a JavaScript Date does not keep)
        and(
          eq(t.mailOutbox.id, d.id),
          lte(t.mailOutbox.nextAttemptAt, now),
          isNull(t.mailOutbox.sentAt),
          isNull(t.mailOutbox.failedAt),
        ),
      )
      .returning();
    if (r) claimed.push(rec(r));
  }
  return claimed;
}

/**
 * Records one attempt and its outcome in one transaction: sent, retried at `retryAt`, or given up (`retryAt`
 * undefined on a failure).
 */
export async function recordMailAttempt(
  store: Store,
  mailId: string,
  outcome: { at: Date; ok: boolean; detail: string; retryAt?: Date },
): Promise<void> {
  await store.transaction(async (s) => {
    const [row] = await s.db
      .update(t.mailOutbox)
      .set({
        attempts: sql`${t.mailOutbox.attempts} + 1`,
        ...(outcome.ok
          ? { sentAt: outcome.at }
          : outcome.retryAt
            ? { nextAttemptAt: outcome.retryAt }
            : { failedAt: outcome.at }),
      })
      .where(eq(t.mailOutbox.id, mailId))
      .returning({ attempts: t.mailOutbox.attempts });
    if (!row) return; // deleted meanwhile (its account was)
    await s.db.insert(t.mailAttempt).values({
      mailId,
      attempt: row.attempts,
      at: outcome.at,
      ok: outcome.ok,
      detail: outcome.detail.slice(0, 500),
    });
  });
}
