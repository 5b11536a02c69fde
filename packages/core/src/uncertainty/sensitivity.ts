/**
 * The drivers of the spread: which uncertain parameters move a chosen output (a series in a year) most.
 *
 * - `tornado`: Spearman rank correlation of each parameter with the output over the Monte Carlo samples,
 *   plus the output's swing when that parameter alone goes to its 5th and 95th percentile with every other
 *   parameter at its median. Rows are sorted by |rho|, ready for a tornado chart.
 * - `sobolIndices`: first-order (Saltelli 2010) and total (Jansen 1999) Sobol indices from two independent
 *   sample matrices A and B and the p matrices A_B^j (A with column j taken from B): N (p + 2) evaluations.
 *   Sobol indices assume independent inputs, so correlations are ignored there (and a warning says so).
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { quantile } from "./distributions.ts";
import type { MonteCarloModel, MonteCarloRun } from "./montecarlo.ts";
import type { RandomSource } from "./random.ts";
import { drawSamples, type SamplingMethod } from "./sampling.ts";
import { spearman } from "./statistics.ts";

/** Which output to explain: a series in a year. */
export interface OutputRef {
  readonly series: string;
  readonly year: number;
}

export interface TornadoRow {
  readonly parameter: string;
  readonly label: string;
  /** Spearman rank correlation with the output, in [-1, 1]. */
  readonly spearman: number;
  /** 1 = most influential. */
  readonly rank: number;
  /** Output with this parameter at its 5th percentile, all others at their medians. */
  readonly low: number;
  /** Output with this parameter at its 95th percentile, all others at their medians. */
  readonly high: number;
  /** Output with every parameter at its median. */
  readonly base: number;
}

export interface TornadoTable {
  readonly output: OutputRef;
  readonly samples: number;
  readonly rows: readonly TornadoRow[];
}

function outputIndex(
  model: MonteCarloModel,
  ref: OutputRef,
  path: string,
): Result<{ si: number; yi: number }> {
  const si = model.series.findIndex((s) => s.id === ref.series);
  const yi = model.years.indexOf(ref.year);
  const problems: Problem[] = [];
  if (si < 0)
    problems.push(
      problem("UNKNOWN_REFERENCE", `no output series "${ref.series}"`, { path: `${path}.series` }),
    );
  if (yi < 0)
    problems.push(
      problem("MISSING_YEAR", `${ref.year} is outside the modelled years`, { path: `${path}.year` }),
    );
  return problems.length ? fail(problems) : ok({ si, yi });
}

/** Evaluates the model once and returns one output. */
function evalOne(model: MonteCarloModel, values: Float64Array, si: number, yi: number): number {
  const out = new Float64Array(model.series.length * model.years.length);
  model.evaluate(values, out);
  return out[si * model.years.length + yi]!;
}

/** The tornado table of a finished (or partial) run for one output. */
export function tornado(run: MonteCarloRun, ref: OutputRef): Result<TornadoTable> {
  const { model } = run;
  const idx = outputIndex(model, ref, "output");
  if (!idx.ok) return idx;
  const { si, yi } = idx.value;
  const y = run.column(si, yi);
  const medians = Float64Array.from(model.parameters, (q) => quantile(q.distribution, 0.5));
  const base = evalOne(model, medians, si, yi);
  const rows = model.parameters.map((q, j) => {
    const v = Float64Array.from(medians);
    v[j] = quantile(q.distribution, 0.05);
    const low = evalOne(model, v, si, yi);
    v[j] = quantile(q.distribution, 0.95);
    const high = evalOne(model, v, si, yi);
    return {
      parameter: q.id,
      label: q.label ?? q.id,
      spearman: spearman(run.parameterColumn(j), y),
      rank: 0,
      low,
      high,
      base,
    };
  });
  rows.sort((a, b) => Math.abs(b.spearman) - Math.abs(a.spearman) || a.parameter.localeCompare(b.parameter));
  return ok({ output: ref, samples: run.samples, rows: rows.map((r, i) => ({ ...r, rank: i + 1 })) });
}

export interface SobolRow {
  readonly parameter: string;
  readonly label: string;
  /** First-order index S_j: share of the output variance explained by parameter j alone. */
  readonly first: number;
  /** Total index ST_j: share including all interactions of parameter j. */
  readonly total: number;
}

export interface SobolTable {
  readonly output: OutputRef;
  /** Base sample size N; the model was evaluated N (p + 2) times. */
  readonly samples: number;
  readonly variance: number;
  readonly rows: readonly SobolRow[];
}

/** First-order and total Sobol indices for each output asked; rows sorted by first-order index. */
export function sobolIndices(
  model: MonteCarloModel,
  outputs: readonly OutputRef[],
  options: { readonly samples: number; readonly random: RandomSource; readonly method?: SamplingMethod },
): Result<SobolTable[]> {
  const refs: { si: number; yi: number }[] = [];
  const problems: Problem[] = [];
  outputs.forEach((r, i) => {
    const x = outputIndex(model, r, `outputs[${i}]`);
    if (x.ok) refs.push(x.value);
    else problems.push(...x.problems);
  });
  if (!Number.isInteger(options.samples) || options.samples < 2)
    problems.push(
      problem("BAD_VALUE", `samples must be a whole number >= 2, got ${options.samples}`, {
        path: "samples",
      }),
    );
  if (problems.length) return fail(problems);
  const warnings: Problem[] = model.correlations?.length
    ? [
        problem(
          "BAD_VALUE",
          "Sobol indices assume independent parameters; the correlations were ignored for them",
          {
            severity: "warning",
            path: "correlations",
          },
        ),
      ]
    : [];
  const N = options.samples;
  const p = model.parameters.length;
  const Y = model.years.length;
  const width = model.series.length * Y;
  const sampler = { parameters: model.parameters };
  const method = options.method ?? "random";
  const A = drawSamples(sampler, N, options.random, method);
  const B = drawSamples(sampler, N, options.random, method);
  const out = new Float64Array(width);
  const K = refs.length;
  const fA = new Float64Array(N * K);
  const fB = new Float64Array(N * K);
  const pick = (dst: Float64Array, i: number) => {
    for (let k = 0; k < K; k++) dst[i * K + k] = out[refs[k]!.si * Y + refs[k]!.yi]!;
  };
  for (let i = 0; i < N; i++) {
    model.evaluate(A.subarray(i * p, (i + 1) * p), out);
    pick(fA, i);
    model.evaluate(B.subarray(i * p, (i + 1) * p), out);
    pick(fB, i);
  }
  // Variance of the pooled A and B outputs, per output.
  // Outputs are centred on that pooled mean: the estimators' expectations are unchanged, their noise drops.
  const V = new Float64Array(K);
  const M = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let m = 0;
    for (let i = 0; i < N; i++) m += fA[i * K + k]! + fB[i * K + k]!;
    m /= 2 * N;
    M[k] = m;
    let s = 0;
    for (let i = 0; i < N; i++) s += (fA[i * K + k]! - m) ** 2 + (fB[i * K + k]! - m) ** 2;
    V[k] = s / (2 * N - 1);
  }
  const first = new Float64Array(p * K);
  const total = new Float64Array(p * K);
  const row = new Float64Array(p);
  const fAB = new Float64Array(K);
  for (let j = 0; j < p; j++) {
    const sumFirst = new Float64Array(K);
    const sumTotal = new Float64Array(K);
    for (let i = 0; i < N; i++) {
      row.set(A.subarray(i * p, (i + 1) * p));
      row[j] = B[i * p + j]!;
      model.evaluate(row, out);
      for (let k = 0; k < K; k++) fAB[k] = out[refs[k]!.si * Y + refs[k]!.yi]!;
      for (let k = 0; k < K; k++) {
        const a = fA[i * K + k]! - M[k]!;
        const b = fB[i * K + k]! - M[k]!;
        const ab = fAB[k]! - M[k]!;
        sumFirst[k] = sumFirst[k]! + b * (ab - a);
        sumTotal[k] = sumTotal[k]! + (a - ab) ** 2;
      }
    }
    for (let k = 0; k < K; k++) {
      first[j * K + k] = V[k]! > 0 ? sumFirst[k]! / N / V[k]! : 0;
      total[j * K + k] = V[k]! > 0 ? sumTotal[k]! / (2 * N) / V[k]! : 0;
    }
  }
  const tables = outputs.map((ref, k) => {
    const rows = model.parameters
      .map((q, j) => ({
        parameter: q.id,
        label: q.label ?? q.id,
        first: first[j * K + k]!,
        total: total[j * K + k]!,
      }))
      .sort((a, b) => b.first - a.first || a.parameter.localeCompare(b.parameter));
    return { output: ref, samples: N, variance: V[k]!, rows };
  });
  return ok(tables, warnings);
}
