/**
 * A statement as titled tables, written once for every format: the HTML page and the PDF print them, the
 * XLSX puts each on a sheet of its own (numbers as numbers). Money is in thousand won (천원), as Korean
 * budget statements write it; a value that is missing is null (shown "–" or a label), never 0.
 */
import {
  CHANGE_NAMES,
  type CrossTabRow,
  type IndicatorTarget,
  type LineReduction,
  type LocalText,
  NOT_ESTIMATED_LABEL,
  type SettlementSummaryRow,
  sectorName,
} from "@citypath/core/budget/index";
import { localIn, UNTRANSLATED_MARK, UNTRANSLATED_NOTE } from "@citypath/core/vocabulary/index";
import type { BuiltStatement, Lang } from "./model.ts";

export type Cell = string | number | null;
export type ColumnKind = "text" | "thousand_krw" | "ratio" | "tco2e" | "count" | "number";

export interface StatementTable {
  /** Sheet name (<= 31 characters). */
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly columns: readonly { readonly label: string; readonly kind: ColumnKind }[];
  readonly rows: readonly Cell[][];
  /** Rows (by index) that are totals. */
  readonly totals?: readonly number[];
}

export interface StatementDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  readonly overview: readonly { readonly label: string; readonly text: string }[];
  readonly notices: readonly string[];
  readonly tables: readonly StatementTable[];
  readonly sources: readonly { readonly id: string; readonly title: string; readonly url?: string }[];
}

/** A local text in the statement's language: in English, a text with no English is the Korean marked [ko]. */
const t = (text: LocalText, lang: Lang) => localIn(text, lang);
const indicatorCell = (ind: IndicatorTarget, lang: Lang) => `${t(ind.name, lang)} (${t(ind.unit, lang)})`;
const L = (ko: string, en: string) => ({ ko, en });
const thousand = (krw: number | undefined) => (krw === undefined ? null : krw / 1000);

const ACCOUNT = { general: L("일반", "General"), special: L("특별", "Special"), fund: L("기금", "Fund") };
const TYPE = {
  quantitative: L("정량", "Quantitative"),
  qualitative: L("정성", "Qualitative"),
  rnd: L("R&D", "R&D"),
};

function reductionCell(r: LineReduction, lang: Lang): Cell {
  if (r.kind === "estimated") return Math.round(r.tco2e_per_year * 10) / 10;
  if (r.kind === "not_estimated") return t(NOT_ESTIMATED_LABEL, lang);
  return t(L("정성", "Qualitative"), lang);
}

function crossTab(
  id: string,
  title: string,
  rows: readonly CrossTabRow[],
  built: BuiltStatement,
  lang: Lang,
): StatementTable {
  const scheme = built.statement.scheme;
  return {
    id,
    title,
    columns: [
      { label: t(L("구분", "Group"), lang), kind: "text" },
      ...scheme.classes.flatMap((k) => [
        { label: `${t(k.name, lang)} ${t(L("사업수", "projects"), lang)}`, kind: "count" as const },
        {
          label: `${t(k.name, lang)} ${t(L("예산액(천원)", "budget (₩ thousand)"), lang)}`,
          kind: "thousand_krw" as const,
        },
      ]),
      { label: t(L("합계 사업수", "Total projects"), lang), kind: "count" },
      { label: t(L("합계 예산액(천원)", "Total budget (₩ thousand)"), lang), kind: "thousand_krw" },
    ],
    rows: rows.map((r) => [
      t(r.name, lang),
      ...scheme.classes.flatMap((k) => [r.cells[k.id]?.count ?? 0, thousand(r.cells[k.id]?.amount_krw ?? 0)]),
      r.total.count,
      thousand(r.total.amount_krw),
    ]),
  };
}

function settlementSummary(
  id: string,
  title: string,
  rows: readonly SettlementSummaryRow[],
  total: SettlementSummaryRow | undefined,
  lang: Lang,
): StatementTable {
  const all = total ? [...rows, total] : rows;
  return {
    id,
    title,
    columns: [
      { label: t(L("구분", "Group"), lang), kind: "text" },
      { label: t(L("사업수", "Projects"), lang), kind: "count" },
      { label: t(L("예산현액(천원)", "Available (₩ thousand)"), lang), kind: "thousand_krw" },
      { label: t(L("집행액(천원)", "Executed (₩ thousand)"), lang), kind: "thousand_krw" },
      { label: t(L("집행률", "Execution rate"), lang), kind: "ratio" },
      { label: t(L("이월액(천원)", "Carried over (₩ thousand)"), lang), kind: "thousand_krw" },
      { label: t(L("불용액(천원)", "Unused (₩ thousand)"), lang), kind: "thousand_krw" },
      { label: t(L("실제 감축량(tCO2eq)", "Actual reduction (tCO2e)"), lang), kind: "tco2e" },
      { label: t(L("감축량 미산정 사업", "Reduction not calculated"), lang), kind: "count" },
      { label: t(L("목표 달성/지표", "Targets met / with result"), lang), kind: "text" },
      { label: t(L("결산 미입력", "No settlement"), lang), kind: "count" },
    ],
    rows: all.map((r) => [
      t(r.name, lang),
      r.count,
      thousand(r.available_krw),
      thousand(r.executed_krw),
      r.rate ?? null,
      thousand(r.carried_over_krw),
      thousand(r.unused_krw),
      Math.round(r.actual_tco2e * 10) / 10,
      r.actual_missing,
      `${r.targets_met}/${r.targets}`,
      r.unsettled,
    ]),
    ...(total ? { totals: [all.length - 1] } : {}),
  };
}

export function statementDocument(built: BuiltStatement, lang: Lang): StatementDocument {
  const { input } = built;
  const settings = input.settings;
  const city = lang === "en" ? input.tenant.nameEn : input.tenant.name;
  const b = built.kind === "budget" ? built.statement : built.budget;
  const scheme = b.scheme;
  // a line's department: the register's name by its id, in the statement's language; a line without one
  // (unresolved, decision 0095) shows the name as the budget writes it, in Korean only
  const byId = new Map(input.departmentNames ?? []);
  const department = (l: { department: string; department_id?: string | undefined }) => {
    const n = l.department_id ? byId.get(l.department_id) : undefined;
    return t(n ?? { ko: l.department }, lang);
  };
  const notices: string[] = [];
  if (b.overview.illustrative_lines > 0)
    notices.push(
      t(
        L(
          `이 문서의 사업 ${b.overview.illustrative_lines}개 행은 예시(illustrative) 수치입니다. 출처가 있는 행은 출처를 밝힙니다.`,
          `${b.overview.illustrative_lines} rows of this statement are illustrative figures; sourced rows name their source.`,
        ),
        lang,
      ),
    );
  if (b.overview.awaiting_classification > 0)
    notices.push(
      t(
        L(
          `이행과제의 예산 행에서 옮겨 온 사업 ${b.overview.awaiting_classification}개는 분류가 확인되지 않아 이 문서에 넣지 않았습니다 (예산 작업 화면에서 분류를 확인하세요).`,
          `${b.overview.awaiting_classification} lines moved from the plan actions' own budget rows are left out of this statement until their class is validated (in the budget workspace).`,
        ),
        lang,
      ),
    );
  if (settings.illustrative && settings.note) notices.push(settings.note);
  for (const a of scheme.assumptions) notices.push(`${t(L("가정", "Assumption"), lang)}: ${t(a, lang)}`);
  for (const p of b.problems) notices.push(`${t(L("확인 필요", "To check"), lang)}: ${p.message}`);
  if (built.kind === "settlement" && built.statement.provisional)
    notices.push(
      t(
        L(
          "결산이 확정되지 않은 사업이 있어 해당 행은 지금까지의 집행액을 잠정치로 표시합니다.",
          "Some settlements are not closed: those rows show the executions so far, as provisional figures.",
        ),
        lang,
      ),
    );

  const overview = [
    { label: t(L("목적", "Purpose"), lang), text: t(settings.purpose, lang) },
    { label: t(L("법적 근거", "Legal basis"), lang), text: t(settings.legal_basis, lang) },
    { label: t(L("대상 범위", "Scope"), lang), text: t(b.overview.scope, lang) },
    { label: t(L("분류 체계", "Class scheme"), lang), text: t(scheme.name, lang) },
    { label: t(L("감축량 배분 원칙", "Attribution rule"), lang), text: t(b.overview.attribution, lang) },
    {
      label: t(L("대상 사업", "Projects counted"), lang),
      text: t(
        L(
          `${b.overview.in_scope.toLocaleString("ko-KR")}개 (범위 밖 ${b.overview.out_of_scope.toLocaleString("ko-KR")}개)`,
          `${b.overview.in_scope.toLocaleString("en-US")} (${b.overview.out_of_scope.toLocaleString("en-US")} out of scope)`,
        ),
        lang,
      ),
    },
    ...(input.modelSource
      ? [{ label: t(L("모형 감축량 출처", "Modelled reductions from"), lang), text: input.modelSource }]
      : []),
    { label: t(L("자료 기준 시각", "Figures as of"), lang), text: input.asOf },
  ];

  const tables: StatementTable[] = [];
  if (built.kind === "budget") {
    const s = built.statement;
    const rows = [...s.summary.rows, s.summary.total];
    tables.push({
      id: t(L("규모 총괄표", "Summary by class"), lang),
      title: t(L("1. 규모 총괄표 (분류별)", "1. Summary by class"), lang),
      columns: [
        { label: t(L("분류", "Class"), lang), kind: "text" },
        { label: t(L("사업수", "Projects"), lang), kind: "count" },
        { label: t(L("예산액(천원)", "Budget (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("비율", "Share"), lang), kind: "ratio" },
        { label: t(L("전년 사업수", "Projects last year"), lang), kind: "count" },
        { label: t(L("전년 예산(천원)", "Budget last year (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("증감(천원)", "Change (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("증감률", "Change"), lang), kind: "ratio" },
      ],
      rows: rows.map((r) => [
        t(r.class.name, lang),
        r.count,
        thousand(r.amount_krw),
        r.share ?? null,
        r.last?.count ?? null,
        thousand(r.last?.amount_krw),
        thousand(r.change_krw),
        r.change_ratio ?? null,
      ]),
      totals: [rows.length - 1],
    });
    tables.push(
      crossTab(
        t(L("분야별", "By function"), lang),
        t(L("2. 분야별 (지방재정 기능별 분류)", "2. By function (local finance classification)"), lang),
        s.byFunction,
        built,
        lang,
      ),
    );
    tables.push(
      crossTab(
        t(L("실국별", "By bureau"), lang),
        t(L("3. 실국별", "3. By bureau"), lang),
        s.byBureau,
        built,
        lang,
      ),
    );
    tables.push({
      id: t(L("감축부문별", "By sector"), lang),
      title: t(L("4. 감축부문별 (감축사업)", "4. By sector (reduction lines)"), lang),
      columns: [
        { label: t(L("감축부문", "Sector"), lang), kind: "text" },
        { label: t(L("사업수", "Projects"), lang), kind: "count" },
        { label: t(L("예산액(천원)", "Budget (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("예상 감축량(tCO2eq/년)", "Expected reduction (tCO2e/yr)"), lang), kind: "tco2e" },
        { label: t(L("감축량 미산정 사업", "Not estimated"), lang), kind: "count" },
      ],
      rows: [
        ...s.bySector.map((r) => [
          t(r.name, lang),
          r.count,
          thousand(r.amount_krw),
          Math.round(r.expected_tco2e * 10) / 10,
          r.not_estimated,
        ]),
        [
          t(L("합계", "Total"), lang),
          s.totals.reduction_count,
          thousand(s.totals.reduction_krw),
          Math.round(s.totals.expected_tco2e * 10) / 10,
          s.totals.not_estimated,
        ],
      ],
      totals: [s.bySector.length],
    });
    tables.push({
      id: t(L("감축사업", "Reduction lines"), lang),
      title: t(L("5. 사업별 설명서 — 감축사업", "5. Reduction lines"), lang),
      note: t(
        L(
          '예상 감축량이 산정되지 않은 정량 사업은 0이 아니라 "정성 (미산정)"으로 표시합니다.',
          'A quantitative line without an estimate is shown "Qualitative (not estimated)", never 0.',
        ),
        lang,
      ),
      columns: [
        { label: t(L("사업코드", "Code"), lang), kind: "text" },
        { label: t(L("사업명", "Project"), lang), kind: "text" },
        { label: t(L("소관부서", "Department"), lang), kind: "text" },
        { label: t(L("회계", "Account"), lang), kind: "text" },
        { label: t(L("감축유형", "Type"), lang), kind: "text" },
        { label: t(L("감축부문", "Sector"), lang), kind: "text" },
        { label: t(L("계획 과제", "Plan action"), lang), kind: "text" },
        { label: t(L("예산액(천원)", "Budget (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("성과지표", "Indicator"), lang), kind: "text" },
        { label: t(L("목표치", "Target"), lang), kind: "number" },
        { label: t(L("예상 감축량(tCO2eq/년)", "Expected reduction (tCO2e/yr)"), lang), kind: "tco2e" },
        {
          label: t(L("산정식·활동량·배출계수·출처", "Method, activity, factor, source"), lang),
          kind: "text",
        },
        { label: t(L("효과 기간", "Effect period"), lang), kind: "text" },
        { label: t(L("비고", "Note"), lang), kind: "text" },
      ],
      rows: s.reductionLines.map((r) => {
        const l = r.line;
        const red = l.reduction!;
        const m = r.reduction.kind === "estimated" ? r.reduction.method : undefined;
        const how =
          r.reduction.kind === "estimated"
            ? [t(r.reduction.explanation, lang), m?.activity, m?.factor, m?.factor_source]
                .filter(Boolean)
                .join(" / ")
            : r.reduction.kind === "not_estimated"
              ? t(r.reduction.explanation, lang)
              : "";
        const notes = [
          l.aggregate_of
            ? t(L(`${l.aggregate_of}개 사업 합계`, `total of ${l.aggregate_of} projects`), lang)
            : "",
          l.illustrative
            ? t(L("예시", "illustrative"), lang)
            : l.source
              ? `${t(L("출처", "source"), lang)}: ${l.source}`
              : "",
          l.note ?? "",
        ].filter(Boolean);
        return [
          l.code,
          t(l.name, lang),
          department(l),
          t(ACCOUNT[l.account], lang),
          t(TYPE[red.type], lang),
          t(sectorName(red.sector), lang),
          r.action_name ? t(r.action_name, lang) : (l.action ?? null),
          thousand(r.amount_krw),
          red.indicator ? indicatorCell(red.indicator, lang) : null,
          red.indicator?.target ?? null,
          reductionCell(r.reduction, lang),
          how || null,
          m?.effect_years ? t(L(`${m.effect_years}년`, `${m.effect_years} years`), lang) : null,
          notes.join("; ") || null,
        ];
      }),
    });
    tables.push({
      id: t(L("배출·혼합사업", "Emission and mixed"), lang),
      title: t(L("6. 사업별 설명서 — 배출·혼합사업", "6. Emission and mixed lines"), lang),
      columns: [
        { label: t(L("사업코드", "Code"), lang), kind: "text" },
        { label: t(L("사업명", "Project"), lang), kind: "text" },
        { label: t(L("분류", "Class"), lang), kind: "text" },
        { label: t(L("예산액(천원)", "Budget (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("예상 배출량(tCO2eq/년)", "Expected emissions (tCO2e/yr)"), lang), kind: "tco2e" },
        { label: t(L("배출 원인", "Cause"), lang), kind: "text" },
        { label: t(L("저감·상쇄 방안", "Mitigation or offset"), lang), kind: "text" },
        {
          label: t(L("저감방안 반영 예산(천원)", "Mitigation budget (₩ thousand)"), lang),
          kind: "thousand_krw",
        },
        { label: t(L("잔여 배출량(tCO2eq/년)", "Residual emissions (tCO2e/yr)"), lang), kind: "tco2e" },
      ],
      rows: s.emissionLines.map((r) => [
        r.line.code,
        t(r.line.name, lang),
        t(r.class.name, lang),
        thousand(r.amount_krw),
        r.line.emission?.tco2e_per_year ?? t(L("미산정", "not estimated"), lang),
        r.line.emission?.cause ?? null,
        r.line.emission?.mitigation ?? t(L("미기재", "none stated"), lang),
        thousand(r.line.emission?.mitigation_krw),
        r.line.emission?.residual_tco2e_per_year ?? null,
      ]),
    });
    tables.push({
      id: t(L("전년 대비 변동", "Change on last year"), lang),
      title: t(L("7. 전년 대비 변동표", "7. Change on last year"), lang),
      columns: [
        { label: t(L("사업코드", "Code"), lang), kind: "text" },
        { label: t(L("사업명", "Project"), lang), kind: "text" },
        { label: t(L("구분", "Change"), lang), kind: "text" },
        { label: t(L("전년 예산(천원)", "Last year (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("금년 예산(천원)", "This year (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("증감액(천원)", "Change (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("사유", "Reason"), lang), kind: "text" },
      ],
      rows: s.changes.map((c) => [
        c.code,
        t(c.name, lang),
        t(CHANGE_NAMES[c.kind], lang),
        thousand(c.last_krw),
        thousand(c.this_krw),
        thousand(c.change_krw),
        c.reason ?? t(L("사유 미기재", "no reason given"), lang),
      ]),
    });
  } else {
    const s = built.statement;
    const expected = new Map(b.reductionLines.map((r) => [r.line.code, r.reduction]));
    tables.push({
      id: t(L("결산 사업별", "Lines"), lang),
      title: t(L("1. 사업별 결산", "1. Settlement by line"), lang),
      note: t(
        L(
          "예상 감축량: 모형 과제에 연결된 사업은 계획 시나리오의 그 해 모형 감축량 (모형에서 효과가 나기 전이면 0; 예산서의 산정 근거가 그 까닭을 밝힘). 실제 감축량: 결산에서 측정한 사업의 효과. 둘이 다른 행은 산정란이나 미달 사유에 까닭이 있습니다.",
          "Expected: for a line that funds a modelled action, the plan scenario's modelled reduction in the year (0 before the model's effect starts; the budget statement's method says why). Actual: the project's effect measured at the settlement. Where the two differ, the method or the shortfall reason says why.",
        ),
        lang,
      ),
      columns: [
        { label: t(L("사업코드", "Code"), lang), kind: "text" },
        { label: t(L("사업명", "Project"), lang), kind: "text" },
        { label: t(L("분류", "Class"), lang), kind: "text" },
        { label: t(L("예산현액(천원)", "Available (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("집행액(천원)", "Executed (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("집행률", "Execution rate"), lang), kind: "ratio" },
        { label: t(L("이월·불용(천원)", "Carried over + unused (₩ thousand)"), lang), kind: "thousand_krw" },
        { label: t(L("성과지표", "Indicator"), lang), kind: "text" },
        { label: t(L("목표", "Target"), lang), kind: "number" },
        { label: t(L("실적", "Result"), lang), kind: "number" },
        { label: t(L("달성 여부", "Met"), lang), kind: "text" },
        { label: t(L("예상 감축량(tCO2eq/년)", "Expected (tCO2e/yr)"), lang), kind: "tco2e" },
        { label: t(L("실제 감축량(tCO2eq)", "Actual (tCO2e)"), lang), kind: "tco2e" },
        { label: t(L("산정", "Method"), lang), kind: "text" },
        { label: t(L("미달 사유", "Shortfall reason"), lang), kind: "text" },
        { label: t(L("개선방안·차년도 반영", "Improvement"), lang), kind: "text" },
        { label: t(L("상태", "State"), lang), kind: "text" },
      ],
      rows: s.rows.map((r) => {
        const st = r.settlement;
        const ind = r.line.reduction?.indicator;
        const exp = expected.get(r.line.code);
        const rest =
          st && (st.carried_over_krw !== undefined || st.unused_krw !== undefined)
            ? (st.carried_over_krw ?? 0) + (st.unused_krw ?? 0)
            : undefined;
        return [
          r.line.code,
          t(r.line.name, lang),
          t(r.class.name, lang),
          thousand(st?.available_krw),
          thousand(st?.executed_krw),
          r.rate ?? null,
          thousand(rest),
          ind ? indicatorCell(ind, lang) : null,
          ind?.target ?? null,
          st?.indicator_result ?? null,
          r.met === undefined ? null : r.met ? t(L("달성", "Met"), lang) : t(L("미달", "Not met"), lang),
          exp ? reductionCell(exp, lang) : null,
          st?.actual
            ? st.actual.tco2e
            : r.line.class === "reduction" && st
              ? t(L("미산정", "not calculated"), lang)
              : null,
          [
            st?.actual?.method.formula,
            // measured against modelled: say which is which where the model's effect starts later
            st?.actual && exp?.kind === "estimated" && exp.effect_from !== undefined
              ? t(
                  L(
                    `예상은 계획 시나리오의 모형값 (모형 효과 ${exp.effect_from}년부터), 실제는 사업의 측정값`,
                    `expected is the plan scenario's modelled value (modelled effect from ${exp.effect_from}); actual is the project's measured effect`,
                  ),
                  lang,
                )
              : undefined,
          ]
            .filter(Boolean)
            .join("; ") || null,
          st?.shortfall_reason ?? null,
          st?.improvement ?? null,
          !st
            ? t(L("결산 미입력", "no settlement"), lang)
            : r.provisional
              ? t(L(`잠정 (${st.as_of} 기준)`, `provisional (to ${st.as_of})`), lang)
              : t(L("확정", "closed"), lang),
        ];
      }),
    });
    tables.push(
      settlementSummary(
        t(L("분류별 요약", "By class"), lang),
        t(L("2. 분류별 요약", "2. Summary by class"), lang),
        s.byClass,
        s.total,
        lang,
      ),
    );
    tables.push(
      settlementSummary(
        t(L("부문별 요약", "By sector"), lang),
        t(L("3. 감축부문별 요약", "3. Summary by sector"), lang),
        s.bySector,
        undefined,
        lang,
      ),
    );
    tables.push(
      settlementSummary(
        t(L("실국별 요약", "By bureau"), lang),
        t(L("4. 실국별 요약", "4. Summary by bureau"), lang),
        s.byBureau,
        undefined,
        lang,
      ),
    );
  }
  // an English statement that shows a Korean text marked [ko] says what the mark means
  if (
    lang === "en" &&
    (overview.some((o) => o.text.includes(UNTRANSLATED_MARK)) ||
      tables.some((tb) =>
        tb.rows.some((row) => row.some((c) => typeof c === "string" && c.includes(UNTRANSLATED_MARK))),
      ))
  )
    notices.push(UNTRANSLATED_NOTE.en);
  const kindTitle =
    built.kind === "budget"
      ? L("온실가스감축인지 예산서", "GHG-reduction budget statement")
      : L("온실가스감축인지 결산서", "GHG-reduction settlement statement");
  return {
    lang,
    title: `${city} ${input.year}${lang === "ko" ? "년도" : ""} ${t(kindTitle, lang)}`,
    subtitle: t(scheme.name, lang),
    overview,
    notices,
    tables,
    sources: settings.sources.map((s) => ({ id: s.id, title: s.title, ...(s.url ? { url: s.url } : {}) })),
  };
}
