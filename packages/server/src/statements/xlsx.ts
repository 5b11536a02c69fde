/**
 * A statement as an XLSX workbook: a sheet "개요" (overview and notices), then one sheet per table, numbers as
 * numbers with their formats (thousand won, percentages, tCO2e to one decimal).
 */
import ExcelJS from "exceljs";
import type { ColumnKind, StatementDocument } from "./tables.ts";

const FORMATS: Partial<Record<ColumnKind, string>> = {
  thousand_krw: "#,##0",
  ratio: "0.0%",
  tco2e: "#,##0.0",
  count: "#,##0",
  number: "#,##0.##",
};

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (s: string, used: Set<string>) => {
  let n = s.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
  for (let i = 2; used.has(n); i++) n = `${n.slice(0, 28)} ${i}`;
  used.add(n);
  return n;
};

export async function renderXlsx(doc: StatementDocument): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Citypath";
  const used = new Set<string>();
  const ov = wb.addWorksheet(sheetName(doc.lang === "ko" ? "개요" : "Overview", used));
  ov.addRow([doc.title]).font = { bold: true, size: 14 };
  ov.addRow([doc.subtitle]);
  for (const o of doc.overview) ov.addRow([o.label, o.text]);
  for (const n of doc.notices) ov.addRow([doc.lang === "ko" ? "알림" : "Notice", n]);
  for (const s of doc.sources)
    ov.addRow([doc.lang === "ko" ? "출처" : "Source", `${s.id}: ${s.title}${s.url ? ` (${s.url})` : ""}`]);
  for (const tbl of doc.tables) if (tbl.note) ov.addRow([tbl.title, tbl.note]);
  ov.getColumn(1).width = 22;
  ov.getColumn(2).width = 100;
  for (const tbl of doc.tables) {
    const ws = wb.addWorksheet(sheetName(tbl.id, used), { views: [{ state: "frozen", ySplit: 1 }] });
    const header = ws.addRow(tbl.columns.map((c) => c.label));
    header.font = { bold: true };
    const totals = new Set(tbl.totals ?? []);
    tbl.rows.forEach((r, i) => {
      const row = ws.addRow(r.map((v) => (v === null ? null : v)));
      if (totals.has(i)) row.font = { bold: true };
    });
    tbl.columns.forEach((c, j) => {
      const col = ws.getColumn(j + 1);
      col.width = c.kind === "text" ? 24 : 16;
      const fmt = FORMATS[c.kind];
      if (fmt) col.numFmt = fmt;
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
