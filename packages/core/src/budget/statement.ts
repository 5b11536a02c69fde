/**
 * The budget statement (예산서) as data: overview, the summary by class with the change on last year,
 * cross-tabulations by function (분야), bureau (실국) and sector (감축부문), the reduction lines, the emission
 * and mixed lines with their mitigation, and the change table. Renderers (HTML, XLSX, PDF) present it as it
 * is; nothing here formats money or does I/O. Columns follow REPORTING.md §B.5.
 */

import type { Problem } from "../errors.ts";
import { KR_SECTOR_IDS_IN_STATEMENT_ORDER, krSector } from "../vocabulary/sectors.ts";
import {
  type ActionReduction,
  ATTRIBUTION_RULE_TEXT,
  attributeReductions,
  type LineReduction,
  lineAmount,
} from "./attribution.ts";
import { type ClassScheme, type SchemeClass, schemeClassOf } from "./classes.ts";
import { functionName, functionOf } from "./functions.ts";
import {
  type BudgetLine,
  type BudgetSector,
  type BudgetSettings,
  type BudgetYear,
  type COST_KINDS,
  type LocalText,
  POLICY_BASE_LABEL,
} from "./schema.ts";

/** The number of projects a line stands for (an aggregate row stands for several). */
export const projectCount = (l: Pick<BudgetLine, "aggregate_of">) => l.aggregate_of ?? 1;

const COST_KIND_NAMES: Record<(typeof COST_KINDS)[number], LocalText> = {
  project: { ko: "사업비", en: "project costs" },
  administrative: { ko: "행정운영경비", en: "administrative costs" },
  financial: { ko: "재무활동비", en: "financial activities" },
};

export function sectorName(s: BudgetSector): LocalText {
  return s === "policy_base" ? POLICY_BASE_LABEL : krSector(s).name;
}
/** The statement's sector rows: the seven in the statement's order (vocabulary/sectors.ts), then the policy base. */
export const BUDGET_SECTOR_ORDER: readonly BudgetSector[] = [
  ...KR_SECTOR_IDS_IN_STATEMENT_ORDER,
  "policy_base",
];

/** A line made from an agenda row whose class nobody has validated yet: in no statement until it is. */
export const awaitsClassification = (l: BudgetLine): boolean => l.migrated !== undefined && !l.validation;

/** Whether the city's scope rule takes the line in (and its class is more than a migration's placeholder). */
export function inScope(
  settings: Pick<BudgetSettings, "min_amount_krw" | "excluded_cost_kinds">,
  l: BudgetLine,
): boolean {
  if (awaitsClassification(l)) return false;
  if (settings.excluded_cost_kinds.includes(l.cost_kind)) return false;
  if (settings.min_amount_krw !== undefined && lineAmount(l) < settings.min_amount_krw) return false;
  return true;
}

/** The scope rule in words (the statement's overview). */
export function scopeRuleText(
  settings: Pick<BudgetSettings, "min_amount_krw" | "excluded_cost_kinds">,
): LocalText {
  const parts: LocalText[] = [];
  if (settings.min_amount_krw !== undefined) {
    const eok = settings.min_amount_krw / 1e8;
    parts.push({
      ko: `예산액 ${eok.toLocaleString("ko-KR")}억원 이상 세부사업`,
      en: `projects (세부사업) of ₩${(settings.min_amount_krw / 1e6).toLocaleString("en-US")} million or more`,
    });
  } else parts.push({ ko: "모든 세부사업", en: "every project (세부사업)" });
  if (settings.excluded_cost_kinds.length)
    parts.push({
      ko: `제외: ${settings.excluded_cost_kinds.map((k) => COST_KIND_NAMES[k].ko).join(", ")}`,
      en: `excluded: ${settings.excluded_cost_kinds.map((k) => COST_KIND_NAMES[k].en).join(", ")}`,
    });
  return { ko: parts.map((p) => p.ko).join("; "), en: parts.map((p) => p.en).join("; ") };
}

export interface CountAmount {
  readonly count: number;
  readonly amount_krw: number;
}

export interface ClassSummaryRow extends CountAmount {
  readonly class: SchemeClass;
  /** Share of the total in-scope amount (0..1); undefined when the total is 0. */
  readonly share?: number;
  readonly last: CountAmount | undefined;
  readonly change_krw: number | undefined;
  /** Change on last year (ratio); undefined without last year or from 0. */
  readonly change_ratio: number | undefined;
}

export interface CrossTabRow {
  readonly key: string;
  readonly name: LocalText;
  /** By scheme class id. */
  readonly cells: Readonly<Record<string, CountAmount>>;
  readonly total: CountAmount;
}

export interface SectorRow extends CountAmount {
  readonly sector: BudgetSector;
  readonly name: LocalText;
  /** Sum of the estimated reductions (tCO2e a year). */
  readonly expected_tco2e: number;
  /** Lines of the sector counted "정성 (미산정)". */
  readonly not_estimated: number;
}

export interface ReductionLineRow {
  readonly line: BudgetLine;
  readonly class: SchemeClass;
  readonly amount_krw: number;
  readonly reduction: LineReduction;
  readonly action_name?: LocalText;
}

export interface EmissionLineRow {
  readonly line: BudgetLine;
  readonly class: SchemeClass;
  readonly amount_krw: number;
}

export const CHANGE_KINDS = ["continued", "cut", "excluded", "new"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_NAMES: Record<ChangeKind, LocalText> = {
  continued: { ko: "계속", en: "Continued" },
  cut: { ko: "감액", en: "Cut" },
  excluded: { ko: "제외", en: "Excluded" },
  new: { ko: "신규", en: "New" },
};

export interface ChangeRow {
  readonly code: string;
  readonly name: LocalText;
  readonly kind: ChangeKind;
  readonly last_krw: number | undefined;
  readonly this_krw: number | undefined;
  readonly change_krw: number;
  /** Undefined when nobody wrote one (shown as "사유 미기재"). */
  readonly reason: string | undefined;
}

export interface BudgetStatement {
  readonly year: number;
  readonly scheme: ClassScheme;
  readonly overview: {
    readonly purpose: LocalText;
    readonly legal_basis: LocalText;
    readonly scope: LocalText;
    readonly attribution: LocalText;
    readonly assumptions: readonly LocalText[];
    readonly in_scope: number;
    readonly out_of_scope: number;
    /** Of those out of scope: lines migrated from the agenda's rows whose class is not validated yet. */
    readonly awaiting_classification: number;
    /** Whether any line in the statement is illustrative (the statement says so). */
    readonly illustrative_lines: number;
  };
  readonly summary: { readonly rows: readonly ClassSummaryRow[]; readonly total: ClassSummaryRow };
  readonly byFunction: readonly CrossTabRow[];
  readonly byBureau: readonly CrossTabRow[];
  readonly bySector: readonly SectorRow[];
  readonly reductionLines: readonly ReductionLineRow[];
  readonly emissionLines: readonly EmissionLineRow[];
  readonly changes: readonly ChangeRow[];
  readonly totals: {
    readonly expected_tco2e: number;
    readonly not_estimated: number;
    readonly reduction_count: number;
    readonly reduction_krw: number;
  };
  readonly problems: readonly Problem[];
}

export interface BudgetStatementInput {
  readonly year: number;
  readonly settings: BudgetSettings;
  readonly scheme: ClassScheme;
  readonly lines: readonly BudgetLine[];
  /** Last year's lines (may be empty: then each line's `last_year_krw` gives the change). */
  readonly lastYear: readonly BudgetLine[];
  readonly budgetYear?: BudgetYear;
  readonly actions: ReadonlyMap<string, ActionReduction>;
  /** Names of linked actions, for the "계획 과제" column. */
  readonly actionNames?: ReadonlyMap<string, LocalText>;
}

const add = (a: CountAmount, l: BudgetLine): CountAmount => ({
  count: a.count + projectCount(l),
  amount_krw: a.amount_krw + lineAmount(l),
});
const ZERO: CountAmount = { count: 0, amount_krw: 0 };

function crossTab(
  lines: readonly BudgetLine[],
  scheme: ClassScheme,
  keyOf: (l: BudgetLine) => string,
  nameOf: (key: string) => LocalText,
): CrossTabRow[] {
  const rows = new Map<string, { cells: Record<string, CountAmount>; total: CountAmount }>();
  for (const l of lines) {
    const key = keyOf(l);
    const cls = scheme.map(l);
    const row = rows.get(key) ?? { cells: {}, total: ZERO };
    row.cells[cls] = add(row.cells[cls] ?? ZERO, l);
    row.total = add(row.total, l);
    rows.set(key, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "ko"))
    .map(([key, r]) => {
      const cells: Record<string, CountAmount> = {};
      for (const k of scheme.classes) cells[k.id] = r.cells[k.id] ?? ZERO;
      return { key, name: nameOf(key), cells, total: r.total };
    });
}

/** Builds the budget statement of one year. */
export function budgetStatement(input: BudgetStatementInput): BudgetStatement {
  const { scheme, settings } = input;
  const lines = input.lines.filter((l) => l.year === input.year && inScope(settings, l));
  const last = input.lastYear.filter((l) => l.year === input.year - 1 && inScope(settings, l));
  const haveLastYear = input.lastYear.length > 0;
  const att = attributeReductions(lines, input.actions, settings.attribution);

  // summary by class
  const total = lines.reduce(add, ZERO);
  const lastTotal = last.reduce(add, ZERO);
  const summaryRow = (
    k: SchemeClass,
    now: CountAmount,
    before: CountAmount | undefined,
  ): ClassSummaryRow => ({
    class: k,
    ...now,
    ...(total.amount_krw > 0 ? { share: now.amount_krw / total.amount_krw } : {}),
    last: before,
    change_krw: before ? now.amount_krw - before.amount_krw : undefined,
    change_ratio:
      before && before.amount_krw > 0 ? (now.amount_krw - before.amount_krw) / before.amount_krw : undefined,
  });
  const lastOf = (id: string): CountAmount | undefined => {
    if (haveLastYear) return last.filter((l) => scheme.map(l) === id).reduce(add, ZERO);
    // without last year's lines: the line's own last_year_krw, where every line of the class has one
    const of = lines.filter((l) => scheme.map(l) === id);
    if (of.length === 0 || of.some((l) => l.last_year_krw === undefined)) return undefined;
    return {
      count: of.reduce((s, l) => s + projectCount(l), 0),
      amount_krw: of.reduce((s, l) => s + (l.last_year_krw ?? 0), 0),
    };
  };
  const rows = scheme.classes.map((k) =>
    summaryRow(k, lines.filter((l) => scheme.map(l) === k.id).reduce(add, ZERO), lastOf(k.id)),
  );
  const totalRow = summaryRow(
    { id: "total", name: { ko: "합계", en: "Total" }, color: "#000000" },
    total,
    haveLastYear ? lastTotal : undefined,
  );

  // sectors (reduction lines with a sector)
  const sectorRows: SectorRow[] = [];
  for (const s of BUDGET_SECTOR_ORDER) {
    const of = lines.filter((l) => l.reduction?.sector === s && l.class === "reduction");
    if (of.length === 0) continue;
    let expected = 0;
    let notEstimated = 0;
    for (const l of of) {
      const r = att.lines.get(l.code);
      if (r?.kind === "estimated") expected += r.tco2e_per_year;
      else if (r?.kind === "not_estimated") notEstimated += projectCount(l);
    }
    sectorRows.push({
      sector: s,
      name: sectorName(s),
      ...of.reduce(add, ZERO),
      expected_tco2e: expected,
      not_estimated: notEstimated,
    });
  }

  const statementLines = lines.filter((l) => scheme.statementClasses.includes(scheme.map(l)));
  const reductionLines: ReductionLineRow[] = lines
    .filter((l) => l.class === "reduction")
    .map((l) => ({
      line: l,
      class: schemeClassOf(scheme, l),
      amount_krw: lineAmount(l),
      reduction: att.lines.get(l.code) ?? { kind: "qualitative" },
      ...(l.action && input.actionNames?.get(l.action)
        ? { action_name: input.actionNames.get(l.action)! }
        : {}),
    }));
  const emissionLines: EmissionLineRow[] = lines
    .filter(
      (l) =>
        (l.class === "emission" || l.class === "mixed") && scheme.statementClasses.includes(scheme.map(l)),
    )
    .map((l) => ({ line: l, class: schemeClassOf(scheme, l), amount_krw: lineAmount(l) }));

  // change table over the statement's lines
  const changes: ChangeRow[] = [];
  const lastStatement = new Map(
    last.filter((l) => scheme.statementClasses.includes(scheme.map(l))).map((l) => [l.code, l]),
  );
  const excluded = new Map((input.budgetYear?.exclusions ?? []).map((e) => [e.code, e.reason]));
  for (const l of statementLines) {
    const before = haveLastYear ? lastStatement.get(l.code) : undefined;
    const lastKrw = haveLastYear ? (before ? lineAmount(before) : undefined) : l.last_year_krw;
    const now = lineAmount(l);
    const kind: ChangeKind = lastKrw === undefined ? "new" : now < lastKrw ? "cut" : "continued";
    changes.push({
      code: l.code,
      name: l.name,
      kind,
      last_krw: lastKrw,
      this_krw: now,
      change_krw: now - (lastKrw ?? 0),
      reason: l.change_reason,
    });
  }
  const nowCodes = new Set(statementLines.map((l) => l.code));
  for (const [code, l] of lastStatement) {
    if (nowCodes.has(code)) continue;
    const lastKrw = lineAmount(l);
    changes.push({
      code,
      name: l.name,
      kind: "excluded",
      last_krw: lastKrw,
      this_krw: undefined,
      change_krw: -lastKrw,
      reason: excluded.get(code),
    });
  }
  changes.sort(
    (a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code),
  );

  let expected = 0;
  let notEstimated = 0;
  for (const r of reductionLines) {
    if (r.reduction.kind === "estimated") expected += r.reduction.tco2e_per_year;
    else if (r.reduction.kind === "not_estimated") notEstimated += projectCount(r.line);
  }
  const reductionTotal = lines.filter((l) => l.class === "reduction").reduce(add, ZERO);

  return {
    year: input.year,
    scheme,
    overview: {
      purpose: settings.purpose,
      legal_basis: settings.legal_basis,
      scope: scopeRuleText(settings),
      attribution: ATTRIBUTION_RULE_TEXT[settings.attribution],
      assumptions: scheme.assumptions,
      in_scope: lines.reduce((s, l) => s + projectCount(l), 0),
      out_of_scope: input.lines
        .filter((l) => l.year === input.year && !inScope(settings, l))
        .reduce((s, l) => s + projectCount(l), 0),
      awaiting_classification: input.lines.filter((l) => l.year === input.year && awaitsClassification(l))
        .length,
      illustrative_lines: lines.filter((l) => l.illustrative).length,
    },
    summary: { rows, total: totalRow },
    byFunction: crossTab(lines, scheme, (l) => functionOf(l.code), functionName),
    byBureau: crossTab(
      lines,
      scheme,
      (l) => l.bureau,
      (k) => ({ ko: k }),
    ),
    bySector: sectorRows,
    reductionLines,
    emissionLines,
    changes,
    totals: {
      expected_tco2e: expected,
      not_estimated: notEstimated,
      reduction_count: reductionTotal.count,
      reduction_krw: reductionTotal.amount_krw,
    },
    problems: att.problems,
  };
}
