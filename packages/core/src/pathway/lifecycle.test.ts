import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { defineActionType } from "../actions/interface.ts";
import { pathwayPortfolio } from "../optimize/pathway-portfolio.ts";
import { compileInstance } from "./compile.ts";
import { tinyInstance } from "./fixtures.ts";
import { pathwayRegistry } from "./index.ts";
import { lifeCycleCostPerLevel, scenarioMac, serviceIndex } from "./lifecycle.ts";
import type { InstanceInput } from "./schema.ts";
import { validateInstance } from "./validate.ts";

const ill = { illustrative: true, note: "test figure" } as const;

/** Removes `fraction` of a line from 2021; pays `capex_krw` in 2021 and saves `savings_krw` a year after. */
const cut = defineActionType<{ line: string; fraction: number; capex_krw: number; savings_krw: number }>({
  type: "test_cut_life",
  label: { ko: "시험 감축", en: "Test cut" },
  params: {},
  life: { years: 10, illustrative: true, note: "test" },
  schema: z.strictObject({
    line: z.string(),
    fraction: z.number(),
    capex_krw: z.number(),
    savings_krw: z.number(),
  }),
  model: (p, year) => ({
    lines: year >= 2021 ? [{ gpc_ref: p.line, scale_fraction: p.fraction }] : [],
    chain: [],
  }),
  costs: (p, year) => ({
    capex_krw: year === 2021 ? p.capex_krw : 0,
    opex_krw: 0,
    savings_krw: year >= 2021 ? p.savings_krw : 0,
    chain: [],
  }),
});
const registry = pathwayRegistry([cut]);

function model() {
  const inst: InstanceInput = {
    ...tinyInstance(),
    actions: [
      {
        id: "elec",
        type: "test_cut_life",
        name: { ko: "전력", en: "Power" },
        params: { line: "I.1.2", fraction: 0.5, capex_krw: 1000, savings_krw: 50 },
        ...ill,
      },
      {
        id: "road",
        type: "test_cut_life",
        name: { ko: "도로", en: "Road" },
        params: { line: "II.1.1", fraction: 0.1, capex_krw: 1000, savings_krw: 0 },
        ...ill,
      },
      {
        id: "free",
        type: "test_cut_life",
        name: { ko: "무료", en: "Free" },
        params: { line: "II.1.1", fraction: 0.1, capex_krw: 0, savings_krw: 0 },
        ...ill,
      },
    ],
    scenarios: [
      {
        id: "all",
        name: { ko: "전부", en: "All" },
        actions: [
          { action: "elec", level: 1 },
          { action: "road", level: 2 },
          { action: "free", level: 1 },
        ],
      },
    ],
  };
  const v = validateInstance(inst, registry);
  assert.ok(v.ok, JSON.stringify(!v.ok && v.problems));
  const m = compileInstance(v.value, registry);
  assert.ok(m.ok, JSON.stringify(!m.ok && m.problems));
  return m.value;
}

describe("life-cycle appraisal on a pathway", () => {
  it("appraises each action over its life against its attributed abatement, held past the horizon", () => {
    const m = model();
    assert.equal(serviceIndex(m, 0), 1);
    const levels = m.scenarios[0]!.levels;
    const r = scenarioMac(m, levels, { discountRate: 0, year: 2025 });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    // elec, rate 0: life 10 from 2021 -> 2021-2030; the model ends in 2025, 2026-2030 repeat 2025.
    // Cost = 1000 − 50 × 10 = 500 KRW. Tonnes: half of I.1.2's BAU, 1000 × pop/100 × grid/0.5 / 2, with
    // population 100 -> 90 and grid 0.5 -> 0.4 linear from 2020 to 2025:
    // 2021: 98 × 0.48 = 47.04 × 10 / 2 ... written as BAU(y) = 1000 × p(y)/100 × g(y)/0.5.
    const pop = (y: number) => 100 - 2 * (y - 2020);
    const grid = (y: number) => 0.5 - 0.02 * (y - 2020);
    const half = (y: number) => (1000 * (pop(y) / 100) * (grid(y) / 0.5)) / 2;
    let t = 0;
    for (let y = 2021; y <= 2030; y++) t += half(Math.min(y, 2025));
    const elec = r.value.appraisals.elec!;
    assert.equal(elec.period?.end_year, 2030);
    assert.ok(Math.abs(elec.pv_cost_krw - 500) < 1e-9);
    assert.ok(Math.abs(elec.pv_tco2e - t) < 1e-9, `${elec.pv_tco2e} vs ${t}`);
    // road at level 2: costs double; free has no cost figure: excluded, never at zero cost.
    assert.ok(Math.abs(r.value.appraisals.road!.pv_cost_krw - 2000) < 1e-9);
    assert.deepEqual(r.value.excluded, [
      { id: "free", reason: "no cost figure in the instance (its costs are not known, not zero)" },
    ]);
    assert.deepEqual(
      r.value.bars.map((b) => b.id),
      ["elec", "road"],
    );
    // Bar widths: the abatement attributed in 2025 only.
    assert.ok(Math.abs(r.value.bars[0]!.width_tco2e - half(2025)) < 1e-9);
  });

  it("the least-cost portfolio's cost per level is the same life-cycle present cost", () => {
    const m = model();
    const per = lifeCycleCostPerLevel(m, 0.045, 2020);
    let elec = 1000 / 1.045;
    for (let y = 2021; y <= 2030; y++) elec -= 50 / 1.045 ** (y - 2020);
    assert.ok(Math.abs(per[0]! - elec) < 1e-9);
    const p = pathwayPortfolio(m, { discountRate: 0.045, discountYear: 2020, targets: [{ target: "half" }] });
    assert.ok(p.ok);
    const e = p.value.model.evaluate(Float64Array.from([1, 0.5, 0]));
    assert.ok(Math.abs(e.npc - (per[0]! + 0.5 * per[1]!)) < 1e-9);
    const mac = scenarioMac(m, [1, 1, 0], { discountRate: 0.045, discountYear: 2020, year: 2025 });
    assert.ok(mac.ok);
    assert.ok(Math.abs(mac.value.appraisals.elec!.pv_cost_krw - per[0]!) < 1e-9);
  });

  it("refuses a width year outside the model", () => {
    const r = scenarioMac(model(), [1, 1, 1], { discountRate: 0.045, year: 2040 });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "MISSING_YEAR");
  });
});
