import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defineActionType } from "../interface.ts";
import { brtCorridor } from "./brt.ts";
import { abatementByScope, municipalShare } from "./scope.ts";
import { streetLights } from "./street-lights.ts";
import { testContext } from "./test-helpers.ts";

const lights = streetLights.schema.parse({
  lamps_by_year: { "2025": 100 },
  watts_before: 200,
  watts_after: 100,
  hours_per_yr: 4000,
  schedule: { start_year: 2025 },
  price_year: 2024,
});
const brt = brtCorridor.schema.parse({
  length_km: 9.5,
  riders_per_day: 1000,
  share_from_car: 0.1,
  trip_km: 5,
  bus_km_change_per_day: 0,
  bus_kgco2e_per_km: 1,
  schedule: { start_year: 2025 },
  price_year: 2024,
});

describe("the administration's own abatement", () => {
  test("street lights are the city's own, a BRT corridor is the community's", () => {
    const ctx = testContext(2026, 0.4);
    assert.equal(municipalShare(defineActionType(streetLights), lights, 2026, ctx), 1);
    assert.equal(municipalShare(defineActionType(brtCorridor), brt, 2026, ctx), 0);
    // before the start nothing changes: share 0, not NaN
    assert.equal(municipalShare(defineActionType(streetLights), lights, 2020, testContext(2020, 0.4)), 0);
  });

  test("attributed abatement is split by tag, year by year", () => {
    // years 2025, 2026; lights abate 3 and 4 t, the BRT 10 and 20 t (as the engine attributed them)
    const split = abatementByScope(
      {
        baseYear: 2025,
        nYears: 2,
        actions: [
          { type: defineActionType(streetLights), params: lights },
          { type: defineActionType(brtCorridor), params: brt },
        ],
        abatement: [3, 4, 10, 20],
      },
      (y) => testContext(y, 0.4),
    );
    assert.deepEqual([...split.municipal_operations], [3, 4]);
    assert.deepEqual([...split.community], [10, 20]);
  });
});
