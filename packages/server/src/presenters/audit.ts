/** What an audit record looks like when it leaves the server: the actor named by id, email and name. */
import { type AuditRecord, type Json, type JsonObject, jsonObjectSchema } from "@citypath/db";

/**
 * What a record says was before and after the change: a JSON object, not the presenters' schemas. A record
 * is hash-chained and never rewritten, so it keeps the shape its entity had when it was written (a presenter
 * changed since, or an entity with no presenter such as a personal-data read, a consent or a census upload):
 * typing it by today's presenters would declare old records invalid. Its values are any JSON values (the
 * JsonValue component, declared once in the database package).
 */
export const auditObjectSchema = jsonObjectSchema.meta({
  id: "AuditValue",
  description: "A JSON object as recorded when the change was made (see AuditRecord.before and after).",
});

/**
 * A recorded value as the schema types it. Every record the server writes holds an object (or nothing); a
 * value of another shape (a bare list, a number) is answered as its JSON text under `json`, not hidden.
 */
function recorded(v: Json): JsonObject | null {
  if (v === null) return null;
  return typeof v === "object" && !Array.isArray(v) ? v : { json: JSON.stringify(v) };
}

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
    before: recorded(r.before),
    after: recorded(r.after),
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}
