/**
 * Invitations to join a tenant (tenant-owned; keyed and looked up with tenant_id, so each stays on its
 * tenant's shard on Citus). Only the SHA-256 of the token the mail carries is stored. Times come from the
 * caller's clock.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Role, TenantId } from "@citypath/core";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export interface InvitationRecord {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly departments: string[];
  readonly invitedBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly acceptedBy: string | null;
  readonly withdrawnAt: Date | null;
}

const rec = (r: typeof t.invitation.$inferSelect): InvitationRecord => ({
  tenantId: r.tenantId as TenantId,
  id: r.id,
  email: r.email,
  role: r.role as Role,
  departments: r.departments as string[],
  invitedBy: r.invitedBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  acceptedAt: r.acceptedAt,
  acceptedBy: r.acceptedBy,
  withdrawnAt: r.withdrawnAt,
});

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Records an invitation; a pending invitation of the same address to the same tenant is withdrawn, so only
 * the newest link works.
 */
export async function createInvitation(
  store: Store,
  input: {
    tenantId: TenantId;
    email: string;
    role: Role;
    departments: string[];
    token: string;
    invitedBy: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<InvitationRecord> {
  const email = input.email.trim().toLowerCase();
  await store.db
    .update(t.invitation)
    .set({ withdrawnAt: input.now })
    .where(
      and(
        eq(t.invitation.tenantId, input.tenantId),
        eq(t.invitation.email, email),
        isNull(t.invitation.acceptedAt),
        isNull(t.invitation.withdrawnAt),
      ),
    );
  const [r] = await store.db
    .insert(t.invitation)
    .values({
      tenantId: input.tenantId,
      id: randomUUID(),
      email,
      role: input.role,
      departments: input.departments,
      tokenHash: tokenHash(input.token),
      invitedBy: input.invitedBy,
      createdAt: input.now,
      expiresAt: input.expiresAt,
    })
    .returning();
  return rec(r!);
}

/** The invitation a token opens, if it is still open at `now` (not accepted, withdrawn or expired). */
export async function openInvitation(
  store: Store,
  tenantId: TenantId,
  token: string,
  now: Date,
): Promise<InvitationRecord | undefined> {
  const [r] = await store.db
    .select()
    .from(t.invitation)
    .where(
      and(
        eq(t.invitation.tenantId, tenantId),
        eq(t.invitation.tokenHash, tokenHash(token)),
        isNull(t.invitation.acceptedAt),
        isNull(t.invitation.withdrawnAt),
        gt(t.invitation.expiresAt, now),
      ),
    );
  return r && rec(r);
}

/** Pending invitations of a tenant (open at `now`), oldest first. */
export async function pendingInvitations(
  store: Store,
  tenantId: TenantId,
  now: Date,
): Promise<InvitationRecord[]> {
  const rows = await store.db
    .select()
    .from(t.invitation)
    .where(
      and(
        eq(t.invitation.tenantId, tenantId),
        isNull(t.invitation.acceptedAt),
        isNull(t.invitation.withdrawnAt),
        gt(t.invitation.expiresAt, now),
      ),
    )
    .orderBy(asc(t.invitation.createdAt), asc(t.invitation.id));
  return rows.map(rec);
}

/** Marks an open invitation accepted; false when it was not open any more (used by a parallel accept). */
export async function markInvitationAccepted(
  store: Store,
  tenantId: TenantId,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await store.db
    .update(t.invitation)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(t.invitation.tenantId, tenantId),
        eq(t.invitation.id, id),
        isNull(t.invitation.acceptedAt),
        isNull(t.invitation.withdrawnAt),
      ),
    )
    .returning({ id: t.invitation.id });
  return rows.length === 1;
}

/** Withdraws an open invitation; the invitation as it was, or undefined when there was no open one. */
export async function withdrawInvitation(
  store: Store,
  tenantId: TenantId,
  id: string,
  now: Date,
): Promise<InvitationRecord | undefined> {
  const [r] = await store.db
    .update(t.invitation)
    .set({ withdrawnAt: now })
    .where(
      and(
        eq(t.invitation.tenantId, tenantId),
        eq(t.invitation.id, id),
        isNull(t.invitation.acceptedAt),
        isNull(t.invitation.withdrawnAt),
      ),
    )
    .returning();
  return r && rec(r);
}
