import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createRandom,
  distributionMean,
  distributionVariance,
  drawSamples,
  type MonteCarloModel,
  MonteCarloRun,
  mean,
  monteCarloProgressive,
  normalCdf,
  normalQuantile,
  prepareSampler,
  quantile,
  quantilesInPlace,
  runMonteCarlo,
  sobolIndices,
  sortedQuantile,
  spearman,
  tornado,
  uniformDesign,
  variance,
  Xoshiro128,
} from "./index.ts";

const close = (actual: number, expected: number, tol: number, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} is not within ${tol} of ${expected}`);

describe("random source", () => {
  it("reproduces xoshiro128** from its definition for the state (1, 2, 3, 4)", () => {
    // By hand: out1 = rotl(2*5, 7)*9 = 1280*9 = 11520; then s = (7, 0, 1026, 12288) so out2 = 0;
    // then s1 = 1029 and out3 = rotl(1029*5, 7)*9 = 658560*9 = 5927040.
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    assert.deepEqual([g.nextUint32(), g.nextUint32(), g.nextUint32()], [11520, 0, 5927040]);
  });
  it("gives the same stream for the same seed and another for another seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom("42x");
    const xa = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      xa,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.notDeepEqual(
      xa,
      Array.from({ length: 5 }, () => c.next()),
    );
    for (const x of xa) assert.ok(x > 0 && x < 1);
  });
});

describe("distributions", () => {
  it("inverts the normal CDF to published quantiles", () => {
    close(normalQuantile(0.975), 1.959963985, 1e-8, "z 0.975");
    close(normalQuantile(0.05), -1.644853627, 1e-8, "z 0.05");
    close(normalQuantile(0.001), -3.090232306, 1e-8, "z 0.001");
    close(normalQuantile(0.5), 0, 1e-12, "z 0.5");
    close(normalCdf(1), 0.841344746, 1e-7, "Phi(1)");
    close(normalCdf(normalQuantile(0.3)), 0.3, 1e-7, "round trip");
  });
  it("reproduces each kind's mean and variance from 20,000 Latin hypercube draws", () => {
    const kinds = [
      { kind: "normal", mean: 10, sd: 2 },
      { kind: "lognormal", mu: 0, sigma: 0.5 },
      { kind: "triangular", min: 1, mode: 2, max: 6 },
      { kind: "uniform", min: -1, max: 3 },
      { kind: "discrete", values: [1, 2, 10], weights: [0.5, 0.3, 0.2] },
    ] as const;
    const sampler = prepareSampler(kinds.map((d, i) => ({ id: `x${i}`, distribution: d })));
    assert.ok(sampler.ok);
    const n = 20000;
    const s = drawSamples(sampler.sampler, n, createRandom(7), "lhs");
    kinds.forEach((d, j) => {
      const col = Float64Array.from({ length: n }, (_, i) => s[i * kinds.length + j]!);
      const m = distributionMean(d);
      const v = distributionVariance(d);
      close(mean(col), m, 0.01 * Math.abs(m) + 0.01, `${d.kind} mean`);
      close(variance(col), v, 0.03 * v, `${d.kind} variance`);
    });
    // Triangular(1, 2, 6): mean (1+2+6)/3 = 3, variance (1+36+4-6-2-12)/18 = 21/18.
    close(distributionVariance(kinds[2]), 21 / 18, 1e-12, "triangular variance by hand");
    // Lognormal(0, 0.5): median e^0 = 1.
    close(quantile(kinds[1], 0.5), 1, 1e-12, "lognormal median");
    // Discrete: P(1) = 0.5, so the 0.49-quantile is 1 and the 0.51-quantile is 2.
    assert.equal(quantile(kinds[4], 0.49), 1);
    assert.equal(quantile(kinds[4], 0.51), 2);
  });
  it("puts one Latin hypercube point in each stratum of each column", () => {
    const n = 50;
    const u = uniformDesign(n, 3, createRandom(1), "lhs");
    for (let j = 0; j < 3; j++) {
      const strata = new Set(Array.from({ length: n }, (_, i) => Math.floor(u[i * 3 + j]! * n)));
      assert.equal(strata.size, n);
    }
  });
});

/** Z = X + Y with X ~ N(10, 2), Y ~ N(5, 1.5): Z ~ N(15, 2.5) when independent (4 + 2.25 = 6.25). */
function sumModel(rho?: number): MonteCarloModel {
  return {
    parameters: [
      { id: "x", distribution: { kind: "normal", mean: 10, sd: 2 } },
      { id: "y", distribution: { kind: "normal", mean: 5, sd: 1.5 } },
    ],
    ...(rho !== undefined ? { correlations: [{ a: "x", b: "y", rho }] } : {}),
    years: [2030, 2040],
    series: [{ id: "z" }],
    // 2030: x + y; 2040: half of it.
    evaluate(v, out) {
      out[0] = v[0]! + v[1]!;
      out[1] = (v[0]! + v[1]!) / 2;
    },
  };
}

describe("Monte Carlo", () => {
  it("reproduces the sum of two normals: mean, spread, percentiles and a known probability", () => {
    const r = runMonteCarlo(sumModel(), {
      samples: 4000,
      random: createRandom(2026),
      percentiles: [5, 50, 95],
      targets: [{ id: "t", series: "z", year: 2030, limit: 17.5 }],
    });
    assert.ok(r.ok);
    const s = r.value.summary();
    const band = s.bands[0]!;
    close(band.mean[0]!, 15, 0.05, "mean");
    // p5 = 15 - 1.644854 * 2.5 = 10.8879; p95 = 19.1121.
    close(band.percentiles.p5![0]!, 10.8879, 0.1, "p5");
    close(band.percentiles.p50![0]!, 15, 0.08, "p50");
    close(band.percentiles.p95![0]!, 19.1121, 0.1, "p95");
    // P(Z <= 17.5) = Phi((17.5 - 15) / 2.5) = Phi(1) = 0.8413.
    const t = s.targets[0]!;
    close(t.probability, 0.8413, 0.015, "probability");
    // E[max(0, Z - 17.5)] = sigma * (phi(1) - 1 * (1 - Phi(1))) = 2.5 * (0.24197 - 0.15866) = 0.2083.
    close(t.expectedShortfall, 0.2083, 0.02, "expected shortfall");
    assert.ok(t.meanShortfallIfMissed > t.expectedShortfall);
  });
  it("orders the bands in every year", () => {
    const r = runMonteCarlo(sumModel(), {
      samples: 300,
      random: createRandom(3),
      percentiles: [95, 5, 50, 25],
    });
    assert.ok(r.ok);
    for (const b of r.value.summary().bands)
      b.years.forEach((_, i) => {
        const p = b.percentiles;
        assert.ok(p.p5![i]! <= p.p25![i]! && p.p25![i]! <= p.p50![i]! && p.p50![i]! <= p.p95![i]!);
      });
  });
  it("honours a correlation through the Gaussian copula", () => {
    const r = runMonteCarlo(sumModel(0.8), { samples: 4000, random: createRandom(11) });
    assert.ok(r.ok);
    const run = r.value;
    // Var(X + Y) = 4 + 2.25 + 2 * 0.8 * 2 * 1.5 = 11.05.
    close(variance(run.column(0, 0)), 11.05, 0.5, "variance");
    // Spearman of a bivariate normal: (6 / pi) asin(rho / 2) = 0.7859.
    close(spearman(run.parameterColumn(0), run.parameterColumn(1)), 0.7859, 0.02, "rank correlation");
  });
  it("refuses inconsistent correlations, naming where", () => {
    const m: MonteCarloModel = {
      ...sumModel(),
      parameters: ["a", "b", "c"].map((id) => ({ id, distribution: { kind: "uniform", min: 0, max: 1 } })),
      correlations: [
        { a: "a", b: "b", rho: 0.9 },
        { a: "b", b: "c", rho: 0.9 },
        { a: "a", b: "c", rho: -0.9 },
        { a: "a", b: "nope", rho: 0.1 },
      ],
    };
    const r = runMonteCarlo(m, { samples: 10, random: createRandom(1) });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.path]),
      [["UNKNOWN_REFERENCE", "correlations[3].b"]],
    );
    const r2 = runMonteCarlo(
      { ...m, correlations: m.correlations!.slice(0, 3) },
      { samples: 10, random: createRandom(1) },
    );
    assert.ok(!r2.ok);
    assert.deepEqual(
      r2.problems.map((p) => [p.code, p.path]),
      [["BAD_VALUE", "correlations"]],
    );
  });
  it("reports every bad option at once", () => {
    const r = runMonteCarlo(sumModel(), {
      samples: 0,
      random: createRandom(1),
      percentiles: [0, 50],
      targets: [{ id: "t", series: "w", year: 2031, limit: 1 }],
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.path).sort(), [
      "percentiles[0]",
      "samples",
      "targets[0].series",
      "targets[0].year",
    ]);
  });
  it("refines incrementally and ends where the one-shot run ends, for the same seed", async () => {
    const opts = { samples: 1000, blockSize: 250 } as const;
    const one = runMonteCarlo(sumModel(), { ...opts, random: createRandom(5) });
    assert.ok(one.ok);
    const run = MonteCarloRun.create(sumModel(), { ...opts, random: createRandom(5) });
    assert.ok(run.ok);
    const counts: number[] = [];
    let last: ReturnType<MonteCarloRun["summary"]> | undefined;
    for await (const s of monteCarloProgressive(run.value, async () => {})) {
      counts.push(s.samples);
      last = s;
    }
    assert.deepEqual(counts, [250, 500, 750, 1000]);
    assert.deepEqual(last, one.value.summary());
  });
});

describe("drivers of the spread", () => {
  // Z = 3 A + B + 0 C with A, B, C ~ U(0, 1): A dominates, C does nothing.
  const linear: MonteCarloModel = {
    parameters: ["a", "b", "c"].map((id) => ({ id, distribution: { kind: "uniform", min: 0, max: 1 } })),
    years: [2030],
    series: [{ id: "z" }],
    evaluate(v, out) {
      out[0] = 3 * v[0]! + v[1]!;
    },
  };
  it("ranks parameters by Spearman correlation, with their swings", () => {
    const r = runMonteCarlo(linear, { samples: 2000, random: createRandom(9) });
    assert.ok(r.ok);
    const t = tornado(r.value, { series: "z", year: 2030 });
    assert.ok(t.ok);
    assert.deepEqual(
      t.value.rows.map((x) => x.parameter),
      ["a", "b", "c"],
    );
    const [a, b, c] = t.value.rows;
    assert.ok(a!.spearman > 0.9 && b!.spearman > 0.2 && Math.abs(c!.spearman) < 0.06);
    // Base: 3 * 0.5 + 0.5 = 2; A at its 5th/95th percentile: 3 * 0.05 + 0.5 = 0.65 and 3 * 0.95 + 0.5 = 3.35.
    close(a!.base, 2, 1e-12, "base");
    close(a!.low, 0.65, 1e-12, "low");
    close(a!.high, 3.35, 1e-12, "high");
    assert.equal(c!.low, c!.high);
  });
  it("estimates first-order Sobol indices of a linear model", () => {
    // Var(3A) = 9/12, Var(B) = 1/12: S_a = 0.9, S_b = 0.1, S_c = 0; additive, so total = first.
    const s = sobolIndices(linear, [{ series: "z", year: 2030 }], { samples: 4000, random: createRandom(4) });
    assert.ok(s.ok);
    const rows = Object.fromEntries(s.value[0]!.rows.map((x) => [x.parameter, x]));
    close(rows.a!.first, 0.9, 0.05, "S_a");
    close(rows.b!.first, 0.1, 0.05, "S_b");
    close(rows.c!.first, 0, 0.02, "S_c");
    close(rows.a!.total, 0.9, 0.05, "ST_a");
  });
  it("computes type-7 quantiles as R does", () => {
    // R: quantile(c(1, 2, 3, 4), 0.25) = 1.75.
    assert.equal(sortedQuantile([1, 2, 3, 4], 0.25), 1.75);
  });
});

describe("quantiles by selection", () => {
  it("equal the type-7 quantiles of the sorted array, ties and all", () => {
    const rng = createRandom(99);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const a = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 20));
      const sorted = Float64Array.from(a).sort();
      const qs = [0, 0.05, 0.25, 0.5, 0.95, 1];
      assert.deepEqual(
        quantilesInPlace(Float64Array.from(a), qs),
        qs.map((q) => sortedQuantile(sorted, q)),
      );
    }
  });
});
