/**
 * The agenda's data model: plans, actions, tasks, milestones, indicators and progress. Every record is a
 * plain, JSON-serialisable object validated by a zod schema, so storage and the API take it as it is.
 *
 * Conventions
 * - Texts are `{ ko, en }`: Korean is the default language, English is complete (both required).
 * - Dates are ISO strings: `YYYY-MM-DD` where the day is known, `YYYY-MM` or `YYYY` where a source gives
 *   only the month or year (`PartialDate`). Years are integers.
 * - Money is in KRW (the canonical money unit); the price year is the year of the budget line.
 * - Every figure (an indicator's goal or observed value, a budget line, a status change) carries where it
 *   comes from: a source id (see `Source`) or `illustrative: true`. A value with neither is rejected: a
 *   missing value is left out, never filled with zero.
 * - Ids are branded (`ActionId`, `IndicatorId`, ...) and follow `ID_PATTERN`.
 */
import { z } from "zod";
import { CalendarDateSchema, StoredNameSchema, StoredTextSchema } from "../vocabulary/boundary.ts";
import {
  type ActionId,
  brandedString,
  type CategoryId,
  type DepartmentId,
  type IndicatorId,
  idSchema,
  type MilestoneId,
  type PlanId,
  type PolicyAreaId,
  type ProgressUpdateId,
  type ScenarioId,
  type SourceId,
  type TaskId,
  type UserId,
} from "../vocabulary/ids.ts";
import { provenanceFields, requireProvenance } from "../vocabulary/provenance.ts";
import { AgendaStatusSchema, KrSectorIdSchema } from "../vocabulary/schemas.ts";
import { LocalNameSchema, NameSchema, TextSchema } from "../vocabulary/text.ts";

export const ActionIdSchema = idSchema<ActionId>();
export const IndicatorIdSchema = idSchema<IndicatorId>();
export const PlanIdSchema = idSchema<PlanId>();
export const ScenarioIdSchema = idSchema<ScenarioId>();
export const TaskIdSchema = idSchema<TaskId>();
export const MilestoneIdSchema = idSchema<MilestoneId>();
export const ProgressUpdateIdSchema = idSchema<ProgressUpdateId>();
export const DepartmentIdSchema = idSchema<DepartmentId>();
export const CategoryIdSchema = idSchema<CategoryId>();
export const PolicyAreaIdSchema = idSchema<PolicyAreaId>();
export const SourceIdSchema = idSchema<SourceId>();
/** User ids come from the accounts layer and are not restricted to `ID_PATTERN`. */
export const UserIdSchema = brandedString<UserId>(StoredNameSchema.min(1));

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const PARTIAL_DATE_RE = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const DateSchema = CalendarDateSchema;
/** A day, month or year as precise as the source: `YYYY-MM-DD` (a day that exists), `YYYY-MM` or `YYYY`. */
export const PartialDateSchema = z
  .string()
  .refine(
    (s) => PARTIAL_DATE_RE.test(s) || CalendarDateSchema.safeParse(s).success,
    "a date is written YYYY-MM-DD, YYYY-MM or YYYY, and is a day that exists",
  );
export type IsoDate = z.infer<typeof DateSchema>;
export type PartialDate = z.infer<typeof PartialDateSchema>;

export const YearSchema = z.number().int().min(1900).max(2100);

/** Where a document or figure comes from. Registered once per tenant and cited by id. */
export const SourceSchema = z
  .object({
    id: SourceIdSchema,
    title: StoredNameSchema.min(1),
    publisher: StoredNameSchema.min(1).optional(),
    /** A web address or a document reference (e.g. a statute's article). */
    ref: StoredTextSchema.min(1),
    /** Publication date, as precise as known. */
    published: PartialDateSchema.optional(),
    note: StoredTextSchema.optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/**
 * Where one figure or statement comes from. Either `source` (a registered source id) or
 * `illustrative: true`; `derivation` writes out the arithmetic when the figure is calculated from sourced
 * ones; `needs_verification` marks what a press report states and a primary source should confirm.
 */
export const ProvenanceFields = {
  ...provenanceFields(SourceIdSchema),
  derivation: StoredTextSchema.min(1).optional(),
  needs_verification: z.boolean().optional(),
} as const;

// ---------------------------------------------------------------------------------------------------------
// Organisation

/**
 * A department of the city, the one register of them (decision 0083): memberships, model owners, actions,
 * plans, indicators, consultations and budget lines name a department by its `id`, which never changes; its
 * name is Korean with English where entered, so renaming it (either language) breaks no reference. A
 * department the city's admins enter in the workspace cites the city's own register (`CITY_REGISTER_SOURCE`).
 */
export const DepartmentSchema = z
  .object({
    id: DepartmentIdSchema,
    name: LocalNameSchema,
    /** The bureau or office it belongs to, when known. */
    parent: DepartmentIdSchema.optional(),
    /** Where the name is documented; a name with no source must be marked illustrative. */
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type Department = z.infer<typeof DepartmentSchema>;

/**
 * The source a department entered by the city's admins cites: the city's own register of its departments
 * (the workspace's department page). Added to the tenant's sources the first time it is needed.
 */
export const CITY_REGISTER_SOURCE = "city-department-register" as SourceId;
export const cityRegisterSource = (): Source => ({
  id: CITY_REGISTER_SOURCE,
  title: "담당 부서 등록부 (City department register)",
  ref: "The city's own register of its departments, kept by its administrators in the staff workspace.",
});

export const ContactSchema = z
  .object({
    name: StoredNameSchema.min(1),
    role: TextSchema.optional(),
    department: DepartmentIdSchema.optional(),
    email: z.string().email().optional(),
    phone: StoredNameSchema.min(1).optional(),
    user: UserIdSchema.optional(),
  })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;

export const PARTNER_KINDS = [
  "company",
  "university",
  "research_institute",
  "public_agency",
  "government",
  "civil_society",
  "other",
] as const;
export const PartnerSchema = z
  .object({
    name: NameSchema,
    kind: z.enum(PARTNER_KINDS),
    role: TextSchema.optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type Partner = z.infer<typeof PartnerSchema>;

// ---------------------------------------------------------------------------------------------------------
// Categories

/**
 * Kinds of category an action may belong to (several at once):
 * - `sector`: the 7 sectors of the Korean 시·군·구 carbon-neutral basic plan (vocabulary/sectors.ts);
 * - `priority_policy`, `project`, `livelihood`: the groups of the administration's direction;
 * - `response`: mitigation or adaptation;
 * - `theme`: anything else a city names.
 */
export const CATEGORY_KINDS = [
  "sector",
  "priority_policy",
  "project",
  "livelihood",
  "response",
  "theme",
] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

export const RESPONSES = ["mitigation", "adaptation"] as const;
export type ClimateResponse = (typeof RESPONSES)[number];

export const CategorySchema = z
  .object({
    id: CategoryIdSchema,
    kind: z.enum(CATEGORY_KINDS),
    name: NameSchema,
    description: TextSchema.optional(),
    /** For `sector` categories: which of the 7 plan sectors. */
    sector: KrSectorIdSchema.optional(),
    /** For `response` categories. */
    response: z.enum(RESPONSES).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === "sector" && c.sector === undefined)
      ctx.addIssue({ code: "custom", path: ["sector"], message: "a sector category names its plan sector" });
    if (c.kind === "response" && c.response === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["response"],
        message: "a response category is mitigation or adaptation",
      });
  });
export type Category = z.infer<typeof CategorySchema>;

// ---------------------------------------------------------------------------------------------------------
// Indicators

/**
 * What an indicator measures. Emissions are one kind among others: the outcomes a city promises (jobs,
 * partners, tourists, trees, riders, books lent, sites, vaccination, sales, people supported) are
 * first-class, and adaptation has risk and vulnerability indicators of its own.
 */
export const INDICATOR_KINDS = [
  "emissions",
  "outcome",
  "activity",
  "output",
  "risk",
  "vulnerability",
  "finance",
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const GoalSchema = z
  .object({
    year: YearSchema,
    value: z.number().finite(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type Goal = z.infer<typeof GoalSchema>;

export const ObservationSchema = z
  .object({
    year: YearSchema,
    value: z.number().finite(),
    /** A district or other area inside the city; absent for the whole city. */
    district: StoredNameSchema.min(1).optional(),
    /** Who reported the value (a department), and when. */
    reported_by: DepartmentIdSchema.optional(),
    reported_on: DateSchema.optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type Observation = z.infer<typeof ObservationSchema>;
export type ObservationInput = z.input<typeof ObservationSchema>;

export const IndicatorSchema = z
  .object({
    id: IndicatorIdSchema,
    name: NameSchema,
    description: TextSchema.optional(),
    kind: z.enum(INDICATOR_KINDS),
    /** A unit symbol; `count` for numbers of things, `%` for shares. */
    unit: StoredNameSchema.min(1),
    /** The unit as shown to people, e.g. `{ ko: "명/일", en: "riders per day" }`. */
    unit_label: NameSchema,
    /** Which way is better. */
    direction: z.enum(["increase", "decrease"]),
    /** `cumulative` values add up over the years (trees planted to date); `annual` are per year. */
    aggregation: z.enum(["annual", "cumulative", "level"]),
    goals: z.array(GoalSchema),
    observed: z.array(ObservationSchema),
    /** A target a source names without a year (e.g. "ten million visitors"). */
    headline_target: z
      .object({ value: z.number().finite(), text: TextSchema, ...ProvenanceFields })
      .strict()
      .superRefine(requireProvenance)
      .optional(),
    /** Where values come from (statistics office, the department's own records...). */
    data_source: TextSchema.optional(),
    /** The department that reports the values. */
    reporter: DepartmentIdSchema.optional(),
    sources: z.array(SourceIdSchema).optional(),
    note: TextSchema.optional(),
  })
  .strict()
  .superRefine((ind, ctx) => {
    const seenGoal = new Set<number>();
    ind.goals.forEach((g, i) => {
      if (seenGoal.has(g.year))
        ctx.addIssue({ code: "custom", path: ["goals", i, "year"], message: `two goals for ${g.year}` });
      seenGoal.add(g.year);
    });
    const seenObs = new Set<string>();
    ind.observed.forEach((o, i) => {
      const key = `${o.year}|${o.district ?? ""}`;
      if (seenObs.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["observed", i, "year"],
          message: `two observed values for ${o.year}${o.district ? ` in ${o.district}` : ""}`,
        });
      seenObs.add(key);
    });
  });
export type Indicator = z.infer<typeof IndicatorSchema>;

// ---------------------------------------------------------------------------------------------------------
// Actions

export const IMPLEMENTATION_PHASES = [
  "planning",
  "design",
  "procurement",
  "construction",
  "operation",
  "evaluation",
  "closed",
] as const;
export type ImplementationPhase = (typeof IMPLEMENTATION_PHASES)[number];

/** One change of status, with its reason. The last entry is the action's current status. */
export const StatusChangeSchema = z
  .object({
    status: AgendaStatusSchema,
    /** When the status took effect, as precise as the source. */
    date: PartialDateSchema,
    reason: TextSchema,
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type StatusChange = z.infer<typeof StatusChangeSchema>;
export type StatusChangeInput = z.input<typeof StatusChangeSchema>;

export const TaskSchema = z
  .object({
    id: TaskIdSchema,
    name: NameSchema,
    department: DepartmentIdSchema.optional(),
    due: DateSchema.optional(),
    /** The day it was done; absent while open. */
    done_on: DateSchema.optional(),
    ...ProvenanceFields,
  })
  .strict();
export type Task = z.infer<typeof TaskSchema>;

export const MilestoneSchema = z
  .object({
    id: MilestoneIdSchema,
    name: NameSchema,
    /** Target date, as precise as the plan states it. */
    target: PartialDateSchema.optional(),
    /** When it was reached; absent while not reached. */
    reached_on: PartialDateSchema.optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type Milestone = z.infer<typeof MilestoneSchema>;

export const EvidenceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: StoredTextSchema.min(1) }).strict(),
  z.object({ kind: z.literal("link"), url: z.string().url(), title: StoredNameSchema.optional() }).strict(),
  z
    .object({
      kind: z.literal("file"),
      name: StoredNameSchema.min(1),
      /** Storage key of the uploaded file; the storage layer resolves it. */
      key: StoredNameSchema.min(1),
      media_type: StoredNameSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal("source"), source: SourceIdSchema }).strict(),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ProgressUpdateSchema = z
  .object({
    id: ProgressUpdateIdSchema,
    date: DateSchema,
    /** A signed-in user, or a name for updates imported from documents. */
    author: z.union([
      z.object({ user: UserIdSchema }).strict(),
      z.object({ name: StoredNameSchema.min(1) }).strict(),
    ]),
    text: TextSchema,
    completion_pct: z.number().min(0).max(100).optional(),
    evidence: z.array(EvidenceSchema),
  })
  .strict();
export type ProgressUpdate = z.infer<typeof ProgressUpdateSchema>;
export type ProgressUpdateInput = z.input<typeof ProgressUpdateSchema>;

/**
 * A per-action budget row as the agenda stored it before the GHG-reduction budget's lines became the one
 * source of money (decision 0058): migration 0026 and the reading of older tenant exports turn each into a
 * budget line (core/budget/migrated.ts), which keeps the row as it was.
 */
export const AgendaBudgetRowSchema = z
  .object({
    year: YearSchema,
    planned_krw: z.number().finite().nonnegative().optional(),
    spent_krw: z.number().finite().nonnegative().optional(),
    /** Who pays: city, national, province, private... */
    funder: StoredNameSchema.min(1).optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance)
  .superRefine((b, ctx) => {
    if (b.planned_krw === undefined && b.spent_krw === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["planned_krw"],
        message: "a budget line has a planned or spent amount",
      });
  });
export type AgendaBudgetRow = z.infer<typeof AgendaBudgetRowSchema>;

/** A total budget a source states without a split by year. */
export const BudgetTotalSchema = z
  .object({
    amount_krw: z.number().finite().nonnegative(),
    period: StoredNameSchema.min(1).optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type BudgetTotal = z.infer<typeof BudgetTotalSchema>;

/**
 * Where the action's effect is quantified: an action of a scenario, computed by a model of the action
 * library. `indicator` is the indicator whose observed values replace the model parameter `parameter`
 * when the abatement implied by observations is computed (see modelled.ts).
 */
export const ModelLinkSchema = z
  .object({
    scenario: ScenarioIdSchema,
    /** The action's id inside the scenario. */
    scenario_action: StoredNameSchema.min(1),
    /** The action-library model (mechanism) key. */
    model: StoredNameSchema.min(1),
    indicator: IndicatorIdSchema,
    parameter: StoredNameSchema.min(1),
    note: TextSchema.optional(),
  })
  .strict();
export type ModelLink = z.infer<typeof ModelLinkSchema>;

/**
 * The place of an action in a plan: which plan and which policy area of it. Where the plan's own text does
 * not place the action (only its sector is known), `illustrative: true` and a note say so.
 */
export const PlanMembershipSchema = z
  .object({ plan: PlanIdSchema, policy_area: PolicyAreaIdSchema, ...ProvenanceFields })
  .strict();

export const ActionSchema = z
  .object({
    id: ActionIdSchema,
    /**
     * The item of the administration's agenda this action carries, written as the agenda writes it: its
     * Korean heading where it has one, else its text (see the completeness test).
     */
    agenda_ref: StoredTextSchema.min(1).optional(),
    /** A larger action this one is part of (the sub-items of a priority policy). */
    parent: ActionIdSchema.optional(),
    name: NameSchema,
    description: TextSchema,
    plans: z.array(PlanMembershipSchema).min(1),
    categories: z.array(CategoryIdSchema),
    /** The 7 basic-plan sectors it acts on; empty for actions outside the emission sectors. */
    sectors: z.array(KrSectorIdSchema),
    response: z.array(z.enum(RESPONSES)),
    /** Responsible departments; the first leads. */
    departments: z.array(DepartmentIdSchema).min(1),
    contacts: z.array(ContactSchema),
    partners: z.array(PartnerSchema),
    start: PartialDateSchema.optional(),
    end: PartialDateSchema.optional(),
    status: AgendaStatusSchema,
    status_history: z.array(StatusChangeSchema).min(1),
    phase: z.enum(IMPLEMENTATION_PHASES).optional(),
    /** Completion, as stated by a source, an illustrative figure, or the progress update that reported it. */
    completion_pct: z
      .object({
        value: z.number().min(0).max(100),
        as_of: PartialDateSchema,
        progress_update: ProgressUpdateIdSchema.optional(),
        ...ProvenanceFields,
      })
      .strict()
      .superRefine((c, ctx) => {
        if (c.progress_update === undefined) requireProvenance(c, ctx);
      })
      .optional(),
    budget_total: BudgetTotalSchema.optional(),
    indicators: z.array(IndicatorIdSchema).min(1),
    model_link: ModelLinkSchema.optional(),
    tasks: z.array(TaskSchema),
    milestones: z.array(MilestoneSchema),
    progress: z.array(ProgressUpdateSchema),
    sources: z.array(SourceIdSchema),
  })
  .strict()
  .superRefine((a, ctx) => {
    const last = a.status_history[a.status_history.length - 1];
    if (last && last.status !== a.status)
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: `status is '${a.status}' but the latest status change says '${last.status}'`,
      });
    for (let i = 1; i < a.status_history.length; i++) {
      if (comparePartialDates(a.status_history[i - 1]!.date, a.status_history[i]!.date) > 0)
        ctx.addIssue({
          code: "custom",
          path: ["status_history", i, "date"],
          message: "status changes are listed oldest first",
        });
    }
    if (a.start && a.end && comparePartialDates(a.start, a.end) > 0)
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: `the end ${a.end} is before the start ${a.start}`,
      });
    if (a.model_link && !a.indicators.includes(a.model_link.indicator))
      ctx.addIssue({
        code: "custom",
        path: ["model_link", "indicator"],
        message: `the model link's indicator '${a.model_link.indicator}' is not among the action's indicators`,
      });
  });
export type Action = z.infer<typeof ActionSchema>;

// ---------------------------------------------------------------------------------------------------------
// Plans

/** A plan's workflow, in order. The local committee is optional in law (Act Art. 22). */
export const PLAN_STAGES = ["draft", "committee_deliberation", "reported_to_council", "published"] as const;
export const PlanStageSchema = z.enum(PLAN_STAGES);
export type PlanStage = (typeof PLAN_STAGES)[number];

export const PLAN_KINDS = [
  "administration_direction",
  "carbon_neutral_basic_plan",
  "climate_plan",
  "other",
] as const;

export const PolicyAreaSchema = z
  .object({
    id: PolicyAreaIdSchema,
    name: NameSchema,
    description: TextSchema.optional(),
    /** The actions of this area, in the plan's order. */
    actions: z.array(ActionIdSchema),
  })
  .strict();
export type PolicyArea = z.infer<typeof PolicyAreaSchema>;

export const StageChangeSchema = z
  .object({
    stage: PlanStageSchema,
    date: PartialDateSchema,
    comment: TextSchema.optional(),
    ...ProvenanceFields,
  })
  .strict()
  .superRefine(requireProvenance);
export type StageChange = z.infer<typeof StageChangeSchema>;

export const PlanSchema = z
  .object({
    id: PlanIdSchema,
    kind: z.enum(PLAN_KINDS),
    name: NameSchema,
    vision: TextSchema,
    headline: TextSchema.optional(),
    /** The values the plan names. */
    values: z.array(TextSchema).optional(),
    period: z
      .object({
        start_year: YearSchema,
        end_year: YearSchema,
        /** True when the period is as a secondary source gives it and needs checking. */
        needs_verification: z.boolean().optional(),
        note: TextSchema.optional(),
        source: SourceIdSchema.optional(),
      })
      .strict(),
    announced: PartialDateSchema.optional(),
    /** The department that keeps the plan and files its legal reports. */
    responsible_department: DepartmentIdSchema,
    /** Whether a local committee exists to deliberate (Act Art. 22 makes it optional). */
    has_committee: z.boolean(),
    stage: PlanStageSchema,
    stage_history: z.array(StageChangeSchema).min(1),
    /** Whether the legal deadlines of the Framework Act (the legal calendar, calendar.ts) apply to this plan. */
    legal_deadlines: z.boolean(),
    policy_areas: z.array(PolicyAreaSchema).min(1),
    /** How the plan is to be made concrete (consultation, advice). */
    process: TextSchema.optional(),
    sources: z.array(SourceIdSchema),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.period.end_year < p.period.start_year)
      ctx.addIssue({
        code: "custom",
        path: ["period", "end_year"],
        message: "the plan ends before it starts",
      });
    const last = p.stage_history[p.stage_history.length - 1];
    if (last && last.stage !== p.stage)
      ctx.addIssue({
        code: "custom",
        path: ["stage"],
        message: `stage is '${p.stage}' but the latest stage change says '${last.stage}'`,
      });
    for (let i = 1; i < p.stage_history.length; i++) {
      const prev = p.stage_history[i - 1]!;
      const cur = p.stage_history[i]!;
      if (PLAN_STAGES.indexOf(cur.stage) <= PLAN_STAGES.indexOf(prev.stage))
        ctx.addIssue({
          code: "custom",
          path: ["stage_history", i, "stage"],
          message: `a plan moves forward: '${prev.stage}' cannot be followed by '${cur.stage}'`,
        });
      if (comparePartialDates(prev.date, cur.date) > 0)
        ctx.addIssue({
          code: "custom",
          path: ["stage_history", i, "date"],
          message: "stage changes go oldest first",
        });
    }
  });
export type Plan = z.infer<typeof PlanSchema>;

/**
 * The version of the agenda's stored form. Files and stored documents carry it; a change of shape gets a
 * new version and a migration from the old one.
 */
export const AGENDA_FORMAT = "citypath-agenda/1";

/** Everything the agenda of one tenant holds. */
export const AgendaSchema = z
  .object({
    sources: z.array(SourceSchema),
    departments: z.array(DepartmentSchema),
    categories: z.array(CategorySchema),
    plans: z.array(PlanSchema),
    indicators: z.array(IndicatorSchema),
    actions: z.array(ActionSchema),
  })
  .strict();
export type Agenda = z.infer<typeof AgendaSchema>;

// ---------------------------------------------------------------------------------------------------------

/**
 * Orders partial dates by their first day: `2022` < `2022-06` = `2022-06-01` < `2022-06-02`. Returns a
 * negative number, zero or a positive number.
 */
export function comparePartialDates(a: string, b: string): number {
  const fa = firstDay(a);
  const fb = firstDay(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** The first day a partial date covers: `2022` -> `2022-01-01`, `2022-06` -> `2022-06-01`. */
export function firstDay(d: string): string {
  if (d.length === 4) return `${d}-01-01`;
  if (d.length === 7) return `${d}-01`;
  return d;
}

/** The last day a partial date covers: `2022` -> `2022-12-31`, `2022-02` -> `2022-02-28`. */
export function lastDay(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split("-").map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${d}-${String(days).padStart(2, "0")}`;
  }
  return d;
}
