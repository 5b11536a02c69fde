/**
 * The compiled model: a validated instance turned into flat typed arrays over years x lines, so that one
 * evaluation is a few tight loops with no allocation. Layout (documented here once):
 * - year index y = year - baseYear, 0..nYears-1; line index l in inventory order; action index a in the
 *   instance's action order; basis index b: basic, basic_plus, territorial, then the instance's bases.
 * - per-line-year arrays are year-major: i = y * nLines + l.
 * - effects: one row per (action, line, kind) with nYears values in `effValues[e * nYears + y]`,
 *   ordered by action, then line, then kind (scale, delta, delta following intensity).
 */
import type { ActionRegistry, ExplainStep } from "../actions/interface.ts";
import type { AssetLife } from "../actions/lifecycle.ts";
import type { Scope2Method } from "../vocabulary/scope2.ts";
import type { KrSectorId } from "../vocabulary/sectors.ts";
import type { ResolvedInstance } from "./schema.ts";
import type { Series } from "./series.ts";

export const EFFECT_SCALE = 0;
export const EFFECT_DELTA = 1;
export const EFFECT_DELTA_FOLLOWS = 2;
/**
 * A market-based Scope 2 delta (a contractual instrument: a renewable purchase, a certificate): it changes
 * the market-based figures only; location-based emissions, totals and abatement do not see it.
 */
export const EFFECT_MARKET = 3;
/** sectorOf value of a line outside the Korean plan sectors. */
export const NO_SECTOR = 255;

export interface LineMeta {
  readonly gpc_ref: string;
  readonly scope: 1 | 2 | 3;
  /** Undefined when the line is outside the Korean plan sectors (counted in no sector total). */
  readonly kr_sector: KrSectorId | undefined;
  readonly sink: boolean;
  readonly label?: { ko: string; en: string };
}

export interface BasisMeta {
  readonly id: string;
  readonly name: { ko: string; en: string };
  /** Line indices in the basis, ascending. */
  readonly lines: Int32Array;
}

export interface ActionMeta {
  readonly id: string;
  readonly type: string;
  readonly name: { ko: string; en: string };
  readonly binary: boolean;
  /** How long what the action builds or buys lasts (its type's), or null when the type has none. */
  readonly life: AssetLife | null;
  /** False when the action's type has no cost model (its costs are unknown, not zero). */
  readonly costed: boolean;
  /** Cost parameters the instance does not give, in any year (the action's costs are incomplete). */
  readonly costsMissing: readonly string[];
}

export interface TargetMeta {
  readonly id: string;
  readonly name: { ko: string; en: string };
  readonly basis: number;
  /** The Scope 2 method the target is measured on (its gap is that method's). */
  readonly method: Scope2Method;
  readonly baseYear: number;
  readonly baseTco2e: number;
  /** Target path by year index; NaN before the target's base year. */
  readonly path: Float64Array;
}

export interface ScenarioMeta {
  readonly id: string;
  readonly name: { ko: string; en: string };
  /** Levels by action index (0 for actions the scenario does not use). */
  readonly levels: Float64Array;
  /** True when the scenario replaces drivers: evaluate it on the model compiled for it. */
  readonly overridesDrivers: boolean;
}

export interface CompiledModel {
  readonly instanceId: string;
  readonly instanceVersion: string;
  /** The scenario whose driver paths this model was compiled with, or "bau" for the instance's own. */
  readonly driverScenario: string;
  readonly baseYear: number;
  readonly endYear: number;
  readonly nYears: number;
  readonly nLines: number;
  readonly nActions: number;
  readonly lines: readonly LineMeta[];
  readonly sink: Uint8Array;
  readonly sectorOf: Uint8Array;
  readonly bases: readonly BasisMeta[];
  readonly actions: readonly ActionMeta[];
  readonly targets: readonly TargetMeta[];
  readonly scenarios: readonly ScenarioMeta[];
  /** Base-year emissions by line, tCO2e. */
  readonly base: Float64Array;
  /** Business-as-usual emissions, year-major, tCO2e. */
  readonly bau: Float64Array;
  readonly nEffects: number;
  readonly effAction: Int32Array;
  readonly effLine: Int32Array;
  readonly effKind: Uint8Array;
  readonly effValues: Float64Array;
  /** Costs at level 1 by action and year: [capex, opex, savings] at ((a * nYears + y) * 3 + k), KRW. */
  readonly costs: Float64Array;
  /** For the explanation path only (never read by evaluate). */
  readonly source: CompiledSource;
}

/** What the explanation path re-reads: the instance, parsed parameters, driver series, registry. */
export interface CompiledSource {
  readonly instance: ResolvedInstance;
  readonly params: readonly unknown[];
  readonly registry: ActionRegistry;
  readonly drivers: ReadonlyMap<string, Series>;
}

/** A pathway evaluated for one set of levels; every array is owned by the result and reusable. */
export interface PathwayResult {
  /** Emissions by year and line, year-major, tCO2e. */
  readonly emissions: Float64Array;
  /** Abatement by action and year (a * nYears + y), tCO2e; sums to BAU - scenario over lines. */
  readonly abatement: Float64Array;
  /** Totals by basis and year (b * nYears + y), tCO2e. */
  readonly basis: Float64Array;
  /** Totals by Korean plan sector and year (s * nYears + y), tCO2e, sectors in SECTOR_IDS order. */
  readonly sector: Float64Array;
  /** Cumulative emissions by basis from the base year, inclusive (b * nYears + y), tCO2e. */
  readonly cumulative: Float64Array;
  /** Gap to each target path (t * nYears + y), tCO2e above the path; NaN where the path is undefined. */
  readonly gap: Float64Array;
  /**
   * The same figures by the market-based Scope 2 method (GHG Protocol Scope 2 Guidance): the location-based
   * emissions with the instruments' market-based deltas applied (a line not below 0 unless a sink).
   * Everything else above is location-based.
   */
  readonly market: {
    readonly emissions: Float64Array;
    readonly abatement: Float64Array;
    readonly basis: Float64Array;
    readonly sector: Float64Array;
    readonly cumulative: Float64Array;
    readonly gap: Float64Array;
    /** Scratch, line-major: the market-based deltas. */
    readonly delta: Float64Array;
  };
  /** Scratch, line-major (l * nYears + y): the combined scale factor S. */
  readonly scale: Float64Array;
  /** Scratch, line-major: the combined delta D. */
  readonly delta: Float64Array;
  /** Scratch: sum of -ln(factor) of scale effects, and the count of factors that are exactly 0. */
  readonly logSum: Float64Array;
  readonly zeros: Float64Array;
  /** Scratch by effect and year (e * nYears + y): each scale effect's -ln(factor). */
  readonly effLog: Float64Array;
}

/**
 * The figures a target is measured on: the location-based block of a result, or its market-based block
 * for a target with `scope2_method: market_based`. `gap(t)` is the target's own gap by year.
 */
export function targetFigures(
  m: CompiledModel,
  r: PathwayResult,
  t: number,
): { readonly emissions: Float64Array; readonly basis: Float64Array; readonly gap: Float64Array } {
  const b = m.targets[t]!.method === "market_based" ? r.market : r;
  const Y = m.nYears;
  return { emissions: b.emissions, basis: b.basis, gap: b.gap.subarray(t * Y, (t + 1) * Y) };
}

/** An explained number: its value and the chain of steps from the inputs. */
export interface Explanation {
  readonly gpc_ref: string;
  readonly year: number;
  readonly scenario: string;
  readonly value: number;
  readonly unit: "tCO2e";
  readonly steps: readonly ExplainStep[];
  /** The business-as-usual value of the line in the year. */
  readonly bau: number;
  /** Each action acting on the line: its level, effect and attributed abatement. */
  readonly actions: readonly {
    readonly id: string;
    readonly level: number;
    readonly scale_fraction: number;
    readonly delta_tco2e: number;
    readonly delta_follows_tco2e: number;
    readonly abatement_tco2e: number;
    readonly chain: readonly ExplainStep[];
  }[];
}
