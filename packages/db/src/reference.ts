import { asc, eq } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { builtinFactorSetRec } from "./factor-sets.ts";
import * as t from "./schema.ts";
import type { Store } from "./store.ts";

export function referenceRepository(db: Db, bumpAll: () => void): Store["reference"] {
  return {
    async putGwpSet(id, document, contentHash) {
      const [cur] = await db.select({ h: t.gwpSet.contentHash }).from(t.gwpSet).where(eq(t.gwpSet.id, id));
      if (cur?.h === contentHash) return false;
      await db
        .insert(t.gwpSet)
        .values({ id, document, contentHash })
        .onConflictDoUpdate({ target: t.gwpSet.id, set: { document, contentHash, loadedAt: new Date() } });
      bumpAll();
      return true;
    },
    async gwpSets() {
      const rows = await db.select().from(t.gwpSet).orderBy(asc(t.gwpSet.id));
      return rows.map((r) => ({ id: r.id, document: r.document, contentHash: r.contentHash }));
    },
    async putBuiltinFactorSet(input) {
      const [cur] = await db
        .select({ h: t.builtinFactorSet.contentHash })
        .from(t.builtinFactorSet)
        .where(eq(t.builtinFactorSet.id, input.id));
      if (cur?.h === input.contentHash) return false;
      const values = {
        id: input.id,
        name: input.name,
        factors: input.factors,
        factorCount: input.factors.length,
        contentHash: input.contentHash,
      };
      await db
        .insert(t.builtinFactorSet)
        .values(values)
        .onConflictDoUpdate({ target: t.builtinFactorSet.id, set: { ...values, loadedAt: new Date() } });
      bumpAll();
      return true;
    },
    async builtinFactorSets() {
      return (await db.select().from(t.builtinFactorSet).orderBy(asc(t.builtinFactorSet.id))).map(
        builtinFactorSetRec,
      );
    },
    async builtinFactorSet(id) {
      const [r] = await db.select().from(t.builtinFactorSet).where(eq(t.builtinFactorSet.id, id));
      return r && builtinFactorSetRec(r);
    },
  };
}
