/**
 * Turns CSV records that are already in memory (a header and rows of strings, as a CSV parser returns them)
 * into activity and factor rows, checking every cell and reporting every problem at once with its file,
 * line (the header is line 1) and column. Column names are matched case-insensitively. Reading files and
 * decoding bytes happen outside the core.
 */
import { fail, ok, type Problem, type Result } from "../errors.ts";
import { ACTIVITY_COLUMNS, columnOfHeader, FACTOR_COLUMNS } from "../vocabulary/file-columns.ts";
import { NOTATION_KEYS, type NotationKey } from "../vocabulary/notation.ts";
import {
  SCOPE2_INSTRUMENTS,
  type Scope2InstrumentId,
  type Scope2Method,
  scope2InstrumentOf,
} from "../vocabulary/scope2.ts";
import { ProblemList } from "./problems.ts";
import type { ActivityRow, FactorRow, QualityRating } from "./types.ts";

/** Records as split by a CSV parser: the header, the rows, and each row's 1-based line number in the file. */
export interface CsvRecords {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** True when every character is a digit, a sign, a decimal point or an exponent mark. */
function plainNumberChars(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // 0-9 . + - e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return false;
  }
  return true;
}

/**
 * Parses a number as written in a CSV cell: `1234.5`, `-3e6`, or with thousands separators `1,234,567.8`
 * (which a CSV file can hold only in a quoted field). Anything else is undefined, never zero.
 */
export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  if (plainNumberChars(t)) {
    // Number() accepts exactly the decimal forms made of these characters and rejects the rest (NaN).
    const n = Number(t);
    return Number.isNaN(n) ? undefined : n;
  }
  if (GROUPED_NUMBER.test(t)) return Number(t.replaceAll(",", ""));
  return undefined;
}

const QUALITY_WORDS: Record<string, QualityRating> = {
  h: "H",
  high: "H",
  상: "H",
  높음: "H",
  m: "M",
  medium: "M",
  중: "M",
  보통: "M",
  l: "L",
  low: "L",
  하: "L",
  낮음: "L",
};

function columnIndex(
  rec: Pick<CsvRecords, "file" | "header">,
  required: readonly string[],
  problems: ProblemList,
): Map<string, number> {
  const idx = new Map<string, number>();
  rec.header.forEach((h, i) => {
    // an English column name, or the Korean header Citypath's exports write for it
    const name = columnOfHeader(h);
    if (idx.has(name))
      problems.error("DUPLICATE", `column "${name}" appears twice in the header`, {
        file: rec.file,
        line: 1,
        column: name,
      });
    else idx.set(name, i);
  });
  for (const c of required) {
    if (!idx.has(c))
      problems.error(
        "MISSING_COLUMN",
        `required column "${c}" is missing (the header has ${rec.header.join(", ")})`,
        {
          file: rec.file,
          line: 1,
          column: c,
        },
      );
  }
  return idx;
}

class Cells {
  constructor(
    private readonly rec: Pick<CsvRecords, "file" | "header">,
    private readonly idx: Map<string, number>,
    private readonly problems: ProblemList,
  ) {}
  row: readonly string[] = [];
  line = 0;
  bad = false;

  text(col: string): string | undefined {
    return this.at(this.idx.get(col));
  }
  /** The trimmed cell at column index `i` (undefined when the column or the cell is absent). */
  at(i: number | undefined): string | undefined {
    if (i === undefined) return undefined;
    const v = this.row[i];
    return v === undefined ? undefined : v.trim();
  }
  err(code: Parameters<ProblemList["error"]>[0], col: string, message: string): void {
    this.problems.error(code, message, { file: this.rec.file, line: this.line, column: col });
    this.bad = true;
  }
  required(col: string, i: number | undefined = this.idx.get(col)): string {
    const v = this.at(i);
    if (v === undefined || v === "") {
      this.err("MISSING_VALUE", col, `${col} is empty`);
      return "";
    }
    return v;
  }
  number(col: string, v: string): number | undefined {
    const n = parseNumber(v);
    if (n === undefined || !Number.isFinite(n)) this.err("BAD_NUMBER", col, `"${v}" is not a number`);
    return n;
  }
  optionalNumber(col: string): number | undefined {
    const v = this.text(col);
    return v === undefined || v === "" ? undefined : this.number(col, v);
  }
  year(col: string, v: string | undefined): number | undefined {
    if (v === undefined || v === "") return undefined;
    const n = parseNumber(v);
    if (n === undefined || !Number.isInteger(n) || n < 1900 || n > 2100) {
      this.err("BAD_VALUE", col, `"${v}" is not a year between 1900 and 2100`);
      return undefined;
    }
    return n;
  }
}

/** Rows that parsed and the problems of those that did not (so later checks can run on the good rows). */
export interface ParsedRows<T> {
  readonly rows: T[];
  readonly problems: Problem[];
}

const asResult = <T>(p: ParsedRows<T>): Result<T[]> => (p.problems.length ? fail(p.problems) : ok(p.rows));

/** Activity rows from CSV records: all problems at once, each with file, line and column. */
export function activityRowsFromRecords(rec: CsvRecords): Result<ActivityRow[]> {
  return asResult(parseActivityRecords(rec));
}

/** Factor rows (origin "user") from CSV records: all problems at once, each with file, line and column. */
export function factorRowsFromRecords(rec: CsvRecords): Result<FactorRow[]> {
  return asResult(parseFactorRecords(rec));
}

/** Like activityRowsFromRecords, but keeps the rows that parsed alongside the problems. */
export function parseActivityRecords(rec: CsvRecords): ParsedRows<ActivityRow> {
  const reader = activityRecordReader(rec);
  for (let r = 0; r < rec.rows.length; r++) reader.push(rec.rows[r]!, rec.lines[r]!);
  return reader.result();
}

/** Reads activity records one at a time (for a streaming CSV parser); `result()` gives the rows and problems. */
export interface RecordReader<T> {
  push(row: readonly string[], line: number): void;
  result(): ParsedRows<T>;
}

/** A reader of activity records after `head` (the file name and the header's fields). */
export function activityRecordReader(head: Pick<CsvRecords, "file" | "header">): RecordReader<ActivityRow> {
  const rec = head;
  const problems = new ProblemList();
  const idx = columnIndex(rec, ACTIVITY_COLUMNS.required, problems);
  const out: ActivityRow[] = [];
  if (problems.hasErrors)
    return { push: () => {}, result: () => ({ rows: [], problems: problems.errors() }) };
  const known = new Set<string>([...ACTIVITY_COLUMNS.required, ...ACTIVITY_COLUMNS.optional]);
  const extraCols = [...idx].filter(([name]) => !known.has(name));
  const c = new Cells(rec, idx, problems);
  const width = rec.header.length;
  const [iYear, iRef, iActivity, iAmount, iUnit, iDistrict, iSource, iQuality, iNote] = [
    "year",
    "gpc_ref",
    "activity",
    "amount",
    "unit",
    "district",
    "source",
    "quality",
    "note",
  ].map((n) => idx.get(n));
  const [iInstrument, iInstrumentFactor, iInstrumentUnit] = [
    "instrument",
    "instrument_factor",
    "instrument_factor_unit",
  ].map((n) => idx.get(n));
  // Repeated values (references, activities, units, districts, years) are kept once: less memory for large
  // files, and the engine's lookups then hash each distinct string only once.
  const interned = new Map<string, string>();
  const intern = (v: string): string => {
    const have = interned.get(v);
    if (have !== undefined) return have;
    if (interned.size >= 100_000) return v;
    // A copy, so that the kept value does not hold on to the whole file's text it was sliced from.
    const copy = ` ${v}`.slice(1);
    interned.set(copy, copy);
    return copy;
  };
  const years = new Map<string, number>();
  const push = (cells: readonly string[], line: number): void => {
    c.row = cells;
    c.line = line;
    c.bad = false;
    if (c.row.length > width)
      c.err(
        "BAD_VALUE",
        rec.header[width - 1] ?? "",
        `the row has ${c.row.length} fields but the header ${width} (a number with thousands separators must be quoted: "1,000")`,
      );
    const yearText = c.required("year", iYear);
    let year = years.get(yearText);
    if (year === undefined) {
      year = c.year("year", yearText);
      if (year !== undefined) years.set(yearText, year);
    }
    const gpc_ref = intern(c.required("gpc_ref", iRef));
    const amountText = c.at(iAmount) ?? "";
    const notation = NOTATION_KEYS.includes(amountText as NotationKey)
      ? (amountText as NotationKey)
      : undefined;
    let amount: number | null = null;
    let activity = "";
    let unit = "";
    if (notation) {
      activity = c.at(iActivity) ?? "";
      unit = c.at(iUnit) ?? "";
    } else {
      activity = intern(c.required("activity", iActivity));
      const a = c.required("amount", iAmount);
      if (a !== "") amount = c.number("amount", a) ?? null;
      unit = intern(c.required("unit", iUnit));
    }
    let quality: QualityRating | undefined;
    const q = c.at(iQuality);
    if (q) {
      quality = QUALITY_WORDS[q.toLowerCase()];
      if (!quality)
        c.err("BAD_VALUE", "quality", `quality "${q}" is not H, M or L (high, medium, low; 상, 중, 하)`);
    }
    const instrument = readInstrument(c, iInstrument, iInstrumentFactor, iInstrumentUnit);
    if (c.bad || year === undefined) return;
    const row: {
      -readonly [K in keyof ActivityRow]: ActivityRow[K];
    } = { year, gpc_ref, activity, amount, unit, file: rec.file, line: c.line };
    if (notation) row.notation = notation;
    const district = c.at(iDistrict);
    if (district) row.district = intern(district);
    const source = c.at(iSource);
    if (source) row.source = source;
    if (quality) row.quality = quality;
    const note = c.at(iNote);
    if (note) row.note = note;
    if (instrument) {
      row.instrument = instrument.id;
      row.instrument_factor = instrument.factor;
      row.instrument_factor_unit = instrument.unit;
    }
    if (extraCols.length) {
      const extra: Record<string, string> = {};
      for (const [name, i] of extraCols) extra[name] = c.row[i] ?? "";
      row.extra = extra;
    }
    out.push(row);
  };
  return { push, result: () => ({ rows: out, problems: problems.errors() }) };
}

const INSTRUMENT_NAMES = SCOPE2_INSTRUMENTS.map((i) => `${i.id} (${i.name.ko})`).join(", ");

/**
 * A row's contractual instrument (Scope 2, market-based): the three cells go together; the factor is a
 * number not below 0. Its unit is checked against the row's unit by the engine.
 */
function readInstrument(
  c: Cells,
  iName: number | undefined,
  iFactor: number | undefined,
  iUnit: number | undefined,
): { id: Scope2InstrumentId; factor: number; unit: string } | undefined {
  const name = c.at(iName) ?? "";
  const factorText = c.at(iFactor) ?? "";
  const unit = c.at(iUnit) ?? "";
  if (name === "") {
    if (factorText !== "" || unit !== "")
      c.err(
        "MISSING_VALUE",
        "instrument",
        "instrument_factor and instrument_factor_unit are given but no instrument: name the instrument (e.g. rec, 녹색프리미엄) or leave all three empty",
      );
    return undefined;
  }
  const id = scope2InstrumentOf(name);
  if (!id) {
    c.err("BAD_VALUE", "instrument", `instrument "${name}" is not one of ${INSTRUMENT_NAMES}`);
    return undefined;
  }
  if (factorText === "") {
    c.err(
      "MISSING_VALUE",
      "instrument_factor",
      `instrument ${id} needs its emission factor (instrument_factor, e.g. 0 for renewable electricity)`,
    );
    return undefined;
  }
  const factor = c.number("instrument_factor", factorText);
  if (factor !== undefined && factor < 0)
    c.err("BAD_VALUE", "instrument_factor", `instrument_factor ${factor} must not be negative`);
  if (unit === "")
    c.err(
      "MISSING_VALUE",
      "instrument_factor_unit",
      "instrument_factor_unit is empty (a CO2e mass per unit of the row's activity, e.g. tCO2e/MWh)",
    );
  if (factor === undefined || factor < 0 || unit === "") return undefined;
  return { id, factor, unit };
}

const SCOPE2_METHOD_WORDS: Readonly<Record<string, Scope2Method>> = {
  location_based: "location_based",
  "location-based": "location_based",
  "지역 기반": "location_based",
  지역기반: "location_based",
  market_based: "market_based",
  "market-based": "market_based",
  residual_mix: "market_based",
  "시장 기반": "market_based",
  시장기반: "market_based",
};

/** Like factorRowsFromRecords, but keeps the rows that parsed alongside the problems. */
export function parseFactorRecords(rec: CsvRecords): ParsedRows<FactorRow> {
  const problems = new ProblemList();
  const idx = columnIndex(rec, FACTOR_COLUMNS.required, problems);
  if (problems.hasErrors) return { rows: [], problems: problems.errors() };
  const c = new Cells(rec, idx, problems);
  const out: FactorRow[] = [];
  for (let r = 0; r < rec.rows.length; r++) {
    c.row = rec.rows[r]!;
    c.line = rec.lines[r]!;
    c.bad = false;
    const activity = c.required("activity");
    const gas = c.required("gas");
    const ft = c.required("factor");
    const factor = ft === "" ? undefined : c.number("factor", ft);
    const unit = c.required("unit");
    const year = c.year("year", c.text("year"));
    const valid_from = c.year("valid_from", c.text("valid_from"));
    const valid_to = c.year("valid_to", c.text("valid_to"));
    const source_year = c.year("source_year", c.text("source_year"));
    const ncv = c.optionalNumber("ncv");
    const methodText = c.text("scope2_method") ?? "";
    const scope2_method = methodText === "" ? undefined : SCOPE2_METHOD_WORDS[methodText.toLowerCase()];
    if (methodText !== "" && !scope2_method)
      c.err(
        "BAD_VALUE",
        "scope2_method",
        `scope2_method "${methodText}" is not location_based or market_based (the residual mix)`,
      );
    if (c.bad || factor === undefined) continue;
    const row: { -readonly [K in keyof FactorRow]: FactorRow[K] } = {
      id: `${rec.file}:${c.line}`,
      activity,
      gas,
      factor,
      unit,
      origin: "user",
      file: rec.file,
      line: c.line,
    };
    const gpc_ref = c.text("gpc_ref");
    if (gpc_ref) row.gpc_ref = gpc_ref;
    if (year !== undefined) row.year = year;
    if (valid_from !== undefined) row.valid_from = valid_from;
    if (valid_to !== undefined) row.valid_to = valid_to;
    if (ncv !== undefined) row.ncv = ncv;
    const ncv_unit = c.text("ncv_unit");
    if (ncv_unit) row.ncv_unit = ncv_unit;
    const ncv_source = c.text("ncv_source");
    if (ncv_source) row.ncv_source = ncv_source;
    const source = c.text("source");
    if (source) row.source = source;
    if (source_year !== undefined) row.source_year = source_year;
    const note = c.text("note");
    if (note) row.note = note;
    if (scope2_method) row.scope2_method = scope2_method;
    out.push(row);
  }
  return { rows: out, problems: problems.errors() };
}
