/**
 * The shape of every action type in the library, on top of the engine's plug-in interface
 * (../interface.ts). An action type is a small, pure model of a real mechanism (riders who leave their
 * cars, buses that change fuel, trees that grow): given its parameters, a year and the drivers of that
 * year, it returns the change on each GPC line it touches, and the chain of steps that produced it. No type
 * is a percentage cut with a project's name on it.
 *
 * Units: every number is in the unit its name or its metadata states; emission results are tCO2e per year
 * (negative = fewer emissions) or, for activity and intensity changes, a fraction of a line; money is KRW
 * of the action's price year.
 */

import type { KrSectorId } from "../../vocabulary/sectors.ts";
import type {
  ActionContext,
  ActionLineEffect,
  ActionType as EngineActionType,
  YearCosts as EngineYearCosts,
  ExplainStep,
} from "../interface.ts";

export type {
  ActionContext,
  ActionLineEffect,
  DeltaEffect,
  ExplainStep,
  ParamDefault,
  ParamMeta,
  ScaleEffect,
  ScopeTag,
} from "../interface.ts";

/** What a library model returns for one year; `tco2e` is the total change the last chain step states. */
export interface ActionResult {
  readonly lines: ActionLineEffect[];
  readonly chain: ExplainStep[];
}

/** Costs of one year, and the cost parameters the instance did not give (the year's cost is incomplete). */
export interface YearCosts extends EngineYearCosts {
  readonly chain: ExplainStep[];
  readonly missing: string[];
}

/** A library action type: an engine action type whose sector, needs and cost model are always declared. */
export interface ActionType<P> extends EngineActionType<P> {
  readonly sector: KrSectorId;
  readonly needs: readonly string[];
  readonly model: (p: P, year: number, ctx: ActionContext) => ActionResult;
  readonly costs: (p: P, year: number, ctx: ActionContext) => YearCosts;
}
