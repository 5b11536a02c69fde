/**
 * Food waste to biogas (anaerobic digestion): tonnes of food waste per year at full effect × schedule
 * taken from their present treatment (× its tCO2e/t, removed from that line) to digestion (× the digester's
 * own tCO2e/t from leaks and N2O, added to III.2.1 biological treatment). The energy of the biogas is not
 * credited here (conservative; a biogas use that replaces city gas can be its own action). Costs: written
 * directly.
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

export const FOOD_WASTE_PARAMS = {
  tonnes_per_yr: {
    unit: "t/yr",
    description: "Food waste sent to digestion per year at full effect",
    min: 0,
  },
  before_tco2e_per_t: {
    unit: "tCO2e/t",
    description: "Emissions per tonne of the treatment replaced",
    min: 0,
  },
  digestion_tco2e_per_t: {
    unit: "tCO2e/t",
    description: "Emissions per tonne digested (leaks, N2O)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const foodWasteSchema = z
  .object({
    ...numberShape(FOOD_WASTE_PARAMS),
    /** GPC line of the treatment replaced (e.g. III.2.1 composting or feed, III.3.1 incineration). */
    before_gpc_ref: z.string().regex(/^III\.\d\.\d$/, "a waste line such as III.2.1"),
    ...commonShape,
  })
  .strict();
export type FoodWasteParams = z.output<typeof foodWasteSchema> & CommonParams;

export const foodWasteBiogas: ActionType<FoodWasteParams> = {
  type: "food_waste_biogas",
  label: { ko: "음식물류 폐기물 바이오가스화", en: "Food waste to biogas" },
  sector: "waste",
  params: FOOD_WASTE_PARAMS,
  schema: foodWasteSchema as z.ZodType<FoodWasteParams>,
  needs: [],
  model(p, year) {
    const m = FOOD_WASTE_PARAMS;
    const f = scheduleFraction(p.schedule, year);
    const tonnes = p.tonnes_per_yr * f;
    const before = tonnes * p.before_tco2e_per_t;
    const after = tonnes * p.digestion_tco2e_per_t;
    const lines: DeltaEffect[] = [
      { gpc_ref: p.before_gpc_ref, delta_tco2e: -before, scope_tag: p.scope_tag },
      { gpc_ref: "III.2.1", delta_tco2e: after, scope_tag: p.scope_tag },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        scheduleStep(p.schedule, year),
        inputStep("tonnes_per_yr", p.tonnes_per_yr, m.tonnes_per_yr, p),
        calcStep("tonnes", "Food waste digested", tonnes, "t/yr", `${fmt(p.tonnes_per_yr)} × ${fmt(f)}`),
        inputStep("before_tco2e_per_t", p.before_tco2e_per_t, m.before_tco2e_per_t, p),
        calcStep(
          "before_tco2e",
          "Emissions of the treatment replaced",
          before,
          "tCO2e/yr",
          `${fmt(tonnes)} × ${fmt(p.before_tco2e_per_t)}`,
        ),
        inputStep("digestion_tco2e_per_t", p.digestion_tco2e_per_t, m.digestion_tco2e_per_t, p),
        calcStep(
          "digestion_tco2e",
          "Emissions of digestion",
          after,
          "tCO2e/yr",
          `${fmt(tonnes)} × ${fmt(p.digestion_tco2e_per_t)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
