/**
 * Private electric vehicles: an adoption path of the share of the city's car vehicle-km driven electric,
 * over and above business as usual. Chain: car vkm (driver) × additional EV share of the year × schedule =
 * electric vkm; × ICE kgCO2e/vkm / 1000 = tailpipe tonnes removed, given to the engine as a fraction of the
 * on-road line's BAU (a scale effect on II.1.1, so that actions valued at the line's intensity, such as a BRT
 * corridor, then claim only what remains); electric vkm × kWh/vkm / 1000 × grid factor of the year = the
 * added electricity's tonnes (II.1.2, on-road scope 2). Costs: written directly.
 */
import { z } from "zod";
import { CitypathError, problem } from "../../errors.ts";
import { scheduleFraction } from "../schedule.ts";
import {
  type CommonParams,
  calcStep,
  commonShape,
  FACTS_SOURCES,
  fmt,
  inputStep,
  interpolatePath,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  totalStep,
  yearPathSchema,
} from "./common.ts";
import type { ActionLineEffect, ActionType, ParamMeta } from "./types.ts";

export const EV_PARAMS = {
  ice_kgco2e_per_vkm: {
    unit: "kgCO2e/vkm",
    description: "Emissions per vehicle-km of the combustion cars replaced",
    min: 0,
    default: { value: 0.16, source: FACTS_SOURCES.car_g_per_km },
  },
  ev_kwh_per_vkm: {
    unit: "kWh/vkm",
    description: "Electricity per vehicle-km of an electric car (at the charger)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const evSchema = z
  .object({
    ...numberShape(EV_PARAMS),
    /** Driver holding the city's car vehicle-km per year (unit km: a vehicle-km is a distance). */
    car_vkm_driver: z.string().min(1),
    /** Additional share of car vkm that is electric, by year (interpolated linearly, flat outside). */
    ev_share_path: yearPathSchema,
    ...commonShape,
  })
  .strict();
export type EvParams = z.output<typeof evSchema> & CommonParams;

export const evAdoption: ActionType<EvParams> = {
  type: "ev_adoption",
  label: { ko: "전기자동차 보급", en: "Electric car adoption" },
  sector: "transport",
  params: EV_PARAMS,
  schema: evSchema as z.ZodType<EvParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const f = scheduleFraction(p.schedule, year);
    if (f === 0) {
      return { lines: [], chain: [scheduleStep(p.schedule, year), totalStep([])] };
    }
    const vkm = ctx.driver(p.car_vkm_driver, "km");
    const share = interpolatePath(p.ev_share_path, year);
    const evVkm = vkm * share * f;
    const iceT = (evVkm * p.ice_kgco2e_per_vkm) / 1000;
    const bau = ctx.bau("II.1.1");
    if (!(bau > 0))
      throw new CitypathError(
        problem("BAD_VALUE", `on-road BAU (II.1.1) in ${year} is ${bau}; an EV share needs a positive line`),
      );
    const fraction = iceT / bau;
    const mwh = (evVkm * p.ev_kwh_per_vkm) / 1000;
    const elecT = mwh * ctx.grid_tco2e_per_mwh;
    const lines: ActionLineEffect[] = [
      { gpc_ref: "II.1.1", scale_fraction: fraction, scope_tag: p.scope_tag },
      { gpc_ref: "II.1.2", delta_tco2e: elecT, scope_tag: p.scope_tag },
    ];
    return {
      lines,
      chain: [
        scheduleStep(p.schedule, year),
        {
          ...calcStep("car_vkm", "Car vehicle-km in the city", vkm, "vkm/yr", "driver"),
          source: `driver: ${p.car_vkm_driver}`,
        },
        calcStep(
          "ev_share",
          "Additional electric share of car vkm",
          share,
          "1",
          "ev_share_path interpolated",
        ),
        calcStep("ev_vkm", "Electric vehicle-km", evVkm, "vkm/yr", `${fmt(vkm)} × ${fmt(share)} × ${fmt(f)}`),
        inputStep("ice_kgco2e_per_vkm", p.ice_kgco2e_per_vkm, EV_PARAMS.ice_kgco2e_per_vkm, p),
        calcStep(
          "ice_tco2e_avoided",
          "Tailpipe emissions removed",
          iceT,
          "tCO2e/yr",
          `${fmt(evVkm)} × ${fmt(p.ice_kgco2e_per_vkm)} / 1000`,
        ),
        calcStep(
          "ii11_scale_fraction",
          "Share of the on-road line (II.1.1) removed",
          fraction,
          "1",
          `${fmt(iceT)} / BAU ${fmt(bau)} tCO2e`,
        ),
        calcStep(
          "ev_mwh",
          "Electricity of the electric cars",
          mwh,
          "MWh/yr",
          `${fmt(evVkm)} × ${fmt(p.ev_kwh_per_vkm)} / 1000`,
        ),
        {
          ...calcStep(
            "grid_factor",
            "Grid electricity factor of the year",
            ctx.grid_tco2e_per_mwh,
            "tCO2e/MWh",
            "driver",
          ),
          source: FACTS_SOURCES.grid,
        },
        calcStep(
          "ev_tco2e",
          "Emissions of the electricity",
          elecT,
          "tCO2e/yr",
          `${fmt(mwh)} × ${fmt(ctx.grid_tco2e_per_mwh)}`,
        ),
        totalStep([
          { gpc_ref: "II.1.1", tco2e: -iceT },
          { gpc_ref: "II.1.2", tco2e: elecT },
        ]),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
