/**
 * The shapes of what the agenda's routes answer, built from the core's schemas: documents leave as the core
 * validated them (PlanSchema, ActionSchema, IndicatorSchema), and what the presenters add (versions, names,
 * budget sums, trees, reminders, counts) is declared here once. presenters/agenda.ts returns these types, so
 * an answer that drifts from its declared shape does not compile.
 */

import { LocalTextAnswerSchema, TextSchema } from "@citypath/core";
import {
  ActionIdSchema,
  type ActionNode,
  ActionSchema,
  BudgetTotalSchema,
  DepartmentIdSchema,
  IndicatorIdSchema,
  IndicatorSchema,
  LEGAL_DEADLINE_KINDS,
  ObservationSchema,
  PlanIdSchema,
  PlanSchema,
  PlanStageSchema,
  PolicyAreaIdSchema,
  ScenarioIdSchema,
  SourceSchema,
  StatusChangeSchema,
} from "@citypath/core/agenda/index";
import { BUDGET_CLASSES, LocalTextSchema } from "@citypath/core/budget/schema";
import { z } from "@hono/zod-openapi";

const version = z.number().int().min(1).openapi({ description: "The record's version (1 when created)." });
const timestamp = z.string().openapi({ description: "ISO 8601 date and time." });

/** The sources an answer's figures cite, from the tenant's register. */
export const citedSourcesSchema = z
  .array(SourceSchema)
  .openapi({ description: "The sources the answer's figures cite (from the tenant's register)." });

// ---------------------------------------------------------------- plans

const P = PlanSchema.shape;

export const planSummarySchema = z
  .object({
    id: P.id,
    version,
    kind: P.kind,
    name: P.name,
    vision: P.vision,
    period: P.period,
    stage: P.stage,
    stage_history: P.stage_history,
    responsible_department: P.responsible_department,
    policy_areas: z.array(
      z.object({ id: PolicyAreaIdSchema, name: TextSchema, actions: z.array(ActionIdSchema) }),
    ),
    sources: P.sources,
  })
  .openapi("PlanSummary");

export const statusCountsSchema = z
  .object({
    total: z.number().int(),
    not_started: z.number().int(),
    on_track: z.number().int().openapi({ description: "In progress and not reported delayed." }),
    delayed: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
    unverified: z
      .number()
      .int()
      .openapi({ description: "Actions whose latest status change needs verification." }),
  })
  .openapi("StatusCounts");

/** The core's ActionNode (agenda/tree.ts), declared here because the schema refers to itself. */
type ActionNodeShape = ActionNode;

const A = ActionSchema.shape;

export const actionNodeSchema: z.ZodType<ActionNodeShape> = z
  .object({
    id: ActionIdSchema,
    name: TextSchema,
    status: A.status,
    phase: A.phase,
    completion_pct: z.number().optional(),
    departments: A.departments,
    tasks: A.tasks.readonly(),
    milestones: A.milestones.readonly(),
    get children() {
      return z
        .array(actionNodeSchema)
        .readonly()
        .openapi({ description: "Sub-actions listed in the same policy area." });
    },
  })
  .openapi("PlanTreeAction");

export const planTreeSchema = z
  .object({
    id: PlanIdSchema,
    name: TextSchema,
    vision: TextSchema,
    stage: PlanStageSchema,
    counts: statusCountsSchema,
    areas: z
      .array(
        z.object({
          id: PolicyAreaIdSchema,
          name: TextSchema,
          description: TextSchema.optional(),
          counts: statusCountsSchema,
          actions: z.array(actionNodeSchema).readonly(),
        }),
      )
      .readonly(),
    missing: z
      .array(ActionIdSchema)
      .readonly()
      .openapi({ description: "Ids the plan lists that no action has (the reference check reports them)." }),
  })
  .openapi("PlanTree");

export const legalDeadlineSchema = z
  .object({
    kind: z.enum(LEGAL_DEADLINE_KINDS),
    due: z.string().openapi({ description: "The day it is due, YYYY-MM-DD." }),
    covers_year: z.number().int(),
    party: z.enum(["city", "ministry"]).openapi({ description: "Whose duty: the city's or the ministry's." }),
    title: TextSchema,
    law: z.string(),
  })
  .openapi("LegalDeadline");

export const planAnswerSchema = z
  .object({
    plan: PlanSchema,
    version,
    tree: planTreeSchema,
    due_dates: z.array(legalDeadlineSchema),
    sources: citedSourcesSchema,
  })
  .openapi("PlanAnswer");

// ---------------------------------------------------------------- actions

const named = {
  departments_named: z.array(z.object({ id: DepartmentIdSchema, name: LocalTextAnswerSchema.nullable() })),
  placements: z.array(
    z.object({
      plan: PlanIdSchema,
      plan_name: TextSchema.nullable(),
      policy_area: PolicyAreaIdSchema,
      policy_area_name: TextSchema.nullable(),
    }),
  ),
};

export const actionSummarySchema = z
  .object({
    ...named,
    id: A.id,
    version,
    name: A.name,
    parent: A.parent,
    plans: A.plans,
    categories: A.categories,
    sectors: A.sectors,
    response: A.response,
    departments: A.departments,
    status: A.status,
    status_change: StatusChangeSchema.nullable(),
    phase: A.phase,
    completion_pct: A.completion_pct.unwrap().nullable(),
    start: A.start.unwrap().nullable(),
    end: A.end.unwrap().nullable(),
    indicators: A.indicators,
    linked_to_model: z.boolean(),
    updated_at: timestamp,
  })
  .openapi("ActionSummary");

const budgetSumSchema = z.object({
  amount_krw: z.number(),
  years: z.array(z.number().int()),
  derivation: z.string(),
  illustrative: z
    .boolean()
    .optional()
    .openapi({ description: "True when any of the lines is illustrative." }),
});

const fundingLineSchema = z
  .object({
    year: z.number().int(),
    code: z.string(),
    name: LocalTextSchema,
    class: z.enum(BUDGET_CLASSES),
    amount_krw: z
      .number()
      .openapi({ description: "The line's amount: final, else supplementary, else original." }),
    executed_krw: z
      .number()
      .nullable()
      .openapi({ description: "Executed, from the line's settlement; null when none is recorded." }),
    provisional: z.boolean().openapi({ description: "The settlement is not closed: the executions so far." }),
    illustrative: z.boolean(),
  })
  .openapi("ActionFundingLine");

const fundingYearSchema = z
  .object({
    year: z.number().int(),
    lines: z.number().int(),
    amount_krw: z.number().openapi({ description: "Sum of the year's lines' amounts." }),
    executed_krw: z.number().nullable().openapi({
      description: "Sum of the executions of the lines that have a settlement; null when none has.",
    }),
    provisional: z.boolean(),
    illustrative: z.boolean().openapi({ description: "True when any of the year's lines is illustrative." }),
  })
  .openapi("ActionFundingYear");

export const budgetSchema = z
  .object({
    funded_by: z.object({ lines: z.array(fundingLineSchema), years: z.array(fundingYearSchema) }).openapi({
      description:
        "The GHG-reduction budget lines linked to the action (their `action`), of the published budget years (every year for members who review drafts), and their sum by year.",
    }),
    total_stated: BudgetTotalSchema.nullable(),
    planned: budgetSumSchema
      .nullable()
      .openapi({ description: "Sum of the amounts of the lines in `funded_by`; null when there is none." }),
    spent: budgetSumSchema.nullable().openapi({
      description:
        "Sum of the executions of the lines in `funded_by` that have a settlement; null when none has.",
    }),
  })
  .openapi("ActionBudget");

const yearComparisonSchema = z.object({
  year: z.number().int(),
  expected_tco2e: z.number(),
  observed: z.number().optional(),
  implied_tco2e: z.number().optional(),
  difference_tco2e: z.number().optional(),
  ratio: z.number().optional(),
  off_track: z.boolean().optional(),
});

export const modelledSchema = z
  .object({
    action: ActionIdSchema,
    indicator: IndicatorIdSchema,
    parameter: z.string(),
    unit: z.string(),
    tolerance: z.number(),
    years: z.array(yearComparisonSchema).readonly(),
    latest: yearComparisonSchema.optional(),
    off_track: z.boolean(),
    next_target: z
      .object({
        year: z.number().int(),
        expected_tco2e: z.number(),
        projected_tco2e: z.number(),
        shortfall_tco2e: z.number(),
        indicator_goal: z.number().optional(),
        indicator_latest: z.number(),
        indicator_latest_year: z.number().int(),
        required_change_per_year: z.number().optional(),
      })
      .optional(),
    instance: z.string(),
    instance_version: z.number().int(),
    scenario: ScenarioIdSchema,
    derivation: z.string(),
  })
  .openapi("ModelledVsObserved");

export const versionedIndicatorSchema = z
  .object({ ...IndicatorSchema.shape, version })
  .openapi("VersionedIndicator");

export const actionAnswerSchema = z
  .object({
    ...named,
    action: ActionSchema,
    version,
    updated_at: timestamp,
    indicators: z.array(versionedIndicatorSchema),
    budget: budgetSchema,
    modelled: modelledSchema.nullable(),
    modelled_problems: z.array(
      z.object({ code: z.string(), message: z.string(), path: z.string().nullable() }),
    ),
    sources: citedSourcesSchema,
  })
  .openapi("ActionAnswer");

// ---------------------------------------------------------------- indicators

export const indicatorEntrySchema = z
  .object({ indicator: IndicatorSchema, version, updated_at: timestamp })
  .openapi("IndicatorEntry");

export const indicatorAnswerSchema = z
  .object({
    indicator: IndicatorSchema,
    version,
    updated_at: timestamp,
    actions: z.array(ActionIdSchema).openapi({ description: "The visible actions the indicator serves." }),
    sources: citedSourcesSchema,
  })
  .openapi("IndicatorAnswer");

// ---------------------------------------------------------------- saved records

export const savedPlanSchema = z
  .object({ plan: PlanSchema, version, updated_at: timestamp })
  .openapi("SavedPlan");
export const savedActionSchema = z
  .object({ action: ActionSchema, version, updated_at: timestamp })
  .openapi("SavedAction");
export const savedIndicatorSchema = z
  .object({ indicator: IndicatorSchema, version, updated_at: timestamp })
  .openapi("SavedIndicator");

// ---------------------------------------------------------------- imports

export const importProblemSchema = z.object({
  file: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});

const importPreview = <T extends z.ZodType>(change: T, name: string) =>
  z
    .object({
      ok: z.boolean(),
      rows: z.number().int(),
      changes: z.array(change),
      problems: z.array(importProblemSchema),
    })
    .openapi(name);

export const observationPreviewSchema = importPreview(
  z.object({
    indicator: IndicatorIdSchema,
    line: z.number().int(),
    observation: ObservationSchema,
    previous: z.number().optional().openapi({ description: "The value stored now, if any." }),
    kind: z.enum(["add", "replace", "same"]),
  }),
  "ObservationImportPreview",
);

export const actionPreviewSchema = importPreview(
  z.object({
    action: z.string(),
    line: z.number().int(),
    kind: z.enum(["create", "update", "same"]),
    fields: z
      .array(z.string())
      .readonly()
      .openapi({ description: "The fields that change (for an update)." }),
    base_version: z
      .number()
      .int()
      .openapi({ description: "The stored version an update applies to; 0 to create." }),
  }),
  "ActionImportPreview",
);

// ---------------------------------------------------------------- reminders and summary

const reminderItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("task_due"),
    action: ActionIdSchema,
    action_name: TextSchema,
    task: z.string(),
    task_name: TextSchema,
    due: z.string(),
    days_left: z.number().int(),
  }),
  z.object({
    kind: z.literal("task_late"),
    action: ActionIdSchema,
    action_name: TextSchema,
    task: z.string(),
    task_name: TextSchema,
    due: z.string(),
    days_late: z.number().int(),
  }),
  z.object({
    kind: z.literal("milestone_late"),
    action: ActionIdSchema,
    action_name: TextSchema,
    milestone: z.string(),
    milestone_name: TextSchema,
    target: z.string(),
    days_late: z.number().int(),
  }),
  z.object({
    kind: z.literal("action_stale"),
    action: ActionIdSchema,
    action_name: TextSchema,
    last_update: z.string().optional(),
    days_since: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal("indicator_missing"),
    indicator: IndicatorIdSchema,
    indicator_name: TextSchema,
    year: z.number().int(),
  }),
  z.object({
    kind: z.literal("legal_deadline"),
    plan: PlanIdSchema,
    deadline: legalDeadlineSchema,
    days_left: z.number().int(),
  }),
]);

/**
 * My work: the reminders of the caller's departments, each department with its name from the agenda's
 * register and its items, without the mail's subject and body (a third of the reminders' answer).
 */
export const myRemindersSchema = z
  .object({
    date: z.string(),
    departments: z.array(
      z.object({
        id: DepartmentIdSchema,
        name: LocalTextAnswerSchema.nullable(),
        items: z.array(reminderItemSchema).readonly(),
      }),
    ),
  })
  .openapi("MyReminders");

export const reminderMessageSchema = z
  .object({
    kind: z.literal("agenda.reminder"),
    department: DepartmentIdSchema,
    dedupe_key: z.string(),
    created_for: z.string(),
    subject: TextSchema,
    body: TextSchema,
    items: z.array(reminderItemSchema).readonly(),
  })
  .openapi("ReminderMessage");

export const statusSummarySchema = z
  .object({
    by: z.enum(["plan", "policy_area", "category", "department", "lead_department"]),
    overall: statusCountsSchema,
    groups: z.record(z.string(), statusCountsSchema),
  })
  .openapi("StatusSummary");
