/**
 * `citypath mac`: the marginal abatement cost curve the explorer draws, each measure appraised over its life
 * from its start (docs/methodology/actions.md, "Costs over a measure's life"), with the actions left out and
 * why. JSON contract: docs/mac-json.md.
 *
 * Exit codes: 0 a curve (possibly with every action excluded), 1 the instance does not load, 2 bad arguments.
 */
import { isAbsolute, resolve } from "node:path";
import {
  type CompiledModel,
  csvLine,
  formatProblem,
  type PortfolioSpec,
  type Problem,
  parsePortfolioSpec,
  type ScenarioMac,
  scenarioMac,
} from "@citypath/core";
import { compileLoaded, loadInstance } from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";
import { readSpec, specPath } from "../solver/spec-file.ts";
import { DEFAULT_DISCOUNT } from "./optimize.ts";

export const MAC_FORMAT = "citypath-mac/1";

const usage = `citypath mac --instance DIR [--scenario ID] [--year Y] [--discount-rate R] [--format table|json|csv]

  --instance DIR         folder of the model instance (e.g. packages/data/instances/jeonju)
  --scenario ID          levels of this scenario (default: every action at level 1)
  --year Y               the year whose abatement sets each bar's width (default 2030, else the last year);
                         it does not change the cost per tonne, which is appraised over each measure's life
  --discount-rate R      real discount rate per year (default: DIR/analysis/portfolio.yaml's, else 4.5 %, stated)
  --format NAME          table (default), json (docs/mac-json.md) or csv (one row per action)`;

export const command: Command = {
  name: "mac",
  summary: "marginal abatement cost curve: each measure's cost per tonne over its life, and what is left out",
  usage,
  run,
};

export interface MacJson {
  readonly format: typeof MAC_FORMAT;
  readonly instance: { readonly id: string; readonly version: string };
  /** The scenario whose levels were appraised, or null for every action at level 1. */
  readonly scenario: string | null;
  readonly width_year: number;
  readonly currency: "KRW";
  readonly price_year: number | null;
  readonly method: "life_cycle";
  readonly discount: { readonly rate: number; readonly year: number; readonly source: string };
  readonly horizon_year: number;
  readonly assumptions: readonly string[];
  readonly bars: Array<{
    id: string;
    name: { ko: string; en: string };
    level: number;
    krw_per_tco2e: number;
    width_tco2e: number;
    x0: number;
    x1: number;
    pv_cost_krw: number;
    pv_tco2e: number;
    period: { start_year: number; service_year: number; end_year: number; held_years: number };
    life: { years: number; source: string | null; illustrative: boolean; note: string | null } | null;
  }>;
  readonly excluded: Array<{ id: string; name: { ko: string; en: string }; reason: string }>;
  readonly total_tco2e: number;
}

export function macJson(
  m: CompiledModel,
  scenario: string | null,
  c: ScenarioMac,
  discountSource: string,
): MacJson {
  const name = (id: string) => m.actions.find((a) => a.id === id)?.name ?? { ko: id, en: id };
  return {
    format: MAC_FORMAT,
    instance: { id: m.instanceId, version: m.instanceVersion },
    scenario,
    width_year: c.width.kind === "year" ? c.width.year : m.endYear,
    currency: "KRW",
    price_year: m.source.instance.price_year ?? null,
    method: "life_cycle",
    discount: { rate: c.discount_rate, year: c.discount_year, source: discountSource },
    horizon_year: m.endYear,
    assumptions: [
      "cost per tonne = present value of the net costs over the measure's life / present value of the tonnes it avoids over its life, from its first cost or effect",
      `past the model's horizon (${m.endYear}) each measure's operating flows and tonnes of ${m.endYear} are repeated: drivers (grid factor, activity) held at their last value, no capital spent`,
      "tonnes are those the engine attributes to the measure at these levels (two measures on one line do not both claim the same tonnes)",
    ],
    bars: c.bars.map((b) => {
      const ap = c.appraisals[b.id]!;
      const p = ap.period!;
      return {
        id: b.id,
        name: name(b.id),
        level: ap.level,
        krw_per_tco2e: b.krw_per_tco2e,
        width_tco2e: b.width_tco2e,
        x0: b.x0,
        x1: b.x1,
        pv_cost_krw: ap.pv_cost_krw,
        pv_tco2e: ap.pv_tco2e,
        period: {
          start_year: p.start_year,
          service_year: p.service_year,
          end_year: p.end_year,
          held_years: Math.max(0, p.end_year - p.horizon_year),
        },
        life: p.life
          ? {
              years: p.life.years,
              source: p.life.source ?? null,
              illustrative: p.life.illustrative === true,
              note: p.life.note ?? null,
            }
          : null,
      };
    }),
    excluded: c.excluded.map((e) => ({ id: e.id, name: name(e.id), reason: e.reason })),
    total_tco2e: c.total_tco2e,
  };
}

const won = (x: number) => Math.round(x).toLocaleString("en-US");
const kt = (t: number) =>
  (t / 1000).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function macTable(j: MacJson): string {
  let s = `${j.instance.id} ${j.instance.version}: marginal abatement cost curve, ${j.scenario ? `levels of scenario ${j.scenario}` : "every action at level 1"}\n`;
  s += `cost per tonne over each measure's life (KRW of ${j.price_year ?? "the instance's price year"}, ${(j.discount.rate * 100).toFixed(2)} % real, to ${j.discount.year}); bar width = abatement in ${j.width_year}\n`;
  s += `  discount rate: ${j.discount.source}\n`;
  for (const a of j.assumptions) s += `  - ${a}\n`;
  s += `\n  ${"action".padEnd(34)}${"KRW/tCO2e".padStart(14)}${`kt ${j.width_year}`.padStart(10)}${"life".padStart(6)}${"appraised".padStart(12)}\n`;
  for (const b of j.bars)
    s += `  ${b.id.padEnd(34).slice(0, 34)}${won(b.krw_per_tco2e).padStart(14)}${kt(b.width_tco2e).padStart(10)}${(b.life ? `${b.life.years}${b.life.illustrative ? "*" : ""}` : "-").padStart(6)}${`${b.period.start_year}–${b.period.end_year}`.padStart(12)}\n`;
  s += `  ${"total".padEnd(34)}${"".padStart(14)}${kt(j.total_tco2e).padStart(10)}\n`;
  if (j.bars.some((b) => b.life?.illustrative))
    s += "  * illustrative asset life (docs/methodology/actions.md)\n";
  if (j.excluded.length) {
    s += "\n  left out:\n";
    for (const e of j.excluded) s += `    - ${e.id}: ${e.reason}\n`;
  }
  return s;
}

export function macCsv(j: MacJson): string {
  const head = [
    "action",
    "status",
    "krw_per_tco2e",
    `width_tco2e_${j.width_year}`,
    "x0",
    "x1",
    "level",
    "pv_cost_krw",
    "pv_tco2e",
    "start_year",
    "end_year",
    "life_years",
    "reason",
  ];
  const rows = [head.join(",")];
  for (const b of j.bars)
    rows.push(
      csvLine([
        b.id,
        "on_curve",
        b.krw_per_tco2e,
        b.width_tco2e,
        b.x0,
        b.x1,
        b.level,
        b.pv_cost_krw,
        b.pv_tco2e,
        b.period.start_year,
        b.period.end_year,
        b.life?.years ?? null,
        "",
      ]),
    );
  for (const e of j.excluded)
    rows.push(
      csvLine([e.id, "excluded", null, null, null, null, null, null, null, null, null, null, e.reason]),
    );
  return `${rows.join("\n")}\n`;
}

function printProblems(io: CommandIO, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, { values: ["instance", "scenario", "year", "discount-rate", "format"] });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath mac: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const v = parsed.args.values;
  const bad = (msg: string) => {
    io.stderr.write(`citypath mac: ${msg}\n`);
    return 2;
  };
  if (!v.instance) return bad(`--instance DIR is required\n\n${usage}`);
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv")
    return bad("--format must be table, json or csv");
  let year: number | undefined;
  if (v.year !== undefined) {
    if (!/^\d{4}$/.test(v.year)) return bad(`--year must be a year such as 2030, got "${v.year}"`);
    year = Number(v.year);
  }
  let rate: number | undefined;
  if (v["discount-rate"] !== undefined) {
    rate = Number(v["discount-rate"]);
    if (!Number.isFinite(rate) || rate < 0 || rate > 0.5)
      return bad(`--discount-rate must be a number from 0 to 0.5, got "${v["discount-rate"]}"`);
  }
  const dir = isAbsolute(v.instance) ? v.instance : resolve(io.cwd, v.instance);
  const load = loadInstance(dir);
  if (!load.ok) {
    printProblems(io, load.problems);
    return 1;
  }
  let spec: PortfolioSpec | undefined;
  const sp = specPath(dir, undefined, "portfolio.yaml");
  if (sp && rate === undefined) {
    const r = readSpec(sp, parsePortfolioSpec);
    if (!r.ok) {
      printProblems(io, r.problems);
      return 2;
    }
    spec = r.value;
  }
  const inst = load.value.valid.instance;
  const scenario = v.scenario;
  const scen = scenario === undefined ? undefined : inst.scenarios?.find((s) => s.id === scenario);
  if (scenario !== undefined && !scen)
    return bad(
      `scenario "${scenario}" is not defined (scenarios: ${(inst.scenarios ?? []).map((s) => s.id).join(", ") || "none"})`,
    );
  const driverScenario = scen && Object.keys(scen.drivers ?? {}).length ? scen.id : "bau";
  const compiled = compileLoaded(load.value, { driverScenario });
  if (!compiled.ok) {
    printProblems(io, compiled.problems);
    return 1;
  }
  const m = compiled.value;
  const levels = scen
    ? m.scenarios.find((s) => s.id === scen.id)!.levels
    : new Float64Array(m.nActions).fill(1);
  const widthYear = year ?? (m.baseYear <= 2030 && 2030 <= m.endYear ? 2030 : m.endYear);
  const discount =
    rate !== undefined
      ? { rate, source: "given with --discount-rate" }
      : spec
        ? { rate: spec.discount_rate, source: spec.discount_rate_source }
        : DEFAULT_DISCOUNT;
  const c = scenarioMac(m, levels, {
    discountRate: discount.rate,
    year: widthYear,
    ...(spec?.discount_year !== undefined ? { discountYear: spec.discount_year } : {}),
  });
  if (!c.ok) {
    printProblems(io, c.problems);
    return 2;
  }
  const j = macJson(m, scen ? scen.id : null, c.value, discount.source);
  if (format === "json") io.stdout.write(`${JSON.stringify(j)}\n`);
  else if (format === "csv") io.stdout.write(macCsv(j));
  else io.stdout.write(macTable(j));
  return 0;
}
