/**
 * Vehicle fleet electrification (cars, vans, trucks of a fleet, by default the city's own): vehicles
 * replaced each year by battery-electric ones. Chain: vehicles in service (cohorts, first year × share) ×
 * km per vehicle = electric km; × the replaced vehicles' kgCO2e/km / 1000 = tailpipe tonnes avoided (II.1.1);
 * electric km × kWh/km / 1000 × grid factor of the year = electricity tonnes (II.1.2). Tagged as the city's
 * own operations by default. Costs: price premium per vehicle, chargers, fuel and electricity bills.
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
  FACTS_SOURCES,
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

export const FLEET_PARAMS = {
  first_year_share: firstYearShareMeta,
  km_per_vehicle_per_yr: { unit: "km/yr", description: "Distance per vehicle per year", min: 0 },
  before_kgco2e_per_km: {
    unit: "kgCO2e/km",
    description: "Emissions per km of the vehicles replaced",
    min: 0,
    default: { value: 0.16, source: FACTS_SOURCES.car_g_per_km },
  },
  kwh_per_km: {
    unit: "kWh/km",
    description: "Electricity per km of the electric vehicles (at the charger)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const fleetSchema = z
  .object({
    ...numberShape(FLEET_PARAMS),
    vehicle: z.enum(["car", "van", "truck", "other"]),
    vehicles_by_year: addedByYearSchema,
    premium_krw_per_vehicle: z.number().finite().optional(),
    chargers_by_year: addedByYearSchema.optional(),
    krw_per_charger: z.number().finite().min(0).optional(),
    fuel_krw_per_km: z.number().finite().min(0).optional(),
    elec_krw_per_kwh: z.number().finite().min(0).optional(),
    ...commonShape,
    scope_tag: z.enum(["community", "municipal_operations"]).default("municipal_operations"),
  })
  .strict();
export type FleetParams = z.output<typeof fleetSchema> & CommonParams;

function km(p: FleetParams, year: number) {
  const active = scheduleFraction(p.schedule, year) > 0;
  const v = active
    ? cohortsInService(p.vehicles_by_year, year, p.first_year_share)
    : { n: 0, formula: "outside the schedule: 0" };
  return { v, km: v.n * p.km_per_vehicle_per_yr };
}

export const fleetElectrification: ActionType<FleetParams> = {
  type: "fleet_electrification",
  label: { ko: "업무용 차량 전기차 전환", en: "Fleet electrification" },
  sector: "transport",
  params: FLEET_PARAMS,
  schema: fleetSchema as z.ZodType<FleetParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const m = FLEET_PARAMS;
    const { v, km: dist } = km(p, year);
    const before = (dist * p.before_kgco2e_per_km) / 1000;
    const mwh = (dist * p.kwh_per_km) / 1000;
    const grid = mwh === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const after = mwh * grid;
    const lines: DeltaEffect[] = [
      { gpc_ref: "II.1.1", delta_tco2e: -before, scope_tag: p.scope_tag },
      { gpc_ref: "II.1.2", delta_tco2e: after, scope_tag: p.scope_tag },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        calcStep("vehicles", "Electric vehicles in service (vehicle-years)", v.n, "vehicle", v.formula),
        inputStep("km_per_vehicle_per_yr", p.km_per_vehicle_per_yr, m.km_per_vehicle_per_yr, p),
        calcStep("km", "Electric vehicle-km", dist, "km/yr", `${fmt(v.n)} × ${fmt(p.km_per_vehicle_per_yr)}`),
        inputStep("before_kgco2e_per_km", p.before_kgco2e_per_km, m.before_kgco2e_per_km, p),
        calcStep(
          "before_tco2e",
          "Tailpipe emissions avoided",
          before,
          "tCO2e/yr",
          `${fmt(dist)} × ${fmt(p.before_kgco2e_per_km)} / 1000`,
        ),
        inputStep("kwh_per_km", p.kwh_per_km, m.kwh_per_km, p),
        calcStep("mwh", "Electricity", mwh, "MWh/yr", `${fmt(dist)} × ${fmt(p.kwh_per_km)} / 1000`),
        gridStep(grid),
        calcStep(
          "after_tco2e",
          "Emissions of the electricity",
          after,
          "tCO2e/yr",
          `${fmt(mwh)} × ${fmt(grid)}`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs(p, year) {
    const added = p.vehicles_by_year[String(year)] ?? 0;
    const chargers = p.chargers_by_year?.[String(year)] ?? 0;
    const { km: dist } = km(p, year);
    return sumCosts(directCosts(p, year), {
      capex: [
        unitCapex(
          added,
          p.premium_krw_per_vehicle,
          "premium_krw_per_vehicle",
          "vehicle_premium_krw",
          "Vehicle price premium",
        ),
        unitCapex(chargers, p.krw_per_charger, "krw_per_charger", "chargers_krw", "Chargers"),
      ],
      savings: [
        energySavings(dist, p.fuel_krw_per_km, "fuel_krw_per_km", "fuel_savings_krw", "Fuel not bought"),
      ],
      opex: [
        energySavings(
          dist * p.kwh_per_km,
          p.elec_krw_per_kwh,
          "elec_krw_per_kwh",
          "elec_krw",
          "Electricity bought",
        ),
      ],
    });
  },
};
