/**
 * Heating fuel switch: city-gas, kerosene (heating oil) or LPG boilers replaced by heat pumps or by a
 * district-heat connection. Chain: units switched (cohorts) × heat delivered per unit = heat MWh; fuel no
 * longer burnt = heat / boiler efficiency, × 3,600 MJ/MWh × the fuel's factor (BUILDING_FUELS, IPCC 2006
 * defaults, or the instance's) = scope 1 tonnes avoided (I.x.1); heat pump: heat / seasonal COP = MWh of
 * electricity × grid factor of the year (I.x.2); district heat: heat × the supplier's tCO2e/MWh (I.x.2).
 * Costs: KRW per unit switched; energy bills when prices are given.
 */
import { z } from "zod";
import { convert } from "../../units/index.ts";
import { scheduleFraction } from "../schedule.ts";
import {
  addedByYearSchema,
  BUILDING_FUELS,
  BUILDING_USE,
  buildingFuelSchema,
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
import type { ActionType, DeltaEffect, ExplainStep, ParamMeta } from "./types.ts";

const MJ_PER_MWH = convert(1, "MWh", "MJ");

export const HEAT_SWITCH_PARAMS = {
  first_year_share: firstYearShareMeta,
  heat_mwh_per_unit: {
    unit: "MWh/yr",
    description: "Heat delivered per dwelling or building switched",
    min: 0,
  },
  boiler_efficiency: {
    unit: "1",
    description: "Seasonal efficiency of the boiler replaced",
    min: 0.01,
    max: 1.2,
  },
  fuel_tco2e_per_mj: {
    unit: "tCO2e/MJ",
    description: "Emission factor of the fuel no longer burnt (default: the fuel's IPCC 2006 factor)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

const { fuel_tco2e_per_mj: _factorMeta, ...requiredParams } = HEAT_SWITCH_PARAMS;

export const heatSwitchSchema = z
  .object({
    ...numberShape(requiredParams),
    fuel_tco2e_per_mj: z.number().finite().min(0).optional(),
    technology: z.enum(["heat_pump", "district_heat"]),
    /** The fuel of the boilers replaced (default city gas). */
    before_fuel: buildingFuelSchema.default("city_gas"),
    building_use: buildingUseSchema,
    units_by_year: addedByYearSchema,
    /** Seasonal coefficient of performance of the heat pump (heat out / electricity in). */
    heat_pump_scop: z.number().finite().min(1).optional(),
    /** Emission factor of the district heat supplier, tCO2e per MWh of heat (FACTS §4: Jeonju's is a gap). */
    district_heat_tco2e_per_mwh: z.number().finite().min(0).optional(),
    krw_per_unit: z.number().finite().min(0).optional(),
    fuel_krw_per_mj: z.number().finite().min(0).optional(),
    new_energy_krw_per_mwh: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict()
  .superRefine((p, c) => {
    if (p.technology === "heat_pump" && p.heat_pump_scop === undefined)
      c.addIssue({
        code: "custom",
        path: ["heat_pump_scop"],
        message: "heat_pump_scop is required for heat pumps",
      });
    if (p.technology === "district_heat" && p.district_heat_tco2e_per_mwh === undefined)
      c.addIssue({
        code: "custom",
        path: ["district_heat_tco2e_per_mwh"],
        message: "district_heat_tco2e_per_mwh (the supplier's factor) is required for district heat",
      });
  });
export type HeatSwitchParams = z.output<typeof heatSwitchSchema> & CommonParams;

function amounts(p: HeatSwitchParams, year: number) {
  const active = scheduleFraction(p.schedule, year) > 0;
  const units = active
    ? cohortsInService(p.units_by_year, year, p.first_year_share)
    : { n: 0, formula: "outside the schedule: 0" };
  const heat = units.n * p.heat_mwh_per_unit;
  const fuelMj = (heat / p.boiler_efficiency) * MJ_PER_MWH;
  const newMwh = p.technology === "heat_pump" ? heat / p.heat_pump_scop! : heat;
  return { units, heat, fuelMj, newMwh };
}

/** The factor of the fuel replaced: the instance's, else the fuel's default, with where it comes from. */
function fuelFactor(p: HeatSwitchParams): ExplainStep {
  const fuel = BUILDING_FUELS[p.before_fuel];
  const base = {
    key: "fuel_tco2e_per_mj",
    label: `Emission factor of the ${fuel.label.en} no longer burnt`,
    unit: "tCO2e/MJ",
    formula: "input",
  };
  if (p.fuel_tco2e_per_mj === undefined) return { ...base, value: fuel.tco2e_per_mj, source: fuel.source };
  return inputStep("fuel_tco2e_per_mj", p.fuel_tco2e_per_mj, HEAT_SWITCH_PARAMS.fuel_tco2e_per_mj, p);
}

export const heatSwitch: ActionType<HeatSwitchParams> = {
  type: "heat_switch",
  label: {
    ko: "난방 연료 전환(히트펌프·지역난방; 도시가스·등유·LPG 보일러 대체)",
    en: "Heating switch (heat pump or district heat for gas, oil or LPG boilers)",
  },
  sector: "buildings",
  params: HEAT_SWITCH_PARAMS,
  schema: heatSwitchSchema,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = HEAT_SWITCH_PARAMS;
    const { units, heat, fuelMj, newMwh } = amounts(p, year);
    const factor = fuelFactor(p);
    const fuelT = fuelMj * factor.value;
    const refs = BUILDING_USE[p.building_use];
    let newFactor: number;
    let factorStep: ExplainStep;
    if (p.technology === "heat_pump") {
      newFactor = newMwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
      factorStep = gridStep(newFactor);
    } else {
      newFactor = p.district_heat_tco2e_per_mwh!;
      factorStep = {
        ...calcStep("district_heat_factor", "District heat factor", newFactor, "tCO2e/MWh", "input"),
        source: "instance parameter",
      };
    }
    const newT = newMwh * newFactor;
    const lines: DeltaEffect[] = [
      { gpc_ref: refs.fuel, delta_tco2e: -fuelT, scope_tag: p.scope_tag, follows_intensity: true },
      { gpc_ref: refs.grid, delta_tco2e: newT, scope_tag: p.scope_tag },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("units", "Units switched, in service", units.n, "unit", units.formula),
        inputStep("heat_mwh_per_unit", p.heat_mwh_per_unit, m.heat_mwh_per_unit, p),
        calcStep(
          "heat_mwh",
          "Heat delivered",
          heat,
          "MWh/yr",
          `${fmt(units.n)} × ${fmt(p.heat_mwh_per_unit)}`,
        ),
        inputStep("boiler_efficiency", p.boiler_efficiency, m.boiler_efficiency, p),
        calcStep(
          "fuel_mj_avoided",
          `${BUILDING_FUELS[p.before_fuel].label.en} no longer burnt`,
          fuelMj,
          "MJ/yr",
          `${fmt(heat)} / ${fmt(p.boiler_efficiency)} × 3,600 MJ/MWh`,
        ),
        factor,
        calcStep(
          "fuel_tco2e_avoided",
          "Scope 1 emissions avoided",
          fuelT,
          "tCO2e/yr",
          `${fmt(fuelMj)} × ${fmt(factor.value)}`,
        ),
        calcStep(
          "new_mwh",
          p.technology === "heat_pump" ? "Electricity of the heat pumps" : "District heat bought",
          newMwh,
          "MWh/yr",
          p.technology === "heat_pump" ? `${fmt(heat)} / SCOP ${fmt(p.heat_pump_scop!)}` : `${fmt(heat)}`,
        ),
        factorStep,
        calcStep(
          "new_tco2e",
          "Scope 2 emissions added",
          newT,
          "tCO2e/yr",
          `${fmt(newMwh)} × ${fmt(newFactor)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = p.units_by_year[String(year)] ?? 0;
    const { fuelMj, newMwh } = amounts(p, year);
    return sumCosts(directCosts(p, year), {
      capex: [
        unitCapex(added, p.krw_per_unit, "krw_per_unit", "switch_capex_krw", "Heat pumps or connections"),
      ],
      savings: [
        energySavings(fuelMj, p.fuel_krw_per_mj, "fuel_krw_per_mj", "fuel_savings_krw", "Fuel bill saved"),
      ],
      opex: [
        energySavings(
          newMwh,
          p.new_energy_krw_per_mwh,
          "new_energy_krw_per_mwh",
          "new_energy_krw",
          "Electricity or heat bought",
        ),
      ],
    });
  },
};
