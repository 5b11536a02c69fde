import { CitypathError, problem, type TenantId } from "@citypath/core";
import { and, desc, eq, max, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, FrozenInventoryError, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type { FactorSetRef, InventoryRecord, JsonObject, Store } from "./store.ts";

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

export function inventoriesRepository(db: Db, bump: (tenantId: string) => void): Store["inventories"] {
  const self: Store["inventories"] = {
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
        const cur = await self.get(tenantId, version);
        if (!cur) throw new CitypathError(problem("NOT_FOUND", `No inventory version ${version}.`));
        throw conflict(`Inventory version ${version} is already published.`, version);
      }
      bump(tenantId);
      return inventoryRec(r);
    },
    async deleteDraft(tenantId, version) {
      // Only a draft goes; a published version is frozen (the database's trigger refuses it as well).
      const gone = await db
        .delete(t.inventory)
        .where(
          and(
            eq(t.inventory.tenantId, tenantId),
            eq(t.inventory.version, version),
            eq(t.inventory.status, "draft"),
          ),
        )
        .returning({ v: t.inventory.version });
      if (gone.length === 0) {
        if (await self.get(tenantId, version)) throw new FrozenInventoryError(version);
        throw new CitypathError(problem("NOT_FOUND", `No inventory version ${version}.`));
      }
      bump(tenantId);
    },
  };
  return self;
}
