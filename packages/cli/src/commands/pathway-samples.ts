/**
 * `citypath pathway ... --samples N --seed S`: Monte Carlo bands, the probability of meeting each target and
 * the drivers of the spread, for one scenario, from the instance's uncertainty spec (citypath-uncertainty/1,
 * default DIR/analysis/uncertainty.yaml). JSON contract: docs/pathway-samples-json.md.
 * Called by commands/pathway.ts when --samples is given.
 */
import {
  formatProblem,
  MonteCarloRun,
  type MonteCarloSummary,
  type Problem,
  parseUncertaintySpec,
  pathwayUncertainty,
  type SamplingMethod,
  type SobolTable,
  sobolIndices,
  type TornadoTable,
  tornado,
} from "@citypath/core";
import { compileLoaded, type InstanceLoad } from "@citypath/data";
import type { CommandIO } from "../io.ts";
import { readSpec, specPath } from "../solver/spec-file.ts";
import { scope2Note } from "./optimize.ts";

export const SAMPLES_FORMAT = "citypath-pathway-samples/2";

/** The flags this adds to `citypath pathway`. */
export const SAMPLE_FLAGS = ["samples", "seed", "uncertainty", "method", "percentiles", "sobol"] as const;

export const SAMPLE_USAGE = `

Uncertainty (Monte Carlo on one scenario, --scenario or business as usual):
  --samples N         number of samples (e.g. 10000); turns the uncertainty run on
  --seed S            seed of the random source (a number or a word; default 1): same seed, same numbers
  --uncertainty FILE  uncertainty spec (citypath-uncertainty/1); default DIR/analysis/uncertainty.yaml
  --method NAME       lhs (Latin hypercube, default) or random
  --percentiles LIST  percentiles of the bands, default 5,50,95
  --sobol N           also first-order and total Sobol indices from N base samples (N x (parameters + 2) runs)
  with --format json: docs/pathway-samples-json.md`;

export interface PathwaySamplesJson {
  readonly format: typeof SAMPLES_FORMAT;
  readonly instance: { readonly id: string; readonly version: string };
  readonly scenario: string;
  readonly samples: number;
  readonly seed: string;
  readonly method: SamplingMethod;
  readonly unit: "tCO2e";
  readonly years: readonly number[];
  /** `name` is the spec's bilingual name (absent when the spec gives none); `label` its English form or the id. */
  readonly parameters: Array<{
    id: string;
    label: string;
    name?: { ko: string; en: string };
    distribution: unknown;
  }>;
  /**
   * By basis id (location-based) and, when a target is measured market-based, by `BASIS:market_based`:
   * mean and percentiles (keys p5, p50, p95...) per year.
   */
  readonly bands: Record<
    string,
    { mean: readonly number[]; percentiles: Readonly<Record<string, readonly number[]>> }
  >;
  readonly targets: MonteCarloSummary["targets"];
  /** One tornado table per target and year: parameters ranked by |Spearman rho| with the emissions there. */
  readonly drivers: Array<{ target: string; basis: string; year: number; rows: TornadoTable["rows"] }>;
  /** With --sobol N: per target year, Sobol indices of each parameter (independent inputs). */
  readonly sobol?: Array<{
    target: string;
    basis: string;
    year: number;
    samples: number;
    rows: SobolTable["rows"];
  }>;
  readonly compilations: number;
  readonly run_ms: number;
}

function printProblems(io: CommandIO, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

const kt = (t: number) =>
  (t / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function table(j: PathwaySamplesJson, shown: readonly number[]): string {
  let s = `${j.instance.id} ${j.instance.version}, scenario ${j.scenario}: ${j.samples} samples (${j.method}, seed ${j.seed}), ktCO2e per year\n`;
  const keys = Object.keys(Object.values(j.bands)[0]?.percentiles ?? {});
  for (const [basis, b] of Object.entries(j.bands)) {
    s += `\n  ${basis.includes(":") ? basis : `${basis}:location_based`}\n  ${"".padEnd(12)}${shown.map((y) => String(y).padStart(10)).join("")}\n`;
    for (const k of keys)
      s += `  ${k.padEnd(12)}${shown.map((y) => kt(b.percentiles[k]![j.years.indexOf(y)]!).padStart(10)).join("")}\n`;
    s += `  ${"mean".padEnd(12)}${shown.map((y) => kt(b.mean[j.years.indexOf(y)]!).padStart(10)).join("")}\n`;
  }
  if (j.targets.length) {
    s += `\n  ${"target".padEnd(34)}${"limit".padStart(10)}${"P(met)".padStart(9)}${"E[short]".padStart(10)}\n`;
    for (const t of j.targets)
      s += `  ${t.id.padEnd(34).slice(0, 34)}${kt(t.limit).padStart(10)}${`${(t.probability * 100).toFixed(1)}%`.padStart(9)}${kt(t.expectedShortfall).padStart(10)}\n`;
    s += scope2Note(j.targets);
  }
  for (const d of j.drivers) {
    s += `\n  drivers of the spread: ${d.target} (${d.basis} ${d.year})\n`;
    for (const r of d.rows.slice(0, 8))
      s += `    ${String(r.rank).padStart(2)}. ${r.label.padEnd(34).slice(0, 34)} rho ${r.spearman.toFixed(2).padStart(5)}   p5 -> p95: ${kt(r.low)} .. ${kt(r.high)} kt\n`;
  }
  for (const d of j.sobol ?? []) {
    s += `\n  Sobol indices (${d.samples} base samples): ${d.target} (${d.basis} ${d.year})\n`;
    for (const r of d.rows)
      s += `    ${r.label.padEnd(38).slice(0, 38)} first ${r.first.toFixed(2).padStart(5)}  total ${r.total.toFixed(2).padStart(5)}\n`;
  }
  return s;
}

/** Runs the uncertainty analysis; returns the exit code. */
export async function pathwaySamples(
  v: Readonly<Record<string, string>>,
  load: InstanceLoad,
  dir: string,
  io: CommandIO,
  resolvePath: (p: string) => string,
): Promise<number> {
  const bad = (msg: string) => {
    io.stderr.write(`citypath pathway: ${msg}\n`);
    return 2;
  };
  const samples = Number(v.samples);
  if (!Number.isInteger(samples) || samples < 1)
    return bad(`--samples must be a positive whole number, got "${v.samples}"`);
  const method = (v.method ?? "lhs") as SamplingMethod;
  if (method !== "lhs" && method !== "random") return bad("--method must be lhs or random");
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json") return bad("with --samples, --format must be table or json");
  if (v.explain !== undefined) return bad("--explain and --samples do not go together");
  let percentiles = [5, 50, 95];
  if (v.percentiles !== undefined) {
    percentiles = v.percentiles.split(",").map(Number);
    if (percentiles.some((p) => !(p > 0 && p < 100)))
      return bad(`--percentiles: each must lie between 0 and 100, got "${v.percentiles}"`);
  }
  const seed = v.seed ?? "1";
  const file = specPath(dir, v.uncertainty && resolvePath(v.uncertainty), "uncertainty.yaml");
  if (!file)
    return bad(
      "no uncertainty spec: give --uncertainty FILE or write DIR/analysis/uncertainty.yaml (docs/methodology/uncertainty.md)",
    );
  const spec = readSpec(file, parseUncertaintySpec);
  if (!spec.ok) {
    printProblems(io, spec.problems);
    return 2;
  }
  const inst = load.valid.instance;
  const scenario = v.scenario ?? "bau";
  const scen = inst.scenarios?.find((s) => s.id === scenario);
  if (scenario !== "bau" && !scen) return bad(`scenario "${scenario}" is not defined`);
  const compiled = compileLoaded(load, {
    driverScenario: scen && Object.keys(scen.drivers ?? {}).length ? scen.id : "bau",
  });
  if (!compiled.ok) {
    printProblems(io, compiled.problems);
    return 1;
  }
  const m = compiled.value;
  const t0 = performance.now();
  const u = pathwayUncertainty(load.valid, m, load.engine, spec.value, { scenario });
  if (!u.ok) {
    printProblems(
      io,
      u.problems.map((p) => ({ ...p, file })),
    );
    return 2;
  }
  const seedValue = /^\d+$/.test(seed) ? Number(seed) : seed;
  const run = MonteCarloRun.create(u.value.model, {
    samples,
    random: load.engine.random(seedValue),
    method,
    percentiles,
    targets: u.value.targets,
    blockSize: Math.min(samples, 1000),
  });
  if (!run.ok) {
    printProblems(
      io,
      run.problems.map((p) => ({ ...p, file })),
    );
    return 2;
  }
  // Block by block, giving the event loop a turn in between; the summary is computed once at the end
  // (the browser uses monteCarloProgressive, which summarises after every block).
  const started = load.engine.now();
  while (run.value.step() > 0) {
    if (load.engine.now() - started > 500 && !run.value.done)
      io.stderr.write(`citypath pathway: ${run.value.samples} of ${samples} samples\n`);
    await new Promise((r) => setImmediate(r));
  }
  const summary: MonteCarloSummary = run.value.summary();
  const drivers: PathwaySamplesJson["drivers"] = [];
  for (const t of u.value.targets) {
    const tt = tornado(run.value, { series: t.series, year: t.year });
    if (tt.ok) drivers.push({ target: t.id, basis: t.series, year: t.year, rows: tt.value.rows });
  }
  const model = u.value.model;
  let sobol: PathwaySamplesJson["sobol"];
  if (v.sobol !== undefined) {
    const n = Number(v.sobol);
    if (!Number.isInteger(n) || n < 2) return bad(`--sobol must be a whole number >= 2, got "${v.sobol}"`);
    const s = sobolIndices(
      model,
      u.value.targets.map((t) => ({ series: t.series, year: t.year })),
      { samples: n, random: load.engine.random(seedValue), method },
    );
    if (!s.ok) {
      printProblems(io, s.problems);
      return 2;
    }
    printProblems(io, s.warnings);
    sobol = s.value.map((tb, k) => ({
      target: u.value.targets[k]!.id,
      basis: tb.output.series,
      year: tb.output.year,
      samples: tb.samples,
      rows: tb.rows,
    }));
  }
  const j: PathwaySamplesJson = {
    format: SAMPLES_FORMAT,
    instance: { id: m.instanceId, version: m.instanceVersion },
    scenario,
    samples,
    seed,
    method,
    unit: "tCO2e",
    years: model.years,
    parameters: model.parameters.map((p, i) => {
      const name = spec.value.parameters[i]!.name;
      return { id: p.id, label: p.label ?? p.id, ...(name ? { name } : {}), distribution: p.distribution };
    }),
    bands: Object.fromEntries(
      summary!.bands.map((b) => [b.series, { mean: b.mean, percentiles: b.percentiles }]),
    ),
    targets: summary!.targets,
    drivers,
    ...(sobol ? { sobol } : {}),
    compilations: u.value.compilations,
    run_ms: Math.round(performance.now() - t0),
  };
  if (format === "json") io.stdout.write(`${JSON.stringify(j)}\n`);
  else {
    const shown = model.years.filter((y, i) => i === 0 || y % 5 === 0 || i === model.years.length - 1);
    io.stdout.write(table(j, shown));
  }
  return 0;
}
