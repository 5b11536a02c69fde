/**
 * Modelled against observed: for an action whose effect a scenario quantifies, the abatement the scenario
 * expected each year next to the abatement implied by what was observed, computed through the same model.
 *
 * The agenda does not know how an action is modelled. It sees a model as a function from parameters and a
 * year to emission-change lines (the shape of the action library's mechanisms), and a mapping that puts an
 * indicator's observed value in place of the parameter the scenario assumed (BRT riders observed replace
 * the riders the scenario assumed; the model then turns riders into car-km avoided and tCO2e).
 *
 * Sign convention: a line's `delta_tco2e` is the change in emissions the action causes (negative = less
 * emitted). Abatement = −Σ delta_tco2e, so a positive abatement is emissions avoided.
 */
import { CitypathError, fail, ok, type Problem, problem, type Result } from "../errors.ts";
import type { ActionId, IndicatorId } from "../vocabulary/ids.ts";
import type { Indicator } from "./schema.ts";

/**
 * One line of a model's result, as the action library returns it: an absolute change (`delta_tco2e`,
 * tCO2e per year, negative = less emitted) or a share of the line's business-as-usual emissions removed
 * (`scale_fraction`), which needs the line's BAU to become tonnes.
 */
export type ModelLine =
  | { readonly gpc_ref: string; readonly delta_tco2e: number }
  | { readonly gpc_ref: string; readonly scale_fraction: number };

/** A line's business-as-usual emissions in a year, tCO2e (to value scale effects). */
export type BauLookup = (gpcRef: string, year: number) => number;

export interface ActionModelOutput {
  readonly lines: readonly ModelLine[];
  /** The model's explanation (inputs and steps), kept as the model gives it. */
  readonly chain?: unknown;
}

/** An action model with its context bound: parameters and a year in, emission changes out. */
export type ActionModel<P> = (params: P, year: number) => ActionModelOutput;

/** How an indicator's observed value replaces one parameter of the action model. */
export interface ObservedParameterMapping<P> {
  readonly indicator: IndicatorId;
  /** The parameter of the model that the observed value replaces. */
  readonly parameter: string;
  /** The unit the indicator's values must be in (compared with the indicator's `unit`). */
  readonly unit: string;
  /**
   * The scenario's parameters for the year with the parameter replaced by the observed value. `history`
   * holds the city-wide observed values of every year up to the one observed (for parameters that are
   * paths, such as buses added each year, rebuilt from an observed fleet level).
   */
  readonly apply: (params: P, observed: number, year: number, history: ReadonlyMap<number, number>) => P;
}

export interface ModelledVsObservedInput<P> {
  readonly action: ActionId;
  readonly model: ActionModel<P>;
  /** The scenario's parameters for a year. */
  readonly scenarioParams: (year: number) => P;
  readonly mapping: ObservedParameterMapping<P>;
  readonly indicator: Indicator;
  /** The years to compare, e.g. from the action's start to the current year. */
  readonly years: readonly number[];
  /** The latest year whose observations count (from the clock the caller passes in). */
  readonly asOfYear: number;
  /**
   * Off track when implied abatement < expected × (1 − tolerance). A fraction, e.g. 0.1. Required: the
   * threshold is a policy choice the caller states, and it is echoed in the result.
   */
  readonly tolerance: number;
  /** Years with a target; defaults to the indicator's goal years. */
  readonly targetYears?: readonly number[];
  /** Needed when the model returns scale effects. */
  readonly bau?: BauLookup;
}

export interface YearComparison {
  readonly year: number;
  /** Abatement the scenario expected, tCO2e. */
  readonly expected_tco2e: number;
  /** The indicator's observed value, in the indicator's unit; absent when none was observed. */
  readonly observed?: number;
  /** Abatement implied by the observed value through the same model, tCO2e. */
  readonly implied_tco2e?: number;
  /** implied − expected, tCO2e (negative = short of the scenario). */
  readonly difference_tco2e?: number;
  /** implied / expected; absent when nothing was expected. */
  readonly ratio?: number;
  readonly off_track?: boolean;
}

export interface NextTarget {
  readonly year: number;
  /** Abatement the scenario expects in the target year, tCO2e. */
  readonly expected_tco2e: number;
  /** Abatement in the target year if the indicator stays at its latest observed value, tCO2e. */
  readonly projected_tco2e: number;
  /** expected − projected, tCO2e (positive = what other actions or a faster pace must make up). */
  readonly shortfall_tco2e: number;
  /** The indicator's value the scenario assumes in the target year. */
  readonly indicator_goal?: number;
  readonly indicator_latest: number;
  readonly indicator_latest_year: number;
  /** The change per year the indicator needs from its latest value to reach its goal. */
  readonly required_change_per_year?: number;
}

export interface ModelledVsObserved {
  readonly action: ActionId;
  readonly indicator: IndicatorId;
  readonly parameter: string;
  readonly unit: string;
  readonly tolerance: number;
  readonly years: readonly YearComparison[];
  /** The latest year with an observation, if any. */
  readonly latest?: YearComparison;
  /** Off track in the latest compared year. */
  readonly off_track: boolean;
  readonly next_target?: NextTarget;
}

/**
 * Abatement from model lines: −Σ delta_tco2e + Σ scale_fraction × BAU(line, year). Fails on a non-finite
 * line, and on a scale effect when no BAU lookup is given.
 */
export function abatementOf(
  out: ActionModelOutput,
  year: number,
  where: string,
  bau?: BauLookup,
): Result<number> {
  let sum = 0;
  const problems: Problem[] = [];
  out.lines.forEach((l, i) => {
    const path = `${where}.lines[${i}]`;
    let delta: number;
    if ("scale_fraction" in l) {
      if (!bau) {
        problems.push(
          problem("MISSING_VALUE", `the model scales ${l.gpc_ref}, which needs the line's BAU emissions`, {
            path,
          }),
        );
        return;
      }
      delta = -l.scale_fraction * bau(l.gpc_ref, year);
    } else delta = l.delta_tco2e;
    if (!Number.isFinite(delta))
      problems.push(
        problem("BAD_NUMBER", `the model returned ${delta} tCO2e for ${l.gpc_ref} in ${year}`, { path }),
      );
    else sum += delta;
  });
  return problems.length ? fail(problems) : ok(sum === 0 ? 0 : -sum);
}

function runModel<P>(
  model: ActionModel<P>,
  params: P,
  year: number,
  where: string,
  bau: BauLookup | undefined,
): Result<number> {
  try {
    return abatementOf(model(params, year), year, where, bau);
  } catch (e) {
    if (e instanceof CitypathError)
      return fail(e.problems.map((p) => ({ ...p, path: p.path ? `${where}.${p.path}` : where })));
    return fail([problem("INTERNAL", `the action model failed for ${year}: ${String(e)}`, { path: where })]);
  }
}

/**
 * The city-wide observed value of a year. Where only district values exist and the indicator adds up
 * (a count or an amount, not a share), their sum is used and a warning says so.
 */
export function cityValue(ind: Indicator, year: number): { value: number; warning?: Problem } | undefined {
  const city = ind.observed.find((o) => o.year === year && o.district === undefined);
  if (city) return { value: city.value };
  const parts = ind.observed.filter((o) => o.year === year && o.district !== undefined);
  if (parts.length === 0 || ind.unit === "%") return undefined;
  const value = parts.reduce((s, o) => s + o.value, 0);
  return {
    value,
    warning: problem(
      "MISSING_VALUE",
      `no city-wide value of ${ind.id} for ${year}: the sum of ${parts.length} district values is used`,
      { severity: "warning", path: `indicators.${ind.id}.observed` },
    ),
  };
}

/**
 * Compares, year by year, the abatement the scenario expected with the abatement the observed indicator
 * implies through the same model, flags the action off track when the latest implied abatement falls short
 * by more than the tolerance, and projects the next target year with the indicator held at its latest
 * observed value.
 */
export function modelledVsObserved<P>(input: ModelledVsObservedInput<P>): Result<ModelledVsObserved> {
  const { indicator: ind, mapping, tolerance } = input;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (ind.id !== mapping.indicator)
    problems.push(
      problem("UNKNOWN_REFERENCE", `the mapping is for indicator '${mapping.indicator}', not '${ind.id}'`, {
        path: "indicator",
      }),
    );
  if (ind.unit !== mapping.unit)
    problems.push(
      problem(
        "UNIT_MISMATCH",
        `indicator '${ind.id}' is in '${ind.unit}' but parameter '${mapping.parameter}' takes '${mapping.unit}'`,
        { path: `indicators.${ind.id}.unit` },
      ),
    );
  if (!(tolerance >= 0 && tolerance < 1))
    problems.push(problem("BAD_VALUE", `the tolerance must be a fraction in [0, 1), got ${tolerance}`));
  if (problems.length) return fail(problems);

  const offTrack = (expected: number, implied: number) =>
    expected > 0 ? implied < expected * (1 - tolerance) : implied < expected;

  // City-wide observed values up to asOfYear (district sums where no city value exists).
  const observedByYear = new Map<number, number>();
  for (const y of [...new Set(ind.observed.map((o) => o.year))].sort((a, b) => a - b)) {
    if (y > input.asOfYear) continue;
    const v = cityValue(ind, y);
    if (v) observedByYear.set(y, v.value);
  }
  const historyUpTo = (year: number) => new Map([...observedByYear].filter(([y]) => y <= year));

  const years: YearComparison[] = [];
  for (const year of [...new Set(input.years)].sort((a, b) => a - b)) {
    const where = `years.${year}`;
    const params = input.scenarioParams(year);
    const expected = runModel(input.model, params, year, `${where}.expected`, input.bau);
    if (!expected.ok) {
      problems.push(...expected.problems);
      continue;
    }
    const obs = year <= input.asOfYear ? cityValue(ind, year) : undefined;
    if (!obs) {
      years.push({ year, expected_tco2e: expected.value });
      continue;
    }
    if (obs.warning) warnings.push(obs.warning);
    const implied = runModel(
      input.model,
      mapping.apply(params, obs.value, year, historyUpTo(year)),
      year,
      `${where}.implied`,
      input.bau,
    );
    if (!implied.ok) {
      problems.push(...implied.problems);
      continue;
    }
    years.push({
      year,
      expected_tco2e: expected.value,
      observed: obs.value,
      implied_tco2e: implied.value,
      difference_tco2e: implied.value - expected.value,
      ...(expected.value !== 0 ? { ratio: implied.value / expected.value } : {}),
      off_track: offTrack(expected.value, implied.value),
    });
  }
  if (problems.length) return fail(problems);

  const compared = years.filter((y) => y.implied_tco2e !== undefined);
  const latest = compared[compared.length - 1];
  let next_target: NextTarget | undefined;
  if (latest && latest.observed !== undefined) {
    const targets = (input.targetYears ?? ind.goals.map((g) => g.year)).filter((y) => y > latest.year);
    const year = targets.length ? Math.min(...targets) : undefined;
    if (year !== undefined) {
      const params = input.scenarioParams(year);
      const expected = runModel(input.model, params, year, `next_target.${year}.expected`, input.bau);
      const projected = runModel(
        input.model,
        mapping.apply(params, latest.observed, year, historyUpTo(latest.year)),
        year,
        `next_target.${year}.projected`,
        input.bau,
      );
      if (!expected.ok) return fail(expected.problems);
      if (!projected.ok) return fail(projected.problems);
      const goal = ind.goals.find((g) => g.year === year)?.value;
      next_target = {
        year,
        expected_tco2e: expected.value,
        projected_tco2e: projected.value,
        shortfall_tco2e: expected.value - projected.value,
        indicator_latest: latest.observed,
        indicator_latest_year: latest.year,
        ...(goal !== undefined
          ? {
              indicator_goal: goal,
              required_change_per_year: (goal - latest.observed) / (year - latest.year),
            }
          : {}),
      };
    }
  }

  return ok(
    {
      action: input.action,
      indicator: ind.id,
      parameter: mapping.parameter,
      unit: mapping.unit,
      tolerance,
      years,
      ...(latest ? { latest } : {}),
      off_track: latest?.off_track ?? false,
      ...(next_target ? { next_target } : {}),
    },
    warnings,
  );
}
