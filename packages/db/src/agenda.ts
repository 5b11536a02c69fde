/**
 * The agenda repository (`store.agenda`): plans, actions and indicators as versioned documents, progress
 * updates and observed values as rows of their own, and the registers (sources, departments, categories).
 *
 * Documents are stored as the caller gives them; validating them is the core's job (the server runs every
 * change through the core's functions, which return a valid record or every problem). A save names the
 * version it read (0 for a new record); another save in between makes it a CONFLICT carrying the current
 * version. The action's `progress` and the indicator's `observed` are split off into rows on save and put
 * back, in order, on read.
 */
import { CitypathError, ConflictError, problem, type TenantId } from "@citypath/core";
import type { Action, Category, Department, Indicator, Plan, Source } from "@citypath/core/agenda/index";
import { and, asc, eq, inArray } from "drizzle-orm";

type ProgressUpdate = Action["progress"][number];
type Observation = Indicator["observed"][number];

import { canonicalJson } from "./audit.ts";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";

export type AgendaKind = "plan" | "action" | "indicator";
export interface AgendaDocuments {
  plan: Plan;
  action: Action;
  indicator: Indicator;
}

/** One stored plan, action or indicator: the document and its version. */
export interface AgendaRecord<T> {
  readonly id: string;
  readonly version: number;
  readonly document: T;
  readonly updatedAt: Date;
}

export interface AgendaRegisters {
  readonly sources: Source[];
  readonly departments: Department[];
  readonly categories: Category[];
}

export interface AgendaRepository {
  /** Every record of a kind, ordered by id. */
  list<K extends AgendaKind>(tenantId: TenantId, kind: K): Promise<AgendaRecord<AgendaDocuments[K]>[]>;
  get<K extends AgendaKind>(
    tenantId: TenantId,
    kind: K,
    id: string,
  ): Promise<AgendaRecord<AgendaDocuments[K]> | undefined>;
  /**
   * Creates (baseVersion 0) or replaces (baseVersion = the current version) a record; CONFLICT with the
   * current version when another save came first, NOT_FOUND when replacing a record that does not exist.
   */
  save<K extends AgendaKind>(
    tenantId: TenantId,
    kind: K,
    document: AgendaDocuments[K],
    baseVersion: number,
    /** For imports: the version a new record starts at (default 1). */
    opts?: { version?: number },
  ): Promise<AgendaRecord<AgendaDocuments[K]>>;
  registers(tenantId: TenantId): Promise<AgendaRegisters>;
  /** Replaces the registers named in `registers` (the others stay as they are). */
  putRegisters(tenantId: TenantId, registers: Partial<AgendaRegisters>): Promise<void>;
  /** Whether the tenant has any plan, action or indicator. */
  isEmpty(tenantId: TenantId): Promise<boolean>;
  /**
   * Queues reminder messages (the core's `reminders`); a message whose `dedupe_key` is queued already is
   * left out. Returns the keys queued by this call.
   */
  queueMessages(tenantId: TenantId, messages: readonly AgendaOutboxMessage[]): Promise<string[]>;
  /** Marks queued messages as handed on (mailed to the department's officers) at `at`. */
  markSent(tenantId: TenantId, keys: readonly string[], at: Date): Promise<void>;
  /** Queued messages, oldest first. */
  outbox(
    tenantId: TenantId,
  ): Promise<{ message: AgendaOutboxMessage; createdAt: Date; sentAt: Date | null }[]>;
}

/** A message for the outbox: what the core's `reminders` returns (its other fields are kept as they are). */
export interface AgendaOutboxMessage {
  readonly dedupe_key: string;
  readonly department: string;
  readonly created_for: string;
}

const TABLES = { plan: t.agendaPlan, action: t.agendaAction, indicator: t.agendaIndicator } as const;
const REGISTER_KIND = { sources: "source", departments: "department", categories: "category" } as const;

type Row = { id: string; version: number; document: unknown; updatedAt: Date };

function conflict(message: string, currentVersion: number): CitypathError {
  return new ConflictError(message, currentVersion);
}

/** The document without its child rows, and the child rows. */
function split(kind: AgendaKind, doc: AgendaDocuments[AgendaKind]) {
  if (kind === "action") {
    const { progress, ...rest } = doc as Action;
    return { stored: rest, progress, observed: undefined };
  }
  if (kind === "indicator") {
    const { observed, ...rest } = doc as Indicator;
    return { stored: rest, progress: undefined, observed };
  }
  return { stored: doc, progress: undefined, observed: undefined };
}

/** The columns a kind's table keeps beside the document (for filters and the database's checks). */
type KindColumns =
  | { readonly kind: "plan"; readonly stage: string }
  | { readonly kind: "action"; readonly status: string; readonly departments: readonly string[] }
  | { readonly kind: "indicator" };

function kindColumns(kind: AgendaKind, doc: AgendaDocuments[AgendaKind]): KindColumns {
  if (kind === "plan") return { kind, stage: (doc as Plan).stage };
  if (kind === "action")
    return { kind, status: (doc as Action).status, departments: (doc as Action).departments };
  return { kind };
}

/** What a save writes into every kind's table. */
interface RecordWrite {
  readonly tenantId: string;
  readonly id: string;
  readonly document: unknown;
}

const returned = (table: (typeof TABLES)[AgendaKind]) => ({
  id: table.id,
  version: table.version,
  document: table.document,
  updatedAt: table.updatedAt,
});

/** Inserts a new record into its kind's table; undefined when the id exists (nothing written). */
async function insertRecord(
  d: Db,
  c: KindColumns,
  w: RecordWrite & { readonly version: number },
): Promise<Row | undefined> {
  const rows =
    c.kind === "plan"
      ? await d
          .insert(t.agendaPlan)
          .values({ ...w, stage: c.stage })
          .onConflictDoNothing()
          .returning(returned(t.agendaPlan))
      : c.kind === "action"
        ? await d
            .insert(t.agendaAction)
            .values({ ...w, status: c.status, departments: c.departments })
            .onConflictDoNothing()
            .returning(returned(t.agendaAction))
        : await d
            .insert(t.agendaIndicator)
            .values(w)
            .onConflictDoNothing()
            .returning(returned(t.agendaIndicator));
  return rows[0];
}

/** Replaces a record at `baseVersion` with the next version; undefined when it is not at that version. */
async function updateRecord(
  d: Db,
  c: KindColumns,
  w: RecordWrite & { readonly baseVersion: number },
): Promise<Row | undefined> {
  const set = { document: w.document, version: w.baseVersion + 1, updatedAt: new Date() };
  const at = (table: (typeof TABLES)[AgendaKind]) =>
    and(eq(table.tenantId, w.tenantId), eq(table.id, w.id), eq(table.version, w.baseVersion));
  const rows =
    c.kind === "plan"
      ? await d
          .update(t.agendaPlan)
          .set({ ...set, stage: c.stage })
          .where(at(t.agendaPlan))
          .returning(returned(t.agendaPlan))
      : c.kind === "action"
        ? await d
            .update(t.agendaAction)
            .set({ ...set, status: c.status, departments: c.departments })
            .where(at(t.agendaAction))
            .returning(returned(t.agendaAction))
        : await d
            .update(t.agendaIndicator)
            .set(set)
            .where(at(t.agendaIndicator))
            .returning(returned(t.agendaIndicator));
  return rows[0];
}

/** Progress updates of an action as given: rows deleted, inserted or updated only where they differ. */
async function syncProgress(d: Db, tenantId: string, actionId: string, progress: readonly ProgressUpdate[]) {
  const where = and(eq(t.agendaProgress.tenantId, tenantId), eq(t.agendaProgress.actionId, actionId));
  const have = new Map(
    (
      await d
        .select({ id: t.agendaProgress.id, document: t.agendaProgress.document })
        .from(t.agendaProgress)
        .where(where)
    ).map((r) => [r.id, canonicalJson(r.document)]),
  );
  const want = new Set<string>(progress.map((p) => p.id));
  const gone = [...have.keys()].filter((k) => !want.has(k));
  if (gone.length) await d.delete(t.agendaProgress).where(and(where, inArray(t.agendaProgress.id, gone)));
  const added = progress.filter((p) => !have.has(p.id));
  if (added.length)
    await d
      .insert(t.agendaProgress)
      .values(added.map((p) => ({ tenantId, actionId, id: p.id, date: p.date, document: p })));
  for (const p of progress) {
    const before = have.get(p.id);
    if (before === undefined || before === canonicalJson(p)) continue;
    await d
      .update(t.agendaProgress)
      .set({ date: p.date, document: p })
      .where(and(where, eq(t.agendaProgress.id, p.id)));
  }
}

/** Observed values of an indicator as given, keyed by year and district: only the differences are written. */
async function syncObservations(
  d: Db,
  tenantId: string,
  indicatorId: string,
  observed: readonly Observation[],
) {
  const where = and(
    eq(t.agendaObservation.tenantId, tenantId),
    eq(t.agendaObservation.indicatorId, indicatorId),
  );
  const key = (year: number, district: string) => `${year}\u0000${district}`;
  const have = new Map(
    (
      await d
        .select({
          year: t.agendaObservation.year,
          district: t.agendaObservation.district,
          document: t.agendaObservation.document,
        })
        .from(t.agendaObservation)
        .where(where)
    ).map((r) => [
      key(r.year, r.district),
      { year: r.year, district: r.district, json: canonicalJson(r.document) },
    ]),
  );
  const want = new Set(observed.map((o) => key(o.year, o.district ?? "")));
  for (const [k, r] of have)
    if (!want.has(k))
      await d
        .delete(t.agendaObservation)
        .where(
          and(where, eq(t.agendaObservation.year, r.year), eq(t.agendaObservation.district, r.district)),
        );
  const added = observed.filter((o) => !have.has(key(o.year, o.district ?? "")));
  if (added.length)
    await d.insert(t.agendaObservation).values(
      added.map((o) => ({
        tenantId,
        indicatorId,
        year: o.year,
        district: o.district ?? "",
        value: o.value,
        document: o,
      })),
    );
  for (const o of observed) {
    const before = have.get(key(o.year, o.district ?? ""));
    if (!before || before.json === canonicalJson(o)) continue;
    await d
      .update(t.agendaObservation)
      .set({ value: o.value, document: o })
      .where(
        and(where, eq(t.agendaObservation.year, o.year), eq(t.agendaObservation.district, o.district ?? "")),
      );
  }
}

export function agendaRepository(db: Db, inTx: boolean, bump: (tenantId: string) => void): AgendaRepository {
  const tx = <T>(fn: (d: Db) => Promise<T>): Promise<T> => (inTx ? fn(db) : db.transaction((d) => fn(d)));

  async function children(d: Db, tenantId: string, kind: AgendaKind, ids: string[]) {
    const progress = new Map<string, unknown[]>();
    const observed = new Map<string, unknown[]>();
    if (ids.length === 0) return { progress, observed };
    if (kind === "action") {
      const rows = await d
        .select()
        .from(t.agendaProgress)
        .where(and(eq(t.agendaProgress.tenantId, tenantId), inArray(t.agendaProgress.actionId, ids)))
        .orderBy(asc(t.agendaProgress.date), asc(t.agendaProgress.id));
      for (const r of rows) {
        const list = progress.get(r.actionId) ?? [];
        list.push(r.document);
        progress.set(r.actionId, list);
      }
    }
    if (kind === "indicator") {
      const rows = await d
        .select()
        .from(t.agendaObservation)
        .where(and(eq(t.agendaObservation.tenantId, tenantId), inArray(t.agendaObservation.indicatorId, ids)))
        .orderBy(asc(t.agendaObservation.year), asc(t.agendaObservation.district));
      for (const r of rows) {
        const list = observed.get(r.indicatorId) ?? [];
        list.push(r.document);
        observed.set(r.indicatorId, list);
      }
    }
    return { progress, observed };
  }

  async function assemble<K extends AgendaKind>(
    d: Db,
    tenantId: string,
    kind: K,
    rows: Row[],
  ): Promise<AgendaRecord<AgendaDocuments[K]>[]> {
    const { progress, observed } = await children(
      d,
      tenantId,
      kind,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const base = r.document as Record<string, unknown>;
      const document =
        kind === "action"
          ? { ...base, progress: progress.get(r.id) ?? [] }
          : kind === "indicator"
            ? { ...base, observed: observed.get(r.id) ?? [] }
            : base;
      return {
        id: r.id,
        version: r.version,
        // stored as the core validated it on save, with its child rows put back
        document: document as AgendaDocuments[K],
        updatedAt: r.updatedAt,
      };
    });
  }

  async function select(d: Db, tenantId: string, kind: AgendaKind, id?: string): Promise<Row[]> {
    const table = TABLES[kind];
    const cond =
      id === undefined ? eq(table.tenantId, tenantId) : and(eq(table.tenantId, tenantId), eq(table.id, id));
    return d
      .select({ id: table.id, version: table.version, document: table.document, updatedAt: table.updatedAt })
      .from(table)
      .where(cond)
      .orderBy(asc(table.id));
  }

  const repo: AgendaRepository = {
    async list(tenantId, kind) {
      return assemble(db, tenantId, kind, await select(db, tenantId, kind));
    },
    async get(tenantId, kind, id) {
      const [r] = await assemble(db, tenantId, kind, await select(db, tenantId, kind, id));
      return r;
    },
    async save(tenantId, kind, document, baseVersion, opts = {}) {
      const id = document.id as string;
      const { stored, progress, observed } = split(kind, document);
      const columns = kindColumns(kind, document);
      const rec = await tx(async (d) => {
        const row =
          baseVersion === 0
            ? // on a duplicate id nothing is inserted (no error, so a surrounding transaction stays usable)
              await insertRecord(d, columns, { tenantId, id, document: stored, version: opts.version ?? 1 })
            : await updateRecord(d, columns, { tenantId, id, document: stored, baseVersion });
        if (!row) {
          const [cur] = await select(d, tenantId, kind, id);
          if (!cur) throw new CitypathError(problem("NOT_FOUND", `No ${kind} "${id}".`, { path: "id" }));
          throw conflict(
            baseVersion === 0
              ? `The ${kind} "${id}" exists (version ${cur.version}).`
              : `The ${kind} "${id}" changed since version ${baseVersion}; it is now at ${cur.version}.`,
            cur.version,
          );
        }
        // Child rows: only what changed is written (a save must not grow with the record's history)
        if (progress) await syncProgress(d, tenantId, id, progress);
        if (observed) await syncObservations(d, tenantId, id, observed);
        const [r] = await assemble(d, tenantId, kind, [row]);
        return r!;
      });
      bump(tenantId);
      return rec;
    },
    async registers(tenantId) {
      const rows = await db
        .select()
        .from(t.agendaRegister)
        .where(eq(t.agendaRegister.tenantId, tenantId))
        .orderBy(asc(t.agendaRegister.kind), asc(t.agendaRegister.id));
      const of = (k: string) => rows.filter((r) => r.kind === k).map((r) => r.document);
      return {
        sources: of("source") as Source[],
        departments: of("department") as Department[],
        categories: of("category") as Category[],
      };
    },
    async putRegisters(tenantId, registers) {
      await tx(async (d) => {
        for (const [name, kind] of Object.entries(REGISTER_KIND) as [keyof AgendaRegisters, string][]) {
          const list = registers[name];
          if (!list) continue;
          await d
            .delete(t.agendaRegister)
            .where(and(eq(t.agendaRegister.tenantId, tenantId), eq(t.agendaRegister.kind, kind)));
          if (list.length)
            await d
              .insert(t.agendaRegister)
              .values(list.map((r) => ({ tenantId, kind, id: r.id as string, document: r })));
        }
      });
      bump(tenantId);
    },
    async queueMessages(tenantId, messages) {
      if (messages.length === 0) return [];
      const rows = await db
        .insert(t.agendaOutbox)
        .values(
          messages.map((m) => ({
            tenantId,
            dedupeKey: m.dedupe_key,
            department: m.department,
            createdFor: m.created_for,
            message: m,
          })),
        )
        .onConflictDoNothing()
        .returning({ key: t.agendaOutbox.dedupeKey });
      if (rows.length) bump(tenantId);
      return rows.map((r) => r.key);
    },
    async markSent(tenantId, keys, at) {
      if (keys.length === 0) return;
      await db
        .update(t.agendaOutbox)
        .set({ sentAt: at })
        .where(and(eq(t.agendaOutbox.tenantId, tenantId), inArray(t.agendaOutbox.dedupeKey, [...keys])));
      bump(tenantId);
    },
    async outbox(tenantId) {
      const rows = await db
        .select()
        .from(t.agendaOutbox)
        .where(eq(t.agendaOutbox.tenantId, tenantId))
        .orderBy(asc(t.agendaOutbox.createdAt), asc(t.agendaOutbox.dedupeKey));
      return rows.map((r) => ({
        message: r.message as AgendaOutboxMessage,
        createdAt: r.createdAt,
        sentAt: r.sentAt,
      }));
    },
    async isEmpty(tenantId) {
      for (const table of Object.values(TABLES)) {
        const [r] = await db
          .select({ id: table.id })
          .from(table)
          .where(eq(table.tenantId, tenantId))
          .limit(1);
        if (r) return false;
      }
      return true;
    },
  };
  return repo;
}
