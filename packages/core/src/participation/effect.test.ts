import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unwrap } from "../errors.ts";
import { tinyInstance } from "../pathway/fixtures.ts";
import { enginePreset, pathwayRegistry } from "../pathway/index.ts";
import { DEFAULT_EFFECT_OPTIONS, proposalEffect } from "./effect.ts";

const engine = enginePreset({ registry: pathwayRegistry() });
const valid = unwrap(engine.validate(tinyInstance()));
const opts = { ...DEFAULT_EFFECT_OPTIONS, years: [2023, 2025] };
const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} is not ${b}`);

describe("a proposal's modelled effect (hand-worked on the tiny instance)", () => {
  // scenario "all": ev 1, brt 1, eco 1. The proposal doubles the BRT and drops eco-driving.
  const e = unwrap(proposalEffect(valid, engine, { scenario: "all", levels: { brt: 2, eco: 0 } }, opts));

  it("changes only the road line: 2023 and 2025 by hand", () => {
    assert.deepEqual(e.changes, [
      { action: "brt", plan_level: 1, proposed_level: 2 },
      { action: "eco", plan_level: 1, proposed_level: 0 },
    ]);
    // 2023, road BAU 1824.16212: plan S = 0.5 × 0.8, D = 200 -> 529.664848; proposal S = 0.5, D = 400 -> 512.08106
    const y23 = e.years.find((y) => y.year === 2023)!;
    close(y23.difference_tco2e, 512.08106 - 529.664848);
    // 2025, road BAU 2000 × 0.9 × 0.99^5 = 1711.78209: plan × 0.4 − 300, proposal × 0.5 − 600
    const bau25 = 2000 * 0.9 * 0.99 ** 5;
    const y25 = e.years.find((y) => y.year === 2025)!;
    close(y25.difference_tco2e, bau25 * 0.5 - 600 - (bau25 * 0.4 - 300));
    close(y25.proposal_tco2e - y25.plan_tco2e, y25.difference_tco2e);
  });

  it("moves the gap to each target by the same difference", () => {
    for (const t of e.targets) {
      const y = e.years.find((x) => x.year === t.year)!;
      close(t.proposal_gap_tco2e! - t.plan_gap_tco2e!, y.difference_tco2e);
    }
    assert.deepEqual(
      e.targets.map((t) => [t.id, t.year]),
      [
        ["half", 2023],
        ["half", 2025],
      ],
    );
  });

  it("gives no cost when the actions in use have no cost model, and says which", () => {
    assert.equal(e.cost.plan_krw, null);
    assert.equal(e.cost.difference_krw, null);
    assert.deepEqual(
      e.cost.unknown.map((u) => u.action),
      ["ev", "brt", "eco"],
    );
  });

  it("refuses an unknown scenario, an action not in the scenario, a level out of the explorer's range, a year outside the model", () => {
    const bad = (p: Parameters<typeof proposalEffect>[2], o = opts) => {
      const r = proposalEffect(valid, engine, p, o);
      assert.equal(r.ok, false);
      return r.ok ? [] : r.problems.map((x) => `${x.code} ${x.path}`);
    };
    assert.deepEqual(bad({ scenario: "nope", levels: {} }), ["UNKNOWN_REFERENCE scenario.scenario"]);
    assert.deepEqual(bad({ scenario: "all", levels: { tram: 1, brt: 3 } }), [
      "UNKNOWN_REFERENCE scenario.levels.tram",
      "BAD_VALUE scenario.levels.brt",
    ]);
    assert.deepEqual(bad({ scenario: "all", levels: {} }, { ...opts, years: [2050] }), ["BAD_VALUE years"]);
  });
});
