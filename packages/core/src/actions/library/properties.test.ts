/** Properties every mechanism should have, checked on random inputs (fast-check, fixed seed). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { brtCorridor } from "./brt.ts";
import { solarPv } from "./solar.ts";
import { checkChain, testContext } from "./test-helpers.ts";
import { treePlanting } from "./trees.ts";

const opts = { numRuns: 200, seed: 20261125 };

describe("mechanism properties", () => {
  test("BRT: the chain ends at the sum of the lines; tonnes scale with riders; nothing before opening", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.integer({ min: 2020, max: 2050 }),
        (riders, share, km, year) => {
          const base = {
            length_km: 9.5,
            riders_per_day: riders,
            share_from_car: share,
            trip_km: km,
            bus_km_change_per_day: 0,
            bus_kgco2e_per_km: 1,
            schedule: { start_year: 2030 },
            price_year: 2024,
          };
          const ctx = testContext(year, 0.4);
          const one = checkChain(brtCorridor.model(brtCorridor.schema.parse(base), year, ctx), ctx);
          const two = checkChain(
            brtCorridor.model(brtCorridor.schema.parse({ ...base, riders_per_day: 2 * riders }), year, ctx),
            ctx,
          );
          if (year < 2030) assert.equal(one, 0);
          assert.ok(one <= 0);
          assert.ok(Math.abs(two - 2 * one) <= 1e-9 * Math.abs(one) + 1e-12);
        },
      ),
      opts,
    );
  });

  test("solar: displaced tonnes are proportional to the grid factor", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 2025, max: 2050 }),
        (grid, year) => {
          const p = solarPv.schema.parse({
            host: "residential",
            kwp_by_year: { "2025": 1000 },
            yield_kwh_per_kwp: 1300,
            degradation_per_yr: 0.005,
            schedule: { start_year: 2025 },
            price_year: 2024,
          });
          const a = checkChain(solarPv.model(p, year, testContext(year, grid)), testContext(year, grid));
          const b = checkChain(
            solarPv.model(p, year, testContext(year, 2 * grid)),
            testContext(year, 2 * grid),
          );
          assert.ok(Math.abs(b - 2 * a) <= 1e-9 * Math.abs(a) + 1e-12);
        },
      ),
      opts,
    );
  });

  test("trees: uptake never falls as trees age without mortality", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2080 }), (year) => {
        const p = treePlanting.schema.parse({
          species: "sawtooth_oak",
          trees_by_year: { "2018": 1000, "2020": 500 },
          survival_share: 0.9,
          annual_mortality: 0,
          age_at_planting_yr: 2,
          schedule: { start_year: 2018 },
          price_year: 2018,
        });
        const ctx = testContext(year, 0.4);
        const now = checkChain(treePlanting.model(p, year, ctx), ctx);
        const next = checkChain(treePlanting.model(p, year + 1, ctx), ctx);
        assert.ok(next <= now + 1e-12, `${year}: ${now} then ${next}`);
      }),
      opts,
    );
  });
});
