import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brtCorridor } from "./brt.ts";
import { CTX_2028, checkChain, near, stepValue } from "./test-helpers.ts";

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

describe("BRT corridor", () => {
  test("defaults carry the FACTS figures", () => {
    assert.equal(phase1.car_occupancy, 1.22);
    assert.equal(phase1.car_kgco2e_per_vkm, 0.16);
  });

  test("riders -> car trips -> vkm -> tCO2e, 2028 (full year)", () => {
    // people from car   = 20,000 × 0.2            = 4,000 /d
    // car trips avoided = 4,000 / 1.22            = 3,278.6885 /d
    // car vkm           = 3,278.6885 × 5 km       = 16,393.4426 vkm/d
    // per year          = 16,393.4426 × 365       = 5,983,606.56 vkm
    // car tCO2e         = 5,983,606.56 × 0.16/1000 = 957.37705 t avoided
    // bus-km            = −100 × 365 = −36,500 km; × 1.08 / 1000 = −39.42 t
    // total             = −957.37705 − 39.42       = −996.79705 tCO2e
    const r = brtCorridor.model(phase1, 2028, CTX_2028);
    near(stepValue(r, "car_trips_avoided_per_day"), 4000 / 1.22);
    near(stepValue(r, "car_tco2e_avoided"), 957.3770491803278);
    near(checkChain(r), -996.7970491803279);
    // the car part follows the line's intensity (cleaner cars later claim fewer tonnes); the buses' own do not
    assert.deepEqual(
      r.lines.map((l) => [l.gpc_ref, "follows_intensity" in l && l.follows_intensity === true]),
      [
        ["II.1.1", true],
        ["II.1.1", false],
      ],
    );
  });

  test("opening in November 2026 counts 2/12 of the year", () => {
    // −996.79705 × 2/12 = −166.13284
    near(checkChain(brtCorridor.model(phase1, 2026, CTX_2028)), -996.7970491803279 / 6);
    assert.equal(checkChain(brtCorridor.model(phase1, 2025, CTX_2028)), 0);
  });

  test("a share above 1 is refused with its path", () => {
    const r = brtCorridor.schema.safeParse({ ...phase1, share_from_car: 1.5 });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues[0]?.path, ["share_from_car"]);
  });
});
