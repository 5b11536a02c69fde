/**
 * Invariants of the pathway engine on the Jeonju demo instance, for every scenario: the explanation path
 * gives exactly the fast path's number for every line and year; with no action a scenario equals business
 * as usual; the base year equals the inventory; abatement sums to BAU − scenario.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, explain, explainTotal, unwrap } from "@citypath/core";
import { JEONJU_INSTANCE_DIR, loadInstance, runLoaded } from "./instance.ts";

const load = unwrap(loadInstance(JEONJU_INSTANCE_DIR));
const runs = unwrap(runLoaded(load));

describe("Jeonju demo: invariants", () => {
  it("the explanation path equals the fast path for every number of the demo", () => {
    let n = 0;
    for (const r of runs) {
      const m = r.model;
      for (let y = 0; y < m.nYears; y++)
        for (let l = 0; l < m.nLines; l++) {
          const e = unwrap(explain(m, r.levels, m.lines[l]!.gpc_ref, m.baseYear + y, r.id));
          assert.equal(
            e.value,
            r.result.emissions[y * m.nLines + l],
            `${r.id} ${m.lines[l]!.gpc_ref} ${m.baseYear + y}`,
          );
          n++;
        }
    }
    assert.ok(n >= runs.length * 33 * 13);
  });

  it("every basis total, target path and gap of the demo equals its explanation", () => {
    for (const r of runs) {
      const m = r.model;
      for (const year of [m.baseYear, 2030, 2035, m.endYear])
        m.bases.forEach((b, bi) => {
          const e = unwrap(explainTotal(m, r.levels, b.id, year, r.id));
          const y = year - m.baseYear;
          assert.equal(e.value, r.result.basis[bi * m.nYears + y], `${r.id} ${b.id} ${year}`);
          for (const t of e.targets) {
            const ti = m.targets.findIndex((x) => x.id === t.id);
            assert.equal(t.gap_tco2e, r.result.gap[ti * m.nYears + y], `${r.id} ${t.id} ${year}`);
          }
        });
    }
  });

  it("no action: every scenario's model gives business as usual", () => {
    for (const r of runs) {
      const zero = evaluate(r.model, new Float64Array(r.model.nActions));
      assert.deepEqual(Array.from(zero.emissions), Array.from(r.model.bau));
    }
  });

  it("the base year equals the inventory in every scenario", () => {
    const lines = load.valid.instance.inventory.lines;
    for (const r of runs)
      lines.forEach((l, i) => {
        assert.equal(r.result.emissions[i], l.tco2e, `${r.id} ${l.gpc_ref}`);
      });
  });

  it("abatement by action sums to BAU − scenario in every year", () => {
    for (const r of runs) {
      const m = r.model;
      for (let y = 0; y < m.nYears; y++) {
        let ab = 0;
        for (let a = 0; a < m.nActions; a++) ab += r.result.abatement[a * m.nYears + y]!;
        let diff = 0;
        for (let l = 0; l < m.nLines; l++)
          diff += m.bau[y * m.nLines + l]! - r.result.emissions[y * m.nLines + l]!;
        assert.ok(
          Math.abs(ab - diff) <= 1e-6 * Math.max(1, Math.abs(diff)),
          `${r.id} ${m.baseYear + y}: ${ab} vs ${diff}`,
        );
      }
    }
  });
});
