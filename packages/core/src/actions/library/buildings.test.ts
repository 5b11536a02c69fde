import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildingRetrofit } from "./building-retrofit.ts";
import { GAS_BUILDINGS_TCO2E_PER_MJ } from "./common.ts";
import { heatSwitch } from "./heat-switch.ts";
import { renewablePpa } from "./renewable-ppa.ts";
import { solarPv } from "./solar.ts";
import { streetLights } from "./street-lights.ts";
import { CTX_2028, checkChain, near, stepValue, testContext } from "./test-helpers.ts";

const S = { price_year: 2024 };

describe("building retrofit", () => {
  test("public buildings, 2026: area -> energy saved by fuel -> tCO2e, tagged as the city's own", () => {
    // gas factor = (56,100 + 5 × 28 + 0.1 × 265) kg/TJ = 56,266.5 kg/TJ = 5.62665e-5 t/MJ
    // area = 10,000 + 10,000 × 0.5 = 15,000 m2
    // electricity = 15,000 × 100 × 0.2 / 1000 = 300 MWh × 0.4173 = 125.19 t (I.2.2)
    // gas = 15,000 × 300 × 0.3 = 1,350,000 MJ × 5.62665e-5 = 75.959775 t (I.2.1)
    near(GAS_BUILDINGS_TCO2E_PER_MJ, 5.62665e-5);
    const p = buildingRetrofit.schema.parse({
      ...S,
      building_use: "commercial_public",
      scope_tag: "municipal_operations",
      area_m2_by_year: { "2025": 10000, "2026": 10000 },
      elec_kwh_per_m2: 100,
      gas_mj_per_m2: 300,
      elec_saving_share: 0.2,
      gas_saving_share: 0.3,
      krw_per_m2: 200000,
      schedule: { start_year: 2025 },
    });
    const r = buildingRetrofit.model(p, 2026, testContext(2026, 0.4173));
    near(stepValue(r, "area_m2"), 15000);
    near(checkChain(r), -(125.19 + 75.959775));
    assert.ok(r.lines.every((l) => l.scope_tag === "municipal_operations"));
    assert.deepEqual(
      r.lines.map((l) => l.gpc_ref),
      ["I.2.2", "I.2.1"],
    );
    // capex 2026 = 10,000 m2 × 200,000 = 2e9; bills not priced: listed as missing
    const c = buildingRetrofit.costs(p, 2026, CTX_2028);
    assert.equal(c.capex_krw, 2e9);
    assert.deepEqual(c.missing, ["elec_krw_per_kwh", "gas_krw_per_mj"]);
  });
});

describe("heat switch", () => {
  const base = {
    ...S,
    building_use: "residential",
    units_by_year: { "2028": 100 },
    heat_mwh_per_unit: 10,
    boiler_efficiency: 0.9,
    schedule: { start_year: 2028 },
  };
  test("heat pumps, 2029: gas avoided minus the heat pumps' electricity", () => {
    // heat = 100 × 10 = 1,000 MWh; gas = 1,000 / 0.9 × 3,600 = 4,000,000 MJ × 5.62665e-5 = 225.066 t
    // electricity = 1,000 / 3 = 333.333 MWh × 0.4173 = 139.1 t; total = −225.066 + 139.1 = −85.966
    const p = heatSwitch.schema.parse({ ...base, technology: "heat_pump", heat_pump_scop: 3 });
    near(checkChain(heatSwitch.model(p, 2029, CTX_2028)), -225.066 + 139.1);
  });
  test("district heat: the supplier's factor", () => {
    // 1,000 MWh × 0.2 = 200 t; total = −225.066 + 200 = −25.066
    const p = heatSwitch.schema.parse({
      ...base,
      technology: "district_heat",
      district_heat_tco2e_per_mwh: 0.2,
    });
    near(checkChain(heatSwitch.model(p, 2029, CTX_2028)), -25.066);
  });
  test("heat pumps replacing kerosene boilers: the IPCC 2006 oil factor", () => {
    // kerosene = (71,900 + 10 × 28 + 0.6 × 265) kg/TJ = 72,339 kg/TJ = 7.2339e-5 t/MJ
    // fuel = 1,000 MWh / 0.85 × 3,600 = 4,235,294.12 MJ × 7.2339e-5 = 306.37694 t (I.1.1)
    // electricity = 1,000 / 3 = 333.333 MWh × 0.4173 = 139.1 t; total = −306.37694 + 139.1 = −167.27694
    const p = heatSwitch.schema.parse({
      ...base,
      boiler_efficiency: 0.85,
      before_fuel: "kerosene",
      technology: "heat_pump",
      heat_pump_scop: 3,
    });
    const r = heatSwitch.model(p, 2029, CTX_2028);
    near(stepValue(r, "fuel_tco2e_per_mj"), 7.2339e-5);
    near(stepValue(r, "fuel_tco2e_avoided"), 306.3769411764706);
    near(checkChain(r), -306.3769411764706 + 139.1);
  });
  test("heat pumps replacing LPG boilers: the IPCC 2006 LPG factor, and fuel bills at the fuel's price", () => {
    // LPG = (63,100 + 5 × 28 + 0.1 × 265) kg/TJ = 63,266.5 kg/TJ; fuel = 4,000,000 MJ × 6.32665e-5 = 253.066 t
    // total = −253.066 + 139.1 = −113.966; bill saved 2029 = 4,000,000 MJ × 30 KRW = 1.2e8
    const p = heatSwitch.schema.parse({
      ...base,
      before_fuel: "lpg",
      technology: "heat_pump",
      heat_pump_scop: 3,
      fuel_krw_per_mj: 30,
    });
    near(checkChain(heatSwitch.model(p, 2029, CTX_2028)), -253.066 + 139.1);
    near(heatSwitch.costs!(p, 2029, CTX_2028).savings_krw, 1.2e8);
  });
  test("an instance's own fuel factor replaces the default and is cited as given", () => {
    const p = heatSwitch.schema.parse({
      ...base,
      before_fuel: "kerosene",
      fuel_tco2e_per_mj: 7e-5,
      technology: "heat_pump",
      heat_pump_scop: 3,
      sources: { fuel_tco2e_per_mj: "a supplier's figure" },
    });
    const r = heatSwitch.model(p, 2029, CTX_2028);
    const step = r.chain.find((s) => s.key === "fuel_tco2e_per_mj")!;
    assert.equal(step.value, 7e-5);
    assert.equal(step.source, "a supplier's figure");
  });
  test("district heat without the supplier's factor is refused (a gap is not a zero)", () => {
    const r = heatSwitch.schema.safeParse({ ...base, technology: "district_heat" });
    assert.equal(r.success, false);
    assert.equal(r.error?.issues[0]?.path[0], "district_heat_tco2e_per_mwh");
  });
});

describe("LED street lights", () => {
  test("lamps × watts saved × hours -> MWh -> tCO2e, the city's own operations by default", () => {
    // 1,000 × (250 − 100) W × 4,000 h / 1e6 = 600 MWh × 0.4173 = 250.38 t
    const p = streetLights.schema.parse({
      ...S,
      lamps_by_year: { "2025": 1000 },
      first_year_share: 1,
      watts_before: 250,
      watts_after: 100,
      hours_per_yr: 4000,
      schedule: { start_year: 2025 },
    });
    const r = streetLights.model(p, 2028, CTX_2028);
    near(stepValue(r, "mwh_saved"), 600);
    near(checkChain(r), -250.38);
    assert.equal(r.lines[0]?.scope_tag, "municipal_operations");
  });
});

describe("solar", () => {
  test("kWp cohorts × yield × degradation -> MWh -> grid tCO2e of the year", () => {
    // 2025 cohort, age 2: 1,000 × 1,300 × 0.995^2 = 1,287,032.5 kWh
    // 2026 cohort, age 1:   500 × 1,300 × 0.995   =   646,750 kWh
    // 1,933.7825 MWh × 0.4173 = 806.96744 t
    const p = solarPv.schema.parse({
      ...S,
      host: "residential",
      kwp_by_year: { "2025": 1000, "2026": 500 },
      yield_kwh_per_kwp: 1300,
      degradation_per_yr: 0.005,
      schedule: { start_year: 2025 },
    });
    const r = solarPv.model(p, 2027, CTX_2028);
    near(stepValue(r, "mwh"), 1933.7825);
    near(checkChain(r), -1933.7825 * 0.4173);
    assert.equal(r.lines[0]?.gpc_ref, "I.1.2");
  });
});

describe("renewable PPA", () => {
  test("market-based: MWh × schedule × grid factor", () => {
    // ramp 1 year: 2030 is half; 10,000 × 0.5 × 0.4173 = 2,086.5 t
    const p = renewablePpa.schema.parse({
      ...S,
      buyer: "commercial_public",
      mwh_per_yr: 10000,
      schedule: { start_year: 2030, ramp_years: 1 },
    });
    const r = renewablePpa.model(p, 2030, testContext(2030, 0.4173));
    near(checkChain(r), -2086.5);
    assert.equal(r.lines[0] && "basis" in r.lines[0] ? r.lines[0].basis : undefined, "market");
  });
});
