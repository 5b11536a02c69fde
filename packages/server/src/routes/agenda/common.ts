/** What the agenda's route folders share: reading what the caller sees, finding a record, saving with audit. */
import { ConflictError, type TenantId } from "@citypath/core";
import type { AgendaDocuments, AgendaKind, AgendaRecord, Json, Store, TenantRecord } from "@citypath/db";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv, Caller } from "../../env.ts";
import { assertMayChange, readAgenda, type StoredAgenda, visibleAgenda } from "../../services/agenda.ts";
import { cachedJson, notFound } from "../common.ts";

export const namesOf = (a: StoredAgenda) => ({
  departments: a.registers.departments,
  plans: a.plans.map((p) => p.document),
});

/**
 * A public read from the response cache (routes/common.ts): the key names the route, the generation of the
 * tenant's agenda (a write elsewhere leaves it cached), whether the caller sees drafts, and the query.
 */
export function cachedRead<T>(c: Context<AppEnv>, route: string, produce: () => Promise<T>) {
  const t = c.get("tenant");
  const { store } = c.get("deps");
  const drafts = seesDrafts(c.get("caller"), t.id) ? "drafts" : "published";
  const url = new URL(c.req.url);
  const key = `agenda:${route}:${t.id}:${store.generation(t.id, "agenda")}:${drafts}:${url.search}`;
  return cachedJson(c, key, produce);
}

/** What the caller may see of the tenant's agenda. */
export async function visible(c: Context<AppEnv>): Promise<StoredAgenda> {
  const t = c.get("tenant");
  return visibleAgenda(c.get("caller"), t.id, await readAgenda(c.get("deps").store, t.id));
}

export function find<T>(
  list: readonly AgendaRecord<T>[],
  id: string,
  what: string,
  t: TenantRecord,
): AgendaRecord<T> {
  const r = list.find((x) => x.id === id);
  if (!r) throw notFound(`No ${what} "${id}" in ${t.slug}.`, what);
  return r;
}

/** The stored action for a change, after the department rule. */
export async function actionForChange(s: Store, caller: Caller, t: TenantRecord, id: string) {
  const rec = await s.agenda.get(t.id, "action", id);
  if (!rec) throw notFound(`No action "${id}" in ${t.slug}.`, "action");
  await assertMayChange(s, caller, t.id, { kind: "action", document: rec.document });
  return rec;
}

/** A change based on `base` when the record is at `current`: 409 with the current version. */
export function stale(what: string, id: string, base: number, current: number): ConflictError {
  return new ConflictError(
    `The ${what} "${id}" changed since version ${base}; it is now at ${current}.`,
    current,
  );
}

/**
 * Saves one agenda record at `baseVersion` (CONFLICT when another save came first) and describes the change
 * for its audit record; `after` is read from the record as saved.
 */
export async function saveAudited<K extends AgendaKind>(
  s: Store,
  tenantId: TenantId,
  kind: K,
  document: AgendaDocuments[K],
  baseVersion: number,
  change: {
    action: string;
    entityId: string;
    before: Json | null;
    after: (saved: AgendaRecord<AgendaDocuments[K]>) => Json;
  },
) {
  const saved = await s.agenda.save(tenantId, kind, document, baseVersion);
  return {
    result: saved,
    audit: {
      tenantId,
      action: change.action,
      entity: kind,
      entityId: change.entityId,
      version: saved.version,
      before: change.before,
      after: change.after(saved),
    },
  };
}
