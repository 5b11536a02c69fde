/**
 * The budget repository (`store.budget`): budget lines, their settlements and the fiscal years of the
 * GHG-reduction budget. Records are versioned: a save names the version it read (0 for a new record); a save
 * in between makes it a CONFLICT carrying the current version. Documents are stored as the caller gives them;
 * the server runs every change through the core's schemas first.
 */
import { CitypathError, problem, type TenantId } from "@citypath/core";
import type { BudgetLine, BudgetYear, Settlement } from "@citypath/core/budget/index";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";

export interface BudgetRecord<T> {
  readonly version: number;
  readonly document: T;
  readonly updatedAt: Date;
}

export interface BudgetRepository {
  /** Lines of a year (every year when absent), by year and code. */
  lines(tenantId: TenantId, year?: number): Promise<BudgetRecord<BudgetLine>[]>;
  line(tenantId: TenantId, year: number, code: string): Promise<BudgetRecord<BudgetLine> | undefined>;
  /** Lines that fund an action, every year. */
  linesOfAction(tenantId: TenantId, actionId: string): Promise<BudgetRecord<BudgetLine>[]>;
  saveLine(tenantId: TenantId, line: BudgetLine, baseVersion: number): Promise<BudgetRecord<BudgetLine>>;
  /** Deletes a line (and its settlement) at `baseVersion`. */
  deleteLine(tenantId: TenantId, year: number, code: string, baseVersion: number): Promise<void>;
  settlements(tenantId: TenantId, year?: number): Promise<BudgetRecord<Settlement>[]>;
  settlement(tenantId: TenantId, year: number, code: string): Promise<BudgetRecord<Settlement> | undefined>;
  /** NOT_FOUND when the line does not exist. */
  saveSettlement(tenantId: TenantId, s: Settlement, baseVersion: number): Promise<BudgetRecord<Settlement>>;
  years(tenantId: TenantId): Promise<BudgetRecord<BudgetYear>[]>;
  year(tenantId: TenantId, year: number): Promise<BudgetRecord<BudgetYear> | undefined>;
  saveYear(tenantId: TenantId, y: BudgetYear, baseVersion: number): Promise<BudgetRecord<BudgetYear>>;
}

function conflict(message: string, currentVersion: number): CitypathError {
  const err = new CitypathError(problem("CONFLICT", message));
  (err as CitypathError & { currentVersion?: number }).currentVersion = currentVersion;
  return err;
}

const amountOf = (l: BudgetLine) => l.amount.final_krw ?? l.amount.supplementary_krw ?? l.amount.original_krw;

type Row = { version: number; document: unknown; updatedAt: Date };
const rec = <T>(r: Row): BudgetRecord<T> => ({
  version: r.version,
  document: r.document as T,
  updatedAt: r.updatedAt,
});

export function budgetRepository(db: Db, inTx: boolean, bump: (tenantId: string) => void): BudgetRepository {
  const tx = <T>(fn: (d: Db) => Promise<T>): Promise<T> => (inTx ? fn(db) : db.transaction((d) => fn(d)));

  /**
   * Inserts (baseVersion 0) or updates at baseVersion; on no row, NOT_FOUND or CONFLICT with the current
   * version. `current` reads the row's version inside the same transaction.
   */
  async function versioned<T>(
    d: Db,
    what: string,
    baseVersion: number,
    insert: (d: Db) => Promise<Row[]>,
    update: (d: Db) => Promise<Row[]>,
    current: (d: Db) => Promise<number | undefined>,
  ): Promise<BudgetRecord<T>> {
    const [row] = baseVersion === 0 ? await insert(d) : await update(d);
    if (!row) {
      const v = await current(d);
      if (v === undefined) throw new CitypathError(problem("NOT_FOUND", `No ${what}.`));
      throw conflict(
        baseVersion === 0
          ? `The ${what} exists (version ${v}).`
          : `The ${what} changed since version ${baseVersion}; it is now at ${v}.`,
        v,
      );
    }
    return rec<T>(row);
  }

  const lineCols = {
    version: t.budgetLine.version,
    document: t.budgetLine.document,
    updatedAt: t.budgetLine.updatedAt,
  };
  const setCols = {
    version: t.budgetSettlement.version,
    document: t.budgetSettlement.document,
    updatedAt: t.budgetSettlement.updatedAt,
  };
  const yearCols = {
    version: t.budgetYear.version,
    document: t.budgetYear.document,
    updatedAt: t.budgetYear.updatedAt,
  };
  const lineKey = (tenantId: string, year: number, code: string): SQL =>
    and(eq(t.budgetLine.tenantId, tenantId), eq(t.budgetLine.year, year), eq(t.budgetLine.code, code))!;
  const setKey = (tenantId: string, year: number, code: string): SQL =>
    and(
      eq(t.budgetSettlement.tenantId, tenantId),
      eq(t.budgetSettlement.year, year),
      eq(t.budgetSettlement.code, code),
    )!;

  const repo: BudgetRepository = {
    async lines(tenantId, year) {
      const cond =
        year === undefined
          ? eq(t.budgetLine.tenantId, tenantId)
          : and(eq(t.budgetLine.tenantId, tenantId), eq(t.budgetLine.year, year));
      const rows = await db
        .select(lineCols)
        .from(t.budgetLine)
        .where(cond)
        .orderBy(asc(t.budgetLine.year), asc(t.budgetLine.code));
      return rows.map((r) => rec<BudgetLine>(r));
    },
    async line(tenantId, year, code) {
      const [r] = await db
        .select(lineCols)
        .from(t.budgetLine)
        .where(lineKey(tenantId, year, code));
      return r && rec<BudgetLine>(r);
    },
    async linesOfAction(tenantId, actionId) {
      const rows = await db
        .select(lineCols)
        .from(t.budgetLine)
        .where(and(eq(t.budgetLine.tenantId, tenantId), eq(t.budgetLine.actionId, actionId)))
        .orderBy(asc(t.budgetLine.year), asc(t.budgetLine.code));
      return rows.map((r) => rec<BudgetLine>(r));
    },
    async saveLine(tenantId, line, baseVersion) {
      const cols = {
        class: line.class,
        departmentId: line.department_id ?? null,
        actionId: line.action ?? null,
        amountKrw: amountOf(line),
        document: line,
      };
      const saved = await tx((dd) =>
        versioned<BudgetLine>(
          dd,
          `budget line ${line.year} ${line.code}`,
          baseVersion,
          (d) =>
            d
              .insert(t.budgetLine)
              .values({ tenantId, year: line.year, code: line.code, version: 1, ...cols })
              .onConflictDoNothing()
              .returning(lineCols),
          (d) =>
            d
              .update(t.budgetLine)
              .set({ ...cols, version: baseVersion + 1, updatedAt: new Date() })
              .where(and(lineKey(tenantId, line.year, line.code), eq(t.budgetLine.version, baseVersion)))
              .returning(lineCols),
          async (d) =>
            (
              await d
                .select(lineCols)
                .from(t.budgetLine)
                .where(lineKey(tenantId, line.year, line.code))
            )[0]?.version,
        ),
      );
      bump(tenantId);
      return saved;
    },
    async deleteLine(tenantId, year, code, baseVersion) {
      await tx(async (d) => {
        const gone = await d
          .delete(t.budgetLine)
          .where(and(lineKey(tenantId, year, code), eq(t.budgetLine.version, baseVersion)))
          .returning({ code: t.budgetLine.code });
        if (gone.length) return;
        const [cur] = await d
          .select(lineCols)
          .from(t.budgetLine)
          .where(lineKey(tenantId, year, code));
        if (!cur) throw new CitypathError(problem("NOT_FOUND", `No budget line ${year} ${code}.`));
        throw conflict(
          `The budget line ${year} ${code} changed since version ${baseVersion}; it is now at ${cur.version}.`,
          cur.version,
        );
      });
      bump(tenantId);
    },
    async settlements(tenantId, year) {
      const cond =
        year === undefined
          ? eq(t.budgetSettlement.tenantId, tenantId)
          : and(eq(t.budgetSettlement.tenantId, tenantId), eq(t.budgetSettlement.year, year));
      const rows = await db
        .select(setCols)
        .from(t.budgetSettlement)
        .where(cond)
        .orderBy(asc(t.budgetSettlement.year), asc(t.budgetSettlement.code));
      return rows.map((r) => rec<Settlement>(r));
    },
    async settlement(tenantId, year, code) {
      const [r] = await db
        .select(setCols)
        .from(t.budgetSettlement)
        .where(setKey(tenantId, year, code));
      return r && rec<Settlement>(r);
    },
    async saveSettlement(tenantId, s, baseVersion) {
      const saved = await tx(async (d) => {
        const [line] = await d
          .select(lineCols)
          .from(t.budgetLine)
          .where(lineKey(tenantId, s.year, s.code));
        if (!line)
          throw new CitypathError(
            problem("NOT_FOUND", `No budget line ${s.year} ${s.code} to settle.`, { path: "code" }),
          );
        return versioned<Settlement>(
          d,
          `settlement of ${s.year} ${s.code}`,
          baseVersion,
          (dd) =>
            dd
              .insert(t.budgetSettlement)
              .values({ tenantId, year: s.year, code: s.code, version: 1, closed: s.closed, document: s })
              .onConflictDoNothing()
              .returning(setCols),
          (dd) =>
            dd
              .update(t.budgetSettlement)
              .set({ closed: s.closed, document: s, version: baseVersion + 1, updatedAt: new Date() })
              .where(and(setKey(tenantId, s.year, s.code), eq(t.budgetSettlement.version, baseVersion)))
              .returning(setCols),
          async (dd) =>
            (
              await dd
                .select(setCols)
                .from(t.budgetSettlement)
                .where(setKey(tenantId, s.year, s.code))
            )[0]?.version,
        );
      });
      bump(tenantId);
      return saved;
    },
    async years(tenantId) {
      const rows = await db
        .select(yearCols)
        .from(t.budgetYear)
        .where(eq(t.budgetYear.tenantId, tenantId))
        .orderBy(asc(t.budgetYear.year));
      return rows.map((r) => rec<BudgetYear>(r));
    },
    async year(tenantId, year) {
      const [r] = await db
        .select(yearCols)
        .from(t.budgetYear)
        .where(and(eq(t.budgetYear.tenantId, tenantId), eq(t.budgetYear.year, year)));
      return r && rec<BudgetYear>(r);
    },
    async saveYear(tenantId, y, baseVersion) {
      const key = and(eq(t.budgetYear.tenantId, tenantId), eq(t.budgetYear.year, y.year))!;
      const saved = await tx((dd) =>
        versioned<BudgetYear>(
          dd,
          `budget year ${y.year}`,
          baseVersion,
          (d) =>
            d
              .insert(t.budgetYear)
              .values({ tenantId, year: y.year, version: 1, published: y.published, document: y })
              .onConflictDoNothing()
              .returning(yearCols),
          (d) =>
            d
              .update(t.budgetYear)
              .set({ published: y.published, document: y, version: baseVersion + 1, updatedAt: new Date() })
              .where(and(key, eq(t.budgetYear.version, baseVersion)))
              .returning(yearCols),
          async (d) => (await d.select(yearCols).from(t.budgetYear).where(key))[0]?.version,
        ),
      );
      bump(tenantId);
      return saved;
    },
  };
  return repo;
}
