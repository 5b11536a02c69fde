import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evAdoption } from "./ev-adoption.ts";
import { checkChain, near, stepValue, testContext } from "./test-helpers.ts";

const ev = evAdoption.schema.parse({
  car_vkm_driver: "car_vkm",
  ev_share_path: { "2025": 0, "2035": 0.3 },
  ev_kwh_per_vkm: 0.18,
  schedule: { start_year: 2025 },
  price_year: 2024,
});
const ctx = testContext(2030, 0.4173, { car_vkm: 4e9 }, { "II.1.1": 1.2e6 });

describe("EV adoption", () => {
  test("2030: share path -> electric vkm -> tailpipe removed as a share of II.1.1, electricity on II.1.2", () => {
    // share 2030 = 0 + 0.3 × 5/10 = 0.15; EV vkm = 4e9 × 0.15 = 6e8
    // tailpipe = 6e8 × 0.16 / 1000 = 96,000 t = 0.08 of BAU 1,200,000 t (scale effect)
    // electricity = 6e8 × 0.18 / 1000 = 108,000 MWh × 0.4173 = 45,068.4 t
    // total = −96,000 + 45,068.4 = −50,931.6 tCO2e
    const r = evAdoption.model(ev, 2030, ctx);
    near(stepValue(r, "ev_vkm"), 6e8);
    near(stepValue(r, "ii11_scale_fraction"), 0.08);
    near(checkChain(r, ctx), -50931.6);
    assert.deepEqual(r.lines[0], { gpc_ref: "II.1.1", scale_fraction: 0.08, scope_tag: "community" });
  });
});

describe("EV adoption: costs", () => {
  const priced = evAdoption.schema.parse({
    car_vkm_driver: "car_vkm",
    ev_share_path: { "2025": 0, "2035": 0.3 },
    ev_kwh_per_vkm: 0.18,
    vkm_per_ev_yr: 10000,
    krw_per_ev: 5e6,
    ice_fuel_krw_per_vkm: 130,
    elec_krw_per_kwh: 300,
    schedule: { start_year: 2025 },
    price_year: 2024,
  });
  test("2030: cars added × premium, fuel no longer bought, charging bought", () => {
    // share 2030 = 0.15, 2029 = 0.12: added vkm = 0.03 × 4e9 = 1.2e8 / 10,000 km = 12,000 cars × 5e6 = 6e10
    // fuel saved = 6e8 vkm × 130 = 7.8e10; charging = 6e8 × 0.18 = 1.08e8 kWh × 300 = 3.24e10
    const c = evAdoption.costs!(priced, 2030, ctx);
    near(c.capex_krw, 6e10);
    near(c.savings_krw, 7.8e10);
    near(c.opex_krw, 3.24e10);
    assert.deepEqual(c.missing, []);
  });
  test("a price per car without the distance per car is refused; no price at all is a missing cost", () => {
    const r = evAdoption.schema.safeParse({
      car_vkm_driver: "car_vkm",
      ev_share_path: { "2025": 0.1 },
      ev_kwh_per_vkm: 0.18,
      krw_per_ev: 5e6,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    assert.equal(r.success, false);
    assert.deepEqual(evAdoption.costs!(ev, 2030, ctx).missing, ["direct_costs"]);
  });
});
