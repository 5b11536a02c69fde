import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LIBRARY_ACTION_TYPES } from "./index.ts";
import { stepLabelKo } from "./labels-ko.ts";
import { testContext } from "./test-helpers.ts";

const S = { schedule: { start_year: 2025 }, price_year: 2024 };
const Y = { "2025": 10, "2026": 10 };
/** One valid parameter set per type, with every optional cost given, so that every step appears. */
const SAMPLES: Record<string, unknown> = {
  brt_corridor: {
    ...S,
    length_km: 9,
    riders_per_day: 1,
    share_from_car: 1,
    trip_km: 1,
    bus_km_change_per_day: 1,
    bus_kgco2e_per_km: 1,
    direct_costs: { capex_krw_by_year: { "2025": 1 }, opex_krw_per_yr: 1, savings_krw_per_yr: 1 },
  },
  tram_line: {
    ...S,
    length_km: 3,
    riders_per_yr: 1,
    share_from_car: 1,
    trip_km: 1,
    tram_vkm_per_yr: 1,
    tram_kwh_per_vkm: 1,
  },
  bus_fleet_conversion: {
    ...S,
    technology: "hydrogen",
    before_fuel: "cng",
    h2_route: "stated",
    buses_by_year: Y,
    km_per_bus_per_yr: 1,
    cng_nm3_per_km: 1,
    h2_kg_per_km: 1,
    h2_tco2e_per_kg: 1,
    bus_premium_krw: 1,
    stations_by_year: { "2025": 1 },
    station_krw: 1,
    cng_krw_per_nm3: 1,
    h2_krw_per_kg: 1,
  },
  fleet_electrification: {
    ...S,
    vehicle: "car",
    vehicles_by_year: Y,
    km_per_vehicle_per_yr: 1,
    kwh_per_km: 1,
    premium_krw_per_vehicle: 1,
    chargers_by_year: Y,
    krw_per_charger: 1,
    fuel_krw_per_km: 1,
    elec_krw_per_kwh: 1,
  },
  ev_adoption: {
    ...S,
    car_vkm_driver: "car_vkm",
    ev_share_path: { "2025": 0.1, "2030": 0.2 },
    ev_kwh_per_vkm: 0.2,
    vkm_per_ev_yr: 1000,
    krw_per_ev: 1,
    ice_fuel_krw_per_vkm: 1,
    elec_krw_per_kwh: 1,
  },
  active_travel: { ...S, mode: "both", trips_per_day: 1, share_from_car: 1, trip_km: 1 },
  building_retrofit: {
    ...S,
    building_use: "residential",
    area_m2_by_year: Y,
    elec_kwh_per_m2: 1,
    gas_mj_per_m2: 1,
    elec_saving_share: 0.5,
    gas_saving_share: 0.5,
    krw_per_m2: 1,
    elec_krw_per_kwh: 1,
    gas_krw_per_mj: 1,
  },
  heat_switch: {
    ...S,
    technology: "heat_pump",
    building_use: "residential",
    units_by_year: Y,
    heat_mwh_per_unit: 1,
    boiler_efficiency: 0.9,
    heat_pump_scop: 3,
    krw_per_unit: 1,
    fuel_krw_per_mj: 1,
    new_energy_krw_per_mwh: 1,
  },
  zero_energy_buildings: {
    ...S,
    building_use: "residential",
    new_area_m2_path: { "2025": 100 },
    covered_share_path: { "2025": 0.5 },
    elec_kwh_per_m2: 1,
    fuel_mj_per_m2: 1,
    elec_saving_share: 0.2,
    fuel_saving_share: 0.2,
    extra_krw_per_m2: 1,
    elec_krw_per_kwh: 1,
    fuel_krw_per_mj: 1,
  },
  street_lights_led: {
    ...S,
    lamps_by_year: Y,
    watts_before: 2,
    watts_after: 1,
    hours_per_yr: 1,
    krw_per_lamp: 1,
    elec_krw_per_kwh: 1,
  },
  solar_pv: {
    ...S,
    host: "residential",
    kwp_by_year: Y,
    yield_kwh_per_kwp: 1,
    degradation_per_yr: 0,
    krw_per_kwp: 1,
    om_krw_per_kwp_yr: 1,
    elec_krw_per_kwh: 1,
  },
  renewable_ppa: { ...S, buyer: "commercial_public", mwh_per_yr: 1, premium_krw_per_mwh: 1 },
  tree_planting: {
    ...S,
    species: "pine",
    trees_by_year: Y,
    survival_share: 1,
    annual_mortality: 0,
    age_at_planting_yr: 1,
    krw_per_tree: 1,
    care_krw_per_tree_yr: 1,
  },
  urban_green: {
    ...S,
    kind: "garden",
    ha_by_year: Y,
    mature_tco2_per_ha_yr: 1,
    maturity_yr: 10,
    krw_per_ha: 1,
    care_krw_per_ha_yr: 1,
  },
  waste_reduction: { ...S, kg_per_person_yr: 1, disposal: "landfill_in_city", disposal_tco2e_per_t: 1 },
  recycling_rate: {
    ...S,
    waste_driver: "msw_t",
    rate_increase_path: { "2025": 0.1 },
    disposal: "landfill_in_city",
    disposal_tco2e_per_t: 1,
    recycling_tco2e_per_t: 0,
  },
  food_waste_biogas: {
    ...S,
    tonnes_per_yr: 1,
    before_gpc_ref: "III.3.1",
    before_tco2e_per_t: 1,
    digestion_tco2e_per_t: 0.1,
  },
  landfill_gas_capture: { ...S, ch4_generated_t_per_yr: 1, capture_increase: 0.1 },
};

describe("Korean labels", () => {
  test("every step of every type, in the model and in the costs, has a Korean label", () => {
    for (const t of LIBRARY_ACTION_TYPES) {
      const raw = SAMPLES[t.type];
      assert.ok(raw, `no sample for ${t.type}`);
      const p = t.schema.parse(raw);
      for (const year of [2024, 2025, 2026, 2030]) {
        const ctx = testContext(year, 0.4, { car_vkm: 1e6, population: 1000, msw_t: 100 }, { "II.1.1": 1e4 });
        const steps = [...t.model(p, year, ctx).chain, ...(t.costs?.(p, year, ctx).chain ?? [])];
        for (const s of steps) assert.ok(stepLabelKo(s.key), `${t.type}: step ${s.key} has no Korean label`);
      }
    }
  });

  test("every numeric parameter has a Korean label", () => {
    for (const t of LIBRARY_ACTION_TYPES)
      for (const k of Object.keys(t.params)) assert.ok(stepLabelKo(k), `${t.type}.${k} has no Korean label`);
  });
});
