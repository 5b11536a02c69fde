/**
 * One least-cost portfolio per target year, then the portfolio that meets every year together, if any.
 *
 * Taking every target year at once hides the choice: one year out of reach makes the whole problem
 * unreachable, and the answer is "every lever at its maximum" even where a later year could be met at a
 * fraction of that. So each year's targets are optimised alone (`optimisePortfolio` on the model restricted
 * to that year's target rows), and each answer is checked by the full model against every selected target.
 *
 * Levels are constant over the path (an action's level scales its whole trajectory, from its own start),
 * so a year's portfolio also acts in every other year: the checks say which other years' targets it meets.
 * Then, for all the years together:
 * - a year whose targets alone are unreachable makes every year together unreachable (any portfolio
 *   meeting all the years would meet that one; on the linearisation, as for a single solve);
 * - else, a year's portfolio that meets every selected target is also the least-cost portfolio for all the
 *   years together: the portfolios meeting all the years are among those meeting its year, of which it is
 *   the cheapest (within the solver's gap and the linearisation's accuracy). The cheapest such is named;
 * - else every year is reachable alone but no year's portfolio meets the others: the years are solved
 *   together (the joint mode), and that portfolio is added with `year: null`.
 */
import type { Problem, Result } from "../errors.ts";
import { fail, ok } from "../errors.ts";
import { optimisePortfolio } from "./portfolio.ts";
import type { Solver } from "./solver.ts";
import type {
  PortfolioConstraints,
  PortfolioModel,
  PortfolioOptions,
  PortfolioResult,
  PortfolioTarget,
} from "./types.ts";

/** A selected target checked by the full model on a portfolio's levels. */
export interface TargetCheckOnLevels {
  readonly id: string;
  readonly year: number;
  readonly limit: number;
  /** Emissions the full model computes for the portfolio in the target's year, tCO2e. */
  readonly full: number;
  /** max(0, full - limit), tCO2e (0 within the optimiser's tolerance). */
  readonly shortfall: number;
  readonly met: boolean;
}

export interface YearPortfolio {
  /** The target year whose targets alone were optimised; null: every year together (the joint solve). */
  readonly year: number | null;
  readonly result: PortfolioResult;
  /** The optimiser's warnings for this solve (INFEASIBLE, SOLVER_TIMEOUT...). */
  readonly warnings: readonly Problem[];
  /** Every selected target, all years, checked on this portfolio's levels (in the model's target order). */
  readonly checks: readonly TargetCheckOnLevels[];
}

export interface PortfoliosByYear {
  /** One per target year in ascending order, then the joint portfolio when one was needed. */
  readonly portfolios: readonly YearPortfolio[];
  readonly together: {
    /**
     * "met": `portfolio` meets every selected target; "unreachable": some year's targets cannot be met
     * by any portfolio (`unreachable_years`), or the joint solve found none; "not_met": the full model still
     * misses a target after the optimiser's iterations.
     */
    readonly status: "met" | "unreachable" | "not_met";
    /** Index in `portfolios` of the least-cost portfolio that meets every year, or null. */
    readonly portfolio: number | null;
    /** The years whose targets alone are out of reach. */
    readonly unreachable_years: readonly number[];
  };
}

/** The model with only some of its target rows (indices into `model.targets`). */
export function restrictTargets(model: PortfolioModel, rows: readonly number[]): PortfolioModel {
  return {
    actions: model.actions,
    years: model.years,
    targets: rows.map((i) => model.targets[i]!),
    evaluate(levels) {
      const e = model.evaluate(levels);
      return { emissions: rows.map((i) => e.emissions[i]!), npc: e.npc, spend: e.spend };
    },
  };
}

/** Every target of the model checked on the levels of a result (one full-model evaluation). */
export function checkTargets(
  model: PortfolioModel,
  r: PortfolioResult,
  tolerance?: number,
): TargetCheckOnLevels[] {
  const e = model.evaluate(Float64Array.from(r.levels, (x) => x.level)).emissions;
  return model.targets.map((t: PortfolioTarget, i) => {
    const over = e[i]! - t.limit;
    const tol = tolerance ?? Math.max(1e-6, 1e-6 * Math.abs(t.limit));
    const met = over <= tol;
    return { id: t.id, year: t.year, limit: t.limit, full: e[i]!, shortfall: met ? 0 : over, met };
  });
}

const reached = (r: PortfolioResult) => r.status === "optimal" || r.status === "feasible";

/** Every year together in one solve (the joint mode), checked against every target. */
async function jointPortfolio(
  model: PortfolioModel,
  constraints: PortfolioConstraints,
  solver: Solver,
  options: PortfolioOptions,
): Promise<Result<YearPortfolio>> {
  const r = await optimisePortfolio(model, constraints, solver, options);
  if (!r.ok) return fail(r.problems);
  return ok({
    year: null,
    result: r.value,
    warnings: r.warnings,
    checks: checkTargets(model, r.value, options.tolerance),
  });
}

function togetherOf(p: YearPortfolio, index: number): PortfoliosByYear["together"] {
  const status = reached(p.result) ? "met" : p.result.status === "unreachable" ? "unreachable" : "not_met";
  return { status, portfolio: status === "met" ? index : null, unreachable_years: [] };
}

/** How `optimisePortfolios` answers: a portfolio per target year (default), or every year in one solve. */
export type PortfolioMode = "per_year" | "joint";

/**
 * The least-cost portfolio of each target year alone, each checked against every target, and the
 * portfolio that meets every year together (see the module's comment); in the joint mode, one portfolio
 * for every year at once. Fails only as `optimisePortfolio` does (bad input, a solver failure).
 */
export async function optimisePortfolios(
  model: PortfolioModel,
  constraints: PortfolioConstraints,
  solver: Solver,
  options: PortfolioOptions & { readonly mode?: PortfolioMode } = {},
): Promise<Result<PortfoliosByYear>> {
  if (options.mode === "joint") {
    const j = await jointPortfolio(model, constraints, solver, options);
    if (!j.ok) return fail(j.problems);
    return ok({ portfolios: [j.value], together: togetherOf(j.value, 0) });
  }
  const years = [...new Set(model.targets.map((t) => t.year))].sort((a, b) => a - b);
  const portfolios: YearPortfolio[] = [];
  const progress = options.progress ?? (() => {});
  for (const year of years) {
    progress(`the targets of ${year} alone`);
    const rows = model.targets.flatMap((t, i) => (t.year === year ? [i] : []));
    const r = await optimisePortfolio(restrictTargets(model, rows), constraints, solver, options);
    if (!r.ok) return fail(r.problems);
    portfolios.push({
      year,
      result: r.value,
      warnings: r.warnings,
      checks: checkTargets(model, r.value, options.tolerance),
    });
  }
  const unreachable = portfolios.filter((p) => p.result.status === "unreachable").map((p) => p.year!);
  if (unreachable.length)
    return ok({
      portfolios,
      together: { status: "unreachable", portfolio: null, unreachable_years: unreachable },
    });
  if (portfolios.some((p) => !reached(p.result)))
    return ok({ portfolios, together: { status: "not_met", portfolio: null, unreachable_years: [] } });
  let best: number | null = null;
  portfolios.forEach((p, i) => {
    if (
      p.checks.every((c) => c.met) &&
      (best === null || p.result.npc.full < portfolios[best]!.result.npc.full)
    )
      best = i;
  });
  if (best !== null)
    return ok({ portfolios, together: { status: "met", portfolio: best, unreachable_years: [] } });
  progress("no year's portfolio meets the others: every year together");
  const j = await jointPortfolio(model, constraints, solver, options);
  if (!j.ok) return fail(j.problems);
  portfolios.push(j.value);
  return ok({ portfolios, together: togetherOf(j.value, portfolios.length - 1) });
}
