/** Assertions shared by the action-type tests. */
import assert from "node:assert/strict";
import type { ActionResult } from "./types.ts";

/** |a − b| within a relative tolerance (hand arithmetic is rounded in comments, not in code). */
export function near(actual: number, expected: number, rel = 1e-9): void {
  const tol = Math.max(Math.abs(expected) * rel, 1e-12);
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

/** The chain's last step is the total, equal to the sum of the lines, and every step is a finite number. */
export function checkChain(r: ActionResult): number {
  const total = r.lines.reduce((s, l) => s + l.delta_tco2e, 0);
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

export const CTX_2028 = { year: 2028, grid_tco2e_per_mwh: 0.4173 } as const;
