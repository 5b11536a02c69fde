/**
 * A proposal's modelled effect: the proposal changes the levels of actions of one scenario (the explorer's
 * state), and the pathway engine computes both the scenario as planned and as proposed on the same model
 * version. Reported for chosen years (2030 and 2050 by default): emissions on the first target's basis, the
 * difference, the gap to each target, and the life-cycle cost (present value over each measure's life, the
 * same appraisal as the MAC curve and the least-cost portfolio) of each.
 *
 * A cost is never a silent zero: when an action whose level the proposal or the plan uses has no cost model
 * or incomplete costs, the cost is null and the actions are listed.
 */

import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { scenarioLevels } from "../pathway/compile.ts";
import { createResult, evaluate } from "../pathway/evaluate.ts";
import { sliderRange } from "../pathway/levers.ts";
import { costsUnknown, discountYearOf, lifeCycleCostPerLevel } from "../pathway/lifecycle.ts";
import type { EnginePreset } from "../pathway/preset.ts";
import type { ValidInstance } from "../pathway/validate.ts";

/** What a proposal changes: a scenario of the instance and new levels of some of its actions. */
export interface ProposalScenario {
  readonly scenario: string;
  /** Action id -> level (0 = off, 1 = as the scenario parameterises it). */
  readonly levels: Readonly<Record<string, number>>;
}

export interface ProposalEffectOptions {
  readonly years: readonly number[];
  /** Real discount rate per year for the life-cycle cost (e.g. 0.045). */
  readonly discountRate: number;
  readonly discountRateSource: string;
}

/** 4.5 % real: the social discount rate of Korea's preliminary feasibility studies (KDI, 2017 guideline). */
export const DEFAULT_EFFECT_OPTIONS: ProposalEffectOptions = {
  years: [2030, 2050],
  discountRate: 0.045,
  discountRateSource: "KDI 예비타당성조사 일반지침 (2017): 사회적 할인율 4.5 % (real)",
};

export interface ProposalEffect {
  readonly instance: { readonly id: string; readonly version: string };
  readonly scenario: string;
  readonly basis: string;
  readonly unit: "tCO2e";
  readonly changes: {
    readonly action: string;
    readonly plan_level: number;
    readonly proposed_level: number;
  }[];
  readonly years: {
    readonly year: number;
    readonly plan_tco2e: number;
    readonly proposal_tco2e: number;
    /** proposal - plan: negative when the proposal emits less. */
    readonly difference_tco2e: number;
  }[];
  readonly targets: {
    readonly id: string;
    readonly name: { ko: string; en: string };
    readonly year: number;
    /** tCO2e above the target path (negative: below it); null where the path is not defined. */
    readonly plan_gap_tco2e: number | null;
    readonly proposal_gap_tco2e: number | null;
  }[];
  readonly cost: {
    readonly price_year: number;
    readonly discount_rate: number;
    readonly discount_rate_source: string;
    /** Present value of net costs over each measure's life, KRW of the price year; null when unknown. */
    readonly plan_krw: number | null;
    readonly proposal_krw: number | null;
    readonly difference_krw: number | null;
    /** Actions in use whose costs are not known, with why. */
    readonly unknown: { readonly action: string; readonly reason: string }[];
  };
}

/** The proposal's effect, or every problem (an unknown scenario or action, a level out of range, a year). */
export function proposalEffect(
  valid: ValidInstance,
  engine: EnginePreset,
  proposal: ProposalScenario,
  opts: ProposalEffectOptions = DEFAULT_EFFECT_OPTIONS,
): Result<ProposalEffect> {
  const inst = valid.instance;
  const sc = inst.scenarios?.find((s) => s.id === proposal.scenario);
  if (!sc)
    return fail([
      problem("UNKNOWN_REFERENCE", `scenario "${proposal.scenario}" is not in the instance`, {
        path: "scenario.scenario",
      }),
    ]);
  // the scenario's own driver paths when it sets some, else business as usual (as its pathway)
  const c = engine.compile(valid, { scenario: sc.id });
  if (!c.ok) return c;
  const m = c.value;
  const lv = scenarioLevels(m, sc.id);
  if (!lv.ok) return lv;
  const plan = lv.value;
  const proposed = Float64Array.from(plan);
  const problems: Problem[] = [];
  const changes: ProposalEffect["changes"] = [];
  for (const [actionId, level] of Object.entries(proposal.levels)) {
    const path = `scenario.levels.${actionId}`;
    const a = m.actions.findIndex((x) => x.id === actionId);
    const inScenario = sc.actions.find((x) => x.action === actionId);
    if (a < 0 || !inScenario) {
      problems.push(
        problem("UNKNOWN_REFERENCE", `action "${actionId}" is not in scenario "${sc.id}"`, { path }),
      );
      continue;
    }
    const r = sliderRange(inScenario, m.actions[a]!.binary);
    if (!Number.isFinite(level) || level < r.min || level > r.max) {
      problems.push(
        problem("BAD_VALUE", `the level of "${actionId}" is ${level}; it goes from ${r.min} to ${r.max}`, {
          path,
        }),
      );
      continue;
    }
    if (m.actions[a]!.binary && level !== 0 && level !== 1) {
      problems.push(problem("BAD_VALUE", `"${actionId}" is on (1) or off (0)`, { path }));
      continue;
    }
    proposed[a] = level;
    changes.push({ action: actionId, plan_level: plan[a]!, proposed_level: level });
  }
  const Y = m.nYears;
  for (const year of opts.years)
    if (year < m.baseYear || year > m.endYear)
      problems.push(
        problem("BAD_VALUE", `${year} is outside the model's years ${m.baseYear}-${m.endYear}`, {
          path: "years",
        }),
      );
  if (problems.length) return fail(problems);

  const planRes = evaluate(m, plan, createResult(m));
  const propRes = evaluate(m, proposed, createResult(m));
  const basis = m.targets[0]?.basis ?? 0;
  const years = opts.years.map((year) => {
    const y = year - m.baseYear;
    const p = planRes.basis[basis * Y + y]!;
    const q = propRes.basis[basis * Y + y]!;
    return { year, plan_tco2e: p, proposal_tco2e: q, difference_tco2e: q - p };
  });
  const gapAt = (g: Float64Array, t: number, y: number) => {
    const v = g[t * Y + y]!;
    return Number.isNaN(v) ? null : v;
  };
  const targets = m.targets.flatMap((t, ti) =>
    opts.years.map((year) => ({
      id: t.id,
      name: t.name,
      year,
      // each target's gap by the Scope 2 method it is measured on
      plan_gap_tco2e: gapAt(
        t.method === "market_based" ? planRes.market.gap : planRes.gap,
        ti,
        year - m.baseYear,
      ),
      proposal_gap_tco2e: gapAt(
        t.method === "market_based" ? propRes.market.gap : propRes.gap,
        ti,
        year - m.baseYear,
      ),
    })),
  );

  const discountYear = discountYearOf(m);
  const perLevel = lifeCycleCostPerLevel(m, opts.discountRate, discountYear);
  const unknown: { action: string; reason: string }[] = [];
  for (let a = 0; a < m.nActions; a++) {
    if (plan[a] === 0 && proposed[a] === 0) continue;
    const why = costsUnknown(m, a);
    if (why) unknown.push({ action: m.actions[a]!.id, reason: why });
  }
  const total = (levels: Float64Array) => levels.reduce((s, l, a) => s + l * perLevel[a]!, 0);
  const planKrw = unknown.length ? null : total(plan);
  const propKrw = unknown.length ? null : total(proposed);
  return ok({
    instance: { id: m.instanceId, version: m.instanceVersion },
    scenario: sc.id,
    basis: m.bases[basis]!.id,
    unit: "tCO2e",
    changes,
    years,
    targets,
    cost: {
      price_year: discountYear,
      discount_rate: opts.discountRate,
      discount_rate_source: opts.discountRateSource,
      plan_krw: planKrw,
      proposal_krw: propKrw,
      difference_krw: planKrw === null || propKrw === null ? null : propKrw - planKrw,
      unknown,
    },
  });
}
