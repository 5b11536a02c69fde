/**
 * compileInstance: a validated instance -> CompiledModel (typed arrays; see model.ts for the layout).
 * Business as usual, per line and year:
 *   BAU(l, y) = E_base(l) x (A(y) / A(base))^elasticity x (I(y) / I(base)) x (1 + rate)^(y - base)
 * where A is the rule's activity driver, I its intensity driver and rate its annual intensity trend (each
 * factor present only when the rule names it). Action types are called here, once per action and year, and
 * their effects stored; evaluation never calls them.
 */
import type { ActionContext, ActionRegistry } from "../actions/interface.ts";
import { isScaleEffect } from "../actions/interface.ts";
import { assetLife } from "../actions/lifecycle.ts";
import { CitypathError, ok, type Problem, problem, type Result } from "../errors.ts";
import { conversionFactor, parseUnit } from "../units/index.ts";
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import { gpcLineInfo, STANDARD_BASES } from "./gpc.ts";
import {
  type ActionMeta,
  type BasisMeta,
  type CompiledModel,
  EFFECT_DELTA,
  EFFECT_DELTA_FOLLOWS,
  EFFECT_MARKET,
  EFFECT_SCALE,
  type LineMeta,
  NO_SECTOR,
  type ScenarioMeta,
  type TargetMeta,
} from "./model.ts";
import type { BauRule, Instance, ResolvedInstance, Target } from "./schema.ts";
import { type Series, seriesValue, toSeries } from "./series.ts";
import { formatPath, type ValidInstance } from "./validate.ts";

export interface CompileOptions {
  /** Compile with the driver paths of this scenario (default: the instance's own drivers, "bau"). */
  readonly driverScenario?: string;
}

/** The driver series of the instance, with a scenario's overrides applied. */
export function driverSeries(inst: Instance, scenarioId: string): Map<string, Series> {
  const scen = inst.scenarios?.find((s) => s.id === scenarioId);
  const out = new Map<string, Series>();
  for (const d of inst.drivers) {
    const o = scen?.drivers?.[d.id];
    out.set(
      d.id,
      toSeries(
        o
          ? {
              values: o.values,
              interpolation: o.interpolation ?? d.interpolation,
              extrapolate: o.extrapolate ?? d.extrapolate,
            }
          : d,
      ),
    );
  }
  return out;
}

/** The factors of a BAU rule in one year; `factor` is their product in the order listed. */
export interface BauFactors {
  readonly activity?: {
    readonly driver: string;
    readonly at: number;
    readonly atBase: number;
    readonly elasticity: number;
    readonly ratio: number;
  };
  readonly intensity?: {
    readonly driver: string;
    readonly at: number;
    readonly atBase: number;
    readonly ratio: number;
  };
  readonly trend?: { readonly rate: number; readonly years: number; readonly ratio: number };
  readonly factor: number;
}

/** BAU factors of `rule` in `year` (one definition, used by the compiled and the explanation paths). */
export function bauFactors(
  rule: BauRule,
  drivers: ReadonlyMap<string, Series>,
  year: number,
  baseYear: number,
): BauFactors {
  let factor = 1;
  let activity: BauFactors["activity"];
  let intensity: BauFactors["intensity"];
  let trend: BauFactors["trend"];
  if (rule.activity) {
    const s = drivers.get(rule.activity.driver)!;
    const at = seriesValue(s, year, rule.activity.driver);
    const atBase = seriesValue(s, baseYear, rule.activity.driver);
    const ratio = (at / atBase) ** rule.activity.elasticity;
    factor *= ratio;
    activity = { driver: rule.activity.driver, at, atBase, elasticity: rule.activity.elasticity, ratio };
  }
  if (rule.intensity) {
    const s = drivers.get(rule.intensity.driver)!;
    const at = seriesValue(s, year, rule.intensity.driver);
    const atBase = seriesValue(s, baseYear, rule.intensity.driver);
    const ratio = at / atBase;
    factor *= ratio;
    intensity = { driver: rule.intensity.driver, at, atBase, ratio };
  }
  if (rule.trend) {
    const years = year - baseYear;
    const ratio = (1 + rule.trend.rate) ** years;
    factor *= ratio;
    trend = { rate: rule.trend.rate, years, ratio };
  }
  return {
    factor,
    ...(activity ? { activity } : {}),
    ...(intensity ? { intensity } : {}),
    ...(trend ? { trend } : {}),
  };
}

interface ContextSource {
  readonly inst: ResolvedInstance;
  readonly drivers: ReadonlyMap<string, Series>;
  readonly lineIndex: ReadonlyMap<string, number>;
  readonly base: Float64Array;
  readonly bau: Float64Array;
  readonly nLines: number;
  readonly baseYear: number;
}

function toUnitFactor(from: string, to: string, driverId: string): number {
  if (from === to) return 1;
  if (from === "1" || to === "1")
    throw new CitypathError(
      problem("UNIT_MISMATCH", `driver "${driverId}" is in "${from}", asked for "${to}"`),
    );
  const f = parseUnit(from, { allowCustom: true });
  const t = parseUnit(to, { allowCustom: true });
  if (!f.ok) throw new CitypathError(f.problems);
  if (!t.ok) throw new CitypathError(t.problems);
  const c = conversionFactor(f.value, t.value);
  if (!c.ok)
    throw new CitypathError(c.problems.map((p) => ({ ...p, message: `driver "${driverId}": ${p.message}` })));
  return c.value;
}

/** The context an action type sees in one year (one definition for compile and explain). */
export function actionContext(src: ContextSource, year: number): ActionContext {
  const y = year - src.baseYear;
  const units = new Map(src.inst.drivers.map((d) => [d.id, d] as const));
  const roleDriver = (role: string) => src.inst.drivers.find((d) => d.role === role);
  const read = (id: string): number => {
    const s = src.drivers.get(id);
    if (!s) throw new CitypathError(problem("UNKNOWN_REFERENCE", `driver "${id}" is not defined`));
    return seriesValue(s, year, id);
  };
  const line = (ref: string): number => {
    const l = src.lineIndex.get(ref);
    if (l === undefined)
      throw new CitypathError(problem("UNKNOWN_REFERENCE", `line ${ref} is not in the base inventory`));
    return l;
  };
  let driversRecord: Record<string, number> | undefined;
  return {
    year,
    baseYear: src.baseYear,
    get grid_tco2e_per_mwh(): number {
      const d = roleDriver("grid_factor");
      if (!d)
        throw new CitypathError(
          problem("UNKNOWN_REFERENCE", "the instance has no driver with role grid_factor"),
        );
      return read(d.id) * toUnitFactor(d.unit, "tCO2e/MWh", d.id);
    },
    get hydrogen_tco2e_per_kg(): number | undefined {
      const d = roleDriver("hydrogen_factor");
      return d ? read(d.id) * toUnitFactor(d.unit, "tCO2e/kg", d.id) : undefined;
    },
    get drivers(): Readonly<Record<string, number>> {
      if (!driversRecord) {
        driversRecord = {};
        for (const d of src.inst.drivers) driversRecord[d.id] = read(d.id);
      }
      return driversRecord;
    },
    driver(id: string, unit: string): number {
      const d = units.get(id);
      if (!d) throw new CitypathError(problem("UNKNOWN_REFERENCE", `driver "${id}" is not defined`));
      return read(id) * toUnitFactor(d.unit, unit, id);
    },
    bau: (ref: string) => src.bau[y * src.nLines + line(ref)]!,
    base: (ref: string) => src.base[line(ref)]!,
  };
}

/** Target path by year index: linear (or step) in tCO2e from (base year, base) through the points; held after the last. */
export function targetPath(t: Target, baseTco2e: number, baseYear: number, nYears: number): Float64Array {
  const anchors: Array<[number, number]> = [[t.base_year, baseTco2e]];
  for (const p of [...t.points].sort((a, b) => a.year - b.year))
    anchors.push([p.year, p.tco2e !== undefined ? p.tco2e : baseTco2e * (1 - p.reduction!)]);
  const out = new Float64Array(nYears);
  for (let y = 0; y < nYears; y++) {
    const year = baseYear + y;
    if (year < t.base_year) {
      out[y] = Number.NaN;
      continue;
    }
    let k = 0;
    while (k + 1 < anchors.length && anchors[k + 1]![0] <= year) k++;
    const [y0, v0] = anchors[k]!;
    if (k + 1 >= anchors.length || year === y0 || t.interpolation === "step") out[y] = v0;
    else {
      const [y1, v1] = anchors[k + 1]!;
      out[y] = v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
    }
  }
  return out;
}

function thrownProblems(e: unknown, path: string, what: string): Problem[] {
  if (e instanceof CitypathError)
    return e.problems.map((p) => ({ ...p, path, message: `${what}: ${p.message}` }));
  return [problem("INTERNAL", `${what}: ${e instanceof Error ? e.message : String(e)}`, { path })];
}

export function compileInstance(
  valid: ValidInstance,
  registry: ActionRegistry,
  options: CompileOptions = {},
): Result<CompiledModel> {
  const inst = valid.instance;
  const problems: Problem[] = [];
  const driverScenario = options.driverScenario ?? "bau";
  if (driverScenario !== "bau" && !inst.scenarios?.some((s) => s.id === driverScenario))
    return {
      ok: false,
      problems: [problem("UNKNOWN_REFERENCE", `scenario "${driverScenario}" is not defined`)],
    };
  const baseYear = inst.inventory.year;
  const nYears = inst.end_year - baseYear + 1;
  const invLines = inst.inventory.lines;
  const nLines = invLines.length;
  const lineIndex = new Map(invLines.map((l, i) => [l.gpc_ref, i] as const));
  const drivers = driverSeries(inst, driverScenario);

  // Lines
  const lines: LineMeta[] = invLines.map((l) => {
    const info = gpcLineInfo(l.gpc_ref)!;
    const kr = l.kr_sector ?? info.kr_sector;
    return {
      gpc_ref: l.gpc_ref,
      scope: info.scope,
      kr_sector: kr,
      sink: l.sink ?? kr === "sinks",
      ...(l.label ? { label: l.label } : {}),
    };
  });
  const sink = Uint8Array.from(lines, (l) => (l.sink ? 1 : 0));
  const sectorOf = Uint8Array.from(lines, (l) =>
    l.kr_sector === undefined ? NO_SECTOR : KR_SECTOR_IDS.indexOf(l.kr_sector),
  );
  const base = Float64Array.from(invLines, (l) => l.tco2e);

  // Bases
  const stdNames: Record<string, { ko: string; en: string }> = {
    basic: { ko: "BASIC", en: "BASIC" },
    basic_plus: { ko: "BASIC+", en: "BASIC+" },
    territorial: { ko: "영역 배출(Scope 1)", en: "Territorial (scope 1)" },
  };
  const bases: BasisMeta[] = STANDARD_BASES.map((id) => ({
    id,
    name: stdNames[id]!,
    lines: Int32Array.from(invLines.flatMap((l, i) => (gpcLineInfo(l.gpc_ref)![id] ? [i] : []))),
  }));
  for (const b of inst.bases ?? [])
    bases.push({
      id: b.id,
      name: b.name,
      lines: Int32Array.from(b.lines.map((r) => lineIndex.get(r)!).sort((x, y) => x - y)),
    });

  // BAU
  const bau = new Float64Array(nYears * nLines);
  inst.bau.forEach((rule, ri) => {
    for (let y = 0; y < nYears; y++) {
      let f: BauFactors;
      try {
        f = bauFactors(rule, drivers, baseYear + y, baseYear);
      } catch (e) {
        problems.push(
          ...thrownProblems(e, formatPath(["bau", ri]), `BAU rule "${rule.id}" in ${baseYear + y}`),
        );
        return;
      }
      if (!Number.isFinite(f.factor)) {
        problems.push(
          problem(
            "BAD_NUMBER",
            `BAU rule "${rule.id}" gives a factor of ${f.factor} in ${baseYear + y} (a driver is 0 in the base year?)`,
            {
              path: formatPath(["bau", ri]),
            },
          ),
        );
        return;
      }
      for (const ref of rule.lines) {
        const l = lineIndex.get(ref)!;
        bau[y * nLines + l] = base[l]! * f.factor;
      }
    }
  });
  const ctxSrc: ContextSource = { inst, drivers, lineIndex, base, bau, nLines, baseYear };

  // Actions: call each type once per year, gather effects by (line, kind)
  const actionsIn = inst.actions ?? [];
  const nActions = actionsIn.length;
  const actions: ActionMeta[] = [];
  const rows: Array<{ a: number; l: number; k: number; v: Float64Array }> = [];
  const costs = new Float64Array(nActions * nYears * 3);
  const contexts = Array.from({ length: nYears }, (_, y) => actionContext(ctxSrc, baseYear + y));
  actionsIn.forEach((entry, a) => {
    const type = registry.get(entry.type)!;
    const missing = new Set<string>();
    actions.push({
      id: entry.id,
      type: entry.type,
      name: entry.name,
      binary: type.binary === true,
      life: type.life ?? assetLife(entry.type) ?? null,
      costed: type.costs !== undefined,
      costsMissing: [],
    });
    const path = formatPath(["actions", a]);
    const p = valid.params[a];
    let needsMet = true;
    for (const need of type.needs ?? []) {
      const ok =
        need === "grid_tco2e_per_mwh"
          ? inst.drivers.some((d) => d.role === "grid_factor")
          : need === "hydrogen_tco2e_per_kg"
            ? inst.drivers.some((d) => d.role === "hydrogen_factor")
            : need.startsWith("drivers.")
              ? drivers.has(need.slice(8))
              : true;
      if (!ok) {
        needsMet = false;
        problems.push(
          problem(
            "UNKNOWN_REFERENCE",
            `action "${entry.id}" (${entry.type}) needs ${need}, which the instance does not give`,
            { path },
          ),
        );
      }
    }
    const byKey = new Map<string, { l: number; k: number; v: Float64Array }>();
    const reported = new Set<string>();
    // An action whose inputs are missing is not run: its model would only fail again on the same input.
    for (let y = 0; needsMet && y < nYears; y++) {
      const year = baseYear + y;
      let res: ReturnType<typeof type.model>;
      try {
        res = type.model(p, year, contexts[y]!);
      } catch (e) {
        problems.push(...thrownProblems(e, path, `action "${entry.id}" in ${year}`));
        break;
      }
      for (const eff of res.lines) {
        const l = lineIndex.get(eff.gpc_ref);
        if (l === undefined) {
          if (!reported.has(eff.gpc_ref))
            problems.push(
              problem(
                "UNKNOWN_REFERENCE",
                `action "${entry.id}" changes line ${eff.gpc_ref}, which is not in the base inventory`,
                { path },
              ),
            );
          reported.add(eff.gpc_ref);
          continue;
        }
        const scale = isScaleEffect(eff);
        const value = scale ? eff.scale_fraction : eff.delta_tco2e;
        if (!Number.isFinite(value)) {
          problems.push(
            problem("BAD_NUMBER", `action "${entry.id}" gives ${value} for line ${eff.gpc_ref} in ${year}`, {
              path,
            }),
          );
          continue;
        }
        const k = scale
          ? EFFECT_SCALE
          : eff.basis === "market"
            ? EFFECT_MARKET
            : eff.follows_intensity
              ? EFFECT_DELTA_FOLLOWS
              : EFFECT_DELTA;
        const key = `${l}:${k}`;
        let row = byKey.get(key);
        if (!row) {
          row = { l, k, v: new Float64Array(nYears) };
          byKey.set(key, row);
        }
        row.v[y] = row.v[y]! + value;
      }
      if (type.costs) {
        try {
          const c = type.costs(p, year, contexts[y]!);
          const i = (a * nYears + y) * 3;
          costs[i] = c.capex_krw;
          costs[i + 1] = c.opex_krw;
          costs[i + 2] = c.savings_krw;
          for (const k of (c as { missing?: readonly string[] }).missing ?? []) missing.add(k);
        } catch (e) {
          problems.push(...thrownProblems(e, path, `costs of action "${entry.id}" in ${year}`));
        }
      }
    }
    actions[a] = { ...actions[a]!, costsMissing: [...missing].sort() };
    for (const r of [...byKey.values()].sort((x, y) => x.l - y.l || x.k - y.k)) rows.push({ a, ...r });
  });
  const nEffects = rows.length;
  const effAction = Int32Array.from(rows, (r) => r.a);
  const effLine = Int32Array.from(rows, (r) => r.l);
  const effKind = Uint8Array.from(rows, (r) => r.k);
  const effValues = new Float64Array(nEffects * nYears);
  rows.forEach((r, e) => {
    effValues.set(r.v, e * nYears);
  });

  // Targets
  const targets: TargetMeta[] = (inst.targets ?? []).map((t) => {
    const b = bases.findIndex((x) => x.id === t.basis);
    let baseT = t.base_tco2e;
    if (baseT === undefined) {
      baseT = 0;
      for (const l of bases[b]!.lines) baseT += base[l]!;
    }
    return {
      id: t.id,
      name: t.name,
      basis: b,
      method: t.scope2_method ?? "location_based",
      baseYear: t.base_year,
      baseTco2e: baseT,
      path: targetPath(t, baseT, baseYear, nYears),
    };
  });

  // Scenarios
  const actionIdx = new Map(actionsIn.map((a, i) => [a.id, i] as const));
  const scenarios: ScenarioMeta[] = (inst.scenarios ?? []).map((s) => {
    const levels = new Float64Array(nActions);
    for (const sa of s.actions) levels[actionIdx.get(sa.action)!] = sa.level;
    return { id: s.id, name: s.name, levels, overridesDrivers: Object.keys(s.drivers ?? {}).length > 0 };
  });

  if (problems.length) return { ok: false, problems };
  return ok({
    instanceId: inst.id,
    instanceVersion: inst.version,
    driverScenario,
    baseYear,
    endYear: inst.end_year,
    nYears,
    nLines,
    nActions,
    lines,
    sink,
    sectorOf,
    bases,
    actions,
    targets,
    scenarios,
    base,
    bau,
    nEffects,
    effAction,
    effLine,
    effKind,
    effValues,
    costs,
    source: { instance: inst, params: valid.params, registry, drivers },
  });
}

/** Levels of a scenario by action index; "bau" is every action at 0. */
export function scenarioLevels(m: CompiledModel, scenarioId: string): Result<Float64Array> {
  if (scenarioId === "bau") return ok(new Float64Array(m.nActions));
  const s = m.scenarios.find((x) => x.id === scenarioId);
  if (!s)
    return { ok: false, problems: [problem("UNKNOWN_REFERENCE", `scenario "${scenarioId}" is not defined`)] };
  if (s.overridesDrivers && m.driverScenario !== s.id)
    return {
      ok: false,
      problems: [
        problem(
          "BAD_VALUE",
          `scenario "${scenarioId}" replaces drivers: compile the model with driverScenario "${scenarioId}" to evaluate it`,
        ),
      ],
    };
  return ok(Float64Array.from(s.levels));
}
