/**
 * Urban forests and gardens: area created each year × uptake per hectare, rising linearly from zero to
 * the mature rate over `maturity_yr` years (an illustrative shape; the mature rates are NIFoS figures in
 * FACTS §6, e.g. 10.8 tCO2/ha/yr for a 30-year pine forest). Chain per cohort: ha × min(1, age / maturity)
 * × tCO2/ha/yr; the total is a negative delta on V.2 (land). Costs: KRW per ha created; care per ha-year.
 */
import { z } from "zod";
import {
  addedByYearSchema,
  type CommonParams,
  calcStep,
  cohortsInService,
  commonShape,
  directCosts,
  fmt,
  inputStep,
  nonZero,
  numberShape,
  sumCosts,
  tonnesOf,
  totalStep,
  unitCapex,
} from "./common.ts";
import type { ActionType, DeltaEffect, ExplainStep, ParamMeta } from "./types.ts";

export const URBAN_GREEN_PARAMS = {
  mature_tco2_per_ha_yr: { unit: "tCO2/ha/yr", description: "Uptake per hectare at maturity", min: 0 },
  maturity_yr: { unit: "yr", description: "Years from creation to the mature uptake rate", min: 1 },
} as const satisfies Record<string, ParamMeta>;

export const urbanGreenSchema = z
  .object({
    ...numberShape(URBAN_GREEN_PARAMS),
    kind: z.enum(["urban_forest", "garden"]),
    uptake_source: z.string().optional(),
    ha_by_year: addedByYearSchema,
    krw_per_ha: z.number().finite().min(0).optional(),
    care_krw_per_ha_yr: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict();
export type UrbanGreenParams = z.output<typeof urbanGreenSchema> & CommonParams;

function uptake(p: UrbanGreenParams, year: number) {
  let t = 0;
  const steps: ExplainStep[] = [];
  for (const [y, ha] of Object.entries(p.ha_by_year).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const age = year - Number(y);
    if (age < 0 || ha === 0) continue;
    const maturity = Math.min(1, age / p.maturity_yr);
    const c = ha * maturity * p.mature_tco2_per_ha_yr;
    t += c;
    steps.push(
      calcStep(
        `cohort_${y}_tco2`,
        `Area created in ${y}: uptake`,
        c,
        "tCO2/yr",
        `${fmt(ha)} ha × min(1, ${age} / ${fmt(p.maturity_yr)}) × ${fmt(p.mature_tco2_per_ha_yr)}`,
      ),
    );
  }
  return { t, steps };
}

export const urbanGreen: ActionType<UrbanGreenParams> = {
  type: "urban_green",
  label: { ko: "도시숲·정원 조성", en: "Urban forests and gardens" },
  sector: "sinks",
  params: URBAN_GREEN_PARAMS,
  schema: urbanGreenSchema as z.ZodType<UrbanGreenParams>,
  needs: [],
  model(p, year) {
    const m = URBAN_GREEN_PARAMS;
    const on = year >= p.schedule.start_year;
    const u = on ? uptake(p, year) : { t: 0, steps: [] };
    const lines: DeltaEffect[] = [{ gpc_ref: "V.2", delta_tco2e: -u.t, scope_tag: p.scope_tag }];
    return {
      lines: nonZero(lines),
      chain: [
        {
          ...inputStep("mature_tco2_per_ha_yr", p.mature_tco2_per_ha_yr, m.mature_tco2_per_ha_yr, p),
          ...(p.uptake_source ? { source: p.uptake_source } : {}),
        },
        inputStep("maturity_yr", p.maturity_yr, m.maturity_yr, p),
        ...u.steps,
        calcStep("uptake_tco2", "CO2 taken up", u.t, "tCO2/yr", "Σ cohorts"),
        totalStep(tonnesOf(lines), "Change in emissions (uptake, negative)"),
      ],
    };
  },
  costs(p, year) {
    const added = p.ha_by_year[String(year)] ?? 0;
    const ha = year >= p.schedule.start_year ? cohortsInService(p.ha_by_year, year, 1).n : 0;
    return sumCosts(directCosts(p, year), {
      capex: [unitCapex(added, p.krw_per_ha, "krw_per_ha", "green_capex_krw", "Creation")],
      opex: [unitCapex(ha, p.care_krw_per_ha_yr, "care_krw_per_ha_yr", "care_krw", "Care")],
    });
  },
};
