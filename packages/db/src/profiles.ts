/**
 * Import profiles: a tenant's saved column mappings for files in another layout. They run on the store's
 * drizzle handle, so they join its transactions.
 */
import { CitypathError, ConflictError, problem, type TenantId } from "@citypath/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { type AuditRecord, auditBodyPieces, auditStream } from "./audit.ts";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";
import type { Json, Store } from "./store.ts";

/** What a profile's files hold: activity rows, factors, or the GHG-reduction budget's lines or settlements. */
export const IMPORT_KINDS = ["activity", "factors", "budget_lines", "budget_settlements"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportProfileRecord {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly name: string;
  readonly kind: ImportKind;
  /** Citypath column -> the file's header. */
  readonly mapping: Record<string, string>;
  /** Citypath column -> one value for every row. */
  readonly constants: Record<string, string>;
  /** Citypath column -> the file's value -> ours (a city's own class set or words). */
  readonly valueMap: Record<string, Record<string, string>>;
  /** Citypath column -> the factor the file's numbers are multiplied by (천원 -> 원: 1000). */
  readonly scale: Record<string, number>;
  readonly encoding: "auto" | "utf-8" | "cp949";
  readonly sheet: string | null;
  readonly version: number;
  readonly updatedAt: Date;
}

const profileRec = (r: typeof t.importProfile.$inferSelect): ImportProfileRecord => ({
  tenantId: r.tenantId as TenantId,
  id: r.id,
  name: r.name,
  kind: r.kind as ImportKind,
  mapping: r.mapping as Record<string, string>,
  constants: r.constants as Record<string, string>,
  valueMap: r.valueMap as Record<string, Record<string, string>>,
  scale: r.scale as Record<string, number>,
  encoding: r.encoding as ImportProfileRecord["encoding"],
  sheet: r.sheet,
  version: r.version,
  updatedAt: r.updatedAt,
});

export async function listImportProfiles(store: Store, tenantId: TenantId): Promise<ImportProfileRecord[]> {
  const rows = await store.db
    .select()
    .from(t.importProfile)
    .where(eq(t.importProfile.tenantId, tenantId))
    .orderBy(asc(t.importProfile.id));
  return rows.map(profileRec);
}

export async function getImportProfile(
  store: Store,
  tenantId: TenantId,
  id: string,
): Promise<ImportProfileRecord | undefined> {
  const [r] = await store.db
    .select()
    .from(t.importProfile)
    .where(and(eq(t.importProfile.tenantId, tenantId), eq(t.importProfile.id, id)));
  return r && profileRec(r);
}

/** A profile as saved, with the version it replaced (none when it was created) and its audit record. */
export interface SavedImportProfile extends ImportProfileRecord {
  readonly before?: ImportProfileRecord;
  /** The audit record written with it, when `audited` asked for one. */
  readonly audit?: AuditRecord;
}

/** What a save writes: the profile without its tenant, version and time. */
export type ImportProfileInput = Omit<
  ImportProfileRecord,
  "tenantId" | "version" | "updatedAt" | "valueMap" | "scale"
> &
  Partial<Pick<ImportProfileRecord, "valueMap" | "scale">>;

/** A profile at a version, as the audit trail shows it (the caller's presentation, without its time). */
export type ImportProfileView = (p: Omit<ImportProfileRecord, "tenantId" | "updatedAt">) => unknown;

/** Asks a save for its audit record: who saves, and how the trail shows a profile. */
export interface ImportProfileAudit {
  readonly actorId: string | null;
  readonly view: ImportProfileView;
}

/** The statements of a save, built once per database handle as named prepared statements (decision 0087). */
interface ProfileQueries {
  get: ReturnType<typeof profileGetQuery>;
  save: ReturnType<typeof profileSaveQuery>;
}
const prepared = new WeakMap<Db, ProfileQueries>();
const queriesOf = (db: Db): ProfileQueries => {
  let q = prepared.get(db);
  if (!q) {
    q = { get: profileGetQuery(db), save: profileSaveQuery(db) };
    prepared.set(db, q);
  }
  return q;
};

function profileGetQuery(db: Db) {
  const P = t.importProfile;
  return db
    .select()
    .from(P)
    .where(
      and(
        eq(P.tenantId, sql`${sql.placeholder("tenant")}::text`),
        eq(P.id, sql`${sql.placeholder("id")}::text`),
      ),
    )
    .prepare("citypath_import_profile_get");
}

function profileSaveQuery(db: Db) {
  const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  return db
    .select({
      version: sql<number | null>`r_version`,
      // epoch milliseconds, exact (the function keeps whole milliseconds): no driver's reading of a timestamp
      updatedMs: sql<string | number | null>`floor(extract(epoch from r_updated_at) * 1000)::bigint`,
      current: sql<number | null>`r_current`,
      seq: sql<string | number | null>`r_seq`,
      atMs: sql<string | number | null>`floor(extract(epoch from r_at) * 1000)::bigint`,
      prevHash: sql<string | null>`r_prev_hash`,
      hash: sql<string | null>`r_hash`,
    })
    .from(
      sql`citypath_import_profile_save(${p("tenant", "text")}, ${p("id", "text")}, ${p("base", "integer")}, ${p("name", "text")}, ${p("kind", "text")}, ${p("mapping", "jsonb")}, ${p("constants", "jsonb")}, ${p("value_map", "jsonb")}, ${p("scale", "jsonb")}, ${p("encoding", "text")}, ${p("sheet", "text")}, ${p("stream", "smallint")}, ${p("actor", "text")}, ${p("action", "text")}, ${p("before", "jsonb")}, ${p("after", "jsonb")}, ${p("head", "text")}, ${p("mid", "text")}, ${p("tail", "text")})`,
    )
    .prepare("citypath_import_profile_save");
}

const conflict = (id: string, current: number, base: number) =>
  new ConflictError(`The import profile "${id}" is at version ${current}, not ${base}.`, current);
const noProfile = (id: string) =>
  new CitypathError(problem("NOT_FOUND", `No import profile "${id}".`, { path: "id" }));

/** JSON as jsonb gives it back: no undefined, no Dates. */
const asJson = (v: unknown): Json => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json));

/**
 * Creates (baseVersion 0) or replaces (baseVersion = the current version) a profile; CONFLICT carrying the
 * current version otherwise, NOT_FOUND when a replace finds none. One statement
 * (`citypath_import_profile_save`, migration 0038, decision 0087) writes the profile and, with `audited`, its
 * audit record: one transaction without BEGIN and COMMIT, so no transaction waits on the server between
 * statements. A replace first reads the profile (a plain read, in no transaction): the record's `before` is
 * that row, which the save's version check proves is the row it replaces (a row at one version never changes).
 * Inside `store.transaction` both run in the caller's transaction.
 */
export async function saveImportProfile(
  store: Store,
  tenantId: TenantId,
  input: ImportProfileInput,
  baseVersion: number,
  audited?: ImportProfileAudit,
): Promise<SavedImportProfile> {
  const q = queriesOf(store.db);
  let before: ImportProfileRecord | undefined;
  if (baseVersion !== 0) {
    const [cur] = await q.get.execute({ tenant: tenantId, id: input.id });
    if (!cur) throw noProfile(input.id);
    if (cur.version !== baseVersion) throw conflict(input.id, cur.version, baseVersion);
    before = profileRec(cur);
  }
  const values = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    mapping: input.mapping,
    constants: input.constants,
    valueMap: input.valueMap ?? {},
    scale: input.scale ?? {},
    encoding: input.encoding,
    sheet: input.sheet,
  };
  // a new profile starts at the column's default, 1
  const version = baseVersion + 1;
  let record: Omit<AuditRecord, "hash" | "seq" | "at" | "prevHash"> | undefined;
  let pieces: { head: string; mid: string; tail: string } | undefined;
  if (audited) {
    const entity = "import_profile";
    record = {
      tenantId,
      stream: auditStream({ actorId: audited.actorId, entity, entityId: input.id }),
      actorId: audited.actorId,
      action: before ? "update" : "create",
      entity,
      entityId: input.id,
      version,
      before: before ? asJson(audited.view(before)) : null,
      after: asJson(audited.view({ ...values, version })),
    };
    pieces = auditBodyPieces(record);
  }
  const jsonb = (v: unknown) => JSON.stringify(v);
  const [r] = await q.save.execute({
    tenant: tenantId,
    id: input.id,
    base: baseVersion,
    name: values.name,
    kind: values.kind,
    mapping: jsonb(values.mapping),
    constants: jsonb(values.constants),
    value_map: jsonb(values.valueMap),
    scale: jsonb(values.scale),
    encoding: values.encoding,
    sheet: values.sheet,
    stream: record?.stream ?? null,
    actor: record?.actorId ?? null,
    action: record?.action ?? null,
    before: record && record.before !== null ? jsonb(record.before) : null,
    after: record ? jsonb(record.after) : null,
    head: pieces?.head ?? null,
    mid: pieces?.mid ?? null,
    tail: pieces?.tail ?? null,
  });
  if (!r) throw new Error("citypath_import_profile_save returned nothing");
  if (r.version === null) {
    if (r.current === null) throw noProfile(input.id);
    throw conflict(input.id, r.current, baseVersion);
  }
  if (r.version !== version)
    throw new Error(`citypath_import_profile_save wrote version ${r.version}, not ${version}`);
  const saved: ImportProfileRecord = {
    tenantId,
    ...values,
    // as jsonb gives them back
    mapping: asJson(values.mapping) as Record<string, string>,
    constants: asJson(values.constants) as Record<string, string>,
    valueMap: asJson(values.valueMap) as Record<string, Record<string, string>>,
    scale: asJson(values.scale) as Record<string, number>,
    version,
    updatedAt: new Date(Number(r.updatedMs)),
  };
  const audit: AuditRecord | undefined =
    record && r.hash !== null && r.prevHash !== null
      ? { ...record, seq: Number(r.seq), at: new Date(Number(r.atMs)), prevHash: r.prevHash, hash: r.hash }
      : undefined;
  return { ...saved, ...(before && { before }), ...(audit && { audit }) };
}

/**
 * Deletes a profile on its current version (a profile changed since it was read is a CONFLICT carrying the
 * current version; an unknown one NOT_FOUND). Files already imported through it keep their rows.
 */
export async function deleteImportProfile(
  store: Store,
  tenantId: TenantId,
  id: string,
  version: number,
): Promise<ImportProfileRecord> {
  const [r] = await store.db
    .delete(t.importProfile)
    .where(
      and(
        eq(t.importProfile.tenantId, tenantId),
        eq(t.importProfile.id, id),
        eq(t.importProfile.version, version),
      ),
    )
    .returning();
  if (r) return profileRec(r);
  const cur = await getImportProfile(store, tenantId, id);
  if (!cur) throw new CitypathError(problem("NOT_FOUND", `No import profile "${id}".`, { path: "id" }));
  throw new ConflictError(
    `The import profile "${id}" is at version ${cur.version}, not ${version}.`,
    cur.version,
  );
}
