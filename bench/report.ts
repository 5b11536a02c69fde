/**
 * The Jeonju demo's implementation reports: time to gather the sources from the database and build the
 * report (the 2025 draft), and to render the frozen 2024 report and the 2025 draft as HTML, XLSX, DOCX and
 * PDF (Chromium), each the median of 3 runs in this process. The machine's load (as `uptime` prints it) is
 * reported beside the figures, and each figure as a ratio to a reference measured in the same run (the 2024
 * budget statement's HTML). Ends with one JSON line.
 * Goals (reported, not gated): HTML within 1 s, XLSX and DOCX within 2 s, PDF within 10 s.
 */
import { loadavg } from "node:os";
import type { ImplementationReport } from "@citypath/core/report/index";
import { buildReport } from "@citypath/server/report/compute";
import { runReportTask } from "@citypath/server/report/render";
import { reportSources } from "@citypath/server/report/sources";
import { statementInput } from "@citypath/server/services/budget";
import { renderStatement } from "@citypath/server/statements/render";
import { demoStore } from "./lib/demo.ts";
import { medianRun as timed } from "./lib/timing.ts";

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

const loadBefore = load();
const { database, store, tenant: t } = await demoStore();
const out: Record<string, number | number[]> = {};

// the reference: the 2024 budget statement as HTML
const input = await statementInput(store, t, 2024, "budget", new Date());
const ref = await timed(() => renderStatement({ input, format: "html", lang: "ko" }));
out.reference_statement_html_ms = ref.ms;
console.log(`reference (2024 budget statement HTML): ${ref.ms} ms`);

const [frozen] = (await store.reports.list(t.id)).filter((r) => r.year === 2024 && r.snapshot);
if (!frozen) throw new Error("the demo has no frozen 2024 report");
const plan = frozen.planId;
const draft = await store.reports.get(t.id, plan, 2025);
if (!draft) throw new Error("the demo has no 2025 report");

const gather = await timed(() =>
  reportSources(store, t, { year: 2025, plan, asOf: "2026-04-30", entries: draft.entries }),
);
out.draft_sources_ms = gather.ms;
const build = await timed(() => buildReport(gather.value));
out.draft_build_ms = build.ms;
console.log(`2025 draft: sources ${gather.ms} ms, build ${build.ms} ms`);

const reports: Record<string, ImplementationReport> = {
  "2024": frozen.snapshot as ImplementationReport,
  "2025": build.value,
};
for (const [year, report] of Object.entries(reports))
  for (const format of ["html", "xlsx", "docx", "pdf"] as const) {
    const r = await timed(() => runReportTask({ task: "render", format, lang: "ko", report }));
    const bytes = (r.value as Uint8Array).byteLength;
    out[`report_${year}_${format}_ms`] = r.ms;
    out[`report_${year}_${format}_bytes`] = bytes;
    out[`report_${year}_${format}_ratio`] = Math.round((r.ms / Math.max(ref.ms, 1)) * 10) / 10;
    console.log(
      `${year} ${format}: ${r.ms} ms (median of 3; ${out[`report_${year}_${format}_ratio`]}× the reference), ${bytes} bytes`,
    );
  }
await database.close();
out.load_before = loadBefore;
out.load_after = load();
console.log(
  `load average (1, 5, 15 min): before ${loadBefore.join(", ")}; after ${out.load_after.join(", ")}`,
);
console.log(JSON.stringify({ bench: "report", ...out }));
