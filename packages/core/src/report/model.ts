/**
 * The implementation report (이행점검 결과보고서) as data, assembled from what a city holds: the structure of
 * REPORTING.md §A.6 (cover, I–VI, annexes). `assembleReport` is pure: the server gathers the inputs (the
 * agenda, the year's budget lines and settlements, the latest inventory, the plan scenario's sector path,
 * the target, the LMDI decomposition, the modelled and observed abatement of linked measures, and the
 * report's entries) and the renderers print the result as it is.
 *
 * Rules
 * - A measure's indicator: the first of its indicators with a target for the year (a goal of that year, or
 *   for cumulative and level indicators the goal path interpolated linearly between goal years), else the
 *   indicator of its budget line (성과지표) with the settlement's result. Without either it is qualitative.
 * - Its budget: the lines funding it in the year (`action`); executed and available from the settlements,
 *   closed ones as they are, open ones as "executions so far" (provisional). No settlement: planned only.
 * - Its reduction: target = the lines' own estimates, else the scenario's expected abatement; achieved = the
 *   settlements' actual reductions with their method, else the abatement implied by the observed indicator
 *   through the action's model.
 */

import { type LegalCalendar, legalDeadlines } from "../agenda/calendar.ts";
import { cityValue } from "../agenda/modelled.ts";
import type { Action, Department, Indicator, Plan, Source } from "../agenda/schema.ts";
import { lineAmount } from "../budget/attribution.ts";
import type { BudgetLine, LocalText, Settlement } from "../budget/schema.ts";
import type { LmdiEffect } from "../decompose/lmdi.ts";
import type { ConsultationFigures } from "../participation/figures.ts";
import type { ParticipationByMeasureRow } from "./participation.ts";

/**
 * Section IV's consultation figures: contributions made in the year checked to the consultations on the
 * plan and its items, as things stood on the data date, and which consultations they were.
 */
export type ReportParticipation = ConsultationFigures & {
  readonly consultations: readonly {
    readonly id: string;
    readonly title: Text;
    /** Demo consultations whose contributions are made up. */
    readonly illustrative: boolean;
  }[];
  /** The same per measure (표 Ⅳ-2); absent in reports completed before it was computed. */
  readonly by_measure?: readonly ParticipationByMeasureRow[];
};

import { KR_SECTOR_IDS, KR_SECTORS } from "../vocabulary/sectors.ts";
import type { InventoryStatus } from "../vocabulary/statuses.ts";
import type { Text } from "../vocabulary/text.ts";
import type { InventoryVerificationStatus } from "../vocabulary/verification.ts";
import { type EmissionsCheckRow, emissionsCheck, type TargetPath, targetPathValue } from "./emissions.ts";
import {
  achievement,
  executionRateOf,
  type GradingRules,
  gradeMeasure,
  type MeasureGrade,
  type ReportStatus,
  reportStatus,
} from "./grades.ts";
import type { FollowUp, Opinion, ReportEntries, ReportSettings } from "./schema.ts";
import { type SectorSummaryRow, sectorSummary } from "./summary.ts";

export const REPORT_FORMAT = "citypath-implementation-report/1";

/** A measure's modelled abatement in the year checked (from the pathway and the observed indicator). */
export interface ModelledAbatement {
  readonly expected_tco2e: number;
  readonly implied_tco2e?: number | undefined;
  /** The model, scenario and action, and the instance, e.g. "brt_corridor (agenda_2021/brt_giringdaero, jeonju v1)". */
  readonly method: string;
}

/** An inventory's verification status as section II states it (core/vocabulary/verification.ts). */
export interface InventoryVerificationNote {
  readonly status: InventoryVerificationStatus;
  readonly verified_by: string | null;
  readonly verified_on: string | null;
  /** Where the status comes from (Korean, with English where entered); null when nothing was recorded. */
  readonly basis: LocalText | null;
  readonly illustrative: boolean;
}

export interface EmissionsInput {
  readonly inventory: {
    readonly version: number;
    readonly status: InventoryStatus;
    /** Whether the inventory's figures were verified (absent: nothing recorded, provisional). */
    readonly verification?: InventoryVerificationNote | undefined;
    readonly year: number;
    readonly gwp_set: string;
    /** Per plan sector, tCO2e in the inventory's latest year. */
    readonly sectors: Readonly<Record<string, number>>;
    /** Per plan sector in the base year, where the inventory has the base year. */
    readonly base_sectors?: Readonly<Record<string, number>> | undefined;
  };
  readonly scenario: {
    readonly id: string;
    readonly name: Text;
    /** Per plan sector and year, tCO2e. */
    readonly sectors: Readonly<Record<string, Readonly<Record<number, number>>>>;
  };
  /** Per sector, the linked measures' expected less implied abatement in the year checked. */
  readonly shortfall: Readonly<Record<string, number>>;
  readonly target: {
    readonly id: string;
    readonly name: Text;
    readonly path: TargetPath;
    readonly source?: string;
  };
  readonly instance: string;
}

export interface DecompositionInput {
  readonly from: number;
  readonly to: number;
  readonly sectors: readonly {
    readonly sector: string;
    readonly change: number;
    readonly effects: Record<LmdiEffect, number>;
  }[];
  readonly total: { readonly change: number; readonly effects: Record<LmdiEffect, number> };
  /** The measures' modelled abatement in `to` (the pathway's actions), beside the effects. */
  readonly measures_tco2e: number;
  readonly activity: string;
}

export interface ReportInput {
  readonly city: Text;
  readonly plan: Plan;
  readonly year: number;
  /** The data date (YYYY-MM-DD): the figures are as stored on that day. */
  readonly as_of: string;
  readonly settings: ReportSettings;
  readonly calendar: LegalCalendar;
  readonly actions: readonly Action[];
  readonly indicators: readonly Indicator[];
  readonly departments: readonly Department[];
  readonly sources: readonly Source[];
  readonly budget: { readonly lines: readonly BudgetLine[]; readonly settlements: readonly Settlement[] };
  readonly modelled: Readonly<Record<string, ModelledAbatement>>;
  /** Absent when the city has no inventory or no instance: section II then says what is missing. */
  readonly emissions: EmissionsInput | { readonly missing: Text };
  readonly decomposition: DecompositionInput | { readonly missing: Text };
  readonly participation?: ReportParticipation | undefined;
  readonly entries: ReportEntries;
}

export type Figure = { readonly value: number; readonly from: "agenda" | "budget"; readonly note?: Text };

export interface MeasureRow {
  readonly no: string;
  readonly action: string;
  readonly name: Text;
  readonly sector: string;
  /** The lead department's name (Korean; English where the register has it). */
  readonly department: LocalText;
  readonly indicator?: {
    /** The agenda indicator's (both languages) or the budget line's (English where entered). */
    readonly name: LocalText;
    readonly unit: LocalText;
    readonly direction: "increase" | "decrease";
  };
  readonly quantitative: boolean;
  readonly target?: Figure;
  readonly result?: Figure;
  readonly baseline?: number;
  readonly achievement?: number;
  readonly achievement_formula?: string;
  /** Why there is no achievement (no result, no target...). */
  readonly achievement_missing?: Text;
  readonly budget?: {
    readonly planned_krw: number;
    readonly available_krw?: number;
    readonly executed_krw?: number;
    readonly rate?: number;
    /** Not from a closed settlement: the executions recorded so far. */
    readonly provisional: boolean;
    readonly settled: boolean;
  };
  readonly reduction: {
    readonly target_tco2e?: number;
    readonly achieved_tco2e?: number;
    readonly method?: string;
  };
  readonly status: ReportStatus;
  readonly grade: MeasureGrade;
  readonly achievements?: LocalText;
  readonly delay_reason?: LocalText;
  readonly improvement?: LocalText;
  readonly evidence: readonly string[];
  readonly completed_on?: string;
  /**
   * The department that completed the row, by the register's name when the report was built (decision 0095;
   * a frozen report keeps it). Absent with `completed_on`: the department was not recorded.
   */
  readonly completed_by?: LocalText;
  /** Some figure of the row is illustrative. */
  readonly illustrative: boolean;
}

export interface ImplementationReport {
  readonly format: typeof REPORT_FORMAT;
  readonly cover: {
    readonly city: Text;
    readonly plan: Text;
    readonly period: string;
    readonly year: number;
    readonly department: LocalText;
    readonly officer: LocalText;
    readonly committee: {
      readonly name: LocalText;
      readonly date?: string;
      readonly decision?: "original" | "amended";
    };
    readonly submission: { readonly date?: string; readonly due: string; readonly to: readonly LocalText[] };
    readonly council: { readonly date?: string; readonly due: string };
    readonly data_date: string;
    readonly inventory_basis: LocalText;
    readonly gwp_set?: string;
  };
  readonly overview: {
    readonly legal_basis: readonly string[];
    readonly sectors: number;
    readonly measures: number;
    readonly quantitative: number;
    readonly qualitative: number;
    readonly method: Text;
    readonly chain: LocalText;
    readonly schedule: readonly { readonly due: string; readonly title: Text; readonly law: string }[];
    readonly grading: GradingRules;
  };
  readonly emissions:
    | {
        readonly available: true;
        readonly base_year: number;
        readonly inventory: EmissionsInput["inventory"];
        readonly provisional: boolean;
        readonly target: { readonly id: string; readonly name: Text; readonly source?: string };
        readonly scenario: { readonly id: string; readonly name: Text };
        readonly instance: string;
        readonly rows: readonly EmissionsCheckRow[];
        /** How each provisional sector figure was worked out. */
        readonly estimates: readonly { readonly sector: string; readonly formula: string }[];
      }
    | { readonly available: false; readonly missing: Text };
  readonly decomposition: DecompositionInput | { readonly missing: Text };
  readonly measures: readonly MeasureRow[];
  readonly summary: readonly SectorSummaryRow[];
  readonly qualitative: {
    readonly best_practices: readonly LocalText[];
    readonly participation?: ReportParticipation | undefined;
    readonly governance?: LocalText;
    readonly links?: LocalText;
  };
  readonly follow_up: {
    /** Lagging, delayed and 미흡 measures, with the action plan written for them (or none yet). */
    readonly actions: readonly {
      readonly action: string;
      readonly name: Text;
      readonly status: ReportStatus;
      readonly grade: MeasureGrade["grade"];
      readonly plan?: FollowUp;
      /**
       * The register's name of the plan's `owner` (its department id) when the report was built. A report
       * frozen before decision 0095 has none, and its `plan.owner` is the name as staff wrote it.
       */
      readonly owner?: LocalText;
    }[];
    readonly opinions: readonly Opinion[];
    readonly plan_changes?: LocalText;
  };
  readonly record: {
    readonly committee?: ReportEntries["committee"];
    readonly council?: ReportEntries["council"];
  };
  readonly annex: {
    readonly indicators: readonly {
      readonly id: string;
      readonly name: Text;
      readonly unit: Text;
      readonly kind: string;
      readonly direction: string;
      readonly aggregation: string;
      readonly data_source?: Text;
      readonly baseline?: { readonly year: number; readonly value: number };
    }[];
    readonly methods: readonly { readonly action: string; readonly name: Text; readonly method: string }[];
  };
  /** Assumptions, illustrative figures and provisional values, each said once. */
  readonly notices: readonly Text[];
  readonly sources: readonly { readonly id: string; readonly title: string; readonly ref: string }[];
}

const SECTOR_ORDER: readonly string[] = [...KR_SECTOR_IDS, "common"];
const sectorOf = (a: Action) => (a.sectors.length === 1 ? a.sectors[0]! : "common");

/** The year's target of an indicator: the goal of that year, or interpolated on a cumulative or level path. */
export function indicatorTarget(ind: Indicator, year: number): Figure | undefined {
  const g = ind.goals.find((x) => x.year === year);
  if (g) return { value: g.value, from: "agenda" };
  if (ind.aggregation === "annual") return undefined;
  const goals = [...ind.goals].sort((a, b) => a.year - b.year);
  const after = goals.find((x) => x.year > year);
  const before = [...goals].reverse().find((x) => x.year < year);
  // before the first goal, the path starts at the latest observation before it
  const obs = [...ind.observed]
    .filter((o) => o.district === undefined && o.year < year)
    .sort((a, b) => b.year - a.year)[0];
  const start = before ?? (obs ? { year: obs.year, value: obs.value } : undefined);
  if (!after || !start) return undefined;
  const v = start.value + ((after.value - start.value) * (year - start.year)) / (after.year - start.year);
  return {
    value: v,
    from: "agenda",
    note: {
      ko: `${start.year}년 ${start.value.toLocaleString("ko-KR")}에서 ${after.year}년 목표 ${after.value.toLocaleString("ko-KR")}까지 직선 보간`,
      en: `interpolated linearly from ${start.value.toLocaleString("en-US")} in ${start.year} to the ${after.year} goal of ${after.value.toLocaleString("en-US")}`,
    },
  };
}

/** The baseline of a decrease goal: the earliest city-wide observation before the year. */
function baselineOf(ind: Indicator, year: number): { year: number; value: number } | undefined {
  return [...ind.observed]
    .filter((o) => o.district === undefined && o.year < year)
    .sort((a, b) => a.year - b.year)[0];
}

/** The register's name of a department id; an id the register does not hold is shown as it is. */
function departmentName(departments: ReadonlyMap<string, Department>, id: string): LocalText {
  return departments.get(id)?.name ?? { ko: id };
}

function measureRow(
  a: Action,
  no: string,
  input: ReportInput,
  indicators: ReadonlyMap<string, Indicator>,
  departments: ReadonlyMap<string, Department>,
): MeasureRow {
  const year = input.year;
  const lines = input.budget.lines.filter((l) => l.action === a.id && l.year === year);
  const settlements = lines.flatMap((l) =>
    input.budget.settlements.filter((s) => s.code === l.code && s.year === year),
  );
  let illustrative = lines.some((l) => l.illustrative) || settlements.some((s) => s.illustrative);

  // indicator, target and result
  let indicator: MeasureRow["indicator"];
  let target: Figure | undefined;
  let result: Figure | undefined;
  let baseline: { year: number; value: number } | undefined;
  for (const id of a.indicators) {
    const ind = indicators.get(id);
    if (!ind) continue;
    const tg = indicatorTarget(ind, year);
    if (!tg) continue;
    indicator = { name: ind.name, unit: ind.unit_label, direction: ind.direction };
    target = tg;
    const r = cityValue(ind, year);
    if (r) result = { value: r.value, from: "agenda" };
    baseline = ind.direction === "decrease" ? baselineOf(ind, year) : undefined;
    const goal = ind.goals.find((g) => g.year === year);
    const obs = ind.observed.find((o) => o.year === year && o.district === undefined);
    if (goal?.illustrative || obs?.illustrative) illustrative = true;
    break;
  }
  if (!indicator) {
    const line = lines.find((l) => l.reduction?.indicator);
    const it = line?.reduction?.indicator;
    if (line && it) {
      indicator = { name: it.name, unit: it.unit, direction: it.direction };
      target = { value: it.target, from: "budget" };
      const s = settlements.find((x) => x.code === line.code && x.indicator_result !== undefined);
      if (s?.indicator_result !== undefined) result = { value: s.indicator_result, from: "budget" };
    }
  }
  const quantitative = indicator !== undefined;
  const ach = indicator
    ? achievement({
        direction: indicator.direction,
        target: target?.value,
        result: result?.value,
        baseline: baseline?.value,
      })
    : undefined;

  // budget
  let budget: MeasureRow["budget"];
  if (lines.length) {
    const planned = lines.reduce((s, l) => s + lineAmount(l), 0);
    const settled = settlements.length > 0;
    const available = settled ? settlements.reduce((s, x) => s + x.available_krw, 0) : undefined;
    const executed = settled ? settlements.reduce((s, x) => s + x.executed_krw, 0) : undefined;
    const rate =
      available !== undefined && executed !== undefined ? executionRateOf(available, executed) : undefined;
    const provisional = !settled || settlements.some((s) => !s.closed) || settlements.length < lines.length;
    budget = {
      planned_krw: planned,
      ...(available !== undefined ? { available_krw: available } : {}),
      ...(executed !== undefined ? { executed_krw: executed } : {}),
      ...(rate !== undefined ? { rate } : {}),
      provisional,
      settled,
    };
  }

  // reductions
  const own = lines.flatMap((l) => (l.reduction?.expected?.kind === "own" ? [l.reduction.expected] : []));
  const modelled = input.modelled[a.id];
  const reductionTarget = own.length
    ? own.reduce((s, e) => s + e.tco2e_per_year, 0)
    : modelled?.expected_tco2e;
  const actual = settlements.flatMap((s) => (s.actual ? [s.actual] : []));
  const reduction: MeasureRow["reduction"] = actual.length
    ? {
        ...(reductionTarget !== undefined ? { target_tco2e: reductionTarget } : {}),
        achieved_tco2e: actual.reduce((s, x) => s + x.tco2e, 0),
        method: [...new Set(actual.map((x) => x.method.formula))].join("; "),
      }
    : {
        ...(reductionTarget !== undefined ? { target_tco2e: reductionTarget } : {}),
        ...(modelled?.implied_tco2e !== undefined ? { achieved_tco2e: modelled.implied_tco2e } : {}),
        ...(modelled ? { method: modelled.method } : {}),
      };

  const achValue = ach?.ok ? ach.value : undefined;
  const status = reportStatus(a.status, achValue, input.settings.grading);
  const grade = gradeMeasure(
    { quantitative, status, achievement: achValue, execution: budget?.rate },
    input.settings.grading,
  );
  const entry = input.entries.measures.find((m) => m.action === a.id);
  const lead = departments.get(a.departments[0]!);
  return {
    no,
    action: a.id,
    name: a.name,
    sector: sectorOf(a),
    department: lead ? lead.name : { ko: a.departments[0]! },
    ...(indicator ? { indicator } : {}),
    quantitative,
    ...(target ? { target } : {}),
    ...(result ? { result } : {}),
    ...(baseline ? { baseline: baseline.value } : {}),
    ...(ach?.ok ? { achievement: ach.value, achievement_formula: ach.formula } : {}),
    ...(ach && !ach.ok ? { achievement_missing: ach.reason } : {}),
    ...(budget ? { budget } : {}),
    reduction,
    status,
    grade,
    ...(entry?.achievements ? { achievements: entry.achievements } : {}),
    ...(entry?.delay_reason ? { delay_reason: entry.delay_reason } : {}),
    ...(entry?.improvement ? { improvement: entry.improvement } : {}),
    evidence: entry?.evidence ?? [],
    ...(entry?.completed_on ? { completed_on: entry.completed_on } : {}),
    ...(entry?.completed_by ? { completed_by: departmentName(departments, entry.completed_by) } : {}),
    illustrative,
  };
}

/** The plan's measures in the plan's order (policy areas, then their actions), numbered area-item. */
/** The report's measures in its order (policy area by policy area), numbered "area-measure". */
export function planMeasures(input: {
  readonly plan: Plan;
  readonly actions: readonly Action[];
}): { no: string; action: Action }[] {
  const byId = new Map(input.actions.map((a) => [a.id as string, a]));
  const out: { no: string; action: Action }[] = [];
  const seen = new Set<string>();
  input.plan.policy_areas.forEach((area, i) => {
    let k = 0;
    for (const id of area.actions) {
      const a = byId.get(id);
      if (!a || seen.has(id)) continue;
      seen.add(id);
      out.push({ no: `${i + 1}-${++k}`, action: a });
    }
  });
  return out;
}

export function assembleReport(input: ReportInput): ImplementationReport {
  const indicators = new Map(input.indicators.map((i) => [i.id as string, i]));
  const departments = new Map(input.departments.map((d) => [d.id as string, d]));
  const measures = planMeasures(input).map(({ no, action }) =>
    measureRow(action, no, input, indicators, departments),
  );
  const summary = sectorSummary(
    measures.map((m) => ({
      sector: m.sector,
      grade: m.grade.grade,
      achievement: m.achievement,
      available_krw: m.budget?.available_krw,
      executed_krw: m.budget?.executed_krw,
      reduction_achieved_tco2e: m.reduction.achieved_tco2e,
    })),
    SECTOR_ORDER,
  );
  const notices: Text[] = [];
  if (input.settings.grading.assumption) notices.push(input.settings.grading.note);
  const { start_year, end_year } = input.plan.period;
  if (input.year < start_year || input.year > end_year)
    notices.push({
      ko: `점검 연도 ${input.year}년은 계획기간(${start_year}–${end_year}) 밖입니다: 계획 시행 전후의 실적으로 읽어야 합니다.`,
      en: `The year checked, ${input.year}, is outside the plan's period (${start_year}–${end_year}): read it as the record before or after the plan.`,
    });

  // II: emissions against the target
  let emissions: ImplementationReport["emissions"];
  if ("missing" in input.emissions) emissions = { available: false, missing: input.emissions.missing };
  else {
    const e = input.emissions;
    const provisional = input.year > e.inventory.year;
    const estimates: { sector: string; formula: string }[] = [];
    const sectors = KR_SECTOR_IDS.filter(
      (s) => e.inventory.sectors[s] !== undefined || e.scenario.sectors[s] !== undefined,
    ).map((s) => {
      const inv = e.inventory.sectors[s];
      const path = e.scenario.sectors[s];
      const r = (n: number) => Math.round(n).toLocaleString("en-US");
      let value: number | undefined = inv;
      let basis: "inventory" | "estimate" | "model" = "inventory";
      if (inv === undefined) {
        // a sector the inventory does not cover: the scenario's modelled value, said so
        value = path?.[input.year];
        basis = "model";
        if (value !== undefined) estimates.push({ sector: s, formula: `${r(value)} (${e.scenario.id})` });
      } else if (provisional) {
        const from = path?.[e.inventory.year];
        const to = path?.[input.year];
        basis = "estimate";
        if (from === undefined || to === undefined) value = undefined;
        else {
          const short = e.shortfall[s] ?? 0;
          value = inv + (to - from) + short;
          estimates.push({
            sector: s,
            formula: `${r(inv)} + (${r(to)} − ${r(from)}) + ${r(short)} = ${r(value)}`,
          });
        }
      }
      return {
        sector: s,
        base_tco2e: e.inventory.base_sectors?.[s],
        tco2e: value,
        target_tco2e: path?.[input.year],
        provisional: provisional || basis === "model",
        basis,
      };
    });
    emissions = {
      available: true,
      base_year: e.target.path.base_year,
      inventory: e.inventory,
      provisional,
      target: {
        id: e.target.id,
        name: e.target.name,
        ...(e.target.source ? { source: e.target.source } : {}),
      },
      scenario: { id: e.scenario.id, name: e.scenario.name },
      instance: e.instance,
      rows: emissionsCheck(sectors, targetPathValue(e.target.path, input.year), e.target.path.base_tco2e),
      estimates,
    };
    notices.push({
      ko: `부문별 연도 목표는 계획 시나리오(${e.scenario.name.ko})의 부문별 배출 경로이며(가정), 합계 목표는 ${e.target.name.ko}의 경로입니다.`,
      en: `Each sector's target for the year is the plan scenario's (${e.scenario.name.en}) sector path (an assumption); the total's target is the path of ${e.target.name.en}.`,
    });
    if (provisional)
      notices.push({
        ko: `${input.year}년 배출량은 최신 인벤토리(${e.inventory.year}년)에 계획 시나리오의 변화와 연계 과제의 감축 부족분을 더한 잠정 추정치입니다.`,
        en: `The ${input.year} emissions are a provisional estimate: the latest inventory (${e.inventory.year}) moved by the plan scenario's change and the linked measures' shortfall.`,
      });
    if (e.inventory.status === "draft")
      notices.push({ ko: "인벤토리가 초안(미확정)입니다.", en: "The inventory is a draft (not published)." });
    if ((e.inventory.verification?.status ?? "provisional") === "provisional")
      notices.push({
        ko: `인벤토리(v${e.inventory.version})는 검증 전의 잠정치입니다.`,
        en: `The inventory (v${e.inventory.version}) is provisional: not yet verified.`,
      });
  }
  if (measures.some((m) => m.illustrative))
    notices.push({
      ko: "예시(illustrative) 표시된 수치는 출처가 없는 시연용 값입니다.",
      en: "Figures marked illustrative are demo values without a source.",
    });
  if (measures.some((m) => m.budget?.provisional))
    notices.push({
      ko: "결산이 마감되지 않은 사업의 집행액은 현재까지의 집행 실적(잠정)입니다.",
      en: "Where the settlement is not closed, the executed amount is the executions so far (provisional).",
    });
  if (input.entries.illustrative)
    notices.push({
      ko: `서술(주요 성과, 부진 사유, 개선방안, 심의 기록)은 예시입니다${input.entries.note ? `: ${input.entries.note}` : ""}.`,
      en: `The narrative (achievements, reasons, improvements, the committee's record) is illustrative${input.entries.note ? `: ${input.entries.note}` : ""}.`,
    });

  const next = legalDeadlines(input.year + 1, input.calendar);
  const dueOf = (k: string) => next.find((d) => d.kind === k)?.due ?? "";
  const follow = measures
    .filter((m) => m.status === "lagging" || m.status === "delayed" || m.grade.grade === "poor")
    .map((m) => {
      const plan = input.entries.follow_up.find((f) => f.action === m.action);
      return {
        action: m.action,
        name: m.name,
        status: m.status,
        grade: m.grade.grade,
        ...(plan ? { plan } : {}),
        ...(plan?.owner ? { owner: departmentName(departments, plan.owner) } : {}),
      };
    });
  const usedSources = new Set<string>([
    ...input.plan.sources,
    ...input.actions.flatMap((a) => a.sources),
    ...input.budget.lines.flatMap((l) => (l.source ? [l.source] : [])),
    ...input.budget.settlements.flatMap((s) => (s.source ? [s.source] : [])),
  ]);
  const measuredIndicators = new Set(
    planMeasures(input).flatMap(({ action }) => action.indicators as readonly string[]),
  );
  const sectorsCovered = new Set(measures.map((m) => m.sector).filter((s) => s !== "common"));
  return {
    format: REPORT_FORMAT,
    cover: {
      city: input.city,
      plan: input.plan.name,
      period: `${input.plan.period.start_year}–${input.plan.period.end_year}`,
      year: input.year,
      department: input.settings.department,
      officer: input.settings.officer,
      committee: {
        name: input.settings.committee,
        ...(input.entries.committee
          ? { date: input.entries.committee.date, decision: input.entries.committee.decision }
          : {}),
      },
      submission: {
        ...(input.entries.submitted_on ? { date: input.entries.submitted_on } : {}),
        due: dueOf("implementation_report"),
        to: [input.settings.ministry, input.settings.province],
      },
      council: {
        ...(input.entries.council ? { date: input.entries.council.date } : {}),
        due: dueOf("council_report"),
      },
      data_date: input.as_of,
      inventory_basis: input.settings.inventory_basis,
      ...("missing" in input.emissions ? {} : { gwp_set: input.emissions.inventory.gwp_set }),
    },
    overview: {
      legal_basis: [
        "탄소중립기본법 제13조제2항 (이행점검), 제78조제3항 (지방의회 보고)",
        "같은 법 시행령 제8조제5항 (5월 31일까지 제출), 제71조제3항 (12월 31일까지 의회 보고)",
      ],
      sectors: sectorsCovered.size,
      measures: measures.length,
      quantitative: measures.filter((m) => m.quantitative).length,
      qualitative: measures.filter((m) => !m.quantitative).length,
      method: {
        ko: "서면 점검. 정량 지표는 목표 대비 실적(감소 목표는 계획 감소량 대비 달성 감소량)과 예산 집행률로 등급을 매기고, 정성 지표는 등급 없이 따로 집계합니다.",
        en: "A desk check. Quantitative indicators are graded on result against target (for a decrease, the share of the planned decrease achieved) and budget execution; qualitative ones are counted apart, ungraded.",
      },
      chain: input.settings.checking_chain,
      schedule: next
        .filter((d) => d.covers_year === input.year)
        .map((d) => ({ due: d.due, title: d.title, law: d.law })),
      grading: input.settings.grading,
    },
    emissions,
    decomposition: input.decomposition,
    measures,
    summary,
    qualitative: {
      best_practices: input.entries.best_practices,
      participation: input.participation,
      ...(input.entries.governance ? { governance: input.entries.governance } : {}),
      ...(input.entries.links ? { links: input.entries.links } : {}),
    },
    follow_up: {
      actions: follow,
      opinions: input.entries.opinions,
      ...(input.entries.plan_changes ? { plan_changes: input.entries.plan_changes } : {}),
    },
    record: {
      ...(input.entries.committee ? { committee: input.entries.committee } : {}),
      ...(input.entries.council ? { council: input.entries.council } : {}),
    },
    annex: {
      indicators: input.indicators
        .filter((i) => measuredIndicators.has(i.id))
        .map((i) => {
          const b = baselineOf(i, input.year);
          return {
            id: i.id,
            name: i.name,
            unit: i.unit_label,
            kind: i.kind,
            direction: i.direction,
            aggregation: i.aggregation,
            ...(i.data_source ? { data_source: i.data_source } : {}),
            ...(b ? { baseline: b } : {}),
          };
        }),
      methods: measures.flatMap((m) =>
        m.reduction.method ? [{ action: m.action, name: m.name, method: m.reduction.method }] : [],
      ),
    },
    notices,
    sources: input.sources
      .filter((s) => usedSources.has(s.id))
      .map((s) => ({ id: s.id, title: s.title, ref: s.ref })),
  };
}

/** A sector's name for tables (`common`: 공통, `total`: 합계). */
export function reportSectorName(s: string): Text {
  if (s === "total") return { ko: "합계", en: "Total" };
  if (s === "common" || s === "other") return { ko: "공통", en: "Cross-sector" };
  return KR_SECTORS.find((x) => x.id === s)?.name ?? { ko: s, en: s };
}
