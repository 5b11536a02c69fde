/**
 * CSV as RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte-order mark so that spreadsheet programs
 * read Korean text correctly. Numbers are written in full (no locale formatting, no thousands separators);
 * text cells are escaped against formula injection by the core's one CSV cell writer.
 */
import { csvCell } from "@citypath/core/tables";

export type Cell = string | number | null;

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
