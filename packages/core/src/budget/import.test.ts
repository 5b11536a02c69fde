import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBudgetLineRecords, parseSettlementRecords } from "./import.ts";

const good = {
  회계연도: "2024",
  예산과목코드: "120-123-A01-B01-C01",
  세부사업명: "BRT 구축",
  실국: "대중교통국",
  부서: "교통정책과",
  회계: "일반",
  "당초예산(원)": "1,000,000,000",
  분류: "감축",
  분류근거: "대중교통 전환",
  감축유형: "정량",
  감축부문: "수송",
  예시: "예",
};

test("Korean headers and values read into a line", () => {
  const r = parseBudgetLineRecords([good], { file: "lines.csv", lines: [2] });
  assert.ok(r.ok);
  assert.deepEqual(
    [
      r.value[0]!.account,
      r.value[0]!.class,
      r.value[0]!.reduction?.type,
      r.value[0]!.reduction?.sector,
      r.value[0]!.amount.original_krw,
    ],
    ["general", "reduction", "quantitative", "transport", 1_000_000_000],
  );
});

test("every problem with its row and column; nothing is returned", () => {
  const r = parseBudgetLineRecords(
    [good, { ...good, 분류: "좋음", 실국: "", "당초예산(원)": "1.5" }, { ...good }],
    { file: "lines.csv", lines: [2, 3, 4] },
  );
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.column, p.code]),
    [
      [3, "class", "BAD_VALUE"],
      [3, "bureau", "MISSING_VALUE"],
      [3, "original_krw", "BAD_VALUE"],
      [4, "code", "DUPLICATE"],
    ],
  );
});

test("an unknown column is named; a settlement needs its closing state", () => {
  const r = parseBudgetLineRecords([{ ...good, 색깔: "초록" }], { file: "x.csv", lines: [2] });
  assert.ok(!r.ok && r.problems[0]?.column === "색깔");
  const s = parseSettlementRecords(
    [
      {
        year: "2024",
        code: "120-123-A01-B01-C01",
        available_krw: "100",
        executed_krw: "120",
        as_of: "2025-02-28",
        illustrative: "예",
      },
    ],
    { file: "s.csv", lines: [2] },
  );
  assert.deepEqual(!s.ok && s.problems.map((p) => [p.column, p.code]), [["closed", "MISSING_VALUE"]]);
});

test("the indicator's English name and unit are optional columns; English alone is refused on the Korean", () => {
  const indicator = { 성과지표: "BRT 일 이용객", 지표단위: "명/일", 목표치: "30,000", 지표방향: "증가" };
  const r = parseBudgetLineRecords(
    [
      { ...good, ...indicator, "성과지표(영문)": "BRT riders a day", "지표단위(영문)": "riders/day" },
      { ...good, 예산과목코드: "120-123-A01-B01-C02", ...indicator },
    ],
    { file: "lines.csv", lines: [2, 3] },
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value[0]!.reduction?.indicator, {
    name: { ko: "BRT 일 이용객", en: "BRT riders a day" },
    unit: { ko: "명/일", en: "riders/day" },
    target: 30_000,
    direction: "increase",
  });
  // no English: the key is absent (a visible missing value), never the Korean copied
  assert.deepEqual(r.value[1]!.reduction?.indicator?.name, { ko: "BRT 일 이용객" });
  assert.deepEqual(r.value[1]!.reduction?.indicator?.unit, { ko: "명/일" });

  const bad = parseBudgetLineRecords(
    [
      {
        ...good,
        indicator_en: "BRT riders a day",
        indicator_unit: "명/일",
        indicator_target: "1",
        indicator_direction: "증가",
      },
    ],
    { file: "lines.csv", lines: [2] },
  );
  assert.deepEqual(!bad.ok && bad.problems.map((p) => [p.line, p.column, p.code]), [
    [2, "indicator", "MISSING_VALUE"],
  ]);
});
