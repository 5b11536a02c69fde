/**
 * The census file a city uploads for resident verification (CSV or XLSX, read by the bounded table readers):
 * a header naming the three columns (in English or Korean), then one resident a row. Every problem is given
 * with its row (the header is row 1), column and reason in Korean and English; the census is replaced only
 * when there is none. No resident registration number is read (PIPA Art. 24-2): a column that looks like
 * one is refused, not ignored.
 */
import type { CsvRecords } from "../inventory/records.ts";
import type { Text } from "../vocabulary/text.ts";

export interface CensusEntry {
  readonly name: string;
  readonly birth_date: string;
  readonly district: string;
}

export interface CensusFileProblem {
  /** The row of the file (CSV line or XLSX row); the header is 1. */
  readonly row: number;
  readonly column: string | null;
  readonly code:
    | "MISSING_COLUMN"
    | "MISSING_VALUE"
    | "BAD_VALUE"
    | "TOO_LONG"
    | "EMPTY_FILE"
    | "REFUSED_COLUMN"
    | "FILE_TOO_LARGE"
    | "BAD_ENCODING";
  readonly reason: Text;
}

export const CENSUS_COLUMNS = ["name", "birth_date", "district"] as const;

/** The headers each column is read from (compared trimmed and in lower case). */
export const CENSUS_HEADERS: Readonly<Record<(typeof CENSUS_COLUMNS)[number], readonly string[]>> = {
  name: ["name", "이름", "성명"],
  birth_date: ["birth_date", "생년월일"],
  district: ["district", "행정동", "행정구역"],
};

const REFUSED_HEADERS = ["rrn", "resident_registration_number", "주민등록번호", "주민번호"];

/**
 * Bounds of one census file, read as a stream (memory does not grow with the file): its bytes, its rows,
 * and the problems listed (the rest are counted).
 */
export const CENSUS_FILE_LIMITS = {
  /** 256 MB: a census of some 5 million residents as CSV. */
  bytes: 256 * 1024 * 1024,
  rows: 5_000_000,
  problemsListed: 1_000,
} as const;

/** Longest name or district accepted (the stored names' limit). */
const MAX_LENGTH = 200;

/** YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or YYYYMMDD as an ISO date, if it is a real date. */
export function censusDate(s: string): string | undefined {
  const t = s.trim();
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** Where each census column is in the file's header, or the header's problems (row 1). */
export type CensusColumns =
  | { readonly ok: true; readonly at: Readonly<Record<(typeof CENSUS_COLUMNS)[number], number>> }
  | { readonly ok: false; readonly problems: CensusFileProblem[] };

/** Reads the header: every census column found (English or Korean), and no registration-number column. */
export function censusColumns(header: readonly string[]): CensusColumns {
  const problems: CensusFileProblem[] = [];
  const norm = header.map((h) => h.trim().toLowerCase());
  const refused = norm.findIndex((h) => REFUSED_HEADERS.includes(h));
  if (refused >= 0)
    problems.push({
      row: 1,
      column: header[refused]!,
      code: "REFUSED_COLUMN",
      reason: {
        ko: "주민등록번호는 받지 않습니다(개인정보 보호법 제24조의2). 이 열을 지우고 다시 올리세요.",
        en: "Resident registration numbers are not taken (PIPA Art. 24-2): remove this column and upload again.",
      },
    });
  const at = {} as Record<(typeof CENSUS_COLUMNS)[number], number>;
  for (const c of CENSUS_COLUMNS) {
    at[c] = norm.findIndex((h) => CENSUS_HEADERS[c].includes(h));
    if (at[c] < 0)
      problems.push({
        row: 1,
        column: c,
        code: "MISSING_COLUMN",
        reason: {
          ko: `"${CENSUS_HEADERS[c].join('", "')}" 중 하나를 머리글로 하는 열이 없습니다.`,
          en: `No column headed ${CENSUS_HEADERS[c].map((h) => `"${h}"`).join(" or ")}.`,
        },
      });
  }
  return problems.length ? { ok: false, problems } : { ok: true, at };
}

/**
 * One row of the file: the resident, or the row's problems (none and no entry for a blank row). `today` is
 * the city's date (a birth date after it is refused).
 */
export function censusRow(
  cells: readonly string[],
  row: number,
  at: Readonly<Record<(typeof CENSUS_COLUMNS)[number], number>>,
  today: string,
): { entry?: CensusEntry; problems: CensusFileProblem[] } {
  const problems: CensusFileProblem[] = [];
  const value = (c: (typeof CENSUS_COLUMNS)[number]) => (cells[at[c]] ?? "").trim().replace(/\s+/g, " ");
  const name = value("name");
  const birth = value("birth_date");
  const district = value("district");
  if (!name && !birth && !district) return { problems }; // a blank row
  const problem = (column: string, code: CensusFileProblem["code"], ko: string, en: string) => {
    problems.push({ row, column, code, reason: { ko, en } });
  };
  for (const [column, v, ko, en] of [
    ["name", name, "이름", "name"],
    ["district", district, "행정동", "district"],
  ] as const) {
    if (!v) problem(column, "MISSING_VALUE", `${ko}이 비어 있습니다.`, `The ${en} is empty.`);
    else if ([...v].length > MAX_LENGTH)
      problem(
        column,
        "TOO_LONG",
        `${ko}이 ${MAX_LENGTH}자를 넘습니다.`,
        `The ${en} is longer than ${MAX_LENGTH} characters.`,
      );
  }
  const date = birth ? censusDate(birth) : undefined;
  if (!birth) problem("birth_date", "MISSING_VALUE", "생년월일이 비어 있습니다.", "The birth date is empty.");
  else if (!date)
    problem(
      "birth_date",
      "BAD_VALUE",
      `"${birth}"은 날짜가 아닙니다. 1985-04-12처럼 쓰세요.`,
      `"${birth}" is not a date: write it as 1985-04-12.`,
    );
  else if (date > today)
    problem(
      "birth_date",
      "BAD_VALUE",
      `생년월일 ${date}이 오늘 이후입니다.`,
      `The birth date ${date} is after today.`,
    );
  return problems.length ? { problems } : { entry: { name, birth_date: date!, district }, problems };
}

/** The problem of a file with a header and no resident below it. */
export const EMPTY_CENSUS: CensusFileProblem = {
  row: 1,
  column: null,
  code: "EMPTY_FILE",
  reason: { ko: "머리글 아래에 주민이 한 명도 없습니다.", en: "No resident below the header." },
};

/** A whole file's records read at once (censusColumns, then censusRow for each row). */
export function readCensusRecords(
  rec: CsvRecords,
  today: string,
): { entries: CensusEntry[]; problems: CensusFileProblem[] } {
  const cols = censusColumns(rec.header);
  if (!cols.ok) return { entries: [], problems: cols.problems };
  const entries: CensusEntry[] = [];
  const problems: CensusFileProblem[] = [];
  rec.rows.forEach((cells, i) => {
    const r = censusRow(cells, rec.lines[i] ?? i + 2, cols.at, today);
    if (r.entry) entries.push(r.entry);
    problems.push(...r.problems);
  });
  if (entries.length === 0 && problems.length === 0) problems.push(EMPTY_CENSUS);
  return { entries, problems };
}
