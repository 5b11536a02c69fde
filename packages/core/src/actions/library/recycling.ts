/**
 * Recycling rate: waste generated (driver, t/yr) × increase of the recycling rate over business as usual
 * (a path by year, × schedule) = tonnes diverted from disposal; × (disposal tCO2e/t − recycling process
 * tCO2e/t) = tonnes avoided on the disposal line. Credits for avoided virgin material are not counted
 * (they fall outside the city's GPC lines). Costs: written directly.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  type CommonParams,
  calcStep,
  commonShape,
  fmt,
  inputStep,
  interpolatePath,
  nonZero,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  tonnesOf,
  totalStep,
  yearPathSchema,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";
import { DISPOSAL_REFS, disposalSchema } from "./waste.ts";

export const RECYCLING_PARAMS = {
  disposal_tco2e_per_t: {
    unit: "tCO2e/t",
    description: "Emissions per tonne of the disposal route avoided",
    min: 0,
  },
  recycling_tco2e_per_t: {
    unit: "tCO2e/t",
    description: "Emissions per tonne of sorting and recycling in the city",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const recyclingSchema = z
  .object({
    ...numberShape(RECYCLING_PARAMS),
    waste_driver: z.string().min(1),
    /** Increase of the recycling rate over BAU, share points by year (0.05 = 5 points). */
    rate_increase_path: yearPathSchema,
    disposal: disposalSchema,
    ...commonShape,
  })
  .strict();
export type RecyclingParams = z.output<typeof recyclingSchema> & CommonParams;

export const recycling: ActionType<RecyclingParams> = {
  type: "recycling_rate",
  label: { ko: "재활용률 제고", en: "Recycling rate" },
  sector: "waste",
  params: RECYCLING_PARAMS,
  schema: recyclingSchema as z.ZodType<RecyclingParams>,
  needs: [],
  model(p, year, ctx) {
    const m = RECYCLING_PARAMS;
    const f = scheduleFraction(p.schedule, year);
    const waste = f === 0 ? 0 : ctx.driver(p.waste_driver, "t");
    const inc = interpolatePath(p.rate_increase_path, year);
    const diverted = waste * inc * f;
    const net = p.disposal_tco2e_per_t - p.recycling_tco2e_per_t;
    const t = diverted * net;
    const lines: DeltaEffect[] = [
      {
        gpc_ref: DISPOSAL_REFS[p.disposal],
        delta_tco2e: -t,
        scope_tag: p.scope_tag,
        follows_intensity: true,
      },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        scheduleStep(p.schedule, year),
        {
          ...calcStep("waste_t", "Waste generated", waste, "t/yr", "driver"),
          source: `driver: ${p.waste_driver}`,
        },
        calcStep("rate_increase", "Recycling rate above BAU", inc, "1", "rate_increase_path interpolated"),
        calcStep(
          "diverted_t",
          "Waste diverted to recycling",
          diverted,
          "t/yr",
          `${fmt(waste)} × ${fmt(inc)} × ${fmt(f)}`,
        ),
        inputStep("disposal_tco2e_per_t", p.disposal_tco2e_per_t, m.disposal_tco2e_per_t, p),
        inputStep("recycling_tco2e_per_t", p.recycling_tco2e_per_t, m.recycling_tco2e_per_t, p),
        calcStep(
          "tco2e_avoided",
          "Emissions avoided",
          t,
          "tCO2e/yr",
          `${fmt(diverted)} × (${fmt(p.disposal_tco2e_per_t)} − ${fmt(p.recycling_tco2e_per_t)})`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
