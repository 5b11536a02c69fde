/**
 * The implementation report as one self-contained HTML page (Korean or English): the cover block, a table
 * of contents, the notices, then sections I–VI and the annexes with their tables (`<th scope="col">`,
 * captions). The same page is printed to PDF: A4 landscape (the measures table is wide), each section on a new page, table headers
 * repeated on every page, rows never split.
 */
import { cellClass, formatCell, longText } from "../statements/html.ts";
import type { ReportDocument } from "./document.ts";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif; color: #1a1a1a; margin: 2rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
.subtitle { color: #444; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 700; }
dd { margin: 0; }
nav ol { margin: .25rem 0 1rem; }
.notice { border-left: 4px solid #a05a00; background: #fff6e5; padding: .5rem .75rem; margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .72rem; margin: .5rem 0 1rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid #888; padding: .2rem .3rem; vertical-align: top; }
th, td { word-break: keep-all; overflow-wrap: break-word; }
td.nw { white-space: nowrap; }
th.long { min-width: 7em; }
table.wide { font-size: .62rem; }
th { background: #e8eef5; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #f3f3f3; }
p.note { font-size: .8rem; color: #333; margin: 0; }
footer { margin-top: 2rem; font-size: .8rem; color: #333; }
a { color: #0b57d0; }
@page { size: A4 landscape; margin: 16mm 10mm 18mm; }
@media print {
  body { margin: 0; }
  section.part { break-before: page; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;

export function renderReportHtml(doc: ReportDocument): string {
  const { lang } = doc;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.title)}</title><style>${STYLE}</style></head><body><main>`,
  );
  parts.push(`<h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p><dl>`);
  for (const o of doc.cover) parts.push(`<dt>${esc(o.label)}</dt><dd>${esc(o.text)}</dd>`);
  parts.push("</dl>");
  parts.push(
    `<nav aria-label="${lang === "ko" ? "목차" : "Contents"}"><h2>${lang === "ko" ? "목차" : "Contents"}</h2><ol>`,
  );
  for (const s of doc.sections) parts.push(`<li><a href="#${esc(s.id)}">${esc(s.heading)}</a></li>`);
  parts.push("</ol></nav>");
  for (const n of doc.notices) parts.push(`<p class="notice">${esc(n)}</p>`);
  for (const s of doc.sections) {
    parts.push(`<section class="part" id="${esc(s.id)}"><h2>${esc(s.heading)}</h2>`);
    for (const p of s.paragraphs) parts.push(`<p>${esc(p)}</p>`);
    for (const tbl of s.tables) {
      parts.push(`<h3>${esc(tbl.title)}</h3>`);
      if (tbl.note) parts.push(`<p class="note">${esc(tbl.note)}</p>`);
      parts.push(
        `<table${tbl.columns.length > 12 ? ' class="wide"' : ""}><caption>${esc(tbl.title)}</caption><thead><tr>`,
      );
      tbl.columns.forEach((c, j) => {
        parts.push(`<th scope="col"${longText(tbl, j) ? ' class="long"' : ""}>${esc(c.label)}</th>`);
      });
      parts.push("</tr></thead><tbody>");
      const totals = new Set(tbl.totals ?? []);
      tbl.rows.forEach((row, i) => {
        parts.push(totals.has(i) ? '<tr class="total">' : "<tr>");
        row.forEach((v, j) => {
          const col = tbl.columns[j]!;
          parts.push(`<td${cellClass(v, col.kind)}>${esc(formatCell(v, col.kind, lang))}</td>`);
        });
        parts.push("</tr>");
      });
      if (tbl.rows.length === 0)
        parts.push(
          `<tr><td colspan="${tbl.columns.length}">${lang === "ko" ? "해당 없음" : "None"}</td></tr>`,
        );
      parts.push("</tbody></table>");
    }
    parts.push("</section>");
  }
  if (doc.sources.length) {
    parts.push(`<footer><h2>${lang === "ko" ? "출처" : "Sources"}</h2><ul>`);
    for (const s of doc.sources)
      parts.push(
        `<li>${esc(s.id)}: ${s.url ? `<a href="${esc(s.url)}">${esc(s.title)}</a>` : esc(s.title)}</li>`,
      );
    parts.push("</ul></footer>");
  }
  parts.push("</main></body></html>");
  return parts.join("");
}
