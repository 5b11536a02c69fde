/**
 * Renewable power purchase (PPA, green premium, certificates): MWh bought per year at full effect ×
 * schedule × grid factor of the year = market-based scope 2 tonnes avoided on the buyer's line (I.x.2),
 * tagged `basis: market`: location-based totals do not change (the national grid factor path is an input
 * scenario, not a city action). Costs: the premium per MWh over grid electricity, as operating cost.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  BUILDING_USE,
  buildingUseSchema,
  type CommonParams,
  calcStep,
  commonShape,
  directCosts,
  fmt,
  gridStep,
  inputStep,
  nonZero,
  numberShape,
  scheduleStep,
  sumCosts,
  tonnesOf,
  totalStep,
  unitCapex,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";

export const PPA_PARAMS = {
  mwh_per_yr: { unit: "MWh/yr", description: "Renewable electricity bought per year at full effect", min: 0 },
} as const satisfies Record<string, ParamMeta>;

export const ppaSchema = z
  .object({
    ...numberShape(PPA_PARAMS),
    buyer: buildingUseSchema,
    premium_krw_per_mwh: z.number().finite().optional(),
    ...commonShape,
  })
  .strict();
export type PpaParams = z.output<typeof ppaSchema> & CommonParams;

export const renewablePpa: ActionType<PpaParams> = {
  type: "renewable_ppa",
  label: { ko: "재생에너지 전력 구매(PPA)", en: "Renewable power purchase" },
  sector: "conversion",
  params: PPA_PARAMS,
  schema: ppaSchema as z.ZodType<PpaParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const f = scheduleFraction(p.schedule, year);
    const mwh = p.mwh_per_yr * f;
    const grid = mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const t = mwh * grid;
    const lines: DeltaEffect[] = [
      { gpc_ref: BUILDING_USE[p.buyer].grid, delta_tco2e: -t, scope_tag: p.scope_tag, basis: "market" },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        scheduleStep(p.schedule, year),
        inputStep("mwh_per_yr", p.mwh_per_yr, PPA_PARAMS.mwh_per_yr, p),
        calcStep(
          "mwh",
          "Renewable electricity bought in the year",
          mwh,
          "MWh/yr",
          `${fmt(p.mwh_per_yr)} × ${fmt(f)}`,
        ),
        gridStep(grid),
        calcStep(
          "tco2e_avoided",
          "Market-based scope 2 avoided",
          t,
          "tCO2e/yr",
          `${fmt(mwh)} × ${fmt(grid)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const mwh = p.mwh_per_yr * scheduleFraction(p.schedule, year);
    return sumCosts(directCosts(p, year), {
      opex: [
        unitCapex(
          mwh,
          p.premium_krw_per_mwh,
          "premium_krw_per_mwh",
          "ppa_premium_krw",
          "Premium over grid electricity",
        ),
      ],
    });
  },
};
