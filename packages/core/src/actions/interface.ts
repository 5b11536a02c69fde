/**
 * The action plug-in interface: how an action type (a small model of a real mechanism) tells the pathway
 * engine what it does to the emissions of a city.
 *
 * An action type is a pure function of its parameters, a year and a context:
 *   evaluate(params, year, ctx) => { lines: ActionLineEffect[], chain: ExplainStep[] }
 * plus a zod schema of its parameters (each parameter has a unit in `units`), the lines it may change, and
 * optionally its costs. The engine calls `evaluate` once per year when it compiles a model (never in the
 * hot loop), stores the effects in typed arrays, and calls it again only to explain a number.
 *
 * Two kinds of effect on a line (a GPC reference such as "II.1.1"):
 * - scale  `{ gpc_ref, scale_fraction }`: an activity or intensity change. The line's emissions are
 *   multiplied by (1 - level x scale_fraction); 0.2 means 20 % less activity or 20 % lower intensity.
 * - delta  `{ gpc_ref, delta_tco2e }`: an absolute change in tCO2e per year; negative is a reduction
 *   (a sink's uptake is a negative delta on a sink line). With `follows_intensity: true` the delta is
 *   activity valued at the line's base intensity (e.g. car-km avoided x car emissions per km), and the
 *   engine multiplies it by the line's combined scale factor, so that a BRT corridor does not also claim
 *   the tonnes that electric cars already removed from the same kilometres.
 *
 * How actions combine on one line and year (the documented order; nothing is counted twice):
 *   1. S = product over scale effects of max(0, 1 - level_a x scale_fraction_a)   (activity side first)
 *   2. D = sum over delta effects of level_a x delta_a x (follows_intensity ? S : 1)
 *   3. E = BAU x S + D, then capped at 0 unless the line is a sink (sinks may go below zero).
 * Abatement is attributed to actions so that it sums exactly to BAU - E: the scale part BAU x (1 - S) is
 * shared in proportion to -ln(factor_a) (independent of the order of actions); the delta part goes to each
 * delta action as its own delta, scaled down pro rata when the cap at zero binds.
 *
 * The level of an action in a scenario multiplies its response (0 = off, 1 = as parameterised; the least-
 * cost portfolio varies it between a minimum and a maximum). An action type whose effect is not
 * proportional to a level declares `binary: true`; its level is then 0 or 1.
 *
 * Units: effects are tCO2e per year (delta) or a dimensionless fraction (scale). Driver values come from
 * `ctx.driver(id, unit)`, converted to the unit the action asks for; an unknown driver or a unit that does
 * not convert is an error, never a silent zero.
 */
import type { z } from "zod";

/** A bilingual label; Korean is the product's default language. */
export interface Label {
  readonly ko: string;
  readonly en: string;
}

/** One input of an explanation step: a named value with its unit and where it comes from. */
export interface ExplainInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly source?: string;
  /** True when the value is illustrative (no published figure); shown as such. */
  readonly illustrative?: boolean;
}

/**
 * One step of the chain that produced a number: `value` (in `unit`) = `formula` applied to `inputs`.
 * Steps are in order; a later step may use an earlier step's label as an input name.
 */
export interface ExplainStep {
  readonly label: string;
  readonly formula: string;
  readonly value: number;
  readonly unit: string;
  readonly inputs: readonly ExplainInput[];
  readonly source?: string;
  readonly note?: string;
}

/** An absolute change of a line's emissions in one year, tCO2e per year (negative = reduction). */
export interface DeltaEffect {
  readonly gpc_ref: string;
  readonly delta_tco2e: number;
  /** The delta is activity valued at the line's base intensity: the engine scales it by the line's S. */
  readonly follows_intensity?: boolean;
}

/** A change of a line's activity or intensity: emissions x (1 - level x scale_fraction). */
export interface ScaleEffect {
  readonly gpc_ref: string;
  /** Fraction of the line removed at level 1, dimensionless; negative raises the line. */
  readonly scale_fraction: number;
}

export type ActionLineEffect = DeltaEffect | ScaleEffect;

export function isScaleEffect(e: ActionLineEffect): e is ScaleEffect {
  return "scale_fraction" in e;
}

/** What an action type returns for one year. */
export interface ActionYearResult {
  readonly lines: readonly ActionLineEffect[];
  /** The mechanism, step by step (e.g. riders -> car trips avoided -> vehicle-km -> tCO2e). */
  readonly chain: readonly ExplainStep[];
}

/** Costs of an action in one year, KRW of the instance's price year (positive = money spent). */
export interface ActionYearCost {
  readonly capital_krw: number;
  readonly operating_krw: number;
  /** Savings (fuel, energy, operations), positive = money saved. */
  readonly savings_krw: number;
  readonly chain?: readonly ExplainStep[];
}

/** What the engine gives an action type when it evaluates one year. */
export interface ActionContext {
  readonly year: number;
  /** The model's base year (the year of the base inventory). */
  readonly baseYear: number;
  /**
   * The value of a driver in this year, converted to `unit` (e.g. ctx.driver("grid_factor", "tCO2e/MWh")).
   * Throws a CitypathError (UNKNOWN_REFERENCE, MISSING_YEAR or UNIT_MISMATCH) that the engine reports
   * with the action's path; never returns a made-up value.
   */
  driver(id: string, unit: string): number;
  /** The line's business-as-usual emissions in this year, tCO2e (before any action). */
  bau(gpcRef: string): number;
  /** The line's base-year emissions, tCO2e. */
  base(gpcRef: string): number;
}

/** A parameter's unit and meaning, shown in editors and explanations. */
export interface ParamInfo {
  /** A unit symbol the unit parser reads (`km`, `tCO2e/yr`, `kgCO2e/km`) or `1` for a pure number. */
  readonly unit: string;
  readonly label: Label;
  /** A default with its source; `illustrative` where no published figure exists. */
  readonly default?: { readonly value: unknown; readonly source: string; readonly illustrative?: boolean };
}

/**
 * An action type. `P` is the parsed parameter object (the output of `params`). Implementations are pure:
 * no I/O, no clock, no randomness, the same output for the same input.
 */
export interface ActionType<P = unknown> {
  /** Stable id used in instance files: `type: fixed_abatement`. */
  readonly id: string;
  readonly label: Label;
  readonly description: Label;
  /** The parameter schema; its errors carry paths that the engine prefixes with `actions[i].params`. */
  readonly params: z.ZodType<P>;
  /** One entry per top-level parameter: its unit and meaning. */
  readonly units: Readonly<Record<string, ParamInfo>>;
  /** The level is 0 or 1 only (a project that happens or not). Default: a continuous level. */
  readonly binary?: boolean;
  /** The lines (GPC references) the action may change; checked against the instance when it compiles. */
  lines(params: P): readonly string[];
  evaluate(params: P, year: number, ctx: ActionContext): ActionYearResult;
  /** Costs by year at level 1; the engine scales them by the level. */
  costs?(params: P, year: number, ctx: ActionContext): ActionYearCost;
}

/** A set of action types by id; the engine looks types up here. */
export type ActionRegistry = ReadonlyMap<string, ActionType<unknown>>;

/**
 * Declares an action type with its parameter type checked, and erases `P` for the registry (the engine
 * parses params with the type's own schema before it calls it, so P always matches at run time).
 */
export function defineActionType<P>(t: ActionType<P>): ActionType<unknown> {
  return t as unknown as ActionType<unknown>;
}

/** Builds a registry; a duplicate id is a programming error and throws. */
export function actionRegistry(...sets: ReadonlyArray<readonly ActionType<unknown>[]>): ActionRegistry {
  const m = new Map<string, ActionType<unknown>>();
  for (const types of sets)
    for (const t of types) {
      if (m.has(t.id)) throw new Error(`action type "${t.id}" is registered twice`);
      m.set(t.id, t);
    }
  return m;
}

/**
 * A schedule shared by action types: nothing before `start`, a linear ramp to full effect in `full`,
 * full effect until `end` (inclusive; absent = to the end of the model), nothing after.
 * Returns the share of the full effect in `year`, 0..1. Years are calendar years (annual model).
 */
export interface Schedule {
  readonly start: number;
  readonly full?: number;
  readonly end?: number;
}

export function scheduleShare(s: Schedule, year: number): number {
  if (year < s.start) return 0;
  if (s.end !== undefined && year > s.end) return 0;
  const full = s.full ?? s.start;
  if (year >= full) return 1;
  // start < year < full: linear ramp, counting the start year as the first year with an effect.
  return (year - s.start + 1) / (full - s.start + 1);
}
