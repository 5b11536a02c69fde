/**
 * The solver is a strategy passed in: the core writes a model in CPLEX LP format and hands it to any
 * `Solver`. The HiGHS adapter (`highs.ts`) wraps a loaded HiGHS module; the CLI runs it in a worker thread
 * with a hard time limit; a test may pass a fake solver.
 */

export type SolverStatus =
  /** Proven optimal (for a MIP: within the relative gap asked). */
  | "optimal"
  /** No solution satisfies the constraints. */
  | "infeasible"
  | "unbounded"
  /** The time limit stopped the solve; `values` holds the best solution found, if any. */
  | "time-limit"
  /** The solver failed (bad model, crash, lost worker); `message` says why. */
  | "error";

export interface SolverOptions {
  /** Wall-clock limit in seconds. */
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which the solver may stop (0.001 = 0.1 %). */
  readonly mipRelGap?: number;
}

export interface SolverSolution {
  readonly status: SolverStatus;
  /** Objective value, when a solution is available. */
  readonly objective?: number;
  /** Column values by name, when a solution is available. */
  readonly values?: ReadonlyMap<string, number>;
  /** Row activities by name, when a solution is available. */
  readonly rows?: ReadonlyMap<string, number>;
  /** The solver's own words (its status text, or the error). */
  readonly message?: string;
  /** Wall-clock time the solve took, ms. */
  readonly timeMs?: number;
}

export interface Solver {
  /** Solves a CPLEX LP-format model. Never throws for a failed solve: it answers status "error". */
  solve(lp: string, options: SolverOptions): Promise<SolverSolution>;
}
