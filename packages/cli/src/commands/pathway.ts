/**
 * `citypath pathway`: business as usual and scenarios to the instance's end year, by GPC line, Korean plan
 * sector and basis, with abatement per action, gaps to targets and cumulative emissions; `--explain` shows
 * how one number was computed. JSON contract: docs/pathway-json.md.
 */
import { isAbsolute, relative, resolve } from "node:path";
import {
  type CompiledModel,
  type Explanation,
  enginePreset,
  explain,
  explainTotal,
  formatProblem,
  GPC_REF_PATTERN,
  KR_SECTORS,
  PATHWAY_ROW_COLUMNS,
  type Problem,
  pathwayJson,
  pathwayRows,
  SCOPE2_METHOD_LABELS,
  type ScenarioRun,
  type Scope2Method,
  type TotalExplanation,
  targetFigures,
} from "@citypath/core";
import { loadInstance, runLoaded } from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";
import { pathwaySamples, SAMPLE_FLAGS, SAMPLE_USAGE } from "./pathway-samples.ts";

const usage = `citypath pathway --instance DIR [--scenario NAME] [--format table|json|csv] [--explain LINE:YEAR]

  --instance DIR      folder of the model instance's YAML files (e.g. packages/data/instances/jeonju)
  --scenario NAME     business as usual and this scenario only (default: every scenario)
  --format NAME       table (default), json (docs/pathway-json.md) or csv (one value per row)
  --explain KEY:YEAR  how one number was computed (for --scenario, or business as usual): a GPC line
                      (II.1.1:2030), or a basis or sector total with its target paths and gaps
                      (municipal_control:2030, transport:2030)${SAMPLE_USAGE}`;

export const command: Command = {
  name: "pathway",
  summary:
    "business as usual, scenarios, targets and gaps to 2050; --explain shows how a number was computed",
  usage,
  run,
};

/** A problem with its file name relative to the working directory, as the user wrote it. */
function relativeFile(io: CommandIO, p: Problem): Problem {
  const file = p.file && isAbsolute(p.file) ? relative(io.cwd, p.file) : p.file;
  return file && !file.startsWith("..") ? { ...p, file } : p;
}

function printProblems(io: CommandIO, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(relativeFile(io, p))}\n`);
}

const kt = (t: number): string =>
  Number.isNaN(t)
    ? "-"
    : (t / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const LABEL = 44;

/** Columns a character takes in a terminal: Hangul and other wide characters take two. */
function width(str: string): number {
  let n = 0;
  for (const ch of str)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return n;
}

/** Pads (or cuts) a label to `cols` terminal columns. */
function fit(str: string, cols: number): string {
  let out = "";
  let n = 0;
  for (const ch of str) {
    const w = width(ch);
    if (n + w > cols - 1) break;
    out += ch;
    n += w;
  }
  return out + " ".repeat(cols - n);
}

function shownYears(m: CompiledModel): number[] {
  const out = [m.baseYear];
  for (let y = Math.ceil((m.baseYear + 1) / 5) * 5; y <= m.endYear; y += 5) out.push(y);
  if (out[out.length - 1] !== m.endYear) out.push(m.endYear);
  return out;
}

function table(runs: readonly ScenarioRun[]): string {
  const m = runs[0]!.model;
  const years = shownYears(m);
  const Y = m.nYears;
  const w = 10;
  const row = (name: string, get: (y: number) => number) =>
    `  ${fit(name, LABEL)}${years.map((yr) => kt(get(yr - m.baseYear)).padStart(w)).join("")}\n`;
  let s = `${m.instanceId} ${m.instanceVersion}: 연간 배출 annual emissions, ktCO2e\n`;
  for (const r of runs) {
    const mm = r.model;
    s += `\n${r.id} (${r.name.ko} / ${r.name.en})${mm.driverScenario !== "bau" ? `, drivers of ${mm.driverScenario}` : ""}\n`;
    s += `  ${"".padEnd(LABEL)}${years.map((y) => String(y).padStart(w)).join("")}\n`;
    // location-based always; market-based beside it when the scenario's instruments make it differ
    const blocks: [Scope2Method, Float64Array][] = [["location_based", r.result.basis]];
    if (r.result.market.basis.some((x, i) => x !== r.result.basis[i]))
      blocks.push(["market_based", r.result.market.basis]);
    for (const [method, basis] of blocks) {
      const l = SCOPE2_METHOD_LABELS[method];
      s += `  합계 totals (${l.ko} ${l.en})\n`;
      mm.bases.forEach((b, i) => {
        s += row(
          `  ${b.name.ko === b.name.en ? b.name.en : `${b.name.ko} ${b.name.en}`}`,
          (y) => basis[i * Y + y]!,
        );
      });
    }
    s += "  한국 부문 Korean plan sectors (지역 기반 location-based)\n";
    KR_SECTORS.forEach((sec, i) => {
      s += row(`  ${sec.name.ko} ${sec.name.en}`, (y) => r.result.sector[i * Y + y]!);
    });
    if (mm.targets.length) {
      s += "  목표 경로 / 격차 target path / gap (+ = above the path)\n";
      mm.targets.forEach((t, i) => {
        s += row(`  ${t.id}`, (y) => t.path[y]!);
        const gap = targetFigures(mm, r.result, i).gap;
        s += row(`    gap (${SCOPE2_METHOD_LABELS[t.method].en})`, (y) => gap[y]!);
      });
    }
    const acting = mm.actions.map((a, i) => [a, i] as const).filter(([, i]) => r.levels[i] !== 0);
    if (acting.length) {
      s += "  조치별 감축 abatement by action\n";
      for (const [a, i] of acting)
        s += row(`  ${a.id} ×${r.levels[i]}`, (y) => r.result.abatement[i * Y + y]!);
    }
  }
  return s;
}

function csv(runs: readonly ScenarioRun[]): string {
  const cell = (x: string | number | null) => (x === null || Number.isNaN(x) ? "" : String(x));
  const rows = pathwayRows(pathwayJson(runs)).map((r) => r.map(cell).join(","));
  return `${[PATHWAY_ROW_COLUMNS.join(","), ...rows].join("\n")}\n`;
}

function formatExplanation(e: Explanation): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 6 });
  let s = `${e.gpc_ref} ${e.year}, scenario ${e.scenario}: ${n(e.value)} ${e.unit}\n`;
  for (const st of e.steps) {
    s += `\n  ${st.label}\n    = ${st.formula}\n    = ${n(st.value)}${st.unit === "1" ? "" : ` ${st.unit}`}\n`;
    for (const i of st.inputs ?? [])
      s += `      ${i.name}: ${n(i.value)} ${i.unit}${i.source ? `  [${i.illustrative ? "illustrative; " : ""}${i.source}]` : ""}\n`;
    if (st.source) s += `    source: ${st.illustrative ? "(illustrative) " : ""}${st.source}\n`;
    if (st.note) s += `    note: ${st.note}\n`;
  }
  for (const a of e.actions) {
    s += `\n  action ${a.id} at level ${a.level}: abatement ${n(a.abatement_tco2e)} tCO2e on this line\n`;
    for (const st of a.chain)
      s += `    ${st.label}: ${n(st.value)} ${st.unit}  (${st.formula})${st.source ? ` [${st.source}]` : ""}\n`;
  }
  return s;
}

function formatTotal(t: TotalExplanation): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 6 });
  let s = `${t.key} ${t.year}, scenario ${t.scenario}: ${n(t.value)} ${t.unit}\n  = sum of ${t.lines.length} lines\n`;
  for (const l of t.lines)
    s += `    ${l.gpc_ref.padEnd(8)} ${n(l.value).padStart(18)}   (--explain ${l.gpc_ref}:${t.year})\n`;
  for (const g of t.targets) {
    s += `\n  target ${g.id}: path ${n(g.path_tco2e)} tCO2e\n    = ${g.formula}\n`;
    if (g.source) s += `    source: ${g.source}\n`;
    s += `    gap = ${n(t.value)} − ${n(g.path_tco2e)} = ${n(g.gap_tco2e)} tCO2e${g.gap_tco2e > 0 ? " (above the path)" : ""}\n`;
  }
  return s;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, { values: ["instance", "scenario", "format", "explain", ...SAMPLE_FLAGS] });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath pathway: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const v = parsed.args.values;
  if (!v.instance) {
    io.stderr.write(`citypath pathway: --instance DIR is required\n\n${usage}\n`);
    return 2;
  }
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv") {
    io.stderr.write("citypath pathway: --format must be table, json or csv\n");
    return 2;
  }
  let explainAt: { line: string; year: number } | undefined;
  if (v.explain !== undefined) {
    const m = /^(.+):(\d{4})$/.exec(v.explain);
    if (!m) {
      io.stderr.write(`citypath pathway: --explain takes LINE:YEAR, e.g. II.1.1:2030 (got "${v.explain}")\n`);
      return 2;
    }
    explainAt = { line: m[1]!, year: Number(m[2]) };
  }
  const engine = enginePreset();
  const started = engine.now();
  const progress = (msg: string) => {
    if (engine.now() - started > 500) io.stderr.write(`citypath pathway: ${msg}\n`);
  };
  const dir = isAbsolute(v.instance) ? v.instance : resolve(io.cwd, v.instance);
  const load = loadInstance(dir, engine);
  if (!load.ok) {
    printProblems(io, load.problems);
    return 1;
  }
  printProblems(io, load.warnings);
  if (v.samples !== undefined)
    return pathwaySamples(v, load.value, dir, io, (p) => (isAbsolute(p) ? p : resolve(io.cwd, p)));
  const inst = load.value.valid.instance;
  const all = ["bau", ...(inst.scenarios ?? []).map((s) => s.id)];
  // --explain without --scenario explains business as usual, so only that is run.
  const wanted =
    v.scenario === undefined
      ? explainAt
        ? ["bau"]
        : all
      : v.scenario === "bau"
        ? ["bau"]
        : ["bau", v.scenario];
  if (v.scenario !== undefined && !all.includes(v.scenario)) {
    io.stderr.write(
      `citypath pathway: scenario "${v.scenario}" is not defined (scenarios: ${all.join(", ")})\n`,
    );
    return 2;
  }
  const ran = runLoaded(load.value, wanted, progress);
  if (!ran.ok) {
    printProblems(io, ran.problems);
    return 1;
  }
  const runs = ran.value;

  if (explainAt) {
    const target = runs[runs.length - 1]!;
    if (!GPC_REF_PATTERN.test(explainAt.line)) {
      const t = explainTotal(target.model, target.levels, explainAt.line, explainAt.year, target.id);
      if (!t.ok) {
        printProblems(io, t.problems);
        return 1;
      }
      io.stdout.write(format === "json" ? `${JSON.stringify(t.value, null, 2)}\n` : formatTotal(t.value));
      return 0;
    }
    const e = explain(target.model, target.levels, explainAt.line, explainAt.year, target.id);
    if (!e.ok) {
      printProblems(io, e.problems);
      return 1;
    }
    io.stdout.write(format === "json" ? `${JSON.stringify(e.value, null, 2)}\n` : formatExplanation(e.value));
    return 0;
  }
  if (format === "json") {
    const warnings = load.warnings.map((p) => relativeFile(io, p));
    io.stdout.write(`${JSON.stringify(pathwayJson(runs, warnings))}\n`);
  } else if (format === "csv") io.stdout.write(csv(runs));
  else io.stdout.write(table(runs));
  return 0;
}
