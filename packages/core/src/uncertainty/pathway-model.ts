/**
 * Uncertainty on a pathway model: the `citypath-uncertainty/1` spec (a YAML file beside the instance) and
 * its translation into a `MonteCarloModel` over the compiled engine.
 *
 * What a parameter can act on (`applies_to.kind`):
 * - `driver`: the driver's path is multiplied by a factor that is 1 in the base year and grows linearly to
 *   the sampled value in the end year (`mode: ramp`, e.g. how far the grid factor path may miss its plan),
 *   or by the sampled value in every year after the base year (`mode: scale`). One sampled value per run is
 *   shared by every rule and every action that reads the driver: one grid factor path for all actions.
 * - `action_param`: an action's numeric parameter (`param: daily_riders`, dotted for nested ones) takes the
 *   sampled value.
 * - `action_effect`: the action's whole effect is multiplied by the sampled value (its effectiveness).
 * - `line`: the line's emissions before actions (base year and business as usual) are multiplied by the
 *   sampled value (inventory uncertainty).
 *
 * How samples are evaluated fast: `action_effect` and `line` act on the compiled arrays exactly. `driver` and
 * `action_param` change what the action types and the BAU rules compute, so the instance is compiled again
 * at a few values of each such parameter alone (the breakpoints: its 0.5 %, 10 %, 50 %, 90 % and 99.5 %
 * quantiles, its instance value, or each value of a discrete set) and each compiled array is interpolated
 * linearly between them. The responses of several parameters are added: exact when each parameter acts
 * linearly and on its own, an approximation when two of them change the same number non-linearly (e.g. a
 * parameter of an action whose effect also depends on an uncertain driver); docs/methodology/uncertainty.md.
 */
import { z } from "zod";
import type { ActionRegistry } from "../actions/interface.ts";
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { createResult, evaluate } from "../pathway/evaluate.ts";
import type { CompiledModel } from "../pathway/model.ts";
import type { EnginePreset } from "../pathway/preset.ts";
import type { Instance } from "../pathway/schema.ts";
import { readSeries, type SeriesSpec, toSeries } from "../pathway/series.ts";
import { formatPath, type ValidInstance } from "../pathway/validate.ts";
import { ModelKeySchema } from "../vocabulary/ids.ts";
import { provenanceFields, requireProvenance } from "../vocabulary/provenance.ts";
import { NameSchema } from "../vocabulary/text.ts";
import { type Distribution, quantile, validateDistribution } from "./distributions.ts";
import type { MonteCarloModel, MonteCarloTarget } from "./montecarlo.ts";

export const UNCERTAINTY_FORMAT = "citypath-uncertainty/1";

const id = ModelKeySchema;
const label = NameSchema;
const finite = z.number().finite();

export const distributionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("normal"), mean: finite, sd: finite.min(0) }),
  z.strictObject({ kind: z.literal("lognormal"), mu: finite, sigma: finite.min(0) }),
  z.strictObject({ kind: z.literal("triangular"), min: finite, mode: finite, max: finite }),
  z.strictObject({ kind: z.literal("uniform"), min: finite, max: finite }),
  z.strictObject({
    kind: z.literal("discrete"),
    values: z.array(finite).min(1),
    weights: z.array(finite.min(0)).optional(),
    labels: z.array(z.string()).optional(),
  }),
]);

export const appliesToSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("driver"), driver: id, mode: z.enum(["ramp", "scale"]) }),
  z.strictObject({ kind: z.literal("action_param"), action: id, param: z.string().min(1) }),
  z.strictObject({ kind: z.literal("action_effect"), action: id }),
  z.strictObject({ kind: z.literal("line"), gpc_ref: z.string().min(1) }),
]);

export const uncertainParameterSchema = z
  .strictObject({
    id,
    name: label.optional(),
    applies_to: appliesToSchema,
    distribution: distributionSchema,
    ...provenanceFields(z.string().min(1)),
  })
  .superRefine(requireProvenance);

export const uncertaintySpecSchema = z.strictObject({
  format: z.literal(UNCERTAINTY_FORMAT),
  /** The instance this spec was written for (checked against the instance's id). */
  instance: id,
  parameters: z.array(uncertainParameterSchema).min(1),
  correlations: z
    .array(z.strictObject({ a: id, b: id, rho: finite, note: z.string().optional() }))
    .optional(),
});

export type UncertaintySpec = z.output<typeof uncertaintySpecSchema>;
export type UncertainParameterSpec = z.output<typeof uncertainParameterSchema>;

/** Parses a spec (already read from YAML); problems carry the path inside the spec. */
export function parseUncertaintySpec(raw: unknown): Result<UncertaintySpec> {
  const r = uncertaintySpecSchema.safeParse(raw);
  if (!r.success)
    return fail(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: formatPath(i.path as PropertyKey[]) }),
      ),
    );
  const problems: Problem[] = [];
  r.data.parameters.forEach((p, i) => {
    problems.push(...validateDistribution(p.distribution as Distribution, `parameters[${i}].distribution`));
  });
  return problems.length ? fail(problems) : ok(r.data);
}

function setPath(obj: Record<string, unknown>, path: string, value: number): boolean {
  const keys = path.split(".");
  let o: Record<string, unknown> = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = o[keys[i]!];
    if (typeof next !== "object" || next === null) return false;
    o = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (typeof o[last] !== "number") return false;
  o[last] = value;
  return true;
}

function getPath(obj: unknown, path: string): unknown {
  let o = obj;
  for (const k of path.split(".")) {
    if (typeof o !== "object" || o === null) return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return o;
}

/** The instance with one parameter set to `value` (a deep copy; the original is untouched). */
function withValue(inst: Instance, p: UncertainParameterSpec, value: number): Instance {
  const copy = structuredClone(inst) as Instance;
  const a = p.applies_to;
  if (a.kind === "driver") {
    const base = copy.inventory.year;
    const span = copy.end_year - base;
    // The path is first read in every model year (by its own interpolation and extrapolation), so that the
    // multiplier reaches the years after the last given value too; then each year is multiplied.
    const scaleValues = (spec: SeriesSpec & { values: Record<string, number> }) => {
      const series = toSeries(spec);
      for (let yr = base + 1; yr <= copy.end_year; yr++) {
        const r = readSeries(series, yr);
        if (!r) continue;
        const f = a.mode === "scale" ? value : 1 + ((value - 1) * (yr - base)) / span;
        spec.values[String(yr)] = r.value * f;
      }
    };
    const d = copy.drivers.find((x) => x.id === a.driver)!;
    scaleValues(d);
    for (const s of copy.scenarios ?? []) {
      const o = s.drivers?.[a.driver];
      if (o)
        scaleValues({
          ...o,
          interpolation: o.interpolation ?? d.interpolation,
          extrapolate: o.extrapolate ?? d.extrapolate,
        });
    }
  } else if (a.kind === "action_param") {
    const entry = copy.actions!.find((x) => x.id === a.action)!;
    setPath(entry.params as Record<string, unknown>, a.param, value);
  }
  return copy;
}

function dense(d: Diff, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < d.idx.length; k++) out[d.idx[k]!] = d.val[k]!;
  return out;
}

/** Is the middle of three responses on the straight line between the outer two (to 1e-9 relative)? */
function isLinear(
  r: readonly { bau: Diff; eff: Diff }[],
  at: readonly number[],
  nBau: number,
  nEff: number,
): boolean {
  const w = (at[1]! - at[0]!) / (at[2]! - at[0]!);
  for (const [key, n] of [
    ["bau", nBau],
    ["eff", nEff],
  ] as const) {
    const [d0, d1, d2] = r.map((x) => dense(x[key], n));
    for (let i = 0; i < n; i++) {
      const expect = d0![i]! + w * (d2![i]! - d0![i]!);
      const scale = Math.abs(d0![i]!) + Math.abs(d1![i]!) + Math.abs(d2![i]!);
      if (Math.abs(d1![i]! - expect) > 1e-9 * scale + 1e-9) return false;
    }
  }
  return true;
}

/**
 * The actions whose effects may change with the parameter: the action itself for an action parameter; for
 * a driver, every action whose type reads it (its role's context field, `drivers.ID`, or the business as
 * usual of a line the driver projects), and every action whose type does not declare what it reads.
 */
function dependentActions(inst: Instance, registry: ActionRegistry, p: UncertainParameterSpec): string[] {
  const a = p.applies_to;
  if (a.kind === "action_param" || a.kind === "action_effect") return [a.action];
  if (a.kind !== "driver") return [];
  const d = inst.drivers.find((x) => x.id === a.driver)!;
  const field =
    d.role === "grid_factor"
      ? "grid_tco2e_per_mwh"
      : d.role === "hydrogen_factor"
        ? "hydrogen_tco2e_per_kg"
        : undefined;
  const lines = new Set(
    inst.bau
      .filter((r) => r.activity?.driver === d.id || r.intensity?.driver === d.id)
      .flatMap((r) => r.lines),
  );
  return (inst.actions ?? [])
    .filter((x) => {
      const needs = registry.get(x.type)?.needs;
      if (needs === undefined) return true;
      return needs.some(
        (n) => n === field || n === `drivers.${d.id}` || (n.startsWith("bau:") && lines.has(n.slice(4))),
      );
    })
    .map((x) => x.id);
}

/** A sparse difference of one compiled array from the central model's. */
interface Diff {
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

function diff(a: Float64Array, central: Float64Array): Diff {
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - central[i]!;
    if (d !== 0) {
      idx.push(i);
      val.push(d);
    }
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

interface Response {
  readonly j: number;
  readonly points: readonly number[];
  readonly bau: readonly Diff[];
  readonly eff: readonly Diff[];
}

export interface PathwayUncertaintyOptions {
  /** The scenario whose levels are sampled ("bau" for no action). */
  readonly scenario: string;
  /** Instance targets to score, by id, and the years to score them in (default: each target's point years). */
  readonly targets?: readonly { readonly target: string; readonly years?: readonly number[] }[];
}

export interface PathwayUncertainty {
  readonly model: MonteCarloModel;
  readonly targets: MonteCarloTarget[];
  /** Compilations spent on the response tables. */
  readonly compilations: number;
}

/** The series of a basis's market-based Scope 2 totals (the basis id alone is the location-based one). */
export const marketSeriesId = (basis: string) => `${basis}:market_based`;

/**
 * Builds the Monte Carlo model of a scenario: outputs are the scenario's location-based emissions on every
 * basis (series id = basis id), by year, tCO2e; when a target is measured market-based, the market-based
 * totals of every basis follow (series id `BASIS:market_based`) and that target is scored on them.
 */
export function pathwayUncertainty(
  valid: ValidInstance,
  central: CompiledModel,
  engine: EnginePreset,
  spec: UncertaintySpec,
  options: PathwayUncertaintyOptions,
): Result<PathwayUncertainty> {
  const inst = valid.instance;
  const problems: Problem[] = [];
  if (spec.instance !== inst.id)
    problems.push(
      problem("BAD_VALUE", `the spec is for instance "${spec.instance}", not "${inst.id}"`, {
        path: "instance",
      }),
    );
  const scen =
    options.scenario === "bau" ? undefined : central.scenarios.find((s) => s.id === options.scenario);
  if (options.scenario !== "bau" && !scen)
    problems.push(
      problem("UNKNOWN_REFERENCE", `scenario "${options.scenario}" is not defined`, { path: "scenario" }),
    );
  const actionIndex = new Map(central.actions.map((a, i) => [a.id, i]));
  const lineIndex = new Map(central.lines.map((l, i) => [l.gpc_ref, i]));
  spec.parameters.forEach((p, i) => {
    const path = `parameters[${i}].applies_to`;
    const a = p.applies_to;
    if (a.kind === "driver" && !inst.drivers.some((d) => d.id === a.driver))
      problems.push(
        problem("UNKNOWN_REFERENCE", `no driver "${a.driver}" in the instance`, { path: `${path}.driver` }),
      );
    if ((a.kind === "action_param" || a.kind === "action_effect") && !actionIndex.has(a.action))
      problems.push(
        problem("UNKNOWN_REFERENCE", `no action "${a.action}" in the instance`, { path: `${path}.action` }),
      );
    if (a.kind === "action_param" && actionIndex.has(a.action)) {
      const entry = inst.actions!.find((x) => x.id === a.action)!;
      if (typeof getPath(entry.params, a.param) !== "number")
        problems.push(
          problem("UNKNOWN_REFERENCE", `action "${a.action}" has no numeric parameter "${a.param}"`, {
            path: `${path}.param`,
          }),
        );
    }
    if (a.kind === "line" && !lineIndex.has(a.gpc_ref))
      problems.push(
        problem("UNKNOWN_REFERENCE", `line ${a.gpc_ref} is not in the base inventory`, {
          path: `${path}.gpc_ref`,
        }),
      );
  });
  const tsel: PathwayUncertaintyOptions["targets"] & object =
    options.targets ?? central.targets.map((t) => ({ target: t.id }));
  const targets: MonteCarloTarget[] = [];
  tsel.forEach((sel, i) => {
    const t = central.targets.find((x) => x.id === sel.target);
    if (!t) {
      problems.push(
        problem("UNKNOWN_REFERENCE", `no target "${sel.target}" in the instance`, { path: `targets[${i}]` }),
      );
      return;
    }
    const src = inst.targets!.find((x) => x.id === t.id)!;
    const years = sel.years ?? src.points.map((pt) => pt.year);
    for (const y of years) {
      const yi = y - central.baseYear;
      if (yi < 0 || yi >= central.nYears) {
        problems.push(
          problem("MISSING_YEAR", `${y} is outside the model's years`, { path: `targets[${i}].years` }),
        );
        continue;
      }
      const basis = central.bases[t.basis]!.id;
      targets.push({
        id: `${t.id}@${y}`,
        label: `${t.name.en} ${y}`,
        series: t.method === "market_based" ? marketSeriesId(basis) : basis,
        scope2_method: t.method,
        year: y,
        limit: t.path[yi]!,
      });
    }
  });
  if (problems.length) return fail(problems);

  const Y = central.nYears;
  const scenarioLevels = scen ? scen.levels : new Float64Array(central.nActions);
  // Response tables of the parameters that need compiling. Only the actions that can read what the
  // parameter changes are compiled again (an action's effect does not depend on the other actions).
  const responses: Response[] = [];
  let compilations = 0;
  const rowOf = new Map<string, number>();
  for (let e = 0; e < central.nEffects; e++)
    rowOf.set(`${central.actions[central.effAction[e]!]!.id}|${central.effLine[e]}|${central.effKind[e]}`, e);
  spec.parameters.forEach((p, j) => {
    const a = p.applies_to;
    if (a.kind !== "driver" && a.kind !== "action_param") return;
    const path = `parameters[${j}]`;
    const centralValue =
      a.kind === "driver"
        ? 1
        : (getPath(inst.actions!.find((x) => x.id === a.action)!.params, a.param) as number);
    // Actions at level 0 in the scenario contribute nothing: they are not compiled again.
    const subset = new Set(
      dependentActions(inst, engine.registry, p).filter((id) => scenarioLevels[actionIndex.get(id)!] !== 0),
    );
    // Rows of the central model that belong to the recompiled actions.
    const rows: number[] = [];
    for (let e = 0; e < central.nEffects; e++)
      // An action at level 0 in the scenario contributes nothing, whatever its effect: skip its rows.
      if (
        subset.has(central.actions[central.effAction[e]!]!.id) &&
        scenarioLevels[central.effAction[e]!] !== 0
      )
        rows.push(e);
    const none: Diff = { idx: new Int32Array(0), val: new Float64Array(0) };
    /** The compiled response at value v: differences from the central model (none at the central value). */
    const respond = (v: number): { bau: Diff; eff: Diff } | undefined => {
      if (v === centralValue) return { bau: none, eff: none };
      const changed = withValue(inst, p, v);
      const reduced: Instance = {
        ...changed,
        actions: (changed.actions ?? []).filter((x) => subset.has(x.id)),
        scenarios: (changed.scenarios ?? []).map((sc) => ({ ...sc, actions: [] })),
      };
      const vi = engine.validate(reduced);
      if (!vi.ok) {
        for (const q of vi.problems)
          problems.push({ ...q, path, message: `${p.id} = ${v}: ${q.path ?? ""} ${q.message}`.trim() });
        return undefined;
      }
      const m = engine.compile(vi.value, { driverScenario: central.driverScenario });
      compilations++;
      if (!m.ok) {
        for (const q of m.problems) problems.push({ ...q, path, message: `${p.id} = ${v}: ${q.message}` });
        return undefined;
      }
      const rm = m.value;
      const values = new Float64Array(central.effValues.length);
      for (let e = 0; e < rm.nEffects; e++) {
        const id = rm.actions[rm.effAction[e]!]!.id;
        const c = rowOf.get(`${id}|${rm.effLine[e]}|${rm.effKind[e]}`);
        if (c === undefined) {
          problems.push(
            problem(
              "BAD_VALUE",
              `${p.id} = ${v} makes action "${id}" act on a line it does not act on at the instance's value; give a narrower distribution`,
              { path },
            ),
          );
          return undefined;
        }
        values.set(rm.effValues.subarray(e * Y, (e + 1) * Y), c * Y);
      }
      const idx: number[] = [];
      const val: number[] = [];
      for (const e of rows)
        for (let y = 0; y < Y; y++) {
          const i = e * Y + y;
          const d = values[i]! - central.effValues[i]!;
          if (d !== 0) {
            idx.push(i);
            val.push(d);
          }
        }
      return {
        bau: a.kind === "driver" ? diff(rm.bau, central.bau) : none,
        eff: { idx: Int32Array.from(idx), val: Float64Array.from(val) },
      };
    };
    const d = p.distribution as Distribution;
    const table = new Map<number, { bau: Diff; eff: Diff }>();
    const add = (vs: readonly number[]): boolean => {
      for (const v of vs) {
        if (table.has(v)) continue;
        const r = respond(v);
        if (!r) return false;
        table.set(v, r);
      }
      return true;
    };
    // The tails and the central value first; the middle quantiles only when the response is not linear.
    if (d.kind === "discrete") {
      if (!add([...d.values, centralValue])) return;
    } else {
      if (!add([quantile(d, 0.005), centralValue, quantile(d, 0.995)])) return;
      const sorted = [...table.keys()].sort((x, y) => x - y);
      const linear =
        sorted.length === 3 &&
        isLinear(
          sorted.map((x) => table.get(x)!),
          sorted,
          central.bau.length,
          central.effValues.length,
        );
      if (!linear && !add((a.kind === "driver" ? [0.5] : [0.1, 0.5, 0.9]).map((q) => quantile(d, q)))) return;
    }
    const points = [...table.keys()].sort((x, y) => x - y);
    const bau = points.map((x) => table.get(x)!.bau);
    const eff = points.map((x) => table.get(x)!.eff);
    responses.push({ j, points, bau, eff });
  });
  if (problems.length) return fail(problems);

  const baseLevels = scen ? Float64Array.from(scen.levels) : new Float64Array(central.nActions);
  const effectParams = spec.parameters.flatMap((p, j) =>
    p.applies_to.kind === "action_effect" ? [{ j, a: actionIndex.get(p.applies_to.action)! }] : [],
  );
  const lineParams = spec.parameters.flatMap((p, j) =>
    p.applies_to.kind === "line" ? [{ j, l: lineIndex.get(p.applies_to.gpc_ref)! }] : [],
  );
  const bauScratch = new Float64Array(central.bau.length);
  const effScratch = new Float64Array(central.effValues.length);
  const scratch: CompiledModel = { ...central, bau: bauScratch, effValues: effScratch };
  const levels = new Float64Array(central.nActions);
  const result = createResult(central);
  const L = central.nLines;
  const B = central.bases.length;
  const market = targets.some((t) => t.scope2_method === "market_based");
  const addInterpolated = (dst: Float64Array, diffs: readonly Diff[], k: number, w: number) => {
    const lo = diffs[k]!;
    for (let n = 0; n < lo.idx.length; n++) dst[lo.idx[n]!] = dst[lo.idx[n]!]! + (1 - w) * lo.val[n]!;
    if (w === 0) return;
    const hi = diffs[k + 1]!;
    for (let n = 0; n < hi.idx.length; n++) dst[hi.idx[n]!] = dst[hi.idx[n]!]! + w * hi.val[n]!;
  };

  const model: MonteCarloModel = {
    parameters: spec.parameters.map((p) => ({
      id: p.id,
      label: p.name?.en ?? p.id,
      distribution: p.distribution as Distribution,
    })),
    correlations: spec.correlations ?? [],
    years: Array.from({ length: Y }, (_, y) => central.baseYear + y),
    series: [
      ...central.bases.map((b) => ({ id: b.id, label: b.name.en, unit: "tCO2e" })),
      ...(market
        ? central.bases.map((b) => ({
            id: marketSeriesId(b.id),
            label: `${b.name.en} (market-based)`,
            unit: "tCO2e",
          }))
        : []),
    ],
    evaluate(values, out) {
      bauScratch.set(central.bau);
      effScratch.set(central.effValues);
      for (const r of responses) {
        const x = values[r.j]!;
        const pts = r.points;
        // Segment k with pts[k] <= x <= pts[k+1]; held flat outside the breakpoints.
        let k = 0;
        let w = 0;
        if (pts.length > 1) {
          if (x <= pts[0]!) k = 0;
          else if (x >= pts[pts.length - 1]!) k = pts.length - 1;
          else {
            while (k < pts.length - 2 && x > pts[k + 1]!) k++;
            w = (x - pts[k]!) / (pts[k + 1]! - pts[k]!);
          }
        }
        addInterpolated(bauScratch, r.bau, k, w);
        addInterpolated(effScratch, r.eff, k, w);
      }
      for (const { j, l } of lineParams) {
        const f = values[j]!;
        for (let y = 0; y < Y; y++) bauScratch[y * L + l] = bauScratch[y * L + l]! * f;
      }
      levels.set(baseLevels);
      for (const { j, a } of effectParams) levels[a] = levels[a]! * values[j]!;
      evaluate(scratch, levels, result);
      for (let b = 0; b < B; b++) for (let y = 0; y < Y; y++) out[b * Y + y] = result.basis[b * Y + y]!;
      if (market)
        for (let b = 0; b < B; b++)
          for (let y = 0; y < Y; y++) out[(B + b) * Y + y] = result.market.basis[b * Y + y]!;
    },
  };
  return ok({ model, targets, compilations });
}
