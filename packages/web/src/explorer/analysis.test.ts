import { highsSolver, monteCarloProgressive, parsePortfolioSpec, parseUncertaintySpec } from "@citypath/core";
import { tinyInstance, tinyTarget } from "@citypath/core/pathway/fixtures";
import loadHighs from "highs";
import { describe, expect, it } from "vitest";
import { bandFrame, mac, monteCarlo, portfolio, prepare, withLevels } from "./analysis.ts";

const spec = parseUncertaintySpec({
  format: "citypath-uncertainty/1",
  instance: "tiny",
  parameters: [
    {
      id: "grid_path",
      name: { ko: "전력 배출계수 경로", en: "Grid factor path" },
      applies_to: { kind: "driver", driver: "grid", mode: "ramp" },
      distribution: { kind: "uniform", min: 0.8, max: 1.2 },
      illustrative: true,
      note: "test range",
    },
  ],
});

async function bands(levels: Record<string, number>) {
  if (!spec.ok) throw new Error("spec");
  const p = prepare(tinyInstance(), "big_brt", levels);
  const run = monteCarlo(p, spec.value, 200, 50, 7);
  const frames = [];
  for await (const s of monteCarloProgressive(run, async () => {})) frames.push(bandFrame(p.model, s));
  return frames;
}

describe("the explorer's analysis", () => {
  it("puts the explorer's levels into the scenario, and only there", () => {
    const doc = withLevels(tinyInstance(), "all", { brt: 2 }) as ReturnType<typeof tinyInstance>;
    const all = doc.scenarios?.find((s) => s.id === "all");
    expect(all?.actions).toEqual([
      { action: "ev", level: 1 },
      { action: "brt", level: 2 },
      { action: "eco", level: 1 },
    ]);
    expect(doc.scenarios?.find((s) => s.id === "big_brt")?.actions).toEqual([{ action: "brt", level: 10 }]);
  });

  it("refines the band block by block, and the band moves with the levels", async () => {
    const one = await bands({ brt: 1 });
    const two = await bands({ brt: 2 });
    // A first band from the first block of 50 samples, then 100, 150, 200.
    expect(one.map((f) => f.samples)).toEqual([50, 100, 150, 200]);
    const last = one[one.length - 1]!;
    expect(last.basis).toBe("basic");
    last.p5.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(last.p50[i]!);
      expect(last.p50[i]!).toBeLessThanOrEqual(last.p95[i]!);
    });
    // The grid factor is uncertain from 2021 on (the ramp is 1 in the base year), so the band opens.
    expect(last.p95[5]! - last.p5[5]!).toBeGreaterThan(0);
    expect(last.p95[0]! - last.p5[0]!).toBe(0);
    // BRT is a fixed abatement on the road line (100 t in 2022, 300 t in 2024) and nothing it does is
    // sampled: with the same seed, level 2 lies exactly one BRT below level 1 in every percentile.
    const end = two[two.length - 1]!;
    expect(last.p50[2]! - end.p50[2]!).toBeCloseTo(100, 6);
    expect(last.p5[4]! - end.p5[4]!).toBeCloseTo(300, 6);
    expect(last.targets.map((x) => [x.id, x.name.en, x.year])).toEqual([["half@2025", "Half", 2025]]);
    expect(last.targets[0]!.probability).toBeGreaterThanOrEqual(0);
    expect(last.targets[0]!.probability).toBeLessThanOrEqual(1);
  });

  it("leaves actions without any cost figure out of the MAC curve, saying why (never at zero cost)", () => {
    const p = prepare(tinyInstance(), "all", {});
    const c = mac(p, { discountRate: 0.045, year: 2025 });
    expect(c.bars).toEqual([]);
    expect(c.excluded.map((e) => e.id).sort()).toEqual(["brt", "eco", "ev"]);
    expect(c.excluded.every((e) => e.reason.includes("costs"))).toBe(true);
  });
});

describe("the explorer's least-cost portfolio", () => {
  it("answers a set per target year, checked against every year, with each shortfall by sector", async () => {
    const inst = tinyInstance();
    inst.targets = [
      ...(inst.targets ?? []),
      tinyTarget("early", { ko: "이른 감축", en: "Early cut" }, 2023, 0.9),
    ];
    const pspec = parsePortfolioSpec({
      format: "citypath-portfolio/1",
      instance: "tiny",
      discount_rate: 0.045,
      discount_rate_source: "test",
    });
    if (!pspec.ok) throw new Error("spec");
    const solver = highsSolver(() => loadHighs());
    const p = prepare(inst, "all", {});
    const targets = [
      { target: "half", years: [2025] },
      { target: "early", years: [2023] },
    ];
    const a = await portfolio(p, pspec.value, targets, solver);
    expect(a.mode).toBe("per_year");
    expect(a.portfolios.map((x) => [x.portfolio.year, x.portfolio.result.status])).toEqual([
      [2023, "unreachable"],
      [2025, "optimal"],
    ]);
    // each set is checked against both years; the 2023 target is out of reach, so all years together are too
    for (const x of a.portfolios)
      expect(x.portfolio.checks.map((c) => c.id)).toEqual(["half@2025", "early@2023"]);
    expect(a.together).toEqual({ status: "unreachable", portfolio: null, unreachable_years: [2023] });
    // the shortfall of 2023 split by sector adds up to the full model's gap
    const early = a.portfolios[0]!;
    const t = early.portfolio.result.targets[0]!;
    const sum = early.sectors[0]!.reduce((s, g) => s + g.gap, 0);
    expect(Math.abs(sum - (t.full - t.limit))).toBeLessThan(1e-6);
    expect(Object.keys(a.ranges).sort()).toEqual(["brt", "eco", "ev"]);
    // the tiny town's figures are all illustrative, and the answer says so
    expect(a.illustrative.sort()).toEqual(["brt", "eco", "ev"]);
    const joint = await portfolio(p, pspec.value, targets, solver, "joint");
    expect(joint.portfolios.map((x) => x.portfolio.year)).toEqual([null]);
  });
});
