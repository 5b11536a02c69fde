/**
 * The repositories, behind one interface. `createStore(database)` gives the same behaviour on PGlite and on
 * PostgreSQL; the contract suite (store.contract.ts) holds both to it.
 *
 * Conventions: reads return `undefined` for a missing record (the caller decides whether that is a 404);
 * writes that would lose or duplicate data throw `CitypathError` with a catalogue code (CONFLICT carries the
 * current version in `details`). Every write bumps the tenant's generation counter, which read caches key on.
 */
import { randomUUID } from "node:crypto";
import {
  CitypathError,
  ConflictError,
  type NotationKey,
  type PathwayJson,
  problem,
  type TenantId,
} from "@citypath/core";
import type { TenantSettings } from "@citypath/core/tenant-settings";
import { and, asc, count, desc, eq, max, type SQL } from "drizzle-orm";
import { type AgendaRepository, agendaRepository } from "./agenda.ts";
import { type BudgetRepository, budgetRepository } from "./budget.ts";
import type { Database, Db } from "./connect.ts";
import { type ParticipationRepository, participationRepository } from "./participation.ts";
import { type ReportRepository, reportRepository } from "./report.ts";
import * as t from "./schema.ts";

// ---------------------------------------------------------------- records (what repositories return)

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface TenantRecord {
  readonly id: TenantId;
  readonly slug: string;
  readonly name: string;
  readonly nameEn: string;
  readonly settings: TenantSettings;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ActivityRowRecord {
  readonly line: number;
  readonly year: number;
  readonly gpcRef: string;
  readonly activity: string;
  /** Null on a notation-key row. */
  readonly amount: number | null;
  readonly unit: string;
  readonly notation: NotationKey | null;
  readonly district: string | null;
  readonly source: string | null;
  readonly quality: string | null;
  readonly note: string | null;
  /** Scope 2, market-based: the contractual instrument covering the row, its factor and unit (all or none). */
  readonly instrument?: string | null;
  readonly instrumentFactor?: number | null;
  readonly instrumentFactorUnit?: string | null;
  readonly extra: JsonObject;
}

export interface ActivityDatasetRecord {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly name: string;
  readonly source: string | null;
  readonly rowCount: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface FactorSetRecord {
  readonly kind: "builtin" | "tenant";
  readonly id: string;
  readonly name: string;
  readonly source: string | null;
  readonly factors: Json[];
  readonly factorCount: number;
  readonly version: number;
  readonly updatedAt: Date;
}

export type FactorSetRef = { readonly kind: "builtin" | "tenant"; readonly id: string };

export interface InventoryRecord {
  readonly tenantId: TenantId;
  readonly version: number;
  readonly label: string;
  readonly status: "draft" | "published";
  readonly gwpSet: string;
  readonly activityDatasetId: string | null;
  readonly factorSets: FactorSetRef[];
  readonly basedOnVersion: number | null;
  readonly result: JsonObject;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

export type InventoryHeader = Omit<InventoryRecord, "result">;

export interface InstanceRecord {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly document: JsonObject;
  readonly documentHash: string;
  readonly createdAt: Date;
}

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  /** The password is a one-time one: the account must change it before anything else. */
  readonly mustChangePassword: boolean;
  readonly createdAt: Date;
}

export interface MembershipRecord {
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly role: t.Role;
  readonly departments: string[];
  readonly email: string;
  readonly name: string;
}

export interface PathwayResultKey {
  readonly tenantId: TenantId;
  readonly instanceId: string;
  readonly instanceVersion: number;
  readonly scenarioId: string;
  readonly engineVersion: string;
}

// ---------------------------------------------------------------- the interface

export interface Store {
  readonly kind: Database["kind"];
  /** The drizzle handle this store runs on (bound to the transaction inside `transaction`), for repositories
   * kept in their own modules (audit.ts, profiles.ts) that must write in the same transaction. */
  readonly db: Db;
  /** Runs `fn` in one transaction: all of its writes happen or none. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /**
   * Per-tenant counter, bumped by every write through this process; caches key on it. "*" counts changes of
   * the shared reference data (which also bump every tenant).
   */
  generation(tenantId: TenantId | "*"): number;

  readonly tenants: {
    list(): Promise<TenantRecord[]>;
    bySlug(slug: string): Promise<TenantRecord | undefined>;
    byId(id: TenantId): Promise<TenantRecord | undefined>;
    create(input: {
      slug: string;
      name: string;
      nameEn: string;
      settings?: TenantSettings;
    }): Promise<TenantRecord>;
    /** Replaces name and settings if `baseVersion` is the current version; CONFLICT otherwise. */
    update(
      id: TenantId,
      baseVersion: number,
      patch: { name?: string; nameEn?: string; settings?: TenantSettings },
    ): Promise<TenantRecord>;
    delete(id: TenantId): Promise<void>;
  };

  readonly reference: {
    /** Inserts or replaces a GWP set; returns whether the stored content changed. */
    putGwpSet(id: string, document: Json, contentHash: string): Promise<boolean>;
    gwpSets(): Promise<{ id: string; document: Json; contentHash: string }[]>;
    putBuiltinFactorSet(input: {
      id: string;
      name: string;
      factors: Json[];
      contentHash: string;
    }): Promise<boolean>;
    builtinFactorSets(): Promise<FactorSetRecord[]>;
    builtinFactorSet(id: string): Promise<FactorSetRecord | undefined>;
  };

  readonly activity: {
    /** Stores a dataset and its rows; CONFLICT if the id exists. */
    create(
      tenantId: TenantId,
      input: {
        id?: string;
        name: string;
        source?: string | null;
        rows: readonly ActivityRowRecord[];
        createdAt?: Date;
      },
    ): Promise<ActivityDatasetRecord>;
    list(tenantId: TenantId): Promise<ActivityDatasetRecord[]>;
    get(tenantId: TenantId, id: string): Promise<ActivityDatasetRecord | undefined>;
    rows(tenantId: TenantId, id: string, filter?: { year?: number }): Promise<ActivityRowRecord[]>;
  };

  readonly factorSets: {
    list(tenantId: TenantId): Promise<FactorSetRecord[]>;
    get(tenantId: TenantId, id: string): Promise<FactorSetRecord | undefined>;
    /** Creates (baseVersion 0) or replaces (baseVersion = current version) a tenant factor set. */
    save(
      tenantId: TenantId,
      input: { id: string; name: string; source?: string | null; factors: Json[] },
      baseVersion: number,
    ): Promise<FactorSetRecord>;
  };

  readonly inventories: {
    /** Headers only (no result document), newest first. */
    list(tenantId: TenantId, filter?: { status?: "draft" | "published" }): Promise<InventoryHeader[]>;
    get(tenantId: TenantId, version: number): Promise<InventoryRecord | undefined>;
    /** The newest version, or the newest published one. */
    latest(tenantId: TenantId, filter?: { status?: "published" }): Promise<InventoryRecord | undefined>;
    /** Adds the next version as a draft (or with the given status, for imports). */
    create(
      tenantId: TenantId,
      input: {
        label: string;
        gwpSet: string;
        activityDatasetId?: string | null;
        factorSets?: FactorSetRef[];
        basedOnVersion?: number | null;
        result: JsonObject;
        firstYear: number;
        lastYear: number;
        status?: "draft" | "published";
        version?: number;
        createdAt?: Date;
        publishedAt?: Date | null;
      },
    ): Promise<InventoryRecord>;
    /** Freezes a draft; CONFLICT if it is already published. */
    publish(tenantId: TenantId, version: number): Promise<InventoryRecord>;
    /** Deletes a draft; CONFLICT for a published (frozen) version. */
    deleteDraft(tenantId: TenantId, version: number): Promise<void>;
  };

  readonly instances: {
    /** The latest version of each instance. */
    list(tenantId: TenantId): Promise<Omit<InstanceRecord, "document">[]>;
    get(tenantId: TenantId, id: string, version?: number): Promise<InstanceRecord | undefined>;
    versions(tenantId: TenantId, id: string): Promise<Omit<InstanceRecord, "document">[]>;
    /**
     * Saves a new version on top of `baseVersion` (0 for a new instance); CONFLICT with the current version if
     * another save came first. The document must already have been validated by the core.
     */
    save(
      tenantId: TenantId,
      input: { id: string; name: string; document: JsonObject; documentHash: string; createdAt?: Date },
      baseVersion: number,
    ): Promise<InstanceRecord>;
  };

  readonly pathwayResults: {
    get(key: PathwayResultKey): Promise<PathwayJson | undefined>;
    put(key: PathwayResultKey, result: PathwayJson): Promise<void>;
  };

  readonly users: {
    count(): Promise<number>;
    create(input: {
      id?: string;
      name: string;
      email: string;
      role?: string;
      mustChangePassword?: boolean;
      createdAt?: Date;
    }): Promise<UserRecord>;
    byEmail(email: string): Promise<UserRecord | undefined>;
    byId(id: string): Promise<UserRecord | undefined>;
    /** Marks (or clears) the account's password as one-time. */
    setMustChangePassword(userId: string, value: boolean): Promise<void>;
    /** Sets the password hash of the user's "credential" account (better-auth's email and password). */
    setPasswordHash(userId: string, hash: string): Promise<void>;
    passwordHash(userId: string): Promise<string | undefined>;
  };

  readonly memberships: {
    put(tenantId: TenantId, userId: string, role: t.Role, departments?: string[]): Promise<void>;
    list(tenantId: TenantId): Promise<MembershipRecord[]>;
    /** Ends a membership; false when there was none. */
    remove(tenantId: TenantId, userId: string): Promise<boolean>;
  };

  /** Plans, actions, indicators, progress and observations (agenda.ts). */
  readonly agenda: AgendaRepository;
  /** Budget lines, settlements and fiscal years of the GHG-reduction budget (budget.ts). */
  readonly budget: BudgetRepository;
  /** Consultations, contributions, supports, answers, moderation and the census (participation.ts). */
  readonly participation: ParticipationRepository;
  /** Implementation reports: entries, stage, the frozen snapshot (report.ts). */
  readonly reports: ReportRepository;
}

// ---------------------------------------------------------------- errors from the database

/** The SQLSTATE of a database error (PostgreSQL or PGlite, through drizzle's wrapping), if it is one. */
export function sqlState(e: unknown): string | undefined {
  return pgCode(e);
}

function pgCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c)) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function isFrozen(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (String((cur as { message?: unknown }).message ?? "").includes("is published and frozen")) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

function conflict(message: string, currentVersion?: number): CitypathError {
  return new ConflictError(message, currentVersion);
}

/** The current version a CONFLICT error carries, if any. */
export function conflictVersion(e: unknown): number | undefined {
  return e instanceof ConflictError ? e.currentVersion : undefined;
}

async function uniqueOr<T>(fn: () => Promise<T>, onDuplicate: () => Error): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (pgCode(e) === "23505") throw onDuplicate();
    throw e;
  }
}

// ---------------------------------------------------------------- the implementation (drizzle, both drivers)

const tenantRec = (r: typeof t.tenant.$inferSelect): TenantRecord => ({
  id: r.id as TenantId,
  slug: r.slug,
  name: r.name,
  nameEn: r.nameEn,
  settings: r.settings,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const datasetRec = (r: typeof t.activityDataset.$inferSelect): ActivityDatasetRecord => ({
  tenantId: r.tenantId as TenantId,
  id: r.id,
  name: r.name,
  source: r.source,
  rowCount: r.rowCount,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const rowRec = (r: typeof t.activityRow.$inferSelect): ActivityRowRecord => ({
  line: r.line,
  year: r.year,
  gpcRef: r.gpcRef,
  activity: r.activity,
  amount: r.amount,
  unit: r.unit,
  notation: r.notation as ActivityRowRecord["notation"],
  district: r.district,
  source: r.source,
  quality: r.quality,
  note: r.note,
  instrument: r.instrument,
  instrumentFactor: r.instrumentFactor,
  instrumentFactorUnit: r.instrumentFactorUnit,
  extra: r.extra as JsonObject,
});

const tenantFactorSetRec = (r: typeof t.factorSet.$inferSelect): FactorSetRecord => ({
  kind: "tenant",
  id: r.id,
  name: r.name,
  source: r.source,
  factors: r.factors as Json[],
  factorCount: r.factorCount,
  version: r.version,
  updatedAt: r.updatedAt,
});

const builtinFactorSetRec = (r: typeof t.builtinFactorSet.$inferSelect): FactorSetRecord => ({
  kind: "builtin",
  id: r.id,
  name: r.name,
  source: null,
  factors: r.factors as Json[],
  factorCount: r.factorCount,
  version: 1,
  updatedAt: r.loadedAt,
});

const inventoryRec = (r: typeof t.inventory.$inferSelect): InventoryRecord => ({
  tenantId: r.tenantId as TenantId,
  version: r.version,
  label: r.label,
  status: r.status as InventoryRecord["status"],
  gwpSet: r.gwpSet,
  activityDatasetId: r.activityDatasetId,
  factorSets: r.factorSets as FactorSetRef[],
  basedOnVersion: r.basedOnVersion,
  result: r.result as JsonObject,
  firstYear: r.firstYear,
  lastYear: r.lastYear,
  createdAt: r.createdAt,
  publishedAt: r.publishedAt,
});

const inventoryHeaderCols = {
  tenantId: t.inventory.tenantId,
  version: t.inventory.version,
  label: t.inventory.label,
  status: t.inventory.status,
  gwpSet: t.inventory.gwpSet,
  activityDatasetId: t.inventory.activityDatasetId,
  factorSets: t.inventory.factorSets,
  basedOnVersion: t.inventory.basedOnVersion,
  firstYear: t.inventory.firstYear,
  lastYear: t.inventory.lastYear,
  createdAt: t.inventory.createdAt,
  publishedAt: t.inventory.publishedAt,
};

const instanceRec = (r: typeof t.modelInstance.$inferSelect): InstanceRecord => ({
  tenantId: r.tenantId as TenantId,
  id: r.id,
  version: r.version,
  name: r.name,
  document: r.document as JsonObject,
  documentHash: r.documentHash,
  createdAt: r.createdAt,
});

const instanceHeaderCols = {
  tenantId: t.modelInstance.tenantId,
  id: t.modelInstance.id,
  version: t.modelInstance.version,
  name: t.modelInstance.name,
  documentHash: t.modelInstance.documentHash,
  createdAt: t.modelInstance.createdAt,
};

const userRec = (r: typeof t.user.$inferSelect): UserRecord => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  mustChangePassword: r.mustChangePassword,
  createdAt: r.createdAt,
});

export function createStore(database: Database): Store {
  const generations = new Map<string, number>();
  return build(database.kind, database.db, generations, false);
}

function build(kind: Database["kind"], db: Db, generations: Map<string, number>, inTx: boolean): Store {
  // Writes inside a transaction bump the counters when they commit; a rollback bumps them too, which only
  // costs a cache miss.
  const bump = (tenantId: string) => generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
  const bumpAll = () => {
    for (const k of generations.keys()) bump(k);
    bump("*");
  };

  const store: Store = {
    kind,
    db,
    async transaction(fn) {
      if (inTx) return fn(store);
      return db.transaction((tx) => fn(build(kind, tx as unknown as Db, generations, true)));
    },
    agenda: agendaRepository(db, inTx, (id) => bump(id)),
    budget: budgetRepository(db, inTx, (id) => bump(id)),
    participation: participationRepository(db, inTx, (id) => bump(id)),
    reports: reportRepository(db, inTx, (id) => bump(id)),
    generation: (tenantId) =>
      tenantId === "*"
        ? (generations.get("*") ?? 0)
        : (generations.get(tenantId) ?? 0) + (generations.get("*") ?? 0),

    tenants: {
      async list() {
        return (await db.select().from(t.tenant).orderBy(asc(t.tenant.slug))).map(tenantRec);
      },
      async bySlug(slug) {
        const [r] = await db.select().from(t.tenant).where(eq(t.tenant.slug, slug));
        return r && tenantRec(r);
      },
      async byId(id) {
        const [r] = await db.select().from(t.tenant).where(eq(t.tenant.id, id));
        return r && tenantRec(r);
      },
      async create(input) {
        const [r] = await uniqueOr(
          () =>
            db
              .insert(t.tenant)
              .values({
                id: randomUUID(),
                slug: input.slug,
                name: input.name,
                nameEn: input.nameEn,
                settings: input.settings ?? {},
              })
              .returning(),
          () => conflict(`A tenant with the slug "${input.slug}" already exists.`),
        );
        bump(r!.id);
        return tenantRec(r!);
      },
      async update(id, baseVersion, patch) {
        const [r] = await db
          .update(t.tenant)
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
            ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
            version: baseVersion + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(t.tenant.id, id), eq(t.tenant.version, baseVersion)))
          .returning();
        if (!r) {
          const cur = await store.tenants.byId(id);
          if (!cur) throw new CitypathError(problem("NOT_FOUND", `No tenant with id ${id}.`));
          throw conflict(
            `The tenant changed since version ${baseVersion}; it is now at ${cur.version}.`,
            cur.version,
          );
        }
        bump(id);
        return tenantRec(r);
      },
      async delete(id) {
        await db.delete(t.tenant).where(eq(t.tenant.id, id));
        bump(id);
      },
    },

    reference: {
      async putGwpSet(id, document, contentHash) {
        const [cur] = await db.select({ h: t.gwpSet.contentHash }).from(t.gwpSet).where(eq(t.gwpSet.id, id));
        if (cur?.h === contentHash) return false;
        await db
          .insert(t.gwpSet)
          .values({ id, document, contentHash })
          .onConflictDoUpdate({ target: t.gwpSet.id, set: { document, contentHash, loadedAt: new Date() } });
        bumpAll();
        return true;
      },
      async gwpSets() {
        const rows = await db.select().from(t.gwpSet).orderBy(asc(t.gwpSet.id));
        return rows.map((r) => ({ id: r.id, document: r.document as Json, contentHash: r.contentHash }));
      },
      async putBuiltinFactorSet(input) {
        const [cur] = await db
          .select({ h: t.builtinFactorSet.contentHash })
          .from(t.builtinFactorSet)
          .where(eq(t.builtinFactorSet.id, input.id));
        if (cur?.h === input.contentHash) return false;
        const values = {
          id: input.id,
          name: input.name,
          factors: input.factors,
          factorCount: input.factors.length,
          contentHash: input.contentHash,
        };
        await db
          .insert(t.builtinFactorSet)
          .values(values)
          .onConflictDoUpdate({ target: t.builtinFactorSet.id, set: { ...values, loadedAt: new Date() } });
        bumpAll();
        return true;
      },
      async builtinFactorSets() {
        return (await db.select().from(t.builtinFactorSet).orderBy(asc(t.builtinFactorSet.id))).map(
          builtinFactorSetRec,
        );
      },
      async builtinFactorSet(id) {
        const [r] = await db.select().from(t.builtinFactorSet).where(eq(t.builtinFactorSet.id, id));
        return r && builtinFactorSetRec(r);
      },
    },

    activity: {
      async create(tenantId, input) {
        const id = input.id ?? randomUUID();
        const run = async (tx: Db) => {
          const [d] = await uniqueOr(
            () =>
              tx
                .insert(t.activityDataset)
                .values({
                  tenantId,
                  id,
                  name: input.name,
                  source: input.source ?? null,
                  rowCount: input.rows.length,
                  ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
                })
                .returning(),
            () => conflict(`An activity dataset with the id "${id}" already exists.`),
          );
          // Insert in chunks: one statement may carry at most 65535 parameters.
          for (let i = 0; i < input.rows.length; i += 2000) {
            const chunk = input.rows.slice(i, i + 2000).map((r) => ({ tenantId, datasetId: id, ...r }));
            await uniqueOr(
              () => tx.insert(t.activityRow).values(chunk),
              () =>
                new CitypathError(
                  problem("DUPLICATE", `Two activity rows of "${id}" have the same line number.`),
                ),
            );
          }
          return datasetRec(d!);
        };
        const rec = inTx ? await run(db) : await db.transaction((tx) => run(tx as unknown as Db));
        bump(tenantId);
        return rec;
      },
      async list(tenantId) {
        return (
          await db
            .select()
            .from(t.activityDataset)
            .where(eq(t.activityDataset.tenantId, tenantId))
            .orderBy(asc(t.activityDataset.createdAt), asc(t.activityDataset.id))
        ).map(datasetRec);
      },
      async get(tenantId, id) {
        const [r] = await db
          .select()
          .from(t.activityDataset)
          .where(and(eq(t.activityDataset.tenantId, tenantId), eq(t.activityDataset.id, id)));
        return r && datasetRec(r);
      },
      async rows(tenantId, id, filter = {}) {
        const conds: SQL[] = [eq(t.activityRow.tenantId, tenantId), eq(t.activityRow.datasetId, id)];
        if (filter.year !== undefined) conds.push(eq(t.activityRow.year, filter.year));
        return (
          await db
            .select()
            .from(t.activityRow)
            .where(and(...conds))
            .orderBy(asc(t.activityRow.line))
        ).map(rowRec);
      },
    },

    factorSets: {
      async list(tenantId) {
        return (
          await db
            .select()
            .from(t.factorSet)
            .where(eq(t.factorSet.tenantId, tenantId))
            .orderBy(asc(t.factorSet.id))
        ).map(tenantFactorSetRec);
      },
      async get(tenantId, id) {
        const [r] = await db
          .select()
          .from(t.factorSet)
          .where(and(eq(t.factorSet.tenantId, tenantId), eq(t.factorSet.id, id)));
        return r && tenantFactorSetRec(r);
      },
      async save(tenantId, input, baseVersion) {
        const values = {
          name: input.name,
          source: input.source ?? null,
          factors: input.factors,
          factorCount: input.factors.length,
        };
        let r: typeof t.factorSet.$inferSelect | undefined;
        if (baseVersion === 0) {
          // a duplicate id inserts nothing and falls through to the CONFLICT below (catching the unique
          // violation instead would leave an enclosing transaction aborted)
          [r] = await db
            .insert(t.factorSet)
            .values({ tenantId, id: input.id, ...values })
            .onConflictDoNothing()
            .returning();
        } else {
          [r] = await db
            .update(t.factorSet)
            .set({ ...values, version: baseVersion + 1, updatedAt: new Date() })
            .where(
              and(
                eq(t.factorSet.tenantId, tenantId),
                eq(t.factorSet.id, input.id),
                eq(t.factorSet.version, baseVersion),
              ),
            )
            .returning();
        }
        if (!r) {
          const cur = await store.factorSets.get(tenantId, input.id);
          if (!cur)
            throw new CitypathError(problem("NOT_FOUND", `No factor set "${input.id}".`, { path: "id" }));
          throw conflict(
            `The factor set "${input.id}" changed since version ${baseVersion}; it is now at ${cur.version}.`,
            cur.version,
          );
        }
        bump(tenantId);
        return tenantFactorSetRec(r);
      },
    },

    inventories: {
      async list(tenantId, filter = {}) {
        const conds: SQL[] = [eq(t.inventory.tenantId, tenantId)];
        if (filter.status) conds.push(eq(t.inventory.status, filter.status));
        const rows = await db
          .select(inventoryHeaderCols)
          .from(t.inventory)
          .where(and(...conds))
          .orderBy(desc(t.inventory.version));
        return rows.map((r) => ({
          ...r,
          tenantId: r.tenantId as TenantId,
          status: r.status as InventoryRecord["status"],
          factorSets: r.factorSets as FactorSetRef[],
        }));
      },
      async get(tenantId, version) {
        const [r] = await db
          .select()
          .from(t.inventory)
          .where(and(eq(t.inventory.tenantId, tenantId), eq(t.inventory.version, version)));
        return r && inventoryRec(r);
      },
      async latest(tenantId, filter = {}) {
        const conds: SQL[] = [eq(t.inventory.tenantId, tenantId)];
        if (filter.status) conds.push(eq(t.inventory.status, filter.status));
        const [r] = await db
          .select()
          .from(t.inventory)
          .where(and(...conds))
          .orderBy(desc(t.inventory.version))
          .limit(1);
        return r && inventoryRec(r);
      },
      async create(tenantId, input) {
        let version = input.version;
        if (version === undefined) {
          const [m] = await db
            .select({ v: max(t.inventory.version) })
            .from(t.inventory)
            .where(eq(t.inventory.tenantId, tenantId));
          version = (m?.v ?? 0) + 1;
        }
        const status = input.status ?? "draft";
        const [r] = await uniqueOr(
          () =>
            db
              .insert(t.inventory)
              .values({
                tenantId,
                version: version!,
                label: input.label,
                status,
                gwpSet: input.gwpSet,
                activityDatasetId: input.activityDatasetId ?? null,
                factorSets: input.factorSets ?? [],
                basedOnVersion: input.basedOnVersion ?? null,
                result: input.result,
                firstYear: input.firstYear,
                lastYear: input.lastYear,
                ...(input.createdAt ? { createdAt: input.createdAt } : {}),
                publishedAt: status === "published" ? (input.publishedAt ?? new Date()) : null,
              })
              .returning(),
          () => conflict(`Inventory version ${version} was created by another request first.`, version),
        );
        bump(tenantId);
        return inventoryRec(r!);
      },
      async publish(tenantId, version) {
        const [r] = await db
          .update(t.inventory)
          .set({ status: "published", publishedAt: new Date() })
          .where(
            and(
              eq(t.inventory.tenantId, tenantId),
              eq(t.inventory.version, version),
              eq(t.inventory.status, "draft"),
            ),
          )
          .returning();
        if (!r) {
          const cur = await store.inventories.get(tenantId, version);
          if (!cur) throw new CitypathError(problem("NOT_FOUND", `No inventory version ${version}.`));
          throw conflict(`Inventory version ${version} is already published.`, version);
        }
        bump(tenantId);
        return inventoryRec(r);
      },
      async deleteDraft(tenantId, version) {
        try {
          const gone = await db
            .delete(t.inventory)
            .where(and(eq(t.inventory.tenantId, tenantId), eq(t.inventory.version, version)))
            .returning({ v: t.inventory.version });
          if (gone.length === 0)
            throw new CitypathError(problem("NOT_FOUND", `No inventory version ${version}.`));
        } catch (e) {
          if (isFrozen(e)) throw conflict(`Inventory version ${version} is published and frozen.`, version);
          throw e;
        }
        bump(tenantId);
      },
    },

    instances: {
      async list(tenantId) {
        const rows = await db
          .selectDistinctOn([t.modelInstance.id], instanceHeaderCols)
          .from(t.modelInstance)
          .where(eq(t.modelInstance.tenantId, tenantId))
          .orderBy(asc(t.modelInstance.id), desc(t.modelInstance.version));
        return rows.map((r) => ({ ...r, tenantId: r.tenantId as TenantId }));
      },
      async get(tenantId, id, version) {
        const conds: SQL[] = [eq(t.modelInstance.tenantId, tenantId), eq(t.modelInstance.id, id)];
        if (version !== undefined) conds.push(eq(t.modelInstance.version, version));
        const [r] = await db
          .select()
          .from(t.modelInstance)
          .where(and(...conds))
          .orderBy(desc(t.modelInstance.version))
          .limit(1);
        return r && instanceRec(r);
      },
      async versions(tenantId, id) {
        const rows = await db
          .select(instanceHeaderCols)
          .from(t.modelInstance)
          .where(and(eq(t.modelInstance.tenantId, tenantId), eq(t.modelInstance.id, id)))
          .orderBy(desc(t.modelInstance.version));
        return rows.map((r) => ({ ...r, tenantId: r.tenantId as TenantId }));
      },
      async save(tenantId, input, baseVersion) {
        const [cur] = await db
          .select({ v: max(t.modelInstance.version) })
          .from(t.modelInstance)
          .where(and(eq(t.modelInstance.tenantId, tenantId), eq(t.modelInstance.id, input.id)));
        const current = cur?.v ?? 0;
        if (current !== baseVersion)
          throw conflict(
            `The instance "${input.id}" is at version ${current}, not ${baseVersion}: reload it and apply the change again.`,
            current,
          );
        // The primary key makes two saves on the same base collide: the second gets CONFLICT.
        const [r] = await uniqueOr(
          () =>
            db
              .insert(t.modelInstance)
              .values({
                tenantId,
                id: input.id,
                version: baseVersion + 1,
                name: input.name,
                document: input.document,
                documentHash: input.documentHash,
                ...(input.createdAt ? { createdAt: input.createdAt } : {}),
              })
              .returning(),
          () => conflict(`The instance "${input.id}" was saved by another request first.`, baseVersion + 1),
        );
        bump(tenantId);
        return instanceRec(r!);
      },
    },

    pathwayResults: {
      async get(key) {
        const [r] = await db
          .select({ result: t.pathwayResult.result })
          .from(t.pathwayResult)
          .where(
            and(
              eq(t.pathwayResult.tenantId, key.tenantId),
              eq(t.pathwayResult.instanceId, key.instanceId),
              eq(t.pathwayResult.instanceVersion, key.instanceVersion),
              eq(t.pathwayResult.scenarioId, key.scenarioId),
              eq(t.pathwayResult.engineVersion, key.engineVersion),
            ),
          );
        return r?.result;
      },
      async put(key, result) {
        await db
          .insert(t.pathwayResult)
          .values({ ...key, result })
          .onConflictDoUpdate({
            target: [
              t.pathwayResult.tenantId,
              t.pathwayResult.instanceId,
              t.pathwayResult.instanceVersion,
              t.pathwayResult.scenarioId,
              t.pathwayResult.engineVersion,
            ],
            set: { result, computedAt: new Date() },
          });
      },
    },

    users: {
      async count() {
        const [r] = await db.select({ n: count() }).from(t.user);
        return Number(r?.n ?? 0);
      },
      async create(input) {
        const email = input.email.trim().toLowerCase();
        const [r] = await uniqueOr(
          () =>
            db
              .insert(t.user)
              .values({
                id: input.id ?? randomUUID(),
                name: input.name,
                email,
                role: input.role ?? "user",
                mustChangePassword: input.mustChangePassword ?? false,
                ...(input.createdAt ? { createdAt: input.createdAt } : {}),
              })
              .returning(),
          () => conflict(`A user with the email ${email} already exists.`),
        );
        return userRec(r!);
      },
      async byEmail(email) {
        const [r] = await db.select().from(t.user).where(eq(t.user.email, email.trim().toLowerCase()));
        return r && userRec(r);
      },
      async byId(id) {
        const [r] = await db.select().from(t.user).where(eq(t.user.id, id));
        return r && userRec(r);
      },
      async setMustChangePassword(userId, value) {
        await db
          .update(t.user)
          .set({ mustChangePassword: value, updatedAt: new Date() })
          .where(eq(t.user.id, userId));
      },
      async setPasswordHash(userId, hash) {
        const [acc] = await db
          .select({ id: t.account.id })
          .from(t.account)
          .where(and(eq(t.account.userId, userId), eq(t.account.providerId, "credential")));
        if (acc) {
          await db
            .update(t.account)
            .set({ password: hash, updatedAt: new Date() })
            .where(eq(t.account.id, acc.id));
        } else {
          await db.insert(t.account).values({
            id: randomUUID(),
            accountId: userId,
            providerId: "credential",
            userId,
            password: hash,
          });
        }
      },
      async passwordHash(userId) {
        const [acc] = await db
          .select({ p: t.account.password })
          .from(t.account)
          .where(and(eq(t.account.userId, userId), eq(t.account.providerId, "credential")));
        return acc?.p ?? undefined;
      },
    },

    memberships: {
      async put(tenantId, userId, role, departments = []) {
        await db
          .insert(t.membership)
          .values({ tenantId, userId, role, departments })
          .onConflictDoUpdate({
            target: [t.membership.tenantId, t.membership.userId],
            set: { role, departments },
          });
        bump(tenantId);
      },
      async list(tenantId) {
        const rows = await db
          .select({
            tenantId: t.membership.tenantId,
            userId: t.membership.userId,
            role: t.membership.role,
            departments: t.membership.departments,
            email: t.user.email,
            name: t.user.name,
          })
          .from(t.membership)
          .innerJoin(t.user, eq(t.user.id, t.membership.userId))
          .where(eq(t.membership.tenantId, tenantId))
          .orderBy(asc(t.user.email));
        return rows.map((r) => ({
          ...r,
          tenantId: r.tenantId as TenantId,
          role: r.role as t.Role,
          departments: r.departments as string[],
        }));
      },
      async remove(tenantId, userId) {
        const rows = await db
          .delete(t.membership)
          .where(and(eq(t.membership.tenantId, tenantId), eq(t.membership.userId, userId)))
          .returning({ userId: t.membership.userId });
        bump(tenantId);
        return rows.length === 1;
      },
    },
  };
  return store;
}
