import assert from "node:assert/strict";
import { describe, it } from "node:test";
import loadHighs from "highs";
import { highsSolver, optimisePortfolios, type PortfolioModel } from "./index.ts";

const highs = highsSolver(() => loadHighs());

/**
 * Three actions, two target years, 100 tCO2e in both years before any action; all costs in million KRW:
 * A (0..1) cuts 40 t in 2030 and in 2040 for 10 M (250,000 KRW/t); B (0..1) cuts 30 t in both years for 6 M
 * (200,000 KRW/t); C (0..1) starts after 2030: nothing in 2030, 50 t in 2040 for 5 M (100,000 KRW/t).
 * E2030 = 100 - 40a - 30b, E2040 = 100 - 40a - 30b - 50c, NPC = 10a + 6b + 5c M KRW.
 */
function threeActions(limit2030: number, limit2040: number): PortfolioModel {
  return {
    actions: ["A", "B", "C"].map((id) => ({ id, kind: "continuous" as const, min: 0, max: 1 })),
    targets: [
      { id: "t@2030", basis: "BASIC", year: 2030, limit: limit2030 },
      { id: "t@2040", basis: "BASIC", year: 2040, limit: limit2040 },
    ],
    years: [2030, 2040],
    evaluate(l) {
      const [a, b, c] = [l[0]!, l[1]!, l[2]!];
      const cost = (10 * a + 6 * b + 5 * c) * 1e6;
      return {
        emissions: [100 - 40 * a - 30 * b, 100 - 40 * a - 30 * b - 50 * c],
        npc: cost,
        spend: [cost, 0],
      };
    },
  };
}

const levels = (p: { result: { levels: readonly { level: number }[] } }) =>
  p.result.levels.map((x) => x.level);
const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} is not ${b}`);
const nearAll = (a: number[], b: number[]) => {
  for (const [i, x] of a.entries()) near(x, b[i]!);
};

describe("a least-cost portfolio per target year", () => {
  it("answers each year alone, says which other years each meets, and solves the years together when none does", async () => {
    // 2030 (limit 50, 50 t to cut): B in full (30 t, 6 M), then A for 20 t (a = 0.5, 5 M): 11 M.
    //   In 2040 it leaves 100 - 20 - 30 = 50 t > 30: 20 t short.
    // 2040 (limit 30, 70 t to cut): C in full (50 t, 5 M), then B for 20 t (b = 2/3, 4 M): 9 M.
    //   In 2030 it leaves 100 - 20 = 80 t > 50: 30 t short.
    // Together: 2030 needs the 11 M of A and B; 2040 then needs 20 t more, from C (c = 0.4, 2 M): 13 M.
    const r = await optimisePortfolios(threeActions(50, 30), {}, highs);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const [p30, p40, joint] = r.value.portfolios;
    assert.equal(r.value.portfolios.length, 3);
    assert.equal(p30!.year, 2030);
    assert.equal(p30!.result.status, "optimal");
    nearAll(levels(p30!), [0.5, 1, 0]);
    near(p30!.result.npc.full, 11e6, 1);
    assert.deepEqual(
      p30!.result.targets.map((t) => t.id),
      ["t@2030"],
      "solved for its own year only",
    );
    assert.deepEqual(
      p30!.checks.map((c) => [c.id, c.met]),
      [
        ["t@2030", true],
        ["t@2040", false],
      ],
    );
    near(p30!.checks[1]!.full, 50);
    near(p30!.checks[1]!.shortfall, 20);
    assert.equal(p40!.year, 2040);
    nearAll(levels(p40!), [0, 2 / 3, 1]);
    near(p40!.result.npc.full, 9e6, 1);
    near(p40!.checks[0]!.shortfall, 30);
    assert.equal(joint!.year, null);
    nearAll(levels(joint!), [0.5, 1, 0.4]);
    near(joint!.result.npc.full, 13e6, 1);
    assert.ok(joint!.checks.every((c) => c.met));
    assert.deepEqual(r.value.together, { status: "met", portfolio: 2, unreachable_years: [] });
  });

  it("names a year's portfolio that meets the other years as the least cost for all of them", async () => {
    // 2040 limit 50: C alone in full (5 M), which leaves 2030 at 100 t. The 2030 portfolio (11 M) leaves 2040
    // at exactly 50 t: it meets both, and nothing cheaper can meet 2030, so it is the answer for both years.
    const r = await optimisePortfolios(threeActions(50, 50), {}, highs);
    assert.ok(r.ok);
    assert.equal(r.value.portfolios.length, 2, "no joint solve needed");
    nearAll(levels(r.value.portfolios[1]!), [0, 0, 1]);
    near(r.value.portfolios[1]!.result.npc.full, 5e6, 1);
    assert.equal(r.value.portfolios[1]!.checks[0]!.met, false);
    assert.ok(r.value.portfolios[0]!.checks.every((c) => c.met));
    assert.deepEqual(r.value.together, { status: "met", portfolio: 0, unreachable_years: [] });
  });

  it("gives an unreachable year its max-effort portfolio and shortfall, and still answers the other year", async () => {
    // 2030 limit 20: 80 t to cut, at most 70 (A and B in full): 10 t short; C does not help in 2030 and
    // stays off. That portfolio (16 M) leaves 2040 at 30 t: it meets 2040's limit 30 too.
    // 2040 alone: 9 M as above. Together: unreachable, because of 2030.
    const r = await optimisePortfolios(threeActions(20, 30), {}, highs);
    assert.ok(r.ok);
    const [p30, p40] = r.value.portfolios;
    assert.equal(r.value.portfolios.length, 2);
    assert.equal(p30!.result.status, "unreachable");
    nearAll(levels(p30!), [1, 1, 0]);
    near(p30!.result.targets[0]!.shortfall, 10, 1e-5);
    assert.deepEqual(p30!.result.binding.map((b) => `${b.kind}:${b.id}`).sort(), [
      "action_at_max:A",
      "action_at_max:B",
    ]);
    assert.ok(p30!.warnings.some((w) => w.code === "INFEASIBLE"));
    assert.deepEqual(
      p30!.checks.map((c) => c.met),
      [false, true],
    );
    assert.equal(p40!.result.status, "optimal");
    near(p40!.result.npc.full, 9e6, 1);
    assert.deepEqual(r.value.together, { status: "unreachable", portfolio: null, unreachable_years: [2030] });
  });

  it("keeps the joint mode: one portfolio for every year at once", async () => {
    const r = await optimisePortfolios(threeActions(50, 30), {}, highs, { mode: "joint" });
    assert.ok(r.ok);
    assert.equal(r.value.portfolios.length, 1);
    assert.equal(r.value.portfolios[0]!.year, null);
    nearAll(levels(r.value.portfolios[0]!), [0.5, 1, 0.4]);
    assert.deepEqual(
      r.value.portfolios[0]!.result.targets.map((t) => t.id),
      ["t@2030", "t@2040"],
    );
    assert.deepEqual(r.value.together, { status: "met", portfolio: 0, unreachable_years: [] });
  });
});
