/**
 * `citypath inventory`: the GPC inventory of an activity CSV with the built-in factors (replaced per activity
 * by any --factors files). Exit 0 with the inventory; exit 2 with every problem on bad input (no totals).
 */
import {
  computeInventory,
  explainLine,
  explanationText,
  type FactorRow,
  formatProblem,
  GWP_SET_NAMES,
  type InventoryJson,
  inventoryCsv,
  inventoryJson,
  inventoryTable,
  mergeFactors,
  type Problem,
} from "@citypath/core";
import {
  builtinActivities,
  builtinFactors,
  DEFAULT_GWP_SET,
  encodingOption,
  GWP_SETS,
  readActivityCsvRows,
  readFactorCsvRows,
} from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const FORMATS = ["table", "json", "csv"] as const;
type Format = (typeof FORMATS)[number];

const usage = `citypath inventory --activity FILE [--factors FILE ...] [--gwp AR5] [--encoding auto|utf-8|cp949] [--format table|json|csv] [--explain REF]

  --activity FILE   activity CSV: year,gpc_ref,activity,amount,unit[,district,source,quality,note] (docs/formats.md)
  --factors FILE    factors CSV; replaces the built-in factors of every activity it names (repeatable)
  --gwp NAME        GWP set: ${GWP_SET_NAMES.join(", ")} (default ${DEFAULT_GWP_SET})
  --encoding NAME   auto (default: UTF-8 with or without BOM, else CP949), utf-8, cp949 (= euc-kr)
  --format NAME     table (default), json (the contract in docs/schema/inventory.schema.json), csv
  --explain REF     show, for GPC line REF (e.g. I.1.1), every row with the factors applied and the arithmetic

Exit codes: 0 the inventory; 2 bad input (every problem is listed, with file, line and column; no totals).`;

export const command: Command = {
  name: "inventory",
  summary: "GPC greenhouse-gas inventory from an activity CSV",
  usage,
  run,
};

function writeProblems(io: CommandIO, problems: readonly Problem[]) {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: ["activity", "gwp", "encoding", "format", "explain"],
    repeated: ["factors"],
  });
  if (!parsed.ok) {
    io.stderr.write(`citypath inventory: ${parsed.error}\n\n${usage}\n`);
    return 2;
  }
  const a = parsed.args;
  const format = (a.values.format ?? "table") as Format;
  if (!FORMATS.includes(format)) {
    io.stderr.write(`citypath inventory: --format must be one of ${FORMATS.join(", ")}\n`);
    return 2;
  }
  const gwpName = (a.values.gwp ?? DEFAULT_GWP_SET).toUpperCase();
  const problems: Problem[] = [];
  const fail = (ps: readonly Problem[]) => {
    if (format === "json")
      io.stdout.write(`${JSON.stringify(inventoryJson(gwpName, undefined, ps), null, 2)}\n`);
    else writeProblems(io, ps);
    if (format !== "json")
      io.stderr.write(`${ps.filter((p) => p.severity === "error").length} problem(s); no inventory.\n`);
    return 2;
  };
  if (a.positional.length) {
    io.stderr.write(`citypath inventory: unexpected argument "${a.positional[0]}"\n\n${usage}\n`);
    return 2;
  }
  const activityPath = a.values.activity;
  if (!activityPath) {
    io.stderr.write(`citypath inventory: --activity FILE is required\n\n${usage}\n`);
    return 2;
  }
  const encoding = encodingOption(a.values.encoding ?? "auto");
  if (!encoding) {
    io.stderr.write(`citypath inventory: --encoding must be auto, utf-8 or cp949\n`);
    return 2;
  }
  const gwp = (GWP_SETS as Record<string, (typeof GWP_SETS)[keyof typeof GWP_SETS]>)[gwpName];
  if (!gwp)
    problems.push({
      code: "UNKNOWN_GWP_SET",
      message: `GWP set "${gwpName}" is not one of ${GWP_SET_NAMES.join(", ")}`,
      severity: "error",
      path: "--gwp",
    });
  // Every stage runs on what parsed, so that the problems of all files and of the calculation come at once.
  const activities = readActivityCsvRows(activityPath, { encoding, cwd: io.cwd });
  problems.push(...activities.problems);
  const user: FactorRow[] = [];
  for (const f of a.repeated.factors ?? []) {
    const r = readFactorCsvRows(f, { encoding, cwd: io.cwd });
    user.push(...r.rows);
    problems.push(...r.problems);
  }
  if (!gwp) return fail(problems);
  const defs = builtinActivities();
  const input = {
    activities: activities.rows,
    factors: mergeFactors(builtinFactors(), user, defs),
    gwp,
    activityDefs: defs,
  };
  const result = computeInventory(input);
  if (!result.ok || problems.length) {
    const all = [...problems, ...(result.ok ? result.warnings : result.problems)];
    const rank = (p: Problem) => (p.severity === "error" ? 0 : 1);
    all.sort(
      (x, y) =>
        rank(x) - rank(y) ||
        (x.file ?? "").localeCompare(y.file ?? "") ||
        (x.line ?? 0) - (y.line ?? 0) ||
        x.code.localeCompare(y.code),
    );
    return fail(all);
  }
  const warnings = result.warnings;
  if (a.values.explain !== undefined) {
    const e = explainLine(input, a.values.explain);
    if (!e.ok) return fail(e.problems);
    if (format === "json") io.stdout.write(`${JSON.stringify({ explain: e.value }, null, 2)}\n`);
    else io.stdout.write(explanationText(e.value));
    return 0;
  }
  if (format === "json") {
    const doc: InventoryJson = inventoryJson(gwpName, result.value, warnings, activities.rows);
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    writeProblems(io, warnings);
    io.stdout.write(
      format === "csv" ? inventoryCsv(result.value) : inventoryTable(result.value, activities.rows),
    );
  }
  return 0;
}
