/**
 * Spreadsheet import and export. Import: bytes (CSV in UTF-8 or CP949, or XLSX) -> a header and rows with
 * their line numbers -> the column mapping of an import profile (the file's headers renamed to Citypath's
 * columns, constant columns added) -> the same record readers the CLI uses (@citypath/core
 * parseActivityRecords / parseFactorRecords), which report every problem with its line and column.
 * Export: rows of named columns as CSV (UTF-8 with a BOM, which spreadsheet programs need to read Korean) or
 * XLSX, with Korean or English headers.
 */
import {
  type ActivityRow,
  CitypathError,
  type CsvRecords,
  columnOfHeader,
  type FactorRow,
  fail,
  gpcReference,
  ok,
  type ParsedRows,
  type Problem,
  parseActivityRecords,
  parseFactorRecords,
  problem,
  type Result,
} from "@citypath/core";
import type { EncodingOption } from "@citypath/data";
import { readTableFileInWorker, writeTableInWorker } from "../workers/files.ts";
import { type Table, tableBytes } from "../workers/table-write.ts";

export type TableFormat = "csv" | "xlsx";
export type ImportKind = "activity" | "factors";

export interface ImportRequest {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly format: TableFormat;
  readonly encoding: EncodingOption;
  readonly sheet?: string | null | undefined;
  /** Citypath column -> the file's header. */
  readonly mapping: Readonly<Record<string, string>>;
  /** Citypath column -> one value for every row. */
  readonly constants: Readonly<Record<string, string>>;
  /** Citypath column -> the file's value -> ours. */
  readonly valueMap?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Citypath column -> the factor its numbers are multiplied by. */
  readonly scale?: Readonly<Record<string, number>>;
}

export type ImportRows =
  | { readonly kind: "activity"; readonly header: string[]; readonly parsed: ParsedRows<ActivityRow> }
  | { readonly kind: "factors"; readonly header: string[]; readonly parsed: ParsedRows<FactorRow> };

export function formatOf(fileName: string): TableFormat | undefined {
  const n = fileName.toLowerCase();
  if (n.endsWith(".csv") || n.endsWith(".txt")) return "csv";
  if (n.endsWith(".xlsx")) return "xlsx";
  return undefined;
}

export interface TableFileInput {
  readonly bytes: Uint8Array;
  readonly format: TableFormat;
  /** The file name as the user gave it (problems carry it). */
  readonly fileName: string;
  readonly encoding?: EncodingOption | undefined;
  readonly sheet?: string | null | undefined;
}

/**
 * Reads a CSV or XLSX file in a worker thread with the bounded readers (FILE_LIMITS): the header and rows
 * with their lines, or every problem. A file over a limit is thrown (413, naming the limit and the file's
 * figure): nothing of it was read.
 */
export async function readTableRecords(input: TableFileInput): Promise<Result<CsvRecords>> {
  const r = await readTableFileInWorker({
    bytes: input.bytes,
    format: input.format,
    file: input.fileName,
    encoding: input.encoding ?? "auto",
    sheet: input.sheet,
  });
  if (!r.ok && r.problems.some((p) => p.code === "FILE_TOO_LARGE"))
    throw new CitypathError(r.problems.filter((p) => p.code === "FILE_TOO_LARGE"));
  return r;
}

function records(req: ImportRequest): Promise<Result<CsvRecords>> {
  return readTableRecords(req);
}

/**
 * Renames the file's headers to Citypath's columns: first the profile's mapping, then the Korean headers of
 * Citypath's own exports; constant columns are appended. A mapped header the file lacks is a problem.
 */
export function applyMapping(
  rec: CsvRecords,
  mapping: Readonly<Record<string, string>>,
  constants: Readonly<Record<string, string>>,
): Result<CsvRecords> {
  const norm = (s: string) => s.trim().toLowerCase();
  const header = [...rec.header];
  const problems: Problem[] = [];
  for (const [target, source] of Object.entries(mapping)) {
    const i = header.findIndex((h) => norm(h) === norm(source));
    if (i < 0)
      problems.push(
        problem(
          "MISSING_COLUMN",
          `the mapping reads "${target}" from the column "${source}", which the file does not have (it has ${rec.header.join(", ")})`,
          { file: rec.file, line: 1, column: source },
        ),
      );
    else header[i] = target;
  }
  const mappedTargets = new Set(Object.keys(mapping));
  for (let i = 0; i < header.length; i++) {
    const column = columnOfHeader(header[i]!);
    if (column !== norm(header[i]!) && !mappedTargets.has(column) && !header.some((h) => norm(h) === column))
      header[i] = column;
  }
  const extra = Object.entries(constants);
  for (const [c] of extra)
    if (header.some((h) => norm(h) === c))
      problems.push(
        problem("DUPLICATE", `"${c}" is given as a constant and is also a column of the file`, {
          file: rec.file,
          line: 1,
          column: c,
        }),
      );
  if (problems.length) return fail(problems);
  return ok({
    file: rec.file,
    header: [...header, ...extra.map(([c]) => c)],
    rows: extra.length ? rec.rows.map((r) => [...r, ...extra.map(([, v]) => v)]) : rec.rows,
    lines: rec.lines,
  });
}

/**
 * Translates the file's values to Citypath's by the profile's value map (a city's own words or class set,
 * e.g. 친화 -> 감축) and multiplies the numbers of scaled columns (천원 -> 원: 1000). A value the map does not
 * list is left as it is (the reader then says whether it is one of ours); a scaled cell that is not a number
 * is left for the reader to refuse with its line and column.
 */
export function applyValues(
  rec: CsvRecords,
  valueMap: Readonly<Record<string, Readonly<Record<string, string>>>>,
  scale: Readonly<Record<string, number>>,
): CsvRecords {
  const norm = (s: string) => s.trim().toLowerCase();
  const at = (c: string) => rec.header.findIndex((h) => norm(h) === c);
  const maps = Object.entries(valueMap).flatMap(([c, m]) => {
    const i = at(c);
    return i < 0 ? [] : [[i, new Map(Object.entries(m).map(([k, v]) => [norm(k), v]))] as const];
  });
  const factors = Object.entries(scale).flatMap(([c, f]) => {
    const i = at(c);
    return i < 0 ? [] : [[i, f] as const];
  });
  if (maps.length === 0 && factors.length === 0) return rec;
  const rows = rec.rows.map((r) => {
    const out = [...r];
    for (const [i, m] of maps) {
      const v = m.get(norm(out[i] ?? ""));
      if (v !== undefined) out[i] = v;
    }
    for (const [i, f] of factors) {
      const raw = (out[i] ?? "").replace(/,/g, "").trim();
      const n = Number(raw);
      // rounded to a millionth so that 1234.567 thousand won is 1234567 won, not 1234566.9999999998
      if (raw !== "" && Number.isFinite(n)) out[i] = String(Math.round(n * f * 1e6) / 1e6);
    }
    return out;
  });
  return { ...rec, rows };
}

/** Reads and checks a file: the rows that parsed and every problem (file, line, column, code, reason). */
export async function readImport(req: ImportRequest): Promise<ImportRows> {
  const rec = await records(req);
  const renamed = rec.ok ? applyMapping(rec.value, req.mapping, req.constants) : rec;
  const mapped = renamed.ok ? ok(applyValues(renamed.value, req.valueMap ?? {}, req.scale ?? {})) : renamed;
  const header = mapped.ok ? [...mapped.value.header] : [];
  if (!mapped.ok)
    return req.kind === "activity"
      ? { kind: "activity", header, parsed: { rows: [], problems: mapped.problems } }
      : { kind: "factors", header, parsed: { rows: [], problems: mapped.problems } };
  if (req.kind === "factors") return { kind: "factors", header, parsed: parseFactorRecords(mapped.value) };
  // Rows that parsed are checked as the inventory calculation will check them (GPC reference numbers), so
  // that a file that cannot be computed is refused here, at import, with the line.
  const parsed = parseActivityRecords(mapped.value);
  const problems = [...parsed.problems];
  const rows = parsed.rows.filter((r) => {
    if (gpcReference(r.gpc_ref)) return true;
    problems.push(
      problem(
        "UNKNOWN_GPC_REF",
        `"${r.gpc_ref}" is not a GPC v1.1 reference number (e.g. I.1.1, II.1.2, III.1.1, IV.1, V.2)`,
        {
          file: r.file ?? mapped.value.file,
          ...(r.line !== undefined ? { line: r.line } : {}),
          column: "gpc_ref",
        },
      ),
    );
    return false;
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { kind: "activity", header, parsed: { rows, problems } };
}

// ---------------------------------------------------------------- export

export type { Table } from "../workers/table-write.ts";

/**
 * A table as a file's bytes: an XLSX, or a CSV of more than CSV_ROWS_ON_THREAD rows, is written in the file
 * worker, off the event loop; a small CSV here (sending it to a thread would cost more than writing it).
 */
export function writeTable(
  table: Table,
  format: TableFormat,
  lang: "ko" | "en",
  sheetName: string,
): Promise<Uint8Array> {
  const task = { table, format, lang, sheetName };
  if (format === "csv" && table.rows.length <= CSV_ROWS_ON_THREAD) return tableBytes(task);
  return writeTableInWorker(task);
}
const CSV_ROWS_ON_THREAD = 2_000;

/** The header and rows of an XLSX sheet, each row with its line in the sheet (for other importers). */
export function readXlsxRecords(
  bytes: Uint8Array,
  file: string,
  sheet: string | null | undefined,
): Promise<Result<CsvRecords>> {
  return readTableRecords({ bytes, format: "xlsx", fileName: file, sheet });
}
