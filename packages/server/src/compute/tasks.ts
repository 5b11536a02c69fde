/**
 * What the compute pool's threads run (pool.ts): the CPU-heavy steps of the server, each a pure function of
 * its input (the core's engines; no database, no HTTP). A task never throws a catalogue error across the
 * thread boundary, where its problems would be lost: it returns a TaskResult, which the pool turns back into
 * the CitypathError the caller would have seen.
 */
import {
  CitypathError,
  computeInventory,
  type DecompositionJson,
  type Explanation,
  type FactorRow,
  type InventoryJson,
  inventoryJson,
  mergeFactors,
  type PathwayJson,
  type Problem,
  problem,
  type UncertaintySpec,
  type WhatItTakesJson,
} from "@citypath/core";
import type { ModelledVsObserved } from "@citypath/core/agenda/index";
import type { ProposalEffect, ProposalScenario } from "@citypath/core/participation/index";
import { builtinActivities, builtinFactors, GWP_SETS } from "@citypath/data";
import { type ModelledInput, modelledInline } from "../services/agenda.ts";
import { type ScenarioBand, scenarioBand } from "../services/band.ts";
import { type ReductionsInput, reductionsInline } from "../services/budget.ts";
import { corePathwayEngine } from "../services/engine.ts";
import type { InstanceInfo } from "../services/instances.ts";
import { effectInline } from "../services/participation.ts";
import { buildStatement, type Lang, type StatementInput } from "../statements/model.ts";
import { statementDocument } from "../statements/tables.ts";

export type TaskResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: Problem[] };

function guard<T>(fn: () => T): TaskResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof CitypathError) return { ok: false, problems: [...e.problems] };
    return { ok: false, problems: [problem("INTERNAL", `A computation failed: ${(e as Error).message}`)] };
  }
}

let engine: ReturnType<typeof corePathwayEngine> | undefined;
const theEngine = () => {
  engine ??= corePathwayEngine();
  return engine;
};

export interface PathwayTask {
  readonly document: unknown;
  readonly scenario: string;
}

/** A scenario's pathway (the engine's JSON); NOT_FOUND when the instance has no such scenario. */
export function pathway(t: PathwayTask): TaskResult<PathwayJson> {
  return guard(() => {
    const e = theEngine();
    const info = e.validate(t.document);
    if (!info.ok) throw new CitypathError(info.problems);
    if (t.scenario !== "bau" && !info.value.scenarios.some((s) => s.id === t.scenario))
      throw new CitypathError(
        problem("NOT_FOUND", `Instance "${info.value.id}" has no scenario "${t.scenario}".`, {
          path: "scenario",
        }),
      );
    const r = e.run(t.document, t.scenario);
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  });
}

/** A stored instance's id, name and scenarios (the engine's validation). */
export function instanceInfo(t: { readonly document: unknown }): TaskResult<InstanceInfo> {
  return guard(() => {
    const info = theEngine().validate(t.document);
    if (!info.ok) throw new CitypathError(info.problems);
    return info.value;
  });
}

export interface ExplainTask extends PathwayTask {
  readonly line: string;
  readonly year: number;
}

export function explain(t: ExplainTask): TaskResult<Explanation> {
  return guard(() => {
    const r = theEngine().explain(t.document, t.scenario, t.line, t.year);
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  });
}

export interface DecomposeTask extends PathwayTask {
  readonly from: number;
  readonly to: number;
}

/** What drove the change between two years of a scenario (LMDI, citypath-decompose/1). */
export function decompose(t: DecomposeTask): TaskResult<DecompositionJson> {
  return guard(() => {
    const r = theEngine().decompose(t.document, t.scenario, t.from, t.to);
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  });
}

export interface WhatItTakesTask extends PathwayTask {
  /** `bau` or a scenario that sets drivers; absent: the scenario's own. */
  readonly drivers?: string | undefined;
  /** Absent: the instance's first target. */
  readonly target?: string | undefined;
  /** Absent: the target's point years. */
  readonly years?: readonly number[] | undefined;
}

/** The gap to a target by plan sector (citypath-what-it-takes/2). */
export function whatItTakes(t: WhatItTakesTask): TaskResult<WhatItTakesJson> {
  return guard(() => {
    const r = theEngine().whatItTakes(t.document, t.scenario, t.drivers, t.target, t.years);
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  });
}

export interface BandTask extends PathwayTask {
  readonly spec: UncertaintySpec;
  readonly samples: number;
  readonly seed: number;
}

export function band(t: BandTask): TaskResult<ScenarioBand> {
  return guard(() => scenarioBand(t.document, t.scenario, t.spec, t.samples, t.seed));
}

export interface InventoryTask {
  readonly activities: Parameters<typeof computeInventory>[0]["activities"];
  /** The tenant factor sets' rows, applied over the built-in factors in order. */
  readonly factorSets: readonly (readonly FactorRow[])[];
  readonly gwpSet: string;
}

export interface InventoryTaskValue {
  readonly document: InventoryJson;
  readonly years: number[];
}

/** An inventory computed by the core, as the JSON document that is stored. */
export function inventory(t: InventoryTask): TaskResult<InventoryTaskValue> {
  return guard(() => {
    const gwp = (GWP_SETS as Record<string, (typeof GWP_SETS)[keyof typeof GWP_SETS]>)[t.gwpSet];
    if (!gwp)
      throw new CitypathError(
        problem(
          "UNKNOWN_GWP_SET",
          `GWP set "${t.gwpSet}" is not one of ${Object.keys(GWP_SETS).join(", ")}.`,
          {
            path: "gwp_set",
          },
        ),
      );
    const defs = builtinActivities();
    let factors: FactorRow[] = builtinFactors();
    for (const set of t.factorSets) factors = mergeFactors(factors, set, defs);
    const r = computeInventory({ activities: t.activities, factors, gwp, activityDefs: defs });
    if (!r.ok) throw new CitypathError(r.problems);
    return {
      document: inventoryJson(t.gwpSet, r.value, r.warnings),
      years: r.value.years.map((y) => y.year),
    };
  });
}

export interface ProposalEffectTask {
  readonly document: unknown;
  readonly scenario: ProposalScenario;
}

/** A proposal's modelled effect (the core's, on the instance version the proposal records). */
export function proposalEffect(t: ProposalEffectTask): TaskResult<ProposalEffect> {
  return guard(() => effectInline(t.document, t.scenario));
}

/** `key` names the instance version (tenant, id, version, document hash): each thread keeps its compiled model. */
export type ModelledTask = ModelledInput;

/** Modelled against observed for a linked action (compiling the instance is the costly part, once per thread). */
export function modelled(t: ModelledTask): TaskResult<ModelledVsObserved> {
  return guard(() => {
    const r = modelledInline(t);
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  });
}

/** The budget lines' modelled reductions (services/budget.ts), null when the instance does not compile. */
export function reductions(t: ReductionsInput): TaskResult<ReturnType<typeof reductionsInline>> {
  return guard(() => reductionsInline(t));
}

export interface StatementTask {
  readonly input: StatementInput;
  readonly lang: Lang;
}

/**
 * A budget or settlement statement's tables (statements/tables.ts) as the JSON text the route answers: built
 * and serialised here, since building them held the server's thread for up to 270 ms on a busy machine.
 */
export function statement(t: StatementTask): TaskResult<string> {
  return guard(() => JSON.stringify(statementDocument(buildStatement(t.input), t.lang)));
}

/** Holds a thread for `ms` (tests and benches of the pool's queue). */
export function sleep(t: { ms: number }): TaskResult<null> {
  const until = Date.now() + t.ms;
  while (Date.now() < until) {}
  return { ok: true, value: null };
}
