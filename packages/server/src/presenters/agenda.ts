/**
 * What the agenda's answers carry. Documents leave as the core validated them (every figure in them has its
 * `source` or `illustrative: true`), with their `version`, and each answer lists the sources its figures
 * cite (`citedSources`), so a reader can follow every number to where it comes from. Figures the server
 * adds (budget sums) say how they were derived and inherit `illustrative` when any part is illustrative.
 */
import type { Problem } from "@citypath/core";
import {
  type Action,
  type Agenda,
  citedSources,
  type Indicator,
  type LegalDeadline,
  type Plan,
  type PlanTree,
} from "@citypath/core/agenda/index";
import { lineAmount } from "@citypath/core/budget/attribution";
import type { BudgetLine, Settlement } from "@citypath/core/budget/schema";
import type { AgendaRecord } from "@citypath/db";
import type { z } from "@hono/zod-openapi";
import type { ModelledAnswer } from "../services/agenda.ts";
import type {
  actionAnswerSchema,
  actionSummarySchema,
  budgetSchema,
  importProblemSchema,
  indicatorAnswerSchema,
  indicatorEntrySchema,
  planAnswerSchema,
  planSummarySchema,
  savedActionSchema,
  savedIndicatorSchema,
  savedPlanSchema,
} from "./agenda-schema.ts";

type Out<S extends z.ZodType> = z.infer<S>;

export function sourcesOf(records: unknown, register: Agenda["sources"]) {
  return citedSources(records, register).cited;
}

export function presentPlan(p: AgendaRecord<Plan>): Out<typeof planSummarySchema> {
  const d = p.document;
  return {
    id: d.id,
    version: p.version,
    kind: d.kind,
    name: d.name,
    vision: d.vision,
    period: d.period,
    stage: d.stage,
    stage_history: d.stage_history,
    responsible_department: d.responsible_department,
    policy_areas: d.policy_areas.map((a) => ({ id: a.id, name: a.name, actions: a.actions })),
    sources: d.sources,
  };
}

/** Names of the departments, plans and policy areas an action refers to by id. */
export interface AgendaNames {
  readonly departments: Agenda["departments"];
  readonly plans: readonly Plan[];
}

function named(a: Action, names: AgendaNames) {
  const dept = new Map(names.departments.map((d) => [d.id as string, d.name]));
  const plans = new Map(names.plans.map((p) => [p.id as string, p]));
  return {
    departments_named: a.departments.map((id) => ({ id, name: dept.get(id) ?? null })),
    placements: a.plans.map((m) => {
      const p = plans.get(m.plan);
      return {
        plan: m.plan,
        plan_name: p?.name ?? null,
        policy_area: m.policy_area,
        policy_area_name: p?.policy_areas.find((x) => x.id === m.policy_area)?.name ?? null,
      };
    }),
  };
}

/** One line of the action list: enough to filter, sort and show status. */
export function presentActionSummary(
  r: AgendaRecord<Action>,
  names: AgendaNames,
): Out<typeof actionSummarySchema> {
  const a = r.document;
  return {
    ...named(a, names),
    id: a.id,
    version: r.version,
    name: a.name,
    ...(a.parent ? { parent: a.parent } : {}),
    plans: a.plans,
    categories: a.categories,
    sectors: a.sectors,
    response: a.response,
    departments: a.departments,
    status: a.status,
    status_change: a.status_history.at(-1) ?? null,
    ...(a.phase ? { phase: a.phase } : {}),
    completion_pct: a.completion_pct ?? null,
    start: a.start ?? null,
    end: a.end ?? null,
    indicators: a.indicators,
    linked_to_model: a.model_link !== undefined,
    updated_at: r.updatedAt.toISOString(),
  };
}

/** The budget lines that fund an action, each with its settlement where one is recorded. */
export interface ActionFunding {
  readonly lines: readonly { readonly line: BudgetLine; readonly settlement: Settlement | null }[];
}

function fundedBy(f: ActionFunding): Out<typeof budgetSchema>["funded_by"] {
  const lines = [...f.lines]
    .sort((x, y) => x.line.year - y.line.year || x.line.code.localeCompare(y.line.code))
    .map(({ line, settlement }) => ({
      year: line.year,
      code: line.code,
      name: line.name,
      class: line.class,
      amount_krw: lineAmount(line),
      executed_krw: settlement?.executed_krw ?? null,
      provisional: settlement !== null && !settlement.closed,
      illustrative: line.illustrative === true || settlement?.illustrative === true,
    }));
  const years = [...new Set(lines.map((l) => l.year))].map((year) => {
    const of = lines.filter((l) => l.year === year);
    const settled = of.filter((l) => l.executed_krw !== null);
    return {
      year,
      lines: of.length,
      amount_krw: of.reduce((s, l) => s + l.amount_krw, 0),
      executed_krw: settled.length ? settled.reduce((s, l) => s + l.executed_krw!, 0) : null,
      provisional: of.some((l) => l.provisional),
      illustrative: of.some((l) => l.illustrative),
    };
  });
  return { lines, years };
}

/**
 * An action's budget: a view of the budget lines that fund it (decision 0058), by year and in all, with the
 * total a source states where it has one. Sums are null where no line states the figure (never 0).
 */
export function budgetOf(a: Action, funding: ActionFunding): Out<typeof budgetSchema> {
  const funded_by = fundedBy(funding);
  const sum = (pick: (y: (typeof funded_by.years)[number]) => number | null) => {
    const years = funded_by.years.filter((y) => pick(y) !== null);
    if (years.length === 0) return null;
    const n = years.reduce((s, y) => s + y.lines, 0);
    return {
      amount_krw: years.reduce((s, y) => s + pick(y)!, 0),
      years: years.map((y) => y.year),
      derivation: `sum of ${n} budget line${n === 1 ? "" : "s"}`,
      ...(years.some((y) => y.illustrative) ? { illustrative: true } : {}),
    };
  };
  return {
    funded_by,
    total_stated: a.budget_total ?? null,
    planned: sum((y) => y.amount_krw),
    spent: sum((y) => y.executed_krw),
  };
}

export function presentIndicator(r: AgendaRecord<Indicator>): Out<typeof indicatorEntrySchema> {
  return { indicator: r.document, version: r.version, updated_at: r.updatedAt.toISOString() };
}

/** One indicator with the visible actions it serves and the sources it cites. */
export function presentIndicatorAnswer(
  r: AgendaRecord<Indicator>,
  actions: readonly AgendaRecord<Action>[],
  register: Agenda["sources"],
): Out<typeof indicatorAnswerSchema> {
  return {
    ...presentIndicator(r),
    actions: actions.filter((x) => x.document.indicators.includes(r.document.id)).map((x) => x.document.id),
    sources: sourcesOf(r.document, register),
  };
}

/** One plan with its tree and the legal due dates in the window asked for. */
export function presentPlanAnswer(
  p: AgendaRecord<Plan>,
  tree: PlanTree,
  dueDates: readonly LegalDeadline[],
  register: Agenda["sources"],
): Out<typeof planAnswerSchema> {
  return {
    plan: p.document,
    version: p.version,
    tree,
    due_dates: [...dueDates],
    sources: sourcesOf(p.document, register),
  };
}

/** A saved record: the document as stored, its new version and when it was saved. */
export function presentSavedPlan(r: AgendaRecord<Plan>): Out<typeof savedPlanSchema> {
  return { plan: r.document, version: r.version, updated_at: r.updatedAt.toISOString() };
}
export function presentSavedAction(r: AgendaRecord<Action>): Out<typeof savedActionSchema> {
  return { action: r.document, version: r.version, updated_at: r.updatedAt.toISOString() };
}
export function presentSavedIndicator(r: AgendaRecord<Indicator>): Out<typeof savedIndicatorSchema> {
  return { indicator: r.document, version: r.version, updated_at: r.updatedAt.toISOString() };
}

/** A problem of an uploaded table, as the import answers list it. */
export function presentImportProblem(p: Problem): Out<typeof importProblemSchema> {
  return {
    file: p.file ?? "",
    row: p.line ?? null,
    column: p.column ?? null,
    code: p.code,
    reason: p.message,
  };
}

export function presentAction(
  r: AgendaRecord<Action>,
  indicators: readonly AgendaRecord<Indicator>[],
  modelled: ModelledAnswer | null,
  modelledProblems: readonly Problem[],
  register: Agenda["sources"],
  names: AgendaNames,
  funding: ActionFunding,
): Out<typeof actionAnswerSchema> {
  return {
    ...named(r.document, names),
    action: r.document,
    version: r.version,
    updated_at: r.updatedAt.toISOString(),
    indicators: indicators.map((i) => ({ ...i.document, version: i.version })),
    budget: budgetOf(r.document, funding),
    modelled,
    modelled_problems: modelledProblems.map((p) => ({
      code: p.code,
      message: p.message,
      path: p.path ?? null,
    })),
    sources: sourcesOf([r.document, indicators.map((i) => i.document)], register),
  };
}
