import { CitypathError, problem, type TenantId } from "@citypath/core";
import { and, desc, eq, max, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, FrozenInventoryError, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type {
  FactorSetRef,
  InventoryRecord,
  InventoryVerificationRecord,
  JsonObject,
  Store,
} from "./store.ts";

type VerificationRow = typeof t.inventoryVerification.$inferSelect;

/** Nothing recorded: provisional. */
const PROVISIONAL: InventoryVerificationRecord = {
  status: "provisional",
  verifiedBy: null,
  verifiedOn: null,
  basis: null,
  illustrative: false,
  recordedAt: null,
};

const verificationRec = (v: VerificationRow | null | undefined): InventoryVerificationRecord =>
  v
    ? {
        status: v.status as InventoryVerificationRecord["status"],
        verifiedBy: v.verifiedBy,
        verifiedOn: v.verifiedOn,
        basis: v.basis,
        illustrative: v.illustrative,
        recordedAt: v.recordedAt,
      }
    : PROVISIONAL;

const joinVerification = and(
  eq(t.inventoryVerification.tenantId, t.inventory.tenantId),
  eq(t.inventoryVerification.version, t.inventory.version),
);

const inventoryRec = (r: typeof t.inventory.$inferSelect, v?: VerificationRow | null): InventoryRecord => ({
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
  verification: verificationRec(v),
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
        .select({ h: inventoryHeaderCols, v: t.inventoryVerification })
        .from(t.inventory)
        .leftJoin(t.inventoryVerification, joinVerification)
        .where(and(...conds))
        .orderBy(desc(t.inventory.version));
      return rows.map(({ h, v }) => ({
        ...h,
        tenantId: h.tenantId as TenantId,
        status: h.status as InventoryRecord["status"],
        factorSets: h.factorSets as FactorSetRef[],
        verification: verificationRec(v),
      }));
    },
    async get(tenantId, version) {
      const [r] = await db
        .select({ i: t.inventory, v: t.inventoryVerification })
        .from(t.inventory)
        .leftJoin(t.inventoryVerification, joinVerification)
        .where(and(eq(t.inventory.tenantId, tenantId), eq(t.inventory.version, version)));
      return r && inventoryRec(r.i, r.v);
    },
    async latest(tenantId, filter = {}) {
      const conds: SQL[] = [eq(t.inventory.tenantId, tenantId)];
      if (filter.status) conds.push(eq(t.inventory.status, filter.status));
      const [r] = await db
        .select({ i: t.inventory, v: t.inventoryVerification })
        .from(t.inventory)
        .leftJoin(t.inventoryVerification, joinVerification)
        .where(and(...conds))
        .orderBy(desc(t.inventory.version))
        .limit(1);
      return r && inventoryRec(r.i, r.v);
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
      return (await self.get(tenantId, version))!;
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
    async setVerification(tenantId, version, input, recordedAt = new Date()) {
      const cur = await self.get(tenantId, version);
      if (!cur) throw new CitypathError(problem("NOT_FOUND", `No inventory version ${version}.`));
      if (cur.status !== "published")
        throw conflict(
          `Inventory version ${version} is a draft: only a published (frozen) version is verified.`,
          version,
        );
      const row = {
        status: input.status,
        verifiedBy: input.verified_by,
        verifiedOn: input.verified_on,
        basis: input.basis,
        illustrative: input.illustrative,
        recordedAt,
      };
      await db
        .insert(t.inventoryVerification)
        .values({ tenantId, version, ...row })
        .onConflictDoUpdate({
          target: [t.inventoryVerification.tenantId, t.inventoryVerification.version],
          set: row,
        });
      bump(tenantId);
      return (await self.get(tenantId, version))!;
    },
  };
  return self;
}
