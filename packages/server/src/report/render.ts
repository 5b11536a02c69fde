/**
 * One implementation report in one format. The request carries either the sources (a draft: the report is
 * built from them here, in the worker) or the frozen report (a completed one: printed as it was frozen), so
 * a completed report never changes with the data it was built from.
 */
import type { ImplementationReport } from "@citypath/core/report/index";
import { renderPdf } from "../statements/pdf.ts";
import { renderXlsx } from "../statements/xlsx.ts";
import { buildReport } from "./compute.ts";
import { type Lang, type ReportDocument, reportDocument } from "./document.ts";
import { renderReportDocx } from "./docx.ts";
import { renderReportHtml } from "./html.ts";
import type { ReportSources } from "./sources.ts";

export type ReportFormat = "json" | "html" | "xlsx" | "docx" | "pdf";

export type ReportRequest =
  | { readonly task: "build"; readonly sources: ReportSources }
  | {
      readonly task: "render";
      readonly format: Exclude<ReportFormat, "json">;
      readonly lang: Lang;
      readonly report?: ImplementationReport;
      readonly sources?: ReportSources;
    };

export function reportXlsxDocument(doc: ReportDocument) {
  return {
    lang: doc.lang,
    title: doc.title,
    subtitle: doc.subtitle,
    overview: [
      ...doc.cover,
      ...doc.sections.flatMap((s) => s.paragraphs.map((p) => ({ label: s.heading, text: p }))),
    ],
    notices: doc.notices,
    tables: doc.sections.flatMap((s) => s.tables),
    sources: doc.sources,
  };
}

export async function runReportTask(req: ReportRequest): Promise<Uint8Array | ImplementationReport> {
  if (req.task === "build") return buildReport(req.sources);
  const report = req.report ?? buildReport(req.sources!);
  const doc = reportDocument(report, req.lang);
  if (req.format === "xlsx") return renderXlsx(reportXlsxDocument(doc));
  if (req.format === "docx") return renderReportDocx(doc);
  const html = renderReportHtml(doc);
  if (req.format === "html") return new TextEncoder().encode(html);
  return renderPdf(html, { title: doc.title, lang: req.lang });
}
