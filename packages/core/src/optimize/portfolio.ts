/**
 * The least-cost portfolio: choose action levels and yes/no actions that meet the targets at the lowest
 * net present cost, under budget caps, exclusions and requirements.
 *
 * Method (docs/methodology/optimisation.md):
 * 1. Linearise. The full model is evaluated with every action off (the reference), then with one action
 *    at a time at each of its breakpoints (0 < b1 < ... < max). Between breakpoints an action's effect on
 *    each target's emissions, on the net present cost and on each year's spending is linear. Interactions
 *    between actions are ignored at this stage.
 * 2. Solve the resulting LP/MIP (HiGHS by default) for least net present cost.
 * 3. Re-evaluate the chosen levels with the full model. Where a target is missed (actions interact: two
 *    that cut the same line save less together than apart), ask the linearisation for that much more
 *    abatement (a margin) and solve again, until the full model meets every target, or the iteration limit
 *    is reached (status "not_met", shortfall known).
 * 4. If the linear problem has no solution, the target is unreachable: minimise the total shortfall, then
 *    the cost at that shortfall, and report the shortfall per target and the binding constraints.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { LpModel, type LpTerm } from "./lp.ts";
import type { Solver, SolverSolution } from "./solver.ts";
import type {
  BindingConstraint,
  BudgetCheck,
  PortfolioConstraints,
  PortfolioModel,
  PortfolioOptions,
  PortfolioResult,
  TargetCheck,
} from "./types.ts";

/** Money is handed to the solver in million KRW so that its coefficients stay near 1. */
const MONEY = 1e-6;

/** The linearisation of one action: the full model at each breakpoint with every other action off. */
export interface ActionTable {
  readonly levels: readonly number[];
  /** emissions[k][t]: target t's emissions with this action alone at levels[k]. */
  readonly emissions: readonly Float64Array[];
  readonly npc: readonly number[];
  /** spend[k][y]: spending in years[y] with this action alone at levels[k]. */
  readonly spend: readonly Float64Array[];
}

export interface Linearisation {
  readonly reference: {
    readonly emissions: Float64Array;
    readonly npc: number;
    readonly spend: Float64Array;
  };
  readonly actions: readonly ActionTable[];
  readonly evaluations: number;
}

function breakpoints(a: PortfolioModel["actions"][number], extra?: number): number[] {
  if (a.kind === "binary") return [0, a.max];
  const raw = a.breakpoints ?? [0.25, 0.5, 0.75].map((f) => f * a.max);
  const set = new Set<number>([
    0,
    a.max,
    ...(a.min > 0 ? [a.min] : []),
    ...raw.filter((b) => b > 0 && b < a.max),
    ...(extra !== undefined && extra > 0 && extra < a.max ? [extra] : []),
  ]);
  return [...set].sort((x, y) => x - y);
}

/** Step 1: evaluates the full model at the reference and at every action's breakpoints. */
export function linearise(model: PortfolioModel, around?: ArrayLike<number>): Linearisation {
  const n = model.actions.length;
  const levels = around ? Float64Array.from(around) : new Float64Array(n);
  const snap = () => {
    const e = model.evaluate(levels);
    return { emissions: Float64Array.from(e.emissions), npc: e.npc, spend: Float64Array.from(e.spend) };
  };
  const center = snap();
  let evaluations = 1;
  const actions = model.actions.map((a, i) => {
    const own = levels[i]!;
    const bs = breakpoints(a, around ? own : undefined);
    const emissions: Float64Array[] = [];
    const npc: number[] = [];
    const spend: Float64Array[] = [];
    for (const b of bs) {
      let s = center;
      if (b !== own) {
        levels[i] = b;
        s = snap();
        evaluations++;
      }
      emissions.push(s.emissions);
      npc.push(s.npc);
      spend.push(s.spend);
    }
    levels[i] = own;
    return { levels: bs, emissions, npc, spend };
  });
  // The constant of the additive model: center - sum_i (E_i(own level) - E_i(0)), with E_i(own) = center.
  const reference = {
    emissions: Float64Array.from(center.emissions),
    npc: center.npc,
    spend: Float64Array.from(center.spend),
  };
  for (const t of actions) {
    for (let e = 0; e < reference.emissions.length; e++)
      reference.emissions[e] = reference.emissions[e]! + t.emissions[0]![e]! - center.emissions[e]!;
    for (let y = 0; y < reference.spend.length; y++)
      reference.spend[y] = reference.spend[y]! + t.spend[0]![y]! - center.spend[y]!;
    reference.npc += t.npc[0]! - center.npc;
  }
  return { reference, actions, evaluations };
}

/** The linearisation's prediction for given levels (each action's table interpolated, effects added). */
export function predict(
  lin: Linearisation,
  levels: ArrayLike<number>,
): { emissions: Float64Array; npc: number; spend: Float64Array } {
  const emissions = Float64Array.from(lin.reference.emissions);
  const spend = Float64Array.from(lin.reference.spend);
  let npc = lin.reference.npc;
  lin.actions.forEach((t, i) => {
    const x = levels[i]!;
    if (x <= 0) return;
    let k = 1;
    while (k < t.levels.length - 1 && x > t.levels[k]!) k++;
    const lo = t.levels[k - 1]!;
    const w = (x - lo) / (t.levels[k]! - lo);
    // The action's own contribution: its table at x minus its table at 0.
    const mix = (a: number, b: number, at0: number) => a + w * (b - a) - at0;
    for (let j = 0; j < emissions.length; j++)
      emissions[j] = emissions[j]! + mix(t.emissions[k - 1]![j]!, t.emissions[k]![j]!, t.emissions[0]![j]!);
    for (let j = 0; j < spend.length; j++)
      spend[j] = spend[j]! + mix(t.spend[k - 1]![j]!, t.spend[k]![j]!, t.spend[0]![j]!);
    npc += mix(t.npc[k - 1]!, t.npc[k]!, t.npc[0]!);
  });
  return { emissions, npc, spend };
}

/** Checks the model and constraints; all problems at once. */
export function validatePortfolio(model: PortfolioModel, c: PortfolioConstraints): Problem[] {
  const out: Problem[] = [];
  const ids = new Map<string, number>();
  model.actions.forEach((a, i) => {
    const path = `actions[${i}]`;
    if (ids.has(a.id))
      out.push(problem("DUPLICATE", `action "${a.id}" appears twice`, { path: `${path}.id` }));
    ids.set(a.id, i);
    if (!(Number.isFinite(a.min) && Number.isFinite(a.max) && a.min >= 0 && a.min <= a.max && a.max > 0))
      out.push(
        problem(
          "BAD_VALUE",
          `action "${a.id}": needs 0 <= min <= max and max > 0, got min ${a.min}, max ${a.max}`,
          { path },
        ),
      );
    (a.breakpoints ?? []).forEach((b, k) => {
      if (!(Number.isFinite(b) && b >= 0 && b <= a.max))
        out.push(
          problem("BAD_VALUE", `breakpoint ${b} is outside [0, ${a.max}]`, {
            path: `${path}.breakpoints[${k}]`,
          }),
        );
    });
  });
  model.targets.forEach((t, i) => {
    if (!Number.isFinite(t.limit))
      out.push(
        problem("BAD_NUMBER", `target "${t.id}" has no finite limit`, { path: `targets[${i}].limit` }),
      );
  });
  (c.budgets ?? []).forEach((b, i) => {
    if (!(Number.isFinite(b.limit) && b.limit >= 0))
      out.push(
        problem("BAD_VALUE", `a budget cap must be a number >= 0 KRW, got ${b.limit}`, {
          path: `budgets[${i}].limit`,
        }),
      );
    if (b.year !== undefined && !model.years.includes(b.year))
      out.push(
        problem("MISSING_YEAR", `budget year ${b.year} is outside the modelled years`, {
          path: `budgets[${i}].year`,
        }),
      );
  });
  const known = (id: string, path: string) => {
    if (!ids.has(id)) out.push(problem("UNKNOWN_REFERENCE", `no action "${id}" in the portfolio`, { path }));
  };
  (c.exclusions ?? []).forEach((e, i) => {
    known(e.a, `exclusions[${i}].a`);
    known(e.b, `exclusions[${i}].b`);
  });
  (c.requirements ?? []).forEach((r, i) => {
    known(r.action, `requirements[${i}].action`);
    known(r.requires, `requirements[${i}].requires`);
  });
  return out;
}

interface Built {
  readonly lp: LpModel;
  /** Per action: segment variable names (continuous) with their lengths. */
  readonly seg: ReadonlyArray<readonly { v: string; len: number }[]>;
  /** Per action: the on/off variable, if any. */
  readonly on: ReadonlyArray<string | undefined>;
  /** Budget rows: name -> year index and limit. */
  readonly budgetRows: ReadonlyArray<{ name: string; y: number; limit: number }>;
}

/** Does some later segment of the table beat an earlier one (so the solver must fill segments in order)? */
function needsOrder(t: ActionTable, budgetYears: readonly number[]): boolean {
  const K = t.levels.length - 1;
  const slope = (k: number, get: (k: number) => number) =>
    (get(k) - get(k - 1)) / (t.levels[k]! - t.levels[k - 1]!);
  for (let k = 1; k < K; k++) {
    if (slope(k + 1, (j) => t.npc[j]!) < slope(k, (j) => t.npc[j]!) - 1e-9) return true;
    for (let e = 0; e < t.emissions[0]!.length; e++)
      if (slope(k + 1, (j) => t.emissions[j]![e]!) < slope(k, (j) => t.emissions[j]![e]!) - 1e-9) return true;
    for (const y of budgetYears)
      if (slope(k + 1, (j) => t.spend[j]![y]!) < slope(k, (j) => t.spend[j]![y]!) - 1e-9) return true;
  }
  return false;
}

/** Expands budget caps to one cap per year index (the lowest applies when several name a year). */
function budgetPerYear(model: PortfolioModel, c: PortfolioConstraints): Map<number, number> {
  const caps = new Map<number, number>();
  for (const b of c.budgets ?? []) {
    const ys = b.year === undefined ? model.years.map((_, i) => i) : [model.years.indexOf(b.year)];
    for (const y of ys) caps.set(y, Math.min(caps.get(y) ?? Number.POSITIVE_INFINITY, b.limit));
  }
  return caps;
}

function build(
  model: PortfolioModel,
  lin: Linearisation,
  c: PortfolioConstraints,
  margins: Float64Array,
  budgetMargins: Map<number, number>,
  mode: { kind: "cost" } | { kind: "min_shortfall" } | { kind: "cost_at_shortfall"; shortfall: Float64Array },
): Built {
  const lp = new LpModel();
  const index = new Map(model.actions.map((a, i) => [a.id, i]));
  const logical = new Set<number>();
  for (const e of c.exclusions ?? []) logical.add(index.get(e.a)!).add(index.get(e.b)!);
  for (const r of c.requirements ?? []) logical.add(index.get(r.action)!).add(index.get(r.requires)!);
  const caps = budgetPerYear(model, c);
  const capYears = [...caps.keys()].sort((a, b) => a - b);
  const T = model.targets.length;
  const targetTerms: LpTerm[][] = model.targets.map(() => []);
  const budgetTerms = new Map<number, LpTerm[]>(capYears.map((y) => [y, []]));
  const seg: { v: string; len: number }[][] = [];
  const on: (string | undefined)[] = [];
  model.actions.forEach((a, i) => {
    const t = lin.actions[i]!;
    const K = t.levels.length - 1;
    const segs: { v: string; len: number }[] = [];
    const add = (v: string, k: number, scale: number) => {
      // Effect of moving through segment k at `scale` per unit of the variable.
      for (let e = 0; e < T; e++) {
        const g = (t.emissions[k]![e]! - t.emissions[k - 1]![e]!) * scale;
        if (g !== 0) targetTerms[e]!.push({ v, c: g });
      }
      for (const y of capYears) {
        const g = (t.spend[k]![y]! - t.spend[k - 1]![y]!) * scale * MONEY;
        if (g !== 0) budgetTerms.get(y)!.push({ v, c: g });
      }
      if (mode.kind !== "min_shortfall") lp.cost(v, (t.npc[k]! - t.npc[k - 1]!) * scale * MONEY);
    };
    if (a.kind === "binary") {
      const y = lp.addVar(`y${i}`, 0, 1, "binary");
      add(y, 1, 1);
      on.push(y);
      seg.push([]);
      return;
    }
    for (let k = 1; k <= K; k++) {
      const len = t.levels[k]! - t.levels[k - 1]!;
      const v = lp.addVar(`d${i}_${k}`, 0, len);
      segs.push({ v, len });
      add(v, k, 1 / len);
    }
    const sumTerms = segs.map((s) => ({ v: s.v, c: 1 }));
    let y: string | undefined;
    if (a.optional || logical.has(i)) {
      y = lp.addVar(`y${i}`, 0, 1, "binary");
      const lowOn = a.optional && a.min > 0 ? a.min : (a.onLevel ?? (a.min > 0 ? a.min : a.max / 100));
      lp.addRow(`hi${i}`, [...sumTerms, { v: y, c: -a.max }], "<=", 0);
      lp.addRow(`lo${i}`, [...sumTerms, { v: y, c: -lowOn }], ">=", 0);
    }
    if (a.min > 0 && !a.optional) lp.addRow(`min${i}`, sumTerms, ">=", a.min);
    if (K > 1 && needsOrder(t, capYears)) {
      // Segment k+1 may be used only once segment k is full.
      for (let k = 1; k < K; k++) {
        const z = lp.addVar(`z${i}_${k}`, 0, 1, "binary");
        lp.addRow(
          `of${i}_${k}`,
          [
            { v: segs[k - 1]!.v, c: 1 },
            { v: z, c: -segs[k - 1]!.len },
          ],
          ">=",
          0,
        );
        lp.addRow(
          `on${i}_${k}`,
          [
            { v: segs[k]!.v, c: 1 },
            { v: z, c: -segs[k]!.len },
          ],
          "<=",
          0,
        );
      }
    }
    on.push(y);
    seg.push(segs);
  });
  model.targets.forEach((t, e) => {
    const terms = targetTerms[e]!;
    const rhs = t.limit - margins[e]! - lin.reference.emissions[e]!;
    if (mode.kind === "cost") {
      lp.addRow(`t${e}`, terms, "<=", rhs);
      return;
    }
    const ub =
      mode.kind === "cost_at_shortfall" ? mode.shortfall[e]! * (1 + 1e-9) + 1e-7 : Number.POSITIVE_INFINITY;
    const s = lp.addVar(`s${e}`, 0, ub);
    if (mode.kind === "min_shortfall") lp.cost(s, 1);
    lp.addRow(`t${e}`, [...terms, { v: s, c: -1 }], "<=", rhs);
  });
  const budgetRows: { name: string; y: number; limit: number }[] = [];
  for (const y of capYears) {
    const name = `b${y}`;
    const limit = caps.get(y)!;
    const rhs = (limit - (budgetMargins.get(y) ?? 0) - lin.reference.spend[y]!) * MONEY;
    lp.addRow(name, budgetTerms.get(y)!, "<=", rhs);
    budgetRows.push({ name, y, limit });
  }
  (c.exclusions ?? []).forEach((e, k) => {
    lp.addRow(
      `x${k}`,
      [
        { v: on[index.get(e.a)!]!, c: 1 },
        { v: on[index.get(e.b)!]!, c: 1 },
      ],
      "<=",
      1,
    );
  });
  (c.requirements ?? []).forEach((r, k) => {
    lp.addRow(
      `q${k}`,
      [
        { v: on[index.get(r.action)!]!, c: 1 },
        { v: on[index.get(r.requires)!]!, c: -1 },
      ],
      "<=",
      0,
    );
  });
  return { lp, seg, on, budgetRows };
}

function levelsOf(
  model: PortfolioModel,
  built: Built,
  sol: SolverSolution,
): { levels: Float64Array; on: boolean[] } {
  const v = sol.values!;
  const levels = new Float64Array(model.actions.length);
  const on: boolean[] = [];
  model.actions.forEach((a, i) => {
    const y = built.on[i];
    const yOn = y !== undefined ? (v.get(y) ?? 0) > 0.5 : undefined;
    let x =
      a.kind === "binary" ? (yOn ? a.max : 0) : built.seg[i]!.reduce((s, g) => s + (v.get(g.v) ?? 0), 0);
    // Snap solver round-off to the bounds.
    if (Math.abs(x) < 1e-9 * a.max) x = 0;
    if (Math.abs(x - a.max) < 1e-9 * a.max) x = a.max;
    if (a.min > 0 && Math.abs(x - a.min) < 1e-9 * a.max) x = a.min;
    levels[i] = Math.min(a.max, Math.max(0, x));
    on.push(yOn ?? levels[i]! > 0);
  });
  return { levels, on };
}

function solverProblem(sol: SolverSolution, what: string): Problem {
  if (sol.status === "time-limit")
    return problem(
      "SOLVER_TIMEOUT",
      `the solver reached its time limit ${what} without a solution (${sol.message ?? ""})`,
      {
        path: "solver",
      },
    );
  return problem("SOLVER_FAILED", `the solver failed ${what}: ${sol.message ?? sol.status}`, {
    path: "solver",
  });
}

/**
 * Finds the least-cost portfolio. Returns a failed Result only for bad input (INVALID codes with paths) or
 * a solver that failed or timed out without any solution (SOLVER_FAILED, SOLVER_TIMEOUT); an unreachable
 * target is a result with status "unreachable".
 */
export async function optimisePortfolio(
  model: PortfolioModel,
  constraints: PortfolioConstraints,
  solver: Solver,
  options: PortfolioOptions = {},
): Promise<Result<PortfolioResult>> {
  const problems = validatePortfolio(model, constraints);
  if (problems.length) return fail(problems);
  const progress = options.progress ?? (() => {});
  const maxIterations = options.maxIterations ?? 8;
  const refineRounds = options.refineRounds ?? 2;
  const solverOptions = {
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    mipRelGap: options.mipRelGap ?? 1e-4,
  };
  const tol = (limit: number) => options.tolerance ?? Math.max(1e-6, 1e-6 * Math.abs(limit));
  progress(`linearising ${model.actions.length} actions`);
  const first = linearise(model);
  let evaluations = first.evaluations;
  const T = model.targets.length;
  const caps = budgetPerYear(model, constraints);
  const iterations: PortfolioResult["iterations"][number][] = [];

  const finish = (
    lin: Linearisation,
    status: PortfolioResult["status"],
    levels: Float64Array,
    on: boolean[],
    binding: BindingConstraint[],
    warnings: Problem[],
  ): Result<PortfolioResult> => {
    const full = model.evaluate(levels);
    evaluations++;
    const pred = predict(lin, levels);
    const targets: TargetCheck[] = model.targets.map((t, e) => {
      const shortfall = Math.max(0, full.emissions[e]! - t.limit);
      return {
        id: t.id,
        ...(t.label !== undefined ? { label: t.label } : {}),
        basis: t.basis,
        ...(t.scope2_method !== undefined ? { scope2_method: t.scope2_method } : {}),
        year: t.year,
        limit: t.limit,
        linearised: pred.emissions[e]!,
        full: full.emissions[e]!,
        shortfall: shortfall <= tol(t.limit) ? 0 : shortfall,
        met: shortfall <= tol(t.limit),
      };
    });
    const budgets: BudgetCheck[] = [...caps]
      .sort((a, b) => a[0] - b[0])
      .map(([y, limit]) => ({
        year: model.years[y]!,
        limit,
        linearised: pred.spend[y]!,
        full: full.spend[y]!,
        met: full.spend[y]! <= limit * (1 + 1e-9) + 1e-3,
      }));
    return ok(
      {
        status,
        levels: model.actions.map((a, i) => ({ action: a.id, level: levels[i]!, on: on[i]! })),
        npc: { linearised: pred.npc, full: full.npc },
        targets,
        budgets,
        binding,
        iterations,
        evaluations,
      },
      warnings,
    );
  };

  type Search =
    | {
        kind: "met" | "not_met";
        status: "optimal" | "feasible";
        levels: Float64Array;
        on: boolean[];
        npc: number;
        warnings: Problem[];
      }
    | { kind: "infeasible"; margins: Float64Array; budgetMargins: Map<number, number> }
    | { kind: "fail"; problems: Problem[] };

  /** Solves on one linearisation, tightening margins until the full model meets the targets. */
  const search = async (lin: Linearisation, round: number): Promise<Search> => {
    const margins = new Float64Array(T);
    const budgetMargins = new Map<number, number>();
    const misses = new Int32Array(T);
    for (let it = 1; it <= maxIterations; it++) {
      const built = build(model, lin, constraints, margins, budgetMargins, { kind: "cost" });
      const n = iterations.length + 1;
      progress(`solve ${n}: ${built.lp.vars.length} variables, ${built.lp.rows.length} constraints`);
      const sol = await solver.solve(built.lp.toString(), solverOptions);
      const rec = {
        iteration: n,
        round,
        margins: [...margins],
        solverStatus: sol.status,
        solverMs: sol.timeMs ?? 0,
      };
      if (sol.status === "infeasible") {
        iterations.push({ ...rec, maxShortfall: Number.NaN });
        return { kind: "infeasible", margins, budgetMargins };
      }
      if (!sol.values || (sol.status !== "optimal" && sol.status !== "time-limit"))
        return { kind: "fail", problems: [solverProblem(sol, `at solve ${n}`)] };
      const { levels, on } = levelsOf(model, built, sol);
      const full = model.evaluate(levels);
      evaluations++;
      let worst = 0;
      let missed = false;
      model.targets.forEach((t, e) => {
        const v = full.emissions[e]! - t.limit;
        if (v > tol(t.limit)) {
          missed = true;
          misses[e] = misses[e]! + 1;
          worst = Math.max(worst, v);
          // Ask for the missing abatement, a little more each time the same target is missed again.
          margins[e] = margins[e]! + v * (1 + 0.25 * (misses[e]! - 1));
          progress(
            `solve ${n}: target ${t.id} (${t.basis} ${t.year}) missed by ${v.toFixed(1)} tCO2e under the full model`,
          );
        }
      });
      for (const [y, limit] of caps) {
        const over = full.spend[y]! - limit;
        if (over > 1e-9 * limit + 1e-3) {
          missed = true;
          budgetMargins.set(y, (budgetMargins.get(y) ?? 0) + over);
        }
      }
      iterations.push({ ...rec, maxShortfall: worst });
      const warnings =
        sol.status === "time-limit"
          ? [
              problem(
                "SOLVER_TIMEOUT",
                "the solver stopped at its time limit; the portfolio meets the targets but may not be the cheapest",
                { severity: "warning", path: "solver" },
              ),
            ]
          : [];
      const status = sol.status === "optimal" ? "optimal" : "feasible";
      if (!missed) return { kind: "met", status, levels, on, npc: full.npc, warnings };
      if (it === maxIterations) return { kind: "not_met", status, levels, on, npc: full.npc, warnings };
    }
    throw new Error("unreachable: the loop returns");
  };

  const r = await search(first, 0);
  if (r.kind === "fail") return fail(r.problems);
  if (r.kind === "infeasible")
    return unreachable(
      model,
      first,
      constraints,
      solver,
      solverOptions,
      r.margins,
      r.budgetMargins,
      (...a) => finish(first, ...a),
      progress,
    );
  if (r.kind === "not_met") {
    const w = problem(
      "INFEASIBLE",
      `the full model still misses a target after ${maxIterations} solves; the shortfall is reported`,
      { severity: "warning", path: "targets" },
    );
    return finish(first, "not_met", r.levels, r.on, [], [...r.warnings, w]);
  }
  // Refine: linearise again around the portfolio found (each action with the others at their chosen
  // levels), so that interactions are priced in; keep a new portfolio only if the full model says it is
  // cheaper and it meets the targets.
  let best = r;
  let bestLin = first;
  for (let round = 1; round <= refineRounds; round++) {
    progress(`refining around the portfolio found (round ${round})`);
    const lin = linearise(model, best.levels);
    evaluations += lin.evaluations;
    const next = await search(lin, round);
    if (next.kind !== "met") break;
    if (!(next.npc < best.npc - Math.max(1, 1e-6 * Math.abs(best.npc)))) break;
    best = next;
    bestLin = lin;
  }
  return finish(bestLin, best.status, best.levels, best.on, [], best.warnings);
}

async function unreachable(
  model: PortfolioModel,
  lin: Linearisation,
  constraints: PortfolioConstraints,
  solver: Solver,
  solverOptions: { timeLimitSeconds?: number; mipRelGap: number },
  margins: Float64Array,
  budgetMargins: Map<number, number>,
  finish: (
    s: PortfolioResult["status"],
    l: Float64Array,
    on: boolean[],
    b: BindingConstraint[],
    w: Problem[],
  ) => Result<PortfolioResult>,
  progress: (m: string) => void,
): Promise<Result<PortfolioResult>> {
  progress("the targets cannot all be met: finding the smallest shortfall");
  const p1 = build(model, lin, constraints, margins, budgetMargins, { kind: "min_shortfall" });
  const s1 = await solver.solve(p1.lp.toString(), solverOptions);
  if (!s1.values) return fail([solverProblem(s1, "while finding the smallest shortfall")]);
  const shortfall = Float64Array.from(model.targets, (_, e) => Math.max(0, s1.values!.get(`s${e}`) ?? 0));
  const binding = bindingConstraints(model, lin, constraints, p1, s1, shortfall);
  progress("finding the cheapest portfolio with that shortfall");
  const p2 = build(model, lin, constraints, margins, budgetMargins, { kind: "cost_at_shortfall", shortfall });
  const s2 = await solver.solve(p2.lp.toString(), solverOptions);
  const [built, sol] = s2.values ? [p2, s2] : [p1, s1];
  const { levels, on } = levelsOf(model, built, sol);
  const short = model.targets
    .map((t, e) =>
      shortfall[e]! > 0 ? `${t.id} (${t.basis} ${t.year}) by ${shortfall[e]!.toFixed(1)} tCO2e` : "",
    )
    .filter(Boolean);
  const w = problem("INFEASIBLE", `no portfolio meets every target: short of ${short.join(", ")}`, {
    severity: "warning",
    path: "targets",
  });
  return finish("unreachable", levels, on, binding, [w]);
}

/** What holds the smallest-shortfall portfolio back. */
function bindingConstraints(
  model: PortfolioModel,
  lin: Linearisation,
  constraints: PortfolioConstraints,
  built: Built,
  sol: SolverSolution,
  shortfall: Float64Array,
): BindingConstraint[] {
  const out: BindingConstraint[] = [];
  const { levels, on } = levelsOf(model, built, sol);
  const short = model.targets.map((_, e) => shortfall[e]! > 0);
  // An action "helps" if at its maximum it lowers a target that is short.
  const helps = (i: number) =>
    model.targets.some(
      (_, e) => short[e] && lin.actions[i]!.emissions.at(-1)![e]! < lin.actions[i]!.emissions[0]![e]! - 1e-9,
    );
  for (const b of built.budgetRows) {
    const act = (sol.rows?.get(b.name) ?? 0) / MONEY + lin.reference.spend[b.y]!;
    if (act >= b.limit * (1 - 1e-6) - 1)
      out.push({
        kind: "budget",
        id: String(model.years[b.y]),
        message: `the ${model.years[b.y]} budget of ${(b.limit / 1e9).toFixed(2)} bn KRW is spent in full`,
      });
  }
  model.actions.forEach((a, i) => {
    if (helps(i) && levels[i]! >= a.max * (1 - 1e-9))
      out.push({
        kind: "action_at_max",
        id: a.id,
        message: `action "${a.id}" is at its maximum level ${a.max}`,
      });
  });
  const index = new Map(model.actions.map((a, i) => [a.id, i]));
  for (const e of constraints.exclusions ?? []) {
    const ia = index.get(e.a)!;
    const ib = index.get(e.b)!;
    if ((on[ia] || on[ib]) && helps(ia) && helps(ib))
      out.push({
        kind: "exclusion",
        id: `${e.a}|${e.b}`,
        message: `"${e.a}" and "${e.b}" exclude each other`,
      });
  }
  for (const r of constraints.requirements ?? []) {
    const ia = index.get(r.action)!;
    const ib = index.get(r.requires)!;
    if (!on[ia] && !on[ib] && helps(ia))
      out.push({ kind: "requirement", id: r.action, message: `"${r.action}" requires "${r.requires}"` });
  }
  return out;
}
