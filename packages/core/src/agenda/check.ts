/**
 * The annual implementation check (이행점검, Act Art. 13(2); Decree Art. 8): for a plan and a year, where each
 * action stood at the end of the year, what changed during it, which milestones were reached or missed,
 * and how each indicator compares with its goal. Qualitative (statuses, reasons, milestones) and
 * quantitative (indicators) in one record, ready for the report due on 31 May of the next year.
 */
import type { ActionId, IndicatorId } from "../vocabulary/ids.ts";
import type { Text } from "../vocabulary/text.ts";
import {
  type Action,
  comparePartialDates,
  type Indicator,
  lastDay,
  type Milestone,
  type Plan,
  type StatusChange,
} from "./schema.ts";
import type { StatusCounts } from "./status.ts";

/** The status change in force on `date` (YYYY-MM-DD): the latest one dated on or before it. */
export function statusAsOf(action: Action, date: string): StatusChange | undefined {
  let found: StatusChange | undefined;
  for (const s of action.status_history) if (comparePartialDates(s.date, date) <= 0) found = s;
  return found;
}

export interface IndicatorStanding {
  readonly indicator: IndicatorId;
  readonly name: Text;
  readonly unit: string;
  readonly year: number;
  /** The city-wide value of the year, if observed. */
  readonly observed?: number;
  /** The goal of the year, if one is set. */
  readonly goal?: number;
  /** Whether the observed value meets the goal in the indicator's direction; absent without both. */
  readonly met?: boolean;
  /** The latest city-wide value up to the year. */
  readonly latest?: { readonly year: number; readonly value: number };
  /** The first goal after the year. */
  readonly next_goal?: { readonly year: number; readonly value: number };
  /**
   * How far the latest value has come from the first observed value towards the next goal, as a fraction
   * (1 = there); absent when it cannot be said (no next goal, fewer than two points, or no distance to go).
   */
  readonly share_of_way?: number;
}

export function indicatorStanding(ind: Indicator, year: number): IndicatorStanding {
  const city = ind.observed.filter((o) => o.district === undefined).sort((a, b) => a.year - b.year);
  const observed = city.find((o) => o.year === year)?.value;
  const goal = ind.goals.find((g) => g.year === year)?.value;
  const upTo = city.filter((o) => o.year <= year);
  const latestObs = upTo[upTo.length - 1];
  const next = ind.goals.filter((g) => g.year > year).sort((a, b) => a.year - b.year)[0];
  const first = upTo[0];
  let share: number | undefined;
  if (next && first && latestObs && next.value !== first.value && first.year !== latestObs.year)
    share = (latestObs.value - first.value) / (next.value - first.value);
  return {
    indicator: ind.id,
    name: ind.name,
    unit: ind.unit,
    year,
    ...(observed !== undefined ? { observed } : {}),
    ...(goal !== undefined ? { goal } : {}),
    ...(observed !== undefined && goal !== undefined
      ? { met: ind.direction === "increase" ? observed >= goal : observed <= goal }
      : {}),
    ...(latestObs ? { latest: { year: latestObs.year, value: latestObs.value } } : {}),
    ...(next ? { next_goal: { year: next.year, value: next.value } } : {}),
    ...(share !== undefined ? { share_of_way: share } : {}),
  };
}

export interface ActionCheck {
  readonly action: ActionId;
  readonly name: Text;
  readonly departments: Action["departments"];
  /** Status in force on 31 December of the year; absent if the action had not begun its history. */
  readonly status_at_year_end?: StatusChange;
  /** Status changes dated in the year, with their reasons. */
  readonly changes_in_year: readonly StatusChange[];
  readonly milestones_reached: readonly Milestone[];
  /** Milestones whose target fell in the year or before and were not reached by the year's end. */
  readonly milestones_missed: readonly Milestone[];
  readonly progress_updates_in_year: number;
  readonly indicators: readonly IndicatorStanding[];
}

export interface ImplementationCheck {
  readonly plan: Plan["id"];
  readonly year: number;
  /** When the report is due: 31 May of the next year. */
  readonly due: string;
  /** Counts by status at the year's end (actions not yet begun count as not started). */
  readonly counts: StatusCounts;
  readonly actions: readonly ActionCheck[];
  /** Indicators of the plan's actions with a goal in the year, and how many met it. */
  readonly goals: {
    readonly set: number;
    readonly met: number;
    readonly not_met: number;
    readonly no_value: number;
  };
}

const inYear = (d: string, year: number) => d.slice(0, 4) === String(year);

export function implementationCheck(
  plan: Plan,
  actions: readonly Action[],
  indicators: readonly Indicator[],
  year: number,
): ImplementationCheck {
  const end = `${year}-12-31`;
  const ids = new Set(plan.policy_areas.flatMap((a) => a.actions as string[]));
  const mine = actions.filter((a) => ids.has(a.id));
  const byInd = new Map(indicators.map((i) => [i.id as string, i]));
  const counts = {
    total: 0,
    not_started: 0,
    on_track: 0,
    delayed: 0,
    completed: 0,
    cancelled: 0,
    unverified: 0,
  };
  const goals = { set: 0, met: 0, not_met: 0, no_value: 0 };
  const seenGoal = new Set<string>();
  const checks = mine.map((a): ActionCheck => {
    const at = statusAsOf(a, end);
    counts.total++;
    const s = at?.status ?? "not_started";
    if (s === "in_progress") counts.on_track++;
    else counts[s]++;
    if (at?.needs_verification) counts.unverified++;
    const standings = a.indicators.flatMap((id) => {
      const ind = byInd.get(id);
      return ind ? [indicatorStanding(ind, year)] : [];
    });
    for (const st of standings)
      if (st.goal !== undefined && !seenGoal.has(st.indicator)) {
        seenGoal.add(st.indicator);
        goals.set++;
        if (st.met === true) goals.met++;
        else if (st.met === false) goals.not_met++;
        else goals.no_value++;
      }
    return {
      action: a.id,
      name: a.name,
      departments: a.departments,
      ...(at ? { status_at_year_end: at } : {}),
      changes_in_year: a.status_history.filter((c) => inYear(c.date, year)),
      milestones_reached: a.milestones.filter(
        (m) => m.reached_on !== undefined && inYear(m.reached_on, year),
      ),
      milestones_missed: a.milestones.filter(
        (m) =>
          m.target !== undefined &&
          lastDay(m.target) <= end &&
          (m.reached_on === undefined || comparePartialDates(m.reached_on, end) > 0),
      ),
      progress_updates_in_year: a.progress.filter((p) => inYear(p.date, year)).length,
      indicators: standings,
    };
  });
  return { plan: plan.id, year, due: `${year + 1}-05-31`, counts, actions: checks, goals };
}
