/**
 * Zero-energy standard for new buildings (Korea's ZEB certification, 제로에너지건축물 인증): of the floor
 * area built each year, the share that must meet the standard (the national schedule, or a city rule that
 * goes further) uses less energy than a new building to the ordinary code and makes part of it on site.
 *
 * Chain, per year: new floor area of the year × covered share of the year = ZEB area added (a cohort; a
 * cohort serves `first_year_share` of its first year, full years after); ZEB area in service × reference
 * electricity per m2 × saving share / 1000 = MWh avoided × grid factor of the year = scope 2 tonnes (I.x.2);
 * area × reference fuel per m2 × saving share = MJ avoided × the fuel's factor = scope 1 tonnes (I.x.1). Both
 * follow the line's intensity. Business as usual builds new floor area at the stock's intensity (the line
 * follows its driver), so the tonnes are those a new ZEB does not emit against an ordinary new building.
 * Costs: the construction premium per m2 of ZEB area added; energy bills saved when prices are given.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  BUILDING_FUELS,
  BUILDING_USE,
  buildingFuelSchema,
  buildingUseSchema,
  type CommonParams,
  calcStep,
  commonShape,
  directCosts,
  energySavings,
  firstYearShareMeta,
  fmt,
  gridStep,
  inputStep,
  interpolatePath,
  nonZero,
  numberShape,
  sumCosts,
  tonnesOf,
  totalStep,
  yearPathSchema,
} from "./common.ts";
import type { ActionType, DeltaEffect, ExplainStep, ParamMeta } from "./types.ts";

export const ZEB_PARAMS = {
  first_year_share: firstYearShareMeta,
  elec_kwh_per_m2: {
    unit: "kWh/m2/yr",
    description: "Electricity use per m2 of a new building to the ordinary code",
    min: 0,
  },
  fuel_mj_per_m2: {
    unit: "MJ/m2/yr",
    description: "Heating fuel use per m2 of a new building to the ordinary code",
    min: 0,
  },
  elec_saving_share: {
    unit: "1",
    description: "Share of the electricity a ZEB does not take from the grid (efficiency and on-site supply)",
    min: 0,
    max: 1,
  },
  fuel_saving_share: {
    unit: "1",
    description: "Share of the heating fuel a ZEB does not burn",
    min: 0,
    max: 1,
  },
  fuel_tco2e_per_mj: {
    unit: "tCO2e/MJ",
    description: "Emission factor of the heating fuel (default: the fuel's IPCC 2006 factor)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

const { fuel_tco2e_per_mj: _factorMeta, ...requiredParams } = ZEB_PARAMS;

export const zebSchema = z
  .object({
    ...numberShape(requiredParams),
    fuel_tco2e_per_mj: z.number().finite().min(0).optional(),
    building_use: buildingUseSchema,
    /** The heating fuel of an ordinary new building (default city gas). */
    fuel: buildingFuelSchema.default("city_gas"),
    /** New floor area built per year, m2/yr, by year (interpolated linearly, flat outside). */
    new_area_m2_path: yearPathSchema,
    /** Share of the new floor area the standard covers, by year (0..1; interpolated, flat outside). */
    covered_share_path: yearPathSchema.refine((r) => Object.values(r).every((v) => v >= 0 && v <= 1), {
      message: "a covered share is between 0 and 1",
    }),
    /** Construction premium of a ZEB over an ordinary new building, KRW per m2. */
    extra_krw_per_m2: z.number().finite().min(0).optional(),
    elec_krw_per_kwh: z.number().finite().min(0).optional(),
    fuel_krw_per_mj: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict();
export type ZebParams = z.output<typeof zebSchema> & CommonParams;

/** ZEB floor area added in `year` (0 outside the schedule). */
function addedIn(p: ZebParams, year: number): number {
  if (scheduleFraction(p.schedule, year) === 0) return 0;
  return interpolatePath(p.new_area_m2_path, year) * interpolatePath(p.covered_share_path, year);
}

/** ZEB area in service: the cohorts of earlier years of the schedule in full, this year's × first-year share. */
function inService(p: ZebParams, year: number): { n: number; formula: string } {
  if (scheduleFraction(p.schedule, year) === 0) return { n: 0, formula: "outside the schedule: 0" };
  let n = 0;
  const terms: string[] = [];
  for (let y = p.schedule.start_year; y <= year; y++) {
    const a = addedIn(p, y);
    if (a === 0) continue;
    if (y < year) {
      n += a;
      terms.push(fmt(a));
    } else {
      n += a * p.first_year_share;
      terms.push(`${fmt(a)} × ${fmt(p.first_year_share)}`);
    }
  }
  return { n, formula: terms.join(" + ") || "0" };
}

function saved(p: ZebParams, year: number) {
  const area = inService(p, year);
  const mwh = (area.n * p.elec_kwh_per_m2 * p.elec_saving_share) / 1000;
  const mj = area.n * p.fuel_mj_per_m2 * p.fuel_saving_share;
  return { area, mwh, mj };
}

function fuelFactor(p: ZebParams): ExplainStep {
  const fuel = BUILDING_FUELS[p.fuel];
  if (p.fuel_tco2e_per_mj === undefined)
    return {
      key: "fuel_tco2e_per_mj",
      label: `Emission factor of ${fuel.label.en}`,
      value: fuel.tco2e_per_mj,
      unit: "tCO2e/MJ",
      formula: "input",
      source: fuel.source,
    };
  return inputStep("fuel_tco2e_per_mj", p.fuel_tco2e_per_mj, ZEB_PARAMS.fuel_tco2e_per_mj, p);
}

export const zeroEnergyBuildings: ActionType<ZebParams> = {
  type: "zero_energy_buildings",
  label: { ko: "신축 건물 제로에너지 기준(ZEB 인증)", en: "Zero-energy standard for new buildings (ZEB)" },
  sector: "buildings",
  params: ZEB_PARAMS,
  schema: zebSchema,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = ZEB_PARAMS;
    const { area, mwh, mj } = saved(p, year);
    const grid = mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const factor = fuelFactor(p);
    const elecT = mwh * grid;
    const fuelT = mj * factor.value;
    const refs = BUILDING_USE[p.building_use];
    const lines: DeltaEffect[] = [
      { gpc_ref: refs.grid, delta_tco2e: -elecT, scope_tag: p.scope_tag, follows_intensity: true },
      { gpc_ref: refs.fuel, delta_tco2e: -fuelT, scope_tag: p.scope_tag, follows_intensity: true },
    ];
    const newArea = interpolatePath(p.new_area_m2_path, year);
    const share = interpolatePath(p.covered_share_path, year);
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("new_area_m2", "New floor area built in the year", newArea, "m2/yr", "new_area_m2_path"),
        calcStep("covered_share", "Share of it the standard covers", share, "1", "covered_share_path"),
        calcStep("zeb_area_m2", "ZEB floor area in service", area.n, "m2", area.formula),
        inputStep("elec_kwh_per_m2", p.elec_kwh_per_m2, m.elec_kwh_per_m2, p),
        inputStep("elec_saving_share", p.elec_saving_share, m.elec_saving_share, p),
        calcStep(
          "elec_mwh_saved",
          "Grid electricity avoided",
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
        inputStep("fuel_mj_per_m2", p.fuel_mj_per_m2, m.fuel_mj_per_m2, p),
        inputStep("fuel_saving_share", p.fuel_saving_share, m.fuel_saving_share, p),
        calcStep(
          "fuel_mj_saved",
          "Heating fuel avoided",
          mj,
          "MJ/yr",
          `${fmt(area.n)} × ${fmt(p.fuel_mj_per_m2)} × ${fmt(p.fuel_saving_share)}`,
        ),
        factor,
        calcStep(
          "fuel_tco2e_saved",
          "Scope 1 emissions avoided",
          fuelT,
          "tCO2e/yr",
          `${fmt(mj)} × ${fmt(factor.value)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = addedIn(p, year);
    const { mwh, mj } = saved(p, year);
    const capex =
      added === 0
        ? { krw: 0, steps: [], missing: [] }
        : p.extra_krw_per_m2 === undefined
          ? { krw: 0, steps: [], missing: ["extra_krw_per_m2"] }
          : {
              krw: added * p.extra_krw_per_m2,
              steps: [
                calcStep(
                  "zeb_capex_krw",
                  "Construction premium of the ZEB area added",
                  added * p.extra_krw_per_m2,
                  "KRW",
                  `${fmt(added)} m2 × ${fmt(p.extra_krw_per_m2)}`,
                ),
              ],
              missing: [],
            };
    return sumCosts(directCosts(p, year), {
      capex: [capex],
      savings: [
        energySavings(
          mwh * 1000,
          p.elec_krw_per_kwh,
          "elec_krw_per_kwh",
          "elec_savings_krw",
          "Electricity bill saved",
        ),
        energySavings(mj, p.fuel_krw_per_mj, "fuel_krw_per_mj", "fuel_savings_krw", "Fuel bill saved"),
      ],
    });
  },
};
