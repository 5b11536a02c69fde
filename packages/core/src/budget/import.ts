/**
 * Budget lines and settlements from a table (CSV or XLSX rows already read into records): Citypath's own
 * documented layout (docs/reporting.md, "Import layout"), with Korean or English headers and Korean or
 * English values (감축 or reduction, 일반 or general, ...). No city budget system's export format is
 * published, so a city maps its columns to these through an import profile. Every problem comes back with
 * its row and column; the caller stores all rows or none.
 */

import { type Problem, problem, type Result } from "../errors.ts";
import { KR_SECTORS } from "../vocabulary/sectors.ts";
import { type BudgetLine, BudgetLineSchema, type Settlement, SettlementSchema } from "./schema.ts";

/** The columns of the lines layout: English name, Korean header, what it holds. */
export const LINE_COLUMNS = [
  ["year", "회계연도", "fiscal year"],
  ["code", "예산과목코드", "분야-부문-정책사업-단위사업-세부사업"],
  ["name", "세부사업명", "the project's name (Korean)"],
  ["name_en", "사업명(영문)", "the name in English (optional)"],
  ["bureau", "실국", "bureau"],
  ["department", "부서", "department"],
  ["department_id", "부서ID", "the agenda's department id (optional; for the edit rule)"],
  ["account", "회계", "일반 | 특별 | 기금"],
  ["cost_kind", "경비구분", "사업비 | 행정운영경비 | 재무활동비"],
  ["original_krw", "당초예산(원)", "original budget, won"],
  ["supplementary_krw", "추경예산(원)", "after supplementary budgets, won (optional)"],
  ["final_krw", "최종예산(원)", "final budget, won (optional)"],
  ["last_year_krw", "전년예산(원)", "last year's budget, won (optional)"],
  ["class", "분류", "감축 | 배출 | 혼합 | 중립"],
  ["class_reason", "분류근거", "why the class"],
  ["reduction_type", "감축유형", "정량 | 정성 | R&D (reduction lines)"],
  ["sector", "감축부문", "건물 | 수송 | 농축산 | 폐기물 | 흡수원 | 전환 | 산업 | 정책기반"],
  ["aim", "감축목적", "주목적 | 부분 (optional)"],
  ["action", "연계과제", "the linked plan action's id (optional)"],
  ["model_scenario", "모형시나리오", "the pathway scenario of the modelled action (optional)"],
  ["model_action", "모형과제", "the modelled action in that scenario (optional)"],
  ["indicator", "성과지표", "performance indicator, Korean (optional)"],
  ["indicator_en", "성과지표(영문)", "the indicator in English (optional)"],
  ["indicator_unit", "지표단위", "its unit, Korean"],
  ["indicator_unit_en", "지표단위(영문)", "the unit in English (optional)"],
  ["indicator_target", "목표치", "its target"],
  ["indicator_direction", "지표방향", "증가 | 감소"],
  [
    "expected",
    "감축량산정",
    "자체 | 과제 (own estimate, or a share of the linked action's modelled reduction)",
  ],
  ["expected_tco2e", "예상감축량(tCO2eq/년)", "own estimate, tCO2e a year"],
  ["share", "배분비율", "the line's share of the action's reduction, 0-1 (explicit-shares rule)"],
  ["formula", "산정식", "formula"],
  ["activity", "활동량", "activity"],
  ["factor", "배출계수", "factor"],
  ["factor_source", "계수출처", "the factor's source"],
  ["effect_years", "효과기간(년)", "years the effect lasts"],
  ["emission_tco2e", "예상배출량(tCO2eq/년)", "emission and mixed lines: expected emissions"],
  ["emission_cause", "배출원인", "what causes them"],
  ["mitigation", "저감상쇄방안", "mitigation or offset"],
  ["mitigation_krw", "저감예산(원)", "budget for the mitigation, won"],
  ["residual_tco2e", "잔여배출량(tCO2eq/년)", "emissions left after mitigation"],
  ["change_reason", "증감사유", "reason for the change on last year"],
  ["aggregate_of", "사업수(합산행)", "a row standing for several projects: how many"],
  ["validated_by", "검증자", "who validated the class"],
  ["validated_on", "검증일", "when (YYYY-MM-DD)"],
  ["source", "출처", "source id"],
  ["illustrative", "예시", "예 when the figures are illustrative"],
  ["note", "비고", "note"],
] as const;

export const SETTLEMENT_COLUMNS = [
  ["year", "회계연도", "fiscal year"],
  ["code", "예산과목코드", "the line's code"],
  ["available_krw", "예산현액(원)", "budget available, won"],
  ["executed_krw", "집행액(원)", "executed, won"],
  ["carried_over_krw", "이월액(원)", "carried over, won (optional)"],
  ["unused_krw", "불용액(원)", "unused, won (optional)"],
  ["indicator_result", "지표실적", "the indicator's result (optional)"],
  ["actual_tco2e", "실제감축량(tCO2eq)", "actual reduction (optional)"],
  ["actual_formula", "실적산정식", "how it was worked out (with the actual reduction)"],
  ["actual_factor", "실적배출계수", "factor (optional)"],
  ["actual_factor_source", "실적계수출처", "its source (optional)"],
  ["shortfall_reason", "미달사유", "reason for a shortfall"],
  ["improvement", "개선방안", "improvement for next year"],
  ["closed", "결산확정", "예 when the settlement is closed; 아니오 while executions are being recorded"],
  ["as_of", "기준일", "the date executions are recorded to (YYYY-MM-DD)"],
  ["source", "출처", "source id"],
  ["illustrative", "예시", "예 when illustrative"],
  ["note", "비고", "note"],
] as const;

const VALUES: Record<string, Record<string, string>> = {
  account: { 일반: "general", 일반회계: "general", 특별: "special", 특별회계: "special", 기금: "fund" },
  cost_kind: { 사업비: "project", 행정운영경비: "administrative", 재무활동비: "financial" },
  class: { 감축: "reduction", 배출: "emission", 혼합: "mixed", 복합: "mixed", 중립: "neutral" },
  reduction_type: { 정량: "quantitative", 정성: "qualitative", "r&d": "rnd", rd: "rnd" },
  aim: { 주목적: "primary", 부분: "partial" },
  indicator_direction: { 증가: "increase", 감소: "decrease" },
  expected: { 자체: "own", 과제: "action", 잔여: "remainder" },
  sector: {
    ...Object.fromEntries(KR_SECTORS.map((s) => [s.name.ko, s.id])),
    정책기반: "policy_base",
  },
};
const YES = new Set(["예", "y", "yes", "true", "1", "o"]);
const NO = new Set(["아니오", "아니요", "n", "no", "false", "0", "x", ""]);

function headerMap(columns: readonly (readonly [string, string, string])[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const [en, ko] of columns) {
    m.set(en.toLowerCase(), en);
    m.set(ko.toLowerCase(), en);
  }
  return m;
}

interface Where {
  readonly file: string;
  readonly lines: readonly number[];
}

/** A record's fields under the layout's English names; unknown headers are problems. */
function normalise(
  records: readonly Record<string, string>[],
  columns: readonly (readonly [string, string, string])[],
  where: Where,
): { rows: Record<string, string>[]; problems: Problem[] } {
  const map = headerMap(columns);
  const problems: Problem[] = [];
  const headers = Object.keys(records[0] ?? {});
  for (const h of headers)
    if (!map.has(h.trim().toLowerCase()))
      problems.push(
        problem(
          "BAD_VALUE",
          `"${h}" is not a column of the layout (see docs/reporting.md, "Import layout")`,
          {
            file: where.file,
            line: 1,
            column: h,
          },
        ),
      );
  const rows = records.map((r) => {
    const out: Record<string, string> = {};
    for (const [h, v] of Object.entries(r)) {
      const k = map.get(h.trim().toLowerCase());
      if (k) out[k] = (v ?? "").trim();
    }
    return out;
  });
  return { rows, problems };
}

class RowReader {
  readonly problems: Problem[] = [];
  constructor(
    private readonly row: Record<string, string>,
    private readonly file: string,
    private readonly line: number,
  ) {}
  private bad(column: string, message: string) {
    this.problems.push(problem("BAD_VALUE", message, { file: this.file, line: this.line, column }));
  }
  has(c: string): boolean {
    return (this.row[c] ?? "") !== "";
  }
  text(c: string): string | undefined {
    return this.has(c) ? this.row[c] : undefined;
  }
  need(c: string): string | undefined {
    const v = this.text(c);
    if (v === undefined)
      this.problems.push(
        problem("MISSING_VALUE", `"${c}" is empty`, { file: this.file, line: this.line, column: c }),
      );
    return v;
  }
  num(c: string, opts: { int?: boolean } = {}): number | undefined {
    const raw = this.text(c);
    if (raw === undefined) return undefined;
    const n = Number(raw.replace(/,/g, ""));
    if (!Number.isFinite(n)) {
      this.problems.push(
        problem("BAD_NUMBER", `"${raw}" is not a number`, { file: this.file, line: this.line, column: c }),
      );
      return undefined;
    }
    if (opts.int && !Number.isInteger(n)) {
      this.bad(c, `"${raw}" must be a whole number (won)`);
      return undefined;
    }
    return n;
  }
  choice(c: string): string | undefined {
    const raw = this.text(c);
    if (raw === undefined) return undefined;
    const table = VALUES[c] ?? {};
    const lower = raw.toLowerCase();
    const ids = new Set(Object.values(table));
    if (ids.has(lower)) return lower;
    const v = table[raw] ?? table[lower];
    if (v) return v;
    this.bad(c, `"${raw}" is not one of ${[...new Set(Object.keys(table))].join(", ")}`);
    return undefined;
  }
  /** A required number: a problem when empty. */
  needNum(c: string, opts: { int?: boolean } = {}): number | undefined {
    if (!this.has(c)) {
      this.need(c);
      return undefined;
    }
    return this.num(c, opts);
  }
  needChoice(c: string): string | undefined {
    if (!this.has(c)) {
      this.need(c);
      return undefined;
    }
    return this.choice(c);
  }
  needBool(c: string): boolean | undefined {
    if (!this.has(c)) {
      this.need(c);
      return undefined;
    }
    return this.bool(c);
  }
  bool(c: string): boolean | undefined {
    const raw = (this.row[c] ?? "").toLowerCase();
    if (YES.has(raw)) return true;
    if (NO.has(raw)) return raw === "" ? undefined : false;
    this.bad(c, `"${this.row[c]}" is not 예 or 아니오`);
    return undefined;
  }
}

const drop = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Zod issues of a row as problems located at the row and the layout's column. */
function schemaProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  file: string,
  line: number,
  columnOf: (path: string) => string,
): Problem[] {
  return issues.map((i) => {
    const path = i.path.map(String).join(".");
    return problem("BAD_VALUE", i.message, { file, line, column: columnOf(path) });
  });
}

const LINE_PATH_COLUMN: Record<string, string> = {
  "amount.original_krw": "original_krw",
  "amount.supplementary_krw": "supplementary_krw",
  "amount.final_krw": "final_krw",
  reduction: "reduction_type",
  "reduction.expected": "expected",
  emission: "emission_cause",
  "name.ko": "name",
  "name.en": "name_en",
  "reduction.indicator.name.ko": "indicator",
  "reduction.indicator.name.en": "indicator_en",
  "reduction.indicator.unit.ko": "indicator_unit",
  "reduction.indicator.unit.en": "indicator_unit_en",
};
const lineColumn = (path: string) => LINE_PATH_COLUMN[path] ?? path.split(".").pop() ?? path;

/** Lines from records; every problem with row and column. */
export function parseBudgetLineRecords(
  records: readonly Record<string, string>[],
  where: Where,
): Result<BudgetLine[]> {
  const { rows, problems } = normalise(records, LINE_COLUMNS, where);
  const out: BudgetLine[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = where.lines[i] ?? i + 2;
    const r = new RowReader(row, where.file, line);
    const cls = r.needChoice("class");
    const type = r.choice("reduction_type");
    const sector = r.choice("sector");
    const expectedKind = r.choice("expected");
    // an English name or unit without the Korean indicator is a problem on the Korean column, not dropped
    const hasIndicator = r.has("indicator") || r.has("indicator_en") || r.has("indicator_unit_en");
    const method = r.has("formula")
      ? drop({
          formula: r.text("formula")!,
          activity: r.text("activity"),
          factor: r.text("factor"),
          factor_source: r.text("factor_source"),
          effect_years: r.num("effect_years", { int: true }),
        })
      : undefined;
    const reduction =
      type || sector
        ? drop({
            type,
            sector,
            aim: r.choice("aim"),
            indicator: hasIndicator
              ? drop({
                  name: drop({ ko: r.need("indicator"), en: r.text("indicator_en") }),
                  unit: drop({ ko: r.need("indicator_unit"), en: r.text("indicator_unit_en") }),
                  target: r.needNum("indicator_target"),
                  direction: r.needChoice("indicator_direction"),
                })
              : undefined,
            expected:
              expectedKind === "remainder"
                ? {
                    kind: "remainder",
                    total_tco2e_per_year: r.needNum("expected_tco2e"),
                    method: method ?? { formula: r.need("formula") },
                  }
                : expectedKind === "action"
                  ? drop({ kind: "action", share: r.num("share") })
                  : expectedKind === "own" || r.has("expected_tco2e")
                    ? {
                        kind: "own",
                        tco2e_per_year: r.needNum("expected_tco2e"),
                        method: method ?? { formula: r.need("formula") },
                      }
                    : undefined,
          })
        : undefined;
    const emission =
      r.has("emission_cause") || r.has("emission_tco2e")
        ? drop({
            tco2e_per_year: r.num("emission_tco2e"),
            cause: r.need("emission_cause"),
            mitigation: r.text("mitigation"),
            mitigation_krw: r.num("mitigation_krw", { int: true }),
            residual_tco2e_per_year: r.num("residual_tco2e"),
          })
        : undefined;
    const doc = drop({
      year: r.needNum("year", { int: true }),
      code: r.need("code"),
      name: drop({ ko: r.need("name"), en: r.text("name_en") }),
      bureau: r.need("bureau"),
      department: r.need("department"),
      department_id: r.text("department_id"),
      account: r.needChoice("account"),
      cost_kind: r.choice("cost_kind") ?? "project",
      amount: drop({
        original_krw: r.needNum("original_krw", { int: true }),
        supplementary_krw: r.num("supplementary_krw", { int: true }),
        final_krw: r.num("final_krw", { int: true }),
      }),
      last_year_krw: r.num("last_year_krw", { int: true }),
      class: cls,
      class_reason: r.need("class_reason"),
      reduction,
      emission,
      action: r.text("action"),
      model: r.has("model_action")
        ? { scenario: r.need("model_scenario"), action: r.text("model_action") }
        : undefined,
      change_reason: r.text("change_reason"),
      aggregate_of: r.num("aggregate_of", { int: true }),
      validation: r.has("validated_by")
        ? { by: r.text("validated_by"), date: r.need("validated_on") }
        : undefined,
      source: r.text("source"),
      illustrative: r.bool("illustrative"),
      note: r.text("note"),
    });
    problems.push(...r.problems);
    if (r.problems.length) return;
    const parsed = BudgetLineSchema.safeParse(doc);
    if (!parsed.success) {
      problems.push(...schemaProblems(parsed.error.issues, where.file, line, lineColumn));
      return;
    }
    const key = `${parsed.data.year}|${parsed.data.code}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(
        problem("DUPLICATE", `${parsed.data.year} ${parsed.data.code} is also on line ${first}`, {
          file: where.file,
          line,
          column: "code",
        }),
      );
    seen.set(key, line);
    out.push(parsed.data);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: out, warnings: [] };
}

/** Settlements from records; every problem with row and column. */
export function parseSettlementRecords(
  records: readonly Record<string, string>[],
  where: Where,
): Result<Settlement[]> {
  const { rows, problems } = normalise(records, SETTLEMENT_COLUMNS, where);
  const out: Settlement[] = [];
  rows.forEach((row, i) => {
    const line = where.lines[i] ?? i + 2;
    const r = new RowReader(row, where.file, line);
    const doc = drop({
      year: r.needNum("year", { int: true }),
      code: r.need("code"),
      available_krw: r.needNum("available_krw", { int: true }),
      executed_krw: r.needNum("executed_krw", { int: true }),
      carried_over_krw: r.num("carried_over_krw", { int: true }),
      unused_krw: r.num("unused_krw", { int: true }),
      indicator_result: r.num("indicator_result"),
      actual: r.has("actual_tco2e")
        ? {
            tco2e: r.num("actual_tco2e"),
            method: drop({
              formula: r.need("actual_formula"),
              factor: r.text("actual_factor"),
              factor_source: r.text("actual_factor_source"),
            }),
          }
        : undefined,
      shortfall_reason: r.text("shortfall_reason"),
      improvement: r.text("improvement"),
      closed: r.needBool("closed"),
      as_of: r.need("as_of"),
      source: r.text("source"),
      illustrative: r.bool("illustrative"),
      note: r.text("note"),
    });
    problems.push(...r.problems);
    if (r.problems.length) return;
    const parsed = SettlementSchema.safeParse(doc);
    if (!parsed.success) {
      problems.push(...schemaProblems(parsed.error.issues, where.file, line, (p) => p.split(".").pop() ?? p));
      return;
    }
    out.push(parsed.data);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: out, warnings: [] };
}
