import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ActionReduction, attributeReductions, NOT_ESTIMATED_LABEL } from "./attribution.ts";
import { CLASS_SCHEMES, schemeClassOf } from "./classes.ts";
import {
  type BudgetLine,
  type BudgetLineInput,
  BudgetLineSchema,
  type BudgetSettings,
  SettlementSchema,
} from "./schema.ts";
import { executionRate, settlementStatement, targetMet } from "./settlement.ts";
import { budgetStatement } from "./statement.ts";

const EOK = 100_000_000; // ₩1억

function line(p: Partial<BudgetLineInput> & Pick<BudgetLineInput, "code" | "class">): BudgetLine {
  return BudgetLineSchema.parse({
    year: 2024,
    name: { ko: `사업 ${p.code}` },
    bureau: "교통국",
    department: "대중교통과",
    account: "general",
    cost_kind: "project",
    amount: { original_krw: EOK },
    class_reason: "근거",
    illustrative: true,
    ...p,
  });
}

const red = (sector: string, extra: object = {}) => ({ type: "quantitative", sector, ...extra }) as never;

// 2024: hand-worked figures in the comments (₩억)
const A = line({
  code: "120-123-A01-B01-C01",
  class: "reduction",
  amount: { original_krw: 5 * EOK, final_krw: 6 * EOK },
  action: "brt" as never,
  reduction: red("transport", {
    expected: { kind: "action" },
    indicator: {
      name: { ko: "BRT 연장", en: "BRT length" },
      unit: { ko: "km" },
      target: 10,
      direction: "increase",
    },
  }),
});
const B = line({
  code: "120-123-A01-B01-C02",
  class: "reduction",
  amount: { original_krw: 4 * EOK },
  action: "brt" as never,
  reduction: red("transport", { expected: { kind: "action" } }),
});
const C = line({
  code: "140-141-A02-B01-C01",
  class: "reduction",
  bureau: "건축국",
  amount: { original_krw: 10 * EOK },
  reduction: red("buildings", {
    aim: "partial",
    expected: {
      kind: "own",
      tco2e_per_year: 250,
      method: { formula: "절감 전력량 × 배출계수", factor: "0.4781 tCO2/MWh" },
    },
    indicator: {
      name: { ko: "에너지 사용량" },
      unit: { ko: "MWh", en: "MWh" },
      target: 100,
      direction: "decrease",
    },
  }),
});
const D = line({
  code: "100-101-A01-B01-C01",
  class: "reduction",
  bureau: "농업국",
  amount: { original_krw: 2 * EOK },
  reduction: red("sinks"),
});
const E = line({
  code: "070-071-A01-B01-C01",
  class: "reduction",
  bureau: "환경국",
  amount: { original_krw: 1 * EOK },
  reduction: { type: "qualitative", sector: "policy_base" },
});
const F = line({
  code: "140-142-A01-B01-C01",
  class: "emission",
  bureau: "건설국",
  amount: { original_krw: 20 * EOK },
  emission: { cause: "도로 신설" },
});
const G = line({
  code: "120-124-A01-B01-C01",
  class: "mixed",
  amount: { original_krw: 5 * EOK },
  emission: { cause: "차량 교체" },
});
const H = line({
  code: "010-011-A01-B01-C01",
  class: "neutral",
  bureau: "행정국",
  amount: { original_krw: 70 * EOK },
  aggregate_of: 10,
});
const I = line({
  code: "010-011-A01-B01-C02",
  class: "neutral",
  bureau: "행정국",
  cost_kind: "administrative",
  amount: { original_krw: 5 * EOK },
});
const J = line({
  code: "070-071-A01-B01-C09",
  class: "reduction",
  bureau: "환경국",
  amount: { original_krw: EOK / 2 },
  reduction: red("waste"),
});
const LINES = [A, B, C, D, E, F, G, H, I, J];

const last = (l: BudgetLine, krw: number, over: Partial<BudgetLineInput> = {}) =>
  line({ ...(l as BudgetLineInput), year: 2023, amount: { original_krw: krw }, ...over });
const X = line({
  year: 2023,
  code: "070-071-A01-B01-C05",
  class: "reduction",
  bureau: "환경국",
  amount: { original_krw: 3 * EOK },
  reduction: red("waste"),
});
const LAST = [
  last(A, 5 * EOK),
  last(C, 12 * EOK),
  X,
  last(F, 20 * EOK),
  last(H, 60 * EOK, { aggregate_of: 9 }),
];

const SETTINGS: BudgetSettings = {
  scheme: "seoul",
  min_amount_krw: EOK,
  excluded_cost_kinds: ["administrative", "financial"],
  attribution: "by_amount",
  legal_basis: { ko: "탄소중립기본법 제24조" },
  purpose: { ko: "예산의 온실가스 영향 분석" },
  sources: [],
  illustrative: true,
};
const BRT: ActionReduction = {
  tco2e_per_year: 1000,
  method: { formula: "BRT 모형" },
  name: { ko: "BRT", en: "BRT" },
};
const ACTIONS = new Map([["action:brt", BRT]]);

describe("budget lines", () => {
  test("the schema asks for what each class needs, and provenance", () => {
    const base = {
      year: 2024,
      code: "120-123-A-B-C",
      name: { ko: "x" },
      bureau: "b",
      department: "d",
      account: "general",
      cost_kind: "project",
      amount: { original_krw: 1 },
      class_reason: "r",
      illustrative: true,
    };
    const paths = (v: object) =>
      BudgetLineSchema.safeParse(v).error?.issues.map((i) => i.path.join(".")) ?? [];
    assert.deepEqual(paths({ ...base, class: "reduction" }), ["reduction"]);
    assert.deepEqual(paths({ ...base, class: "emission" }), ["emission"]);
    assert.deepEqual(paths({ ...base, class: "neutral", illustrative: undefined }), ["source"]);
    assert.deepEqual(paths({ ...base, class: "neutral", code: "120-123" }), ["code"]);
    assert.deepEqual(paths({ ...base, class: "neutral", amount: { original_krw: 1.5 } }), [
      "amount.original_krw",
    ]);
    assert.deepEqual(paths({ ...base, class: "neutral" }), []);
  });

  test("a closed settlement adds up: executed + carried over + unused = available", () => {
    const s = {
      year: 2024,
      code: A.code,
      available_krw: 600,
      executed_krw: 540,
      carried_over_krw: 40,
      unused_krw: 10,
      closed: true,
      as_of: "2025-02-28",
      illustrative: true,
    };
    assert.equal(SettlementSchema.safeParse(s).error?.issues[0]?.path.join("."), "unused_krw");
    assert.ok(SettlementSchema.safeParse({ ...s, unused_krw: 20 }).success);
    assert.ok(SettlementSchema.safeParse({ ...s, unused_krw: 10, closed: false }).success);
    assert.equal(SettlementSchema.safeParse({ ...s, executed_krw: 700 }).success, false);
  });

  test("class schemes map the canonical classes", () => {
    const { jeonbuk, gyeongnam, central } = CLASS_SCHEMES;
    assert.equal(schemeClassOf(jeonbuk!, G).name.ko, "배출");
    assert.equal(schemeClassOf(gyeongnam!, C).id, "friendly_partial");
    assert.equal(schemeClassOf(gyeongnam!, A).id, "friendly_policy");
    assert.equal(schemeClassOf(gyeongnam!, G).id, "potential");
    assert.deepEqual(central!.statementClasses, ["reduction"]);
  });
});

describe("attribution: an action's reduction counted once", () => {
  test("by amount: 1,000 t split 6억 : 4억 = 600 t + 400 t", () => {
    const a = attributeReductions([A, B, C, D, E], ACTIONS, "by_amount");
    const v = (l: BudgetLine) => a.lines.get(l.code);
    assert.deepEqual(
      [v(A), v(B)].map((r) => r?.kind === "estimated" && r.tco2e_per_year),
      [600, 400],
    );
    assert.equal(
      v(C)?.kind === "estimated" && v(C)?.kind === "estimated"
        ? (v(C) as { tco2e_per_year: number }).tco2e_per_year
        : -1,
      250,
    );
    assert.equal(v(D)?.kind, "not_estimated");
    assert.equal(v(E)?.kind, "qualitative");
    assert.deepEqual(a.problems, []);
    const r = v(A);
    assert.ok(r?.kind === "estimated" && r.explanation.ko.includes("60.0%"));
  });

  test("explicit shares: 0.7 + 0.5 is refused; a missing share is named; 0.7 + 0.3 gives 700 + 300", () => {
    const withShare = (l: BudgetLine, share?: number) => ({
      ...l,
      reduction: {
        ...l.reduction!,
        expected: { kind: "action" as const, ...(share === undefined ? {} : { share }) },
      },
    });
    const over = attributeReductions([withShare(A, 0.7), withShare(B, 0.5)], ACTIONS, "explicit_shares");
    assert.deepEqual(
      over.problems.map((p) => p.code),
      ["BAD_VALUE"],
    );
    const missing = attributeReductions([withShare(A, 0.7), withShare(B)], ACTIONS, "explicit_shares");
    assert.deepEqual(
      missing.problems.map((p) => [p.code, p.path]),
      [["MISSING_VALUE", `lines[${B.code}].reduction.expected.share`]],
    );
    assert.equal(missing.lines.get(B.code)?.kind, "not_estimated");
    const fine = attributeReductions([withShare(A, 0.7), withShare(B, 0.3)], ACTIONS, "explicit_shares");
    const sum = [...fine.lines.values()].reduce(
      (s, r) => s + (r.kind === "estimated" ? r.tco2e_per_year : 0),
      0,
    );
    assert.equal(sum, 1000);
  });

  test("a line with its own estimate may not also fund an attributed action", () => {
    const own = { ...C, code: "120-123-A01-B01-C03", action: "brt" as never };
    const a = attributeReductions([A, B, own], ACTIONS, "by_amount");
    assert.deepEqual(
      a.problems.map((p) => p.code),
      ["DUPLICATE"],
    );
  });

  test("the remainder row: a sourced total less the lines estimated item by item", () => {
    const rest = line({
      code: "070-071-ZZ-ZZ-999",
      class: "reduction",
      aggregate_of: 20,
      reduction: red("policy_base", {
        expected: { kind: "remainder", total_tco2e_per_year: 2000, method: { formula: "출처 합계" } },
      }),
    });
    const a = attributeReductions([A, B, C, rest], ACTIONS, "by_amount");
    const r = a.lines.get(rest.code);
    assert.ok(r?.kind === "estimated");
    assert.equal(r.tco2e_per_year, 2000 - 1250);
    const over = attributeReductions(
      [
        A,
        B,
        C,
        {
          ...rest,
          reduction: {
            ...rest.reduction!,
            expected: { kind: "remainder", total_tco2e_per_year: 1000, method: { formula: "x" } },
          },
        },
      ],
      ACTIONS,
      "by_amount",
    );
    assert.deepEqual(
      over.problems.map((p) => p.code),
      ["BAD_VALUE"],
    );
    assert.equal(over.lines.get(rest.code)?.kind, "not_estimated");
  });

  test("an action with no modelled reduction leaves its lines not estimated, never 0", () => {
    const a = attributeReductions([A, B], new Map(), "by_amount");
    assert.deepEqual(
      [...a.lines.values()].map((r) => r.kind),
      ["not_estimated", "not_estimated"],
    );
    assert.equal(NOT_ESTIMATED_LABEL.ko, "정성 (미산정)");
  });
});

describe("budget statement", () => {
  const st = budgetStatement({
    year: 2024,
    settings: SETTINGS,
    scheme: CLASS_SCHEMES.seoul!,
    lines: LINES,
    lastYear: LAST,
    budgetYear: {
      year: 2024,
      stage: "adopted",
      published: true,
      exclusions: [{ code: X.code, reason: "사업 종료" }],
    },
    actions: ACTIONS,
  });

  test("scope: the administrative line and the ₩5천만 line are out; 17 projects, ₩118억 in", () => {
    assert.equal(st.overview.in_scope, 17);
    assert.equal(st.overview.out_of_scope, 2);
    assert.equal(st.summary.total.amount_krw, 118 * EOK);
    assert.match(st.overview.scope.ko, /1억원 이상.*행정운영경비/);
  });

  test("summary by class with shares and the change on last year", () => {
    const row = (id: string) => st.summary.rows.find((r) => r.class.id === id)!;
    assert.deepEqual(
      st.summary.rows.map((r) => [r.class.id, r.count, r.amount_krw / EOK]),
      [
        ["reduction", 5, 23],
        ["emission", 1, 20],
        ["mixed", 1, 5],
        ["neutral", 10, 70],
      ],
    );
    assert.ok(Math.abs(row("reduction").share! - 23 / 118) < 1e-12);
    assert.deepEqual(row("reduction").last, { count: 3, amount_krw: 20 * EOK });
    assert.equal(row("reduction").change_krw, 3 * EOK);
    assert.ok(Math.abs(row("reduction").change_ratio! - 0.15) < 1e-12);
    assert.equal(row("mixed").change_ratio, undefined); // from nothing
    assert.deepEqual(st.summary.total.last, { count: 13, amount_krw: 100 * EOK });
  });

  test("cross-tabulations by function, bureau and sector", () => {
    const fn = st.byFunction.find((r) => r.key === "120")!;
    assert.equal(fn.name.ko, "교통및물류");
    assert.deepEqual(fn.cells.reduction, { count: 2, amount_krw: 10 * EOK });
    assert.deepEqual(fn.cells.mixed, { count: 1, amount_krw: 5 * EOK });
    assert.deepEqual(fn.total, { count: 3, amount_krw: 15 * EOK });
    const bureau = st.byBureau.find((r) => r.key === "행정국")!;
    assert.deepEqual(bureau.total, { count: 10, amount_krw: 70 * EOK });
    assert.deepEqual(
      st.bySector.map((s) => [s.sector, s.count, s.expected_tco2e, s.not_estimated]),
      [
        ["buildings", 1, 250, 0],
        ["transport", 2, 1000, 0],
        ["sinks", 1, 0, 1],
        ["policy_base", 1, 0, 0],
      ],
    );
    assert.deepEqual(st.totals, {
      expected_tco2e: 1250,
      not_estimated: 1,
      reduction_count: 5,
      reduction_krw: 23 * EOK,
    });
  });

  test("the change table: continued, cut, excluded with its reason, new", () => {
    assert.deepEqual(
      st.changes.map((c) => [c.code, c.kind, c.change_krw / EOK, c.reason ?? null]),
      [
        [A.code, "continued", 1, null],
        [F.code, "continued", 0, null],
        [C.code, "cut", -2, null],
        [X.code, "excluded", -3, "사업 종료"],
        [D.code, "new", 2, null],
        [E.code, "new", 1, null],
        [G.code, "new", 5, null],
        [B.code, "new", 4, null],
      ].sort(
        (a, b) =>
          ["continued", "cut", "excluded", "new"].indexOf(a[1] as string) -
            ["continued", "cut", "excluded", "new"].indexOf(b[1] as string) ||
          (a[0] as string).localeCompare(b[0] as string),
      ),
    );
  });

  test("without last year's lines the lines' own last-year amounts give the change", () => {
    const s = budgetStatement({
      year: 2024,
      settings: SETTINGS,
      scheme: CLASS_SCHEMES.seoul!,
      lines: [
        { ...A, last_year_krw: 5 * EOK },
        { ...B, last_year_krw: 5 * EOK },
      ],
      lastYear: [],
      actions: ACTIONS,
    });
    assert.equal(s.summary.rows[0]!.change_krw, 0);
    assert.deepEqual(
      s.changes.map((c) => c.kind),
      ["continued", "cut"],
    );
  });

  test("Jeonbuk's scheme counts the mixed line as emission", () => {
    const s = budgetStatement({
      year: 2024,
      settings: SETTINGS,
      scheme: CLASS_SCHEMES.jeonbuk!,
      lines: LINES,
      lastYear: [],
      actions: ACTIONS,
    });
    assert.deepEqual(
      s.summary.rows.map((r) => [r.class.id, r.count]),
      [
        ["reduction", 5],
        ["emission", 2],
        ["neutral", 10],
      ],
    );
    assert.equal(s.overview.assumptions.length, 1);
  });
});

describe("settlement", () => {
  const S = (code: string, p: object) =>
    SettlementSchema.parse({ year: 2024, code, closed: true, as_of: "2025-02-28", illustrative: true, ...p });
  const settlements = [
    S(A.code, {
      available_krw: 6 * EOK,
      executed_krw: 5.4 * EOK,
      carried_over_krw: 0.4 * EOK,
      unused_krw: 0.2 * EOK,
      indicator_result: 12,
      actual: { tco2e: 550, method: { formula: "승객 × 대체 통행 배출" } },
    }),
    S(B.code, { available_krw: 4 * EOK, executed_krw: 1 * EOK, closed: false }),
    S(C.code, { available_krw: 10 * EOK, executed_krw: 7 * EOK, indicator_result: 120 }),
    S(F.code, { available_krw: 20 * EOK, executed_krw: 20 * EOK }),
  ];
  const st = settlementStatement({
    year: 2024,
    settings: SETTINGS,
    scheme: CLASS_SCHEMES.seoul!,
    lines: LINES,
    settlements,
  });

  test("execution rate and target met in both directions", () => {
    assert.equal(executionRate({ available_krw: 6, executed_krw: 5.4 }), 0.9);
    assert.equal(executionRate({ available_krw: 0, executed_krw: 0 }), undefined);
    assert.equal(targetMet({ target: 10, direction: "increase" }, 12), true);
    assert.equal(targetMet({ target: 100, direction: "decrease" }, 120), false);
    assert.equal(targetMet({ target: 100, direction: "decrease" }, 100), true);
    assert.equal(targetMet({ target: 100, direction: "decrease" }, undefined), undefined);
  });

  test("rows: provisional when not closed, unsettled lines listed, never 0", () => {
    const row = (code: string) => st.rows.find((r) => r.line.code === code)!;
    assert.equal(row(A.code).rate, 0.9);
    assert.equal(row(A.code).met, true);
    assert.equal(row(C.code).met, false);
    assert.equal(row(B.code).provisional, true);
    assert.equal(row(D.code).settlement, undefined);
    assert.equal(row(D.code).rate, undefined);
    assert.equal(st.rows.length, 7); // reduction, emission and mixed lines in scope
    assert.equal(st.provisional, true);
  });

  test("summary rows: ₩40억 available, ₩33.4억 executed (83.5%), 550 t, 2 without actuals", () => {
    const t = st.total;
    assert.equal(t.available_krw, 40 * EOK);
    assert.equal(t.executed_krw, 33.4 * EOK);
    assert.ok(Math.abs(t.rate! - 0.835) < 1e-12);
    assert.deepEqual(
      [t.actual_tco2e, t.actual_missing, t.unsettled, t.targets, t.targets_met, t.provisional, t.count],
      [550, 2, 3, 2, 1, 1, 7],
    );
    assert.deepEqual(
      st.byClass.map((r) => [r.key, r.count, r.executed_krw / EOK]),
      [
        ["reduction", 5, 13.4],
        ["emission", 1, 20],
        ["mixed", 1, 0],
      ],
    );
    assert.deepEqual(
      st.bySector.map((r) => [r.key, r.executed_krw / EOK]),
      [
        ["buildings", 7],
        ["transport", 6.4],
        ["sinks", 0],
        ["policy_base", 0],
      ],
    );
    assert.deepEqual(
      st.byBureau.map((r) => r.key),
      ["건설국", "건축국", "교통국", "농업국", "환경국"],
    );
  });
});

describe("a line moved from an agenda action's own budget row", () => {
  const moved = (validated: boolean) =>
    line({
      code: "900-999-AGENDA-A0001-R1",
      class: "neutral",
      amount: { original_krw: 7 * EOK },
      action: "brt" as never,
      migrated: {
        from: "agenda",
        action: "brt" as never,
        row: { year: 2024, planned_krw: 7 * EOK, illustrative: true, note: "예시" },
      },
      ...(validated ? { validation: { by: "예산담당관", date: "2024-03-01" } } : {}),
    });
  const statementWith = (l: BudgetLine) =>
    budgetStatement({
      year: 2024,
      settings: SETTINGS,
      scheme: CLASS_SCHEMES.seoul!,
      lines: [...LINES, l],
      lastYear: LAST,
      budgetYear: { year: 2024, stage: "adopted", published: true, exclusions: [] },
      actions: ACTIONS,
    });

  test("waits outside the statements until its class is validated, and the statement counts it", () => {
    const waiting = statementWith(moved(false));
    // the same ₩118억 and 17 projects as without it; one line waits, counted out of scope
    assert.equal(waiting.summary.total.amount_krw, 118 * EOK);
    assert.equal(waiting.overview.in_scope, 17);
    assert.equal(waiting.overview.awaiting_classification, 1);
    assert.equal(waiting.overview.out_of_scope, 3);
    const validated = statementWith(moved(true));
    assert.equal(validated.summary.total.amount_krw, 125 * EOK);
    assert.equal(validated.overview.awaiting_classification, 0);
  });
});
