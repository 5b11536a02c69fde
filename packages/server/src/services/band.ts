/**
 * The uncertainty band of a scenario for the public pages: a seeded Monte Carlo run of the core on the
 * instance's uncertainty spec, summarised on the basis of the instance's first target (the basis the pathway
 * chart draws). The numbers are the core's; this only chooses the run's settings and shapes the answer.
 */
import {
  CitypathError,
  drawnBand,
  type EnginePreset,
  enginePreset,
  MonteCarloRun,
  pathwayUncertainty,
  problem,
  type Scope2Method,
  type UncertaintySpec,
} from "@citypath/core";

export interface ScenarioBand {
  readonly scenario: string;
  readonly basis: string;
  readonly samples: number;
  readonly seed: number;
  readonly method: "lhs";
  readonly unit: "tCO2e";
  readonly years: readonly number[];
  readonly p5: readonly number[];
  readonly p50: readonly number[];
  readonly p95: readonly number[];
  readonly targets: ReadonlyArray<{
    readonly id: string;
    readonly year: number;
    readonly limit_tco2e: number;
    /** The Scope 2 method the target is measured on (its probability is computed on those figures). */
    readonly scope2_method: Scope2Method;
    readonly probability: number;
    readonly expected_shortfall_tco2e: number;
  }>;
}

export function scenarioBand(
  doc: unknown,
  scenarioId: string,
  spec: UncertaintySpec,
  samples: number,
  seed: number,
  engine: EnginePreset = enginePreset(),
): ScenarioBand {
  const v = engine.validate(doc);
  if (!v.ok) throw new CitypathError(v.problems);
  if (scenarioId !== "bau" && !v.value.instance.scenarios?.some((s) => s.id === scenarioId))
    throw new CitypathError(problem("NOT_FOUND", `No scenario "${scenarioId}".`, { path: "scenario" }));
  // The scenario's own driver paths when it sets some (as its pathway does), else business as usual.
  const c = engine.compile(v.value, { scenario: scenarioId });
  if (!c.ok) throw new CitypathError(c.problems);
  const u = pathwayUncertainty(v.value, c.value, engine, spec, { scenario: scenarioId });
  if (!u.ok) throw new CitypathError(u.problems);
  const run = MonteCarloRun.create(u.value.model, {
    samples,
    blockSize: samples,
    random: engine.random(seed),
    targets: u.value.targets,
  });
  if (!run.ok) throw new CitypathError(run.problems);
  while (run.value.step() > 0) {}
  const s = run.value.summary();
  const model = c.value;
  const drawn = drawnBand(model, s);
  if (!drawn.ok) throw new CitypathError(drawn.problems);
  const band = drawn.value;
  const pct = (k: string) => {
    const values = band.percentiles[k];
    if (!values) throw new CitypathError(problem("INTERNAL", `The band has no ${k}.`));
    return [...values];
  };
  return {
    scenario: scenarioId,
    basis: band.series,
    samples: s.samples,
    seed,
    method: "lhs",
    unit: "tCO2e",
    years: [...u.value.model.years],
    p5: pct("p5"),
    p50: pct("p50"),
    p95: pct("p95"),
    targets: s.targets.map((t) => ({
      id: t.id,
      year: t.year,
      limit_tco2e: t.limit,
      scope2_method: t.scope2_method ?? "location_based",
      probability: t.probability,
      expected_shortfall_tco2e: t.expectedShortfall,
    })),
  };
}
