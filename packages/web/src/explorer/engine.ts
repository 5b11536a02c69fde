/**
 * The bridge from the explorer's worker to the pathway engine of @citypath/core: the very code the server
 * and the CLI run (the core's engine preset: validate then compile; evaluate = the fast path), with the
 * action library's types registered. Pure; no I/O.
 */
import {
  type CompiledModel,
  createResult,
  drawnBasis,
  enginePreset,
  evaluate,
  formatProblem,
  type PathwayResult,
  rangeProvenance,
  scenarioLevels,
  sliderRange,
  targetFigures,
  whatItTakes,
} from "@citypath/core";
import type { Lever, TargetPath } from "../api/model.ts";
import type { PathwayFrame } from "./protocol.ts";

/** The engine of the explorer's workers: the default action types, seeded draws, the browser's clock. */
export const ENGINE = enginePreset();

interface ScenarioActionDoc {
  action: string;
  level: number;
  min?: number;
  max?: number;
  source?: string;
  illustrative?: boolean;
  note?: string;
}
interface InstanceDoc {
  scenarios?: Array<{ id: string; actions: ScenarioActionDoc[] }>;
}

export interface Session {
  model: CompiledModel;
  scenarioId: string;
  scenarioName: { ko: string; en: string };
  scenarios: Array<{ id: string; name: { ko: string; en: string } }>;
  /** Whose driver paths (grid factor, population...) the model uses: "bau" or a scenario that sets drivers. */
  drivers: string;
  /** The driver paths on offer: business as usual and every scenario that sets its own. */
  driverChoices: Array<{ id: string; name: { ko: string; en: string } | null }>;
  /** The basis the chart shows: the first target's, else BASIC (index 0). */
  basis: number;
  bau: Float64Array;
  levers: Lever[];
  /** Levels by action index, updated in place by slider moves. */
  levels: Float64Array;
  out: PathwayResult;
}

export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server may send the instance document bare or wrapped as {document: ...}. */
export function instanceDocument(raw: unknown): unknown {
  if (raw && typeof raw === "object" && "document" in raw) return (raw as { document: unknown }).document;
  return raw;
}

function countActive(levels: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < levels.length; i++) if ((levels[i] ?? 0) !== 0) n++;
  return n;
}

function build(doc: unknown, driverScenario: string): CompiledModel {
  const r = ENGINE.model(doc, { driverScenario });
  if (!r.ok) throw new EngineError("invalid_instance", r.problems.map(formatProblem).join("\n"));
  return r.value;
}

/**
 * Compiles the instance for a scenario (the first one when none is named) with the driver paths of `drivers`
 * (default: the scenario's own when it sets some, else business as usual) and evaluates its levels.
 */
export function open(raw: unknown, scenarioId: string | null, drivers: string | null = null): Session {
  const doc = instanceDocument(raw);
  const bauModel = build(doc, "bau");
  // By default the scenario with the most actions (the one with the most to explore).
  const byActions = [...bauModel.scenarios].sort((x, y) => countActive(y.levels) - countActive(x.levels));
  const sc = scenarioId ? bauModel.scenarios.find((s) => s.id === scenarioId) : byActions[0];
  if (!sc) throw new EngineError("no_scenario", "the instance has no scenario");
  const driverId = drivers ?? (sc.overridesDrivers ? sc.id : "bau");
  if (driverId !== "bau" && !bauModel.scenarios.some((x) => x.id === driverId && x.overridesDrivers))
    throw new EngineError("bad_drivers", `scenario "${driverId}" sets no driver paths`);
  const model = driverId === "bau" ? bauModel : build(doc, driverId);
  const lv = scenarioLevels(model, sc.id);
  if (!lv.ok) throw new EngineError("bad_scenario", lv.problems.map(formatProblem).join("\n"));
  const bauRes = evaluate(bauModel, new Float64Array(bauModel.nActions));
  const basis = drawnBasis(model).index;
  const bau = bauRes.basis.slice(basis * bauModel.nYears, (basis + 1) * bauModel.nYears);
  const docScenario = (doc as InstanceDoc).scenarios?.find((s) => s.id === sc.id);
  const levels = lv.value;
  const levers: Lever[] = [];
  model.actions.forEach((a, i) => {
    const inScenario = docScenario?.actions.find((x) => x.action === a.id);
    if (!inScenario) return;
    const level = levels[i] ?? 0;
    const range = sliderRange(inScenario, a.binary);
    levers.push({
      id: a.id,
      index: i,
      label: a.name,
      unit: "level",
      min: range.min,
      max: range.max,
      range: rangeProvenance(inScenario, a.binary),
      step: a.binary ? 1 : 0.05,
      value: level,
      binary: a.binary,
    });
  });
  return {
    model,
    scenarioId: sc.id,
    scenarioName: sc.name,
    scenarios: bauModel.scenarios.map((x) => ({ id: x.id, name: x.name })),
    drivers: driverId,
    driverChoices: [
      { id: "bau", name: null },
      ...bauModel.scenarios.filter((x) => x.overridesDrivers).map((x) => ({ id: x.id, name: x.name })),
    ],
    basis,
    bau,
    levers,
    levels,
    out: createResult(model),
  };
}

/** One evaluation with the session's current levels: the frame the chart draws. */
export function frame(s: Session): PathwayFrame {
  const m = s.model;
  const r = evaluate(m, s.levels, s.out);
  const Y = m.nYears;
  const years = Array.from({ length: Y }, (_, y) => m.baseYear + y);
  const scenario = Array.from(r.basis.subarray(s.basis * Y, (s.basis + 1) * Y));
  const targets: TargetPath[] = [];
  const gaps: PathwayFrame["gaps"] = [];
  m.targets.forEach((t, ti) => {
    if (t.basis !== s.basis) return;
    targets.push({ id: t.id, name: t.name, values: Array.from(t.path, (v) => (Number.isNaN(v) ? null : v)) });
    // the gap by the Scope 2 method the target is measured on
    gaps.push({
      id: t.id,
      values: Array.from(targetFigures(m, r, ti).gap, (v) => (Number.isNaN(v) ? null : v)),
    });
  });
  return {
    years,
    bau: Array.from(s.bau),
    scenario,
    targets,
    gaps,
    basisName: m.bases[s.basis]?.name ?? null,
    whatItTakes: m.targets.map((t) => {
      const w = whatItTakes(m, r, t.id);
      return {
        target: t.id,
        targetName: t.name,
        method: t.method,
        years: w.years.map((y) => ({
          year: y.year,
          target: y.target_tco2e,
          remaining: y.remaining_tco2e,
          gap: y.gap_tco2e,
          sectors: y.sectors.map((x) => ({
            sector: x.sector,
            allowance: x.allowance_tco2e,
            remaining: x.remaining_tco2e,
            gap: x.gap_tco2e,
          })),
        })),
      };
    }),
  };
}
