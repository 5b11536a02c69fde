/** Assertions shared by the action-type tests. */
import assert from "node:assert/strict";
import { type ActionContext, type ActionResult, isScaleEffect } from "../interface.ts";

/** |a − b| within a relative tolerance (hand arithmetic is rounded in comments, not in code). */
export function near(actual: number, expected: number, rel = 1e-9): void {
  const tol = Math.max(Math.abs(expected) * rel, 1e-12);
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

/**
 * The chain's last step is the total, equal to the sum of the lines (a scale effect counted as its
 * fraction of the line's BAU, reduced), and every step is a finite number. Returns the total.
 */
export function checkChain(r: ActionResult, ctx: ActionContext = CTX_2028): number {
  const total = r.lines.reduce(
    (s, l) => s + (isScaleEffect(l) ? -l.scale_fraction * ctx.bau(l.gpc_ref) : l.delta_tco2e),
    0,
  );
  const last = r.chain[r.chain.length - 1];
  assert.ok(last, "the chain is empty");
  assert.equal(last.key, "delta_tco2e");
  assert.equal(last.unit, "tCO2e/yr");
  near(last.value, total, 1e-12);
  for (const s of r.chain) assert.ok(Number.isFinite(s.value), `step ${s.key} is not finite`);
  return total;
}

/** The value of the step with `key` (fails when absent). */
export function stepValue(r: ActionResult, key: string): number {
  const s = r.chain.find((x) => x.key === key);
  assert.ok(s, `no step ${key}`);
  return s.value;
}

/** A context for tests: drivers in the units given (no conversion), BAU by line; anything else throws. */
export function testContext(
  year: number,
  grid: number,
  drivers: Record<string, number> = {},
  bau: Record<string, number> = {},
  hydrogen?: number,
): ActionContext {
  return {
    year,
    baseYear: 2018,
    grid_tco2e_per_mwh: grid,
    ...(hydrogen !== undefined ? { hydrogen_tco2e_per_kg: hydrogen } : {}),
    drivers,
    driver(id) {
      const v = drivers[id];
      if (v === undefined) throw new Error(`no driver ${id}`);
      return v;
    },
    bau(ref) {
      const v = bau[ref];
      if (v === undefined) throw new Error(`no BAU for ${ref}`);
      return v;
    },
    base(ref) {
      const v = bau[ref];
      if (v === undefined) throw new Error(`no base for ${ref}`);
      return v;
    },
  };
}

/** 2028 with the 2023 official grid factor 0.4173 tCO2e/MWh (FACTS §4). */
export const CTX_2028 = testContext(2028, 0.4173);
