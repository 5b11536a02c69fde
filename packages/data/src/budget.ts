/**
 * A city's GHG-reduction budget from a folder: `budget.yaml` (settings and fiscal years), `lines.csv` and
 * `settlements.csv` in the documented import layout (docs/reporting.md). The Jeonju demo lives in
 * ../budget/jeonju. Every problem comes back with its file, line and column.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BudgetLine,
  type BudgetSettings,
  BudgetSettingsSchema,
  type BudgetYear,
  BudgetYearSchema,
  parseBudgetLineRecords,
  parseSettlementRecords,
  type Settlement,
} from "@citypath/core/budget/index";
import { fail, ok, type Problem, problem, type Result } from "@citypath/core/errors";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { decodeText, parseCsvText } from "./csv.ts";

export interface BudgetFolder {
  readonly settings: BudgetSettings;
  readonly years: BudgetYear[];
  readonly lines: BudgetLine[];
  readonly settlements: Settlement[];
}

export const JEONJU_BUDGET_DIR = fileURLToPath(new URL("../budget/jeonju/", import.meta.url));

function records(
  dir: string,
  name: string,
): Result<{ records: Record<string, string>[]; lines: readonly number[]; file: string }> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(dir, name));
  } catch (e) {
    return fail([problem("NOT_FOUND", `cannot read ${name}: ${(e as Error).message}`, { file: name })]);
  }
  const text = decodeText(bytes, "auto", name);
  if (!text.ok) return text;
  const csv = parseCsvText(text.value.text, name);
  if (!csv.ok) return csv;
  const { header, rows, lines, file } = csv.value;
  return ok({
    file,
    lines,
    records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))),
  });
}

/** Reads a budget folder; every problem at once. */
export function loadBudgetFolder(dir: string): Result<BudgetFolder> {
  const problems: Problem[] = [];
  let settings: BudgetSettings | undefined;
  let years: BudgetYear[] = [];
  try {
    const doc = parseYaml(readFileSync(join(dir, "budget.yaml"), "utf8")) as unknown;
    const parsed = z
      .object({ settings: BudgetSettingsSchema, years: z.array(BudgetYearSchema) })
      .strict()
      .safeParse(doc);
    if (parsed.success) ({ settings, years } = parsed.data);
    else
      for (const i of parsed.error.issues)
        problems.push(problem("BAD_VALUE", i.message, { file: "budget.yaml", path: i.path.join(".") }));
  } catch (e) {
    problems.push(
      problem("BAD_VALUE", `cannot read budget.yaml: ${(e as Error).message}`, { file: "budget.yaml" }),
    );
  }
  const lr = records(dir, "lines.csv");
  const lines = lr.ok ? parseBudgetLineRecords(lr.value.records, lr.value) : lr;
  const sr = records(dir, "settlements.csv");
  const settlements = sr.ok ? parseSettlementRecords(sr.value.records, sr.value) : sr;
  if (!lines.ok) problems.push(...lines.problems);
  if (!settlements.ok) problems.push(...settlements.problems);
  if (lines.ok && settlements.ok) {
    const keys = new Set(lines.value.map((l) => `${l.year}|${l.code}`));
    for (const s of settlements.value)
      if (!keys.has(`${s.year}|${s.code}`))
        problems.push(
          problem("UNKNOWN_REFERENCE", `no line ${s.year} ${s.code} to settle`, {
            file: "settlements.csv",
            column: "code",
          }),
        );
  }
  if (problems.length || !settings || !lines.ok || !settlements.ok) return fail(problems);
  return ok({ settings, years, lines: lines.value, settlements: settlements.value });
}

export function loadJeonjuBudget(): Result<BudgetFolder> {
  return loadBudgetFolder(JEONJU_BUDGET_DIR);
}
