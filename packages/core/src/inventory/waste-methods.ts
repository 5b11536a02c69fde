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
/**
 * The value a method uses for an input the document leaves out (IPCC 2006 Vol. 5 defaults; GWPs of AR5). The
 * schema does not write them into the document: a document is stored and answered exactly as it was written,
 * and the method's chain shows the value it used.
 */
export const WASTE_METHOD_DEFAULTS = {
  gwp_ch4: 28,
  gwp_n2o: 265,
  oxidation_factor: 1,
  ch4_recovered_t: 0,
  industrial_factor: 1.25,
  bo: 0.6,
  f_npr: 0.16,
  f_non_con: 1.1,
  f_ind_com: 1.25,
  n2o_ef: 0.005,
} as const;
const D = WASTE_METHOD_DEFAULTS;
const optional = (s: z.ZodNumber, key: keyof typeof WASTE_METHOD_DEFAULTS) =>
  s.optional().describe(`${WASTE_METHOD_DEFAULTS[key]} when left out`);

const gwp = {
  /** GWP of CH4 (left out: AR5, 28). */
  gwp_ch4: optional(nonNeg, "gwp_ch4"),
  /** GWP of N2O (left out: AR5, 265). */
  gwp_n2o: optional(nonNeg, "gwp_n2o"),
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
  oxidation_factor: optional(share, "oxidation_factor"),
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
  ch4_recovered_t: optional(nonNeg, "ch4_recovered_t"),
  ...gwp,
  ...provenance,
});

export const wastewaterSchema = z.strictObject({
  method: z.literal("ipcc2006_wastewater"),
  population: nonNeg,
  /** BOD per person per day, g. */
  bod_g_per_person_day: nonNeg,
  /** Correction for industrial and commercial BOD discharged to sewers (I). */
  industrial_factor: optional(nonNeg, "industrial_factor"),
  /** Maximum CH4 producing capacity, kg CH4 per kg BOD (Bo). */
  bo: optional(nonNeg, "bo"),
  /** Methane correction factor of the treatment (MCF, Table 6.3). */
  mcf: share,
  ch4_recovered_t: optional(nonNeg, "ch4_recovered_t"),
  /** Protein eaten per person per year, kg. */
  protein_kg_per_person_yr: nonNeg,
  /** Fraction of nitrogen in protein (F_NPR). */
  f_npr: optional(share, "f_npr"),
  /** Non-consumed protein added to the wastewater (F_NON-CON). */
  f_non_con: optional(nonNeg, "f_non_con"),
  /** Industrial and commercial co-discharged protein (F_IND-COM). */
  f_ind_com: optional(nonNeg, "f_ind_com"),
  /** kg N2O-N per kg N in effluent. */
  n2o_ef: optional(nonNeg, "n2o_ef"),
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
  m: { gwp_ch4?: number | undefined; gwp_n2o?: number | undefined },
  steps: ExplainStep[],
): WasteMethodResult {
  const { gwp_ch4 = D.gwp_ch4, gwp_n2o = D.gwp_n2o } = m;
  const t = co2 + ch4 * gwp_ch4 + n2o * gwp_n2o;
  steps.push(
    step(
      "waste_tco2e",
      "Emissions of the line",
      t,
      "tCO2e",
      `${n(co2)} + ${n(ch4)} × ${gwp_ch4} + ${n(n2o)} × ${gwp_n2o}`,
    ),
  );
  return { tco2e: t, ch4_t: ch4, n2o_t: n2o, fossil_co2_t: co2, steps };
}

/** The line's tCO2e by its IPCC 2006 method, with every step. */
export function wasteMethodTco2e(m: WasteMethod): WasteMethodResult {
  const steps: ExplainStep[] = [];
  if (m.method === "ipcc2006_incineration") {
    const { oxidation_factor = D.oxidation_factor } = m;
    const co2 =
      m.waste_t * m.dry_matter * m.carbon_fraction * m.fossil_carbon_fraction * oxidation_factor * (44 / 12);
    steps.push(
      step(
        "fossil_co2_t",
        "Fossil CO2 of the waste burnt (IPCC 2006 Vol. 5 Eq. 5.1)",
        co2,
        "tCO2",
        `${n(m.waste_t)} t × ${m.dry_matter} × ${m.carbon_fraction} × ${m.fossil_carbon_fraction} × ${oxidation_factor} × 44/12`,
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
    const { ch4_recovered_t = D.ch4_recovered_t } = m;
    const gross = (m.waste_t * m.ch4_kg_per_t) / 1000;
    const ch4 = gross - ch4_recovered_t;
    const n2o = (m.waste_t * m.n2o_kg_per_t) / 1000;
    steps.push(
      step(
        "ch4_t",
        "CH4 less recovered (IPCC 2006 Vol. 5 Eq. 4.1)",
        ch4,
        "tCH4",
        `${n(m.waste_t)} t × ${m.ch4_kg_per_t} kg/t / 1000 − ${n(ch4_recovered_t)}`,
      ),
    );
    steps.push(
      step("n2o_t", "N2O (Eq. 4.2)", n2o, "tN2O", `${n(m.waste_t)} t × ${m.n2o_kg_per_t} kg/t / 1000`),
    );
    return total(0, ch4, n2o, m, steps);
  }
  const {
    industrial_factor = D.industrial_factor,
    bo = D.bo,
    ch4_recovered_t = D.ch4_recovered_t,
    f_npr = D.f_npr,
    f_non_con = D.f_non_con,
    f_ind_com = D.f_ind_com,
    n2o_ef = D.n2o_ef,
  } = m;
  const tow = m.population * m.bod_g_per_person_day * 0.001 * industrial_factor * 365;
  steps.push(
    step(
      "tow_kg_bod",
      "Organics in the wastewater, TOW (IPCC 2006 Vol. 5 Eq. 6.3)",
      tow,
      "kg BOD/yr",
      `${n(m.population)} × ${m.bod_g_per_person_day} g × 0.001 × ${industrial_factor} × 365`,
    ),
  );
  const ch4 = (tow * bo * m.mcf) / 1000 - ch4_recovered_t;
  steps.push(
    step(
      "ch4_t",
      "CH4 (Eq. 6.1, 6.2)",
      ch4,
      "tCH4",
      `${n(tow)} × Bo ${bo} × MCF ${m.mcf} / 1000 − ${n(ch4_recovered_t)}`,
    ),
  );
  const nEff = m.population * m.protein_kg_per_person_yr * f_npr * f_non_con * f_ind_com;
  steps.push(
    step(
      "n_effluent_kg",
      "Nitrogen in the effluent (Eq. 6.8)",
      nEff,
      "kg N/yr",
      `${n(m.population)} × ${m.protein_kg_per_person_yr} kg × ${f_npr} × ${f_non_con} × ${f_ind_com}`,
    ),
  );
  const n2o = (nEff * n2o_ef * (44 / 28)) / 1000;
  steps.push(step("n2o_t", "N2O (Eq. 6.7)", n2o, "tN2O", `${n(nEff)} × ${n2o_ef} × 44/28 / 1000`));
  return total(0, ch4, n2o, m, steps);
}
