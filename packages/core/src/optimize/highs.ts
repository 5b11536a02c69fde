/**
 * The HiGHS adapter: turns a loaded HiGHS module (the `highs` package, compiled to WebAssembly) into a
 * `Solver`. Pure: the caller loads the module (a dynamic `import("highs")` in Node, a Web Worker with the
 * wasm as an asset in the browser) and passes the loader in. After an exception the instance is dropped
 * and the next solve loads a fresh one, because a WebAssembly instance that threw may hold broken state.
 */
import type { Solver, SolverOptions, SolverSolution, SolverStatus } from "./solver.ts";

/**
 * The part of the `highs` module used here (its one-shot `solve` on LP text). Every column and row carries its
 * index; an infeasible answer has no primal values.
 */
export interface HighsLike {
  solve(
    problem: string,
    options?: Record<string, string | number | boolean>,
  ): {
    readonly Status: string;
    readonly ObjectiveValue: number;
    readonly Columns: Readonly<Record<string, { readonly Index: number; readonly Primal?: number }>>;
    readonly Rows: ReadonlyArray<{
      readonly Index: number;
      readonly Name?: string;
      readonly Primal?: number;
    }>;
  };
}

const STATUS: Record<string, SolverStatus> = {
  Optimal: "optimal",
  Infeasible: "infeasible",
  // Every variable of a portfolio model is bounded, so "infeasible or unbounded" can only be infeasible.
  "Primal infeasible or unbounded": "infeasible",
  Unbounded: "unbounded",
  "Time limit reached": "time-limit",
  "Iteration limit reached": "time-limit",
};

/** Maps a HiGHS result to a solver solution. */
export function fromHighsResult(r: ReturnType<HighsLike["solve"]>, timeMs?: number): SolverSolution {
  const status = STATUS[r.Status] ?? "error";
  const withSolution = status === "optimal" || status === "time-limit";
  const values = new Map<string, number>();
  const rows = new Map<string, number>();
  if (withSolution) {
    for (const [name, c] of Object.entries(r.Columns))
      if (typeof c.Primal === "number") values.set(name, c.Primal);
    for (const row of r.Rows) if (row.Name && typeof row.Primal === "number") rows.set(row.Name, row.Primal);
  }
  const hasValues = withSolution && values.size > 0;
  return {
    status,
    message: `HiGHS: ${r.Status}`,
    ...(hasValues ? { values, rows, objective: r.ObjectiveValue } : {}),
    ...(timeMs !== undefined ? { timeMs } : {}),
  };
}

/** HiGHS options for the portfolio: silent, time limit and gap. */
export function highsOptions(options: SolverOptions): Record<string, string | number | boolean> {
  const o: Record<string, string | number | boolean> = { output_flag: false };
  if (options.timeLimitSeconds !== undefined) o.time_limit = options.timeLimitSeconds;
  if (options.mipRelGap !== undefined) o.mip_rel_gap = options.mipRelGap;
  return o;
}

/**
 * A solver on a HiGHS module obtained from `load` (called lazily, and again after an error). `now` is the
 * clock used to time solves (ms).
 */
export function highsSolver(
  load: () => Promise<HighsLike>,
  now: () => number = () => performance.now(),
): Solver {
  let instance: Promise<HighsLike> | undefined;
  return {
    async solve(lp: string, options: SolverOptions): Promise<SolverSolution> {
      const t0 = now();
      try {
        instance ??= load();
        const highs = await instance;
        const r = highs.solve(lp, highsOptions(options));
        return fromHighsResult(r, now() - t0);
      } catch (e) {
        instance = undefined; // recreate on the next solve
        return {
          status: "error",
          message: `HiGHS failed: ${e instanceof Error ? e.message : String(e)}`,
          timeMs: now() - t0,
        };
      }
    },
  };
}
