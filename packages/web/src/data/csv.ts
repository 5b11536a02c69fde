/**
 * CSV as RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte-order mark so that spreadsheet programs
 * read Korean text correctly. Numbers are written in full (no locale formatting, no thousands separators).
 */
export type Cell = string | number | null;

function cell(v: Cell): string {
  if (v === null) return "";
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
