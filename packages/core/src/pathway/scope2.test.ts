import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unwrap } from "../errors.ts";
import { createResult, evaluate } from "./evaluate.ts";
import { tinyInstance } from "./fixtures.ts";
import { enginePreset } from "./index.ts";
import { PATHWAY_ROW_COLUMNS, pathwayJson, pathwayRows } from "./json.ts";
import { targetFigures } from "./model.ts";
import { whatItTakes } from "./what-it-takes.ts";

/**
 * Scope 2 both ways (GHG Protocol Scope 2 Guidance). The tiny town's I.1.2 (residential grid electricity) is
 * 1,000 t in 2020 and 720 t in 2025 (population 100 -> 90, grid 0.5 -> 0.4 tCO2e/MWh). A renewable purchase
 * of 500 MWh a year from 2021 is a market-based instrument: in 2025 it takes 500 × 0.4 = 200 t off the
 * market-based figure (720 -> 520 t) and nothing off the location-based one.
 */
function model(mwh: number, method?: "location_based" | "market_based") {
  const inst = tinyInstance();
  if (method) inst.targets = inst.targets!.map((t) => ({ ...t, scope2_method: method }));
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
  return unwrap(enginePreset().model(inst));
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
    assert.equal(j.format, "citypath-pathway/3");
    assert.equal(j.scope2.totals, "location_based");
    const s = j.scenarios[0]!;
    assert.ok(Math.abs(s.totals_tco2e.basic![5]! - s.market_based.totals_tco2e.basic![5]! - 200) < 1e-9);
    assert.equal(s.abatement_by_action_tco2e.ppa![5], 0);
    assert.ok(Math.abs(s.market_based.abatement_by_action_tco2e.ppa![5]! - 200) < 1e-9);
  });

  it("a target says which method it is measured on; its gap, what it takes and the JSON follow it", () => {
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
    const y = 2025 - 2020;
    // location-based by default: the purchase does not move the target's gap
    const loc = model(500);
    assert.equal(loc.targets[0]!.method, "location_based");
    const rl = evaluate(loc, [1], createResult(loc));
    close(targetFigures(loc, rl, 0).gap[y]!, rl.gap[y]!);
    // measured market-based: the gap is 200 t smaller in 2025 (500 MWh × 0.4), and so is what it takes
    const mkt = model(500, "market_based");
    const rm = evaluate(mkt, [1], createResult(mkt));
    close(targetFigures(mkt, rm, 0).gap[y]!, rl.gap[y]! - 200);
    const wl = whatItTakes(loc, rl, "half", [2025]).years[0]!;
    const wm = whatItTakes(mkt, rm, "half", [2025]).years[0]!;
    close(wl.gap_tco2e, rl.gap[y]!);
    close(wm.gap_tco2e, wl.gap_tco2e - 200);
    close(
      wm.sectors.find((x) => x.sector === "buildings")!.gap_tco2e,
      wl.sectors.find((x) => x.sector === "buildings")!.gap_tco2e - 200,
    );
    const j = pathwayJson([
      { id: "buy", name: { ko: "구매", en: "Buy" }, levels: [1], model: mkt, result: rm },
    ]);
    assert.equal(j.targets[0]!.scope2_method, "market_based");
    assert.match(j.scope2.targets, /scope2_method/);
  });

  it("one value per row: each row says its Scope 2 method; the market-based rows carry the purchase", () => {
    const m = model(500, "market_based");
    const r = evaluate(m, [1], createResult(m));
    const rows = pathwayRows(
      pathwayJson([{ id: "buy", name: { ko: "구매", en: "Buy" }, levels: [1], model: m, result: r }]),
    );
    assert.deepEqual(PATHWAY_ROW_COLUMNS, ["scenario", "year", "scope2_method", "series", "key", "tco2e"]);
    const get = (method: string, series: string, key: string) =>
      rows.find((x) => x[1] === 2025 && x[2] === method && x[3] === series && x[4] === key)![5]!;
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
    // 2025: 500 MWh × 0.4 = 200 t off the market-based total, gap and sector; nothing off the location-based
    close(get("location_based", "basis", "basic") - get("market_based", "basis", "basic"), 200);
    close(get("location_based", "sector", "buildings") - get("market_based", "sector", "buildings"), 200);
    const t = m.targets[0]!.id;
    close(get("location_based", "gap", t) - get("market_based", "gap", t), 200);
    assert.equal(get("location_based", "abatement", "ppa"), 0);
    close(get("market_based", "abatement", "ppa"), 200);
    // the target path is labelled with the method it is measured on; lines are location-based
    assert.ok(rows.some((x) => x[3] === "target" && x[2] === "market_based"));
    assert.ok(rows.filter((x) => x[3] === "line").every((x) => x[2] === "location_based"));
    assert.ok(!rows.some((x) => x[3] === "line" && x[2] === "market_based"));
  });
});
