/**
 * Achievement, budget execution, grades and status of one measure of the yearly implementation report
 * (이행점검 결과보고서).
 *
 * - Achievement (달성률): for an indicator whose goal is an increase, result / target; for a decrease, the
 *   share of the planned decrease achieved, (baseline − result) / (baseline − target). Both are fractions
 *   (1 = 100 %) and are not capped: a measure that beats its target shows more than 100 %.
 * - Execution (집행률): executed / available (예산현액), from the settlement where it is closed, else from the
 *   executions recorded so far (provisional).
 * - Grades: 매우우수 / 우수 / 보통 / 미흡 / 미추진, with qualitative measures counted apart (정성). The rule is
 *   Chungnam's (an achievement grade and a budget-execution grade, the measure taking the lower); the cut-offs
 *   are an assumption (no published threshold was found), configurable per tenant (setting
 *   `report.grading`), and every output says so.
 * - Status: normal (정상), completed (완료), delayed (지연), lagging (부진), not started (미추진).
 */
import { z } from "zod";
import { type Text, TextSchema } from "../vocabulary/text.ts";

export const GRADES = ["excellent", "good", "fair", "poor", "not_pursued"] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Readonly<Record<Grade, Text>> = {
  excellent: { ko: "매우우수", en: "Excellent" },
  good: { ko: "우수", en: "Good" },
  fair: { ko: "보통", en: "Fair" },
  poor: { ko: "미흡", en: "Poor" },
  not_pursued: { ko: "미추진", en: "Not pursued" },
};
export const QUALITATIVE_LABEL: Text = { ko: "정성평가", en: "Qualitative" };

export const REPORT_STATUSES = ["normal", "completed", "delayed", "lagging", "not_started"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, Text>> = {
  normal: { ko: "정상", en: "Normal" },
  completed: { ko: "완료", en: "Completed" },
  delayed: { ko: "지연", en: "Delayed" },
  lagging: { ko: "부진", en: "Lagging" },
  not_started: { ko: "미추진", en: "Not started" },
};

const Fraction = z.number().finite().min(0).max(10);
/** The lowest value (a fraction, 1 = 100 %) of each grade; below `fair` is 미흡. */
export const CutOffsSchema = z
  .object({ excellent: Fraction, good: Fraction, fair: Fraction })
  .strict()
  .refine((c) => c.excellent > c.good && c.good > c.fair, {
    message: "cut-offs go down: excellent > good > fair",
  });
export type CutOffs = z.infer<typeof CutOffsSchema>;

export const GradingRulesSchema = z
  .object({
    achievement: CutOffsSchema,
    execution: CutOffsSchema,
    /** An action in progress whose achievement is below this is lagging (부진). */
    lagging_below: Fraction,
    /** True while the cut-offs are not from an official guideline: every output then says so. */
    assumption: z.boolean(),
    note: TextSchema,
  })
  .strict();
export type GradingRules = z.infer<typeof GradingRulesSchema>;

/**
 * The default rule: achievement ≥ 100 % 매우우수, ≥ 90 % 우수, ≥ 70 % 보통, below 70 % 미흡; execution ≥ 90 %
 * 매우우수, ≥ 80 % 우수, ≥ 60 % 보통, below 60 % 미흡; lagging below 70 % achievement. An assumption.
 */
export const DEFAULT_GRADING: GradingRules = {
  achievement: { excellent: 1, good: 0.9, fair: 0.7 },
  execution: { excellent: 0.9, good: 0.8, fair: 0.6 },
  lagging_below: 0.7,
  assumption: true,
  note: {
    ko: "등급 기준(달성률 100%·90%·70%, 집행률 90%·80%·60%)은 공표된 기준을 찾지 못해 충청남도 적응대책 평가 방식(목표달성 등급과 예산집행 등급 중 낮은 등급)을 따라 정한 가정값이며, 설정에서 바꿀 수 있습니다.",
    en: "The grade cut-offs (achievement 100 %, 90 %, 70 %; execution 90 %, 80 %, 60 %) are an assumption: no published threshold was found, so they follow Chungnam's adaptation evaluation (the lower of an achievement grade and a budget-execution grade) and can be changed in the settings.",
  },
};

/** A ratio's grade on a set of cut-offs. */
export function gradeOf(value: number, cut: CutOffs): Exclude<Grade, "not_pursued"> {
  if (value >= cut.excellent) return "excellent";
  if (value >= cut.good) return "good";
  if (value >= cut.fair) return "fair";
  return "poor";
}

const RANK: Record<Grade, number> = { excellent: 0, good: 1, fair: 2, poor: 3, not_pursued: 4 };
/** The lower (worse) of two grades. */
export const lowerGrade = (a: Grade, b: Grade): Grade => (RANK[a] >= RANK[b] ? a : b);

export type AchievementResult =
  | { readonly ok: true; readonly value: number; readonly formula: string }
  | { readonly ok: false; readonly reason: Text };

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });

/**
 * The achievement of an indicator in a year. An increase: result / target (target above 0). A decrease:
 * (baseline − result) / (baseline − target), which needs a baseline above the target. Without a result,
 * a target or (for a decrease) a baseline there is no achievement, and the reason says which is missing.
 */
export function achievement(input: {
  readonly direction: "increase" | "decrease";
  readonly target: number | undefined;
  readonly result: number | undefined;
  readonly baseline?: number | undefined;
}): AchievementResult {
  const { direction, target, result, baseline } = input;
  if (target === undefined) return { ok: false, reason: { ko: "목표 없음", en: "no target" } };
  if (result === undefined) return { ok: false, reason: { ko: "실적 없음", en: "no result" } };
  if (direction === "increase") {
    if (!(target > 0))
      return { ok: false, reason: { ko: "목표가 0 이하", en: "the target is not above zero" } };
    return { ok: true, value: result / target, formula: `${fmt(result)} / ${fmt(target)}` };
  }
  if (baseline === undefined)
    return {
      ok: false,
      reason: { ko: "감소 목표의 기준값 없음", en: "no baseline for a decrease goal" },
    };
  if (!(baseline > target))
    return {
      ok: false,
      reason: {
        ko: "감소 목표가 기준값보다 낮지 않음",
        en: "the decrease goal is not below its baseline",
      },
    };
  return {
    ok: true,
    value: (baseline - result) / (baseline - target),
    formula: `(${fmt(baseline)} − ${fmt(result)}) / (${fmt(baseline)} − ${fmt(target)})`,
  };
}

/** Executed / available; undefined when nothing was available (no budget). */
export function executionRateOf(available: number, executed: number): number | undefined {
  return available > 0 ? executed / available : undefined;
}

export interface MeasureGrade {
  /** The grade, `qualitative` (counted apart) or `ungraded` (a quantitative measure with no achievement). */
  readonly grade: Grade | "qualitative" | "ungraded";
  readonly achievement_grade?: Grade;
  readonly execution_grade?: Grade;
  /** How it was graded. */
  readonly basis: "qualitative" | "not_started" | "achievement_and_execution" | "achievement_only" | "none";
}

/**
 * A measure's grade: qualitative measures are not graded; a measure not started is 미추진; otherwise the
 * lower of the achievement grade and the execution grade, or the achievement grade alone when the measure
 * has no budget. A quantitative measure without an achievement is `ungraded`, never given a grade.
 */
export function gradeMeasure(
  m: {
    readonly quantitative: boolean;
    readonly status: ReportStatus;
    readonly achievement: number | undefined;
    readonly execution: number | undefined;
  },
  rules: GradingRules = DEFAULT_GRADING,
): MeasureGrade {
  if (!m.quantitative) return { grade: "qualitative", basis: "qualitative" };
  if (m.status === "not_started") return { grade: "not_pursued", basis: "not_started" };
  if (m.achievement === undefined) return { grade: "ungraded", basis: "none" };
  const a = gradeOf(m.achievement, rules.achievement);
  if (m.execution === undefined) return { grade: a, achievement_grade: a, basis: "achievement_only" };
  const e = gradeOf(m.execution, rules.execution);
  return {
    grade: lowerGrade(a, e),
    achievement_grade: a,
    execution_grade: e,
    basis: "achievement_and_execution",
  };
}

/**
 * The report status of a measure from its agenda status and achievement: completed stays completed; a
 * measure not started or cancelled is not started; delayed stays delayed; one in progress whose achievement
 * is below `lagging_below` is lagging, else normal.
 */
export function reportStatus(
  agendaStatus: "not_started" | "in_progress" | "delayed" | "completed" | "cancelled",
  achievementValue: number | undefined,
  rules: GradingRules = DEFAULT_GRADING,
): ReportStatus {
  switch (agendaStatus) {
    case "completed":
      return "completed";
    case "not_started":
    case "cancelled":
      return "not_started";
    case "delayed":
      return "delayed";
    case "in_progress":
      return achievementValue !== undefined && achievementValue < rules.lagging_below ? "lagging" : "normal";
  }
}
