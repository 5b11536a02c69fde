/**
 * The shared shape of every action type in the library. An action type is a small, pure model of a real
 * mechanism (riders who leave their cars, buses that change fuel, trees that grow): given its parameters,
 * a year and the drivers of that year, it returns the change in emissions on each GPC line it touches, and
 * the chain of steps that produced the number. No type is a percentage cut with a project's name on it.
 *
 * Units: every number inside the library is in the unit its name or its metadata states; emission results
 * are tCO2e per year (negative = fewer emissions), energy is MJ or MWh as named, money is KRW of the price
 * year the action states.
 */
import type { z } from "zod";

/** One step of an explanation: what was computed, its value and unit, how, and from what. */
export interface ExplainStep {
  /** Stable key for translation and tests, e.g. `car_trips_avoided_per_day`. */
  readonly key: string;
  /** Short English label; the key is translated in the interface. */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** The formula in words and symbols, with the numbers used, e.g. `2,000 rider/d × 0.3 / 1.22`. */
  readonly formula: string;
  /** Where an input comes from (a FACTS reference, a parameter of the instance, a driver), if an input. */
  readonly source?: string;
  /** True when the value is an illustrative assumption, not a sourced figure. */
  readonly illustrative?: boolean;
}

/** Whose emissions an action line changes: the community's, or the city administration's own operations. */
export type ScopeTag = "community" | "municipal_operations";

/** A change on one inventory line, in tCO2e per year (negative = abatement). */
export interface ActionLine {
  /** GPC v1.1 reference number, e.g. `II.1.1` (on-road transport, scope 1). */
  readonly gpc_ref: string;
  readonly delta_tco2e: number;
  /** `municipal_operations` when the emissions are the city administration's own (ESG tracking). */
  readonly scope_tag: ScopeTag;
  /** Accounting basis the change belongs to when not location-based scope 1/2 (e.g. market-based PPA). */
  readonly basis?: "location" | "market";
}

export interface ActionResult {
  readonly lines: ActionLine[];
  /** The explanation; its last step is the total change in tCO2e/yr (the sum of the lines). */
  readonly chain: ExplainStep[];
}

/**
 * What a model may read of the world in a year: drivers of the pathway, never the action's own choices.
 * The engine builds one per year (see docs/methodology/actions.md for each type's needs).
 */
export interface ActionContext {
  readonly year: number;
  /** Grid electricity emission factor of the year, tCO2e/MWh (location-based, consumption side). */
  readonly grid_tco2e_per_mwh: number;
  /** Hydrogen supply factor of the year, tCO2e per kg H2, when a hydrogen route is given as a driver. */
  readonly hydrogen_tco2e_per_kg?: number;
  /** Other drivers by name (population, car_vkm, ...), in the units the instance declares. */
  readonly drivers?: Readonly<Record<string, number>>;
}

/** A parameter's default: a sourced figure, or an illustrative one that says so. */
export interface ParamDefault {
  readonly value: number;
  /** Citation (FACTS.md section and the source it names), required unless illustrative. */
  readonly source?: string;
  readonly illustrative?: true;
  readonly note?: string;
}

/** Metadata of a numeric parameter: unit, meaning, allowed range and default with its provenance. */
export interface ParamMeta {
  readonly unit: string;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  readonly default?: ParamDefault;
}

/** Capital, operating cost and savings of one year, constant KRW of the action's price year. */
export interface YearCosts {
  readonly capex_krw: number;
  readonly opex_krw: number;
  readonly savings_krw: number;
  readonly chain: ExplainStep[];
  /** Cost parameters the type needs but the instance did not give: the year's cost is incomplete. */
  readonly missing: string[];
}

/** An action type: its parameter schema and metadata, its emissions model and its cost model. */
export interface ActionType<P> {
  readonly type: string;
  readonly label: { readonly ko: string; readonly en: string };
  /** Sector of the Korean plan the type belongs to (건물, 수송, 폐기물, 흡수원, 전환...). */
  readonly sector: "buildings" | "transport" | "waste" | "sinks" | "supply";
  /** Metadata of the numeric parameters (unit, description, default with source). */
  readonly params: Readonly<Record<string, ParamMeta>>;
  /** Validates the parameters as written (defaults not yet applied are filled by `parse`). */
  readonly schema: z.ZodType<P>;
  /** Context fields the model reads (`grid_tco2e_per_mwh`, `drivers.population`...), checked before runs. */
  readonly needs: readonly string[];
  readonly model: (p: P, year: number, ctx: ActionContext) => ActionResult;
  readonly costs: (p: P, year: number, ctx: ActionContext) => YearCosts;
}
