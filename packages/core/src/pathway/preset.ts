/**
 * The engine preset: the one way into the pathway engine for the server and its workers, the browser's
 * workers, the data package and the CLI. It holds what a computation depends on besides the document (the
 * action types a document may use, the random source of Monte Carlo draws, the clock) and spells out once
 * the sequence every caller needs: validate the document, then compile it with the driver paths of a
 * scenario. The stages themselves (validateInstance, compileInstance, runScenarios) stay the core's
 * building blocks, tested one by one.
 */
import { type ActionRegistry, actionRegistry } from "../actions/interface.ts";
import { LIBRARY_ACTION_TYPES } from "../actions/library/index.ts";
import type { Result } from "../errors.ts";
import { createRandom, type RandomSource } from "../uncertainty/random.ts";
import { BUILTIN_ACTION_TYPES } from "./builtin-actions.ts";
import { compileInstance } from "./compile.ts";
import type { ScenarioRun } from "./json.ts";
import type { CompiledModel } from "./model.ts";
import { runScenarios } from "./run.ts";
import { type ValidInstance, validateInstance } from "./validate.ts";

export interface EngineOptions {
  /** The action types a document may use; default: the built-in types and the whole action library. */
  readonly registry?: ActionRegistry;
  /** The random source of a seed (Monte Carlo draws); default: the core's seeded xoshiro128**. */
  readonly random?: (seed: number | string) => RandomSource;
  /**
   * Now, in milliseconds since the epoch (progress timing, "today" of a report); default: the system
   * clock. The engine's figures never depend on it.
   */
  readonly clock?: () => number;
}

/** Whose driver paths a compiled model follows. */
export interface DriverOptions {
  /**
   * The scenario whose pathway is wanted: the model follows its driver paths when it sets some, else
   * business as usual (as its pathway is computed).
   */
  readonly scenario?: string;
  /** These driver paths exactly ("bau" or a scenario's id); wins over `scenario`. Default: business as usual. */
  readonly driverScenario?: string;
}

/** A validated document and its compiled model. */
export interface Built {
  readonly valid: ValidInstance;
  readonly model: CompiledModel;
}

export interface EnginePreset {
  readonly registry: ActionRegistry;
  /** A random source for a seed (the same seed gives the same draws in Node and in the browser). */
  random(seed: number | string): RandomSource;
  /** Now, in milliseconds since the epoch. */
  now(): number;
  validate(raw: unknown): Result<ValidInstance>;
  compile(valid: ValidInstance, options?: DriverOptions): Result<CompiledModel>;
  /** Validates then compiles: every problem of the failing stage, the warnings of both, each with its path. */
  build(raw: unknown, options?: DriverOptions): Result<Built>;
  /** `build`, for callers that need only the model. */
  model(raw: unknown, options?: DriverOptions): Result<CompiledModel>;
  /** Runs scenarios of a validated document ("bau" and every scenario by default). */
  run(
    valid: ValidInstance,
    ids?: readonly string[],
    onProgress?: (message: string) => void,
  ): Result<ScenarioRun[]>;
}

/** The built-in types and the whole action library: what instance files may use. */
export function defaultRegistry(): ActionRegistry {
  return actionRegistry(BUILTIN_ACTION_TYPES, LIBRARY_ACTION_TYPES);
}

/** The scenario whose driver paths a scenario's pathway follows: its own when it sets some, else "bau". */
export function driverScenarioOf(valid: ValidInstance, scenarioId: string): string {
  const s = valid.instance.scenarios?.find((x) => x.id === scenarioId);
  return s && Object.keys(s.drivers ?? {}).length ? s.id : "bau";
}

export function enginePreset(options: EngineOptions = {}): EnginePreset {
  const registry = options.registry ?? defaultRegistry();
  const random = options.random ?? createRandom;
  const clock = options.clock ?? Date.now;
  const compile = (valid: ValidInstance, o: DriverOptions = {}) =>
    compileInstance(valid, registry, {
      driverScenario: o.driverScenario ?? (o.scenario ? driverScenarioOf(valid, o.scenario) : "bau"),
    });
  const build = (raw: unknown, o: DriverOptions = {}): Result<Built> => {
    const v = validateInstance(raw, registry);
    if (!v.ok) return v;
    const c = compile(v.value, o);
    if (!c.ok) return c;
    return { ok: true, value: { valid: v.value, model: c.value }, warnings: [...v.warnings, ...c.warnings] };
  };
  return {
    registry,
    random: (seed) => random(seed),
    now: () => clock(),
    validate: (raw) => validateInstance(raw, registry),
    compile,
    build,
    model(raw, o) {
      const b = build(raw, o);
      return b.ok ? { ok: true, value: b.value.model, warnings: b.warnings } : b;
    },
    run: (valid, ids, onProgress) => runScenarios(valid, registry, ids, onProgress),
  };
}
