import assert from "node:assert/strict";
import { describe, it } from "node:test";
import loadHighs from "highs";
import {
  type HighsLike,
  highsSolver,
  LpModel,
  optimisePortfolio,
  type PortfolioConstraints,
  type PortfolioModel,
  type PortfolioResult,
  type Solver,
} from "./index.ts";

const highs = highsSolver(() => loadHighs());

/**
 * Two actions on a line of 100 tCO2e in 2030, both spending their whole cost in 2030:
 * A: level 0..1 cuts 40 t at 10 M KRW (250,000 KRW/t); B: level 0..1 cuts 30 t at 6 M KRW (200,000 KRW/t).
 * `multiplicative` makes them interact: E = 100 (1 - 0.4 a)(1 - 0.3 b) instead of 100 - 40 a - 30 b.
 */
function twoActions(limit: number, multiplicative = false): PortfolioModel {
  return {
    actions: [
      { id: "A", kind: "continuous", min: 0, max: 1 },
      { id: "B", kind: "continuous", min: 0, max: 1 },
    ],
    targets: [{ id: "t2030", basis: "BASIC", year: 2030, limit }],
    years: [2030],
    evaluate(l) {
      const a = l[0]!;
      const b = l[1]!;
      const e = multiplicative ? 100 * (1 - 0.4 * a) * (1 - 0.3 * b) : 100 - 40 * a - 30 * b;
      const cost = 10e6 * a + 6e6 * b;
      return { emissions: [e], npc: cost, spend: [cost] };
    },
  };
}

/** An independent check of a returned portfolio against the full model and every constraint. */
function assertHonours(
  model: PortfolioModel,
  c: PortfolioConstraints,
  r: PortfolioResult,
  targetsMet = true,
): void {
  const levels = Float64Array.from(r.levels, (x) => x.level);
  const full = model.evaluate(levels);
  const on = new Map(r.levels.map((x) => [x.action, x.level > 0]));
  model.actions.forEach((a, i) => {
    const x = levels[i]!;
    if (a.kind === "binary") assert.ok(x === 0 || x === a.max, `${a.id} is yes/no, got ${x}`);
    else if (a.optional) assert.ok(x === 0 || (x >= a.min - 1e-9 && x <= a.max + 1e-9), `${a.id} level ${x}`);
    else assert.ok(x >= a.min - 1e-9 && x <= a.max + 1e-9, `${a.id} level ${x} outside [${a.min}, ${a.max}]`);
  });
  if (targetsMet)
    model.targets.forEach((t, e) => {
      assert.ok(full.emissions[e]! <= t.limit + 1e-6, `${t.id}: ${full.emissions[e]} > ${t.limit}`);
    });
  for (const b of c.budgets ?? [])
    model.years.forEach((y, k) => {
      if (b.year === undefined || b.year === y)
        assert.ok(full.spend[k]! <= b.limit * (1 + 1e-9) + 1e-3, `budget ${y}`);
    });
  for (const e of c.exclusions ?? [])
    assert.ok(!(on.get(e.a) && on.get(e.b)), `${e.a} and ${e.b} both chosen`);
  for (const q of c.requirements ?? [])
    assert.ok(!on.get(q.action) || on.get(q.requires), `${q.action} without ${q.requires}`);
  // The reported full-model figures are the model's own.
  assert.equal(r.npc.full, full.npc);
  r.targets.forEach((t, e) => {
    assert.equal(t.full, full.emissions[e]);
  });
}

const level = (r: PortfolioResult, id: string) => r.levels.find((x) => x.action === id)!.level;
const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} is not ${b}`);

describe("least-cost portfolio", () => {
  it("solves the two-action case worked by hand", async () => {
    // Need 50 t. B is cheaper per tonne: all of B (30 t, 6 M), then A for 20 t = level 0.5 (5 M). NPC 11 M KRW.
    const m = twoActions(50);
    const r = await optimisePortfolio(m, {}, highs);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.value.status, "optimal");
    near(level(r.value, "A"), 0.5);
    near(level(r.value, "B"), 1);
    near(r.value.npc.full, 11e6, 1);
    near(r.value.npc.linearised, 11e6, 1);
    assertHonours(m, {}, r.value);
  });
  it("honours two actions that exclude each other", async () => {
    // Need 35 t. Without the exclusion: B (30 t) + A at 5/40 = 7.25 M. With it, B alone cannot (30 < 35):
    // A alone at 35/40 = 0.875 costs 8.75 M KRW.
    const m = twoActions(65);
    const c = { exclusions: [{ a: "A", b: "B" }] };
    const r = await optimisePortfolio(m, c, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "optimal");
    near(level(r.value, "A"), 0.875);
    assert.equal(level(r.value, "B"), 0);
    near(r.value.npc.full, 8.75e6, 1);
    assertHonours(m, c, r.value);
  });
  it("answers an unreachable target with the shortfall and what binds", async () => {
    // At most 70 t can be cut: 100 - 70 = 30 > 20, so the shortfall is 10 t with both actions at their maximum.
    const m = twoActions(20);
    const r = await optimisePortfolio(m, {}, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "unreachable");
    near(r.value.targets[0]!.shortfall, 10, 1e-5);
    assert.deepEqual(r.value.binding.map((b) => `${b.kind}:${b.id}`).sort(), [
      "action_at_max:A",
      "action_at_max:B",
    ]);
    assert.ok(r.warnings.some((w) => w.code === "INFEASIBLE"));
    assertHonours(m, {}, r.value, false);
  });
  it("reports a budget cap as binding when it stops the target", async () => {
    // 10 M KRW buys all of B (30 t, 6 M) and 4 M of A = 16 t: 46 t cut, 4 t short of the 50 t needed.
    const m = twoActions(50);
    const c = { budgets: [{ limit: 10e6 }] };
    const r = await optimisePortfolio(m, c, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "unreachable");
    near(r.value.targets[0]!.shortfall, 4, 1e-4);
    assert.ok(r.value.binding.some((b) => b.kind === "budget" && b.id === "2030"));
    assertHonours(m, c, r.value, false);
  });
  it("re-evaluates with the full model and tightens until interacting actions meet the target", async () => {
    // Together the actions cut less than the sum: the linear optimum (a 0.5, b 1) leaves 100 x 0.8 x 0.7 = 56 t.
    const m = twoActions(50, true);
    const r = await optimisePortfolio(m, {}, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "optimal");
    assert.ok(r.value.iterations.length > 1);
    assert.ok(r.value.iterations[0]!.maxShortfall > 5);
    assertHonours(m, {}, r.value);
    // Not far above the true optimum: B = 1 and (1 - 0.4 a) 0.7 = 0.5 gives a = 0.714, 13.14 M KRW.
    assert.ok(r.value.npc.full < 13.14e6 * 1.03, `${r.value.npc.full}`);
  });
  it("reports the full model's shortfall when the iterations run out", async () => {
    // One solve only: the linear optimum (a 0.5, b 1) leaves 100 x 0.8 x 0.7 = 56 t, 6 t above the limit.
    const m = twoActions(50, true);
    const r = await optimisePortfolio(m, {}, highs, { maxIterations: 1, refineRounds: 0 });
    assert.ok(r.ok);
    assert.equal(r.value.status, "not_met");
    near(r.value.targets[0]!.full, 56, 1e-6);
    near(r.value.targets[0]!.linearised, 50, 1e-6);
    near(r.value.targets[0]!.shortfall, 6, 1e-6);
    assert.ok(r.warnings.some((w) => w.code === "INFEASIBLE"));
  });
  it("names a requirement that keeps a helpful project out", async () => {
    // 100 t, limit 50. A cuts up to 20 t (level 0..1, 10 M). C (yes/no) cuts 40 t for 1 M but requires D
    // (yes/no, no cut, 100 M); the budget of 60 M cannot pay for D: A alone leaves 80 t, 30 t short.
    const m: PortfolioModel = {
      actions: [
        { id: "A", kind: "continuous", min: 0, max: 1 },
        { id: "C", kind: "binary", min: 0, max: 1 },
        { id: "D", kind: "binary", min: 0, max: 1 },
      ],
      targets: [{ id: "t", basis: "BASIC", year: 2030, limit: 50 }],
      years: [2030],
      evaluate(l) {
        const cost = 10e6 * l[0]! + 1e6 * l[1]! + 100e6 * l[2]!;
        return { emissions: [100 - 20 * l[0]! - 40 * l[1]!], npc: cost, spend: [cost] };
      },
    };
    const c = { budgets: [{ limit: 60e6 }], requirements: [{ action: "C", requires: "D" }] };
    const r = await optimisePortfolio(m, c, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "unreachable");
    near(r.value.targets[0]!.shortfall, 30, 1e-6);
    assert.deepEqual(r.value.binding.map((b) => `${b.kind}:${b.id}`).sort(), [
      "action_at_max:A",
      "requirement:C",
    ]);
    assertHonours(m, c, r.value, false);
  });
  it("chooses yes/no actions and respects a requirement", async () => {
    // C (yes/no) cuts 25 t for 3 M but needs D (yes/no, no cut, 1 M): 4 M beats B at 25/30 (5 M).
    const base = twoActions(75);
    const m: PortfolioModel = {
      ...base,
      actions: [
        ...base.actions,
        { id: "C", kind: "binary", min: 0, max: 1 },
        { id: "D", kind: "binary", min: 0, max: 1 },
      ],
      evaluate(l) {
        const e = 100 - 40 * l[0]! - 30 * l[1]! - 25 * l[2]!;
        const cost = 10e6 * l[0]! + 6e6 * l[1]! + 3e6 * l[2]! + 1e6 * l[3]!;
        return { emissions: [e], npc: cost, spend: [cost] };
      },
    };
    const c = { requirements: [{ action: "C", requires: "D" }] };
    const r = await optimisePortfolio(m, c, highs);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.levels.map((x) => x.level),
      [0, 0, 1, 1],
    );
    near(r.value.npc.full, 4e6, 1);
    assertHonours(m, c, r.value);
  });
  it("fills the segments of an action with increasing returns in order", async () => {
    // E = 100 - 60 a^2: nothing to gain from a little, much from a lot. Need 15 t: a = 0.5, cost 5 M.
    const m: PortfolioModel = {
      actions: [{ id: "A", kind: "continuous", min: 0, max: 1, breakpoints: [0.5] }],
      targets: [{ id: "t", basis: "BASIC", year: 2030, limit: 85 }],
      years: [2030],
      evaluate: (l) => ({ emissions: [100 - 60 * l[0]! ** 2], npc: 10e6 * l[0]!, spend: [10e6 * l[0]!] }),
    };
    const r = await optimisePortfolio(m, {}, highs);
    assert.ok(r.ok);
    near(level(r.value, "A"), 0.5);
    assertHonours(m, {}, r.value);
  });
  it("lists every bad input at once", async () => {
    const m = twoActions(50);
    const r = await optimisePortfolio(
      { ...m, actions: [m.actions[0]!, { ...m.actions[1]!, min: 2 }] },
      { budgets: [{ year: 2099, limit: 1 }], exclusions: [{ a: "A", b: "Z" }] },
      highs,
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => `${p.code} ${p.path}`),
      ["BAD_VALUE actions[1]", "MISSING_YEAR budgets[0].year", "UNKNOWN_REFERENCE exclusions[0].b"],
    );
  });
});

describe("solver failures", () => {
  it("reports a solver failure and a time-out with their codes", async () => {
    const failing: Solver = { solve: async () => ({ status: "error", message: "worker lost" }) };
    const r = await optimisePortfolio(twoActions(50), {}, failing);
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "SOLVER_FAILED");
    assert.match(r.problems[0]!.message, /worker lost/);
    const slow: Solver = {
      solve: async () => ({ status: "time-limit", message: "HiGHS: Time limit reached" }),
    };
    const r2 = await optimisePortfolio(twoActions(50), {}, slow);
    assert.ok(!r2.ok);
    assert.equal(r2.problems[0]!.code, "SOLVER_TIMEOUT");
  });
  it("recreates the HiGHS instance after an error", async () => {
    let loads = 0;
    let broken = true;
    const solver = highsSolver(async () => {
      loads++;
      const real: HighsLike = await loadHighs();
      return {
        solve(lp, o) {
          if (broken) {
            broken = false;
            throw new Error("RuntimeError: unreachable executed");
          }
          return real.solve(lp, o);
        },
      };
    });
    const lp = new LpModel();
    const x = lp.addVar("x", 0, 4);
    lp.cost(x, 1);
    lp.addRow("c", [{ v: x, c: 1 }], ">=", 2);
    const first = await solver.solve(lp.toString(), {});
    assert.equal(first.status, "error");
    assert.match(first.message!, /unreachable executed/);
    const second = await solver.solve(lp.toString(), {});
    assert.equal(second.status, "optimal");
    assert.equal(second.values!.get("x"), 2);
    assert.equal(loads, 2);
  });
});
