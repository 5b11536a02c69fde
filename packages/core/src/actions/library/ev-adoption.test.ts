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
