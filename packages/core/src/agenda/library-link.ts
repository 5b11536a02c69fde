/**
 * Links between the agenda and the action library: an action type of the library seen as an agenda
 * `ActionModel`, and the mappings that put an observed indicator in place of a model parameter.
 */
import type { ActionContext, ActionType } from "../actions/interface.ts";
import type { BrtParams } from "../actions/library/brt.ts";
import type { IndicatorId } from "../ids.ts";
import type { ActionModel, ObservedParameterMapping } from "./modelled.ts";

/**
 * An action type of the library with its context bound, at a scenario level (0 = off, 1 = as
 * parameterised). The level multiplies every effect, as the pathway engine does.
 */
export function fromActionType<P>(
  type: ActionType<P>,
  ctxFor: (year: number) => ActionContext,
  level: number,
): ActionModel<P> {
  return (params, year) => {
    const r = type.model(params, year, ctxFor(year));
    return {
      chain: r.chain,
      lines: r.lines.map((l) =>
        "scale_fraction" in l
          ? { gpc_ref: l.gpc_ref, scale_fraction: l.scale_fraction * level }
          : { gpc_ref: l.gpc_ref, delta_tco2e: l.delta_tco2e * level },
      ),
    };
  };
}

/**
 * BRT riders observed -> the corridor model's `riders_per_day` (riders on an average day of operation, in
 * `rider/d`). The model then turns riders into car trips, car-km and tCO2e avoided with the scenario's own
 * share from car, occupancy, trip length and car emissions per km.
 */
export function brtRidersMapping(indicator: IndicatorId): ObservedParameterMapping<BrtParams> {
  return {
    indicator,
    parameter: "riders_per_day",
    unit: "rider/d",
    apply: (params, observed) => ({ ...params, riders_per_day: observed }),
  };
}
