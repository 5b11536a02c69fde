import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkRow, emissionsCheck, provisionalEstimate, targetPathValue } from "./emissions.ts";
import {
  achievement,
  DEFAULT_GRADING,
  executionRateOf,
  GradingRulesSchema,
  gradeMeasure,
  gradeOf,
  reportStatus,
} from "./grades.ts";
import { sectorSummary } from "./summary.ts";

const close = (a: number | undefined, b: number, eps = 1e-9) =>
  assert.ok(a !== undefined && Math.abs(a - b) < eps, `${a} ≠ ${b}`);

describe("achievement", () => {
  test("an increase: result / target (24,500 riders of 20,000 planned = 122.5 %)", () => {
    const a = achievement({ direction: "increase", target: 20_000, result: 24_500 });
    assert.ok(a.ok);
    close(a.value, 1.225);
    assert.equal(a.formula, "24,500 / 20,000");
  });

  test("a decrease: the share of the planned decrease achieved", () => {
    // baseline 1,000 t, target 600 t (a decrease of 400 planned), result 700 t: 300 of 400 = 75 %
    const a = achievement({ direction: "decrease", baseline: 1000, target: 600, result: 700 });
    assert.ok(a.ok);
    close(a.value, 0.75);
    // overshooting: 500 t is 500 of 400 = 125 %; going up instead: 1,100 t is −25 %
    const b = achievement({ direction: "decrease", baseline: 1000, target: 600, result: 500 });
    assert.ok(b.ok);
    close(b.value, 1.25);
    const c = achievement({ direction: "decrease", baseline: 1000, target: 600, result: 1100 });
    assert.ok(c.ok);
    close(c.value, -0.25);
  });

  test("what is missing is said, never a zero", () => {
    const noResult = achievement({ direction: "increase", target: 10, result: undefined });
    assert.ok(!noResult.ok && noResult.reason.en === "no result");
    const noBase = achievement({ direction: "decrease", target: 600, result: 700 });
    assert.ok(!noBase.ok && noBase.reason.en === "no baseline for a decrease goal");
    const upside = achievement({ direction: "decrease", baseline: 500, target: 600, result: 550 });
    assert.ok(!upside.ok);
    const zero = achievement({ direction: "increase", target: 0, result: 5 });
    assert.ok(!zero.ok);
  });
});

describe("execution and grades", () => {
  test("execution rate: 16.9 bn of 18 bn = 93.9 %; nothing available: none", () => {
    close(executionRateOf(18_000_000_000, 16_900_000_000), 16.9 / 18);
    assert.equal(executionRateOf(0, 0), undefined);
  });

  test("the default cut-offs (an assumption, labelled)", () => {
    const g = DEFAULT_GRADING;
    assert.equal(g.assumption, true);
    assert.match(g.note.ko, /가정/);
    assert.deepEqual(
      [1.0, 0.999, 0.9, 0.899, 0.7, 0.699, 0].map((v) => gradeOf(v, g.achievement)),
      ["excellent", "good", "good", "fair", "fair", "poor", "poor"],
    );
    assert.deepEqual(
      [0.9, 0.8, 0.79, 0.6, 0.59].map((v) => gradeOf(v, g.execution)),
      ["excellent", "good", "fair", "fair", "poor"],
    );
  });

  test("a measure takes the lower of its achievement and execution grades", () => {
    // 122.5 % achieved (매우우수), 93.9 % executed (매우우수) -> 매우우수
    assert.equal(
      gradeMeasure({ quantitative: true, status: "normal", achievement: 1.225, execution: 0.939 }).grade,
      "excellent",
    );
    // 95 % achieved (우수), 55 % executed (미흡) -> 미흡
    const m = gradeMeasure({ quantitative: true, status: "normal", achievement: 0.95, execution: 0.55 });
    assert.deepEqual(m, {
      grade: "poor",
      achievement_grade: "good",
      execution_grade: "poor",
      basis: "achievement_and_execution",
    });
    // 75 % achieved (보통), 85 % executed (우수) -> 보통
    assert.equal(
      gradeMeasure({ quantitative: true, status: "lagging", achievement: 0.75, execution: 0.85 }).grade,
      "fair",
    );
  });

  test("no budget: achievement alone; qualitative apart; not started; no achievement is ungraded", () => {
    assert.deepEqual(
      gradeMeasure({ quantitative: true, status: "normal", achievement: 0.92, execution: undefined }),
      { grade: "good", achievement_grade: "good", basis: "achievement_only" },
    );
    assert.equal(
      gradeMeasure({ quantitative: false, status: "normal", achievement: 2, execution: 1 }).grade,
      "qualitative",
    );
    assert.equal(
      gradeMeasure({ quantitative: true, status: "not_started", achievement: undefined, execution: 0 }).grade,
      "not_pursued",
    );
    assert.equal(
      gradeMeasure({ quantitative: true, status: "normal", achievement: undefined, execution: 0.9 }).grade,
      "ungraded",
    );
  });

  test("the rule is a setting: other cut-offs grade otherwise; cut-offs must go down", () => {
    const strict = { ...DEFAULT_GRADING, achievement: { excellent: 1.2, good: 1, fair: 0.8 } };
    assert.ok(GradingRulesSchema.safeParse(strict).success);
    assert.equal(
      gradeMeasure({ quantitative: true, status: "normal", achievement: 1.1, execution: undefined }, strict)
        .grade,
      "good",
    );
    assert.equal(
      GradingRulesSchema.safeParse({
        ...DEFAULT_GRADING,
        execution: { excellent: 0.5, good: 0.8, fair: 0.6 },
      }).success,
      false,
    );
  });
});

describe("status", () => {
  test("normal, completed, delayed, lagging, not started", () => {
    assert.equal(reportStatus("in_progress", 0.95), "normal");
    assert.equal(reportStatus("in_progress", undefined), "normal");
    assert.equal(reportStatus("in_progress", 0.69), "lagging");
    assert.equal(reportStatus("completed", 0.5), "completed");
    assert.equal(reportStatus("delayed", 1.2), "delayed");
    assert.equal(reportStatus("not_started", undefined), "not_started");
    assert.equal(reportStatus("cancelled", undefined), "not_started");
  });
});

describe("per-sector summary", () => {
  test("counts, grade distribution, mean achievement, execution by money, reductions", () => {
    const rows = sectorSummary(
      [
        // transport: 122.5 % and 80 %, ₩18 bn / 16.9 bn and ₩2 bn / 1.8 bn, 2,100 t and none
        {
          sector: "transport",
          grade: "excellent",
          achievement: 1.225,
          available_krw: 18e9,
          executed_krw: 16.9e9,
          reduction_achieved_tco2e: 2100,
        },
        {
          sector: "transport",
          grade: "fair",
          achievement: 0.8,
          available_krw: 2e9,
          executed_krw: 1.8e9,
          reduction_achieved_tco2e: undefined,
        },
        // buildings: one qualitative measure without budget, 380 t
        {
          sector: "buildings",
          grade: "qualitative",
          achievement: undefined,
          available_krw: undefined,
          executed_krw: undefined,
          reduction_achieved_tco2e: 380,
        },
        {
          sector: "governance",
          grade: "not_pursued",
          achievement: undefined,
          available_krw: 1e9,
          executed_krw: 0,
          reduction_achieved_tco2e: undefined,
        },
      ],
      ["buildings", "transport", "waste"],
    );
    assert.deepEqual(
      rows.map((r) => r.sector),
      ["buildings", "transport", "other", "total"],
    );
    const tr = rows[1]!;
    assert.equal(tr.measures, 2);
    assert.deepEqual(tr.grades, { excellent: 1, good: 0, fair: 1, poor: 0, not_pursued: 0 });
    close(tr.mean_achievement, (1.225 + 0.8) / 2); // 101.25 %
    close(tr.execution_rate, 18.7 / 20); // 93.5 %, not the mean of 93.9 % and 90 %
    assert.equal(tr.reduction_tco2e, 2100);
    assert.equal(tr.reduction_missing, 1);
    const b = rows[0]!;
    assert.equal(b.qualitative, 1);
    assert.equal(b.mean_achievement, undefined);
    assert.equal(b.execution_rate, undefined);
    const total = rows[3]!;
    assert.equal(total.measures, 4);
    assert.equal(total.grades.not_pursued, 1);
    close(total.execution_rate, 18.7 / 21);
    assert.equal(total.reduction_tco2e, 2480);
  });
});

describe("emissions against targets", () => {
  const target = {
    base_year: 2018,
    base_tco2e: 4_371_000,
    points: [{ year: 2030, reduction: 0.3 }],
    interpolation: "linear" as const,
  };

  test("the target's path: linear from the base (2024: 4,371,000 − 1,311,300 × 6/12 = 3,715,350)", () => {
    close(targetPathValue(target, 2018), 4_371_000);
    close(targetPathValue(target, 2024), 3_715_350, 1e-6);
    close(targetPathValue(target, 2030), 3_059_700, 1e-6);
    close(targetPathValue(target, 2040), 3_059_700, 1e-6); // held after the last point
    assert.equal(targetPathValue(target, 2017), undefined);
    close(targetPathValue({ ...target, interpolation: "step" }, 2029), 4_371_000);
    close(targetPathValue({ ...target, points: [{ year: 2030, tco2e: 3_000_000 }] }, 2024), 3_685_500, 1e-6);
  });

  test("target met per sector and in total; a sector without a target has no answer", () => {
    const rows = emissionsCheck(
      [
        { sector: "buildings", base_tco2e: 1000, tco2e: 900, target_tco2e: 850, provisional: false },
        { sector: "transport", base_tco2e: 800, tco2e: 700, target_tco2e: 720, provisional: false },
        { sector: "sinks", base_tco2e: -100, tco2e: -120, target_tco2e: undefined, provisional: true },
      ],
      1500,
    );
    assert.deepEqual(
      rows.map((r) => [r.sector, r.gap_tco2e, r.met]),
      [
        ["buildings", 50, false],
        ["transport", -20, true],
        ["sinks", undefined, undefined],
        ["total", -20, true], // 900 + 700 − 120 = 1,480 against 1,500
      ],
    );
    close(rows[0]!.change_on_base, -0.1);
    close(rows[2]!.change_on_base, -0.2); // 20 t more absorbed: −20 % on |−100|
    close(rows[3]!.change_on_base, (1480 - 1700) / 1700);
    assert.equal(rows[3]!.provisional, true);
    assert.equal(
      checkRow({ sector: "x", base_tco2e: 1, tco2e: 1, target_tco2e: 1, provisional: false }).met,
      true,
    );
  });

  test("the provisional estimate: inventory + scenario change + shortfall", () => {
    const r = provisionalEstimate({
      inventory_year: 2023,
      year: 2025,
      inventory: { transport: 1_000_000, sinks: -20_000 },
      scenario: {
        transport: { 2023: 1_050_000, 2025: 1_010_000 },
        sinks: { 2023: -18_000, 2025: -21_000 },
      },
      shortfall: { transport: 1500 },
    });
    assert.ok(r.ok);
    // transport: 1,000,000 + (1,010,000 − 1,050,000) + 1,500 = 961,500; sinks: −20,000 − 3,000 = −23,000
    assert.deepEqual(
      r.value.map((s) => [s.sector, s.tco2e]),
      [
        ["transport", 961_500],
        ["sinks", -23_000],
      ],
    );
    assert.equal(r.value[0]!.formula, "1,000,000 + (1,010,000 − 1,050,000) + 1,500 = 961,500");
    const missing = provisionalEstimate({
      inventory_year: 2023,
      year: 2025,
      inventory: { waste: 5 },
      scenario: { waste: { 2023: 5 } },
    });
    assert.ok(!missing.ok && /no waste emissions for 2025/.test(missing.problems[0]!.message));
    assert.ok(!provisionalEstimate({ inventory_year: 2023, year: 2023, inventory: {}, scenario: {} }).ok);
  });
});
