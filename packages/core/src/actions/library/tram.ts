/**
 * Tram line: riders who leave their cars, less the tram's own electricity. Chain: riders/yr / 365 × share
 * from car / occupancy × trip length × 365 × schedule = car vkm avoided; × car kgCO2e/vkm = car tonnes
 * avoided (II.1.1). Tram vkm/yr × schedule × kWh/vkm / 1000 × grid factor of the year = the tram's own
 * tonnes (II.2.2, rail scope 2). Scheduled: riders and tram vkm. Costs: written directly.
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  CAR_TRIP_PARAMS,
  type CommonParams,
  calcStep,
  carShift,
  carTripInputSteps,
  commonShape,
  FACTS_SOURCES,
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

export const TRAM_PARAMS = {
  length_km: { unit: "km", description: "Line length", min: 0 },
  riders_per_yr: { unit: "rider/yr", description: "Riders per year at full effect", min: 0 },
  share_from_car: {
    unit: "1",
    description: "Share of riders who made the trip by car before (drivers and passengers)",
    min: 0,
    max: 1,
  },
  ...CAR_TRIP_PARAMS,
  tram_vkm_per_yr: { unit: "vkm/yr", description: "Tram vehicle-km per year at full service", min: 0 },
  tram_kwh_per_vkm: {
    unit: "kWh/vkm",
    description: "Tram electricity per vehicle-km (at the meter)",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const tramSchema = z.object({ ...numberShape(TRAM_PARAMS), ...commonShape }).strict();
export type TramParams = z.output<typeof tramSchema> & CommonParams;

export const tramLine: ActionType<TramParams> = {
  type: "tram_line",
  label: { ko: "트램 노선", en: "Tram line" },
  sector: "transport",
  params: TRAM_PARAMS,
  schema: tramSchema as z.ZodType<TramParams>,
  needs: ["grid_tco2e_per_mwh"],
  model(p, year, ctx) {
    const f = scheduleFraction(p.schedule, year);
    const m = TRAM_PARAMS;
    const ridersDay = p.riders_per_yr / 365;
    const car = carShift({
      people_per_day: ridersDay,
      share_from_car: p.share_from_car,
      car_occupancy: p.car_occupancy,
      trip_km: p.trip_km,
      car_kgco2e_per_vkm: p.car_kgco2e_per_vkm,
      fraction: f,
    });
    const vkm = p.tram_vkm_per_yr * f;
    const mwh = (vkm * p.tram_kwh_per_vkm) / 1000;
    const grid = f === 0 ? 0 : ctx.grid_tco2e_per_mwh;
    const tramT = mwh * grid;
    const lines: DeltaEffect[] = [
      { gpc_ref: "II.1.1", delta_tco2e: -car.avoided_tco2e, scope_tag: p.scope_tag, follows_intensity: true },
      { gpc_ref: "II.2.2", delta_tco2e: tramT, scope_tag: p.scope_tag },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        inputStep("length_km", p.length_km, m.length_km, p),
        scheduleStep(p.schedule, year),
        inputStep("riders_per_yr", p.riders_per_yr, m.riders_per_yr, p),
        calcStep(
          "riders_per_day",
          "Riders per day (annual average)",
          ridersDay,
          "rider/d",
          `${fmt(p.riders_per_yr)} / 365`,
        ),
        inputStep("share_from_car", p.share_from_car, m.share_from_car, p),
        ...carTripInputSteps(p),
        ...car.steps,
        calcStep(
          "tram_vkm_per_yr",
          "Tram vehicle-km in the year",
          vkm,
          "vkm/yr",
          `${fmt(p.tram_vkm_per_yr)} × ${fmt(f)}`,
        ),
        calcStep(
          "tram_mwh",
          "Tram electricity",
          mwh,
          "MWh/yr",
          `${fmt(vkm)} × ${fmt(p.tram_kwh_per_vkm)} kWh/vkm / 1000`,
        ),
        {
          ...calcStep("grid_factor", "Grid electricity factor of the year", grid, "tCO2e/MWh", "driver"),
          source: FACTS_SOURCES.grid,
        },
        calcStep("tram_tco2e", "The tram's own emissions", tramT, "tCO2e/yr", `${fmt(mwh)} × ${fmt(grid)}`),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
