import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unwrap } from "../errors.ts";
import { createResult, evaluate } from "./evaluate.ts";
import { tinyInstance } from "./fixtures.ts";
import { buildModel, defaultRegistry } from "./index.ts";
import { pathwayJson } from "./json.ts";

/**
 * Scope 2 both ways (GHG Protocol Scope 2 Guidance). The tiny town's I.1.2 (residential grid electricity) is
 * 1,000 t in 2020 and 720 t in 2025 (population 100 -> 90, grid 0.5 -> 0.4 tCO2e/MWh). A renewable purchase
 * of 500 MWh a year from 2021 is a market-based instrument: in 2025 it takes 500 × 0.4 = 200 t off the
 * market-based figure (720 -> 520 t) and nothing off the location-based one.
 */
function model(mwh: number) {
  const inst = tinyInstance();
  inst.actions = [
    {
      id: "ppa",
      type: "renewable_ppa",
      name: { ko: "재생에너지 구매", en: "Renewable purchase" },
      params: { mwh_per_yr: mwh, buyer: "residential", schedule: { start_year: 2021 }, price_year: 2024 },
      illustrative: true,
      note: "test figure",
    },
  ];
  inst.scenarios = [{ id: "buy", name: { ko: "구매", en: "Buy" }, actions: [{ action: "ppa", level: 1 }] }];
  return unwrap(buildModel(inst, defaultRegistry()));
}

describe("Scope 2: location-based and market-based", () => {
  it("a power purchase moves the market-based figures only, worked by hand", () => {
    const m = model(500);
    const r = evaluate(m, [1], createResult(m));
    const bau = evaluate(m, [0], createResult(m));
    const y = 2025 - m.baseYear;
    const l = m.lines.findIndex((x) => x.gpc_ref === "I.1.2");
    // location-based: exactly business as usual, every line, total, sector, cumulative sum and gap
    assert.deepEqual(Array.from(r.emissions), Array.from(bau.emissions));
    assert.deepEqual(Array.from(r.basis), Array.from(bau.basis));
    assert.deepEqual(Array.from(r.gap), Array.from(bau.gap));
    assert.equal(r.abatement[y], 0);
    // market-based: 720 − 200 = 520 t on I.1.2 in 2025; the purchase is credited 200 t there
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
    close(r.emissions[y * m.nLines + l]!, 720);
    close(r.market.emissions[y * m.nLines + l]!, 520);
    close(r.market.abatement[y]!, 200);
    const basic = m.bases.findIndex((b) => b.id === "basic");
    close(r.basis[basic * m.nYears + y]! - r.market.basis[basic * m.nYears + y]!, 200);
    close(r.gap[y]! - r.market.gap[y]!, 200);
    // cumulative: the purchases of 2021–2025 (500 MWh × the grid factor of each year)
    let bought = 0;
    for (let k = 1; k <= 5; k++) bought += 500 * (0.5 - 0.02 * k);
    close(r.cumulative[basic * m.nYears + y]! - r.market.cumulative[basic * m.nYears + y]!, bought);
  });

  it("an instrument cannot take a line below zero: the credit is scaled back", () => {
    const m = model(5000); // 5,000 × 0.4 = 2,000 t > 720 t
    const r = evaluate(m, [1], createResult(m));
    const y = 2025 - m.baseYear;
    const l = m.lines.findIndex((x) => x.gpc_ref === "I.1.2");
    assert.equal(r.market.emissions[y * m.nLines + l], 0);
    assert.ok(Math.abs(r.market.abatement[y]! - 720) < 1e-9);
  });

  it("the pathway JSON carries both methods and says which is which", () => {
    const m = model(500);
    const r = evaluate(m, [1], createResult(m));
    const j = pathwayJson([{ id: "buy", name: { ko: "구매", en: "Buy" }, levels: [1], model: m, result: r }]);
    assert.equal(j.format, "citypath-pathway/2");
    assert.equal(j.scope2.totals, "location_based");
    const s = j.scenarios[0]!;
    assert.ok(Math.abs(s.totals_tco2e.basic![5]! - s.market_based.totals_tco2e.basic![5]! - 200) < 1e-9);
    assert.equal(s.abatement_by_action_tco2e.ppa![5], 0);
    assert.ok(Math.abs(s.market_based.abatement_by_action_tco2e.ppa![5]! - 200) < 1e-9);
  });
});
