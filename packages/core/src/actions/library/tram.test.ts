import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CTX_2028, checkChain, near, stepValue } from "./test-helpers.ts";
import { tramLine } from "./tram.ts";

// The Hanok Village tourism tram (FACTS §5): 3.3 km loop, 0.64–0.92 M riders a year forecast (jeonmin
// 333358). Share from car, trip length, tram vkm and kWh/vkm are illustrative for the test.
const tram = tramLine.schema.parse({
  length_km: 3.3,
  riders_per_yr: 730000,
  share_from_car: 0.1,
  trip_km: 3,
  tram_vkm_per_yr: 100000,
  tram_kwh_per_vkm: 3,
  schedule: { start_year: 2027 },
  price_year: 2021,
});

describe("tram line", () => {
  test("riders -> car vkm avoided, and the tram's own electricity at the grid factor, 2028", () => {
    // riders/d = 730,000 / 365 = 2,000; from car 200; car trips 200 / 1.22 = 163.934426
    // car vkm/yr = 163.934426 × 3 × 365 = 179,508.197; × 0.16 / 1000 = 28.7213115 t avoided (II.1.1)
    // tram MWh = 100,000 × 3 / 1000 = 300; × 0.4173 = 125.19 t added (II.2.2)
    // total = 125.19 − 28.7213115 = 96.4686885 tCO2e: at this ridership the tram adds emissions
    const r = tramLine.model(tram, 2028, CTX_2028);
    near(stepValue(r, "car_tco2e_avoided"), (((2000 * 0.1) / 1.22) * 3 * 365 * 0.16) / 1000);
    near(stepValue(r, "tram_tco2e"), 125.19);
    near(checkChain(r), 125.19 - 28.721311475409838);
    assert.deepEqual(
      r.lines.map((l) => l.gpc_ref),
      ["II.1.1", "II.2.2"],
    );
  });

  test("before it opens, nothing, and the grid factor is not read", () => {
    const r = tramLine.model(tram, 2026, CTX_2028);
    assert.equal(checkChain(r), 0);
  });
});
