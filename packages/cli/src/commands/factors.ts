/** `citypath factors`: the built-in activities (with Korean names and aliases), their factors and sources. */
import { ActivityNames, type FactorRow } from "@citypath/core";
import { builtinActivities, builtinFactors } from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath factors [--activity NAME] [--format table|json]

  --activity NAME   only this activity (its id, English or Korean name, or an alias: 경유, 도시가스, 전력)
  --format NAME     table (default) or json`;

export const command: Command = {
  name: "factors",
  summary: "list the built-in activities, their emission factors and sources",
  usage,
  run,
};

function describe(f: FactorRow): string {
  const years =
    f.year !== undefined
      ? `${f.year}`
      : f.valid_from !== undefined || f.valid_to !== undefined
        ? `${f.valid_from ?? ""}-${f.valid_to ?? ""}`
        : "all years";
  const ncv = f.ncv !== undefined ? `  NCV ${f.ncv} ${f.ncv_unit}` : "";
  const ncvSource = f.ncv_source ? `\n      NCV source: ${f.ncv_source}` : "";
  return `    ${f.gas.padEnd(5)} ${String(f.factor).padStart(9)} ${f.unit.padEnd(10)} GPC ${(f.gpc_ref ?? "all").padEnd(5)} ${years.padEnd(9)}${ncv}\n      source: ${f.source ?? "(none)"}${f.source_year ? ` (${f.source_year})` : ""}${ncvSource}${f.note ? `\n      note: ${f.note}` : ""}\n`;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, { values: ["activity", "format"] });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath factors: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const format = parsed.args.values.format ?? "table";
  if (format !== "table" && format !== "json") {
    io.stderr.write("citypath factors: --format must be table or json\n");
    return 2;
  }
  const defs = builtinActivities();
  const names = new ActivityNames(defs);
  const wanted = parsed.args.values.activity;
  const id = wanted === undefined ? undefined : names.canonical(wanted);
  const shown = id === undefined ? defs : defs.filter((d) => d.id === id);
  if (shown.length === 0) {
    io.stderr.write(
      `citypath factors: no built-in activity "${wanted}"; known: ${defs.map((d) => `${d.id} (${d.name_ko})`).join(", ")}\n`,
    );
    return 2;
  }
  const factors = builtinFactors();
  if (format === "json") {
    const doc = shown.map((d) => ({ ...d, factors: factors.filter((f) => f.activity === d.id) }));
    io.stdout.write(`${JSON.stringify({ activities: doc }, null, 2)}\n`);
    return 0;
  }
  for (const d of shown) {
    io.stdout.write(`${d.id}  ${d.name_ko} / ${d.name}\n`);
    if (d.aliases.length) io.stdout.write(`  aliases: ${d.aliases.join(", ")}\n`);
    if (d.note) io.stdout.write(`  note: ${d.note}\n`);
    for (const f of factors.filter((x) => x.activity === d.id)) io.stdout.write(describe(f));
    io.stdout.write("\n");
  }
  return 0;
}
