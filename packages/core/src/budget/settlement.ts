/**
 * The settlement statement (결산서) as data: per line the budget available, executed, execution rate,
 * carried over and unused, the indicator's result and whether its target was met, the actual reduction
 * with its method, the reason for a shortfall and the improvement; summary rows per class, sector and
 * bureau. A line whose settlement is not closed shows the executions so far, marked provisional; a line
 * without any settlement record is listed as such, never as 0.
 */
import { lineAmount } from "./attribution.ts";
import { type ClassScheme, type SchemeClass, schemeClassOf } from "./classes.ts";
import type { BudgetLine, BudgetSettings, IndicatorTarget, LocalText, Settlement } from "./schema.ts";
import { BUDGET_SECTOR_ORDER, inScope, projectCount, sectorName } from "./statement.ts";

/** Executed / available; undefined when nothing was available. */
export function executionRate(s: Pick<Settlement, "available_krw" | "executed_krw">): number | undefined {
  return s.available_krw > 0 ? s.executed_krw / s.available_krw : undefined;
}

/** Whether the indicator met its target; undefined without a result. */
export function targetMet(
  indicator: Pick<IndicatorTarget, "target" | "direction">,
  result: number | undefined,
): boolean | undefined {
  if (result === undefined) return undefined;
  return indicator.direction === "increase" ? result >= indicator.target : result <= indicator.target;
}

export interface SettlementRow {
  readonly line: BudgetLine;
  readonly class: SchemeClass;
  readonly budget_krw: number;
  /** Absent: no settlement recorded for the line. */
  readonly settlement: Settlement | undefined;
  readonly rate: number | undefined;
  readonly met: boolean | undefined;
  readonly provisional: boolean;
}

export interface SettlementSummaryRow {
  readonly key: string;
  readonly name: LocalText;
  readonly count: number;
  readonly available_krw: number;
  readonly executed_krw: number;
  readonly rate: number | undefined;
  readonly carried_over_krw: number;
  readonly unused_krw: number;
  readonly actual_tco2e: number;
  /** Lines whose actual reduction is not calculated (reduction lines only). */
  readonly actual_missing: number;
  readonly targets: number;
  readonly targets_met: number;
  /** Lines counted without a settlement record. */
  readonly unsettled: number;
  readonly provisional: number;
}

export interface SettlementStatement {
  readonly year: number;
  readonly scheme: ClassScheme;
  readonly rows: readonly SettlementRow[];
  readonly byClass: readonly SettlementSummaryRow[];
  readonly bySector: readonly SettlementSummaryRow[];
  readonly byBureau: readonly SettlementSummaryRow[];
  readonly total: SettlementSummaryRow;
  /** True when any line's settlement is not closed (the statement is provisional). */
  readonly provisional: boolean;
}

function summarise(key: string, name: LocalText, rows: readonly SettlementRow[]): SettlementSummaryRow {
  let available = 0;
  let executed = 0;
  let carried = 0;
  let unused = 0;
  let actual = 0;
  let missing = 0;
  let targets = 0;
  let met = 0;
  let unsettled = 0;
  let provisional = 0;
  let count = 0;
  for (const r of rows) {
    count += projectCount(r.line);
    const s = r.settlement;
    if (!s) {
      unsettled += projectCount(r.line);
      continue;
    }
    available += s.available_krw;
    executed += s.executed_krw;
    carried += s.carried_over_krw ?? 0;
    unused += s.unused_krw ?? 0;
    if (s.actual) actual += s.actual.tco2e;
    else if (r.line.class === "reduction") missing += projectCount(r.line);
    if (r.line.reduction?.indicator && s.indicator_result !== undefined) {
      targets++;
      if (r.met) met++;
    }
    if (r.provisional) provisional++;
  }
  return {
    key,
    name,
    count,
    available_krw: available,
    executed_krw: executed,
    rate: available > 0 ? executed / available : undefined,
    carried_over_krw: carried,
    unused_krw: unused,
    actual_tco2e: actual,
    actual_missing: missing,
    targets,
    targets_met: met,
    unsettled,
    provisional,
  };
}

export function settlementStatement(input: {
  readonly year: number;
  readonly settings: BudgetSettings;
  readonly scheme: ClassScheme;
  readonly lines: readonly BudgetLine[];
  readonly settlements: readonly Settlement[];
}): SettlementStatement {
  const { scheme } = input;
  const byCode = new Map(input.settlements.filter((s) => s.year === input.year).map((s) => [s.code, s]));
  const rows: SettlementRow[] = input.lines
    .filter(
      (l) =>
        l.year === input.year &&
        inScope(input.settings, l) &&
        scheme.statementClasses.includes(scheme.map(l)),
    )
    .map((l) => {
      const s = byCode.get(l.code);
      return {
        line: l,
        class: schemeClassOf(scheme, l),
        budget_krw: lineAmount(l),
        settlement: s,
        rate: s ? executionRate(s) : undefined,
        met: s && l.reduction?.indicator ? targetMet(l.reduction.indicator, s.indicator_result) : undefined,
        provisional: s ? !s.closed : false,
      };
    });
  const byClass = scheme.classes
    .filter((k) => scheme.statementClasses.includes(k.id))
    .map((k) =>
      summarise(
        k.id,
        k.name,
        rows.filter((r) => r.class.id === k.id),
      ),
    );
  const bySector = BUDGET_SECTOR_ORDER.map((s) =>
    summarise(
      s,
      sectorName(s),
      rows.filter((r) => r.line.reduction?.sector === s),
    ),
  ).filter((r) => r.count > 0);
  const bureaus = [...new Set(rows.map((r) => r.line.bureau))].sort((a, b) => a.localeCompare(b, "ko"));
  const byBureau = bureaus.map((b) =>
    summarise(
      b,
      { ko: b },
      rows.filter((r) => r.line.bureau === b),
    ),
  );
  return {
    year: input.year,
    scheme,
    rows,
    byClass,
    bySector,
    byBureau,
    total: summarise("total", { ko: "합계", en: "Total" }, rows),
    provisional: rows.some((r) => r.provisional || !r.settlement),
  };
}
