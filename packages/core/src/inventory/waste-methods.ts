/**
 * Waste lines computed by the IPCC 2006 methods (Vol. 5), for a base inventory given as lines: incineration
 * (Ch. 5), biological treatment (Ch. 4) and domestic wastewater (Ch. 6). Solid waste disposal (Ch. 3, first-
 * order decay) needs decades of disposal data and is not here: a landfill line stays a published or
 * illustrative figure.
 *
 * Each method returns tCO2e and its chain (the formula with the numbers used), so that the figure in the
 * instance is checked against its method and explained by it. Units: tonnes of wet waste; kg per tonne;
 * grams per person per day; GWPs as given (default AR5: CH4 28, N2O 265, the set of Korea's 2006-guidelines
 * series). Pure: no I/O.
 *
 * - Incineration (Eq. 5.1, Eq. 5.4 and 5.5 with Tables 5.3 and 5.6): fossil CO2 = waste × dry matter ×
 *   carbon fraction of dry matter × fossil share of the carbon × oxidation × 44/12; CH4 = waste × kg/t;
 *   N2O = waste × kg/t.
 * - Biological treatment (Eq. 4.1 and 4.2, Table 4.1): CH4 = waste × kg/t − recovered; N2O = waste × kg/t.
 * - Wastewater (Eq. 6.1–6.3 and 6.7–6.8): organics TOW = population × BOD g/person/day × 0.001 × I × 365
 *   (kg BOD); CH4 = TOW × Bo × MCF − recovered; N in effluent = population × protein kg/person/yr × F_NPR ×
 *   F_NON-CON × F_IND-COM; N2O = N × EF × 44/28.
 */
import { z } from "zod";
import type { ExplainStep } from "../actions/interface.ts";

const share = z.number().min(0).max(1);
const nonNeg = z.number().finite().min(0);
const gwp = {
  /** GWP of CH4 (default AR5: 28). */
  gwp_ch4: nonNeg.default(28),
  /** GWP of N2O (default AR5: 265). */
  gwp_n2o: nonNeg.default(265),
};
/** Citations and illustrative notes of the inputs, by name (as an action's params carry them). */
const provenance = {
  sources: z.record(z.string(), z.string().min(1)).optional(),
  illustrative: z.record(z.string(), z.string().min(1)).optional(),
};

export const incinerationSchema = z.strictObject({
  method: z.literal("ipcc2006_incineration"),
  /** Waste incinerated in the year, t (wet weight). */
  waste_t: nonNeg,
  dry_matter: share,
  /** Carbon in dry matter, fraction. */
  carbon_fraction: share,
  /** Fossil share of the carbon, fraction. */
  fossil_carbon_fraction: share,
  oxidation_factor: share.default(1),
  /** kg CH4 per t of wet waste (Table 5.3). */
  ch4_kg_per_t: nonNeg,
  /** kg N2O per t of wet waste (Table 5.6). */
  n2o_kg_per_t: nonNeg,
  ...gwp,
  ...provenance,
});

export const biologicalSchema = z.strictObject({
  method: z.literal("ipcc2006_biological"),
  /** Waste treated in the year, t (wet weight). */
  waste_t: nonNeg,
  /** kg CH4 per t of wet waste (Table 4.1). */
  ch4_kg_per_t: nonNeg,
  /** kg N2O per t of wet waste (Table 4.1). */
  n2o_kg_per_t: nonNeg,
  /** CH4 recovered (flared or used), t. */
  ch4_recovered_t: nonNeg.default(0),
  ...gwp,
  ...provenance,
});

export const wastewaterSchema = z.strictObject({
  method: z.literal("ipcc2006_wastewater"),
  population: nonNeg,
  /** BOD per person per day, g. */
  bod_g_per_person_day: nonNeg,
  /** Correction for industrial and commercial BOD discharged to sewers (I). */
  industrial_factor: nonNeg.default(1.25),
  /** Maximum CH4 producing capacity, kg CH4 per kg BOD (Bo). */
  bo: nonNeg.default(0.6),
  /** Methane correction factor of the treatment (MCF, Table 6.3). */
  mcf: share,
  ch4_recovered_t: nonNeg.default(0),
  /** Protein eaten per person per year, kg. */
  protein_kg_per_person_yr: nonNeg,
  /** Fraction of nitrogen in protein (F_NPR). */
  f_npr: share.default(0.16),
  /** Non-consumed protein added to the wastewater (F_NON-CON). */
  f_non_con: nonNeg.default(1.1),
  /** Industrial and commercial co-discharged protein (F_IND-COM). */
  f_ind_com: nonNeg.default(1.25),
  /** kg N2O-N per kg N in effluent. */
  n2o_ef: nonNeg.default(0.005),
  ...gwp,
  ...provenance,
});

export const wasteMethodSchema = z.discriminatedUnion("method", [
  incinerationSchema,
  biologicalSchema,
  wastewaterSchema,
]);
export type WasteMethod = z.output<typeof wasteMethodSchema>;

/** The GPC lines each method computes (III.2 biological treatment, III.3 incineration, III.4 wastewater). */
export const WASTE_METHOD_LINES: Readonly<Record<WasteMethod["method"], string>> = {
  ipcc2006_incineration: "III.3.",
  ipcc2006_biological: "III.2.",
  ipcc2006_wastewater: "III.4.",
};

export interface WasteMethodResult {
  readonly tco2e: number;
  readonly ch4_t: number;
  readonly n2o_t: number;
  readonly fossil_co2_t: number;
  readonly steps: readonly ExplainStep[];
}

const n = (x: number) => String(Number(x.toPrecision(8)));

function step(key: string, label: string, value: number, unit: string, formula: string): ExplainStep {
  return { key, label, value, unit, formula: `${formula} = ${n(value)}` };
}

function total(
  co2: number,
  ch4: number,
  n2o: number,
  m: { gwp_ch4: number; gwp_n2o: number },
  steps: ExplainStep[],
): WasteMethodResult {
  const t = co2 + ch4 * m.gwp_ch4 + n2o * m.gwp_n2o;
  steps.push(
    step(
      "waste_tco2e",
      "Emissions of the line",
      t,
      "tCO2e",
      `${n(co2)} + ${n(ch4)} × ${m.gwp_ch4} + ${n(n2o)} × ${m.gwp_n2o}`,
    ),
  );
  return { tco2e: t, ch4_t: ch4, n2o_t: n2o, fossil_co2_t: co2, steps };
}

/** The line's tCO2e by its IPCC 2006 method, with every step. */
export function wasteMethodTco2e(m: WasteMethod): WasteMethodResult {
  const steps: ExplainStep[] = [];
  if (m.method === "ipcc2006_incineration") {
    const co2 =
      m.waste_t *
      m.dry_matter *
      m.carbon_fraction *
      m.fossil_carbon_fraction *
      m.oxidation_factor *
      (44 / 12);
    steps.push(
      step(
        "fossil_co2_t",
        "Fossil CO2 of the waste burnt (IPCC 2006 Vol. 5 Eq. 5.1)",
        co2,
        "tCO2",
        `${n(m.waste_t)} t × ${m.dry_matter} × ${m.carbon_fraction} × ${m.fossil_carbon_fraction} × ${m.oxidation_factor} × 44/12`,
      ),
    );
    const ch4 = (m.waste_t * m.ch4_kg_per_t) / 1000;
    const n2o = (m.waste_t * m.n2o_kg_per_t) / 1000;
    steps.push(
      step("ch4_t", "CH4 (Eq. 5.4)", ch4, "tCH4", `${n(m.waste_t)} t × ${m.ch4_kg_per_t} kg/t / 1000`),
    );
    steps.push(
      step("n2o_t", "N2O (Eq. 5.5)", n2o, "tN2O", `${n(m.waste_t)} t × ${m.n2o_kg_per_t} kg/t / 1000`),
    );
    return total(co2, ch4, n2o, m, steps);
  }
  if (m.method === "ipcc2006_biological") {
    const gross = (m.waste_t * m.ch4_kg_per_t) / 1000;
    const ch4 = gross - m.ch4_recovered_t;
    const n2o = (m.waste_t * m.n2o_kg_per_t) / 1000;
    steps.push(
      step(
        "ch4_t",
        "CH4 less recovered (IPCC 2006 Vol. 5 Eq. 4.1)",
        ch4,
        "tCH4",
        `${n(m.waste_t)} t × ${m.ch4_kg_per_t} kg/t / 1000 − ${n(m.ch4_recovered_t)}`,
      ),
    );
    steps.push(
      step("n2o_t", "N2O (Eq. 4.2)", n2o, "tN2O", `${n(m.waste_t)} t × ${m.n2o_kg_per_t} kg/t / 1000`),
    );
    return total(0, ch4, n2o, m, steps);
  }
  const tow = m.population * m.bod_g_per_person_day * 0.001 * m.industrial_factor * 365;
  steps.push(
    step(
      "tow_kg_bod",
      "Organics in the wastewater, TOW (IPCC 2006 Vol. 5 Eq. 6.3)",
      tow,
      "kg BOD/yr",
      `${n(m.population)} × ${m.bod_g_per_person_day} g × 0.001 × ${m.industrial_factor} × 365`,
    ),
  );
  const ch4 = (tow * m.bo * m.mcf) / 1000 - m.ch4_recovered_t;
  steps.push(
    step(
      "ch4_t",
      "CH4 (Eq. 6.1, 6.2)",
      ch4,
      "tCH4",
      `${n(tow)} × Bo ${m.bo} × MCF ${m.mcf} / 1000 − ${n(m.ch4_recovered_t)}`,
    ),
  );
  const nEff = m.population * m.protein_kg_per_person_yr * m.f_npr * m.f_non_con * m.f_ind_com;
  steps.push(
    step(
      "n_effluent_kg",
      "Nitrogen in the effluent (Eq. 6.8)",
      nEff,
      "kg N/yr",
      `${n(m.population)} × ${m.protein_kg_per_person_yr} kg × ${m.f_npr} × ${m.f_non_con} × ${m.f_ind_com}`,
    ),
  );
  const n2o = (nEff * m.n2o_ef * (44 / 28)) / 1000;
  steps.push(step("n2o_t", "N2O (Eq. 6.7)", n2o, "tN2O", `${n(nEff)} × ${m.n2o_ef} × 44/28 / 1000`));
  return total(0, ch4, n2o, m, steps);
}
