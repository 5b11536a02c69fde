/**
 * The least-cost portfolio problem, independent of how emissions are computed: a `PortfolioModel` is any
 * full model that, for a vector of action levels, returns the emissions that each target constrains, the
 * net present cost and the spending per year. The pathway engine provides one (pathway-model.ts); tests
 * provide small hand-worked ones.
 *
 * Units: emissions in tCO2e per year (on the target's basis), money in KRW of the instance's price year.
 */
import type { Scope2Method } from "../vocabulary/scope2.ts";

export interface PortfolioAction {
  readonly id: string;
  readonly label?: string;
  /**
   * "continuous": the level lies between `min` and `max` (0 = off, 1 = as parameterised);
   * "binary": a yes/no project, at level 0 or `max`.
   */
  readonly kind: "continuous" | "binary";
  readonly min: number;
  readonly max: number;
  /** A continuous action that may also be left out (level 0) although `min` > 0. */
  readonly optional?: boolean;
  /**
   * The level from which a continuous action counts as "in the portfolio" for exclusions and
   * requirements. Default: `min` when `min` > 0, else 1 % of `max`.
   */
  readonly onLevel?: number;
  /**
   * Levels at which the full model is evaluated to linearise this action (within [0, max]); 0, `min`
   * and `max` are always added. Default: quarters of the range, i.e. 0, max/4, max/2, 3 max/4, max.
   */
  readonly breakpoints?: readonly number[];
}

/** A target: emissions on `basis` in `year` must not exceed `limit` tCO2e. */
export interface PortfolioTarget {
  readonly id: string;
  readonly label?: string;
  readonly basis: string;
  /** The Scope 2 method the emissions are measured on (the model's `evaluate` returns those figures). */
  readonly scope2_method?: Scope2Method;
  readonly year: number;
  readonly limit: number;
}

export interface PortfolioEvaluation {
  /** Emissions per target (same order as `targets`), tCO2e per year. */
  readonly emissions: ArrayLike<number>;
  /** Net present cost of the portfolio (capital + operating - savings, discounted), KRW. */
  readonly npc: number;
  /** Spending per year of `years` (capital + operating, before savings), KRW. */
  readonly spend: ArrayLike<number>;
}

export interface PortfolioModel {
  readonly actions: readonly PortfolioAction[];
  readonly targets: readonly PortfolioTarget[];
  /** The years `spend` covers (budget caps refer to them). */
  readonly years: readonly number[];
  /** The full model: levels[i] is the level of actions[i]. Pure and deterministic. */
  evaluate(levels: Float64Array): PortfolioEvaluation;
}

/** A cap on spending: in one year, or in every year of the model when `year` is absent. KRW. */
export interface BudgetCap {
  readonly year?: number;
  readonly limit: number;
}

export interface PortfolioConstraints {
  readonly budgets?: readonly BudgetCap[];
  /** Pairs of actions that cannot both be in the portfolio. */
  readonly exclusions?: readonly { readonly a: string; readonly b: string }[];
  /** `action` may be in the portfolio only if `requires` is too. */
  readonly requirements?: readonly { readonly action: string; readonly requires: string }[];
}

export interface PortfolioOptions {
  /** Re-solve at most this many times while the full model misses a target (default 8). */
  readonly maxIterations?: number;
  /**
   * Rounds of re-linearising around the portfolio found, keeping a cheaper one that still meets the
   * targets (default 2; 0 turns it off).
   */
  readonly refineRounds?: number;
  /** Slack accepted when checking the full model, tCO2e (default 1e-6 x the target, at least 1e-6). */
  readonly tolerance?: number;
  readonly timeLimitSeconds?: number;
  readonly mipRelGap?: number;
  /** Called with a line of progress (e.g. "iteration 2: 2030 target missed by 1,204 tCO2e"). */
  readonly progress?: (message: string) => void;
}

/** Why a target cannot be reached: the constraints that hold it back. */
export interface BindingConstraint {
  readonly kind: "budget" | "action_at_max" | "exclusion" | "requirement" | "action_at_min";
  /** The budget year, the action id, or `a|b` for an exclusion. */
  readonly id: string;
  readonly message: string;
}

export interface TargetCheck {
  readonly id: string;
  readonly label?: string;
  readonly basis: string;
  readonly scope2_method?: Scope2Method;
  readonly year: number;
  readonly limit: number;
  /** Emissions predicted by the linearisation, tCO2e. */
  readonly linearised: number;
  /** Emissions computed by the full model for the chosen levels, tCO2e. */
  readonly full: number;
  /** max(0, full - limit), tCO2e. */
  readonly shortfall: number;
  readonly met: boolean;
}

export interface BudgetCheck {
  readonly year: number;
  readonly limit: number;
  readonly linearised: number;
  readonly full: number;
  readonly met: boolean;
}

export interface PortfolioResult {
  /**
   * "optimal": every target met under the full model at least cost (within the gap);
   * "feasible": targets met, but the solver stopped at its time limit before proving optimality;
   * "unreachable": no portfolio reaches every target; the levels are the cheapest portfolio with the
   *   smallest total shortfall, and `binding` says what holds it back;
   * "not_met": the linearisation claims the targets are met but the full model still misses them after
   *   `maxIterations` tightenings; the shortfall is in `targets`.
   */
  readonly status: "optimal" | "feasible" | "unreachable" | "not_met";
  readonly levels: readonly { readonly action: string; readonly level: number; readonly on: boolean }[];
  /** Net present cost, KRW: as the linearisation predicts it, and from the full model. */
  readonly npc: { readonly linearised: number; readonly full: number };
  readonly targets: readonly TargetCheck[];
  readonly budgets: readonly BudgetCheck[];
  readonly binding: readonly BindingConstraint[];
  readonly iterations: readonly {
    readonly iteration: number;
    /** 0: linearised with every other action off; 1, 2...: around the previous round's portfolio. */
    readonly round: number;
    /** Extra abatement asked of the linearisation per target, tCO2e. */
    readonly margins: readonly number[];
    readonly maxShortfall: number;
    readonly solverStatus: string;
    readonly solverMs: number;
  }[];
  /** Full-model evaluations spent on the linearisation and the checks. */
  readonly evaluations: number;
}
