/**
 * The audit trail: one record per change (who, what, when, before and after), append-only (triggers refuse
 * UPDATE, DELETE and TRUNCATE, migration 0003) and tamper-evident: every record carries the hash of the one
 * before it in its chain, and `verifyAuditChains` recomputes every hash.
 *
 * Each tenant has AUDIT_STREAMS chains (streams 0, 1, ...; `seq` 1, 2, ... in each), and platform-wide changes
 * have theirs under AUDIT_PLATFORM, so that chains never contend across cities and a tenant's chains live on its
 * Citus shard. A record's stream follows from who changed what (`auditStream`): appends to different streams
 * take different locks, so a city's audited writes run in parallel instead of one at a time (one chain per
 * tenant held every write of a city behind one lock until commit: about 180 writes a second on PostgreSQL,
 * docs/decisions/0030-audit-chains-per-stream.md). Every stream is verified on its own; the trail is read in time
 * order across streams.
 *
 *   hash = SHA-256( prev_hash "\n" canonical JSON of {tenant_id, stream, seq, at, actor_id, action, entity,
 *                   entity_id, version, before, after} )
 * with object keys sorted at every depth, `at` as an ISO 8601 string in UTC (millisecond precision), and
 * `stream` left out for stream 0 (records written before there were streams keep their hashes). The first
 * record of a chain has prev_hash AUDIT_GENESIS.
 */
import { createHash } from "node:crypto";
import { CitypathError, problem } from "@citypath/core";
import { and, asc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";
import type { Json, Store } from "./store.ts";

export const AUDIT_GENESIS = "0".repeat(64);
/** The chain of changes that belong to no tenant (accounts). */
export const AUDIT_PLATFORM = "*";
/** How many chains each tenant has. Stored per record, so changing it later leaves older records valid. */
export const AUDIT_STREAMS = 16;

/** The stream a change goes to: a hash of who changed which record, so one person's edits and one record's
 * history each stay in one chain while different writers spread over all of them. */
export function auditStream(e: Pick<AuditEntry, "actorId" | "entity" | "entityId">): number {
  const key = `${e.actorId ?? ""}\u0000${e.entity}\u0000${e.entityId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % AUDIT_STREAMS;
}

export interface AuditEntry {
  /** The tenant's id, or AUDIT_PLATFORM. */
  readonly tenantId: string;
  /** The user who made the change; null for the system (start-up, demo loading). */
  readonly actorId: string | null;
  /** What happened: "create", "update", "delete", "publish", "import"... */
  readonly action: string;
  /** The kind of record: "tenant", "factor_set", "activity_dataset", "instance", "membership"... */
  readonly entity: string;
  readonly entityId: string;
  /** The record's version after the change, when it has one. */
  readonly version?: number | null;
  readonly before?: Json | undefined;
  readonly after?: Json | undefined;
  /** Defaults to now. */
  readonly at?: Date;
}

export interface AuditRecord {
  readonly tenantId: string;
  readonly stream: number;
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly version: number | null;
  readonly before: Json;
  readonly after: Json;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

export function auditHash(r: Omit<AuditRecord, "hash">): string {
  const body = canonicalJson({
    tenant_id: r.tenantId,
    stream: r.stream === 0 ? undefined : r.stream,
    seq: r.seq,
    at: r.at.toISOString(),
    actor_id: r.actorId,
    action: r.action,
    entity: r.entity,
    entity_id: r.entityId,
    version: r.version,
    before: r.before,
    after: r.after,
  });
  return createHash("sha256").update(`${r.prevHash}\n${body}`).digest("hex");
}

const rec = (r: typeof t.auditLog.$inferSelect): AuditRecord => ({
  tenantId: r.tenantId,
  stream: r.stream,
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actorId,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  version: r.version,
  before: (r.before ?? null) as Json,
  after: (r.after ?? null) as Json,
  prevHash: r.prevHash,
  hash: r.hash,
});

/**
 * The canonical JSON `auditHash` hashes, in the three pieces around the time and the sequence number, which
 * only the chain's lock holder knows (the database function of migration 0030 puts them in): head + JSON
 * string of `at` + mid + seq + tail is canonicalJson of the record's body. The keys in sorted order: action,
 * actor_id, after, at, before, entity, entity_id, seq, stream (absent for stream 0), tenant_id, version.
 */
export function auditBodyPieces(r: Omit<AuditRecord, "hash" | "seq" | "at" | "prevHash">): {
  head: string;
  mid: string;
  tail: string;
} {
  const j = canonicalJson;
  return {
    head: `{"action":${j(r.action)},"actor_id":${j(r.actorId)},"after":${j(r.after)},"at":`,
    mid: `,"before":${j(r.before)},"entity":${j(r.entity)},"entity_id":${j(r.entityId)},"seq":`,
    tail: `${r.stream === 0 ? "" : `,"stream":${j(r.stream)}`},"tenant_id":${j(r.tenantId)},"version":${j(r.version)}}`,
  };
}

/**
 * Appends one record to its chain, inside the caller's transaction (call it from `store.transaction`, in the
 * same transaction as the change it records, so that both happen or neither). A transaction-scoped advisory
 * lock per chain (tenant and stream) orders concurrent appends; the lock is released when the transaction ends.
 * One statement (migration 0030, decision 0065): the lock, the chain's last record, the time, the hash and the
 * INSERT run in the database, so the lock is held from there to the commit and no longer. Other processes are
 * told of the transaction's writes after its commit, gathered (decision 0079).
 */
export async function appendAudit(store: Store, e: AuditEntry): Promise<AuditRecord> {
  const stream = auditStream(e);
  return store.transaction(async (s) => {
    const body: Omit<AuditRecord, "hash" | "seq" | "at" | "prevHash"> = {
      tenantId: e.tenantId,
      stream,
      actorId: e.actorId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      version: e.version ?? null,
      // Round-trip through JSON: what jsonb will give back (no undefined, no Dates).
      before: e.before === undefined ? null : (JSON.parse(JSON.stringify(e.before)) as Json),
      after: e.after === undefined ? null : (JSON.parse(JSON.stringify(e.after)) as Json),
    };
    const { head, mid, tail } = auditBodyPieces(body);
    // Millisecond precision: what JavaScript's Date keeps, so the stored time hashes the same when read back.
    const at = e.at ? new Date(Math.floor(e.at.getTime())).toISOString() : null;
    const jsonb = (v: Json) => (v === null ? null : JSON.stringify(v));
    const [row] = await s.db
      .select({
        seq: sql<string | number>`r_seq`,
        // epoch milliseconds, exact (the time is whole milliseconds): no driver's reading of a timestamp
        atMs: sql<string | number>`floor(extract(epoch from r_at) * 1000)::bigint`,
        prevHash: sql<string>`r_prev_hash`,
        hash: sql<string>`r_hash`,
      })
      .from(
        sql`citypath_audit_append(${e.tenantId}, ${stream}::smallint, null::text, null::text, ${at}::timestamptz, ${body.actorId}::text, ${body.action}::text, ${body.entity}::text, ${body.entityId}::text, ${body.version}::integer, ${jsonb(body.before)}::jsonb, ${jsonb(body.after)}::jsonb, ${head}::text, ${mid}::text, ${tail}::text)`,
      );
    if (!row) throw new Error("citypath_audit_append returned no record");
    return {
      ...body,
      seq: Number(row.seq),
      at: new Date(Number(row.atMs)),
      prevHash: row.prevHash,
      hash: row.hash,
    };
  });
}

/** A place in a tenant's trail, read in time order across its streams: after this record. */
export interface AuditCursor {
  readonly at: Date;
  readonly stream: number;
  readonly seq: number;
}

/** The cursor as text for a URL ("<ms since 1970>.<stream>.<seq>"), and back (undefined when malformed). */
export const auditCursorText = (c: AuditCursor): string => `${c.at.getTime()}.${c.stream}.${c.seq}`;
export function parseAuditCursor(text: string): AuditCursor | undefined {
  const m = /^(\d{1,15})\.(\d{1,4})\.(\d{1,15})$/.exec(text);
  if (!m) return undefined;
  const at = new Date(Number(m[1]));
  if (Number.isNaN(at.getTime())) return undefined;
  return { at, stream: Number(m[2]), seq: Number(m[3]) };
}

export interface AuditFilter {
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly actorId?: string | undefined;
  /** From this time (inclusive). */
  readonly from?: Date | undefined;
  /** Before this time (exclusive). */
  readonly to?: Date | undefined;
  /** Records after this one (paging). */
  readonly after?: AuditCursor | undefined;
  readonly limit?: number | undefined;
}

/** A tenant's records in time order (then stream and seq), filtered. */
export async function listAudit(db: Db, tenantId: string, f: AuditFilter = {}): Promise<AuditRecord[]> {
  const conds: SQL[] = [eq(t.auditLog.tenantId, tenantId)];
  if (f.entity) conds.push(eq(t.auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(t.auditLog.entityId, f.entityId));
  if (f.actorId) conds.push(eq(t.auditLog.actorId, f.actorId));
  if (f.from) conds.push(gte(t.auditLog.at, f.from));
  if (f.to) conds.push(lt(t.auditLog.at, f.to));
  if (f.after)
    conds.push(
      sql`(${t.auditLog.at}, ${t.auditLog.stream}, ${t.auditLog.seq}) > (${f.after.at.toISOString()}::timestamptz, ${f.after.stream}, ${f.after.seq})`,
    );
  const rows = await db
    .select()
    .from(t.auditLog)
    .where(and(...conds))
    .orderBy(asc(t.auditLog.at), asc(t.auditLog.stream), asc(t.auditLog.seq))
    .limit(f.limit ?? 1000);
  return rows.map(rec);
}

export interface ChainReport {
  readonly tenantId: string;
  /** Records in all the tenant's streams. */
  readonly records: number;
  /** The first record that breaks a chain, and why; absent when every chain is intact. */
  readonly broken?: { readonly stream: number; readonly seq: number; readonly reason: string };
}

/**
 * Recomputes every hash of every chain (or of one tenant's), stream by stream, in pages. A record whose content
 * changed, a deleted record (a gap in seq) or a record whose prev_hash does not match breaks its chain.
 */
export async function verifyAuditChains(db: Db, opts: { tenantId?: string } = {}): Promise<ChainReport[]> {
  const chains = opts.tenantId
    ? [opts.tenantId]
    : (
        await db
          .selectDistinct({ id: t.auditLog.tenantId })
          .from(t.auditLog)
          .orderBy(asc(t.auditLog.tenantId))
      ).map((r) => r.id);
  const out: ChainReport[] = [];
  for (const tenantId of chains) {
    const streams = (
      await db
        .selectDistinct({ stream: t.auditLog.stream })
        .from(t.auditLog)
        .where(eq(t.auditLog.tenantId, tenantId))
        .orderBy(asc(t.auditLog.stream))
    ).map((r) => r.stream);
    let count = 0;
    let broken: ChainReport["broken"];
    for (const stream of streams) {
      let prev = AUDIT_GENESIS;
      let expectSeq = 1;
      for (;;) {
        const page = (
          await db
            .select()
            .from(t.auditLog)
            .where(
              and(
                eq(t.auditLog.tenantId, tenantId),
                eq(t.auditLog.stream, stream),
                gt(t.auditLog.seq, expectSeq - 1),
              ),
            )
            .orderBy(asc(t.auditLog.seq))
            .limit(2000)
        ).map(rec);
        for (const r of page) {
          count++;
          if (broken) continue;
          if (r.seq !== expectSeq)
            broken = {
              stream,
              seq: expectSeq,
              reason: `record ${expectSeq} of stream ${stream} is missing (the next one is ${r.seq})`,
            };
          else if (r.prevHash !== prev)
            broken = { stream, seq: r.seq, reason: "its prev_hash is not the hash of the record before it" };
          else if (auditHash(r) !== r.hash)
            broken = {
              stream,
              seq: r.seq,
              reason: "its content does not match its hash: the record was changed",
            };
          prev = r.hash;
          expectSeq = r.seq + 1;
        }
        if (page.length < 2000) break;
      }
    }
    out.push(broken ? { tenantId, records: count, broken } : { tenantId, records: count });
  }
  return out;
}

/** Whether an error is the append-only trigger refusing a change. */
/** The trail's reads as the Store gives them (on the store's handle, in its transaction when in one). */
export function auditRepository(db: Db): Store["audit"] {
  return {
    list: (tenantId, filter) => listAudit(db, tenantId, filter),
    verifyChains: (opts) => verifyAuditChains(db, opts),
  };
}

export function isAppendOnlyRefusal(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (String((cur as { message?: unknown }).message ?? "").includes("audit_log is append-only"))
      return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** A refusal the API can show, for code that tries to change the trail. */
export function appendOnlyError(): CitypathError {
  return new CitypathError(problem("FORBIDDEN", "The audit trail is append-only."));
}
