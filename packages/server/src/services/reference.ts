/**
 * Loads the reference data of @citypath/data (GWP sets, built-in factors) into the shared tables, replacing a
 * stored set only when its content changed (a new release of the data package).
 */
import { createHash } from "node:crypto";
import { builtinFactors, GWP_SETS } from "@citypath/data";
import type { Store } from "@citypath/db";

export const BUILTIN_FACTOR_SET_ID = "builtin";

const hash = (x: unknown) => createHash("sha256").update(JSON.stringify(x)).digest("hex");

export async function loadReferenceData(store: Store): Promise<{ changed: string[] }> {
  const changed: string[] = [];
  for (const [id, set] of Object.entries(GWP_SETS)) {
    if (await store.reference.putGwpSet(id, set, hash(set))) changed.push(`gwp:${id}`);
  }
  const factors = builtinFactors();
  if (
    await store.reference.putBuiltinFactorSet({
      id: BUILTIN_FACTOR_SET_ID,
      name: "Citypath built-in factors (IPCC 2006 defaults, Korea's NCV and grid factors)",
      factors,
      contentHash: hash(factors),
    })
  )
    changed.push(`factors:${BUILTIN_FACTOR_SET_ID}`);
  return { changed };
}
