import type { TenantId } from "@citypath/core";
import { and, asc, desc, eq, max, type SQL } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict, uniqueOr } from "./errors.ts";
import * as t from "./schema.ts";
import type { InstanceRecord, JsonObject, Store } from "./store.ts";

const instanceRec = (r: typeof t.modelInstance.$inferSelect): InstanceRecord => ({
  tenantId: r.tenantId as TenantId,
  id: r.id,
  version: r.version,
  name: r.name,
  document: r.document as JsonObject,
  documentHash: r.documentHash,
  note: r.note,
  createdAt: r.createdAt,
});

const instanceHeaderCols = {
  tenantId: t.modelInstance.tenantId,
  id: t.modelInstance.id,
  version: t.modelInstance.version,
  name: t.modelInstance.name,
  documentHash: t.modelInstance.documentHash,
  note: t.modelInstance.note,
  createdAt: t.modelInstance.createdAt,
};

export function instancesRepository(db: Db, bump: (tenantId: string) => void): Store["instances"] {
  return {
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
              note: input.note ?? null,
              ...(input.createdAt ? { createdAt: input.createdAt } : {}),
            })
            .returning(),
        () => conflict(`The instance "${input.id}" was saved by another request first.`, baseVersion + 1),
      );
      bump(tenantId);
      return instanceRec(r!);
    },
  };
}

export function pathwayResultsRepository(db: Db, _bump: (tenantId: string) => void): Store["pathwayResults"] {
  return {
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
  };
}
