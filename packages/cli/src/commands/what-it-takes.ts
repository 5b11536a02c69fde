/**
 * `citypath what-it-takes`: for each target year, the gap to a target split by the 7 plan sectors (each
 * sector's remaining emissions against its share of the target path, by the target's split rule; default
 * the national plans' sector reductions). Method: docs/methodology/pathways.md, "What it takes"; JSON
 * contract: docs/what-it-takes-json.md.
 *
 * Exit codes: 0 an answer, 1 the instance does not load, 2 bad arguments.
 */
import { isAbsolute, resolve } from "node:path";
import {
  createResult,
  evaluate,
  formatProblem,
  KR_SECTORS,
  scenarioLevels,
  type WhatItTakesJson,
  whatItTakes,
  whatItTakesJson,
} from "@citypath/core";
import { compileLoaded, loadInstance } from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath what-it-takes --instance DIR [--scenario ID] [--drivers ID] [--target ID] [--years LIST] [--format table|json]

  --instance DIR         folder of the model instance (e.g. packages/data/instances/jeonju)
  --scenario ID          whose remaining emissions (default bau)
  --drivers ID           driver paths of this scenario (e.g. national_policy: the national grid path);
                         default: the scenario's own when it sets some, else business as usual
  --target ID            the target (default: the instance's first)
  --years LIST           e.g. 2030,2035,2050 (default: the target's point years)
  --format NAME          table (default) or json (docs/what-it-takes-json.md)`;

export const command: Command = {
  name: "what-it-takes",
  summary: "the gap to a target by plan sector: where more is needed, and how much",
  usage,
  run,
};

const kt = (t: number) =>
  (t / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

export function whatItTakesTable(j: WhatItTakesJson): string {
  const name = (id: string) => {
    const s = KR_SECTORS.find((x) => x.id === id);
    return s ? `${s.name.ko} ${s.name.en}` : "기타 Other";
  };
  let s = `${j.instance.id} ${j.instance.version}: what it takes to meet ${j.target.id} [${j.target.basis}], scenario ${j.scenario}, drivers of ${j.drivers} (ktCO2e)\n`;
  s += `  split rule: ${j.rule.rule}${j.rule.source ? ` (${j.rule.source})` : ""}\n`;
  for (const y of j.years) {
    s += `\n  ${y.year}: target ${kt(y.target_tco2e)}, remaining ${kt(y.remaining_tco2e)}, gap ${kt(y.gap_tco2e)}${y.gap_tco2e <= 0 ? " (met)" : ""}\n`;
    s += `    ${"sector".padEnd(30)}${"base".padStart(10)}${"cut".padStart(9)}${"share".padStart(8)}${"allowed".padStart(10)}${"remain".padStart(10)}${"gap".padStart(10)}\n`;
    for (const x of y.sectors)
      s += `    ${name(x.sector).padEnd(30)}${kt(x.base_tco2e).padStart(10)}${pct(x.reduction).padStart(9)}${pct(x.share).padStart(8)}${kt(x.allowance_tco2e).padStart(10)}${kt(x.remaining_tco2e).padStart(10)}${kt(x.gap_tco2e).padStart(10)}\n`;
  }
  return s;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: ["instance", "scenario", "drivers", "target", "years", "format"],
  });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath what-it-takes: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const v = parsed.args.values;
  const bad = (msg: string) => {
    io.stderr.write(`citypath what-it-takes: ${msg}\n`);
    return 2;
  };
  if (!v.instance) return bad(`--instance DIR is required\n\n${usage}`);
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json") return bad("--format must be table or json");
  let years: number[] | undefined;
  if (v.years !== undefined) {
    years = v.years.split(",").map((x) => Number(x.trim()));
    if (years.some((y) => !Number.isInteger(y)))
      return bad(`--years must be years such as 2030,2035, got "${v.years}"`);
  }
  const dir = isAbsolute(v.instance) ? v.instance : resolve(io.cwd, v.instance);
  const load = loadInstance(dir);
  if (!load.ok) {
    for (const p of load.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  const inst = load.value.valid.instance;
  const scenario = v.scenario ?? "bau";
  const ids = ["bau", ...(inst.scenarios ?? []).map((s) => s.id)];
  if (!ids.includes(scenario))
    return bad(`scenario "${scenario}" is not defined (scenarios: ${ids.join(", ")})`);
  const scen = inst.scenarios?.find((s) => s.id === scenario);
  const own = scen && Object.keys(scen.drivers ?? {}).length ? scen.id : "bau";
  const drivers = v.drivers ?? own;
  const setters = [
    "bau",
    ...(inst.scenarios ?? []).filter((s) => Object.keys(s.drivers ?? {}).length).map((s) => s.id),
  ];
  if (!setters.includes(drivers))
    return bad(`--drivers "${drivers}" is not bau or a scenario that sets drivers (${setters.join(", ")})`);
  const targets = (inst.targets ?? []).map((t) => t.id);
  const target = v.target ?? targets[0];
  if (!target || !targets.includes(target))
    return bad(
      `--target: ${target ? `"${target}" is not a target` : "the instance has no target"} (targets: ${targets.join(", ")})`,
    );
  const compiled = compileLoaded(load.value, { driverScenario: drivers });
  if (!compiled.ok) {
    for (const p of compiled.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  const m = compiled.value;
  if (years)
    for (const y of years)
      if (y < m.baseYear || y > m.endYear) return bad(`--years: ${y} is outside ${m.baseYear}–${m.endYear}`);
  // A scenario that sets drivers is evaluated with its levels on whichever driver paths were chosen.
  const levels = scen ? Float64Array.from(m.scenarios.find((s) => s.id === scenario)!.levels) : undefined;
  const lv = levels ?? scenarioLevels(m, scenario);
  const l = lv instanceof Float64Array ? lv : lv.ok ? lv.value : null;
  if (!l) return bad(`scenario "${scenario}" cannot be evaluated`);
  const r = evaluate(m, l, createResult(m));
  const j = whatItTakesJson(m, scenario, whatItTakes(m, r, target, years));
  io.stdout.write(format === "json" ? `${JSON.stringify(j)}\n` : whatItTakesTable(j));
  return 0;
}
