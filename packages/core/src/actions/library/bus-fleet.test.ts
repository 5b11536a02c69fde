import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { busFleetConversion } from "./bus-fleet.ts";
import { CITY_GAS_TCO2E_PER_NM3 } from "./common.ts";
import { CTX_2028, checkChain, near, stepValue, testContext } from "./test-helpers.ts";

// Jeonju's hydrogen buses (FACTS §5): the first in 2020, 27 by 2021, 23 more in 2022 (cvinfo 23654).
// km per bus, CNG and hydrogen use per km and the hydrogen route factor are illustrative for the test.
const base = {
  technology: "hydrogen",
  before_fuel: "cng",
  h2_route: "stated",
  buses_by_year: { "2020": 1, "2021": 26, "2022": 23 },
  km_per_bus_per_yr: 80000,
  cng_nm3_per_km: 0.5,
  h2_kg_per_km: 0.08,
  h2_tco2e_per_kg: 0.01,
  schedule: { start_year: 2020 },
  price_year: 2022,
};
const h2 = busFleetConversion.schema.parse(base);

describe("bus fleet conversion", () => {
  test("CNG factor derived from FACTS: 9,190 kcal/Nm3 × 4.1868 kJ/kcal × 56,100 kgCO2/TJ", () => {
    // 9,190 × 4.1868e-3 = 38.476692 MJ/Nm3; × 56,100e-9 t/MJ = 0.00215854 tCO2/Nm3
    near(CITY_GAS_TCO2E_PER_NM3, 38.476692 * 56100e-9);
  });

  test("hydrogen buses, 2022: cohorts -> bus-km -> CNG avoided, hydrogen production in other scope 3", () => {
    // buses = 1 + 26 + 23 × 0.5 = 38.5; bus-km = 38.5 × 80,000 = 3,080,000
    // CNG avoided = 3,080,000 × 0.5 Nm3/km × 0.00215854 = 3,324.15 t (II.1.1)
    // hydrogen = 3,080,000 × 0.08 = 246,400 kg × 0.01 t/kg = 2,464 t (VI.1)
    const r = busFleetConversion.model(h2, 2022, CTX_2028);
    near(stepValue(r, "buses_in_service"), 38.5);
    near(stepValue(r, "before_tco2e"), 3080000 * 0.5 * CITY_GAS_TCO2E_PER_NM3);
    near(checkChain(r), -3080000 * 0.5 * CITY_GAS_TCO2E_PER_NM3 + 2464);
    assert.deepEqual(
      r.lines.map((l) => l.gpc_ref),
      ["II.1.1", "VI.1"],
    );
  });

  test("battery buses: electricity at the grid factor of the year on II.1.2", () => {
    // 3,080,000 km × 1.2 kWh/km / 1000 = 3,696 MWh × 0.4173 = 1,542.3408 t
    const bev = busFleetConversion.schema.parse({
      ...base,
      technology: "battery",
      kwh_per_km: 1.2,
      h2_route: undefined,
    });
    const r = busFleetConversion.model(bev, 2022, CTX_2028);
    near(stepValue(r, "after_tco2e"), 1542.3408);
    assert.deepEqual(
      r.lines.map((l) => l.gpc_ref),
      ["II.1.1", "II.1.2"],
    );
  });

  test("hydrogen from grid electrolysis: 55 kWh/kg × 0.4173 t/MWh = 0.0229515 t/kg", () => {
    const el = busFleetConversion.schema.parse({
      ...base,
      h2_route: "electrolysis_grid",
      electrolysis_kwh_per_kg: 55,
    });
    near(stepValue(busFleetConversion.model(el, 2022, CTX_2028), "h2_tco2e_per_kg"), 0.0229515);
  });

  test("hydrogen as a driver of the year", () => {
    const d = busFleetConversion.schema.parse({ ...base, h2_route: "driver" });
    const ctx = testContext(2022, 0.4173, {}, {}, 0.002);
    near(stepValue(busFleetConversion.model(d, 2022, ctx), "after_tco2e"), 246400 * 0.002);
    assert.throws(() => busFleetConversion.model(d, 2022, CTX_2028), /role hydrogen_factor/);
  });

  test("a hydrogen route that needs a factor without one is refused with its path", () => {
    const r = busFleetConversion.schema.safeParse({ ...base, h2_tco2e_per_kg: undefined });
    assert.equal(r.success, false);
    assert.deepEqual(
      r.error?.issues.map((i) => i.path.join(".")),
      ["h2_tco2e_per_kg"],
    );
  });

  test("costs: premium per bus, stations and the fuel bill; missing prices are listed, not zero", () => {
    const priced = busFleetConversion.schema.parse({
      ...base,
      bus_premium_krw: 3e8,
      stations_by_year: { "2022": 1 },
      station_krw: 3e9,
      cng_krw_per_nm3: 1000,
      h2_krw_per_kg: 8000,
    });
    // capex 2022 = 23 × 3e8 + 1 × 3e9 = 9.9e9
    // savings = 3,080,000 × 0.5 × 1,000 = 1.54e9; opex = 246,400 kg × 8,000 = 1.9712e9
    const c = busFleetConversion.costs(priced, 2022, CTX_2028);
    near(c.capex_krw, 9.9e9);
    near(c.savings_krw, 1.54e9);
    near(c.opex_krw, 1.9712e9);
    assert.deepEqual(c.missing, []);
    const bare = busFleetConversion.costs(h2, 2022, CTX_2028);
    assert.deepEqual(bare.missing, ["bus_premium_krw", "cng_krw_per_nm3", "h2_krw_per_kg"]);
  });
});
