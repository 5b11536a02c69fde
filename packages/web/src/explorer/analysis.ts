/**
 * What the explorer's analysis worker computes, outside the slider's path: the Monte Carlo band and the
 * probability of meeting each target (core: pathwayUncertainty + MonteCarloRun, refined block by block),
 * the marginal abatement cost curve of the current levels (core: scenarioMac, each measure over its life) and the least-cost
 * portfolio (core: pathwayPortfolio + optimisePortfolio with a solver passed in). Pure; no I/O.
 */
import {
  type CompiledModel,
  drawnBand,
  formatProblem,
  labelledIllustrative,
  MonteCarloRun,
  type MonteCarloSummary,
  optimisePortfolios,
  type PortfolioMode,
  type PortfolioSpec,
  type PortfoliosByYear,
  pathwayPortfolio,
  pathwayUncertainty,
  portfolioSectors,
  type RangeProvenance,
  type Solver,
  scenarioMac,
  specConstraints,
  type UncertaintySpec,
  type ValidInstance,
  type YearPortfolio,
} from "@citypath/core";
import type { MacCurve } from "@citypath/core/actions/costs";
import { ENGINE, EngineError, instanceDocument } from "./engine.ts";

interface ScenarioActionDoc {
  action: string;
  level: number;
}
interface InstanceDoc {
  scenarios?: Array<{ id: string; actions: ScenarioActionDoc[]; drivers?: Record<string, unknown> }>;
}

/** The instance with the scenario's levels replaced by the explorer's (actions not named keep theirs). */
export function withLevels(
  raw: unknown,
  scenarioId: string,
  levels: Readonly<Record<string, number>>,
): unknown {
  const doc = instanceDocument(raw) as InstanceDoc;
  return {
    ...doc,
    scenarios: (doc.scenarios ?? []).map((s) =>
      s.id !== scenarioId
        ? s
        : {
            ...s,
            actions: s.actions.map((a) => (a.action in levels ? { ...a, level: levels[a.action] } : a)),
          },
    ),
  };
}

export interface Prepared {
  valid: ValidInstance;
  model: CompiledModel;
  scenarioId: string;
}

/**
 * Validates and compiles the instance at the explorer's levels, with the driver paths of `drivers` (default:
 * the scenario's own when it sets some, else business as usual).
 */
export function prepare(
  raw: unknown,
  scenarioId: string,
  levels: Readonly<Record<string, number>>,
  drivers?: string,
): Prepared {
  const b = ENGINE.build(withLevels(raw, scenarioId, levels), {
    scenario: scenarioId,
    driverScenario: drivers,
  });
  if (!b.ok) throw new EngineError("invalid_instance", b.problems.map(formatProblem).join("\n"));
  return { ...b.value, scenarioId };
}

/** The band the explorer draws: the basis of the first target (as the deterministic frame), 5/50/95. */
export interface BandFrame {
  basis: string;
  samples: number;
  totalSamples: number;
  p5: number[];
  p50: number[];
  p95: number[];
  targets: Array<{
    id: string;
    target: string;
    name: { ko: string; en: string };
    year: number;
    limit: number;
    probability: number;
    expectedShortfall: number;
  }>;
}

export function bandFrame(model: CompiledModel, s: MonteCarloSummary): BandFrame {
  const drawn = drawnBand(model, s);
  if (!drawn.ok) throw new EngineError("no_band", drawn.problems.map(formatProblem).join("\n"));
  const b = drawn.value;
  const p = (k: string) => [...(b.percentiles[k] ?? [])];
  return {
    basis: b.series,
    samples: s.samples,
    totalSamples: s.totalSamples,
    p5: p("p5"),
    p50: p("p50"),
    p95: p("p95"),
    targets: s.targets.map((t) => ({
      id: t.id,
      target: t.id.slice(0, t.id.lastIndexOf("@")),
      name: model.targets.find((x) => x.id === t.id.slice(0, t.id.lastIndexOf("@")))?.name ?? {
        ko: t.id,
        en: t.id,
      },
      year: t.year,
      limit: t.limit,
      probability: t.probability,
      expectedShortfall: t.expectedShortfall,
    })),
  };
}

/** A Monte Carlo run of the prepared scenario (seeded: the same levels give the same band). */
export function monteCarlo(p: Prepared, spec: UncertaintySpec, samples: number, blockSize: number, seed = 1) {
  const u = pathwayUncertainty(p.valid, p.model, ENGINE, spec, { scenario: p.scenarioId });
  if (!u.ok) throw new EngineError("bad_uncertainty", u.problems.map(formatProblem).join("\n"));
  const run = MonteCarloRun.create(u.value.model, {
    samples,
    blockSize,
    random: ENGINE.random(seed),
    targets: u.value.targets,
  });
  if (!run.ok) throw new EngineError("bad_uncertainty", run.problems.map(formatProblem).join("\n"));
  return run.value;
}

/** The appraisal of the MAC curve: the portfolio spec's discount rate; `year` sets the bar widths only. */
export interface MacSettings {
  discountRate: number;
  year: number;
}

/**
 * The MAC curve of the prepared scenario: each action appraised over its life from its start (costs at its
 * level against the abatement the engine attributes to it, held past the horizon), discounted to the
 * instance's price year; the bar's width is that abatement in `year`. Actions without known costs are
 * excluded with the reason (their costs are not known, not zero).
 */
export function mac(p: Prepared, s: MacSettings): MacCurve {
  const m = p.model;
  const sc = m.scenarios.find((x) => x.id === p.scenarioId);
  const levels = sc ? sc.levels : new Float64Array(m.nActions);
  const c = scenarioMac(m, levels, { discountRate: s.discountRate, year: s.year });
  if (!c.ok) throw new EngineError("bad_mac", c.problems.map(formatProblem).join("\n"));
  const { appraisals: _a, discount_rate: _r, discount_year: _y, ...curve } = c.value;
  return curve;
}

/** A portfolio of the answer with each of its unmet targets' gap by plan sector (above 0: above its share). */
export interface ExplorerPortfolio {
  portfolio: YearPortfolio;
  /** Per target row of `portfolio.result.targets`: the gap by plan sector in its year. */
  sectors: Array<Array<{ sector: string; gap: number }>>;
}

export interface PortfolioAnswer {
  mode: PortfolioMode;
  portfolios: ExplorerPortfolio[];
  together: PortfoliosByYear["together"];
  discountYear: number;
  discountRate: number;
  names: Record<string, { ko: string; en: string }>;
  /** Each action's range in the optimisation, with where it comes from (a source, or illustrative with a note). */
  ranges: Record<string, { min: number; max: number; provenance: RangeProvenance }>;
  /** The actions with a figure labelled illustrative (no published figure), the action's own or a parameter's. */
  illustrative: string[];
  targetNames: Record<string, { ko: string; en: string }>;
  solveMs: number;
}

/**
 * The least-cost portfolio for the chosen targets: one per target year (each checked against every chosen
 * target, then every year together), or one for every year at once (`joint`), with the spec's discount rate
 * and constraints. An unreachable target is a status with the shortfall and the binding constraints, not
 * an error.
 */
export async function portfolio(
  p: Prepared,
  spec: PortfolioSpec,
  targets: ReadonlyArray<{ target: string; years: number[] }>,
  solver: Solver,
  mode: PortfolioMode = "per_year",
): Promise<PortfolioAnswer> {
  const pm = pathwayPortfolio(p.model, {
    scenario: p.scenarioId,
    discountRate: spec.discount_rate,
    ...(spec.discount_year !== undefined ? { discountYear: spec.discount_year } : {}),
    targets,
    ...(spec.actions ? { actions: spec.actions } : {}),
  });
  if (!pm.ok) throw new EngineError("bad_portfolio", pm.problems.map(formatProblem).join("\n"));
  const base = specConstraints(spec);
  const constraints = {
    ...base,
    budgets: (base.budgets ?? []).flatMap((b) =>
      b.year !== undefined
        ? [b]
        : pm.value.model.years
            .filter((y) => y >= pm.value.discountYear)
            .map((year) => ({ year, limit: b.limit })),
    ),
  };
  const t0 = performance.now();
  const r = await optimisePortfolios(pm.value.model, constraints, solver, {
    timeLimitSeconds: 20,
    mipRelGap: 1e-4,
    mode,
  });
  if (!r.ok) throw new EngineError("portfolio_failed", r.problems.map(formatProblem).join("\n"));
  return {
    mode,
    portfolios: r.value.portfolios.map((x) => ({
      portfolio: x,
      sectors: portfolioSectors(
        p.model,
        x.result.levels.map((l) => l.level),
        x.result.targets,
      ).map((row) => row.map((g) => ({ sector: g.sector, gap: g.gap_tco2e }))),
    })),
    together: r.value.together,
    discountYear: pm.value.discountYear,
    discountRate: spec.discount_rate,
    names: Object.fromEntries(p.model.actions.map((a) => [a.id, a.name])),
    ranges: Object.fromEntries(
      pm.value.model.actions.map((a, i) => [
        a.id,
        { min: a.min, max: a.max, provenance: pm.value.ranges[i]! },
      ]),
    ),
    illustrative: (p.valid.instance.actions ?? []).filter((a) => labelledIllustrative(a)).map((a) => a.id),
    targetNames: Object.fromEntries(p.model.targets.map((t) => [t.id, t.name])),
    solveMs: performance.now() - t0,
  };
}
