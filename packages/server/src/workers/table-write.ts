/**
 * Writing a table as a file (CSV in UTF-8 with a BOM, which spreadsheet programs need to read Korean, or XLSX),
 * with Korean or English headers: run in the file worker (files-worker.mjs), because an XLSX of a pathway's
 * 1,850 rows took 0.3-1.5 s of CPU, which on the server's thread held every other request.
 */
import { columnHeader, csvCell, PATHWAY_ROW_COLUMNS, pathwayRows } from "@citypath/core";

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null | undefined)[])[];
}

export interface TableWriteTask {
  readonly table: Table;
  readonly format: "csv" | "xlsx";
  readonly lang: "ko" | "en";
  readonly sheetName: string;
}

export async function tableBytes(task: TableWriteTask): Promise<Uint8Array> {
  const { table, format, lang, sheetName } = task;
  const header = table.columns.map((c) => columnHeader(c, lang));
  if (format === "csv") {
    const lines = [header, ...table.rows].map((r) => r.map(csvCell).join(","));
    return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
  }
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  for (const r of table.rows) ws.addRow(r.map((v) => (v === undefined ? null : v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface PathwayWriteTask extends Omit<TableWriteTask, "table"> {
  /** The pathway JSON (docs/pathway-json.md) of one scenario. */
  readonly pathway: Parameters<typeof pathwayRows>[0];
  readonly scenario: string;
}

/**
 * A pathway one value per row, each with its Scope 2 method (as `citypath pathway --format csv`), as a file:
 * the rows are built here too, since building the 1,850 rows of the demo's pathway held the server's thread
 * for 100-270 ms on a busy machine.
 */
export function pathwayBytes(task: PathwayWriteTask): Promise<Uint8Array> {
  const { pathway, scenario, ...rest } = task;
  return tableBytes({
    ...rest,
    table: { columns: [...PATHWAY_ROW_COLUMNS], rows: pathwayRows(pathway, scenario) },
  });
}
