/**
 * The implementation-report repository (`store.reports`): one record per plan and year checked, versioned
 * like every other record (a save names the version it read, 0 for a new record; a save in between is a
 * CONFLICT carrying the current version). Documents are stored as the caller gives them: the server runs
 * the entries through the core's schema and builds the snapshot before it saves.
 */
import { CitypathError, problem, type TenantId } from "@citypath/core";
import type { ReportEntries, ReportStage } from "@citypath/core/report/index";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import * as t from "./schema.ts";

export interface ReportRecord {
  readonly planId: string;
  readonly year: number;
  readonly version: number;
  readonly stage: ReportStage;
  readonly published: boolean;
  readonly entries: ReportEntries;
  /** The frozen report (from completion on); absent in a draft. */
  readonly snapshot: unknown | null;
  readonly completedAt: Date | null;
  readonly updatedAt: Date;
}

export interface ReportChange {
  readonly stage: ReportStage;
  readonly published: boolean;
  readonly entries: ReportEntries;
  readonly snapshot: unknown | null;
  readonly completedAt: Date | null;
}

export interface ReportRepository {
  list(tenantId: TenantId, planId?: string): Promise<ReportRecord[]>;
  get(tenantId: TenantId, planId: string, year: number): Promise<ReportRecord | undefined>;
  /** Creates (baseVersion 0) or replaces the record at `baseVersion`. */
  save(
    tenantId: TenantId,
    planId: string,
    year: number,
    change: ReportChange,
    baseVersion: number,
  ): Promise<ReportRecord>;
}

type Row = typeof t.implementationReport.$inferSelect;
const rec = (r: Row): ReportRecord => ({
  planId: r.planId,
  year: r.year,
  version: r.version,
  stage: r.stage as ReportStage,
  published: r.published,
  entries: r.entries as ReportEntries,
  snapshot: r.snapshot ?? null,
  completedAt: r.completedAt,
  updatedAt: r.updatedAt,
});

export function reportRepository(db: Db, inTx: boolean, bump: (tenantId: string) => void): ReportRepository {
  const tx = <T>(fn: (d: Db) => Promise<T>): Promise<T> => (inTx ? fn(db) : db.transaction((d) => fn(d)));
  const key = (tenantId: string, planId: string, year: number): SQL =>
    and(
      eq(t.implementationReport.tenantId, tenantId),
      eq(t.implementationReport.planId, planId),
      eq(t.implementationReport.year, year),
    )!;
  return {
    async list(tenantId, planId) {
      const cond =
        planId === undefined
          ? eq(t.implementationReport.tenantId, tenantId)
          : and(eq(t.implementationReport.tenantId, tenantId), eq(t.implementationReport.planId, planId));
      const rows = await db
        .select()
        .from(t.implementationReport)
        .where(cond)
        .orderBy(asc(t.implementationReport.planId), asc(t.implementationReport.year));
      return rows.map(rec);
    },
    async get(tenantId, planId, year) {
      const [r] = await db
        .select()
        .from(t.implementationReport)
        .where(key(tenantId, planId, year));
      return r && rec(r);
    },
    async save(tenantId, planId, year, change, baseVersion) {
      const cols = {
        stage: change.stage,
        published: change.published,
        entries: change.entries,
        snapshot: change.snapshot,
        completedAt: change.completedAt,
      };
      const saved = await tx(async (d) => {
        const [row] =
          baseVersion === 0
            ? await d
                .insert(t.implementationReport)
                .values({ tenantId, planId, year, version: 1, ...cols })
                .onConflictDoNothing()
                .returning()
            : await d
                .update(t.implementationReport)
                .set({ ...cols, version: baseVersion + 1, updatedAt: new Date() })
                .where(and(key(tenantId, planId, year), eq(t.implementationReport.version, baseVersion)))
                .returning();
        if (row) return rec(row);
        const [cur] = await d
          .select({ version: t.implementationReport.version })
          .from(t.implementationReport)
          .where(key(tenantId, planId, year));
        if (!cur) throw new CitypathError(problem("NOT_FOUND", `No report for ${planId} ${year}.`));
        const err = new CitypathError(
          problem(
            "CONFLICT",
            baseVersion === 0
              ? `The report for ${planId} ${year} exists (version ${cur.version}).`
              : `The report for ${planId} ${year} changed since version ${baseVersion}; it is now at ${cur.version}.`,
          ),
        );
        (err as CitypathError & { currentVersion?: number }).currentVersion = cur.version;
        throw err;
      });
      bump(tenantId);
      return saved;
    },
  };
}
