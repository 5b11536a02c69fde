/**
 * The implementation report as a DOCX that officials edit in Hangul or Word: A4 landscape, a Korean font, the
 * cover block as a two-column table, a table of contents (a field Hangul and Word fill in when the document
 * is opened), headings for I–VI and the annexes, tables whose header row repeats on every page, and page
 * numbers in the footer. Written with the `docx` package (no template file, nothing fetched).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { formatCell } from "../statements/html.ts";
import type { StatementTable } from "../statements/tables.ts";
import type { ReportDocument } from "./document.ts";

const FONT = "Malgun Gothic";
const border = { style: BorderStyle.SINGLE, size: 4, color: "888888" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { header?: boolean; right?: boolean; bold?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E8EEF5" } } : {}),
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.header || opts.bold, size: 16, font: FONT })],
      }),
    ],
  });
}

function table(tbl: StatementTable, lang: "ko" | "en"): Table {
  const totals = new Set(tbl.totals ?? []);
  const header = new TableRow({
    tableHeader: true,
    children: tbl.columns.map((c) => cell(c.label, { header: true })),
  });
  const rows = tbl.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: r.map((v, j) =>
          cell(formatCell(v, tbl.columns[j]!.kind, lang), {
            right: tbl.columns[j]!.kind !== "text" && typeof v !== "string",
            bold: totals.has(i),
          }),
        ),
      }),
  );
  if (rows.length === 0)
    rows.push(
      new TableRow({
        children: [
          new TableCell({
            borders,
            columnSpan: tbl.columns.length,
            children: [
              new Paragraph({
                children: [new TextRun({ text: lang === "ko" ? "해당 없음" : "None", font: FONT })],
              }),
            ],
          }),
        ],
      }),
    );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

const para = (text: string, opts: { size?: number; bold?: boolean } = {}) =>
  new Paragraph({
    spacing: { after: 80 },
    children: [new TextRun({ text, font: FONT, size: opts.size ?? 20, bold: opts.bold })],
  });

export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const ko = doc.lang === "ko";
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title, font: FONT })] }),
    para(doc.subtitle),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: doc.cover.map(
        (o) => new TableRow({ cantSplit: true, children: [cell(o.label, { header: true }), cell(o.text)] }),
      ),
    }),
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun({ text: ko ? "목차" : "Contents", font: FONT })],
    }),
    new TableOfContents(ko ? "목차" : "Contents", { hyperlink: true, headingStyleRange: "1-2" }),
    ...doc.notices.map((n) => para(`※ ${n}`, { size: 18 })),
  ];
  for (const s of doc.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new TextRun({ text: s.heading, font: FONT })],
      }),
    );
    for (const p of s.paragraphs) children.push(para(p));
    for (const tbl of s.tables) {
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          keepNext: true,
          children: [new TextRun({ text: tbl.title, font: FONT })],
        }),
      );
      if (tbl.note) children.push(para(tbl.note, { size: 16 }));
      children.push(table(tbl, doc.lang));
      children.push(para(""));
    }
  }
  if (doc.sources.length) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new TextRun({ text: ko ? "출처" : "Sources", font: FONT })],
      }),
    );
    for (const s of doc.sources)
      children.push(para(`${s.id}: ${s.title}${s.url ? ` (${s.url})` : ""}`, { size: 18 }));
  }
  const document = new Document({
    creator: "Citypath",
    title: doc.title,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 900, bottom: 900, left: 700, right: 700 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: FONT,
                    size: 16,
                    children: [ko ? "쪽 " : "Page ", PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
