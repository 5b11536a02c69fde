/**
 * Monte Carlo propagation through any model that maps parameter values to output series by year.
 *
 * The model is a plain function (the pathway engine's compiled form plugs in through `pathway-model.ts`);
 * the random source is passed in. Samples are drawn in blocks of `blockSize`: a synchronous run and an
 * incremental run with the same seed draw the same blocks and give the same numbers, bit for bit.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import type { Scope2Method } from "../vocabulary/scope2.ts";
import { validateDistribution } from "./distributions.ts";
import type { RandomSource } from "./random.ts";
import {
  type Correlation,
  drawSamples,
  prepareSampler,
  type Sampler,
  type SamplingMethod,
  type UncertainParameter,
} from "./sampling.ts";
import { quantilesInPlace } from "./statistics.ts";

/** One output series (e.g. the scenario's emissions on the BASIC basis), valued per year. */
export interface OutputSeries {
  readonly id: string;
  readonly label?: string;
  /** Unit of the values, for display (canonical, e.g. tCO2e). */
  readonly unit?: string;
}

export interface MonteCarloModel {
  readonly parameters: readonly UncertainParameter[];
  readonly correlations?: readonly Correlation[];
  readonly years: readonly number[];
  readonly series: readonly OutputSeries[];
  /**
   * Evaluates one sample. `values[j]` is the value of `parameters[j]`; writes the outputs into
   * `out[s * years.length + y]` for series s and year index y. Must not keep references to either array.
   */
  evaluate(values: Float64Array, out: Float64Array): void;
}

/** A target to meet: the series' value in `year` must not exceed `limit` (same unit as the series). */
export interface MonteCarloTarget {
  readonly id: string;
  readonly label?: string;
  readonly series: string;
  /** The Scope 2 method of the series the target is scored on, where the model says. */
  readonly scope2_method?: Scope2Method;
  readonly year: number;
  readonly limit: number;
}

export interface MonteCarloOptions {
  readonly samples: number;
  readonly random: RandomSource;
  /** "lhs" (Latin hypercube, per block) or "random"; default "lhs". */
  readonly method?: SamplingMethod;
  /** Samples per block (default 500, at most `samples`); an incremental run reports after each block. */
  readonly blockSize?: number;
  /** Percentiles to report, in (0, 100); default [5, 50, 95]. */
  readonly percentiles?: readonly number[];
  readonly targets?: readonly MonteCarloTarget[];
}

export interface Band {
  readonly series: string;
  readonly years: readonly number[];
  readonly mean: readonly number[];
  /** Keyed `p5`, `p50`, `p95`, ... ; one value per year. Ordered: p5 <= p50 <= p95 in every year. */
  readonly percentiles: Readonly<Record<string, readonly number[]>>;
}

export interface TargetOutcome {
  readonly id: string;
  readonly label?: string;
  readonly series: string;
  readonly scope2_method?: Scope2Method;
  readonly year: number;
  readonly limit: number;
  /** Share of samples with value <= limit. */
  readonly probability: number;
  /** E[max(0, value - limit)] over all samples, in the series' unit. */
  readonly expectedShortfall: number;
  /** E[value - limit | value > limit]: how far off a miss is, on average (0 when never missed). */
  readonly meanShortfallIfMissed: number;
}

export interface MonteCarloSummary {
  readonly samples: number;
  readonly totalSamples: number;
  readonly method: SamplingMethod;
  readonly bands: readonly Band[];
  readonly targets: readonly TargetOutcome[];
}

const DEFAULT_PERCENTILES = [5, 50, 95] as const;

export function percentileKey(p: number): string {
  return `p${p}`;
}

/** Checks a model and options; all problems at once. */
export function validateMonteCarlo(model: MonteCarloModel, options: MonteCarloOptions): Problem[] {
  const out: Problem[] = [];
  model.parameters.forEach((q, i) => {
    out.push(...validateDistribution(q.distribution, `parameters[${i}].distribution`));
  });
  if (!Number.isInteger(options.samples) || options.samples < 1)
    out.push(
      problem("BAD_VALUE", `samples must be a positive whole number, got ${options.samples}`, {
        path: "samples",
      }),
    );
  if (options.blockSize !== undefined && !(Number.isInteger(options.blockSize) && options.blockSize >= 1))
    out.push(
      problem("BAD_VALUE", `blockSize must be a positive whole number, got ${options.blockSize}`, {
        path: "blockSize",
      }),
    );
  (options.percentiles ?? []).forEach((p, i) => {
    if (!(Number.isFinite(p) && p > 0 && p < 100))
      out.push(
        problem("BAD_VALUE", `a percentile must lie strictly between 0 and 100, got ${p}`, {
          path: `percentiles[${i}]`,
        }),
      );
  });
  const seriesIds = new Set(model.series.map((s) => s.id));
  (options.targets ?? []).forEach((t, i) => {
    if (!seriesIds.has(t.series))
      out.push(
        problem(
          "UNKNOWN_REFERENCE",
          `target "${t.id}" refers to series "${t.series}", not among ${[...seriesIds].join(", ")}`,
          {
            path: `targets[${i}].series`,
          },
        ),
      );
    if (!model.years.includes(t.year))
      out.push(
        problem("MISSING_YEAR", `target "${t.id}" is for ${t.year}, outside the modelled years`, {
          path: `targets[${i}].year`,
        }),
      );
    if (!Number.isFinite(t.limit))
      out.push(
        problem("BAD_NUMBER", `target "${t.id}" has no finite limit`, { path: `targets[${i}].limit` }),
      );
  });
  return out;
}

/**
 * A Monte Carlo run that grows block by block. `inputs` (n x p) and `outputs` (n x series x years) hold the
 * samples drawn so far, for sensitivity analysis.
 */
export class MonteCarloRun {
  readonly model: MonteCarloModel;
  readonly totalSamples: number;
  readonly method: SamplingMethod;
  readonly blockSize: number;
  readonly percentiles: readonly number[];
  readonly targets: readonly MonteCarloTarget[];
  readonly inputs: Float64Array;
  readonly outputs: Float64Array;
  private readonly sampler: Sampler;
  private readonly random: RandomSource;
  private drawn = 0;

  private constructor(model: MonteCarloModel, options: MonteCarloOptions, sampler: Sampler) {
    this.model = model;
    this.sampler = sampler;
    this.random = options.random;
    this.totalSamples = options.samples;
    this.method = options.method ?? "lhs";
    this.blockSize = Math.min(options.blockSize ?? 500, options.samples);
    this.percentiles = [...(options.percentiles ?? DEFAULT_PERCENTILES)].sort((a, b) => a - b);
    this.targets = options.targets ?? [];
    this.inputs = new Float64Array(options.samples * model.parameters.length);
    this.outputs = new Float64Array(options.samples * model.series.length * model.years.length);
  }

  static create(model: MonteCarloModel, options: MonteCarloOptions): Result<MonteCarloRun> {
    const problems = validateMonteCarlo(model, options);
    const prepared = prepareSampler(model.parameters, model.correlations ?? []);
    if (!prepared.ok) problems.push(...prepared.problems);
    if (problems.length || !prepared.ok) return fail(problems);
    return ok(new MonteCarloRun(model, options, prepared.sampler));
  }

  get samples(): number {
    return this.drawn;
  }

  get done(): boolean {
    return this.drawn >= this.totalSamples;
  }

  /** Draws and evaluates the next block; returns the number of samples added (0 when done). */
  step(): number {
    const n = Math.min(this.blockSize, this.totalSamples - this.drawn);
    if (n <= 0) return 0;
    const p = this.model.parameters.length;
    const width = this.model.series.length * this.model.years.length;
    const block = drawSamples(this.sampler, n, this.random, this.method);
    this.inputs.set(block, this.drawn * p);
    for (let i = 0; i < n; i++) {
      const row = this.drawn + i;
      this.model.evaluate(
        this.inputs.subarray(row * p, (row + 1) * p),
        this.outputs.subarray(row * width, (row + 1) * width),
      );
    }
    this.drawn += n;
    return n;
  }

  /** Values of one series in one year over the samples drawn so far. */
  column(seriesIndex: number, yearIndex: number): Float64Array {
    const Y = this.model.years.length;
    const width = this.model.series.length * Y;
    const k = seriesIndex * Y + yearIndex;
    const col = new Float64Array(this.drawn);
    for (let i = 0; i < this.drawn; i++) col[i] = this.outputs[i * width + k]!;
    return col;
  }

  /** Values of one parameter over the samples drawn so far. */
  parameterColumn(j: number): Float64Array {
    const p = this.model.parameters.length;
    const col = new Float64Array(this.drawn);
    for (let i = 0; i < this.drawn; i++) col[i] = this.inputs[i * p + j]!;
    return col;
  }

  /** Bands and target probabilities over the samples drawn so far. */
  summary(): MonteCarloSummary {
    const { years, series } = this.model;
    const bands: Band[] = series.map((s, si) => {
      const mean: number[] = [];
      const pct: Record<string, number[]> = {};
      for (const p of this.percentiles) pct[percentileKey(p)] = [];
      years.forEach((_, yi) => {
        const col = this.column(si, yi);
        let m = 0;
        for (let i = 0; i < col.length; i++) m += col[i]!;
        mean.push(m / col.length);
        const qs = quantilesInPlace(
          col,
          this.percentiles.map((p) => p / 100),
        );
        this.percentiles.forEach((p, k) => {
          pct[percentileKey(p)]!.push(qs[k]!);
        });
      });
      return { series: s.id, years: [...years], mean, percentiles: pct };
    });
    const targets: TargetOutcome[] = this.targets.map((t) => {
      const col = this.column(
        series.findIndex((s) => s.id === t.series),
        years.indexOf(t.year),
      );
      let met = 0;
      let short = 0;
      for (let i = 0; i < col.length; i++) {
        const d = col[i]! - t.limit;
        if (d <= 0) met++;
        else short += d;
      }
      const missed = col.length - met;
      return {
        id: t.id,
        ...(t.label !== undefined ? { label: t.label } : {}),
        series: t.series,
        ...(t.scope2_method !== undefined ? { scope2_method: t.scope2_method } : {}),
        year: t.year,
        limit: t.limit,
        probability: met / col.length,
        expectedShortfall: short / col.length,
        meanShortfallIfMissed: missed ? short / missed : 0,
      };
    });
    return { samples: this.drawn, totalSamples: this.totalSamples, method: this.method, bands, targets };
  }
}

/** Runs all samples at once. */
export function runMonteCarlo(model: MonteCarloModel, options: MonteCarloOptions): Result<MonteCarloRun> {
  const r = MonteCarloRun.create(model, options);
  if (!r.ok) return r;
  while (r.value.step() > 0) {}
  return r;
}

/**
 * Runs block by block, yielding a refined summary after each block and giving the event loop a turn in
 * between (`pause`, default a zero timeout) so a browser can redraw. The last summary equals the one of
 * `runMonteCarlo` with the same options.
 */
export async function* monteCarloProgressive(
  run: MonteCarloRun,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): AsyncGenerator<MonteCarloSummary, void, void> {
  while (run.step() > 0) {
    yield run.summary();
    if (!run.done) await pause();
  }
}
