import { CitypathError, problem } from "@citypath/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { conflict } from "./errors.ts";
import * as t from "./schema.ts";
import type { FactorSetRecord, Store } from "./store.ts";

const tenantFactorSetRec = (r: typeof t.factorSet.$inferSelect): FactorSetRecord => ({
  kind: "tenant",
  id: r.id,
  name: r.name,
  source: r.source,
  factors: r.factors,
  factorCount: r.factorCount,
  version: r.version,
  updatedAt: r.updatedAt,
});

export const builtinFactorSetRec = (r: typeof t.builtinFactorSet.$inferSelect): FactorSetRecord => ({
  kind: "builtin",
  id: r.id,
  name: r.name,
  source: null,
  factors: r.factors,
  factorCount: r.factorCount,
  version: 1,
  updatedAt: r.loadedAt,
});

export function factorSetsRepository(db: Db, bump: (tenantId: string) => void): Store["factorSets"] {
  const self: Store["factorSets"] = {
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
        const cur = await self.get(tenantId, input.id);
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
  };
  return self;
}
