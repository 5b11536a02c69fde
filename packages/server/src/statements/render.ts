/** One statement in one format: the core's statement, its tables, then HTML, XLSX or PDF. */
import { renderHtml } from "./html.ts";
import { buildStatement, type Lang, type StatementFormat, type StatementInput } from "./model.ts";
import { renderPdf } from "./pdf.ts";
import { statementDocument } from "./tables.ts";
import { renderXlsx } from "./xlsx.ts";

export interface RenderRequest {
  readonly input: StatementInput;
  readonly format: StatementFormat;
  readonly lang: Lang;
}

export async function renderStatement(req: RenderRequest): Promise<Uint8Array> {
  const doc = statementDocument(buildStatement(req.input), req.lang);
  if (req.format === "xlsx") return renderXlsx(doc);
  const html = renderHtml(doc);
  if (req.format === "html") return new TextEncoder().encode(html);
  return renderPdf(html, { title: doc.title, lang: req.lang });
}
