import { describe, test } from "node:test";
import { activeTravel } from "./active-travel.ts";
import { CTX_2028, checkChain, near, stepValue } from "./test-helpers.ts";

describe("active travel", () => {
  test("trips shifted -> car trips -> vkm -> tCO2e", () => {
    // 10,000 trips/d × 0.3 = 3,000 people; / 1.22 = 2,459.01639 car trips; × 2.5 km = 6,147.54098 vkm/d
    // × 365 = 2,243,852.46 vkm; × 0.16 / 1000 = 359.016393 t avoided
    const p = activeTravel.schema.parse({
      mode: "cycling",
      trips_per_day: 10000,
      share_from_car: 0.3,
      trip_km: 2.5,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    const r = activeTravel.model(p, 2028, CTX_2028);
    near(stepValue(r, "car_vkm_avoided_per_yr"), (3000 / 1.22) * 2.5 * 365);
    near(checkChain(r), -(((3000 / 1.22) * 2.5 * 365 * 0.16) / 1000));
  });
});
