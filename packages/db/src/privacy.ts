/**
 * Personal data of accounts (PIPA): the consents given (kind, text version, instant; nothing more), the last
 * activity and the inactivity notices, the deletion of an account, and the counts the city's register of
 * personal-data files needs (Art. 32). The rules are the core's (participation/privacy.ts); these functions
 * keep the rows, in the caller's transaction when it passes one.
 */
import type { TenantId } from "@citypath/core";
import type { ConsentKind, ContributionsAfterDeletion } from "@citypath/core/participation/index";
import {
  and,
  count,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notExists,
  notLike,
  sql,
} from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import type { ForgottenAccount } from "./participation.ts";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export interface ConsentRecord {
  readonly kind: ConsentKind;
  readonly textVersion: string;
  readonly givenAt: Date;
  readonly withdrawnAt: Date | null;
}

/** Records consents given at `at` to the texts of `version` (a consent given again replaces the old one). */
export async function recordConsents(
  store: Store,
  userId: string,
  kinds: readonly ConsentKind[],
  version: string,
  at: Date,
): Promise<void> {
  for (const kind of kinds)
    await store.db
      .insert(t.consent)
      .values({ userId, kind, textVersion: version, givenAt: at })
      .onConflictDoUpdate({
        target: [t.consent.userId, t.consent.kind],
        set: { textVersion: version, givenAt: at, withdrawnAt: null },
      });
}

/** Withdraws a consent (its row stays with the instant of withdrawal); false when none was in force. */
export async function withdrawConsent(
  store: Store,
  userId: string,
  kind: ConsentKind,
  at: Date,
): Promise<boolean> {
  const r = await store.db
    .update(t.consent)
    .set({ withdrawnAt: at })
    .where(and(eq(t.consent.userId, userId), eq(t.consent.kind, kind), isNull(t.consent.withdrawnAt)))
    .returning({ k: t.consent.kind });
  return r.length > 0;
}

export async function consentsOf(store: Store, userId: string): Promise<ConsentRecord[]> {
  const rows = await store.db.select().from(t.consent).where(eq(t.consent.userId, userId));
  return rows
    .map((r) => ({
      kind: r.kind as ConsentKind,
      textVersion: r.textVersion,
      givenAt: r.givenAt,
      withdrawnAt: r.withdrawnAt,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Whether the consent is in force (given and not withdrawn). */
export async function hasConsent(store: Store, userId: string, kind: ConsentKind): Promise<boolean> {
  const [r] = await store.db
    .select({ k: t.consent.kind })
    .from(t.consent)
    .where(and(eq(t.consent.userId, userId), eq(t.consent.kind, kind), isNull(t.consent.withdrawnAt)));
  return r !== undefined;
}

/** The accounts among these with the consent in force. */
export async function withConsent(
  store: Store,
  userIds: readonly string[],
  kind: ConsentKind,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await store.db
    .select({ u: t.consent.userId })
    .from(t.consent)
    .where(
      and(inArray(t.consent.userId, [...userIds]), eq(t.consent.kind, kind), isNull(t.consent.withdrawnAt)),
    );
  return rows.map((r) => r.u);
}

/**
 * Marks the account as used at `at`. Written at most once an hour (a sign-in always writes), so that
 * requests do not each write; a new activity starts a new period for the inactivity notices.
 */
export async function touchActivity(store: Store, userId: string, at: Date, always = false): Promise<void> {
  await store.db
    .update(t.user)
    .set({ lastActiveAt: at })
    .where(
      and(
        eq(t.user.id, userId),
        always ? undefined : lt(t.user.lastActiveAt, new Date(at.getTime() - 3_600_000)),
      ),
    );
}

export interface InactiveAccount {
  readonly id: string;
  readonly email: string;
  readonly lastActiveAt: Date;
  /** The notices sent for this period of inactivity: days before (30, 7) and when. */
  readonly notices: readonly { daysBefore: number; sentAt: Date }[];
}

/**
 * Accounts not used since `before`, without any staff membership (no membership at all) and not platform
 * administrators, with the inactivity notices already sent for their current period of inactivity.
 */
export async function inactiveAccounts(store: Store, before: Date, limit = 500): Promise<InactiveAccount[]> {
  const users = await store.db
    .select({ id: t.user.id, email: t.user.email, lastActiveAt: t.user.lastActiveAt })
    .from(t.user)
    .where(
      and(
        lte(t.user.lastActiveAt, before),
        ne(t.user.role, "admin"),
        notExists(
          store.db.select({ x: sql`1` }).from(t.membership).where(eq(t.membership.userId, t.user.id)),
        ),
      ),
    )
    .orderBy(t.user.lastActiveAt)
    .limit(limit);
  if (users.length === 0) return [];
  const notices = await store.db
    .select()
    .from(t.inactivityNotice)
    .where(
      inArray(
        t.inactivityNotice.userId,
        users.map((u) => u.id),
      ),
    );
  return users.map((u) => ({
    ...u,
    notices: notices
      .filter((n) => n.userId === u.id && n.lastActiveAt.getTime() === u.lastActiveAt.getTime())
      .map((n) => ({ daysBefore: n.daysBefore, sentAt: n.sentAt })),
  }));
}

export async function recordInactivityNotice(
  store: Store,
  userId: string,
  daysBefore: number,
  lastActiveAt: Date,
  at: Date,
): Promise<void> {
  await store.db
    .insert(t.inactivityNotice)
    .values({ userId, daysBefore, lastActiveAt, sentAt: at })
    .onConflictDoUpdate({
      target: [t.inactivityNotice.userId, t.inactivityNotice.daysBefore],
      set: { lastActiveAt, sentAt: at },
    });
}

export interface DeletedAccount extends ForgottenAccount {
  readonly memberships: number;
}

/**
 * Deletes an account in one transaction (the caller's, or its own): participation keeps the contributions as
 * the rule says (`forgetAccount`), then the account row goes with everything keyed to it (sessions, password,
 * memberships, consents, notices, sign-in addresses, mail to it: foreign keys with ON DELETE CASCADE). The
 * audit trail keeps the account's random id (references, never its email or name).
 */
export async function deleteAccount(
  store: Store,
  userId: string,
  after: ContributionsAfterDeletion,
): Promise<DeletedAccount> {
  return store.transaction(async (s) => {
    const forgotten = await s.participation.forgetAccount(userId, after === "remove_text");
    const [m] = await s.db.select({ n: count() }).from(t.membership).where(eq(t.membership.userId, userId));
    // pending invitations accepted by the account name it: the reference goes
    await s.db.update(t.invitation).set({ acceptedBy: null }).where(eq(t.invitation.acceptedBy, userId));
    await s.db.delete(t.user).where(eq(t.user.id, userId));
    return { ...forgotten, memberships: Number(m?.n ?? 0) };
  });
}

/** The counts for the city's register of personal-data files (Art. 32): people whose data the city holds. */
export async function registerCounts(
  store: Store,
  tenantId: TenantId,
): Promise<{
  participants: number;
  residents: number;
  censusEntries: number;
  members: number;
  blocked: number;
}> {
  const n = async (q: Promise<{ n: number | string }[]>) => Number((await q)[0]?.n ?? 0);
  const [participants, residents, censusEntries, members, blocked] = await Promise.all([
    // people with an account who contributed, supported or follow (deleted accounts are no one any more;
    // the demo's illustrative supports name no one)
    n(
      store.db.select({ n: count() }).from(
        union(
          store.db
            .select({ p: t.contribution.authorId })
            .from(t.contribution)
            .where(and(eq(t.contribution.tenantId, tenantId), isNotNull(t.contribution.authorId))),
          store.db
            .select({ p: t.contributionSupport.supporter })
            .from(t.contributionSupport)
            .where(
              and(
                eq(t.contributionSupport.tenantId, tenantId),
                notLike(t.contributionSupport.supporter, "deleted:%"),
                notLike(t.contributionSupport.supporter, "example:%"),
              ),
            ),
          store.db
            .select({ p: t.participationFollow.userId })
            .from(t.participationFollow)
            .where(eq(t.participationFollow.tenantId, tenantId)),
        ).as("people"),
      ),
    ),
    n(
      store.db
        .select({ n: count() })
        .from(t.residentVerification)
        .where(eq(t.residentVerification.tenantId, tenantId)),
    ),
    n(store.db.select({ n: count() }).from(t.censusEntry).where(eq(t.censusEntry.tenantId, tenantId))),
    n(store.db.select({ n: count() }).from(t.membership).where(eq(t.membership.tenantId, tenantId))),
    n(
      store.db
        .select({ n: count() })
        .from(t.participationBlock)
        .where(eq(t.participationBlock.tenantId, tenantId)),
    ),
  ]);
  return { participants, residents, censusEntries, members, blocked };
}
