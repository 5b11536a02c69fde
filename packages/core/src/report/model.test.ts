import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_LEGAL_CALENDAR } from "../agenda/calendar.ts";
import { action, indicator, plan } from "../agenda/test-fixtures.ts";
import { BudgetLineSchema, SettlementSchema } from "../budget/schema.ts";
import type { ActionId } from "../vocabulary/ids.ts";
import { assembleReport, indicatorTarget, type ReportInput } from "./model.ts";
import { DEFAULT_REPORT_SETTINGS, EMPTY_ENTRIES } from "./schema.ts";

const ill = { illustrative: true, note: "test figure" };

const riders = indicator({
  id: "riders",
  goals: [{ year: 2024, value: 20_000, ...ill }],
  observed: [{ year: 2024, value: 24_500, ...ill }],
});
const waste = indicator({
  id: "waste-t",
  direction: "decrease",
  aggregation: "level",
  goals: [{ year: 2026, value: 600, ...ill }],
  observed: [
    { year: 2022, value: 1000, ...ill },
    { year: 2024, value: 760, ...ill },
  ],
});
const qual = indicator({ id: "qual" });

const line = (code: string, actionId: string, amount: number) =>
  BudgetLineSchema.parse({
    year: 2024,
    code,
    name: { ko: code },
    bureau: "국",
    department: "과",
    account: "general",
    cost_kind: "project",
    amount: { original_krw: amount },
    class: "reduction",
    class_reason: "감축",
    reduction: {
      type: "quantitative",
      sector: "transport",
      expected: { kind: "own", tco2e_per_year: 2000, method: { formula: "예시" } },
    },
    action: actionId,
    ...ill,
  });

function input(): ReportInput {
  return {
    city: { ko: "시", en: "City" },
    plan: plan({
      id: "plan",
      policy_areas: [
        { id: "a1", name: { ko: "수송", en: "Transport" }, actions: ["brt", "waste"] },
        { id: "a2", name: { ko: "기반", en: "Base" }, actions: ["gov"] },
      ],
    }),
    year: 2024,
    as_of: "2025-03-01",
    settings: DEFAULT_REPORT_SETTINGS,
    calendar: DEFAULT_LEGAL_CALENDAR,
    actions: [
      action({ id: "brt", sectors: ["transport"], indicators: ["riders"] }),
      action({ id: "waste", sectors: ["waste"], indicators: ["waste-t"] }),
      action({ id: "gov", indicators: ["qual"] }),
    ],
    indicators: [riders, waste, qual],
    departments: [],
    sources: [],
    budget: {
      lines: [line("120-123-A-B-001", "brt", 18e9), line("120-123-A-B-002", "waste", 1e9)],
      settlements: [
        SettlementSchema.parse({
          year: 2024,
          code: "120-123-A-B-001",
          available_krw: 18e9,
          executed_krw: 16.9e9,
          actual: { tco2e: 2100, method: { formula: "이용객 × 전환율" } },
          closed: true,
          as_of: "2025-02-28",
          ...ill,
        }),
        SettlementSchema.parse({
          year: 2024,
          code: "120-123-A-B-002",
          available_krw: 1e9,
          executed_krw: 0.5e9,
          closed: false,
          as_of: "2024-12-31",
          ...ill,
        }),
      ],
    },
    modelled: { waste: { expected_tco2e: 300, implied_tco2e: 240, method: "폐기물 모형" } },
    emissions: {
      inventory: {
        version: 1,
        status: "published",
        year: 2023,
        gwp_set: "AR5",
        sectors: { transport: 1000, waste: 200 },
        base_sectors: { transport: 1100, waste: 250 },
      },
      scenario: {
        id: "plan",
        name: { ko: "계획", en: "Plan" },
        sectors: { transport: { 2023: 1050, 2024: 1000 }, waste: { 2023: 210, 2024: 190 } },
      },
      shortfall: { waste: 60 },
      target: {
        id: "t",
        name: { ko: "목표", en: "Target" },
        path: {
          base_year: 2018,
          base_tco2e: 1350,
          points: [{ year: 2030, reduction: 0.3 }],
          interpolation: "linear",
        },
      },
      instance: "city v1",
    },
    decomposition: { missing: { ko: "없음", en: "none" } },
    entries: {
      ...EMPTY_ENTRIES,
      measures: [
        { action: "waste" as ActionId, delay_reason: { ko: "수거 지연" }, completed_on: "2025-03-10" },
      ],
      follow_up: [{ action: "waste" as ActionId, cause: { ko: "원인" }, plan: { ko: "조치" } }],
    },
  };
}

describe("the report model", () => {
  const r = assembleReport(input());

  test("measures in the plan's order, numbered by area", () => {
    assert.deepEqual(
      r.measures.map((m) => [m.no, m.action, m.sector, m.quantitative]),
      [
        ["1-1", "brt", "transport", true],
        ["1-2", "waste", "waste", true],
        ["2-1", "gov", "common", false],
      ],
    );
  });

  test("an increase measure: 122.5 % achieved, 93.9 % executed from the closed settlement, 매우우수", () => {
    const brt = r.measures[0]!;
    assert.equal(brt.achievement, 1.225);
    assert.equal(brt.budget?.rate, 16.9e9 / 18e9);
    assert.equal(brt.budget?.provisional, false);
    assert.deepEqual(brt.reduction, { target_tco2e: 2000, achieved_tco2e: 2100, method: "이용객 × 전환율" });
    assert.equal(brt.grade.grade, "excellent");
    assert.equal(brt.status, "normal");
  });

  test("a decrease measure: (1,000 − 760) / (1,000 − 700) on the interpolated 2024 target = 80 %", () => {
    const w = r.measures[1]!;
    // 2024 target on the level path from 1,000 (2022) to 600 (2026): 800; achievement (1000−760)/(1000−800) = 1.2
    assert.equal(w.target?.value, 800);
    assert.equal(w.baseline, 1000);
    assert.equal(w.achievement, 1.2);
    // execution 50 % (provisional, the settlement is open) -> 미흡, the lower grade
    assert.equal(w.budget?.rate, 0.5);
    assert.equal(w.budget?.provisional, true);
    assert.equal(w.grade.grade, "poor");
    assert.deepEqual(w.reduction, { target_tco2e: 2000, achieved_tco2e: 240, method: "폐기물 모형" });
    assert.equal(w.delay_reason?.ko, "수거 지연");
    // 미흡 goes to follow-up with the plan written for it
    assert.deepEqual(
      r.follow_up.actions.map((f) => [f.action, f.grade, f.plan?.plan.ko]),
      [["waste", "poor", "조치"]],
    );
  });

  test("a qualitative measure is counted apart", () => {
    assert.equal(r.measures[2]!.grade.grade, "qualitative");
    const total = r.summary.at(-1)!;
    assert.equal(total.qualitative, 1);
    assert.equal(total.grades.excellent, 1);
    assert.equal(total.grades.poor, 1);
    assert.equal(total.execution_rate, 17.4e9 / 19e9);
    assert.equal(r.overview.quantitative, 2);
  });

  test("emissions: provisional after the inventory, against the target's path, met per sector and total", () => {
    assert.ok(r.emissions.available);
    // transport 1,000 + (1,000 − 1,050) = 950 vs 1,000 (met); waste 200 + (190 − 210) + 60 = 240 vs 190 (not met)
    // total 1,190 vs 1,350 − 405 × 6/12 = 1,147.5 (not met)
    assert.deepEqual(
      r.emissions.rows.map((x) => [x.sector, x.tco2e, x.target_tco2e, x.met, x.provisional]),
      [
        ["transport", 950, 1000, true, true],
        ["waste", 240, 190, false, true],
        ["total", 1190, 1147.5, false, true],
      ],
    );
    assert.equal(r.emissions.estimates[1]!.formula, "200 + (190 − 210) + 60 = 240");
    assert.ok(r.notices.some((n) => /잠정 추정치/.test(n.ko)));
    assert.ok(
      r.notices.some((n) => /가정값/.test(n.ko)),
      "the grading assumption is said",
    );
  });

  test("the cover: the due dates from the calendar of the next year", () => {
    assert.equal(r.cover.submission.due, "2025-05-31");
    assert.equal(r.cover.council.due, "2025-12-31");
    assert.equal(r.cover.gwp_set, "AR5");
  });

  test("indicator targets: a goal of the year, or interpolated on a cumulative path; an annual one is not", () => {
    const trees = indicator({
      id: "trees",
      aggregation: "cumulative",
      goals: [
        { year: 2022, value: 5e6, ...ill },
        { year: 2026, value: 10e6, ...ill },
      ],
    });
    assert.equal(indicatorTarget(trees, 2024)?.value, 7.5e6);
    assert.equal(indicatorTarget(trees, 2026)?.value, 10e6);
    assert.equal(
      indicatorTarget(indicator({ id: "x", goals: [{ year: 2026, value: 1, ...ill }] }), 2024),
      undefined,
    );
  });
});
