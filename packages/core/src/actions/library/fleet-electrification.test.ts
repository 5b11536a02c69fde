import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fleetElectrification } from "./fleet-electrification.ts";
import { CTX_2028, checkChain, near, stepValue } from "./test-helpers.ts";

describe("fleet electrification", () => {
  test("the city's cars: cohorts -> km -> tailpipe avoided minus grid electricity, municipal by default", () => {
    // vehicles 2028 = 20 + 20 + 20 × 0.5 = 50; km = 50 × 15,000 = 750,000
    // tailpipe = 750,000 × 0.16 / 1000 = 120 t; electricity = 750,000 × 0.18 / 1000 = 135 MWh × 0.4173 = 56.3355 t
    // total = −120 + 56.3355 = −63.6645 tCO2e
    const p = fleetElectrification.schema.parse({
      vehicle: "car",
      vehicles_by_year: { "2026": 20, "2027": 20, "2028": 20 },
      km_per_vehicle_per_yr: 15000,
      kwh_per_km: 0.18,
      premium_krw_per_vehicle: 10000000,
      schedule: { start_year: 2026 },
      price_year: 2024,
    });
    const r = fleetElectrification.model(p, 2028, CTX_2028);
    near(stepValue(r, "vehicles"), 50);
    near(checkChain(r), -120 + 56.3355);
    assert.ok(r.lines.every((l) => l.scope_tag === "municipal_operations"));
    // capex 2028 = 20 × 1e7 = 2e8; bills not priced: listed
    const c = fleetElectrification.costs(p, 2028, CTX_2028);
    assert.equal(c.capex_krw, 2e8);
    assert.deepEqual([...c.missing].sort(), ["elec_krw_per_kwh", "fuel_krw_per_km"]);
  });
});
