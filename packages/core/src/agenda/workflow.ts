/**
 * A plan's workflow (draft -> committee deliberation -> reported to the council -> published) and the
 * legal deadlines of the Carbon Neutrality Framework Act that fall on a 시·군·구 every year.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { PROVENANCE_BOTH, PROVENANCE_MISSING } from "../vocabulary/provenance.ts";
import type { Text } from "../vocabulary/text.ts";
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

export type LegalDeadlineKind = "implementation_report" | "public_sector_target" | "public_sector_results";

export interface LegalDeadline {
  readonly kind: LegalDeadlineKind;
  /** The day it is due, YYYY-MM-DD. */
  readonly due: string;
  /** The year the report or target covers. */
  readonly covers_year: number;
  readonly title: Text;
  readonly law: string;
}

/**
 * The deadlines falling in calendar year `year`:
 * - 31 March: results of the city's own-operations (public-sector) target for the previous year (Act Art. 26;
 *   Decree Art. 17);
 * - 31 May: the annual implementation check of the basic plan for the previous year, deliberated by the
 *   local committee and submitted to the minister and the 시·도지사 (Act Art. 13(2); Decree Art. 8);
 * - 31 December: the city's own-operations target for the next year (Act Art. 26; Decree Art. 17).
 */
export function legalDeadlines(year: number): LegalDeadline[] {
  return [
    {
      kind: "public_sector_results",
      due: `${year}-03-31`,
      covers_year: year - 1,
      title: {
        ko: `${year - 1}년 공공부문 온실가스 감축 실적 제출`,
        en: `Submit the ${year - 1} public-sector emission-reduction results`,
      },
      law: "탄소중립기본법 제26조, 시행령 제17조",
    },
    {
      kind: "implementation_report",
      due: `${year}-05-31`,
      covers_year: year - 1,
      title: {
        ko: `${year - 1}년 기본계획 이행점검 결과보고서 제출`,
        en: `Submit the ${year - 1} implementation check of the basic plan`,
      },
      law: "탄소중립기본법 제13조제2항, 시행령 제8조",
    },
    {
      kind: "public_sector_target",
      due: `${year}-12-31`,
      covers_year: year + 1,
      title: {
        ko: `${year + 1}년 공공부문 온실가스 감축 목표 설정`,
        en: `Set the ${year + 1} public-sector emission-reduction target`,
      },
      law: "탄소중립기본법 제26조, 시행령 제17조",
    },
  ];
}

/**
 * The legal deadlines of a plan due from `from` to `to` (inclusive, YYYY-MM-DD) whose covered year falls in
 * the plan's period; none for plans the Act does not govern.
 */
export function planDueDates(plan: Plan, from: string, to: string): LegalDeadline[] {
  if (!plan.legal_deadlines) return [];
  const out: LegalDeadline[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const d of legalDeadlines(y))
      if (
        d.due >= from &&
        d.due <= to &&
        d.covers_year >= plan.period.start_year &&
        d.covers_year <= plan.period.end_year
      )
        out.push(d);
  return out;
}
