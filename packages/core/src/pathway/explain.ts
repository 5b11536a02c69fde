/**
 * The explanation path: reproduces one number (a line's emissions in a year, for a scenario) from the
 * instance itself, step by step, with formulas, inputs, units and sources. It re-reads the drivers, re-runs
 * the action types for that year and combines their effects in the documented order, without the compiled
 * arrays; tests check that it gives exactly what the fast path gives.
 */
import type { ActionResult, ExplainInput, ExplainStep } from "../actions/interface.ts";
import { isScaleEffect } from "../actions/interface.ts";
import { CitypathError, ok, problem, type Result } from "../errors.ts";
import { type WasteMethod, wasteMethodTco2e } from "../inventory/waste-methods.ts";
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import { actionContext, bauFactors } from "./compile.ts";
import type { CompiledModel, Explanation } from "./model.ts";
import type { Driver, DriverOverride, InstanceInventoryLine } from "./schema.ts";

// One formatter, made once: creating a number format per call costs more than the whole explanation.
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 8 });

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return NUMBER.format(Number(x.toPrecision(8)));
}

function sourceOf(x: { source?: string; illustrative?: boolean; note?: string }): {
  source?: string;
  illustrative?: boolean;
} {
  if (x.source) return { source: x.source, ...(x.illustrative ? { illustrative: true } : {}) };
  return { source: x.note ?? "", illustrative: true };
}

/** How a computed base-year line got its figure: the method's steps, each input cited or named illustrative. */
function methodSteps(m: WasteMethod): ExplainStep[] {
  const cited = Object.entries(m.sources ?? {}).map(([k, v]) => `${k}: ${v}`);
  const assumed = Object.entries(m.illustrative ?? {}).map(([k, v]) => `${k}: ${v}`);
  // The inputs' provenance is given once, on the method's first step.
  return wasteMethodTco2e(m).steps.map((s, i) => ({
    ...s,
    key: `base_${s.key}`,
    ...(i === 0 && cited.length ? { source: cited.join("; ") } : {}),
    ...(i === 0 && assumed.length ? { note: `illustrative inputs: ${assumed.join("; ")}` } : {}),
  }));
}

/** A driver as a scenario replaces it: the override's values and provenance, the driver's name and unit. */
function withOverride(d: Driver, o: DriverOverride | undefined): Driver {
  if (!o) return d;
  return {
    id: d.id,
    name: d.name,
    unit: d.unit,
    ...(d.role !== undefined ? { role: d.role } : {}),
    values: o.values,
    interpolation: o.interpolation ?? d.interpolation,
    extrapolate: o.extrapolate ?? d.extrapolate,
    ...(o.source !== undefined ? { source: o.source } : {}),
    ...(o.illustrative !== undefined ? { illustrative: o.illustrative } : {}),
    ...(o.note !== undefined ? { note: o.note } : {}),
    ...(o.value_sources ? { value_sources: o.value_sources } : {}),
    ...(o.value_notes ? { value_notes: o.value_notes } : {}),
  };
}

function driverInput(d: Driver, year: number, value: number): ExplainInput {
  const own = d.value_sources?.[String(year)];
  const src = own ? { source: own } : sourceOf(d);
  const note = d.value_notes?.[String(year)];
  return {
    name: `${d.id} (${year})`,
    value,
    unit: d.unit,
    ...src,
    ...(note ? { source: `${src.source ?? ""}; ${note}` } : {}),
  };
}

/** What every explanation of one year shares: BAU of every line, and each action's result (run once). */
interface YearPrep {
  readonly bauRow: Float64Array;
  readonly base: Float64Array;
  result(a: number, type: string): ActionResult;
}

// Per model and year: the action types' results do not depend on levels, so they are run once and kept
// with the model (a WeakMap: they go when the model goes). Pure: the same results on every call.
const PREPARED = new WeakMap<CompiledModel, Map<number, YearPrep>>();

function prepareYear(m: CompiledModel, year: number): YearPrep {
  let byYear = PREPARED.get(m);
  if (!byYear) {
    byYear = new Map();
    PREPARED.set(m, byYear);
  }
  const hit = byYear.get(year);
  if (hit) return hit;
  const { instance: inst, params, registry, drivers } = m.source;
  const baseYear = m.baseYear;
  const y = year - baseYear;
  // Business as usual of every line in this year (action types may read any line's BAU), from the rules.
  const bauRow = new Float64Array(m.nYears * m.nLines);
  const lineIndex = new Map(inst.inventory.lines.map((x, i) => [x.gpc_ref, i] as const));
  const base = Float64Array.from(inst.inventory.lines, (x) => x.tco2e);
  for (const rule of inst.bau) {
    const f = bauFactors(rule, drivers, year, baseYear);
    for (const ref of rule.lines) {
      const li = lineIndex.get(ref)!;
      bauRow[y * m.nLines + li] = base[li]! * f.factor;
    }
  }
  const ctx = actionContext(
    { inst, drivers, lineIndex, base, bau: bauRow, nLines: m.nLines, baseYear },
    year,
  );
  const results: Array<ActionResult | undefined> = [];
  const prep: YearPrep = {
    bauRow,
    base,
    result(a, type) {
      let r = results[a];
      if (!r) {
        r = registry.get(type)!.model(params[a], year, ctx);
        results[a] = r;
      }
      return r;
    },
  };
  byYear.set(year, prep);
  return prep;
}

/**
 * Explains the emissions of line `gpcRef` in `year` under `levels` (by action index; use scenarioLevels).
 * `scenario` only labels the explanation.
 */
export function explain(
  m: CompiledModel,
  levels: ArrayLike<number>,
  gpcRef: string,
  year: number,
  scenario = "custom",
): Result<Explanation> {
  const { instance: inst, drivers } = m.source;
  const l = m.lines.findIndex((x) => x.gpc_ref === gpcRef);
  if (l < 0)
    return {
      ok: false,
      problems: [
        problem(
          "UNKNOWN_REFERENCE",
          `line ${gpcRef} is not in the model (lines: ${m.lines.map((x) => x.gpc_ref).join(", ")})`,
        ),
      ],
    };
  if (year < m.baseYear || year > m.endYear)
    return {
      ok: false,
      problems: [problem("MISSING_YEAR", `${year} is outside the model's years ${m.baseYear}–${m.endYear}`)],
    };
  if (levels.length !== m.nActions)
    return {
      ok: false,
      problems: [problem("BAD_VALUE", `${levels.length} levels given; the model has ${m.nActions} actions`)],
    };
  try {
    return ok(explainUnchecked(m, levels, l, year, scenario));
  } catch (e) {
    if (e instanceof CitypathError) return { ok: false, problems: [...e.problems] };
    throw e;
  }

  function explainUnchecked(
    m: CompiledModel,
    levels: ArrayLike<number>,
    l: number,
    year: number,
    scenario: string,
  ): Explanation {
    const baseYear = m.baseYear;
    const y = year - baseYear;
    const steps: ExplainStep[] = [];
    const invLine = inst.inventory.lines[l] as InstanceInventoryLine;
    const line = m.lines[l]!;
    // Under a scenario's driver paths, a driver's values and their sources are the scenario's.
    const overrides = inst.scenarios?.find((s) => s.id === m.driverScenario)?.drivers ?? {};
    const driverDef = new Map(inst.drivers.map((d) => [d.id, withOverride(d, overrides[d.id])] as const));

    const prep = prepareYear(m, year);
    const { bauRow, base } = prep;
    const rule = inst.bau.find((r) => r.lines.includes(gpcRef))!;
    const E0 = base[l]!;
    steps.push({
      key: "base_tco2e",
      label: `Emissions of ${gpcRef} in the base year ${baseYear}`,
      value: E0,
      unit: "tCO2e",
      formula: `inventory ${inst.inventory.year}, line ${gpcRef}`,
      ...sourceOf(invLine),
      ...(invLine.note && invLine.source ? { note: invLine.note } : {}),
    });
    if (invLine.computed) steps.push(...methodSteps(invLine.computed));
    const f = bauFactors(rule, drivers, year, baseYear);
    const parts: string[] = [fmt(E0)];
    if (f.activity) {
      const d = driverDef.get(f.activity.driver)!;
      steps.push({
        key: "activity_ratio",
        label: `Activity follows ${d.name.en} (${d.name.ko})`,
        value: f.activity.ratio,
        unit: "1",
        formula: `(${fmt(f.activity.at)} / ${fmt(f.activity.atBase)}) ^ ${f.activity.elasticity}`,
        inputs: [driverInput(d, year, f.activity.at), driverInput(d, baseYear, f.activity.atBase)],
        ...sourceOf(rule),
      });
      parts.push(fmt(f.activity.ratio));
    }
    if (f.intensity) {
      const d = driverDef.get(f.intensity.driver)!;
      steps.push({
        key: "intensity_ratio",
        label: `Intensity follows ${d.name.en} (${d.name.ko})`,
        value: f.intensity.ratio,
        unit: "1",
        formula: `${fmt(f.intensity.at)} / ${fmt(f.intensity.atBase)} ${d.unit}`,
        inputs: [driverInput(d, year, f.intensity.at), driverInput(d, baseYear, f.intensity.atBase)],
        ...sourceOf(rule),
      });
      parts.push(fmt(f.intensity.ratio));
    }
    if (f.trend) {
      steps.push({
        key: "trend_ratio",
        label: "Annual intensity trend",
        value: f.trend.ratio,
        unit: "1",
        formula: `(1 + ${f.trend.rate}) ^ ${f.trend.years}`,
        ...sourceOf(rule),
      });
      parts.push(fmt(f.trend.ratio));
    }
    const bau = bauRow[y * m.nLines + l]!;
    steps.push({
      key: "bau_tco2e",
      label: `Business as usual, ${gpcRef} ${year} (rule ${rule.id})`,
      value: bau,
      unit: "tCO2e",
      formula: parts.length > 1 ? parts.join(" × ") : `${fmt(E0)} (constant)`,
    });

    // Actions on this line, in action order.
    type Acting = {
      id: string;
      level: number;
      scale: number;
      delta: number;
      follows: number;
      hasScale: boolean;
      hasDelta: boolean;
      hasFollows: boolean;
      chain: readonly ExplainStep[];
    };
    const acting: Acting[] = [];
    (inst.actions ?? []).forEach((entry, a) => {
      const lev = levels[a]!;
      if (lev === 0) return;
      const res = prep.result(a, entry.type);
      let scale = 0;
      let delta = 0;
      let follows = 0;
      let hasScale = false;
      let hasDelta = false;
      let hasFollows = false;
      for (const eff of res.lines) {
        if (eff.gpc_ref !== gpcRef) continue;
        if (isScaleEffect(eff)) {
          scale = scale + eff.scale_fraction;
          hasScale = true;
        } else if (eff.basis === "market") {
          // market-based Scope 2 only: not part of the location-based figure explained here
        } else if (eff.follows_intensity) {
          follows = follows + eff.delta_tco2e;
          hasFollows = true;
        } else {
          delta = delta + eff.delta_tco2e;
          hasDelta = true;
        }
      }
      if (hasScale || hasDelta || hasFollows)
        acting.push({
          id: entry.id,
          level: lev,
          scale,
          delta,
          follows,
          hasScale,
          hasDelta,
          hasFollows,
          chain: res.chain,
        });
    });

    let S = 1;
    let LS = 0;
    let Z = 0;
    const factors: number[] = [];
    for (const x of acting) {
      if (!x.hasScale) {
        factors.push(1);
        continue;
      }
      let fa = 1 - x.level * x.scale;
      if (fa < 0) fa = 0;
      factors.push(fa);
      S = S * fa;
      if (fa === 0) Z = Z + 1;
      else LS = LS - Math.log(fa);
    }
    let D = 0;
    for (const x of acting) {
      if (x.hasDelta) D = D + x.level * x.delta;
      if (x.hasFollows) D = D + x.level * x.follows * S;
    }
    const pre = bau * S + D;
    const capped = pre < 0 && !line.sink;
    const value = capped ? 0 : pre;

    const m0 = bau - bau * S;
    const scaleBack = capped ? (bau * S) / -D : 1;
    const actionsOut = acting.map((x, j) => {
      let abatement = 0;
      if (x.hasScale) {
        const fa = factors[j]!;
        abatement = abatement + (Z > 0 ? (fa === 0 ? m0 / Z : 0) : LS === 0 ? 0 : (m0 * -Math.log(fa)) / LS);
      }
      if (x.hasDelta) abatement = abatement + -(x.level * x.delta) * scaleBack;
      if (x.hasFollows) abatement = abatement + -(x.level * x.follows * S) * scaleBack;
      return {
        id: x.id,
        level: x.level,
        scale_fraction: x.scale,
        delta_tco2e: x.delta,
        delta_follows_tco2e: x.follows,
        abatement_tco2e: abatement,
        chain: x.chain,
      };
    });

    if (acting.length) {
      steps.push({
        key: "scale_factor",
        label: "Activity and intensity changes combined (S)",
        value: S,
        unit: "1",
        formula: acting.some((x) => x.hasScale)
          ? acting
              .filter((x) => x.hasScale)
              .map((x) => `max(0, 1 − ${x.level} × ${fmt(x.scale)}) [${x.id}]`)
              .join(" × ")
          : "no activity or intensity change: 1",
      });
      steps.push({
        key: "delta_tco2e",
        label: "Absolute changes combined (D)",
        value: D,
        unit: "tCO2e",
        formula:
          acting
            .flatMap((x) => [
              ...(x.hasDelta ? [`${x.level} × ${fmt(x.delta)} [${x.id}]`] : []),
              ...(x.hasFollows ? [`${x.level} × ${fmt(x.follows)} × S [${x.id}]`] : []),
            ])
            .join(" + ") || "no absolute change: 0",
      });
    }
    steps.push({
      key: "emissions_tco2e",
      label: `Emissions of ${gpcRef} in ${year}, scenario ${scenario}`,
      value,
      unit: "tCO2e",
      formula: acting.length
        ? `${line.sink ? "" : "max(0, "}${fmt(bau)} × ${fmt(S)} + ${fmt(D)}${line.sink ? " (sink: may be negative)" : ")"}`
        : `no action changes this line: BAU ${fmt(bau)}`,
    });
    return { gpc_ref: gpcRef, year, scenario, value, unit: "tCO2e", steps, bau, actions: actionsOut };
  }
}

/** How a target's path value in a year was formed, from the instance's target definition. */
export interface TargetPathExplanation {
  readonly id: string;
  readonly path_tco2e: number;
  readonly gap_tco2e: number;
  readonly formula: string;
  readonly source?: string;
}

/** An explained total: a basis or a Korean sector in one year, as the sum of its explained lines. */
export interface TotalExplanation {
  readonly key: string;
  readonly kind: "basis" | "sector";
  readonly year: number;
  readonly scenario: string;
  readonly value: number;
  readonly unit: "tCO2e";
  readonly lines: readonly Explanation[];
  /** For a basis: each target on it, its path value, how it was interpolated, and the gap. */
  readonly targets: readonly TargetPathExplanation[];
}

function describeTargetPath(
  m: CompiledModel,
  targetIndex: number,
  year: number,
): { value: number; formula: string } {
  const t = m.source.instance.targets![targetIndex]!;
  const base = m.targets[targetIndex]!.baseTco2e;
  const anchors: Array<[number, number, string]> = [[t.base_year, base, "base"]];
  for (const p of [...t.points].sort((a, b) => a.year - b.year))
    anchors.push(
      p.tco2e !== undefined
        ? [p.year, p.tco2e, `${fmt(p.tco2e)} t`]
        : [p.year, base * (1 - p.reduction!), `${fmt(base)} × (1 − ${p.reduction})`],
    );
  if (year < t.base_year)
    return { value: Number.NaN, formula: `${year} is before the target's base year ${t.base_year}` };
  let k = 0;
  while (k + 1 < anchors.length && anchors[k + 1]![0] <= year) k++;
  const [y0, v0, f0] = anchors[k]!;
  if (k + 1 >= anchors.length)
    return { value: v0, formula: `${y0 === year ? "" : `held after ${y0}: `}${f0} = ${fmt(v0)}` };
  if (year === y0) return { value: v0, formula: `${f0} = ${fmt(v0)}` };
  if (t.interpolation === "step")
    return { value: v0, formula: `step: the ${y0} value ${fmt(v0)} holds until ${anchors[k + 1]![0]}` };
  const [y1, v1] = anchors[k + 1]!;
  const v = v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
  return {
    value: v,
    formula: `linear between ${y0} (${fmt(v0)}) and ${y1} (${fmt(v1)}): ${fmt(v0)} + (${fmt(v1)} − ${fmt(v0)}) × (${year} − ${y0}) / (${y1} − ${y0}) = ${fmt(v)}`,
  };
}

/** Explains a basis total (`municipal_control`, `basic`...) or a Korean sector total (`transport`) in a year. */
export function explainTotal(
  m: CompiledModel,
  levels: ArrayLike<number>,
  key: string,
  year: number,
  scenario = "custom",
): Result<TotalExplanation> {
  const b = m.bases.findIndex((x) => x.id === key);
  const s = KR_SECTOR_IDS.indexOf(key as (typeof KR_SECTOR_IDS)[number]);
  if (b < 0 && s < 0)
    return {
      ok: false,
      problems: [
        problem(
          "UNKNOWN_REFERENCE",
          `"${key}" is not a line, basis or sector (bases: ${m.bases.map((x) => x.id).join(", ")}; sectors: ${KR_SECTOR_IDS.join(", ")})`,
        ),
      ],
    };
  const idx =
    b >= 0 ? Array.from(m.bases[b]!.lines) : m.lines.flatMap((_, l) => (m.sectorOf[l] === s ? [l] : []));
  const lines: Explanation[] = [];
  let value = 0;
  for (const l of idx) {
    const e = explain(m, levels, m.lines[l]!.gpc_ref, year, scenario);
    if (!e.ok) return e;
    lines.push(e.value);
    value += e.value.value;
  }
  const targets: TargetPathExplanation[] =
    b < 0
      ? []
      : m.targets.flatMap((t, ti) => {
          if (t.basis !== b) return [];
          const d = describeTargetPath(m, ti, year);
          const src = m.source.instance.targets![ti]!.source;
          return [
            {
              id: t.id,
              path_tco2e: d.value,
              gap_tco2e: value - d.value,
              formula: d.formula,
              ...(src ? { source: src } : {}),
            },
          ];
        });
  return ok({ key, kind: b >= 0 ? "basis" : "sector", year, scenario, value, unit: "tCO2e", lines, targets });
}
