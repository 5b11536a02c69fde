import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkChain, near, stepValue, testContext } from "./test-helpers.ts";
import { zeroEnergyBuildings } from "./zero-energy-buildings.ts";

const p = zeroEnergyBuildings.schema.parse({
  building_use: "residential",
  new_area_m2_path: { "2025": 100000 },
  covered_share_path: { "2025": 0.2, "2030": 0.7 },
  elec_kwh_per_m2: 40,
  fuel_mj_per_m2: 350,
  elec_saving_share: 0.3,
  fuel_saving_share: 0.25,
  extra_krw_per_m2: 50000,
  elec_krw_per_kwh: 150,
  fuel_krw_per_mj: 25,
  schedule: { start_year: 2025 },
  price_year: 2024,
});

describe("zero-energy standard for new buildings", () => {
  test("2027: cohorts of covered new floor area -> electricity and fuel avoided -> tCO2e", () => {
    // covered share 2025 0.2, 2026 0.3, 2027 0.4 (linear); ZEB area added 20,000, 30,000, 40,000 m2
    // in service 2027 = 20,000 + 30,000 + 40,000 × 0.5 = 70,000 m2
    // electricity = 70,000 × 40 × 0.3 / 1000 = 840 MWh × 0.4173 = 350.532 t (I.1.2)
    // fuel = 70,000 × 350 × 0.25 = 6,125,000 MJ × 5.62665e-5 = 344.6323125 t (I.1.1)
    const r = zeroEnergyBuildings.model(p, 2027, testContext(2027, 0.4173));
    near(stepValue(r, "zeb_area_m2"), 70000);
    near(stepValue(r, "elec_tco2e_saved"), 350.532);
    near(stepValue(r, "fuel_tco2e_saved"), 344.6323125);
    near(checkChain(r), -(350.532 + 344.6323125));
    assert.deepEqual(
      r.lines.map((l) => l.gpc_ref),
      ["I.1.2", "I.1.1"],
    );
    assert.ok(r.lines.every((l) => "follows_intensity" in l && l.follows_intensity));
  });
  test("2027 costs: the premium of the area added, bills saved", () => {
    // capex = 40,000 m2 × 50,000 = 2e9; electricity 840,000 kWh × 150 = 1.26e8; fuel 6,125,000 MJ × 25 = 1.53125e8
    const c = zeroEnergyBuildings.costs!(p, 2027, testContext(2027, 0.4173));
    near(c.capex_krw, 2e9);
    near(c.savings_krw, 1.26e8 + 1.53125e8);
    assert.deepEqual(c.missing, []);
  });
  test("before the schedule nothing; a covered share above 1 is refused", () => {
    assert.deepEqual(zeroEnergyBuildings.model(p, 2024, testContext(2024, 0.4173)).lines, []);
    const r = zeroEnergyBuildings.schema.safeParse({
      building_use: "residential",
      new_area_m2_path: { "2025": 1 },
      covered_share_path: { "2025": 1.5 },
      elec_kwh_per_m2: 1,
      fuel_mj_per_m2: 1,
      elec_saving_share: 0.1,
      fuel_saving_share: 0.1,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    assert.equal(r.success, false);
  });
});
