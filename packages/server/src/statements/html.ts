/**
 * A statement as one self-contained HTML page (Korean or English): the overview, the notices (illustrative
 * figures, assumptions, provisional settlements), then each table with a caption and column headers
 * (`<th scope="col">`). The same page is printed to PDF (print styles: A4, headers repeated on every page).
 */
import { UNTRANSLATED_MARK } from "@citypath/core/vocabulary/index";
import type { Cell, ColumnKind, StatementDocument, StatementTable } from "./tables.ts";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function formatCell(v: Cell, kind: ColumnKind, lang: "ko" | "en"): string {
  if (v === null) return "–";
  if (typeof v === "string") return v;
  const loc = lang === "ko" ? "ko-KR" : "en-US";
  switch (kind) {
    case "ratio":
      return `${(v * 100).toLocaleString(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case "thousand_krw":
      return Math.round(v).toLocaleString(loc);
    case "tco2e":
      return v.toLocaleString(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    default:
      return v.toLocaleString(loc);
  }
}

/**
 * A cell's class: numbers right-aligned on one line; a short text without spaces (a measure's number "1-1", a
 * class, a department) kept on one line, so that a narrow column does not print it a syllable a line.
 */
export function cellClass(v: Cell, kind: ColumnKind): string {
  if (kind !== "text" && typeof v !== "string") return ' class="num"';
  const s = typeof v === "string" ? v : "";
  return s.length > 0 && s.length <= 10 && !/\s/.test(s) ? ' class="nw"' : "";
}

/** A text column with a long text in it (a method, a reason): kept wide enough to read in a wide table. */
export function longText(tbl: StatementTable, j: number): boolean {
  return (
    tbl.columns[j]?.kind === "text" && tbl.rows.some((r) => typeof r[j] === "string" && r[j].length > 24)
  );
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif; color: #1a1a1a; margin: 2rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.subtitle { color: #444; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 700; }
dd { margin: 0; }
.notice { border-left: 4px solid #a05a00; background: #fff6e5; padding: .5rem .75rem; margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; margin: .5rem 0 1rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid #888; padding: .2rem .35rem; vertical-align: top; }
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
@page { size: A4 landscape; margin: 14mm 10mm 16mm; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

export function renderHtml(doc: StatementDocument): string {
  const { lang } = doc;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.title)}</title><style>${STYLE}</style></head><body><main>`,
  );
  parts.push(`<h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p>`);
  parts.push(`<h2>${lang === "ko" ? "개요" : "Overview"}</h2><dl>`);
  for (const o of doc.overview) parts.push(`<dt>${esc(o.label)}</dt><dd>${esc(o.text)}</dd>`);
  parts.push("</dl>");
  for (const n of doc.notices) parts.push(`<p class="notice">${esc(n)}</p>`);
  for (const tbl of doc.tables) {
    parts.push(`<section><h2>${esc(tbl.title)}</h2>`);
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
        const text = esc(formatCell(v, col.kind, lang));
        // an untranslated text in an English page is Korean: say so to assistive technology (WCAG 3.1.2)
        const ko = lang === "en" && typeof v === "string" && v.includes(UNTRANSLATED_MARK);
        parts.push(`<td${cellClass(v, col.kind)}>${ko ? `<span lang="ko">${text}</span>` : text}</td>`);
      });
      parts.push("</tr>");
    });
    if (tbl.rows.length === 0)
      parts.push(
        `<tr><td colspan="${tbl.columns.length}">${lang === "ko" ? "해당 사업 없음" : "No lines"}</td></tr>`,
      );
    parts.push("</tbody></table></section>");
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
