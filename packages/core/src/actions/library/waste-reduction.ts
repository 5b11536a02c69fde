/**
 * Waste reduction per person: population (driver) × kg per person per year not generated × schedule /
 * 1000 = tonnes avoided; × the disposal route's tCO2e per tonne = tonnes avoided on the route's line
 * (III.1.x landfill, III.3.x incineration), following the line's intensity. Costs: written directly.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  type CommonParams,
  calcStep,
  commonShape,
  fmt,
  inputStep,
  nonZero,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  tonnesOf,
  totalStep,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";
import { DISPOSAL_REFS, disposalSchema } from "./waste.ts";

export const WASTE_REDUCTION_PARAMS = {
  kg_per_person_yr: {
    unit: "kg/person/yr",
    description: "Waste not generated per resident per year, at full effect",
    min: 0,
  },
  disposal_tco2e_per_t: {
    unit: "tCO2e/t",
    description: "Emissions per tonne of the disposal route avoided",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const wasteReductionSchema = z
  .object({
    ...numberShape(WASTE_REDUCTION_PARAMS),
    population_driver: z.string().min(1).default("population"),
    disposal: disposalSchema,
    ...commonShape,
  })
  .strict();
export type WasteReductionParams = z.output<typeof wasteReductionSchema> & CommonParams;

export const wasteReduction: ActionType<WasteReductionParams> = {
  type: "waste_reduction",
  label: { ko: "생활폐기물 감량", en: "Waste reduction per person" },
  sector: "waste",
  params: WASTE_REDUCTION_PARAMS,
  schema: wasteReductionSchema as z.ZodType<WasteReductionParams>,
  needs: [], // the population driver is named in the parameters; a missing one is reported with the action's path
  model(p, year, ctx) {
    const m = WASTE_REDUCTION_PARAMS;
    const f = scheduleFraction(p.schedule, year);
    const pop = f === 0 ? 0 : ctx.driver(p.population_driver, "count");
    const tonnes = (pop * p.kg_per_person_yr * f) / 1000;
    const t = tonnes * p.disposal_tco2e_per_t;
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
          ...calcStep("population", "Residents", pop, "person", "driver"),
          source: `driver: ${p.population_driver}`,
        },
        inputStep("kg_per_person_yr", p.kg_per_person_yr, m.kg_per_person_yr, p),
        calcStep(
          "waste_t_avoided",
          "Waste not generated",
          tonnes,
          "t/yr",
          `${fmt(pop)} × ${fmt(p.kg_per_person_yr)} × ${fmt(f)} / 1000`,
        ),
        inputStep("disposal_tco2e_per_t", p.disposal_tco2e_per_t, m.disposal_tco2e_per_t, p),
        calcStep(
          "tco2e_avoided",
          `Emissions of ${p.disposal} avoided`,
          t,
          "tCO2e/yr",
          `${fmt(tonnes)} × ${fmt(p.disposal_tco2e_per_t)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
