/**
 * LED street lights: lamps replaced each year × (watts before − watts after) × hours lit per year / 1e6 =
 * MWh saved; × grid factor of the year = tonnes avoided on I.2.2 (commercial and institutional, scope 2),
 * following the line's intensity. Tagged as the city's own operations by default. Costs: KRW per lamp;
 * the electricity bill saved when the tariff is given.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  addedByYearSchema,
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

export const STREET_LIGHT_PARAMS = {
  first_year_share: firstYearShareMeta,
  watts_before: { unit: "W", description: "Power of the lamp replaced (with its gear)", min: 0 },
  watts_after: { unit: "W", description: "Power of the LED lamp", min: 0 },
  hours_per_yr: { unit: "h/yr", description: "Hours lit per year", min: 0, max: 8760 },
} as const satisfies Record<string, ParamMeta>;

export const streetLightsSchema = z
  .object({
    ...numberShape(STREET_LIGHT_PARAMS),
    lamps_by_year: addedByYearSchema,
    krw_per_lamp: z.number().finite().min(0).optional(),
    elec_krw_per_kwh: z.number().finite().min(0).optional(),
    ...commonShape,
    scope_tag: z.enum(["community", "municipal_operations"]).default("municipal_operations"),
  })
  .strict();
export type StreetLightsParams = z.output<typeof streetLightsSchema> & CommonParams;

function mwhSaved(p: StreetLightsParams, year: number) {
  const active = scheduleFraction(p.schedule, year) > 0;
  const lamps = active
    ? cohortsInService(p.lamps_by_year, year, p.first_year_share)
    : { n: 0, formula: "outside the schedule: 0" };
  return { lamps, mwh: (lamps.n * (p.watts_before - p.watts_after) * p.hours_per_yr) / 1e6 };
}

export const streetLights: ActionType<StreetLightsParams> = {
  type: "street_lights_led",
  label: { ko: "LED 가로등 교체", en: "LED street lights" },
  sector: "buildings",
  params: STREET_LIGHT_PARAMS,
  schema: streetLightsSchema as z.ZodType<StreetLightsParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = STREET_LIGHT_PARAMS;
    const { lamps, mwh } = mwhSaved(p, year);
    const grid = mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const t = mwh * grid;
    const lines: DeltaEffect[] = [
      { gpc_ref: "I.2.2", delta_tco2e: -t, scope_tag: p.scope_tag, follows_intensity: true },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("lamps", "LED lamps in service", lamps.n, "lamp", lamps.formula),
        inputStep("watts_before", p.watts_before, m.watts_before, p),
        inputStep("watts_after", p.watts_after, m.watts_after, p),
        inputStep("hours_per_yr", p.hours_per_yr, m.hours_per_yr, p),
        calcStep(
          "mwh_saved",
          "Electricity saved",
          mwh,
          "MWh/yr",
          `${fmt(lamps.n)} × (${fmt(p.watts_before)} − ${fmt(p.watts_after)}) W × ${fmt(p.hours_per_yr)} h / 1e6`,
        ),
        gridStep(grid),
        calcStep("tco2e_saved", "Emissions avoided", t, "tCO2e/yr", `${fmt(mwh)} × ${fmt(grid)}`),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = p.lamps_by_year[String(year)] ?? 0;
    const { mwh } = mwhSaved(p, year);
    return sumCosts(directCosts(p, year), {
      capex: [unitCapex(added, p.krw_per_lamp, "krw_per_lamp", "lamps_capex_krw", "LED lamps")],
      savings: [
        energySavings(
          mwh * 1000,
          p.elec_krw_per_kwh,
          "elec_krw_per_kwh",
          "elec_savings_krw",
          "Electricity bill saved",
        ),
      ],
    });
  },
};
