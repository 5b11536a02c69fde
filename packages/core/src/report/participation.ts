/**
 * Section IV's consultation figures per measure (표 Ⅳ-2): which of the report's measures each consultation
 * is about, from the plan item it is on, and the figures of the contributions to those consultations.
 *
 * - a consultation on an action counts under that measure;
 * - one on an indicator counts under every measure of the report that uses the indicator (an indicator shared
 *   by two measures is about both; the rows are then not to be added up, the total row is counted apart);
 * - one on a sector, or on the plan itself, is about no single measure: it gets a row of its own (the sector,
 *   the whole plan) after the measures.
 * - one on the report itself (a draft put to consultation: a plan subject with the report's year) gets the
 *   last row, the report.
 * Rows come in the report's measure order, then sectors in the basic plan's order, then the plan, then the
 * report; measures without a consultation have no row.
 */
import type { ConsultationFigures, FigureContribution, FigureSupport } from "../participation/figures.ts";
import { consultationFigures } from "../participation/figures.ts";
import type { SubjectKind } from "../participation/vocabulary.ts";
import type { Text } from "../vocabulary/text.ts";

export interface ParticipationByMeasureRow {
  /** What the row is about: a measure (action), a sector of the plan, or the whole plan. */
  readonly scope: "measure" | "sector" | "plan" | "report";
  /** The action, sector or plan id. */
  readonly id: string;
  /** The measure's number in the report ("1-2"); absent for a sector or the plan. */
  readonly no?: string;
  readonly name: Text;
  /** The consultations counted in this row (ids). */
  readonly consultations: readonly string[];
  readonly figures: ConsultationFigures;
}

export interface ParticipationByMeasureInput {
  readonly consultations: readonly {
    readonly id: string;
    readonly subject: { kind: SubjectKind; id: string; report_year?: number };
  }[];
  /** Contributions, each with the consultation it was made to. */
  readonly contributions: readonly (FigureContribution & { readonly consultation: string })[];
  readonly supports: readonly FigureSupport[];
  /** The report's measures in its order. */
  readonly measures: readonly {
    readonly id: string;
    readonly no?: string;
    readonly name: Text;
    readonly indicators: readonly string[];
  }[];
  /** The sectors in the order rows should list them, with their names. */
  readonly sectors: readonly { readonly id: string; readonly name: Text }[];
  readonly plan: { readonly id: string; readonly name: Text };
  /** The year the report checks (a consultation on the report names it). */
  readonly year: number;
  /** When overdue is judged (epoch ms). */
  readonly now: number;
}

export function participationByMeasure(input: ParticipationByMeasureInput): ParticipationByMeasureRow[] {
  const groups: { scope: ParticipationByMeasureRow["scope"]; id: string; no?: string; name: Text }[] = [
    ...input.measures.map((m) => ({
      scope: "measure" as const,
      id: m.id,
      ...(m.no === undefined ? {} : { no: m.no }),
      name: m.name,
    })),
    ...input.sectors.map((s) => ({ scope: "sector" as const, id: s.id, name: s.name })),
    { scope: "plan", id: input.plan.id, name: input.plan.name },
    {
      scope: "report",
      id: input.plan.id,
      name: {
        ko: `${input.year}년 이행점검 결과보고서 (초안)`,
        en: `The ${input.year} implementation report (draft)`,
      },
    },
  ];
  const rowsOf = (subject: { kind: SubjectKind; id: string; report_year?: number }): string[] => {
    if (subject.report_year !== undefined)
      return subject.kind === "plan" && subject.id === input.plan.id && subject.report_year === input.year
        ? [`report:${subject.id}`]
        : [];
    switch (subject.kind) {
      case "action":
        return input.measures.some((m) => m.id === subject.id) ? [`measure:${subject.id}`] : [];
      case "indicator":
        return input.measures.filter((m) => m.indicators.includes(subject.id)).map((m) => `measure:${m.id}`);
      case "sector":
        return [`sector:${subject.id}`];
      case "plan":
        return subject.id === input.plan.id ? [`plan:${subject.id}`] : [];
      default:
        return [];
    }
  };
  const consultationsOf = new Map<string, string[]>();
  for (const c of input.consultations)
    for (const row of rowsOf(c.subject))
      consultationsOf.set(row, [...(consultationsOf.get(row) ?? []), c.id]);
  const out: ParticipationByMeasureRow[] = [];
  for (const g of groups) {
    const ids = consultationsOf.get(`${g.scope}:${g.id}`);
    if (!ids) continue;
    const wanted = new Set(ids);
    const contributions = input.contributions.filter((c) => wanted.has(c.consultation));
    const mine = new Set(contributions.map((c) => c.id));
    const supports = input.supports.filter((s) => mine.has(s.contributionId));
    out.push({
      scope: g.scope,
      id: g.id,
      ...(g.no === undefined ? {} : { no: g.no }),
      name: g.name,
      consultations: ids,
      figures: consultationFigures(contributions, supports, input.now),
    });
  }
  return out;
}
