/**
 * Private electric vehicles: an adoption path of the share of the city's car vehicle-km driven electric,
 * over and above business as usual. Chain: car vkm (driver) × additional EV share of the year × schedule =
 * electric vkm; × ICE kgCO2e/vkm / 1000 = tailpipe tonnes removed, given to the engine as a fraction of the
 * on-road line's BAU (a scale effect on II.1.1, so that actions valued at the line's intensity, such as a BRT
 * corridor, then claim only what remains); electric vkm × kWh/vkm / 1000 × grid factor of the year = the
 * added electricity's tonnes (II.1.2, on-road scope 2).
 * Costs, when priced: electric cars added in the year = (share × schedule this year − the same last year) ×
 * car vkm of this year / vkm per electric car (this year's car vkm stands for both years) × the price
 * premium per car (capital); fuel no longer bought = electric vkm × ICE fuel cost per vkm (savings);
 * electricity bought = MWh × price (operating). Costs written directly (`direct_costs`) add to these; with
 * neither, the cost is reported missing.
 */
import { z } from "zod";
import { CitypathError, problem } from "../../errors.ts";
import { scheduleFraction } from "../schedule.ts";
import {
  type CommonParams,
  calcStep,
  commonShape,
  directCosts,
  FACTS_SOURCES,
  fmt,
  inputStep,
  interpolatePath,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  sumCosts,
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
  vkm_per_ev_yr: {
    unit: "km/yr",
    description: "Distance an electric car drives per year (to count the cars)",
    min: 1,
  },
  krw_per_ev: { unit: "KRW", description: "Price premium of an electric car over the car replaced" },
  ice_fuel_krw_per_vkm: {
    unit: "KRW/km",
    description: "Fuel cost per vehicle-km of the combustion car replaced",
    min: 0,
  },
  elec_krw_per_kwh: { unit: "KRW/kWh", description: "Price of charging electricity", min: 0 },
} as const satisfies Record<string, ParamMeta>;

const COST_PARAMS = ["vkm_per_ev_yr", "krw_per_ev", "ice_fuel_krw_per_vkm", "elec_krw_per_kwh"] as const;

const evNumbers = Object.fromEntries(
  Object.entries(numberShape(EV_PARAMS)).map(([k, v]) => [
    k,
    (COST_PARAMS as readonly string[]).includes(k) ? v.optional() : v,
  ]),
) as Record<keyof typeof EV_PARAMS, z.ZodNumber>;

export const evSchema = z
  .object({
    ...evNumbers,
    /** Driver holding the city's car vehicle-km per year (unit km: a vehicle-km is a distance). */
    car_vkm_driver: z.string().min(1),
    /** Additional share of car vkm that is electric, by year (interpolated linearly, flat outside). */
    ev_share_path: yearPathSchema,
    ...commonShape,
  })
  .strict()
  .superRefine((p, c) => {
    if ((p.krw_per_ev !== undefined || p.vkm_per_ev_yr !== undefined) && p.vkm_per_ev_yr === undefined)
      c.addIssue({
        code: "custom",
        path: ["vkm_per_ev_yr"],
        message: "vkm_per_ev_yr is required to count the cars a price per car applies to",
      });
  });
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
  costs(p, year, ctx) {
    const priced = p.krw_per_ev !== undefined || p.ice_fuel_krw_per_vkm !== undefined;
    if (!priced) return onlyDirectCosts(p, year);
    const vkm = ctx.driver(p.car_vkm_driver, "km");
    const shareAt = (y: number) => interpolatePath(p.ev_share_path, y) * scheduleFraction(p.schedule, y);
    const evVkm = vkm * shareAt(year);
    const added = Math.max(0, shareAt(year) - shareAt(year - 1)) * vkm;
    const cars = p.vkm_per_ev_yr === undefined ? 0 : added / p.vkm_per_ev_yr;
    const item = (krw: number, key: string, label: string, formula: string) => ({
      krw,
      steps: krw === 0 ? [] : [calcStep(key, label, krw, "KRW", formula)],
      missing: [] as string[],
    });
    const missing = (name: string) => ({ krw: 0, steps: [], missing: [name] });
    const capex =
      cars === 0
        ? item(0, "", "", "")
        : p.krw_per_ev === undefined
          ? missing("krw_per_ev")
          : item(
              cars * p.krw_per_ev,
              "ev_capex_krw",
              "Price premium of the electric cars added",
              `${fmt(added)} vkm / ${fmt(p.vkm_per_ev_yr!)} km per car × ${fmt(p.krw_per_ev)}`,
            );
    const fuel =
      evVkm === 0
        ? item(0, "", "", "")
        : p.ice_fuel_krw_per_vkm === undefined
          ? missing("ice_fuel_krw_per_vkm")
          : item(
              evVkm * p.ice_fuel_krw_per_vkm,
              "ev_fuel_savings_krw",
              "Fuel no longer bought",
              `${fmt(evVkm)} vkm × ${fmt(p.ice_fuel_krw_per_vkm)}`,
            );
    const kwh = evVkm * p.ev_kwh_per_vkm;
    const elec =
      kwh === 0
        ? item(0, "", "", "")
        : p.elec_krw_per_kwh === undefined
          ? missing("elec_krw_per_kwh")
          : item(
              kwh * p.elec_krw_per_kwh,
              "ev_elec_krw",
              "Charging electricity bought",
              `${fmt(kwh)} kWh × ${fmt(p.elec_krw_per_kwh)}`,
            );
    return sumCosts(directCosts(p, year), { capex: [capex], savings: [fuel], opex: [elec] });
  },
};
