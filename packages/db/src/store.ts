import type {
  FactorRow,
  GwpSet,
  InventoryJson,
  InventoryStatus,
  InventoryVerificationInput,
  InventoryVerificationStatus,
  LocalName,
  LocalText,
  NotationKey,
  PathwayJson,
  TenantId,
} from "@citypath/core";
import type { TenantSettings } from "@citypath/core/tenant-settings";
import { activityRepository } from "./activity.ts";
import { type AgendaRepository, agendaRepository } from "./agenda.ts";
import { type AuditFilter, type AuditRecord, auditRepository, type ChainReport } from "./audit.ts";
import { type BudgetRepository, budgetRepository } from "./budget.ts";
import type { Database, Db } from "./connect.ts";
import { factorSetsRepository } from "./factor-sets.ts";
import { instancesRepository, pathwayResultsRepository } from "./instances.ts";
import { inventoriesRepository } from "./inventories.ts";
import type { JsonObject } from "./json.ts";
import type { LimitTaken } from "./limits.ts";
import { type ParticipationRepository, participationRepository } from "./participation.ts";
import { referenceRepository } from "./reference.ts";
import { type ReportRepository, reportRepository } from "./report.ts";
import type * as t from "./schema.ts";
import { tenantsRepository } from "./tenants.ts";
import { membershipsRepository, usersRepository } from "./users.ts";
import { verificationsRepository } from "./verifications.ts";

export { conflictVersion, FrozenInventoryError, sqlState } from "./errors.ts";

// ---------------------------------------------------------------- records (what repositories return)

export type { Json, JsonObject, JsonValue } from "./json.ts";

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
  readonly factors: FactorRow[];
  readonly factorCount: number;
  readonly version: number;
  readonly updatedAt: Date;
}

export type FactorSetRef = { readonly kind: "builtin" | "tenant"; readonly id: string };

export interface InventoryRecord {
  readonly tenantId: TenantId;
  readonly version: number;
  readonly label: LocalName;
  readonly status: InventoryStatus;
  readonly gwpSet: string;
  readonly activityDatasetId: string | null;
  readonly factorSets: FactorSetRef[];
  readonly basedOnVersion: number | null;
  readonly result: JsonObject;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
  readonly verification: InventoryVerificationRecord;
}

/**
 * A version's verification status (core/vocabulary/verification.ts). Nothing recorded = provisional, with
 * `basis` and `recordedAt` null.
 */
export interface InventoryVerificationRecord {
  readonly status: InventoryVerificationStatus;
  readonly verifiedBy: string | null;
  /** YYYY-MM-DD. */
  readonly verifiedOn: string | null;
  readonly basis: LocalText | null;
  readonly illustrative: boolean;
  readonly recordedAt: Date | null;
}

export type InventoryHeader = Omit<InventoryRecord, "result">;

export interface InstanceRecord {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly document: JsonObject;
  readonly documentHash: string;
  /** Why this version was saved (null when no note was written). */
  readonly note: string | null;
  readonly createdAt: Date;
}

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  /** The password is a one-time one: the account must change it before anything else. */
  readonly mustChangePassword: boolean;
  /** A link mailed to the address was opened (sign-up confirmation, invitation). */
  readonly emailVerified: boolean;
  /** The district (행정동) given with the optional consent to it; null without. */
  readonly district: string | null;
  /** The last sign-in or use, for the inactivity deletion. */
  readonly lastActiveAt: Date;
  readonly createdAt: Date;
}

/** What the access checks need of an account: its platform role and its role in each tenant. */
export interface AccountAccess {
  readonly role: string;
  readonly lastActiveAt: Date;
  readonly memberships: readonly { readonly tenantId: TenantId; readonly role: t.Role }[];
}

/** A session with its account's access (what a signed-in request needs to know about its caller). */
export interface SessionAccess extends AccountAccess {
  readonly userId: string;
  readonly emailVerified: boolean;
  readonly expiresAt: Date;
  /**
   * With `bySession(token, write)`, for a session not expired at `write.now`: the write counted against the
   * account's write limit (allowed), or refused without being counted.
   */
  readonly write?: LimitTaken;
}

/**
 * The account's write limit (a fixed window, limits.ts's `limitKey("write:user", userId)`), counted by the
 * session read itself (decision 0071): at most `max` writes per `windowMs`; `now` in epoch milliseconds.
 */
export interface WriteCount {
  readonly max: number;
  readonly windowMs: number;
  readonly now: number;
  /**
   * The time the session's expiry is checked against, when it is not `now`: sessions are issued and
   * refreshed on the wall clock (by better-auth), while the limiter's clock may be another (a test's).
   */
  readonly sessionNow?: number;
}

/** A membership seen from the account: the tenant (id and slug), the role and the departments. */
export interface AccountMembership {
  readonly tenantId: TenantId;
  readonly slug: string;
  readonly role: t.Role;
  readonly departments: string[];
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

/**
 * What a write can change, for caches: a read keys on the generations of the domains it reads, so a write
 * elsewhere (an import profile, a comment) leaves it cached. Each repository bumps its own domain.
 */
export const WRITE_DOMAINS = [
  "tenant",
  "members",
  "activity",
  "factors",
  "inventory",
  "instances",
  "agenda",
  "budget",
  "participation",
  "report",
] as const;
export type WriteDomain = (typeof WRITE_DOMAINS)[number];

export interface Store {
  readonly kind: Database["kind"];
  /**
   * The drizzle handle this store runs on (bound to the transaction inside `transaction`), for this package's
   * modules kept outside the Store (audit.ts, privacy.ts, profiles.ts, mail.ts) that must write in the same
   * transaction. Not for use outside the package: the server goes through the repositories, better-auth
   * through `betterAuthDatabase` (auth-adapter.ts).
   */
  readonly db: Db;
  /** Runs `fn` in one transaction: all of its writes happen or none. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /**
   * A counter caches key on: bumped by every write of the named domains of the tenant (all its domains when
   * none is named), through this process or, once `watch` runs, through any process on the same PostgreSQL.
   * "*" counts changes of the shared reference data, which also change every tenant's every domain.
   */
  generation(tenantId: TenantId | "*", ...domains: readonly WriteDomain[]): number;
  /**
   * PostgreSQL: hears the writes of other processes (each write tells them after it commits) and bumps the
   * generations they changed, so a cache keyed on generations serves nothing older than a write made
   * elsewhere; if the connection that listens drops, every generation is bumped. Resolves once listening;
   * false where there is nothing to hear (PGlite: one process has the data directory).
   */
  watch(): Promise<boolean>;
  /**
   * Sends at once the notices of this process's writes still gathered for other processes (decision 0079);
   * call it before closing the database, so that a write made just before shutdown is still told.
   */
  flushNotices(): Promise<void>;

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
    putGwpSet(id: string, document: GwpSet, contentHash: string): Promise<boolean>;
    gwpSets(): Promise<{ id: string; document: GwpSet; contentHash: string }[]>;
    putBuiltinFactorSet(input: {
      id: string;
      name: string;
      factors: FactorRow[];
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
      input: { id: string; name: string; source?: string | null; factors: FactorRow[] },
      baseVersion: number,
    ): Promise<FactorSetRecord>;
  };

  readonly inventories: {
    /** Headers only (no result document), newest first. */
    list(tenantId: TenantId, filter?: { status?: InventoryStatus }): Promise<InventoryHeader[]>;
    get(tenantId: TenantId, version: number): Promise<InventoryRecord | undefined>;
    /** The newest version, or the newest published one. */
    latest(tenantId: TenantId, filter?: { status?: "published" }): Promise<InventoryRecord | undefined>;
    /** Adds the next version as a draft (or with the given status, for imports). */
    create(
      tenantId: TenantId,
      input: {
        label: LocalName;
        gwpSet: string;
        activityDatasetId?: string | null;
        factorSets?: FactorSetRef[];
        basedOnVersion?: number | null;
        /** The core's document (a current one), or a stored one of any version (imports). */
        result: InventoryJson | JsonObject;
        firstYear: number;
        lastYear: number;
        status?: InventoryStatus;
        version?: number;
        createdAt?: Date;
        publishedAt?: Date | null;
      },
    ): Promise<InventoryRecord>;
    /** Freezes a draft; CONFLICT if it is already published. */
    publish(tenantId: TenantId, version: number): Promise<InventoryRecord>;
    /** Deletes a draft; CONFLICT for a published (frozen) version. */
    deleteDraft(tenantId: TenantId, version: number): Promise<void>;
    /**
     * Records a published version's verification status (replacing the one before); NOT_FOUND without the
     * version, CONFLICT for a draft (only a published, frozen version is verified).
     */
    setVerification(
      tenantId: TenantId,
      version: number,
      input: InventoryVerificationInput,
      recordedAt?: Date,
    ): Promise<InventoryRecord>;
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
      input: {
        id: string;
        name: string;
        document: JsonObject;
        documentHash: string;
        note?: string | null;
        createdAt?: Date;
      },
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
    /** The accounts among `ids` (an id with no account is left out). */
    byIds(ids: readonly string[]): Promise<UserRecord[]>;
    /** Reads the account with its row locked until the transaction ends (inside `transaction`). */
    lock(id: string): Promise<UserRecord | undefined>;
    /**
     * The session with this token and its account's access, in one statement prepared once; undefined when
     * there is no such session (signed out, or never made). Expiry is the caller's to check.
     */
    bySession(token: string, write?: WriteCount): Promise<SessionAccess | undefined>;
    /** Moves a session's expiry (a session in use is kept alive). */
    extendSession(token: string, expiresAt: Date): Promise<void>;
    /** Records that a link mailed to the account's address was opened. */
    markEmailVerified(userId: string): Promise<void>;
    /** Keeps (or, with null, forgets) the district given with the optional consent to it. */
    setDistrict(userId: string, district: string | null): Promise<void>;
    /** Marks (or clears) the account's password as one-time. */
    setMustChangePassword(userId: string, value: boolean): Promise<void>;
    /** Sets the password hash of the user's "credential" account (better-auth's email and password). */
    setPasswordHash(userId: string, hash: string): Promise<void>;
    passwordHash(userId: string): Promise<string | undefined>;
  };

  readonly memberships: {
    put(tenantId: TenantId, userId: string, role: t.Role, departments?: string[]): Promise<void>;
    list(tenantId: TenantId): Promise<MembershipRecord[]>;
    /** The memberships of one account, in every tenant (by tenant slug). */
    ofUser(userId: string): Promise<AccountMembership[]>;
    /** Ends a membership; false when there was none. */
    remove(tenantId: TenantId, userId: string): Promise<boolean>;
  };

  /** Values kept until taken once or expired (verifications.ts): pending sign-ups. */
  readonly verifications: {
    /** Keeps `value` under `identifier` until `expiresAt`; clears the ones expired at `now`. */
    put(input: { identifier: string; value: string; expiresAt: Date }, now: Date): Promise<void>;
    /** Removes and returns the value under `identifier` if it has not expired at `now`. */
    take(identifier: string, now: Date): Promise<string | undefined>;
  };

  /** The tamper-evident audit trail, read (audit.ts; writes go through `appendAudit`). */
  readonly audit: {
    /** A tenant's records ("*": the platform's) in time order, filtered (at most 1000 unless `limit`). */
    list(tenantId: string, filter?: AuditFilter): Promise<AuditRecord[]>;
    /** Checks the hash chains of every tenant, or of one. */
    verifyChains(opts?: { tenantId?: string }): Promise<ChainReport[]>;
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

export function createStore(
  database: Database,
  opts: {
    /** The least time between two notices to other processes (default NOTICE_GATHER_MS; tests set it). */
    noticeGatherMs?: number;
  } = {},
): Store {
  return build(
    database.kind,
    database.db,
    createGenerations(database, opts.noticeGatherMs ?? NOTICE_GATHER_MS),
    undefined,
  );
}

/** The write counters of one store (one process), and how other processes hear of its writes. */
interface Generations {
  get(tenantId: string, domains: readonly WriteDomain[]): number;
  /** A write of this process: counted here, and told to other processes (once it has committed). */
  bump(tenantId: string, domain: WriteDomain | "*"): void;
  /** Runs `fn` as one transaction: what it bumps is bumped again once it has committed, and told then. */
  transaction<T>(fn: (bump: (tenantId: string, domain: WriteDomain | "*") => void) => Promise<T>): Promise<T>;
  /** Sends the gathered notices now. */
  flush(): Promise<void>;
  watch(): Promise<boolean>;
}

const CHANNEL = "citypath_writes";

/**
 * The least time between two notices of one process to the others (decision 0079): a write's notice goes at
 * once if none went in the last interval, else with every change gathered until it ends, in one NOTIFY. A
 * notice per write made every notifying commit wait on PostgreSQL's one lock that orders them; gathered, a
 * busy process sends at most 20 a second, and another process hears a write within this interval and the
 * delivery (docs/operations.md promises one second).
 */
const NOTICE_GATHER_MS = 50;
/** NOTIFY's payload must be shorter than 8,000 bytes: longer gatherings go in several. */
const NOTICE_MAX_CHARS = 7000;

function createGenerations(database: Database, gatherMs: number): Generations {
  const counts = new Map<string, number>();
  const origin = Math.random().toString(36).slice(2, 10);
  const key = (tenantId: string, domain: WriteDomain | "") => `${tenantId}\u0000${domain}`;
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const count = (tenantId: string, domain: WriteDomain | "*") => {
    if (domain === "*" || tenantId === "*") {
      add(key("*", ""));
      return;
    }
    add(key(tenantId, ""));
    add(key(tenantId, domain));
  };
  // the changes committed and not yet told, the timer that will tell them, and when a notice last went
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = Number.NEGATIVE_INFINITY;
  // the notices on their way: a flush returns once every notice told before it has been sent, its own and
  // those a timer started just before (the server's close, a test that must not hear them later)
  let sending: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!database.notify || pending.size === 0) {
      await sending;
      return;
    }
    lastSent = performance.now();
    const payloads: string[] = [];
    let payload = origin;
    for (const c of pending) {
      if (payload.length + c.length + 1 > NOTICE_MAX_CHARS) {
        payloads.push(payload);
        payload = origin;
      }
      payload += ` ${c}`;
    }
    payloads.push(payload);
    pending.clear();
    // a process that hears it reads what was written. A lost message is only a cache that lives to its time
    // limit; the write itself stands.
    sending = Promise.all([sending, ...payloads.map((p) => database.notify?.(CHANNEL, p).catch(() => {}))]);
    await sending;
  };
  const tell = (changes: Iterable<string>) => {
    if (!database.notify) return;
    for (const c of changes) pending.add(c);
    // at once when no notice went out in the last interval (a quiet process tells each write without delay);
    // else when the interval since the last one ends, with every change gathered meanwhile
    if (pending.size > 0 && !timer)
      timer = setTimeout(() => void flush(), Math.max(0, lastSent + gatherMs - performance.now()));
  };
  const change = (tenantId: string, domain: WriteDomain | "*") =>
    domain === "*" || tenantId === "*" ? "*" : `${tenantId}/${domain}`;
  return {
    get(tenantId, domains) {
      const star = counts.get(key("*", "")) ?? 0;
      if (tenantId === "*") return star;
      if (domains.length === 0) return star + (counts.get(key(tenantId, "")) ?? 0);
      let n = star;
      for (const d of domains) n += counts.get(key(tenantId, d)) ?? 0;
      return n;
    },
    bump(tenantId, domain) {
      count(tenantId, domain);
      tell([change(tenantId, domain)]);
    },
    flush,
    async transaction(fn) {
      const seen = new Map<string, [string, WriteDomain | "*"]>();
      try {
        return await fn((tenantId, domain) => {
          // counted at once too, so this process never keeps a read made before the write under the old count
          count(tenantId, domain);
          seen.set(change(tenantId, domain), [tenantId, domain]);
        });
      } finally {
        // counted again after the commit (or the rollback, which only costs a cache miss): a read made while
        // the transaction was open saw the data before it and must not be served under the new count
        for (const [tenantId, domain] of seen.values()) count(tenantId, domain);
        tell(seen.keys());
      }
    },
    async watch() {
      if (!database.listen) return false;
      await database.listen(
        CHANNEL,
        (payload) => {
          const [from, ...changes] = payload.split(" ");
          if (from === origin) return;
          for (const c of changes) {
            if (c === "*") count("*", "*");
            else {
              const [tenantId, domain] = c.split("/") as [string, WriteDomain];
              count(tenantId, domain);
            }
          }
        },
        // the connection was lost and made again: what was written meanwhile is unknown
        () => count("*", "*"),
      );
      return true;
    },
  };
}

function build(
  kind: Database["kind"],
  db: Db,
  generations: Generations,
  txBump: ((tenantId: string, domain: WriteDomain | "*") => void) | undefined,
): Store {
  const inTx = txBump !== undefined;
  const bump = txBump ?? generations.bump;
  const domain = (d: WriteDomain) => (tenantId: string) => bump(tenantId, d);

  const store: Store = {
    kind,
    db,
    async transaction(fn) {
      if (inTx) return fn(store);
      return generations.transaction((b) => db.transaction((tx) => fn(build(kind, tx, generations, b))));
    },
    generation: (tenantId, ...domains) => generations.get(tenantId, domains),
    watch: () => generations.watch(),
    flushNotices: () => generations.flush(),
    agenda: agendaRepository(db, inTx, domain("agenda")),
    budget: budgetRepository(db, inTx, domain("budget")),
    participation: participationRepository(db, inTx, domain("participation")),
    reports: reportRepository(db, inTx, domain("report")),

    tenants: tenantsRepository(db, domain("tenant")),
    reference: referenceRepository(db, () => bump("*", "*")),
    activity: activityRepository(db, inTx, domain("activity")),
    factorSets: factorSetsRepository(db, domain("factors")),
    inventories: inventoriesRepository(db, domain("inventory")),
    instances: instancesRepository(db, domain("instances")),
    pathwayResults: pathwayResultsRepository(db, domain("instances")),
    users: usersRepository(db, domain("members")),
    memberships: membershipsRepository(db, domain("members")),
    verifications: verificationsRepository(db),
    audit: auditRepository(db),
  };
  return store;
}
