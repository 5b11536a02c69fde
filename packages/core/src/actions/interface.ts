/**
 * The action plug-in interface: how an action type (a small model of a real mechanism) tells the pathway
 * engine what it does to the emissions of a city.
 *
 * An action type is a pure function of its parameters, a year and a context:
 *   model(params, year, ctx) => { lines: ActionLineEffect[], chain: ExplainStep[] }
 * plus a zod schema of its parameters (each numeric parameter has a unit in `params`), and its costs. The
 * engine calls `model` once per year when it compiles a model (never in the hot loop), stores the effects
 * in typed arrays, and calls it again only to explain a number. The library's own declarations
 * (actions/library/types.ts) are assignable to these: this file is what the engine relies on.
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
 * `ctx.driver(id, unit)`, converted to the unit the action asks for, or from `ctx.drivers` in the units the
 * instance declares; an unknown driver or a unit that does not convert is an error, never a silent zero.
 */
import type { z } from "zod";
import type { KrSectorId } from "../vocabulary/sectors.ts";
import type { AssetLife } from "./lifecycle.ts";

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
 * One step of the chain that produced a number: `value` (in `unit`) = `formula` (written with the numbers
 * used). Steps are in order; the last step of an action's chain is its total for the year.
 */
export interface ExplainStep {
  /** Stable key for translation and tests, e.g. `car_trips_avoided_per_day`. */
  readonly key: string;
  /** Short English label; the key is translated in the interface. */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly formula: string;
  /** Where the value (or its input) comes from: a publication, an instance file, a driver. */
  readonly source?: string;
  /** True when the value is an illustrative assumption, not a sourced figure. */
  readonly illustrative?: boolean;
  /** The named inputs of the formula, when the step has several. */
  readonly inputs?: readonly ExplainInput[];
  readonly note?: string;
}

/** Whose emissions an effect changes: the community's, or the city administration's own operations. */
export type ScopeTag = "community" | "municipal_operations";

/** An absolute change of a line's emissions in one year, tCO2e per year (negative = reduction). */
export interface DeltaEffect {
  /** GPC v1.1 reference number, e.g. `II.1.1` (on-road transport, scope 1). */
  readonly gpc_ref: string;
  readonly delta_tco2e: number;
  /** The delta is activity valued at the line's base intensity: the engine scales it by the line's S. */
  readonly follows_intensity?: boolean;
  readonly scope_tag?: ScopeTag;
  /** Accounting basis when not location-based (e.g. a market-based power purchase). */
  readonly basis?: "location" | "market";
}

/** A change of a line's activity or intensity: emissions x (1 - level x scale_fraction). */
export interface ScaleEffect {
  readonly gpc_ref: string;
  /** Fraction of the line removed at level 1, dimensionless; negative raises the line. */
  readonly scale_fraction: number;
  readonly scope_tag?: ScopeTag;
}

export type ActionLineEffect = DeltaEffect | ScaleEffect;

export function isScaleEffect(e: ActionLineEffect): e is ScaleEffect {
  return "scale_fraction" in e;
}

/** What an action type returns for one year. */
export interface ActionResult {
  readonly lines: readonly ActionLineEffect[];
  /** The mechanism, step by step (e.g. riders -> car trips avoided -> vehicle-km -> tCO2e). */
  readonly chain: readonly ExplainStep[];
}

/** Costs of an action in one year at level 1, constant KRW of the instance's price year. */
export interface YearCosts {
  readonly capex_krw: number;
  readonly opex_krw: number;
  /** Savings (fuel, energy, operations), positive = money saved. */
  readonly savings_krw: number;
  readonly chain: readonly ExplainStep[];
}

/** What the engine gives an action type when it evaluates one year. Every getter throws rather than guess. */
export interface ActionContext {
  readonly year: number;
  /** The model's base year (the year of the base inventory). */
  readonly baseYear: number;
  /**
   * Grid electricity factor of the year, tCO2e/MWh, from the driver whose role is `grid_factor`.
   * Reading it when the instance has no such driver throws UNKNOWN_REFERENCE.
   */
  readonly grid_tco2e_per_mwh: number;
  /** Hydrogen supply factor, tCO2e/kg H2, from the driver whose role is `hydrogen_factor`, if any. */
  readonly hydrogen_tco2e_per_kg?: number;
  /** Every driver of the year by id, in the unit the instance declares for it. */
  readonly drivers: Readonly<Record<string, number>>;
  /**
   * A driver's value in this year converted to `unit` (ctx.driver("population", "count")). Throws a
   * CitypathError (UNKNOWN_REFERENCE, MISSING_YEAR or UNIT_MISMATCH); the engine reports it with the
   * action's path.
   */
  driver(id: string, unit: string): number;
  /** The line's business-as-usual emissions in this year, tCO2e (before any action). */
  bau(gpcRef: string): number;
  /** The line's base-year emissions, tCO2e. */
  base(gpcRef: string): number;
}

/** A parameter's default: a sourced figure, or an illustrative one that says so. */
export interface ParamDefault {
  readonly value: number;
  /** Citation, required unless illustrative. */
  readonly source?: string;
  readonly illustrative?: true;
  readonly note?: string;
}

/** Metadata of a numeric parameter: unit, meaning, allowed range and default with its provenance. */
export interface ParamMeta {
  /** A unit symbol the unit parser reads (`km`, `tCO2e`, `kgCO2e/km`), `1` for a pure number, `year`. */
  readonly unit: string;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  readonly default?: ParamDefault;
}

/**
 * An action type. `P` is the parsed parameter object (the output of `schema`). Implementations are pure:
 * no I/O, no clock, no randomness, the same output for the same input.
 */
export interface ActionType<P = unknown> {
  /** Stable id used in instance files: `type: fixed_abatement`. */
  readonly type: string;
  readonly label: Label;
  /** The Korean plan sector the type acts in. */
  readonly sector?: KrSectorId;
  /** Metadata of the numeric parameters (unit, description, default with source). */
  readonly params: Readonly<Record<string, ParamMeta>>;
  /** The parameter schema; its errors carry paths that the engine prefixes with `actions[i].params`. */
  readonly schema: z.ZodType<P>;
  /** Context fields the model reads (`grid_tco2e_per_mwh`, `drivers.population`), checked at compile. */
  readonly needs?: readonly string[];
  /** The level is 0 or 1 only (a project that happens or not). Default: a continuous level. */
  readonly binary?: boolean;
  /**
   * How long what the action builds or buys lasts, for the life-cycle appraisal. The library's types take
   * theirs from ASSET_LIVES (lifecycle.ts); a type declared elsewhere may state its own here.
   */
  readonly life?: AssetLife;
  readonly model: (p: P, year: number, ctx: ActionContext) => ActionResult;
  /** Costs by year at level 1; the engine scales them by the level. */
  readonly costs?: (p: P, year: number, ctx: ActionContext) => YearCosts;
}

/**
 * Declares an action type with its parameter type checked, and erases `P` for the registry (the engine
 * parses params with the type's own schema before it calls it, so P always matches at run time).
 */
export function defineActionType<P>(t: ActionType<P>): ActionType<unknown> {
  return t as unknown as ActionType<unknown>;
}

/** A set of action types by id; the engine looks types up here. */
export type ActionRegistry = ReadonlyMap<string, ActionType<unknown>>;

/** Builds a registry; a duplicate id is a programming error and throws. */
export function actionRegistry(...sets: ReadonlyArray<readonly ActionType<unknown>[]>): ActionRegistry {
  const m = new Map<string, ActionType<unknown>>();
  for (const types of sets)
    for (const t of types) {
      if (m.has(t.type)) throw new Error(`action type "${t.type}" is registered twice`);
      m.set(t.type, t);
    }
  return m;
}
