/**
 * The implementation report as a document, written once for every format: a cover block, notices, then the
 * sections I–VI and the annexes, each with its paragraphs and tables (numbers as numbers, missing values as
 * null, shown "–"). The HTML page and the PDF print it, the DOCX lays it out for Hangul or Word, the XLSX puts
 * each table on a sheet of its own. Korean first; English where the texts exist.
 */

import { INVENTORY_VERIFICATION_LABELS, type Text } from "@citypath/core";
import type { LocalText } from "@citypath/core/budget/index";
import {
  GRADE_LABELS,
  GRADES,
  type ImplementationReport,
  type InventoryVerificationNote,
  type ParticipationByMeasureRow,
  QUALITATIVE_LABEL,
  REPORT_STATUS_LABELS,
  reportSectorName,
} from "@citypath/core/report/index";
import { localIn, UNTRANSLATED_NOTE, untranslated } from "@citypath/core/vocabulary/index";
import type { Cell, ColumnKind, StatementTable } from "../statements/tables.ts";

export type Lang = "ko" | "en";

/** Section II's sentence on the inventory's verification status (provisional when nothing is recorded). */
export function verificationSentence(v: InventoryVerificationNote | undefined, lang: Lang): string {
  const status = v?.status ?? "provisional";
  const label = INVENTORY_VERIFICATION_LABELS[status][lang];
  const who =
    v?.verified_by && v.verified_on
      ? lang === "ko"
        ? ` (${v.verified_by}, ${v.verified_on})`
        : ` (by ${v.verified_by}, ${v.verified_on})`
      : "";
  const basis = v?.basis
    ? lang === "ko"
      ? ` 근거: ${v.basis.ko}${v.illustrative ? " (예시)" : ""}.`
      : ` Basis: ${localIn(v.basis, "en")}${v.illustrative ? " (illustrative)" : ""}.`
    : lang === "ko"
      ? " 검증 기록이 없습니다."
      : " No verification has been recorded.";
  return lang === "ko"
    ? `인벤토리 검증 상태: ${label}${who}.${basis}`
    : `Inventory verification status: ${label}${who}.${basis}`;
}

/** Table II-1's cell for the inventory's verification status: the status, and who verified it on which day. */
export function verificationCell(v: InventoryVerificationNote | undefined, lang: Lang): string {
  const label = INVENTORY_VERIFICATION_LABELS[v?.status ?? "provisional"][lang];
  return v?.status === "verified" && v.verified_by && v.verified_on
    ? `${label} (${v.verified_by}, ${v.verified_on})`
    : label;
}

export interface ReportSection {
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly StatementTable[];
}

export interface ReportDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  readonly cover: readonly { readonly label: string; readonly text: string }[];
  readonly notices: readonly string[];
  readonly sections: readonly ReportSection[];
  readonly sources: readonly { readonly id: string; readonly title: string; readonly url?: string }[];
}

const tx = (x: Text | LocalText | undefined, lang: Lang): string =>
  x === undefined ? "" : lang === "en" ? (x.en ?? x.ko) : x.ko;
const L = (ko: string, en: string): Text => ({ ko, en });
const col = (label: Text, kind: ColumnKind, lang: Lang) => ({ label: tx(label, lang), kind });
const r1 = (n: number | undefined) => (n === undefined ? null : Math.round(n * 10) / 10);
const million = (krw: number | undefined) => (krw === undefined ? null : Math.round(krw / 1e5) / 10);
const date = (d: string | undefined, lang: Lang) => d ?? (lang === "ko" ? "미정" : "not yet");

const DECISIONS: Record<string, Text> = {
  original: L("원안의결", "Adopted as drafted"),
  amended: L("수정의결", "Adopted as amended"),
};
const OPINION_SOURCES: Record<string, Text> = {
  committee: L("위원회 (법 제13조제3항)", "Committee (Act Art. 13(3))"),
  national: L("국가 점검 (법 제9조제5항)", "National check (Act Art. 9(5))"),
  council: L("지방의회 (법 제78조제4항)", "Council (Act Art. 78(4))"),
};
const REFLECTED: Record<string, Text> = {
  yes: L("반영", "Reflected"),
  partly: L("부분반영", "Partly"),
  no: L("미반영", "Not reflected"),
};
const INDICATOR_KINDS: Record<string, Text> = {
  emissions: L("배출량", "Emissions"),
  outcome: L("성과", "Outcome"),
  activity: L("활동", "Activity"),
  output: L("산출", "Output"),
  risk: L("위험", "Risk"),
  vulnerability: L("취약성", "Vulnerability"),
  finance: L("재정", "Finance"),
};
const AGGREGATIONS: Record<string, Text> = {
  annual: L("연간 값", "Annual"),
  cumulative: L("누적 값", "Cumulative"),
  level: L("수준 (그 시점의 값)", "Level"),
};
const EFFECTS: Record<string, Text> = {
  activity: L("활동(인구) 효과", "Activity (population)"),
  structure: L("구조 효과", "Structure"),
  intensity: L("원단위 효과", "Intensity"),
  emission_factor: L("배출계수 효과", "Emission factor"),
};

export function reportDocument(r: ImplementationReport, lang: Lang): ReportDocument {
  const t = (x: Text | LocalText | undefined) => tx(x, lang);
  const c = r.cover;
  const title =
    lang === "ko"
      ? `${c.year}년 ${c.plan.ko.includes(c.city.ko) ? "" : `${c.city.ko} `}${c.plan.ko} 이행점검 결과보고서`
      : `${c.plan.en.includes(c.city.en) ? "" : `${c.city.en} `}${c.plan.en}: implementation report ${c.year}`;
  const cover = [
    { label: t(L("지자체", "City")), text: t(c.city) },
    { label: t(L("계획명 (계획기간)", "Plan (period)")), text: `${t(c.plan)} (${c.period})` },
    { label: t(L("점검 대상연도", "Year checked")), text: String(c.year) },
    { label: t(L("작성부서", "Prepared by")), text: t(c.department) },
    { label: t(L("탄소중립이행책임관", "Officer responsible")), text: t(c.officer) },
    {
      label: t(L("위원회 심의", "Committee deliberation")),
      text: `${t(c.committee.name)}: ${date(c.committee.date, lang)}${c.committee.decision ? ` (${t(DECISIONS[c.committee.decision])})` : ""}`,
    },
    {
      label: t(L("제출 (기한)", "Submission (due)")),
      text: `${date(c.submission.date, lang)} (${c.submission.due}); ${c.submission.to.map(t).join(", ")}`,
    },
    {
      label: t(L("지방의회 보고 (기한)", "Council report (due)")),
      text: `${date(c.council.date, lang)} (${c.council.due})`,
    },
    { label: t(L("데이터 기준일", "Data as of")), text: c.data_date },
    {
      label: t(L("인벤토리 산정기준 · GWP", "Inventory basis · GWP")),
      text: `${t(c.inventory_basis)}${c.gwp_set ? ` · ${c.gwp_set}` : ""}`,
    },
  ];

  // I overview
  const o = r.overview;
  const g = o.grading;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const overview: ReportSection = {
    id: "I",
    heading: t(L("Ⅰ. 점검 개요", "I. Overview")),
    paragraphs: [
      `${t(L("법적 근거", "Legal basis"))}: ${o.legal_basis.join("; ")}`,
      lang === "ko"
        ? `점검 대상: ${o.sectors}개 부문, ${o.measures}개 과제 (정량 ${o.quantitative}, 정성 ${o.qualitative})`
        : `Scope: ${o.sectors} sectors, ${o.measures} measures (${o.quantitative} quantitative, ${o.qualitative} qualitative)`,
      `${t(L("점검 방법", "Method"))}: ${t(o.method)}`,
      lang === "ko"
        ? `등급 기준: 달성률 ${pct(g.achievement.excellent)} 이상 매우우수, ${pct(g.achievement.good)} 이상 우수, ${pct(g.achievement.fair)} 이상 보통, 그 미만 미흡; 집행률 ${pct(g.execution.excellent)}·${pct(g.execution.good)}·${pct(g.execution.fair)}; 과제 등급은 둘 중 낮은 등급, 예산 없는 과제는 달성률만${g.assumption ? " (가정값, 설정 가능)" : ""}.`
        : `Grades: achievement ≥ ${pct(g.achievement.excellent)} excellent, ≥ ${pct(g.achievement.good)} good, ≥ ${pct(g.achievement.fair)} fair, below poor; execution ${pct(g.execution.excellent)}/${pct(g.execution.good)}/${pct(g.execution.fair)}; a measure takes the lower, achievement alone without budget${g.assumption ? " (an assumption, configurable)" : ""}.`,
      `${t(L("점검 체계", "Checking chain"))}: ${t(o.chain)}`,
    ],
    tables: [
      {
        id: "I-schedule",
        title: t(L("표 Ⅰ-1 추진 일정 (법정 기한)", "Table I-1 Schedule (legal dates)")),
        columns: [
          col(L("기한", "Due"), "text", lang),
          col(L("내용", "Duty"), "text", lang),
          col(L("근거", "Law"), "text", lang),
        ],
        rows: o.schedule.map((s) => [s.due, t(s.title), s.law]),
      },
    ],
  };

  // II emissions
  const e = r.emissions;
  // the status of the inventory a row's figure rests on (a modelled sector's figure rests on none)
  const verified = e.available ? verificationCell(e.inventory.verification, lang) : null;
  const emissions: ReportSection = e.available
    ? {
        id: "II",
        heading: t(L("Ⅱ. 온실가스 배출 현황 및 감축목표 대비 점검", "II. Emissions against targets")),
        paragraphs: [
          lang === "ko"
            ? `기준연도 ${e.base_year}년, 목표: ${e.target.name.ko}${e.target.source ? ` (출처: ${e.target.source})` : ""}. 최신 인벤토리 ${e.inventory.year}년 (v${e.inventory.version}, ${e.inventory.status === "published" ? "공표" : "초안"}, ${e.inventory.gwp_set}). 경로 모형: ${e.instance}, 시나리오 ${e.scenario.name.ko}.`
            : `Base year ${e.base_year}; target: ${e.target.name.en}${e.target.source ? ` (source: ${e.target.source})` : ""}. Latest inventory ${e.inventory.year} (v${e.inventory.version}, ${e.inventory.status}, ${e.inventory.gwp_set}). Pathway model: ${e.instance}, scenario ${e.scenario.name.en}.`,
          verificationSentence(e.inventory.verification, lang),
          ...e.estimates.map(
            (x) =>
              `${t(L("잠정 추정", "Provisional estimate"))} ${t(reportSectorName(x.sector))}: ${x.formula}${
                e.rows.find((row) => row.sector === x.sector)?.basis === "model"
                  ? t(
                      L(
                        ", 시나리오 모형값 (인벤토리 미포함 부문)",
                        ", the scenario's modelled value (a sector the inventory does not cover)",
                      ),
                    )
                  : ""
              }`,
          ),
        ],
        tables: [
          {
            id: "II-1",
            title: t(L("표 Ⅱ-1 연도별 배출량과 목표", "Table II-1 Emissions and targets")),
            columns: [
              col(L("연도", "Year"), "text", lang),
              col(L("부문", "Sector"), "text", lang),
              col(L("배출량 (tCO₂eq)", "Emissions (tCO₂e)"), "tco2e", lang),
              col(L("기준연도 대비 증감률", "Change on base year"), "ratio", lang),
              col(L("연도별 목표 (tCO₂eq)", "Target (tCO₂e)"), "tco2e", lang),
              col(L("목표 대비 차이 (tCO₂eq)", "Gap (tCO₂e)"), "tco2e", lang),
              col(L("목표 부합 여부", "Target met"), "text", lang),
              col(L("잠정/확정", "Provisional"), "text", lang),
              col(L("인벤토리 검증 상태", "Inventory verification"), "text", lang),
            ],
            rows: e.rows.map((x) => [
              String(c.year),
              t(reportSectorName(x.sector)),
              r1(x.tco2e),
              x.change_on_base ?? null,
              r1(x.target_tco2e),
              r1(x.gap_tco2e),
              x.met === undefined ? "–" : x.met ? "Y" : "N",
              x.basis === "model"
                ? t(L("모형값", "Modelled"))
                : x.provisional
                  ? t(L("잠정", "Provisional"))
                  : t(L("확정", "Inventory")),
              x.basis === "model" ? null : verified,
            ]),
            totals: [e.rows.length - 1],
          },
          ...("missing" in r.decomposition
            ? []
            : [
                {
                  id: "II-2",
                  title: t(
                    L("표 Ⅱ-2 증감 요인 분석 (LMDI)", "Table II-2 Decomposition of the change (LMDI)"),
                  ),
                  note:
                    lang === "ko"
                      ? `${r.decomposition.from}→${r.decomposition.to}년 인벤토리 변화의 LMDI-I 가법 분해 (활동량: 인구). 과제의 모형 감축량 ${Math.round(r.decomposition.measures_tco2e).toLocaleString("ko-KR")} tCO₂eq (${r.decomposition.to}년)은 원단위·배출계수 효과에 포함되어 있습니다.`
                      : `LMDI-I additive decomposition of the inventory's change ${r.decomposition.from}→${r.decomposition.to} (activity: population). The measures' modelled abatement of ${Math.round(r.decomposition.measures_tco2e).toLocaleString("en-US")} tCO₂e in ${r.decomposition.to} is part of the intensity and emission-factor effects.`,
                  columns: [
                    col(L("부문", "Sector"), "text", lang),
                    col(L("증감량 (tCO₂eq)", "Change (tCO₂e)"), "tco2e", lang),
                    ...(["activity", "structure", "intensity", "emission_factor"] as const).map((k) =>
                      col(EFFECTS[k]!, "tco2e", lang),
                    ),
                  ],
                  rows: [
                    ...r.decomposition.sectors.map((s): Cell[] => [
                      t(reportSectorName(s.sector)),
                      r1(s.change),
                      r1(s.effects.activity),
                      r1(s.effects.structure),
                      r1(s.effects.intensity),
                      r1(s.effects.emission_factor),
                    ]),
                    [
                      t(L("합계", "Total")),
                      r1(r.decomposition.total.change),
                      r1(r.decomposition.total.effects.activity),
                      r1(r.decomposition.total.effects.structure),
                      r1(r.decomposition.total.effects.intensity),
                      r1(r.decomposition.total.effects.emission_factor),
                    ],
                  ],
                  totals: [r.decomposition.sectors.length],
                } satisfies StatementTable,
              ]),
        ],
      }
    : {
        id: "II",
        heading: t(L("Ⅱ. 온실가스 배출 현황 및 감축목표 대비 점검", "II. Emissions against targets")),
        paragraphs: [t(e.missing)],
        tables: [],
      };
  if ("missing" in r.decomposition && e.available)
    (emissions.paragraphs as string[]).push(t(r.decomposition.missing));

  // III measures
  const gradeText = (m: ImplementationReport["measures"][number]) =>
    m.grade.grade === "qualitative"
      ? t(QUALITATIVE_LABEL)
      : m.grade.grade === "ungraded"
        ? t(L("미평가 (실적 없음)", "Ungraded (no result)"))
        : t(GRADE_LABELS[m.grade.grade]);
  const measures: ReportSection = {
    id: "III",
    heading: t(L("Ⅲ. 부문별·과제별 추진실적", "III. Measures")),
    paragraphs: [],
    tables: [
      {
        id: "III-1",
        title: t(L("표 Ⅲ-1 과제별 추진실적", "Table III-1 Measures")),
        note: t(
          L(
            "예산: 백만원. 결산 미마감 과제의 집행액은 잠정. 감축 실적은 결산의 실적 또는 관측 지표로 산정한 모형값.",
            "Money in ₩ million. Executions of unclosed settlements are provisional. Reductions: the settlement's, or modelled from the observed indicator.",
          ),
        ),
        columns: [
          col(L("과제번호", "No."), "text", lang),
          col(L("부문", "Sector"), "text", lang),
          col(L("과제명", "Measure"), "text", lang),
          col(L("주관부서", "Department"), "text", lang),
          col(L("성과지표 (단위)", "Indicator (unit)"), "text", lang),
          col(L("지표유형", "Type"), "text", lang),
          col(L("당해 목표", "Target"), "number", lang),
          col(L("실적", "Result"), "number", lang),
          col(L("달성률", "Achievement"), "ratio", lang),
          col(L("예산 계획", "Budget"), "number", lang),
          col(L("집행액", "Executed"), "number", lang),
          col(L("집행률", "Execution"), "ratio", lang),
          col(L("감축 목표 (tCO₂eq)", "Reduction target"), "tco2e", lang),
          col(L("감축 실적 (tCO₂eq)", "Reduction achieved"), "tco2e", lang),
          col(L("산정방법", "Method"), "text", lang),
          col(L("추진상태", "Status"), "text", lang),
          col(L("자체평가 등급", "Grade"), "text", lang),
          col(L("주요 성과", "Achievements"), "text", lang),
          col(L("부진 사유", "Reasons for delay"), "text", lang),
          col(L("개선방안", "Improvements"), "text", lang),
          col(L("근거자료", "Evidence"), "text", lang),
          col(L("부서 자체점검 완료", "Row completed by"), "text", lang),
        ],
        rows: r.measures.map((m) => [
          m.no,
          t(reportSectorName(m.sector)),
          `${t(m.name)}${m.illustrative ? t(L(" (예시)", " (illustrative)")) : ""}`,
          t(m.department),
          // a budget line's indicator may have no English: shown in Korean, marked [ko] (see the notices)
          m.indicator ? `${localIn(m.indicator.name, lang)} (${localIn(m.indicator.unit, lang)})` : "–",
          m.quantitative ? t(L("정량", "Quantitative")) : t(L("정성", "Qualitative")),
          m.target?.value ?? null,
          m.result?.value ?? null,
          m.achievement ?? (m.achievement_missing ? t(m.achievement_missing) : null),
          million(m.budget?.planned_krw),
          million(m.budget?.executed_krw),
          m.budget?.rate === undefined ? null : m.budget.rate,
          r1(m.reduction.target_tco2e),
          r1(m.reduction.achieved_tco2e),
          m.reduction.method ?? null,
          `${t(REPORT_STATUS_LABELS[m.status])}${m.budget?.provisional ? t(L(" (집행 잠정)", " (provisional)")) : ""}`,
          gradeText(m),
          m.achievements ? t(m.achievements) : null,
          m.delay_reason ? t(m.delay_reason) : null,
          m.improvement ? t(m.improvement) : null,
          m.evidence.length ? m.evidence.join("; ") : null,
          // the department that completed the row and when; a row completed before decision 0095 may have no
          // department recorded, and says so
          m.completed_on
            ? `${m.completed_by ? t(m.completed_by) : t(L("부서 미기록", "department not recorded"))}, ${m.completed_on}`
            : null,
        ]),
      },
      {
        id: "III-2",
        title: t(L("표 Ⅲ-2 부문별 요약", "Table III-2 Summary by sector")),
        columns: [
          col(L("부문", "Sector"), "text", lang),
          col(L("과제 수", "Measures"), "count", lang),
          ...GRADES.map((k) => col(GRADE_LABELS[k], "count", lang)),
          col(QUALITATIVE_LABEL, "count", lang),
          col(L("미평가", "Ungraded"), "count", lang),
          col(L("평균 달성률", "Mean achievement"), "ratio", lang),
          col(L("예산 집행률", "Execution"), "ratio", lang),
          col(L("감축량 합계 (tCO₂eq)", "Reductions (tCO₂e)"), "tco2e", lang),
        ],
        rows: r.summary.map((s) => [
          t(reportSectorName(s.sector)),
          s.measures,
          ...GRADES.map((k) => s.grades[k]),
          s.qualitative,
          s.ungraded,
          s.mean_achievement ?? null,
          s.execution_rate ?? null,
          r1(s.reduction_tco2e),
        ]),
        totals: [r.summary.length - 1],
      },
    ],
  };

  // IV qualitative
  const q = r.qualitative;
  const p = q.participation;
  const share = (s: { share: number | null }) => (s.share === null ? null : s.share);
  const qualitative: ReportSection = {
    id: "IV",
    heading: t(L("Ⅳ. 정성 평가", "IV. Qualitative assessment")),
    paragraphs: [
      ...(q.best_practices.length
        ? q.best_practices.map((b, i) => `${t(L("우수사례", "Best practice"))} ${i + 1}: ${t(b)}`)
        : [t(L("우수사례: 선정 전", "Best practices: none selected yet"))]),
      ...(p
        ? [
            `${t(L("시민·전문가 의견수렴", "Consultations"))}: ${p.consultations
              .map((c) => `${t(c.title)}${c.illustrative ? t(L(" (예시)", " (illustrative)")) : ""}`)
              .join(", ")}. ${t(
              L(
                `${r.cover.year}년에 받은 의견·제안을 자료 기준일 현재로 집계했습니다.`,
                `Contributions made in ${r.cover.year}, as they stood on the data date.`,
              ),
            )}`,
          ]
        : [
            t(
              L(
                "시민·전문가 의견수렴: 이 보고서의 대상 계획에 대한 의견수렴 기록이 없습니다.",
                "Consultation: no consultation on this plan is recorded.",
              ),
            ),
          ]),
      `${t(L("거버넌스", "Governance"))}: ${q.governance ? t(q.governance) : t(L("기재 전", "not written yet"))}`,
      `${t(L("다른 계획과의 연계 (적응대책, 온실가스감축인지 예산)", "Links with other plans (adaptation, GHG-reduction budget)"))}: ${q.links ? t(q.links) : t(L("기재 전", "not written yet"))}`,
    ],
    tables: p
      ? [
          {
            id: "IV-1",
            title: t(L("표 Ⅳ-1 시민·전문가 의견수렴 결과", "Table IV-1 Consultation figures")),
            columns: [col(L("항목", "Item"), "text", lang), col(L("값", "Value"), "number", lang)],
            rows: [
              [t(L("의견·제안 수", "Contributions")), p.contributions.total],
              [t(L("참여자 수", "Participants")), p.participants],
              [t(L("공감 수", "Supports")), p.supports],
              [t(L("답변 대상", "To answer")), p.answerable],
              [t(L("답변 완료", "Answered")), p.answered],
              [t(L("기한 경과 미답변", "Overdue")), p.overdue],
              [t(L("기한 내 답변 비율", "Answered on time")), share(p.share_answered_on_time)],
              [t(L("반영 비율", "Accepted")), share(p.share_accepted)],
            ],
          },
          ...(p.by_measure?.length ? [byMeasureTable(p.by_measure, t, lang)] : []),
        ]
      : [],
  };

  // V follow-up
  const f = r.follow_up;
  const followUp: ReportSection = {
    id: "V",
    heading: t(L("Ⅴ. 종합평가 및 환류", "V. Follow-up")),
    paragraphs: f.plan_changes
      ? [`${t(L("계획 변경 필요사항", "Plan changes needed"))}: ${t(f.plan_changes)}`]
      : [],
    tables: [
      {
        id: "V-1",
        title: t(L("표 Ⅴ-1 부진·미흡 과제 조치계획", "Table V-1 Action plans for lagging measures")),
        columns: [
          col(L("과제", "Measure"), "text", lang),
          col(L("부진유형", "Type"), "text", lang),
          col(L("원인", "Cause"), "text", lang),
          col(L("조치계획", "Action plan"), "text", lang),
          col(L("완료예정", "Due"), "text", lang),
          col(L("담당", "Owner"), "text", lang),
        ],
        rows: f.actions.map((a) => [
          t(a.name),
          `${t(REPORT_STATUS_LABELS[a.status])}${a.grade === "poor" ? ` · ${t(GRADE_LABELS.poor)}` : ""}`,
          a.plan ? t(a.plan.cause) : t(L("작성 전", "not written yet")),
          a.plan ? t(a.plan.plan) : null,
          a.plan?.due ?? null,
          // the register's name of the owner's id; a report frozen before decision 0095 keeps the name written
          a.owner ? t(a.owner) : (a.plan?.owner ?? null),
        ]),
      },
      {
        id: "V-2",
        title: t(L("표 Ⅴ-2 전년도 개선의견 이행현황", "Table V-2 Earlier improvement opinions")),
        columns: [
          col(L("의견 출처", "Source"), "text", lang),
          col(L("연도", "Year"), "text", lang),
          col(L("의견", "Opinion"), "text", lang),
          col(L("반영 여부", "Reflected"), "text", lang),
          col(L("미반영 사유 (서면)", "Written reason"), "text", lang),
        ],
        rows: f.opinions.map((x) => [
          t(OPINION_SOURCES[x.source]),
          String(x.year),
          t(x.opinion),
          t(REFLECTED[x.reflected]),
          x.reason ? t(x.reason) : null,
        ]),
      },
    ],
  };

  // VI record
  const rec = r.record;
  const record: ReportSection = {
    id: "VI",
    heading: t(L("Ⅵ. 위원회 심의 결과 및 의회 보고", "VI. Committee and council record")),
    paragraphs: [
      rec.committee
        ? `${t(c.committee.name)}: ${rec.committee.date} ${t(DECISIONS[rec.committee.decision])}${rec.committee.opinions ? `; ${t(rec.committee.opinions)}` : ""}`
        : t(L("위원회 심의 전", "Not yet deliberated by the committee")),
      rec.council
        ? `${t(L("지방의회 보고", "Reported to the council"))}: ${rec.council.date}${rec.council.recommendations ? `; ${t(rec.council.recommendations)}` : ""}`
        : `${t(L("지방의회 보고 전 (기한", "Not yet reported to the council (due"))} ${c.council.due})`,
    ],
    tables: [],
  };

  // annexes
  const annex: ReportSection = {
    id: "annex",
    heading: t(L("부록", "Annexes")),
    paragraphs: r.measures.map(
      (m) =>
        `[${m.no}] ${t(m.name)} · ${t(REPORT_STATUS_LABELS[m.status])} · ${gradeText(m)}${m.achievement_formula ? ` · ${t(L("달성률", "achievement"))} = ${m.achievement_formula}` : ""}${m.achievements ? ` · ${t(m.achievements)}` : ""}`,
    ),
    tables: [
      {
        id: "A-indicators",
        title: t(L("부록 1 성과지표 정의서", "Annex 1 Indicator definitions")),
        columns: [
          col(L("지표", "Indicator"), "text", lang),
          col(L("단위", "Unit"), "text", lang),
          col(L("종류", "Kind"), "text", lang),
          col(L("방향", "Direction"), "text", lang),
          col(L("집계", "Aggregation"), "text", lang),
          col(L("출처", "Data source"), "text", lang),
          col(L("기준선", "Baseline"), "text", lang),
        ],
        rows: r.annex.indicators.map((i) => [
          t(i.name),
          t(i.unit),
          INDICATOR_KINDS[i.kind] ? t(INDICATOR_KINDS[i.kind]) : i.kind,
          i.direction === "increase" ? t(L("증가", "increase")) : t(L("감소", "decrease")),
          AGGREGATIONS[i.aggregation] ? t(AGGREGATIONS[i.aggregation]) : i.aggregation,
          i.data_source ? t(i.data_source) : null,
          i.baseline
            ? `${i.baseline.value.toLocaleString(lang === "ko" ? "ko-KR" : "en-US")} (${i.baseline.year})`
            : null,
        ]),
      },
      {
        id: "A-methods",
        title: t(L("부록 2 감축량 산정 방법", "Annex 2 Reduction methods")),
        columns: [col(L("과제", "Measure"), "text", lang), col(L("산정방법", "Method"), "text", lang)],
        rows: r.annex.methods.map((m) => [t(m.name), m.method]),
      },
    ],
  };

  return {
    lang,
    title,
    subtitle:
      lang === "ko"
        ? `탄소중립기본법 제13조제2항에 따른 ${c.year}년 추진상황 및 주요 성과 점검 (데이터 기준일 ${c.data_date})`
        : `The ${c.year} check of progress and main results under Art. 13(2) of the Carbon Neutrality Framework Act (data as of ${c.data_date})`,
    cover,
    notices: [
      ...r.notices.map(t),
      ...(lang === "en" &&
      (r.measures.some((m) => untranslated(m.indicator?.name) || untranslated(m.indicator?.unit)) ||
        (r.emissions.available && untranslated(r.emissions.inventory.verification?.basis ?? undefined)))
        ? [UNTRANSLATED_NOTE.en]
        : []),
    ],
    sections: [overview, emissions, measures, qualitative, followUp, record, annex],
    sources: r.sources.map((s) => ({
      id: s.id,
      title: s.title,
      ...(/^https?:\/\//.test(s.ref) ? { url: s.ref } : {}),
    })),
  };
}

/** 표 Ⅳ-2: the consultation figures per measure, then per sector and for the whole plan. */
function byMeasureTable(
  rows: readonly ParticipationByMeasureRow[],
  t: (x: Text) => string,
  lang: Lang,
): StatementTable {
  const label = (r: ParticipationByMeasureRow) =>
    r.scope === "measure"
      ? `${r.no ? `${r.no} ` : ""}${t(r.name)}`
      : r.scope === "sector"
        ? `${t(L("부문 전체", "Whole sector"))}: ${t(r.name)}`
        : r.scope === "report"
          ? t(r.name)
          : `${t(L("계획 전체", "Whole plan"))}: ${t(r.name)}`;
  return {
    id: "IV-2",
    title: t(L("표 Ⅳ-2 과제별 의견수렴 결과", "Table IV-2 Consultation figures per measure")),
    note: t(
      L(
        "의견수렴이 있었던 과제만 싣습니다. 과제에 대한 의견수렴과 그 과제의 성과지표에 대한 의견수렴을 과제별로 묶고, 부문이나 계획 전체에 대한 의견수렴은 따로 싣습니다. 두 과제가 함께 쓰는 지표에 대한 의견수렴은 두 과제에 모두 들어가므로 행을 더하면 표 Ⅳ-1의 합계보다 클 수 있습니다.",
        "Only measures with a consultation are listed. Consultations on a measure and on its indicators count under the measure; those on a sector or the whole plan have rows of their own. A consultation on an indicator two measures share counts under both, so the rows may add up to more than Table IV-1.",
      ),
    ),
    columns: [
      col(L("과제", "Measure"), "text", lang),
      col(L("의견수렴 수", "Consultations"), "count", lang),
      col(L("의견·제안 수", "Contributions"), "count", lang),
      col(L("참여자 수", "Participants"), "count", lang),
      col(L("공감 수", "Supports"), "count", lang),
      col(L("답변 대상", "To answer"), "count", lang),
      col(L("답변 완료", "Answered"), "count", lang),
      col(L("기한 내 답변", "On time"), "count", lang),
      col(L("기한 경과 미답변", "Overdue"), "count", lang),
      col(L("반영", "Accepted"), "count", lang),
      col(L("부분반영", "Partly accepted"), "count", lang),
      col(L("미반영", "Rejected"), "count", lang),
      col(L("반영 비율", "Share accepted"), "ratio", lang),
    ],
    rows: rows.map((r) => {
      const f = r.figures;
      return [
        label(r),
        r.consultations.length,
        f.contributions.total,
        f.participants,
        f.supports,
        f.answerable,
        f.answered,
        f.share_answered_on_time.numerator,
        f.overdue,
        f.by_state.accepted,
        f.by_state.partly_accepted,
        f.by_state.rejected,
        f.share_accepted.share,
      ];
    }),
  };
}
