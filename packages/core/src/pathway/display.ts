/**
 * Which pathway to draw from the answers of several scenario runs (each a `citypath-pathway/3` document
 * holding the BAU run first, then its scenario): the basis, the main scenario, the targets on that basis,
 * and whether an uncertainty band belongs to it. Pure rules shared by every place that draws a pathway.
 */

import type { Text } from "../vocabulary/text.ts";
import type { CompiledModel } from "./model.ts";

/** The parts of a pathway document (json.ts) these rules read. */
export interface PathwayRunsDoc {
  readonly years: readonly number[];
  readonly bases: ReadonlyArray<{ readonly id: string; readonly name: Text }>;
  readonly targets: ReadonlyArray<{
    readonly id: string;
    readonly name: Text;
    readonly basis: string;
    readonly path_tco2e: ReadonlyArray<number | null>;
  }>;
  readonly scenarios: ReadonlyArray<{
    readonly id: string;
    readonly name: Text;
    readonly levels: Readonly<Record<string, number>>;
    readonly totals_tco2e: Readonly<Record<string, readonly number[]>>;
  }>;
}

/** One pathway on one basis: BAU, the main scenario, the other scenarios and the targets, tCO2e per year. */
export interface PathwayDisplay {
  readonly basisId: string;
  readonly basisName: Text | string;
  readonly years: number[];
  readonly bau: number[];
  readonly scenarioId: string;
  readonly scenarioName: Text;
  readonly scenario: number[];
  readonly others: Array<{ id: string; name: Text; values: number[] }>;
  readonly targets: Array<{ id: string; name: Text; values: Array<number | null> }>;
}

/** The basis drawn when an instance has no target. */
export const NO_TARGET_BASIS = "basic";

/** The basis a pathway is drawn on: the first target's (the city's own commitment), else GPC BASIC. */
export function displayBasis(doc: Pick<PathwayRunsDoc, "targets">): string {
  return doc.targets[0]?.basis ?? NO_TARGET_BASIS;
}

/** The same rule on a compiled model: the basis's index into `model.bases` and its id. */
export function drawnBasis(model: Pick<CompiledModel, "bases" | "targets">): { index: number; id: string } {
  const t = model.targets[0];
  const index = t ? t.basis : model.bases.findIndex((b) => b.id === NO_TARGET_BASIS);
  const b = model.bases[index];
  if (!b) throw new Error(`the model has no basis ${t ? index : NO_TARGET_BASIS}`);
  return { index, id: b.id };
}

/** Number of actions a scenario sets to a non-zero level. */
export function activeActions(s: { readonly levels: Readonly<Record<string, number>> }): number {
  return Object.values(s.levels).filter((v) => v !== 0).length;
}

/**
 * The pathway of several scenario runs on one basis. The main scenario is the one with most actions in
 * effect (ties: the first run); the others are drawn beside it. Null when there is no run, or when BAU has
 * no totals on the chosen basis (a document that does not hold its own basis is not drawn half).
 */
export function pathwayDisplay(runs: readonly PathwayRunsDoc[]): PathwayDisplay | null {
  const first = runs[0];
  if (!first) return null;
  const basis = displayBasis(first);
  const bauRun = first.scenarios.find((s) => s.id === "bau");
  const bau = bauRun?.totals_tco2e[basis];
  if (!bauRun || !bau) return null;
  type Run = PathwayRunsDoc["scenarios"][number];
  const scenarios = runs
    .map((r) => r.scenarios[r.scenarios.length - 1])
    .filter((s): s is Run => s !== undefined && s.id !== "bau")
    .map((s, i) => ({ s, i }))
    .sort((a, b) => activeActions(b.s) - activeActions(a.s) || a.i - b.i)
    .map((x) => x.s);
  const values = (s: Run): number[] => {
    const v = s.totals_tco2e[basis];
    if (!v) throw new Error(`scenario ${s.id} has no totals on basis ${basis}`);
    return [...v];
  };
  const main = scenarios[0];
  return {
    basisId: basis,
    basisName: first.bases.find((b) => b.id === basis)?.name ?? basis,
    years: [...first.years],
    bau: [...bau],
    scenarioId: main?.id ?? "bau",
    scenarioName: main?.name ?? bauRun.name,
    scenario: main ? values(main) : [...bau],
    others: scenarios.slice(1).map((s) => ({ id: s.id, name: s.name, values: values(s) })),
    targets: first.targets
      .filter((t) => t.basis === basis)
      .map((t) => ({ id: t.id, name: t.name, values: [...t.path_tco2e] })),
  };
}

/** An uncertainty band of one scenario on one basis (the server's `.../band` answer). */
export interface BandDoc {
  readonly scenario: string;
  readonly basis: string;
  readonly years: readonly number[];
}

/** A band belongs to a drawn pathway when it is of the same scenario, basis and years. */
export function bandMatches(
  p: { readonly scenarioId: string; readonly basisId: string; readonly years: readonly number[] },
  b: BandDoc,
): boolean {
  return (
    b.scenario === p.scenarioId &&
    b.basis === p.basisId &&
    b.years.length === p.years.length &&
    b.years.every((y, i) => y === p.years[i])
  );
}

/** The run (and its scenario) in which an action is in effect, for its modelled abatement; undefined if none. */
export function runWithAction<R extends PathwayRunsDoc>(
  actionId: string,
  runs: readonly R[],
): { run: R; scenario: R["scenarios"][number] } | undefined {
  for (const run of runs) {
    const s = run.scenarios[run.scenarios.length - 1];
    if (s && s.id !== "bau" && (s.levels[actionId] ?? 0) !== 0) return { run, scenario: s };
  }
  return undefined;
}
