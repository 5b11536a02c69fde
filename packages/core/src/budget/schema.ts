/**
 * The GHG-reduction budget (온실가스감축인지 예산): budget lines (one per fiscal year and 세부사업), their
 * climate class, expected reductions or emissions, and the settlement (결산) of each line.
 *
 * Conventions
 * - Money is in KRW (the canonical money unit), whole won; statements convert to 천원 or 백만원 at the edge.
 * - Reductions and emissions are tCO2e a year (CO2e is its own dimension).
 * - The class is stored on the canonical four-class scheme (Seoul's 감축/배출/혼합/중립); other schemes are
 *   views of it through a mapping (classes.ts).
 * - A missing figure is left out, never written as 0: a quantitative reduction line without an estimate is
 *   shown as "정성 (미산정)" (see `reductionOf`).
 * - Every line carries where it comes from: a source id or `illustrative: true`.
 */
import { z } from "zod";
import {
  ActionIdSchema,
  AgendaBudgetRowSchema,
  DateSchema,
  SourceIdSchema,
  YearSchema,
} from "../agenda/schema.ts";
import { KrSectorIdSchema } from "../vocabulary/schemas.ts";
import { LocalNameSchema, LocalTextSchema } from "../vocabulary/text.ts";

// the budget's texts are the vocabulary's local text (Korean; English where a translation exists)
export type { LocalText } from "../vocabulary/text.ts";
export { LocalTextSchema };

/** The canonical classes (Seoul's four; REPORTING.md §B.3). */
export const BUDGET_CLASSES = ["reduction", "emission", "mixed", "neutral"] as const;
export type BudgetClass = (typeof BUDGET_CLASSES)[number];

/** 회계: general account, special account, fund. */
export const ACCOUNTS = ["general", "special", "fund"] as const;
export type Account = (typeof ACCOUNTS)[number];

/** 감축유형 (the central government's types). */
export const REDUCTION_TYPES = ["quantitative", "qualitative", "rnd"] as const;
export type ReductionType = (typeof REDUCTION_TYPES)[number];

/** 감축부문: the plan's seven sectors plus 정책기반 (policy foundations: plans, training, monitoring). */
export const BudgetSectorSchema = z.union([KrSectorIdSchema, z.literal("policy_base")]);
export type BudgetSector = z.infer<typeof BudgetSectorSchema>;
export const POLICY_BASE_LABEL = { ko: "정책기반", en: "Policy foundations" } as const;

/** 사업비, 행정운영경비, 재무활동비: the scope rule may leave the last two out. */
export const COST_KINDS = ["project", "administrative", "financial"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * 예산과목 code: 분야-부문-정책사업-단위사업-세부사업. The first two segments are the 지방재정 functional
 * classification (three digits each, e.g. 120-123); the last three are the city's own codes.
 */
export const BUDGET_CODE_RE = /^(\d{3})-(\d{3})-([0-9A-Za-z]{1,12})-([0-9A-Za-z]{1,12})-([0-9A-Za-z]{1,12})$/;
export const BudgetCodeSchema = z
  .string()
  .regex(BUDGET_CODE_RE, "a budget code is 분야-부문-정책사업-단위사업-세부사업, e.g. 120-123-A01-B02-C03");

const Krw = z.number().int("an amount is whole won").min(0).max(Number.MAX_SAFE_INTEGER);
const Tco2e = z.number().finite();

const Provenance = {
  source: SourceIdSchema.optional(),
  illustrative: z.boolean().optional(),
  note: z.string().max(10_000).optional(),
};

/** How an expected or actual reduction was worked out (formula, activity, factor with its source, effect period). */
export const ReductionMethodSchema = z
  .object({
    formula: z.string().min(1).max(10_000),
    activity: z.string().min(1).max(10_000).optional(),
    factor: z.string().min(1).max(10_000).optional(),
    factor_source: z.string().min(1).max(10_000).optional(),
    /** Years the effect lasts (e.g. a retrofit's 20). */
    effect_years: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type ReductionMethod = z.infer<typeof ReductionMethodSchema>;

/**
 * The expected reduction of a line: its own estimate, or a share of its linked action's modelled reduction
 * (attribution.ts). `share` is the explicit share (0..1) when the tenant's rule is "explicit shares".
 */
export const ExpectedReductionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("own"), tco2e_per_year: Tco2e, method: ReductionMethodSchema }).strict(),
  z.object({ kind: z.literal("action"), share: z.number().min(0).max(1).optional() }).strict(),
  /**
   * A row standing for the projects not listed item by item: a sourced total for the year's reduction lines
   * less everything estimated on the other lines (at most one such row a year).
   */
  z
    .object({ kind: z.literal("remainder"), total_tco2e_per_year: Tco2e, method: ReductionMethodSchema })
    .strict(),
]);
export type ExpectedReduction = z.infer<typeof ExpectedReductionSchema>;

/**
 * A line's performance indicator (성과지표). Its name and unit are local names: Korean, with English where it
 * has been entered (an English statement marks a missing one, never shows the Korean as English).
 */
export const IndicatorTargetSchema = z
  .object({
    name: LocalNameSchema,
    unit: LocalNameSchema,
    target: z.number().finite(),
    /** Whether more (increase) or less (decrease) is better. */
    direction: z.enum(["increase", "decrease"]),
  })
  .strict();
export type IndicatorTarget = z.infer<typeof IndicatorTargetSchema>;

export const ReductionPartSchema = z
  .object({
    type: z.enum(REDUCTION_TYPES),
    sector: BudgetSectorSchema,
    /** Whether reduction is the project's aim (기후정책사업) or a side effect (부분감축사업; Gyeongnam's split). */
    aim: z.enum(["primary", "partial"]).optional(),
    indicator: IndicatorTargetSchema.optional(),
    expected: ExpectedReductionSchema.optional(),
  })
  .strict();
export type ReductionPart = z.infer<typeof ReductionPartSchema>;

/** For emission and mixed lines: the expected emissions and what is budgeted to reduce or offset them. */
export const EmissionPartSchema = z
  .object({
    tco2e_per_year: Tco2e.optional(),
    cause: z.string().min(1).max(10_000),
    mitigation: z.string().min(1).max(10_000).optional(),
    mitigation_krw: Krw.optional(),
    residual_tco2e_per_year: Tco2e.optional(),
  })
  .strict();
export type EmissionPart = z.infer<typeof EmissionPartSchema>;

export const BudgetLineSchema = z
  .object({
    year: YearSchema,
    code: BudgetCodeSchema,
    name: LocalTextSchema,
    /** 실국 and 부서 as the budget names them; `department_id` is the agenda's department (for the edit rule). */
    bureau: z.string().min(1).max(200),
    department: z.string().min(1).max(200),
    department_id: z.string().min(1).max(80).optional(),
    account: z.enum(ACCOUNTS),
    cost_kind: z.enum(COST_KINDS),
    amount: z
      .object({
        original_krw: Krw,
        supplementary_krw: Krw.optional(),
        final_krw: Krw.optional(),
      })
      .strict(),
    /** Last year's budget of the same project, when it existed. */
    last_year_krw: Krw.optional(),
    class: z.enum(BUDGET_CLASSES),
    class_reason: z.string().min(1).max(10_000),
    reduction: ReductionPartSchema.optional(),
    emission: EmissionPartSchema.optional(),
    /** The plan action the line funds. */
    action: ActionIdSchema.optional(),
    /**
     * The modelled action of the tenant's pathway instance the line's reduction comes from, where the plan
     * action has no model link of its own (e.g. the trees of a garden-city programme).
     */
    model: z
      .object({ scenario: z.string().min(1).max(80), action: z.string().min(1).max(80) })
      .strict()
      .optional(),
    /** The reason for the change on last year (continued, cut, new). */
    change_reason: z.string().min(1).max(10_000).optional(),
    /** A row that stands for several projects whose items are not published (a sourced aggregate). */
    aggregate_of: z.number().int().min(2).max(100_000).optional(),
    validation: z
      .object({ by: z.string().min(1).max(200), date: DateSchema })
      .strict()
      .optional(),
    /**
     * A line made from an agenda action's own budget row (decision 0058), with the row as it was. Its code,
     * bureau, account and class are placeholders the city replaces; it counts in the statements once its
     * class is validated (`validation`), and on the action's page from the start.
     */
    migrated: z
      .object({ from: z.literal("agenda"), action: ActionIdSchema, row: AgendaBudgetRowSchema })
      .strict()
      .optional(),
    ...Provenance,
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.source === undefined && l.illustrative !== true)
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: "a line needs a `source` or `illustrative: true`",
      });
    if (l.source !== undefined && l.illustrative === true)
      ctx.addIssue({
        code: "custom",
        path: ["illustrative"],
        message: "a line is sourced or illustrative, not both",
      });
    if (l.class === "reduction" && !l.reduction)
      ctx.addIssue({
        code: "custom",
        path: ["reduction"],
        message: "a reduction line needs its reduction type and sector",
      });
    if (l.class !== "reduction" && l.class !== "mixed" && l.reduction)
      ctx.addIssue({
        code: "custom",
        path: ["reduction"],
        message: `a ${l.class} line has no reduction part`,
      });
    if ((l.class === "emission" || l.class === "mixed") && !l.emission)
      ctx.addIssue({
        code: "custom",
        path: ["emission"],
        message: `a ${l.class} line needs the cause of its emissions (and its mitigation)`,
      });
    if (l.reduction?.expected?.kind === "action" && !l.action && !l.model)
      ctx.addIssue({
        code: "custom",
        path: ["reduction", "expected"],
        message: "a reduction taken from an action needs the linked action or modelled action",
      });
  });
export type BudgetLine = z.infer<typeof BudgetLineSchema>;
export type BudgetLineInput = z.input<typeof BudgetLineSchema>;

/** The settlement (결산) of one line. Not closed: the executions recorded so far, shown as provisional. */
export const SettlementSchema = z
  .object({
    year: YearSchema,
    code: BudgetCodeSchema,
    /** 예산현액: budget plus carried-in and transfers. */
    available_krw: Krw,
    executed_krw: Krw,
    carried_over_krw: Krw.optional(),
    unused_krw: Krw.optional(),
    indicator_result: z.number().finite().optional(),
    actual: z.object({ tco2e: Tco2e, method: ReductionMethodSchema }).strict().optional(),
    shortfall_reason: z.string().min(1).max(10_000).optional(),
    improvement: z.string().min(1).max(10_000).optional(),
    closed: z.boolean(),
    /** The date the executions are recorded to. */
    as_of: DateSchema,
    ...Provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.source === undefined && s.illustrative !== true)
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: "a settlement needs a `source` or `illustrative: true`",
      });
    if (s.executed_krw > s.available_krw)
      ctx.addIssue({
        code: "custom",
        path: ["executed_krw"],
        message: `executed ${s.executed_krw} is more than the ${s.available_krw} available`,
      });
    const rest = (s.carried_over_krw ?? 0) + (s.unused_krw ?? 0);
    if (
      s.closed &&
      (s.carried_over_krw !== undefined || s.unused_krw !== undefined) &&
      s.executed_krw + rest !== s.available_krw
    )
      ctx.addIssue({
        code: "custom",
        path: ["unused_krw"],
        message: `executed + carried over + unused (${s.executed_krw + rest}) differs from the ${s.available_krw} available`,
      });
  });
export type Settlement = z.infer<typeof SettlementSchema>;
export type SettlementInput = z.input<typeof SettlementSchema>;

/** How an action's reduction is split between the lines that fund it (attribution.ts). */
export const ATTRIBUTION_RULES = ["by_amount", "explicit_shares"] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** The city's settings for the budget (a tenant setting). */
export const BudgetSettingsSchema = z
  .object({
    /** The class scheme the statements use (classes.ts). */
    scheme: z.string().min(1).max(40),
    /** Lines whose amount is below this are out of scope (e.g. ₩100 million); none when absent. */
    min_amount_krw: Krw.optional(),
    excluded_cost_kinds: z.array(z.enum(COST_KINDS)),
    attribution: z.enum(ATTRIBUTION_RULES),
    /** The local ordinance or pilot the system rests on (the statement's legal basis). */
    legal_basis: LocalTextSchema,
    purpose: LocalTextSchema,
    /** The sources lines and settlements cite by id. */
    sources: z.array(
      z
        .object({
          id: SourceIdSchema,
          title: z.string().min(1).max(500),
          url: z.string().max(2000).optional(),
        })
        .strict(),
    ),
    ...Provenance,
  })
  .strict();
export type BudgetSettings = z.infer<typeof BudgetSettingsSchema>;

/** A year's budget: the lines of excluded projects' reasons, status and publication. */
export const BudgetYearSchema = z
  .object({
    year: YearSchema,
    /** 본예산 adopted, or still a draft. */
    stage: z.enum(["draft", "adopted"]),
    published: z.boolean(),
    /** Reasons for last year's statement lines that are not in this year's statement, by code. */
    exclusions: z.array(z.object({ code: BudgetCodeSchema, reason: z.string().min(1).max(10_000) }).strict()),
  })
  .strict();
export type BudgetYear = z.infer<typeof BudgetYearSchema>;
