import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CTX_2028, checkChain, near, stepValue } from "./test-helpers.ts";
import { treePlanting, uptakeAt } from "./trees.ts";
import { urbanGreen } from "./urban-green.ts";

describe("tree planting", () => {
  const pines = treePlanting.schema.parse({
    species: "pine",
    trees_by_year: { "2018": 1000 },
    survival_share: 0.8,
    annual_mortality: 0,
    age_at_planting_yr: 0,
    schedule: { start_year: 2018, end_year: 2026 },
    price_year: 2018,
  });

  test("pines planted in 2018, after 10 years: NIFoS 6.6 kg at 30 years, linear from planting", () => {
    // uptake(10) = 6.6 × 10 / 30 = 2.2 kgCO2/tree/yr; alive = 1,000 × 0.8 = 800
    // 800 × 2.2 = 1,760 kg = 1.76 tCO2 taken up -> −1.76 on V.2
    const r = treePlanting.model(pines, 2028, CTX_2028);
    near(stepValue(r, "trees_alive"), 800);
    near(checkChain(r), -1.76);
    assert.equal(r.lines[0]?.gpc_ref, "V.2");
  });

  test("trees keep growing after the planting programme ends; 30-year pines reach 6.6 kg", () => {
    near(checkChain(treePlanting.model(pines, 2048, CTX_2028)), -(800 * 6.6) / 1000);
    near(checkChain(treePlanting.model(pines, 2060, CTX_2028)), -(800 * 6.6) / 1000);
  });

  test("sawtooth oak at 55 years: between the NIFoS 50- and 60-year figures", () => {
    // 16.2 + (16.6 − 16.2) × 5 / 10 = 16.4
    near(
      uptakeAt(
        [
          [0, 0],
          [50, 16.2],
          [60, 16.6],
        ],
        55,
      ),
      16.4,
    );
  });

  test("mortality compounds after establishment", () => {
    // 1,000 × 0.8 × 0.99^10 = 723.4565 trees; × 2.2 kg = 1,591.60 kg
    const p = treePlanting.schema.parse({ ...pines, annual_mortality: 0.01 });
    near(checkChain(treePlanting.model(p, 2028, CTX_2028)), -(800 * 0.99 ** 10 * 2.2) / 1000);
  });
});

describe("urban forests and gardens", () => {
  test("area × maturity × mature rate", () => {
    // 10 ha created 2020, 2030: 10 × min(1, 10/30) × 10.8 = 36 tCO2
    const p = urbanGreen.schema.parse({
      kind: "urban_forest",
      ha_by_year: { "2020": 10 },
      mature_tco2_per_ha_yr: 10.8,
      maturity_yr: 30,
      schedule: { start_year: 2020 },
      price_year: 2020,
    });
    near(checkChain(urbanGreen.model(p, 2030, CTX_2028)), -36);
  });
});
