/** Activity datasets and their rows. */
import { randomUUID } from "node:crypto";
import { CitypathError, problem, type TenantId } from "@citypath/core";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type { ActivityDatasetRecord, ActivityRowRecord, JsonObject, Store } from "./store.ts";

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

export function activityRepository(
  db: Db,
  inTx: boolean,
  bump: (tenantId: string) => void,
): Store["activity"] {
  return {
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
      const rec = inTx ? await run(db) : await db.transaction((tx) => run(tx));
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
  };
}
