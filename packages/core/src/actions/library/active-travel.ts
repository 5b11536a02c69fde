/**
 * Modal shift to cycling and walking: trips moved out of cars by bicycle lanes, walkable streets or bike
 * sharing. Chain: person-trips/day shifted × share from car / occupancy × trip length × 365 × schedule =
 * car vkm avoided; × car kgCO2e/vkm = tonnes avoided (II.1.1, following the line's intensity).
 * Scheduled: the trips shifted. Costs: written directly (lanes, bike sharing).
 */
import { z } from "zod";
import { scheduleFraction } from "../schedule.ts";
import {
  CAR_TRIP_PARAMS,
  type CommonParams,
  carShift,
  carTripInputSteps,
  commonShape,
  inputStep,
  nonZero,
  numberShape,
  onlyDirectCosts,
  scheduleStep,
  tonnesOf,
  totalStep,
} from "./common.ts";
import type { ActionType, DeltaEffect, ParamMeta } from "./types.ts";

export const ACTIVE_TRAVEL_PARAMS = {
  trips_per_day: {
    unit: "person-trip/d",
    description: "Person-trips per day made by bicycle or on foot because of the action, at full effect",
    min: 0,
  },
  share_from_car: {
    unit: "1",
    description: "Share of those trips that were made by car before",
    min: 0,
    max: 1,
  },
  ...CAR_TRIP_PARAMS,
} as const satisfies Record<string, ParamMeta>;

export const activeTravelSchema = z
  .object({
    ...numberShape(ACTIVE_TRAVEL_PARAMS),
    mode: z.enum(["cycling", "walking", "both"]),
    ...commonShape,
  })
  .strict();
export type ActiveTravelParams = z.output<typeof activeTravelSchema> & CommonParams;

export const activeTravel: ActionType<ActiveTravelParams> = {
  type: "active_travel",
  label: { ko: "자전거·보행 전환", en: "Modal shift to cycling and walking" },
  sector: "transport",
  params: ACTIVE_TRAVEL_PARAMS,
  schema: activeTravelSchema as z.ZodType<ActiveTravelParams>,
  needs: [],
  model(p, year) {
    const f = scheduleFraction(p.schedule, year);
    const m = ACTIVE_TRAVEL_PARAMS;
    const car = carShift({
      people_per_day: p.trips_per_day,
      share_from_car: p.share_from_car,
      car_occupancy: p.car_occupancy,
      trip_km: p.trip_km,
      car_kgco2e_per_vkm: p.car_kgco2e_per_vkm,
      fraction: f,
    });
    const lines: DeltaEffect[] = [
      { gpc_ref: "II.1.1", delta_tco2e: -car.avoided_tco2e, scope_tag: p.scope_tag, follows_intensity: true },
    ];
    return {
      lines: nonZero(lines),
      chain: [
        scheduleStep(p.schedule, year),
        inputStep("trips_per_day", p.trips_per_day, m.trips_per_day, p),
        inputStep("share_from_car", p.share_from_car, m.share_from_car, p),
        ...carTripInputSteps(p),
        ...car.steps,
        totalStep(tonnesOf(lines)),
      ],
    };
  },
  costs: (p, year) => onlyDirectCosts(p, year),
};
