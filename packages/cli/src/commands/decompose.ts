/**
 * `citypath decompose`: what drove the change in emissions between two years (LMDI-I, additive), per sector:
 * activity, structure, intensity and emission factor, from an activity-data inventory with activity drivers,
 * or from a pathway with the modelled actions' abatement beside. JSON contract: docs/decompose-json.md;
 * method: docs/methodology/decomposition.md.
 *
 * Exit codes: 0 the decomposition, 1 the instance does not load, 2 bad arguments or input (every problem).
 */

import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import {
  type ActivityBySector,
  computeInventory,
  csvLine,
  DECOMPOSE_FORMAT,
  DECOMPOSE_METHOD,
  type DecompositionJson,
  decomposeInventory,
  decomposePathway,
  type FactorRow,
  formatProblem,
  LMDI_EFFECTS,
  mergeFactors,
  type Problem,
  pathwayDecompositionJson,
  plain,
  scenarioLevels,
} from "@citypath/core";
import {
  builtinActivities,
  builtinFactors,
  compileLoaded,
  DEFAULT_GWP_SET,
  GWP_SETS,
  loadInstance,
  parseCsvText,
  readActivityCsvRows,
  readFactorCsvRows,
} from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

type DecomposeJson = DecompositionJson;

const usage = `citypath decompose (--activity FILE [--factors FILE ...] --drivers FILE | --instance DIR [--scenario ID]) --from Y1 --to Y2 [--format table|json|csv]

  --activity FILE    activity data (docs/formats.md) with both years; --factors replace built-in factors
  --drivers FILE     each sector's activity by year: CSV sector,year,value[,driver,source] (sector * = every
                     sector without its own row), e.g. population
  --gwp NAME         GWP set of the inventory (default AR5)
  --instance DIR     a model instance: the pathway of --scenario (default bau), with the modelled actions'
                     abatement beside the effects
  --from, --to       the two years
  --format NAME      table (default), json (docs/decompose-json.md) or csv (one row per sector, carrier, effect)`;

export const command: Command = {
  name: "decompose",
  summary: "what drove a change in emissions (LMDI): activity, structure, intensity, emission factor",
  usage,
  run,
};

const t1 = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function decomposeTable(j: DecomposeJson): string {
  let s = `emissions ${j.from_year} -> ${j.to_year}: ${t1(j.from_tco2e)} -> ${t1(j.to_tco2e)} tCO2e (change ${t1(j.change_tco2e)})\n`;
  s += `${j.method}\n`;
  s +=
    j.source.kind === "pathway"
      ? `pathway of ${j.source.instance.id} ${j.source.instance.version}, scenario ${j.source.scenario}\n`
      : `inventory from ${j.source.activity_file} (${j.source.gwp_set}), activity drivers from ${j.source.drivers_file}\n`;
  const head = ["sector", "change", ...LMDI_EFFECTS];
  s += `\n  ${head[0]!.padEnd(14)}${head
    .slice(1)
    .map((h) => h.padStart(16))
    .join("")}\n`;
  const row = (name: string, change: number, e: Record<string, number>) =>
    `  ${name.padEnd(14)}${[change, ...LMDI_EFFECTS.map((k) => e[k]!)].map((v) => t1(v).padStart(16)).join("")}\n`;
  for (const x of j.sectors) s += row(x.sector, x.change_tco2e, x.effects);
  s += row("total", j.change_tco2e, j.effects);
  s += `\n  activity drivers: ${Object.entries(j.activity_drivers)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}\n`;
  if (j.modelled) {
    s += `  modelled actions' abatement: ${t1(j.modelled.from_tco2e)} in ${j.from_year}, ${t1(j.modelled.to_tco2e)} in ${j.to_year} tCO2e (already inside the effects above: the emissions are after the actions)\n`;
    for (const a of j.modelled.actions)
      s += `    ${a.id.padEnd(36)}${t1(a.from_tco2e).padStart(14)}${t1(a.to_tco2e).padStart(14)}\n`;
  }
  for (const n of j.notes) s += `  - ${n}\n`;
  return s;
}

export function decomposeCsv(j: DecomposeJson): string {
  const rows = ["from_year,to_year,sector,carrier,energy_known,effect,tco2e"];
  for (const s of j.sectors) {
    for (const c of s.carriers)
      for (const k of LMDI_EFFECTS)
        rows.push(csvLine([j.from_year, j.to_year, s.sector, c.carrier, c.energy_known, k, c.effects[k]]));
  }
  for (const k of LMDI_EFFECTS)
    rows.push(csvLine([j.from_year, j.to_year, "total", "", "", k, j.effects[k]]));
  return `${rows.join("\n")}\n`;
}

/** Reads the drivers CSV (sector,year,value[,driver,source]); every problem with its line. */
export function readDriversCsv(
  file: string,
  cwd: string,
): { drivers: ActivityBySector; names: Record<string, string>; problems: Problem[] } {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  const problems: Problem[] = [];
  const drivers: Record<string, Record<string, number>> = {};
  const names: Record<string, string> = {};
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return {
      drivers,
      names,
      problems: [
        {
          code: "NOT_FOUND",
          severity: "error",
          file,
          message: `cannot read ${file}: ${(e as Error).message}`,
        },
      ],
    };
  }
  const rec = parseCsvText(text, file);
  if (!rec.ok) return { drivers, names, problems: rec.problems };
  const h = rec.value.header.map((x) => x.trim().toLowerCase());
  const col = (n: string) => h.indexOf(n);
  for (const n of ["sector", "year", "value"])
    if (col(n) < 0)
      problems.push({
        code: "BAD_VALUE",
        severity: "error",
        file,
        line: 1,
        message: `the header has no column "${n}"`,
      });
  if (problems.length) return { drivers, names, problems };
  rec.value.rows.forEach((r, i) => {
    const line = rec.value.lines?.[i] ?? i + 2;
    const sector = (r[col("sector")] ?? "").trim();
    const year = (r[col("year")] ?? "").trim();
    const value = Number((r[col("value")] ?? "").replaceAll(",", "").trim());
    if (!sector)
      problems.push({
        code: "BAD_VALUE",
        severity: "error",
        file,
        line,
        column: "sector",
        message: "no sector",
      });
    if (!/^\d{4}$/.test(year))
      problems.push({
        code: "BAD_VALUE",
        severity: "error",
        file,
        line,
        column: "year",
        message: `"${year}" is not a year`,
      });
    if (!(value > 0) || !Number.isFinite(value))
      problems.push({
        code: "BAD_VALUE",
        severity: "error",
        file,
        line,
        column: "value",
        message: `the activity must be a number above 0, got "${r[col("value")] ?? ""}"`,
      });
    if (!sector || !/^\d{4}$/.test(year) || !(value > 0)) return;
    const d = drivers[sector] ?? {};
    if (d[year] !== undefined)
      problems.push({
        code: "DUPLICATE",
        severity: "error",
        file,
        line,
        message: `sector ${sector} has a second value for ${year}`,
      });
    d[year] = value;
    drivers[sector] = d;
    const dn = col("driver") >= 0 ? (r[col("driver")] ?? "").trim() : "";
    if (dn) names[sector] = dn;
  });
  return { drivers, names, problems };
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: ["activity", "drivers", "instance", "scenario", "from", "to", "format", "gwp"],
    repeated: ["factors"],
  });
  const bad = (msg: string) => {
    io.stderr.write(`citypath decompose: ${msg}\n`);
    return 2;
  };
  if (!parsed.ok) return bad(`${parsed.error}\n\n${usage}`);
  if (parsed.args.positional.length)
    return bad(`unexpected argument "${parsed.args.positional[0]}"\n\n${usage}`);
  const v = parsed.args.values;
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv")
    return bad("--format must be table, json or csv");
  if ((v.activity === undefined) === (v.instance === undefined))
    return bad(`give either --activity FILE or --instance DIR\n\n${usage}`);
  const years: number[] = [];
  for (const k of ["from", "to"] as const) {
    const s = v[k];
    if (s === undefined || !/^\d{4}$/.test(s))
      return bad(`--${k} must be a year such as 2030${s ? `, got "${s}"` : ""}`);
    years.push(Number(s));
  }
  const [from, to] = years as [number, number];
  if (from === to) return bad("--from and --to must be two different years");
  const print = (j: DecomposeJson) => {
    if (format === "json") io.stdout.write(`${JSON.stringify(j)}\n`);
    else if (format === "csv") io.stdout.write(decomposeCsv(j));
    else io.stdout.write(decomposeTable(j));
    return 0;
  };
  const printProblems = (ps: readonly Problem[]) => {
    for (const p of ps) io.stderr.write(`${formatProblem(p)}\n`);
  };

  if (v.instance !== undefined) {
    if (v.drivers !== undefined || parsed.args.repeated.factors?.length)
      return bad("--drivers and --factors go with --activity, not --instance");
    const dir = isAbsolute(v.instance) ? v.instance : resolve(io.cwd, v.instance);
    const load = loadInstance(dir);
    if (!load.ok) {
      printProblems(load.problems);
      return 1;
    }
    const scenario = v.scenario ?? "bau";
    const inst = load.value.valid.instance;
    const scen = inst.scenarios?.find((s) => s.id === scenario);
    if (scenario !== "bau" && !scen)
      return bad(
        `scenario "${scenario}" is not defined (scenarios: ${["bau", ...(inst.scenarios ?? []).map((s) => s.id)].join(", ")})`,
      );
    const driverScenario = scen && Object.keys(scen.drivers ?? {}).length ? scen.id : "bau";
    const compiled = compileLoaded(load.value, { driverScenario });
    if (!compiled.ok) {
      printProblems(compiled.problems);
      return 1;
    }
    const m = compiled.value;
    const levels = scenarioLevels(m, scenario);
    if (!levels.ok) {
      printProblems(levels.problems);
      return 2;
    }
    const r = decomposePathway(m, levels.value, from, to);
    if (!r.ok) {
      printProblems(r.problems);
      return 2;
    }
    return print(pathwayDecompositionJson(m, scenario, r.value));
  }

  if (v.drivers === undefined) return bad("--activity needs --drivers FILE (each sector's activity by year)");
  if (v.scenario !== undefined) return bad("--scenario goes with --instance, not --activity");
  const gwpName = v.gwp ?? DEFAULT_GWP_SET;
  const gwp = (GWP_SETS as Record<string, (typeof GWP_SETS)[keyof typeof GWP_SETS]>)[gwpName];
  const problems: Problem[] = [];
  if (!gwp)
    problems.push({
      code: "UNKNOWN_GWP_SET",
      severity: "error",
      path: "--gwp",
      message: `GWP set "${gwpName}" is not known`,
    });
  const activities = readActivityCsvRows(v.activity!, { cwd: io.cwd });
  problems.push(...activities.problems);
  const user: FactorRow[] = [];
  for (const f of parsed.args.repeated.factors ?? []) {
    const r = readFactorCsvRows(f, { cwd: io.cwd });
    user.push(...r.rows);
    problems.push(...r.problems);
  }
  const drivers = readDriversCsv(v.drivers, io.cwd);
  problems.push(...drivers.problems);
  if (!gwp || problems.some((p) => p.severity === "error")) {
    printProblems(problems);
    return 2;
  }
  const defs = builtinActivities();
  const inv = computeInventory({
    activities: activities.rows,
    factors: mergeFactors(builtinFactors(), user, defs),
    gwp,
    activityDefs: defs,
  });
  if (!inv.ok) {
    printProblems(inv.problems);
    return 2;
  }
  const r = decomposeInventory(inv.value, from, to, drivers.drivers);
  if (!r.ok) {
    printProblems(r.problems.map((p) => ({ ...p, file: v.drivers })));
    return 2;
  }
  const sectorsUsed = r.value.sectors.map((s) => s.sector);
  return print({
    format: DECOMPOSE_FORMAT,
    method: DECOMPOSE_METHOD,
    unit: "tCO2e",
    source: {
      kind: "activity",
      activity_file: v.activity!,
      factor_files: parsed.args.repeated.factors ?? [],
      drivers_file: v.drivers,
      gwp_set: gwpName,
    },
    ...plain(r.value),
    activity_drivers: Object.fromEntries(
      sectorsUsed.map((s) => [s, drivers.names[s] ?? drivers.names["*"] ?? (drivers.drivers[s] ? s : "*")]),
    ),
    notes: [
      "energy of a carrier = the CO2 (or CO2e) it emitted / its factor per energy; an activity whose factor is not per energy has activity and intensity effects only",
      "sectors are Korea's seven plan sectors; lines outside them are not decomposed",
    ],
  });
}
