/**
 * The forms of the implementation report and the budget in the workspace (react-hook-form through
 * zodResolver): strings as typed, each rule the core's (dates, lengths, codes), messages translation keys.
 * What a form sends is checked once more by the core's schema on the server.
 */
import { BUDGET_CODE_RE } from "@citypath/core/budget/schema";
import { z } from "zod";
import { date, optionalDate, optionalText, required, text } from "./form-schemas.ts";

/** A Korean text with its optional English: English alone is refused (Korean first). */
function koFirst(v: { ko: string; en: string }, ctx: z.RefinementCtx, path: string): void {
  if (v.ko.trim() === "" && v.en.trim() !== "")
    ctx.addIssue({ code: "custom", path: [`${path}_ko`], message: "rp.err.koFirst" });
}

export const measureForm = z
  .object({
    achievements_ko: optionalText,
    achievements_en: optionalText,
    delay_ko: optionalText,
    delay_en: optionalText,
    improvement_ko: optionalText,
    improvement_en: optionalText,
    /** One document, link or file name a line. */
    evidence: z
      .string()
      .refine((v) => v.split("\n").filter((l) => l.trim()).length <= 20, "rp.err.evidenceCount")
      .refine((v) => v.split("\n").every((l) => l.length <= 200), "wk.err.tooLong"),
    complete: z.boolean(),
  })
  .superRefine((v, ctx) => {
    koFirst({ ko: v.achievements_ko, en: v.achievements_en }, ctx, "achievements");
    koFirst({ ko: v.delay_ko, en: v.delay_en }, ctx, "delay");
    koFirst({ ko: v.improvement_ko, en: v.improvement_en }, ctx, "improvement");
  });
export type MeasureForm = z.infer<typeof measureForm>;

/** A Korean text and its optional English as the core stores it (absent when nothing was typed). */
export function localText(ko: string, en: string): { ko: string; en?: string } | undefined {
  if (ko.trim() === "") return undefined;
  return en.trim() ? { ko: ko.trim(), en: en.trim() } : { ko: ko.trim() };
}

/** The stage change's record: the committee's date and decision, the submission date, the council's date. */
export const stageChangeForm = z.object({
  date,
  decision: z.enum(["original", "amended"]),
  opinions_ko: optionalText,
  opinions_en: optionalText,
});
export type StageChangeForm = z.infer<typeof stageChangeForm>;

/** The admins' part of a draft: best practices (a line each, English lines in the same order), texts. */
export const entriesForm = z
  .object({
    best_ko: optionalText,
    best_en: optionalText,
    governance_ko: optionalText,
    governance_en: optionalText,
    links_ko: optionalText,
    links_en: optionalText,
    plan_changes_ko: optionalText,
    plan_changes_en: optionalText,
  })
  .superRefine((v, ctx) => {
    const ko = lines(v.best_ko);
    const en = lines(v.best_en);
    if (en.length > 0 && en.length !== ko.length)
      ctx.addIssue({ code: "custom", path: ["best_en"], message: "rp.err.bestLines" });
    if (ko.length > 50) ctx.addIssue({ code: "custom", path: ["best_ko"], message: "rp.err.bestCount" });
    koFirst({ ko: v.governance_ko, en: v.governance_en }, ctx, "governance");
    koFirst({ ko: v.links_ko, en: v.links_en }, ctx, "links");
    koFirst({ ko: v.plan_changes_ko, en: v.plan_changes_en }, ctx, "plan_changes");
  });
export type EntriesForm = z.infer<typeof entriesForm>;

/** The non-blank lines of a text, trimmed. */
export const lines = (v: string): string[] =>
  v
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export const reopenForm = z.object({ reason: text });
export type ReopenForm = z.infer<typeof reopenForm>;

export const newReportForm = z.object({
  plan: required,
  year: z
    .string()
    .trim()
    .regex(/^(19|20|21)\d\d$/, "wk.err.year"),
});
export type NewReportForm = z.infer<typeof newReportForm>;

const optionalNumber = z
  .string()
  .trim()
  .refine((v) => v === "" || Number.isFinite(Number(v.replaceAll(",", ""))), "wk.err.number");
const optionalWon = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d+$/.test(v.replaceAll(",", "")), "rp.err.won");

/** A budget line's form: the classification and its reasons (the amounts and code are the import's). */
export const budgetLineForm = z
  .object({
    code: z.string().trim().regex(BUDGET_CODE_RE, "rp.err.code"),
    name_ko: required,
    name_en: optionalText,
    bureau: required,
    department: required,
    /** The register's department (decision 0095): a line stored without one waits for an admin's choice. */
    department_id: z.string().min(1, "rp.err.department"),
    account: z.enum(["general", "special", "fund"]),
    cost_kind: z.enum(["project", "administrative", "financial"]),
    original_krw: z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v.replaceAll(",", "")), "rp.err.won"),
    final_krw: optionalWon,
    class: z.enum(["reduction", "emission", "mixed", "neutral"]),
    class_reason: text,
    reduction_type: z.enum(["", "quantitative", "qualitative", "rnd"]),
    sector: z.string(),
    action: z.string(),
    indicator: optionalText,
    indicator_en: optionalText,
    indicator_unit: optionalText,
    indicator_unit_en: optionalText,
    indicator_target: optionalNumber,
    indicator_direction: z.enum(["increase", "decrease"]),
    expected_kind: z.enum(["", "own", "action", "remainder"]),
    expected_tco2e: optionalNumber,
    formula: optionalText,
    activity: optionalText,
    factor: optionalText,
    factor_source: optionalText,
    effect_years: z
      .string()
      .trim()
      .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100), "rp.err.years"),
    emission_cause: optionalText,
    mitigation: optionalText,
    validated_by: optionalText,
    validated_on: optionalDate,
  })
  .superRefine((v, ctx) => {
    const need = (ok: boolean, field: string, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (v.class === "reduction" || (v.class === "mixed" && v.reduction_type !== "")) {
      need(v.reduction_type !== "", "reduction_type", "rp.err.reductionType");
      need(v.sector !== "", "sector", "rp.err.sector");
    }
    if (v.class === "emission" || v.class === "mixed")
      need(v.emission_cause.trim() !== "", "emission_cause", "rp.err.cause");
    if (v.expected_kind === "own") {
      need(v.expected_tco2e !== "", "expected_tco2e", "rp.err.expected");
      need(v.formula.trim() !== "", "formula", "rp.err.formula");
    }
    if (v.expected_kind === "action") need(v.action !== "", "action", "rp.err.action");
    // the English is optional, but not without the Korean it translates
    if (v.indicator_en.trim() !== "" || v.indicator_unit_en.trim() !== "")
      need(v.indicator.trim() !== "", "indicator", "wk.err.required");
    if (v.indicator.trim() !== "") {
      need(v.indicator_unit.trim() !== "", "indicator_unit", "wk.err.required");
      need(v.indicator_target !== "", "indicator_target", "wk.err.required");
    }
    need(
      (v.validated_by.trim() === "") === (v.validated_on === ""),
      v.validated_by.trim() === "" ? "validated_by" : "validated_on",
      "rp.err.validation",
    );
  });
export type BudgetLineForm = z.infer<typeof budgetLineForm>;

/** A number as typed ("1,234.5") as a number. */
export const num = (v: string): number => Number(v.replaceAll(",", ""));

/** A line's settlement (결산): the money, the indicator's result, the actual reduction with its method. */
export const settlementForm = z
  .object({
    available_krw: z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v.replaceAll(",", "")), "rp.err.won"),
    executed_krw: z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v.replaceAll(",", "")), "rp.err.won"),
    carried_over_krw: optionalWon,
    unused_krw: optionalWon,
    indicator_result: optionalNumber,
    actual_tco2e: optionalNumber,
    actual_formula: optionalText,
    actual_factor: optionalText,
    actual_factor_source: optionalText,
    shortfall_reason: optionalText,
    improvement: optionalText,
    closed: z.boolean(),
    as_of: date,
    source: z.string().trim().max(80, "wk.err.tooLong"),
    illustrative: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const won = (x: string) => (x === "" ? 0 : num(x));
    if (/^\d+$/.test(v.executed_krw.replaceAll(",", "")) && won(v.executed_krw) > won(v.available_krw))
      add("executed_krw", "rp.err.overspent");
    if (
      v.closed &&
      (v.carried_over_krw !== "" || v.unused_krw !== "") &&
      won(v.executed_krw) + won(v.carried_over_krw) + won(v.unused_krw) !== won(v.available_krw)
    )
      add("unused_krw", "rp.err.sum");
    if (v.actual_tco2e !== "" && v.actual_formula.trim() === "") add("actual_formula", "rp.err.formula");
    if ((v.source === "") === !v.illustrative) add("source", "rp.err.provenance");
  });
export type SettlementForm = z.infer<typeof settlementForm>;

/** V-1: the action plan for a lagging measure (one per measure; saving again replaces it). */
export const followUpForm = z
  .object({
    action: required,
    cause_ko: text,
    cause_en: optionalText,
    plan_ko: text,
    plan_en: optionalText,
    due: optionalDate,
    owner: z.string().max(200, "wk.err.tooLong"),
  })
  .superRefine((v, ctx) => {
    koFirst({ ko: v.cause_ko, en: v.cause_en }, ctx, "cause");
    koFirst({ ko: v.plan_ko, en: v.plan_en }, ctx, "plan");
  });
export type FollowUpForm = z.infer<typeof followUpForm>;

/** V-2: an earlier improvement opinion, its source, whether reflected and the written reason where not. */
export const opinionForm = z
  .object({
    source: z.enum(["committee", "national", "council"]),
    year: z.string().regex(/^(20\d\d|2100)$/, "rp.err.year"),
    opinion_ko: text,
    opinion_en: optionalText,
    reflected: z.enum(["yes", "partly", "no"]),
    reason_ko: optionalText,
    reason_en: optionalText,
  })
  .superRefine((v, ctx) => {
    koFirst({ ko: v.opinion_ko, en: v.opinion_en }, ctx, "opinion");
    koFirst({ ko: v.reason_ko, en: v.reason_en }, ctx, "reason");
    // Decree Art. 4(7): an opinion not (fully) reflected carries the written reason
    if (v.reflected !== "yes" && v.reason_ko.trim() === "")
      ctx.addIssue({ code: "custom", path: ["reason_ko"], message: "rp.err.reasonNeeded" });
  });
export type OpinionForm = z.infer<typeof opinionForm>;

/** A draft report put to consultation: the answering department, and a closing day after today. */
export const consultForm = z
  .object({ department: required, closes_on: date })
  .refine((v) => v.closes_on > new Date().toISOString().slice(0, 10), {
    path: ["closes_on"],
    message: "rp.err.closesAfterToday",
  });
export type ConsultForm = z.infer<typeof consultForm>;
