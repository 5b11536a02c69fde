/**
 * `citypath report budget|settlement|implementation`: the GHG-reduction budget statement (예산서) or settlement
 * statement (결산서) of a tenant and year, as HTML, XLSX or PDF; or the implementation report (이행점검
 * 결과보고서) of a plan and year checked, as HTML, PDF, DOCX or XLSX (a completed report as it was frozen; a
 * draft built from the data as it is). `--demo` loads the Jeonju demo into a temporary
 * embedded database, so the command works from a clean checkout. Exit code 0 on success, 1 when the
 * statement cannot be made (no settings, no lines), 2 on a usage error.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CitypathError, formatProblem } from "@citypath/core";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath report budget|settlement|implementation --tenant SLUG --year Y
                 (--data-dir DIR | --database-url URL | --demo) --format html|xlsx|pdf|docx [--lang ko|en]
                 [--plan PLAN] --out FILE

  budget       the GHG-reduction budget statement (예산서) of the year
  settlement   the settlement statement (결산서) of the year (provisional where not closed)
  implementation  the implementation report (이행점검 결과보고서) of the year checked (docx too)
  --plan       the plan of the implementation report (default: the carbon-neutral basic plan)
  --demo       the Jeonju demo in a temporary embedded database (nothing is kept)
  --data-dir   the embedded database (env CITYPATH_DATA_DIR; default .citypath/)
  --database-url  a PostgreSQL database (env DATABASE_URL)
  --lang       ko (default) or en (English where the texts exist)

The embedded database admits one process: while a server holds it, ask the server instead:
GET /api/tenants/SLUG/budget/YEAR/statement?kind=budget&format=pdf or
GET /api/tenants/SLUG/reports/PLAN/YEAR/document?format=pdf (docs/reporting.md).`;

export const command: Command = {
  name: "report",
  summary:
    "Budget and settlement statements, the implementation report (report budget|settlement|implementation)",
  usage,
  run,
};

const KINDS = ["budget", "settlement", "implementation"] as const;
const FORMATS = ["html", "xlsx", "pdf", "docx"] as const;

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: ["tenant", "year", "data-dir", "database-url", "format", "out", "lang", "plan"],
    booleans: ["demo"],
  });
  const fail = (msg: string) => {
    io.stderr.write(`citypath report: ${msg}\n\n${usage}\n`);
    return 2;
  };
  if (!parsed.ok) return fail(parsed.error);
  const { values, booleans, positional } = parsed.args;
  const demo = booleans.has("demo");
  const kind = positional[0] as (typeof KINDS)[number];
  if (!KINDS.includes(kind) || positional.length > 1) return fail("say budget, settlement or implementation");
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return fail("--format is html, xlsx, pdf or docx");
  if (format === "docx" && kind !== "implementation") return fail("docx is for the implementation report");
  const lang = (values.lang ?? "ko") as "ko" | "en";
  if (lang !== "ko" && lang !== "en") return fail("--lang is ko or en");
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return fail("--year is a year, e.g. 2024");
  if (!values.tenant) return fail("--tenant is required");
  if (!values.out) return fail("--out is required");
  const url = values["database-url"] ?? (demo ? undefined : process.env.DATABASE_URL);
  const sources = [demo, values["data-dir"] !== undefined, values["database-url"] !== undefined].filter(
    Boolean,
  );
  if (sources.length > 1) return fail("give one of --data-dir, --database-url and --demo");

  const db = await import("@citypath/db");
  const { statementInput } = await import("@citypath/server/services/budget");
  // Rendered on this thread, not in the server's worker pool: a command has no event loop to keep free, and a
  // worker would load the renderers a second time (decision 66).
  const { renderStatement } = await import("@citypath/server/statements/render");
  const { runReportTask } = await import("@citypath/server/report/render");
  let database: Awaited<ReturnType<typeof db.openDatabase>> | undefined;
  try {
    if (demo) database = await db.openDatabase({ memory: true });
    else if (url) database = await db.openDatabase({ databaseUrl: url });
    else
      database = await db.openDatabase({
        dataDir: resolve(io.cwd, values["data-dir"] ?? process.env.CITYPATH_DATA_DIR ?? ".citypath"),
      });
    await db.migrate(database);
    const store = db.createStore(database);
    if (demo) {
      const { loadReferenceData } = await import("@citypath/server");
      const { loadDemoTenant } = await import("@citypath/server/services/demo");
      const { corePathwayEngine, jeonjuDemoInstance } = await import("@citypath/server/services/engine");
      await loadReferenceData(store);
      await loadDemoTenant(store, { engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    }
    const t = await store.tenants.bySlug(values.tenant);
    if (!t) {
      io.stderr.write(`citypath report: no tenant "${values.tenant}"\n`);
      return 1;
    }
    let bytes: Uint8Array;
    if (kind === "implementation") {
      const { reportContent } = await import("@citypath/server/services/report");
      const { reportPlan } = await import("@citypath/server/report/sources");
      const plans = (await store.agenda.list(t.id, "plan")).map((p) => p.document);
      const plan = reportPlan(plans, values.plan, t.slug).id;
      const content = await reportContent(store, t, plan, year, new Date().toISOString().slice(0, 10));
      const out = await runReportTask({ task: "render", format, lang, ...content });
      if (!(out instanceof Uint8Array)) throw new Error("rendering the report gave no document");
      bytes = out;
    } else {
      if (format === "docx") return fail("docx is for the implementation report");
      const input = await statementInput(store, t, year, kind, new Date());
      bytes = await renderStatement({ input, format, lang });
    }
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, bytes);
    io.stdout.write(`wrote ${out} (${bytes.byteLength.toLocaleString("en-US")} bytes)\n`);
    return 0;
  } catch (e) {
    if (e instanceof CitypathError) {
      if (e.code === "LOCKED") {
        const tenant = encodeURIComponent(values.tenant);
        const route =
          kind === "implementation"
            ? `GET /api/tenants/${tenant}/reports/${values.plan ?? "PLAN"}/${year}/document?format=${format}&lang=${lang}${values.plan ? "" : ` (PLAN: the plan's id, as GET /api/tenants/${tenant}/reports lists them)`}`
            : `GET /api/tenants/${tenant}/budget/${year}/statement?kind=${kind}&format=${format}&lang=${lang}`;
        io.stderr.write(
          `citypath report: the embedded database is held by a running server; ask it instead: ${route}\n`,
        );
      } else for (const p of e.problems) io.stderr.write(`${formatProblem(p)}\n`);
      return 1;
    }
    throw e;
  } finally {
    await database?.close();
  }
}
