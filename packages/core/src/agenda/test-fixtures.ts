/** Small agenda records for tests: valid by construction, overridable field by field. */
import {
  type Action,
  ActionSchema,
  type Indicator,
  IndicatorSchema,
  type Plan,
  PlanSchema,
} from "./schema.ts";

export function action(over: Partial<Record<keyof Action, unknown>> & { id: string }): Action {
  return ActionSchema.parse({
    name: { ko: `조치 ${over.id}`, en: `Action ${over.id}` },
    description: { ko: "설명", en: "Description" },
    plans: [{ plan: "plan", policy_area: "area" }],
    categories: [],
    sectors: [],
    response: [],
    departments: ["dept-a"],
    contacts: [],
    partners: [],
    status: "in_progress",
    status_history: [
      {
        status: "in_progress",
        date: "2026-01-01",
        reason: { ko: "착수", en: "Started" },
        illustrative: true,
        note: "test figure",
      },
    ],
    indicators: ["ind"],
    tasks: [],
    milestones: [],
    progress: [],
    sources: [],
    ...over,
  });
}

export function indicator(over: Partial<Record<keyof Indicator, unknown>> & { id: string }): Indicator {
  return IndicatorSchema.parse({
    name: { ko: `지표 ${over.id}`, en: `Indicator ${over.id}` },
    kind: "outcome",
    unit: "count",
    unit_label: { ko: "개", en: "count" },
    direction: "increase",
    aggregation: "annual",
    goals: [],
    observed: [],
    ...over,
  });
}

export function plan(over: Partial<Record<keyof Plan, unknown>> & { id: string }): Plan {
  return PlanSchema.parse({
    kind: "carbon_neutral_basic_plan",
    name: { ko: "기본계획", en: "Basic plan" },
    vision: { ko: "비전", en: "Vision" },
    period: { start_year: 2025, end_year: 2034 },
    responsible_department: "dept-plan",
    has_committee: true,
    stage: "draft",
    stage_history: [{ stage: "draft", date: "2025-01-10", illustrative: true, note: "test figure" }],
    legal_deadlines: true,
    policy_areas: [{ id: "area", name: { ko: "분야", en: "Area" }, actions: [] }],
    sources: [],
    ...over,
  });
}
