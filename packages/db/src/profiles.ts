/**
 * Import profiles: a tenant's saved column mappings for files in another layout. They run on the store's
 * drizzle handle, so they join its transactions.
 */
import { CitypathError, ConflictError, problem, type TenantId } from "@citypath/core";
import { and, asc, eq, getTableColumns } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

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

/** A profile as saved, with the version it replaced (none when it was created). */
export interface SavedImportProfile extends ImportProfileRecord {
  readonly before?: ImportProfileRecord;
}

/**
 * Creates (baseVersion 0) or replaces (baseVersion = the current version) a profile; CONFLICT otherwise. A
 * replace returns the version it replaced from the same statement (an UPDATE joined to the row as it stood),
 * so an audited save needs no read before it.
 */
export async function saveImportProfile(
  store: Store,
  tenantId: TenantId,
  input: Omit<ImportProfileRecord, "tenantId" | "version" | "updatedAt" | "valueMap" | "scale"> &
    Partial<Pick<ImportProfileRecord, "valueMap" | "scale">>,
  baseVersion: number,
): Promise<SavedImportProfile> {
  const values = {
    name: input.name,
    kind: input.kind,
    mapping: input.mapping,
    constants: input.constants,
    valueMap: input.valueMap ?? {},
    scale: input.scale ?? {},
    encoding: input.encoding,
    sheet: input.sheet,
  };
  let r: typeof t.importProfile.$inferSelect | undefined;
  let before: ImportProfileRecord | undefined;
  if (baseVersion === 0) {
    [r] = await store.db
      .insert(t.importProfile)
      .values({ tenantId, id: input.id, ...values })
      .onConflictDoNothing()
      .returning();
  } else {
    const P = t.importProfile;
    // the row as it stood, joined by its key: its columns are the version this update replaces
    const old = alias(P, "old");
    const [u] = await store.db
      .update(P)
      .set({ ...values, version: baseVersion + 1, updatedAt: new Date() })
      .from(old)
      .where(
        and(
          eq(P.tenantId, tenantId),
          eq(P.id, input.id),
          eq(P.version, baseVersion),
          eq(old.tenantId, P.tenantId),
          eq(old.id, P.id),
        ),
      )
      .returning({
        ...getTableColumns(P),
        oldName: old.name,
        oldKind: old.kind,
        oldMapping: old.mapping,
        oldConstants: old.constants,
        oldValueMap: old.valueMap,
        oldScale: old.scale,
        oldEncoding: old.encoding,
        oldSheet: old.sheet,
        oldVersion: old.version,
        oldUpdatedAt: old.updatedAt,
      });
    if (u) {
      r = u;
      before = profileRec({
        ...u,
        name: u.oldName,
        kind: u.oldKind,
        mapping: u.oldMapping,
        constants: u.oldConstants,
        valueMap: u.oldValueMap,
        scale: u.oldScale,
        encoding: u.oldEncoding,
        sheet: u.oldSheet,
        version: u.oldVersion,
        updatedAt: u.oldUpdatedAt,
      });
    }
  }
  if (!r) {
    const cur = await getImportProfile(store, tenantId, input.id);
    if (!cur)
      throw new CitypathError(problem("NOT_FOUND", `No import profile "${input.id}".`, { path: "id" }));
    throw new ConflictError(
      `The import profile "${input.id}" is at version ${cur.version}, not ${baseVersion}.`,
      cur.version,
    );
  }
  return before ? { ...profileRec(r), before } : profileRec(r);
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
