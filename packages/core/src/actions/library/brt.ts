/**
 * BRT corridor (간선급행버스체계): median bus lanes that draw riders out of cars. Chain: riders/day × share who
 * left a car / car occupancy = car trips avoided; × average trip length = car vkm; × 365 × schedule = vkm/yr;
 * × car kgCO2e/vkm = car tCO2e avoided. Minus: the change in bus-km × the buses' own kgCO2e/km.
 * Scheduled quantities: riders and the bus-km change. Costs: written directly (capex by year, opex, savings).
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
  fmt,
  inputStep,
  mergeLines,
  nonZero,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  tonnesOf,
  totalStep,
} from "./common.ts";
import type { ActionType, ParamMeta } from "./types.ts";

export const BRT_PARAMS = {
  length_km: { unit: "km", description: "Corridor length", min: 0 },
  riders_per_day: {
    unit: "rider/d",
    description: "Riders per day on the corridor at full effect (annual average day)",
    min: 0,
  },
  share_from_car: {
    unit: "1",
    description: "Share of those riders who made the trip by car before (drivers and passengers)",
    min: 0,
    max: 1,
  },
  ...CAR_TRIP_PARAMS,
  bus_km_change_per_day: {
    unit: "km/d",
    description: "Change in bus-km per day on the corridor (negative = fewer)",
  },
  bus_kgco2e_per_km: {
    unit: "kgCO2e/km",
    description: "The corridor buses' own emissions per bus-km",
    min: 0,
  },
} as const satisfies Record<string, ParamMeta>;

export const brtSchema = z.object({ ...numberShape(BRT_PARAMS), ...commonShape }).strict();
export type BrtParams = z.output<typeof brtSchema> & CommonParams;

export const brtCorridor: ActionType<BrtParams> = {
  type: "brt_corridor",
  label: { ko: "간선급행버스체계(BRT) 노선", en: "BRT corridor" },
  sector: "transport",
  params: BRT_PARAMS,
  schema: brtSchema as z.ZodType<BrtParams>,
  needs: [],
  model(p, year) {
    const f = scheduleFraction(p.schedule, year);
    const car = carShift({
      people_per_day: p.riders_per_day,
      share_from_car: p.share_from_car,
      car_occupancy: p.car_occupancy,
      trip_km: p.trip_km,
      car_kgco2e_per_vkm: p.car_kgco2e_per_vkm,
      fraction: f,
    });
    const busKmYr = p.bus_km_change_per_day * 365 * f;
    const busT = (busKmYr * p.bus_kgco2e_per_km) / 1000;
    const lines = mergeLines([
      { gpc_ref: "II.1.1", delta_tco2e: -car.avoided_tco2e, scope_tag: p.scope_tag, follows_intensity: true },
      { gpc_ref: "II.1.1", delta_tco2e: busT, scope_tag: p.scope_tag },
    ]);
    const m = BRT_PARAMS;
    return {
      lines: nonZero(lines),
      chain: [
        inputStep("length_km", p.length_km, m.length_km, p),
        scheduleStep(p.schedule, year),
        inputStep("riders_per_day", p.riders_per_day, m.riders_per_day, p),
        inputStep("share_from_car", p.share_from_car, m.share_from_car, p),
        ...carTripInputSteps(p),
        ...car.steps,
        calcStep(
          "bus_km_change_per_yr",
          "Change in bus-km in the year",
          busKmYr,
          "km/yr",
          `${fmt(p.bus_km_change_per_day)} km/d × 365 × ${fmt(f)}`,
        ),
        calcStep(
          "bus_tco2e_change",
          "Change in the buses' own emissions",
          busT,
          "tCO2e/yr",
          `${fmt(busKmYr)} × ${fmt(p.bus_kgco2e_per_km)} kgCO2e/km / 1000`,
        ),
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
