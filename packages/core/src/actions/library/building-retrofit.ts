/**
 * Building energy retrofit: floor area retrofitted each year × the energy it used per m2 × the share saved,
 * by fuel. Chain: area in service (cohorts) × kWh/m2 × saving share / 1000 = MWh saved × grid factor of the
 * year = scope 2 tonnes avoided (I.x.2); area × MJ/m2 of gas × saving share = MJ saved × the gas factor
 * (FACTS §4, derived) = scope 1 tonnes avoided (I.x.1). Both follow the line's intensity. Public buildings
 * carry scope_tag municipal_operations. Costs: KRW per m2 retrofitted; energy bills saved when prices are given.
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
  FACTS_SOURCES,
  firstYearShareMeta,
  fmt,
  GAS_BUILDINGS_TCO2E_PER_MJ,
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

export const RETROFIT_PARAMS = {
  first_year_share: firstYearShareMeta,
  elec_kwh_per_m2: { unit: "kWh/m2/yr", description: "Electricity use per m2 before the retrofit", min: 0 },
  gas_mj_per_m2: { unit: "MJ/m2/yr", description: "Gas use per m2 before the retrofit", min: 0 },
  elec_saving_share: { unit: "1", description: "Share of the electricity saved", min: 0, max: 1 },
  gas_saving_share: { unit: "1", description: "Share of the gas saved", min: 0, max: 1 },
  gas_tco2e_per_mj: {
    unit: "tCO2e/MJ",
    description: "Emission factor of the gas saved",
    min: 0,
    default: { value: GAS_BUILDINGS_TCO2E_PER_MJ, source: FACTS_SOURCES.gas_buildings },
  },
} as const satisfies Record<string, ParamMeta>;

export const retrofitSchema = z
  .object({
    ...numberShape(RETROFIT_PARAMS),
    building_use: buildingUseSchema,
    /** Floor area retrofitted in each year, m2. */
    area_m2_by_year: addedByYearSchema,
    krw_per_m2: z.number().finite().min(0).optional(),
    elec_krw_per_kwh: z.number().finite().min(0).optional(),
    gas_krw_per_mj: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict();
export type RetrofitParams = z.output<typeof retrofitSchema> & CommonParams;

function saved(p: RetrofitParams, year: number) {
  const active = scheduleFraction(p.schedule, year) > 0;
  const area = active
    ? cohortsInService(p.area_m2_by_year, year, p.first_year_share)
    : { n: 0, formula: "outside the schedule: 0" };
  const mwh = (area.n * p.elec_kwh_per_m2 * p.elec_saving_share) / 1000;
  const mj = area.n * p.gas_mj_per_m2 * p.gas_saving_share;
  return { area, mwh, mj };
}

export const buildingRetrofit: ActionType<RetrofitParams> = {
  type: "building_retrofit",
  label: { ko: "건물 에너지 효율 개선(그린리모델링)", en: "Building energy retrofit" },
  sector: "buildings",
  params: RETROFIT_PARAMS,
  schema: retrofitSchema as z.ZodType<RetrofitParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = RETROFIT_PARAMS;
    const { area, mwh, mj } = saved(p, year);
    const grid = mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const elecT = mwh * grid;
    const gasT = mj * p.gas_tco2e_per_mj;
    const refs = BUILDING_USE[p.building_use];
    const lines: DeltaEffect[] = [
      { gpc_ref: refs.grid, delta_tco2e: -elecT, scope_tag: p.scope_tag, follows_intensity: true },
      { gpc_ref: refs.fuel, delta_tco2e: -gasT, scope_tag: p.scope_tag, follows_intensity: true },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("area_m2", "Retrofitted floor area in service", area.n, "m2", area.formula),
        inputStep("elec_kwh_per_m2", p.elec_kwh_per_m2, m.elec_kwh_per_m2, p),
        inputStep("elec_saving_share", p.elec_saving_share, m.elec_saving_share, p),
        calcStep(
          "elec_mwh_saved",
          "Electricity saved",
          mwh,
          "MWh/yr",
          `${fmt(area.n)} × ${fmt(p.elec_kwh_per_m2)} × ${fmt(p.elec_saving_share)} / 1000`,
        ),
        gridStep(grid),
        calcStep(
          "elec_tco2e_saved",
          "Scope 2 emissions avoided",
          elecT,
          "tCO2e/yr",
          `${fmt(mwh)} × ${fmt(grid)}`,
        ),
        inputStep("gas_mj_per_m2", p.gas_mj_per_m2, m.gas_mj_per_m2, p),
        inputStep("gas_saving_share", p.gas_saving_share, m.gas_saving_share, p),
        calcStep(
          "gas_mj_saved",
          "Gas saved",
          mj,
          "MJ/yr",
          `${fmt(area.n)} × ${fmt(p.gas_mj_per_m2)} × ${fmt(p.gas_saving_share)}`,
        ),
        inputStep("gas_tco2e_per_mj", p.gas_tco2e_per_mj, m.gas_tco2e_per_mj, p),
        calcStep(
          "gas_tco2e_saved",
          "Scope 1 emissions avoided",
          gasT,
          "tCO2e/yr",
          `${fmt(mj)} × ${fmt(p.gas_tco2e_per_mj)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = p.area_m2_by_year[String(year)] ?? 0;
    const { mwh, mj } = saved(p, year);
    return sumCosts(directCosts(p, year), {
      capex: [unitCapex(added, p.krw_per_m2, "krw_per_m2", "retrofit_capex_krw", "Retrofit works")],
      savings: [
        energySavings(
          mwh * 1000,
          p.elec_krw_per_kwh,
          "elec_krw_per_kwh",
          "elec_savings_krw",
          "Electricity bill saved",
        ),
        energySavings(mj, p.gas_krw_per_mj, "gas_krw_per_mj", "gas_savings_krw", "Gas bill saved"),
      ],
    });
  },
};
