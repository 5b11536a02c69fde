/**
 * The Jeonju demo's implementation-report entries (reports/jeonju/YEAR.yaml): what staff write into a
 * report, checked by the core's schema, every problem with file and path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, ok, type Problem, problem, type Result } from "@citypath/core";
import { type ReportEntries, ReportEntriesSchema } from "@citypath/core/report/index";
import { parse } from "yaml";

export const JEONJU_REPORTS_DIR = fileURLToPath(new URL("../reports/jeonju/", import.meta.url));

/** Every `YEAR.yaml` of a folder, by year. */
export function loadReportEntries(dir: string): Result<Map<number, ReportEntries>> {
  const out = new Map<number, ReportEntries>();
  const problems: Problem[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => /^\d{4}\.yaml$/.test(n))
    .sort()) {
    const r = ReportEntriesSchema.safeParse(parse(readFileSync(join(dir, f), "utf8")));
    if (r.success) out.set(Number(f.slice(0, 4)), r.data);
    else
      for (const i of r.error.issues)
        problems.push(problem("BAD_VALUE", i.message, { file: f, path: i.path.join(".") }));
  }
  return problems.length ? fail(problems) : ok(out);
}

export function loadJeonjuReports(): Result<Map<number, ReportEntries>> {
  return loadReportEntries(JEONJU_REPORTS_DIR);
}
