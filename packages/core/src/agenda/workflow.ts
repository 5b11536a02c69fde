/**
 * A plan's workflow (draft -> committee deliberation -> reported to the council -> published) and the
 * legal deadlines of a plan, from the legal calendar (calendar.ts).
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { PROVENANCE_BOTH, PROVENANCE_MISSING } from "../vocabulary/provenance.ts";
import type { Text } from "../vocabulary/text.ts";
import {
  DEFAULT_LEGAL_CALENDAR,
  type LegalCalendar,
  type LegalDeadline,
  legalDeadlines,
} from "./calendar.ts";
import { comparePartialDates, PLAN_STAGES, type Plan, type PlanStage } from "./schema.ts";

/**
 * Moves a plan to its next stage on `date`. Stages go forward one at a time; committee deliberation may be
 * skipped only when the city has no local committee (Act Art. 22 makes the committee optional). Returns a
 * new plan; the input is not changed.
 */
export function advancePlan(
  plan: Plan,
  to: PlanStage,
  date: string,
  provenance: { source?: Plan["sources"][number]; illustrative?: boolean; note?: string; comment?: Text },
): Result<Plan> {
  const problems: Problem[] = [];
  const from = PLAN_STAGES.indexOf(plan.stage);
  const target = PLAN_STAGES.indexOf(to);
  const skipsCommittee = plan.stage === "draft" && to === "reported_to_council" && !plan.has_committee;
  if (target !== from + 1 && !skipsCommittee)
    problems.push(
      problem(
        "BAD_VALUE",
        `plan '${plan.id}' is at '${plan.stage}' and cannot move to '${to}'` +
          (to === "reported_to_council" && plan.stage === "draft"
            ? " (it has a committee, which deliberates first)"
            : ""),
        { path: "stage" },
      ),
    );
  const last = plan.stage_history[plan.stage_history.length - 1];
  if (last && comparePartialDates(last.date, date) > 0)
    problems.push(
      problem("BAD_VALUE", `the date ${date} is before the plan's last stage change (${last.date})`, {
        path: "stage_history",
      }),
    );
  if (provenance.source !== undefined && provenance.illustrative === true)
    problems.push(problem("BAD_VALUE", PROVENANCE_BOTH, { path: "illustrative" }));
  if (provenance.source === undefined && !(provenance.illustrative === true && provenance.note !== undefined))
    problems.push(problem("MISSING_VALUE", PROVENANCE_MISSING, { path: "source" }));
  if (problems.length) return fail(problems);
  return ok({
    ...plan,
    stage: to,
    stage_history: [...plan.stage_history, { stage: to, date, ...provenance }],
  });
}

/**
 * The legal deadlines of a plan due from `from` to `to` (inclusive, YYYY-MM-DD) whose covered year falls in
 * the plan's period; none for plans the Act does not govern.
 */
export function planDueDates(
  plan: Plan,
  from: string,
  to: string,
  calendar: LegalCalendar = DEFAULT_LEGAL_CALENDAR,
): LegalDeadline[] {
  if (!plan.legal_deadlines) return [];
  const out: LegalDeadline[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const d of legalDeadlines(y, calendar))
      if (
        d.due >= from &&
        d.due <= to &&
        d.covers_year >= plan.period.start_year &&
        d.covers_year <= plan.period.end_year
      )
        out.push(d);
  return out;
}
