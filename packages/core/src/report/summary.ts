/**
 * Table III-2 of the implementation report, the per-sector summary: per sector (and in total) the number of
 * measures, how many are qualitative, the grade distribution, the mean achievement of the graded
 * quantitative measures, the budget execution rate (Σ executed / Σ available over the measures with a
 * budget, so large projects weigh as their money does), and the reductions achieved (Σ over the measures
 * with a figure; the ones without are counted, not taken as 0).
 */
import { GRADES, type Grade, type MeasureGrade } from "./grades.ts";

export interface SummaryInput {
  /** A plan sector id, or `other` for measures outside the emission sectors. */
  readonly sector: string;
  readonly grade: MeasureGrade["grade"];
  readonly achievement: number | undefined;
  readonly available_krw: number | undefined;
  readonly executed_krw: number | undefined;
  readonly reduction_achieved_tco2e: number | undefined;
}

export interface SectorSummaryRow {
  readonly sector: string;
  readonly measures: number;
  readonly qualitative: number;
  readonly ungraded: number;
  readonly grades: Readonly<Record<Grade, number>>;
  /** Mean of the achievements present; undefined when none. */
  readonly mean_achievement: number | undefined;
  readonly with_achievement: number;
  readonly available_krw: number;
  readonly executed_krw: number;
  readonly execution_rate: number | undefined;
  readonly reduction_tco2e: number;
  /** Measures without a reduction figure. */
  readonly reduction_missing: number;
}

function summarise(sector: string, rows: readonly SummaryInput[]): SectorSummaryRow {
  const grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  let qualitative = 0;
  let ungraded = 0;
  let sumA = 0;
  let nA = 0;
  let avail = 0;
  let exec = 0;
  let red = 0;
  let redMissing = 0;
  for (const r of rows) {
    if (r.grade === "qualitative") qualitative++;
    else if (r.grade === "ungraded") ungraded++;
    else grades[r.grade]++;
    if (r.achievement !== undefined) {
      sumA += r.achievement;
      nA++;
    }
    if (r.available_krw !== undefined && r.executed_krw !== undefined) {
      avail += r.available_krw;
      exec += r.executed_krw;
    }
    if (r.reduction_achieved_tco2e === undefined) redMissing++;
    else red += r.reduction_achieved_tco2e;
  }
  return {
    sector,
    measures: rows.length,
    qualitative,
    ungraded,
    grades,
    mean_achievement: nA ? sumA / nA : undefined,
    with_achievement: nA,
    available_krw: avail,
    executed_krw: exec,
    execution_rate: avail > 0 ? exec / avail : undefined,
    reduction_tco2e: red,
    reduction_missing: redMissing,
  };
}

/** One row per sector, in `order` (sectors with no measure are left out), then a `total` row. */
export function sectorSummary(rows: readonly SummaryInput[], order: readonly string[]): SectorSummaryRow[] {
  const out: SectorSummaryRow[] = [];
  const known = new Set(order);
  for (const s of order) {
    const mine = rows.filter((r) => r.sector === s);
    if (mine.length) out.push(summarise(s, mine));
  }
  const rest = rows.filter((r) => !known.has(r.sector));
  if (rest.length) out.push(summarise("other", rest));
  out.push(summarise("total", rows));
  return out;
}
