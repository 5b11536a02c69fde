/**
 * The columns of the activity and factor files (CSV or XLSX), as read by the inventory engine and written
 * by the exports: required first, in the order an export writes them. docs/formats.md is generated from
 * these lists.
 */
export const ACTIVITY_COLUMNS = {
  required: ["year", "gpc_ref", "activity", "amount", "unit"],
  optional: [
    "district",
    "source",
    "quality",
    "note",
    "instrument",
    "instrument_factor",
    "instrument_factor_unit",
  ],
} as const;

export const FACTOR_COLUMNS = {
  required: ["activity", "gas", "factor", "unit"],
  optional: [
    "gpc_ref",
    "year",
    "valid_from",
    "valid_to",
    "ncv",
    "ncv_unit",
    "ncv_source",
    "source",
    "source_year",
    "note",
    "scope2_method",
  ],
} as const;

/** Every column of an activity file, in the order an export writes them. */
export const ACTIVITY_FILE_COLUMNS = [...ACTIVITY_COLUMNS.required, ...ACTIVITY_COLUMNS.optional] as const;
/** Every column of a factor file, in the order an export writes them. */
export const FACTOR_FILE_COLUMNS = [...FACTOR_COLUMNS.required, ...FACTOR_COLUMNS.optional] as const;

/**
 * The Korean header of every column Citypath reads or writes in a table file (activity, factors, the
 * inventory, pathways, the audit trail, participation's open data), declared once: exports write it with
 * `lang=ko`, and every reader takes it as the column (columnOfHeader). The English header is the column's
 * name itself.
 */
export const COLUMN_HEADERS_KO: Readonly<Record<string, string>> = {
  year: "연도",
  gpc_ref: "GPC 번호",
  activity: "활동",
  amount: "활동량",
  unit: "단위",
  notation: "표기 키",
  district: "행정구역",
  source: "출처",
  quality: "자료 품질",
  note: "비고",
  instrument: "계약 수단",
  instrument_factor: "계약 수단 배출계수",
  instrument_factor_unit: "계약 수단 배출계수 단위",
  scope2_method: "Scope 2 산정 방법",
  line: "행",
  gas: "온실가스",
  factor: "배출계수",
  valid_from: "적용 시작 연도",
  valid_to: "적용 종료 연도",
  ncv: "순발열량",
  ncv_unit: "순발열량 단위",
  ncv_source: "순발열량 출처",
  source_year: "출처 연도",
  scope: "범위",
  level: "수준",
  tco2e: "배출량 (tCO2e)",
  sector: "부문",
  scenario: "시나리오",
  series: "계열",
  key: "항목",
  value: "값",
  stream: "체인",
  seq: "순번",
  at: "시각",
  actor_id: "사용자 ID",
  actor_email: "사용자 이메일",
  actor_name: "사용자 이름",
  action: "작업",
  entity: "기록 종류",
  entity_id: "기록 ID",
  version: "버전",
  before: "변경 전",
  after: "변경 후",
  prev_hash: "이전 해시",
  hash: "해시",
  // participation's open data
  consultation: "의견수렴",
  contribution: "의견 ID",
  kind: "종류",
  parent: "상위 의견",
  depth: "깊이",
  badge: "배지",
  created_at: "작성 시각",
  edited_at: "수정 시각",
  title: "제목",
  text: "내용",
  supports: "공감 수",
  moderation: "공개 상태",
  due_at: "답변 기한",
  answer_state: "답변 상태",
  answered_at: "답변 시각",
  answered_on_time: "기한 내 답변",
  answer_ko: "답변 (한국어)",
  answer_en: "답변 (영어)",
  department: "담당 부서",
  illustrative: "예시 자료",
};

const FROM_KO = new Map(Object.entries(COLUMN_HEADERS_KO).map(([k, v]) => [v.toLowerCase(), k]));

/** The header a column is written under: its name in English, its Korean header (a gas's mass "CO2 (t)"). */
export function columnHeader(column: string, lang: "ko" | "en"): string {
  if (lang === "en") return column;
  const gas = /^(.+)_t$/.exec(column);
  if (gas && !COLUMN_HEADERS_KO[column]) return `${gas[1]} (t)`;
  return COLUMN_HEADERS_KO[column] ?? column;
}

/**
 * The column a header names, compared trimmed and in lower case: a Korean header as Citypath writes it
 * gives its column, any other header itself (an English header is the column's name).
 */
export function columnOfHeader(header: string): string {
  const h = header.trim().toLowerCase();
  return FROM_KO.get(h) ?? h;
}
