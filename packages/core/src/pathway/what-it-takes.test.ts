import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { unwrap } from "../errors.ts";
import { createResult, evaluate } from "./evaluate.ts";
import { tinyInstance } from "./fixtures.ts";
import { enginePreset, pathwayRegistry } from "./index.ts";
import { ruleReduction, whatItTakes } from "./what-it-takes.ts";

const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

function bauOf(split?: unknown) {
  const inst = tinyInstance();
  if (split) (inst.targets![0] as Record<string, unknown>).sector_split = split;
  const m = unwrap(enginePreset({ registry: pathwayRegistry() }).model(inst));
  const r = evaluate(m, new Float64Array(m.nActions), createResult(m));
  return { m, r };
}

// Tiny town, business as usual in 2025 on BASIC (I.1.2 and II.1.1; the land line V.2 is not in BASIC):
//   I.1.2 (buildings) = 1,000 × 90/100 × 0.4/0.5 = 720; II.1.1 (transport) = 2,000 × 0.9 × 0.99^5 = 1,711.782089
//   target "half" in 2025 = 3,000 × 0.5 = 1,500; gap = 2,431.782089 − 1,500 = 931.782089
const ROAD = 2000 * 0.9 * 0.99 ** 5;

describe("what it takes: the gap by plan sector", () => {
  test("the target's own sector reductions: shares of the path, gaps that add up to the gap", () => {
    // weights: buildings 1,000 × (1 − 0.6) = 400; transport 2,000 × (1 − 0.4) = 1,200; sum 1,600
    // allowances 1,500 × 0.25 = 375 and 1,500 × 0.75 = 1,125; gaps 720 − 375 = 345, ROAD − 1,125 = 586.782089
    const { m, r } = bauOf({
      rule: "plan_sector_reductions",
      reductions: { "2025": { buildings: 0.6, transport: 0.4 } },
      source: "test",
    });
    const w = whatItTakes(m, r, "half");
    assert.equal(w.years.length, 1);
    const y = w.years[0]!;
    assert.equal(y.year, 2025);
    near(y.target_tco2e, 1500);
    near(y.gap_tco2e, 720 + ROAD - 1500);
    const s = Object.fromEntries(y.sectors.map((x) => [x.sector, x]));
    near(s.buildings!.share, 0.25);
    near(s.buildings!.allowance_tco2e, 375);
    near(s.buildings!.gap_tco2e, 345);
    near(s.transport!.allowance_tco2e, 1125);
    near(s.transport!.gap_tco2e, ROAD - 1125);
    near(
      y.sectors.reduce((a, x) => a + x.gap_tco2e, 0),
      y.gap_tco2e,
    );
    assert.equal(s.sinks!.allowance_tco2e, 0);
  });

  test("equal reduction: allowances in proportion to base emissions", () => {
    const { m, r } = bauOf({ rule: "equal_reduction" });
    const s = Object.fromEntries(whatItTakes(m, r, "half").years[0]!.sectors.map((x) => [x.sector, x]));
    near(s.buildings!.allowance_tco2e, 500);
    near(s.transport!.allowance_tco2e, 1000);
  });

  test("default: the national plans' reductions, linear from the base year to 2030", () => {
    // 2025 is half way from 2020 (0) to 2030: buildings 0.164, transport 0.189
    // weights 1,000 × 0.836 = 836 and 2,000 × 0.811 = 1,622; allowance of buildings = 1,500 × 836 / 2,458
    const { m, r } = bauOf();
    const w = whatItTakes(m, r, "half");
    assert.equal(w.rule.rule, "plan_sector_reductions");
    const s = Object.fromEntries(w.years[0]!.sectors.map((x) => [x.sector, x]));
    near(s.buildings!.reduction!, 0.164);
    near(s.buildings!.allowance_tco2e, (1500 * 836) / 2458);
    near(s.transport!.allowance_tco2e, (1500 * 1622) / 2458);
  });

  test("a rule's reduction is held after its last year and is 0 in the base year", () => {
    const rule = { rule: "plan_sector_reductions" as const, reductions: { "2030": { waste: 0.5 } } };
    assert.equal(ruleReduction(rule, "waste", 2018, 2018), 0);
    near(ruleReduction(rule, "waste", 2024, 2018), 0.25);
    assert.equal(ruleReduction(rule, "waste", 2040, 2018), 0.5);
    assert.equal(ruleReduction(rule, "buildings", 2040, 2018), 0);
  });
});
