/**
 * Every change is one transaction and one audit record. `recordChange` runs the change and appends its record
 * in the same transaction, so that a change without its record (or the reverse) cannot exist.
 */
import { type AuditEntry, appendAudit, type Json, type Store } from "@citypath/db";
import type { Caller } from "../env.ts";

/** The id the trail shows for the caller: a user id, "development" for the development operator. */
export function actorId(caller: Caller): string | null {
  if (caller.kind === "user") return caller.userId;
  if (caller.kind === "development") return "development";
  return null;
}

export async function recordChange<T>(
  store: Store,
  caller: Caller,
  /** `audit: null` when the change turned out to change nothing (e.g. an import of what is stored). */
  change: (s: Store) => Promise<{ result: T; audit: Omit<AuditEntry, "actorId"> | null }>,
): Promise<T> {
  return store.transaction(async (s) => {
    const { result, audit } = await change(s);
    if (audit) await appendAudit(s, { ...audit, actorId: actorId(caller) });
    return result;
  });
}

/** A record as JSON for the trail (Dates as ISO strings). */
export function asJson(v: unknown): Json {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json);
}
