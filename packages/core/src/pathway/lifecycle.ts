/**
 * Life-cycle appraisal on a compiled pathway model: each action's flows (at its level) and the abatement the
 * engine attributes to it in a scenario, appraised over the action's life (actions/lifecycle.ts); the MAC
 * curve built from those appraisals (bar widths: the attributed abatement in one chosen year); and the
 * present cost per level that the least-cost portfolio minimises. The curve and the portfolio therefore
 * rank measures on the same appraisal.
 */
import { type MacCurve, type MacInput, macCurve } from "../actions/costs.ts";
import { appraiseLifeCycle, type LifeCycleAppraisal, lifeCyclePvCost } from "../actions/lifecycle.ts";
import { fail, ok, problem, type Result } from "../errors.ts";
import { createResult, evaluate } from "./evaluate.ts";
import type { CompiledModel } from "./model.ts";

/** First year index in which action `a` has any effect at level 1, or null. */
export function serviceIndex(m: CompiledModel, a: number): number | null {
  const Y = m.nYears;
  let first: number | null = null;
  for (let e = 0; e < m.nEffects; e++) {
    if (m.effAction[e] !== a) continue;
    for (let y = 0; y < (first ?? Y); y++)
      if (m.effValues[e * Y + y] !== 0) {
        first = y;
        break;
      }
  }
  return first;
}

/** The action's capex, opex and savings per model year at `level`, KRW of the instance's price year. */
export function actionFlows(
  m: CompiledModel,
  a: number,
  level: number,
): { capex_krw: number; opex_krw: number; savings_krw: number }[] {
  const out: { capex_krw: number; opex_krw: number; savings_krw: number }[] = [];
  for (let y = 0; y < m.nYears; y++) {
    const i = (a * m.nYears + y) * 3;
    out.push({
      capex_krw: m.costs[i]! * level,
      opex_krw: m.costs[i + 1]! * level,
      savings_krw: m.costs[i + 2]! * level,
    });
  }
  return out;
}

/** The discount year of an instance: its price year, else its base year. */
export function discountYearOf(m: CompiledModel): number {
  return m.source.instance.price_year ?? m.baseYear;
}

/** Present value of each action's net costs over its life at level 1 (the portfolio's objective per level). */
export function lifeCycleCostPerLevel(
  m: CompiledModel,
  discountRate: number,
  discountYear: number,
): Float64Array {
  const out = new Float64Array(m.nActions);
  for (let a = 0; a < m.nActions; a++)
    out[a] = lifeCyclePvCost(
      {
        firstYear: m.baseYear,
        flows: actionFlows(m, a, 1),
        serviceIndex: serviceIndex(m, a),
        life: m.actions[a]!.life ?? undefined,
      },
      discountRate,
      discountYear,
    );
  return out;
}

/** Why an action cannot be on a cost curve, or undefined when it can. */
export function costsUnknown(m: CompiledModel, a: number): string | undefined {
  const x = m.actions[a]!;
  if (!x.costed) return `type ${x.type} has no cost model: its costs are not known`;
  if (x.costsMissing.length) return `costs incomplete: ${x.costsMissing.join(", ")} not given`;
  for (let k = a * m.nYears * 3; k < (a + 1) * m.nYears * 3; k++) if (m.costs[k] !== 0) return undefined;
  return "no cost figure in the instance (its costs are not known, not zero)";
}

export interface ScenarioMacOptions {
  readonly discountRate: number;
  /** Year present values are discounted to; default the instance's price year, else its base year. */
  readonly discountYear?: number;
  /** The year whose attributed abatement sets each bar's width. */
  readonly year: number;
}

export interface ScenarioMac extends MacCurve {
  readonly discount_rate: number;
  readonly discount_year: number;
  /** Each appraised action's life-cycle appraisal (also those excluded for a zero width). */
  readonly appraisals: Record<string, LifeCycleAppraisal & { level: number }>;
}

/**
 * The MAC curve of a set of levels: each action with a level above 0 is appraised over its life against
 * the abatement the engine attributes to it at those levels (interactions counted once); the bar's width is
 * that abatement in `year`. Actions at level 0, without known costs or without abatement are listed as
 * excluded with the reason.
 */
export function scenarioMac(
  m: CompiledModel,
  levels: ArrayLike<number>,
  o: ScenarioMacOptions,
): Result<ScenarioMac> {
  const yi = o.year - m.baseYear;
  if (yi < 0 || yi >= m.nYears)
    return fail([
      problem("MISSING_YEAR", `year ${o.year} is outside the model's years ${m.baseYear}–${m.endYear}`, {
        path: "year",
      }),
    ]);
  if (!(o.discountRate > -1) || !Number.isFinite(o.discountRate))
    return fail([
      problem("BAD_VALUE", `discount rate ${o.discountRate} must be a number above −1 (e.g. 0.045)`, {
        path: "discount_rate",
      }),
    ]);
  const r = evaluate(m, levels, createResult(m));
  const discountYear = o.discountYear ?? discountYearOf(m);
  const Y = m.nYears;
  const inputs: MacInput[] = [];
  const excluded: { id: string; reason: string }[] = [];
  const appraisals: ScenarioMac["appraisals"] = {};
  for (let a = 0; a < m.nActions; a++) {
    const x = m.actions[a]!;
    const level = levels[a] ?? 0;
    if (!(level > 0)) {
      excluded.push({ id: x.id, reason: "not in the scenario (level 0)" });
      continue;
    }
    const unknown = costsUnknown(m, a);
    if (unknown) {
      excluded.push({ id: x.id, reason: unknown });
      continue;
    }
    const row = r.abatement.subarray(a * Y, (a + 1) * Y);
    const ap = appraiseLifeCycle(
      {
        firstYear: m.baseYear,
        flows: actionFlows(m, a, level),
        abatement: row,
        serviceIndex: serviceIndex(m, a),
        life: x.life ?? undefined,
      },
      o.discountRate,
      discountYear,
    );
    appraisals[x.id] = { ...ap, level };
    if (ap.krw_per_tco2e === null) {
      excluded.push({ id: x.id, reason: ap.reason ?? "no cost per tonne" });
      continue;
    }
    inputs.push({
      id: x.id,
      label: x.name,
      cost_per_tonne: {
        krw_per_tco2e: ap.krw_per_tco2e,
        npv_krw: ap.pv_cost_krw,
        tonnes: ap.pv_tco2e,
        method: "life_cycle",
      },
      abatement: [{ year: o.year, tco2e: row[yi]! }],
    });
  }
  const curve = macCurve(inputs, { kind: "year", year: o.year });
  return ok({
    ...curve,
    method: "life_cycle",
    excluded: [...excluded, ...curve.excluded],
    discount_rate: o.discountRate,
    discount_year: discountYear,
    appraisals,
  });
}
