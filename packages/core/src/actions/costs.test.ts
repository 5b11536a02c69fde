import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  appraiseAction,
  type CashFlow,
  cashFlow,
  checkAppraisal,
  costPerTonne,
  type MacInput,
  macCurve,
  macFromActions,
  npv,
  rebasePrice,
} from "./costs.ts";
import { brtCorridor } from "./library/brt.ts";
import { streetLights } from "./library/street-lights.ts";
import { near, testContext } from "./library/test-helpers.ts";

const flows: CashFlow[] = [
  cashFlow(2025, { capex_krw: 1000, opex_krw: 0, savings_krw: 0 }),
  cashFlow(2026, { capex_krw: 0, opex_krw: 100, savings_krw: 300 }),
  cashFlow(2027, { capex_krw: 0, opex_krw: 100, savings_krw: 300 }),
];
const abatement = [
  { year: 2025, tco2e: 0 },
  { year: 2026, tco2e: 10 },
  { year: 2027, tco2e: 10 },
];
const A = { discount_rate: 0.05, discount_to_year: 2025 };

describe("costs", () => {
  test("NPV worked by hand", () => {
    // 1000 − 200 / 1.05 − 200 / 1.05^2 = 1000 − 190.47619 − 181.40590 = 628.11791
    near(npv(flows, 0.05, 2025), 1000 - 200 / 1.05 - 200 / 1.1025);
    near(npv(flows, 0.05, 2025), 628.1179138321995, 1e-12);
  });

  test("cost per tonne: levelised and undiscounted", () => {
    // discounted tonnes = 10 / 1.05 + 10 / 1.1025 = 9.5238095 + 9.0702948 = 18.5941043
    // levelised = 628.11791 / 18.5941043 = 33.78049 KRW/t; undiscounted = 628.11791 / 20 = 31.40590
    const lev = costPerTonne(flows, abatement, A);
    near(lev.tonnes, 10 / 1.05 + 10 / 1.1025);
    near(lev.krw_per_tco2e!, 628.1179138321995 / (10 / 1.05 + 10 / 1.1025));
    near(costPerTonne(flows, abatement, A, "undiscounted").krw_per_tco2e!, 628.1179138321995 / 20);
  });

  test("no abatement: the cost per tonne is undefined, with the reason", () => {
    const r = costPerTonne(flows, [{ year: 2026, tco2e: -5 }], A);
    assert.equal(r.krw_per_tco2e, null);
    assert.match(r.reason ?? "", /not defined/);
  });

  test("price years convert only through an index", () => {
    // 1,000 KRW of 2020 with index 100 (2020) and 112 (2024) = 1,120 KRW of 2024
    const r = rebasePrice(1000, 2020, 2024, { "2020": 100, "2024": 112 });
    assert.ok(r.ok);
    near(r.value, 1120);
    const bad = rebasePrice(1000, 2019, 2024, { "2020": 100, "2024": 112 }, "actions[2]");
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.problems[0]?.code, "MISSING_YEAR");
    assert.equal(!bad.ok && bad.problems[0]?.path, "actions[2]");
  });

  test("appraisal inputs are checked", () => {
    const p = checkAppraisal({
      price_year: 2024,
      discount_rate: -1,
      discount_to_year: 2025,
      from_year: 2030,
      to_year: 2025,
    });
    assert.deepEqual(
      p.map((x) => x.path),
      ["discount_rate", "to_year"],
    );
  });

  test("one action appraised from its own models: LED street lights, 2025–2027", () => {
    // capex 2025 = 1,000 lamps × 400,000 = 4e8 KRW
    // savings/yr = 600 MWh = 600,000 kWh × 150 KRW = 9e7 KRW (full years: first_year_share 1)
    // net = 3.1e8, −9e7, −9e7; NPV at 4.5 % to 2025 = 3.1e8 − 9e7/1.045 − 9e7/1.045^2 = 1.41280e8
    // tonnes = 600 × 0.4173 = 250.38 each year; levelised denominator = 250.38 × (1 + 1/1.045 + 1/1.045^2)
    const p = streetLights.schema.parse({
      lamps_by_year: { "2025": 1000 },
      first_year_share: 1,
      watts_before: 250,
      watts_after: 100,
      hours_per_yr: 4000,
      krw_per_lamp: 400000,
      elec_krw_per_kwh: 150,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    const r = appraiseAction(streetLights, p, (y) => testContext(y, 0.4173), {
      price_year: 2024,
      discount_rate: 0.045,
      discount_to_year: 2025,
      from_year: 2025,
      to_year: 2027,
    });
    assert.ok(r.ok);
    const expectedNpv = 3.1e8 - 9e7 / 1.045 - 9e7 / 1.045 ** 2;
    near(r.value.npv_krw, expectedNpv);
    near(r.value.cost_per_tonne.krw_per_tco2e!, expectedNpv / (250.38 * (1 + 1 / 1.045 + 1 / 1.045 ** 2)));
    assert.deepEqual(r.value.missing, []);
  });

  test("an action costed in another price year without an index is refused", () => {
    const p = streetLights.schema.parse({
      lamps_by_year: { "2025": 1 },
      watts_before: 2,
      watts_after: 1,
      hours_per_yr: 1,
      schedule: { start_year: 2025 },
      price_year: 2020,
    });
    const r = appraiseAction(streetLights, p, (y) => testContext(y, 0.4), {
      price_year: 2024,
      discount_rate: 0.045,
      discount_to_year: 2025,
      from_year: 2025,
      to_year: 2026,
    });
    assert.equal(r.ok, false);
  });
});

describe("MAC curve", () => {
  const cpt = (krw: number | null) => ({
    krw_per_tco2e: krw,
    npv_krw: 0,
    tonnes: 1,
    method: "levelised" as const,
  });
  const L = { ko: "가", en: "a" };
  const item = (id: string, krw: number | null, t2030: number, extra: Partial<MacInput> = {}): MacInput => ({
    id,
    label: L,
    cost_per_tonne: cpt(krw),
    abatement: [
      { year: 2029, tco2e: 1 },
      { year: 2030, tco2e: t2030 },
    ],
    ...extra,
  });
  const items = [
    item("a", 50, 100),
    item("b", -20, 50),
    item("c", 50, 30),
    item("d", null, 10),
    item("e", 10, 10, { missing: [{ param: "krw_per_lamp" }] }),
    item("f", 5, 0),
  ];

  test("ordered by cost per tonne, ties by id; widths are the 2030 abatement", () => {
    // b (−20) 0–50, a (50) 50–150, c (50) 150–180; d, e, f excluded
    const m = macCurve(items, { kind: "year", year: 2030 });
    assert.deepEqual(
      m.bars.map((b) => [b.id, b.x0, b.x1]),
      [
        ["b", 0, 50],
        ["a", 50, 150],
        ["c", 150, 180],
      ],
    );
    assert.equal(m.total_tco2e, 180);
    assert.deepEqual(
      m.excluded.map((e) => e.id),
      ["d", "e", "f"],
    );
    assert.match(m.excluded[1]!.reason, /krw_per_lamp/);
  });

  test("cumulative widths sum every year", () => {
    // a: 1 + 100 = 101, f: 1 + 0 = 1 (now drawn), b: 51, c: 31
    const m = macCurve(items, { kind: "cumulative" });
    assert.deepEqual(
      m.bars.map((b) => [b.id, b.width_tco2e]),
      [
        ["b", 51],
        ["f", 1],
        ["a", 101],
        ["c", 31],
      ],
    );
    assert.equal(m.total_tco2e, 184);
  });
});

describe("MAC curve from actions", () => {
  test("appraises each action; unknown costs and price years without an index are excluded with reasons", () => {
    const lights = streetLights.schema.parse({
      lamps_by_year: { "2025": 1000 },
      first_year_share: 1,
      watts_before: 250,
      watts_after: 100,
      hours_per_yr: 4000,
      krw_per_lamp: 400000,
      elec_krw_per_kwh: 150,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    const brt = brtCorridor.schema.parse({
      length_km: 9.5,
      riders_per_day: 20000,
      share_from_car: 0.2,
      trip_km: 5,
      bus_km_change_per_day: 0,
      bus_kgco2e_per_km: 1,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    const old = { ...lights, price_year: 2019 };
    const L = { ko: "가", en: "a" };
    const m = macFromActions(
      [
        { id: "lights", label: L, type: streetLights, params: lights },
        { id: "brt_no_costs", label: L, type: brtCorridor, params: brt },
        { id: "lights_2019", label: L, type: streetLights, params: old },
      ],
      (y) => testContext(y, 0.4173),
      { price_year: 2024, discount_rate: 0.045, discount_to_year: 2025, from_year: 2025, to_year: 2027 },
      { kind: "year", year: 2026 },
    );
    // lights: 250.38 t in 2026, drawn from 0 to 250.38
    assert.deepEqual(
      m.bars.map((b) => b.id),
      ["lights"],
    );
    near(m.bars[0]!.width_tco2e, 250.38);
    assert.deepEqual(
      m.excluded.map((e) => e.id),
      ["lights_2019", "brt_no_costs"],
    );
    assert.match(m.excluded[0]!.reason, /price index/);
    assert.match(m.excluded[1]!.reason, /direct_costs/);
  });
});
