import type { NotationKey, PathwayJson, TenantId } from "@citypath/core";
import type { TenantSettings } from "@citypath/core/tenant-settings";
import { activityRepository } from "./activity.ts";
import { type AgendaRepository, agendaRepository } from "./agenda.ts";
import { type BudgetRepository, budgetRepository } from "./budget.ts";
import type { Database, Db } from "./connect.ts";
import { factorSetsRepository } from "./factor-sets.ts";
import { instancesRepository, pathwayResultsRepository } from "./instances.ts";
import { inventoriesRepository } from "./inventories.ts";
import { type ParticipationRepository, participationRepository } from "./participation.ts";
import { referenceRepository } from "./reference.ts";
import { type ReportRepository, reportRepository } from "./report.ts";
import type * as t from "./schema.ts";
import { tenantsRepository } from "./tenants.ts";
import { membershipsRepository, usersRepository } from "./users.ts";

export { conflictVersion, FrozenInventoryError, sqlState } from "./errors.ts";

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

// ---------------------------------------------------------------- the implementation (drizzle, both drivers)
// One file per repository; this wires them to one handle (the transaction's inside `transaction`).

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

    tenants: tenantsRepository(db, bump),
    reference: referenceRepository(db, bumpAll),
    activity: activityRepository(db, inTx, bump),
    factorSets: factorSetsRepository(db, bump),
    inventories: inventoriesRepository(db, bump),
    instances: instancesRepository(db, bump),
    pathwayResults: pathwayResultsRepository(db, bump),
    users: usersRepository(db, bump),
    memberships: membershipsRepository(db, bump),
  };
  return store;
}
