import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { wasteMethodSchema, wasteMethodTco2e } from "./waste-methods.ts";

const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("waste lines by the IPCC 2006 methods", () => {
  test("incineration: fossil CO2 + CH4 + N2O of 83,179 t of mixed waste", () => {
    // CO2 = 83,179 × 0.6 × 0.4 × 0.4 × 1 × 44/12 = 83,179 × 0.352 = 29,279.008 t
    // CH4 = 83,179 × 0.0002 kg/t / 1000 = 0.0166358 t × 28 = 0.4658024 t
    // N2O = 83,179 × 0.05 kg/t / 1000 = 4.15895 t × 265 = 1,102.12175 t; total 30,381.5955774 t
    const m = wasteMethodSchema.parse({
      method: "ipcc2006_incineration",
      waste_t: 83179,
      dry_matter: 0.6,
      carbon_fraction: 0.4,
      fossil_carbon_fraction: 0.4,
      ch4_kg_per_t: 0.0002,
      n2o_kg_per_t: 0.05,
    });
    const r = wasteMethodTco2e(m);
    near(r.fossil_co2_t, 29279.008);
    near(r.ch4_t, 0.0166358);
    near(r.n2o_t, 4.15895);
    near(r.tco2e, 29279.008 + 0.4658024 + 1102.12175);
    assert.equal(r.steps.at(-1)?.key, "waste_tco2e");
  });

  test("biological treatment: composting 70,000 t of food waste", () => {
    // CH4 = 70,000 × 4 / 1000 = 280 t × 28 = 7,840; N2O = 70,000 × 0.3 / 1000 = 21 t × 265 = 5,565; 13,405 t
    const raw = { method: "ipcc2006_biological", waste_t: 70000, ch4_kg_per_t: 4, n2o_kg_per_t: 0.3 };
    near(wasteMethodTco2e(wasteMethodSchema.parse(raw)).tco2e, 13405);
    // recovered methane is taken off: 280 − 80 = 200 t × 28 = 5,600 + 5,565 = 11,165
    near(wasteMethodTco2e(wasteMethodSchema.parse({ ...raw, ch4_recovered_t: 80 })).tco2e, 11165);
  });

  test("wastewater: organics and nitrogen of 657,432 people", () => {
    // TOW = 657,432 × 40 × 0.001 × 1.25 × 365 = 11,998,134 kg BOD; CH4 = TOW × 0.6 × 0.1 / 1000 = 719.88804 t
    // N = 657,432 × 33 × 0.16 × 1.1 × 1.25 = 4,772,956.32 kg; N2O = N × 0.005 × 44/28 / 1000 = 37.5018711 t
    // total = 719.88804 × 28 + 37.5018711 × 265 = 20,156.86512 + 9,938.0 = 30,094.86
    const m = wasteMethodSchema.parse({
      method: "ipcc2006_wastewater",
      population: 657432,
      bod_g_per_person_day: 40,
      mcf: 0.1,
      protein_kg_per_person_yr: 33,
    });
    const r = wasteMethodTco2e(m);
    near(r.steps.find((s) => s.key === "tow_kg_bod")!.value, 11998134);
    near(r.ch4_t, 719.88804);
    near(r.n2o_t, (4772956.32 * 0.005 * 44) / 28 / 1000);
    near(r.tco2e, 719.88804 * 28 + ((4772956.32 * 0.005 * 44) / 28 / 1000) * 265);
  });

  test("other GWPs are applied as given (SAR: CH4 21, N2O 310)", () => {
    const m = wasteMethodSchema.parse({
      method: "ipcc2006_biological",
      waste_t: 1000,
      ch4_kg_per_t: 4,
      n2o_kg_per_t: 0.3,
      gwp_ch4: 21,
      gwp_n2o: 310,
    });
    near(wasteMethodTco2e(m).tco2e, 4 * 21 + 0.3 * 310);
  });
});
