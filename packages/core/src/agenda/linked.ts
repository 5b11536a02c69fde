/**
 * Modelled against observed for an agenda action through its `model_link`: finds the scenario's action
 * (through a resolver the caller passes, so the agenda does not depend on how scenarios are stored), the
 * mapping registered for the linked model parameter, and the linked indicator, then compares.
 */
import type { ActionContext, ActionType } from "../actions/interface.ts";
import { fail, problem, type Result } from "../errors.ts";
import type { IndicatorId } from "../vocabulary/ids.ts";
import { brtRidersMapping, fleetLevelMapping, fromActionType } from "./library-link.ts";
import {
  type BauLookup,
  type ModelledVsObserved,
  modelledVsObserved,
  type ObservedParameterMapping,
} from "./modelled.ts";
import type { Action, Indicator } from "./schema.ts";

/** Mappings from an observed indicator to a model parameter, keyed `model/parameter`. */
export type MappingRegistry = Readonly<
  Record<string, (indicator: IndicatorId) => ObservedParameterMapping<unknown>>
>;

/**
 * Erases a mapping's parameter type for the registry: the resolver parses parameters with the model's own
 * schema, so at run time they always have the type the mapping expects.
 */
export function defineMapping<P>(
  m: (indicator: IndicatorId) => ObservedParameterMapping<P>,
): (indicator: IndicatorId) => ObservedParameterMapping<unknown> {
  return m as unknown as (indicator: IndicatorId) => ObservedParameterMapping<unknown>;
}

export const OBSERVED_MAPPINGS: MappingRegistry = {
  "brt_corridor/riders_per_day": defineMapping(brtRidersMapping),
  "bus_fleet_conversion/buses_by_year": defineMapping(fleetLevelMapping),
};

/** The scenario's action that a model link names, ready to run. */
export interface ResolvedScenarioAction {
  readonly type: ActionType<unknown>;
  /** Parameters parsed with the type's own schema. */
  readonly params: unknown;
  /** The action's level in the scenario (0 = off, 1 = as parameterised). */
  readonly level: number;
  readonly ctxFor: (year: number) => ActionContext;
  readonly bau?: BauLookup;
}

/** Finds a linked action in the pathway instance: only the scenario and the action in it are needed. */
export type ScenarioResolver = (link: {
  readonly scenario: string;
  readonly scenario_action: string;
}) => Result<ResolvedScenarioAction>;

export interface LinkedComparisonOptions {
  readonly years: readonly number[];
  readonly asOfYear: number;
  readonly tolerance: number;
  readonly mappings?: MappingRegistry;
}

export function compareLinkedAction(
  action: Action,
  indicators: readonly Indicator[],
  resolve: ScenarioResolver,
  opts: LinkedComparisonOptions,
): Result<ModelledVsObserved> {
  const link = action.model_link;
  if (!link)
    return fail([
      problem("MISSING_VALUE", `action '${action.id}' has no model link`, { path: "model_link" }),
    ]);
  const key = `${link.model}/${link.parameter}`;
  const mapping = (opts.mappings ?? OBSERVED_MAPPINGS)[key];
  const indicator = indicators.find((i) => i.id === link.indicator);
  const problems = [];
  if (!mapping)
    problems.push(
      problem(
        "UNKNOWN_REFERENCE",
        `no mapping from an observed indicator to ${link.model}.${link.parameter}`,
        {
          path: "model_link.parameter",
        },
      ),
    );
  if (!indicator)
    problems.push(
      problem("UNKNOWN_REFERENCE", `no indicator with id '${link.indicator}'`, {
        path: "model_link.indicator",
      }),
    );
  if (problems.length || !mapping || !indicator) return fail(problems);
  const resolved = resolve(link);
  if (!resolved.ok)
    return fail(resolved.problems.map((p) => ({ ...p, path: p.path ?? "model_link.scenario_action" })));
  const r = resolved.value;
  if (r.type.type !== link.model)
    return fail([
      problem(
        "BAD_VALUE",
        `scenario action '${link.scenario_action}' is a '${r.type.type}', the link says '${link.model}'`,
        { path: "model_link.model" },
      ),
    ]);
  return modelledVsObserved({
    action: action.id,
    model: fromActionType(r.type, r.ctxFor, r.level),
    scenarioParams: () => r.params,
    mapping: mapping(indicator.id),
    indicator,
    years: opts.years,
    asOfYear: opts.asOfYear,
    tolerance: opts.tolerance,
    ...(r.bau ? { bau: r.bau } : {}),
  });
}
