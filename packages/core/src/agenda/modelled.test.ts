import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brtCorridor } from "../actions/library/brt.ts";
import { busFleetConversion } from "../actions/library/bus-fleet.ts";
import { CITY_GAS_TCO2E_PER_NM3 } from "../actions/library/common.ts";
import { CTX_2028 } from "../actions/library/test-helpers.ts";
import { asActionId, asIndicatorId } from "../vocabulary/ids.ts";
import { brtRidersMapping, fleetLevelMapping, fromActionType } from "./library-link.ts";
import { type ActionModel, modelledVsObserved, type ObservedParameterMapping } from "./modelled.ts";
import { indicator } from "./test-fixtures.ts";

const near = (a: number | undefined, b: number, tol = 1e-9) =>
  assert.ok(a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

// A small riders -> car-km -> tCO2e model written out for the test.
interface Toy {
  riders_per_day: number;
  share_from_car: number;
  trip_km: number;
  occupancy: number;
  g_per_vkm: number;
}
const toy: ActionModel<Toy> = (p) => ({
  lines: [
    {
      gpc_ref: "II.1.1",
      delta_tco2e:
        -((p.riders_per_day * 365 * p.share_from_car * p.trip_km) / p.occupancy) * (p.g_per_vkm / 1e6),
    },
  ],
});
const scenarioRiders: Record<number, number> = { 2027: 10_000, 2028: 12_000, 2029: 13_500, 2030: 15_000 };
const scenario = (year: number): Toy => ({
  riders_per_day: scenarioRiders[year]!,
  share_from_car: 0.25,
  trip_km: 8,
  occupancy: 1.25,
  g_per_vkm: 160,
});
const ridersMapping: ObservedParameterMapping<Toy> = {
  indicator: asIndicatorId("riders"),
  parameter: "riders_per_day",
  unit: "rider/d",
  apply: (p, observed) => ({ ...p, riders_per_day: observed }),
};
const riders = indicator({
  id: "riders",
  unit: "rider/d",
  unit_label: { ko: "명/일", en: "riders per day" },
  goals: [{ year: 2030, value: 15_000, illustrative: true, note: "test figure" }],
  observed: [
    { year: 2027, value: 9_500, illustrative: true, note: "test figure" },
    { year: 2028, value: 9_000, illustrative: true, note: "test figure" },
    { year: 2029, value: 99_999, illustrative: true, note: "test figure" }, // after asOfYear: must be ignored
  ],
});

describe("modelled against observed", () => {
  // One rider per day is worth 365 × 0.25 × 8 km / 1.25 person/vehicle = 584 vkm/yr;
  // × 160 g/vkm = 93,440 g = 0.09344 tCO2e/yr.
  const r = modelledVsObserved({
    action: asActionId("brt"),
    model: toy,
    scenarioParams: scenario,
    mapping: ridersMapping,
    indicator: riders,
    years: [2027, 2028, 2029, 2030],
    asOfYear: 2028,
    tolerance: 0.1,
  });
  assert.ok(r.ok);
  const v = r.value;

  test("expected, implied, difference and flag by year", () => {
    // 2027: expected 10,000 × 0.09344 = 934.4 t; implied 9,500 × 0.09344 = 887.68 t;
    //       difference −46.72 t; ratio 0.95 ≥ 0.9: on track
    const y27 = v.years[0]!;
    near(y27.expected_tco2e, 934.4);
    near(y27.implied_tco2e, 887.68);
    near(y27.difference_tco2e, -46.72);
    near(y27.ratio, 0.95);
    assert.equal(y27.off_track, false);
    // 2028: expected 12,000 × 0.09344 = 1,121.28 t; implied 9,000 × 0.09344 = 840.96 t;
    //       difference −280.32 t; ratio 0.75 < 0.9: off track
    const y28 = v.years[1]!;
    near(y28.expected_tco2e, 1121.28);
    near(y28.implied_tco2e, 840.96);
    near(y28.difference_tco2e, -280.32);
    assert.equal(y28.off_track, true);
    // 2029: expected 13,500 × 0.09344 = 1,261.44 t; its observation is after asOfYear and not used
    const y29 = v.years[2]!;
    near(y29.expected_tco2e, 1261.44);
    assert.equal(y29.implied_tco2e, undefined);
    assert.equal(v.latest?.year, 2028);
    assert.equal(v.off_track, true);
    assert.equal(v.tolerance, 0.1);
  });

  test("what the shortfall means for the next target year", () => {
    // Target 2030: expected 15,000 × 0.09344 = 1,401.6 t; riders held at 9,000: 840.96 t;
    // shortfall 1,401.6 − 840.96 = 560.64 t; riders must grow (15,000 − 9,000) / 2 = 3,000 per year
    const n = v.next_target!;
    assert.equal(n.year, 2030);
    near(n.expected_tco2e, 1401.6);
    near(n.projected_tco2e, 840.96);
    near(n.shortfall_tco2e, 560.64);
    assert.equal(n.indicator_goal, 15_000);
    near(n.required_change_per_year, 3000);
  });

  test("an indicator in another unit is refused", () => {
    const bad = modelledVsObserved({
      action: asActionId("brt"),
      model: toy,
      scenarioParams: scenario,
      mapping: ridersMapping,
      indicator: { ...riders, unit: "count" },
      years: [2027],
      asOfYear: 2028,
      tolerance: 0.1,
    });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.problems[0]?.code, "UNIT_MISMATCH");
  });

  test("district values are summed when no city value exists, with a warning", () => {
    // 2027: 4,000 + 5,000 = 9,000 riders -> 9,000 × 0.09344 = 840.96 t
    const ind = indicator({
      id: "riders",
      unit: "rider/d",
      unit_label: { ko: "명/일", en: "riders per day" },
      goals: [],
      observed: [
        { year: 2027, value: 4_000, district: "완산구", illustrative: true, note: "test figure" },
        { year: 2027, value: 5_000, district: "덕진구", illustrative: true, note: "test figure" },
      ],
    });
    const d = modelledVsObserved({
      action: asActionId("brt"),
      model: toy,
      scenarioParams: scenario,
      mapping: ridersMapping,
      indicator: ind,
      years: [2027],
      asOfYear: 2027,
      tolerance: 0.1,
    });
    assert.ok(d.ok);
    near(d.value.years[0]!.implied_tco2e, 840.96);
    assert.equal(d.warnings.length, 1);
    assert.equal(d.value.next_target, undefined);
  });

  test("a scale effect without BAU emissions is an error that says where", () => {
    const scaled: ActionModel<Toy> = () => ({ lines: [{ gpc_ref: "II.1.1", scale_fraction: 0.1 }] });
    const s = modelledVsObserved({
      action: asActionId("x"),
      model: scaled,
      scenarioParams: scenario,
      mapping: ridersMapping,
      indicator: riders,
      years: [2027],
      asOfYear: 2027,
      tolerance: 0.1,
    });
    assert.equal(s.ok, false);
    assert.equal(!s.ok && s.problems[0]?.code, "MISSING_VALUE");
    assert.equal(!s.ok && s.problems[0]?.path, "years.2027.expected.lines[0]");
    // with BAU 5,000 t on II.1.1: 0.1 × 5,000 = 500 t expected
    const withBau = modelledVsObserved({
      action: asActionId("x"),
      model: scaled,
      scenarioParams: scenario,
      mapping: ridersMapping,
      indicator: riders,
      years: [2027],
      asOfYear: 2027,
      tolerance: 0.1,
      bau: () => 5000,
    });
    assert.ok(withBau.ok);
    near(withBau.value.years[0]!.expected_tco2e, 500);
  });
});

describe("modelled against observed through the library's BRT corridor model", () => {
  const phase1 = brtCorridor.schema.parse({
    length_km: 9.5,
    riders_per_day: 20000,
    share_from_car: 0.2,
    trip_km: 5,
    bus_km_change_per_day: -100,
    bus_kgco2e_per_km: 1.08,
    schedule: { start_year: 2026, start_month: 11 },
    price_year: 2025,
  });
  const ind = indicator({
    id: "brt-riders",
    unit: "rider/d",
    unit_label: { ko: "명/일", en: "riders per day" },
    goals: [{ year: 2030, value: 20_000, illustrative: true, note: "test figure" }],
    observed: [{ year: 2028, value: 15_000, illustrative: true, note: "test figure" }],
  });

  test("observed riders -> car-km avoided -> tCO2e, against the scenario", () => {
    const r = modelledVsObserved({
      action: asActionId("brt"),
      model: fromActionType(brtCorridor, () => CTX_2028, 1),
      scenarioParams: () => phase1,
      mapping: brtRidersMapping(asIndicatorId("brt-riders")),
      indicator: ind,
      years: [2026, 2027, 2028],
      asOfYear: 2028,
      tolerance: 0.1,
    });
    assert.ok(r.ok);
    // Scenario, full year: car part 20,000 × 0.2 / 1.22 × 5 km × 365 × 0.16 kg / 1000 = 957.37705 t;
    // buses: −100 km/d × 365 × 1.08 kg / 1000 = −39.42 t (fewer bus-km); abatement 957.37705 + 39.42 = 996.79705 t
    // 2026 opens in November: 996.79705 × 2/12 = 166.13284 t
    near(r.value.years[0]!.expected_tco2e, 996.7970491803279 / 6);
    near(r.value.years[2]!.expected_tco2e, 996.7970491803279);
    // Observed 15,000 riders: car part 957.37705 × 15,000/20,000 = 718.03279 t; + 39.42 = 757.45279 t
    // difference 757.45279 − 996.79705 = −239.34426 t; ratio 0.75988 < 0.9: off track
    const y28 = r.value.years[2]!;
    near(y28.implied_tco2e, 757.4527868852459);
    near(y28.difference_tco2e, -239.344262295082);
    assert.equal(r.value.off_track, true);
    // Target 2030 (riders goal 20,000): expected 996.79705 t, projected at 15,000 riders 757.45279 t,
    // shortfall 239.34426 t; riders must grow (20,000 − 15,000) / 2 = 2,500 per year
    const n = r.value.next_target!;
    assert.equal(n.year, 2030);
    near(n.shortfall_tco2e, 239.344262295082);
    near(n.required_change_per_year, 2500);
  });

  test("the scenario level scales expected and implied alike", () => {
    const r = modelledVsObserved({
      action: asActionId("brt"),
      model: fromActionType(brtCorridor, () => CTX_2028, 0.5),
      scenarioParams: () => phase1,
      mapping: brtRidersMapping(asIndicatorId("brt-riders")),
      indicator: ind,
      years: [2028],
      asOfYear: 2028,
      tolerance: 0.1,
    });
    assert.ok(r.ok);
    // 996.79705 × 0.5 = 498.39852 t
    near(r.value.years[0]!.expected_tco2e, 996.7970491803279 / 2);
  });
});

describe("modelled against observed through the library's bus-conversion model (a fleet level)", () => {
  // Scenario: hydrogen buses added 1 (2020), 26 (2021), 23 (2022) as reported (cvinfo 23654), then 60 and
  // 68 to reach the 178 planned by end-2024 (hankyung 202401251117Y); km, fuel use and the hydrogen factor
  // are the library test's illustrative values.
  const scenario = busFleetConversion.schema.parse({
    technology: "hydrogen",
    before_fuel: "cng",
    h2_route: "stated",
    buses_by_year: { "2020": 1, "2021": 26, "2022": 23, "2023": 60, "2024": 68 },
    km_per_bus_per_yr: 80000,
    cng_nm3_per_km: 0.5,
    h2_kg_per_km: 0.08,
    h2_tco2e_per_kg: 0.01,
    schedule: { start_year: 2020 },
    price_year: 2022,
  });
  const ind = indicator({
    id: "h2-buses",
    unit: "count",
    unit_label: { ko: "대", en: "buses" },
    aggregation: "level",
    goals: [{ year: 2024, value: 178, illustrative: true, note: "test figure" }],
    observed: [
      { year: 2021, value: 27, illustrative: true, note: "test figure" },
      { year: 2022, value: 50, illustrative: true, note: "test figure" },
      { year: 2023, value: 80, illustrative: true, note: "test figure" },
    ],
  });
  // One bus-year: 80,000 km × (0.5 Nm3 × 0.00215854 t/Nm3 − 0.08 kg × 0.01 t/kg)
  //             = 80,000 × (0.00107927 − 0.0008) = 22.3417 tCO2e avoided
  const perBusYear = 80000 * (0.5 * CITY_GAS_TCO2E_PER_NM3 - 0.08 * 0.01);
  const r = modelledVsObserved({
    action: asActionId("hydrogen-buses"),
    model: fromActionType(busFleetConversion, () => CTX_2028, 1),
    scenarioParams: () => scenario,
    mapping: fleetLevelMapping(asIndicatorId("h2-buses")),
    indicator: ind,
    years: [2022, 2023],
    asOfYear: 2023,
    tolerance: 0.1,
  });

  test("the observed fleet rebuilds the additions; where it matches the scenario, so does the abatement", () => {
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    near(perBusYear, 22.34169683, 1e-8);
    // 2022: observed 27 then 50 = additions 26 (27 − 1 from 2020) and 23: the scenario's own path
    // in service 1 + 26 + 23 × 0.5 = 38.5 bus-years both ways; difference 0
    const y22 = r.value.years[0]!;
    near(y22.expected_tco2e, 38.5 * perBusYear);
    near(y22.implied_tco2e, 38.5 * perBusYear);
    near(y22.difference_tco2e, 0);
  });

  test("a fleet that grows slower is off track, and the target year shows the shortfall", () => {
    assert.ok(r.ok);
    // 2023: scenario 1 + 26 + 23 + 60 × 0.5 = 80 bus-years -> 1,787.34 t;
    //       observed 80 buses = 30 added -> 1 + 26 + 23 + 30 × 0.5 = 65 -> 1,452.21 t; ratio 0.8125
    const y23 = r.value.years[1]!;
    near(y23.expected_tco2e, 80 * perBusYear);
    near(y23.implied_tco2e, 65 * perBusYear);
    near(y23.difference_tco2e, -15 * perBusYear);
    assert.equal(y23.off_track, true);
    // 2024 (goal 178): scenario 1 + 26 + 23 + 60 + 68 × 0.5 = 144 -> 3,217.20 t; fleet held at 80 buses
    // -> 80 bus-years -> 1,787.34 t; shortfall 64 × 22.3417 = 1,429.87 t; 178 − 80 = 98 buses in one year
    const n = r.value.next_target!;
    assert.equal(n.year, 2024);
    near(n.expected_tco2e, 144 * perBusYear);
    near(n.projected_tco2e, 80 * perBusYear);
    near(n.shortfall_tco2e, 64 * perBusYear);
    near(n.required_change_per_year, 98);
  });
});
