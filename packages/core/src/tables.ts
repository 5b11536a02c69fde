/**
 * Tables in files (CSV and XLSX), declared once for every reader and writer: the limits a file must respect
 * (the server, the command line and the web read the same figures) and the one CSV cell writer, which
 * neutralises formulas as OWASP's CSV-injection guidance says and whose output the readers take back.
 */

/** What a table file may hold. Checked before parsing and while streaming; over a limit is a problem naming it. */
export const FILE_LIMITS = {
  /** Bytes of an uploaded file (CSV or XLSX), 20 MB. */
  uploadBytes: 20 * 1024 * 1024,
  /** Uncompressed XML read from an XLSX workbook for one sheet (the sheet and its shared strings), 100 MB. */
  sheetXmlBytes: 100 * 1024 * 1024,
  /** Columns of a sheet (or of a CSV file). */
  columns: 200,
  /** Cells of a sheet (or of a CSV file), counted as stored: empty cells between values count. */
  cells: 1_000_000,
} as const;

/** "20 MB" for a byte count: megabytes of 1,048,576 bytes, as the limits are written. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb * 10) / 10 : Math.round(mb * 100) / 100} MB`;
}

/**
 * The characters a spreadsheet program reads as the start of a formula (or strips before one): =, +, -, @,
 * tab and carriage return. A cell that starts with them, possibly after apostrophes of earlier escaping,
 * gets one more apostrophe in front.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A text cell as it is written to CSV: a leading formula character is neutralised with an apostrophe (so
 * "=1+1" is shown as text, not run), then the cell is quoted as RFC 4180 says when it holds a comma, quote or
 * line break. Numbers are written in full and never escaped: a number cannot carry a formula.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const s = typeof value === "boolean" ? String(value) : escapeFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The apostrophe escape alone (for writers that quote by themselves). */
export function escapeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * The inverse of escapeFormula, applied by every CSV reader to each cell: "'=1+1" is read as "=1+1",
 * "''=x" as "'=x"; an apostrophe before anything else is the cell's own text and stays.
 */
export function unescapeFormula(s: string): string {
  return s.charCodeAt(0) === 39 && FORMULA_START.test(s) ? s.slice(1) : s;
}

/** One CSV line (no line break) from cells. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
