/**
 * Links between the agenda and the action library: an action type of the library seen as an agenda
 * `ActionModel`, and the mappings that put an observed indicator in place of a model parameter.
 */
import type { ActionContext, ActionType } from "../actions/interface.ts";
import type { BrtParams } from "../actions/library/brt.ts";
import type { BusFleetParams } from "../actions/library/bus-fleet.ts";
import type { IndicatorId } from "../vocabulary/ids.ts";
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

/**
 * Converted buses in service observed (a fleet level, `count`) -> the bus-conversion model's
 * `buses_by_year` (buses added each year). The scenario's additions before the first observed year are
 * kept; from then on each observed year adds the change in the observed level since the previous observed
 * year. Additions after the year are dropped, so a projection holds the fleet at its latest observed level.
 */
export function fleetLevelMapping(indicator: IndicatorId): ObservedParameterMapping<BusFleetParams> {
  return {
    indicator,
    parameter: "buses_by_year",
    unit: "count",
    apply: (params, _observed, year, history) => {
      const years = [...history.keys()].filter((y) => y <= year).sort((a, b) => a - b);
      const first = years[0];
      if (first === undefined) return params;
      const path: Record<string, number> = {};
      let level = 0;
      for (const [y, added] of Object.entries(params.buses_by_year))
        if (Number(y) < first) {
          path[y] = added;
          level += added;
        }
      for (const y of years) {
        const observed = history.get(y)!;
        path[String(y)] = observed - level;
        level = observed;
      }
      return { ...params, buses_by_year: path };
    },
  };
}
