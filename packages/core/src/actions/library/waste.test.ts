import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { foodWasteBiogas } from "./food-waste-biogas.ts";
import { landfillGasCapture } from "./landfill-gas.ts";
import { recycling } from "./recycling.ts";
import { CTX_2028, checkChain, near, testContext } from "./test-helpers.ts";
import { wasteReduction } from "./waste-reduction.ts";

const S = { price_year: 2024, schedule: { start_year: 2025 } };

describe("waste", () => {
  test("reduction per person: population × kg × route factor", () => {
    // 650,000 × 10 kg / 1000 = 6,500 t × 0.4 tCO2e/t = 2,600 t on III.3.1
    const p = wasteReduction.schema.parse({
      ...S,
      kg_per_person_yr: 10,
      disposal_tco2e_per_t: 0.4,
      disposal: "incineration_in_city",
    });
    const r = wasteReduction.model(p, 2028, testContext(2028, 0.4173, { population: 650000 }));
    near(checkChain(r), -2600);
    assert.equal(r.lines[0]?.gpc_ref, "III.3.1");
  });

  test("recycling rate: waste × rate increase × (disposal − recycling) factor", () => {
    // rate 2028 = 0.1 × 3/5 = 0.06; 200,000 × 0.06 = 12,000 t × (0.5 − 0.05) = 5,400 t
    const p = recycling.schema.parse({
      ...S,
      waste_driver: "msw_t",
      rate_increase_path: { "2025": 0, "2030": 0.1 },
      disposal: "landfill_in_city",
      disposal_tco2e_per_t: 0.5,
      recycling_tco2e_per_t: 0.05,
    });
    near(checkChain(recycling.model(p, 2028, testContext(2028, 0.4173, { msw_t: 200000 }))), -5400);
  });

  test("food waste to biogas: treatment replaced minus digestion", () => {
    // 10,000 t × 0.1 = 1,000 t removed from III.3.1; 10,000 × 0.02 = 200 t added on III.2.1
    const p = foodWasteBiogas.schema.parse({
      ...S,
      tonnes_per_yr: 10000,
      before_gpc_ref: "III.3.1",
      before_tco2e_per_t: 0.1,
      digestion_tco2e_per_t: 0.02,
    });
    near(checkChain(foodWasteBiogas.model(p, 2028, CTX_2028)), -800);
  });

  test("landfill gas capture: CH4 captured × (1 − oxidation) × GWP 28", () => {
    // 1,000 t × 0.3 = 300 t CH4; × 0.9 × 28 = 7,560 tCO2e
    const p = landfillGasCapture.schema.parse({ ...S, ch4_generated_t_per_yr: 1000, capture_increase: 0.3 });
    near(checkChain(landfillGasCapture.model(p, 2028, CTX_2028)), -7560);
  });
});
