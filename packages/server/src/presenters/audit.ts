/** What an audit record looks like when it leaves the server: the actor named by id, email and name. */
import type { AuditRecord } from "@citypath/db";

export interface AuditActor {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
}

export function presentAuditRecord(r: AuditRecord, actors: ReadonlyMap<string, Omit<AuditActor, "id">>) {
  const actor = r.actorId ? actors.get(r.actorId) : undefined;
  return {
    stream: r.stream,
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, email: actor?.email ?? null, name: actor?.name ?? null } : null,
    action: r.action,
    entity: r.entity,
    entity_id: r.entityId,
    version: r.version,
    before: r.before,
    after: r.after,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}
