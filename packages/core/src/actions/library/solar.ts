/**
 * Rooftop and community solar: kWp installed each year × specific yield × (1 − degradation)^(age) = MWh
 * generated and used in place of grid electricity; × grid factor of the year = tonnes avoided on the host's
 * scope 2 line (I.x.2). A cohort produces `first_year_share` of its first year. Not following the line's
 * intensity: the MWh displaced are the action's own. Costs: KRW per kWp; O&M per kWp-year; electricity
 * bought from the grid no more, when the tariff is given.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  addedByYearSchema,
  BUILDING_USE,
  buildingUseSchema,
  type CommonParams,
  calcStep,
  cohortsInService,
  commonShape,
  directCosts,
  energySavings,
  firstYearShareMeta,
  fmt,
  gridStep,
  inputStep,
  nonZero,
  numberShape,
  sumCosts,
  tonnesOf,
  totalStep,
  unitCapex,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";

export const SOLAR_PARAMS = {
  first_year_share: firstYearShareMeta,
  yield_kwh_per_kwp: { unit: "kWh/kWp/yr", description: "Specific yield in the first full year", min: 0 },
  degradation_per_yr: { unit: "1", description: "Share of output lost each year", min: 0, max: 0.1 },
} as const satisfies Record<string, ParamMeta>;

export const solarSchema = z
  .object({
    ...numberShape(SOLAR_PARAMS),
    host: buildingUseSchema,
    kwp_by_year: addedByYearSchema,
    krw_per_kwp: z.number().finite().min(0).optional(),
    om_krw_per_kwp_yr: z.number().finite().min(0).optional(),
    elec_krw_per_kwh: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict();
export type SolarParams = z.output<typeof solarSchema> & CommonParams;

function generation(p: SolarParams, year: number) {
  if (scheduleFraction(p.schedule, year) === 0) return { kwp: 0, mwh: 0, formula: "outside the schedule: 0" };
  let mwh = 0;
  const terms: string[] = [];
  for (const [y, kwp] of Object.entries(p.kwp_by_year).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const age = year - Number(y);
    if (age < 0) continue;
    const share = age === 0 ? p.first_year_share : 1;
    const decay = (1 - p.degradation_per_yr) ** age;
    mwh += (kwp * share * p.yield_kwh_per_kwp * decay) / 1000;
    terms.push(
      `${fmt(kwp)}${age === 0 ? ` × ${fmt(share)}` : ""} × ${fmt(p.yield_kwh_per_kwp)} × ${fmt(1 - p.degradation_per_yr)}^${age}`,
    );
  }
  const kwp = cohortsInService(p.kwp_by_year, year, p.first_year_share).n;
  return { kwp, mwh, formula: terms.length ? `(${terms.join(" + ")}) / 1000` : "0" };
}

export const solarPv: ActionType<SolarParams> = {
  type: "solar_pv",
  label: { ko: "태양광(지붕·공동체)", en: "Rooftop and community solar" },
  sector: "buildings",
  params: SOLAR_PARAMS,
  schema: solarSchema as z.ZodType<SolarParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = SOLAR_PARAMS;
    const g = generation(p, year);
    const grid = g.mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const t = g.mwh * grid;
    const lines: DeltaEffect[] = [
      { gpc_ref: BUILDING_USE[p.host].grid, delta_tco2e: -t, scope_tag: p.scope_tag },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("kwp", "Capacity in service (first year counted in part)", g.kwp, "kWp", "Σ cohorts"),
        inputStep("yield_kwh_per_kwp", p.yield_kwh_per_kwp, m.yield_kwh_per_kwp, p),
        inputStep("degradation_per_yr", p.degradation_per_yr, m.degradation_per_yr, p),
        calcStep("mwh", "Electricity generated, displacing grid electricity", g.mwh, "MWh/yr", g.formula),
        gridStep(grid),
        calcStep("tco2e_avoided", "Grid emissions displaced", t, "tCO2e/yr", `${fmt(g.mwh)} × ${fmt(grid)}`),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = p.kwp_by_year[String(year)] ?? 0;
    const g = generation(p, year);
    return sumCosts(directCosts(p, year), {
      capex: [unitCapex(added, p.krw_per_kwp, "krw_per_kwp", "solar_capex_krw", "Solar installation")],
      opex: [
        unitCapex(
          g.kwp,
          p.om_krw_per_kwp_yr,
          "om_krw_per_kwp_yr",
          "solar_om_krw",
          "Operation and maintenance",
        ),
      ],
      savings: [
        energySavings(
          g.mwh * 1000,
          p.elec_krw_per_kwh,
          "elec_krw_per_kwh",
          "elec_savings_krw",
          "Grid electricity not bought",
        ),
      ],
    });
  },
};
