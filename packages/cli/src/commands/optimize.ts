/**
 * `citypath optimize`: the least-cost portfolio of actions that meets the targets (HiGHS in a worker thread,
 * with a time limit and a gap). JSON contract: docs/optimize-json.md. Method: docs/methodology/optimisation.md.
 *
 * Exit codes: 0 an answer (also when a target is unreachable: the answer then says by how much and why),
 * 1 the solver failed or timed out without a solution, or the instance does not load, 2 bad arguments.
 */
import { isAbsolute, resolve } from "node:path";
import {
  type CompiledModel,
  enginePreset,
  formatProblem,
  KR_SECTORS,
  labelledIllustrative,
  optimisePortfolios,
  type PortfolioConstraints,
  type PortfolioMode,
  type PortfolioResult,
  type PortfolioSpec,
  type PortfoliosByYear,
  type Problem,
  parsePortfolioSpec,
  pathwayPortfolio,
  portfolioSectors,
  type RangeProvenance,
  SCOPE2_METHOD_IDS,
  SCOPE2_METHOD_LABELS,
  type Scope2Method,
  specConstraints,
  type YearPortfolio,
} from "@citypath/core";
import { recordedIn } from "@citypath/core/vocabulary/local";
import { compileLoaded, loadInstance } from "@citypath/data";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";
import { readSpec, specPath } from "../solver/spec-file.ts";
import { workerSolver } from "../solver/worker-solver.ts";

/**
 * Version 5: each action says where its range comes from and whether its figures include illustrative ones
 * (version 4: a portfolio per target year, then every year together; docs/optimize-json.md, "Versions").
 */
export const OPTIMIZE_FORMAT = "citypath-optimize/5";

/** Used when neither --discount-rate nor the spec gives one; printed as an assumption. */
export const DEFAULT_DISCOUNT = {
  rate: 0.045,
  source:
    "assumption: 4.5 %, the social discount rate of Korea's preliminary feasibility studies (KDI, 2017 guideline)",
};

const usage = `citypath optimize --instance DIR [--scenario NAME] [--drivers NAME] [--budget KRW_PER_YEAR] [--targets LIST] [--joint] [--format table|json]

  By default, one least-cost portfolio per target year (that year's targets alone; where they are out of
  reach, the smallest-shortfall portfolio with the shortfall by sector and the limits that bind), each
  checked against the other years' targets, then the portfolio that meets every year together, if any.

  --instance DIR         folder of the model instance (e.g. packages/data/instances/jeonju)
  --spec FILE            portfolio spec (citypath-portfolio/1); default DIR/analysis/portfolio.yaml if present
  --scenario NAME        scenario whose action ranges (min/max) apply (default: the spec's, else bau: 0..1)
  --drivers NAME         driver paths of this scenario (e.g. national_policy: the national grid path);
                         default: the spec's, else the scenario's own when it sets some, else bau
  --budget KRW           spending cap in every year from the discount year on, KRW (capital + operating);
                         adds to the spec's caps
  --targets LIST         targets and years, e.g. jeonju_carbon_neutral@2030,jeonju_carbon_neutral@2035,basic_plan_2030
                         (an id alone means all of its target years); default: the spec's, else every target
  --joint                one portfolio for every target year at once (no per-year answers)
  --discount-rate R      real discount rate per year, e.g. 0.045 (default: the spec's, else 4.5 %, stated)
  --time-limit S         solver time limit per solve, seconds (default 60)
  --gap G                relative MIP gap (default 0.0001)
  --format NAME          table (default) or json (docs/optimize-json.md)`;

export const command: Command = {
  name: "optimize",
  summary: "least-cost portfolio of actions that meets the targets (HiGHS), or the shortfall and why",
  usage,
  run,
};

function printProblems(io: CommandIO, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

/** `a@2030,a@2035,b` -> [{target: a, years: [2030, 2035]}, {target: b}]. */
export function parseTargets(s: string): { target: string; years?: number[] }[] | string {
  const out = new Map<string, number[] | undefined>();
  for (const part of s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^([a-z][a-z0-9_]*)(?:@(\d{4}))?$/.exec(part);
    if (!m) return `"${part}" is not TARGET or TARGET@YEAR`;
    const id = m[1]!;
    if (m[2] === undefined) out.set(id, undefined);
    else if (!out.has(id) || out.get(id) !== undefined) out.set(id, [...(out.get(id) ?? []), Number(m[2])]);
  }
  if (!out.size) return "no target given";
  return [...out].map(([target, years]) => (years ? { target, years } : { target }));
}

/** One portfolio of the answer: a target year's alone (`year`), or every year's together (`year: null`). */
export interface PortfolioJson {
  readonly year: number | null;
  readonly status: PortfolioResult["status"];
  readonly npc_krw: { readonly linearised: number; readonly full: number };
  readonly actions: Array<{
    id: string;
    name: { ko: string; en: string };
    kind: "continuous" | "binary";
    min: number;
    max: number;
    /** Where the range comes from: a source naming its year, or illustrative with a note. */
    range: RangeProvenance;
    /** A figure of the action (its own or a parameter's) is labelled illustrative. */
    illustrative: boolean;
    level: number;
    on: boolean;
  }>;
  /** The targets this portfolio was optimised for (its year's, or every year's together). */
  readonly targets: Array<{
    id: string;
    basis: string;
    /** The Scope 2 method the target is measured on: `full_tco2e`, the limit and the sectors are on it. */
    scope2_method: Scope2Method;
    year: number;
    limit_tco2e: number;
    linearised_tco2e: number;
    full_tco2e: number;
    shortfall_tco2e: number;
    met: boolean;
    /** The full model's gap in the year split by plan sector (what it takes, by the target's split rule). */
    sectors: Array<{ sector: string; allowance_tco2e: number; remaining_tco2e: number; gap_tco2e: number }>;
  }>;
  /** Every selected target, all years, under this portfolio's levels (the full model). */
  readonly checks: Array<{
    id: string;
    year: number;
    limit_tco2e: number;
    full_tco2e: number;
    shortfall_tco2e: number;
    met: boolean;
  }>;
  readonly budgets: Array<{
    year: number;
    limit_krw: number;
    linearised_krw: number;
    full_krw: number;
    met: boolean;
  }>;
  readonly binding: PortfolioResult["binding"];
  readonly iterations: PortfolioResult["iterations"];
  readonly evaluations: number;
  readonly problems: Array<{ code: string; severity: string; message: string; path?: string }>;
}

export interface OptimizeJson {
  readonly format: typeof OPTIMIZE_FORMAT;
  /** `per_year`: a portfolio per target year, then every year together; `joint`: one solve for all. */
  readonly mode: PortfolioMode;
  readonly instance: { readonly id: string; readonly version: string };
  readonly scenario: string;
  /** Whose driver paths the portfolio was evaluated on. */
  readonly drivers: string;
  readonly currency: "KRW";
  readonly price_year: number | null;
  readonly discount: { readonly rate: number; readonly year: number; readonly source: string };
  readonly portfolios: PortfolioJson[];
  readonly together: PortfoliosByYear["together"];
  readonly solve_ms: number;
}

const problemJson = (w: Problem) => ({
  code: w.code,
  severity: w.severity,
  message: w.message,
  ...(w.path !== undefined ? { path: w.path } : {}),
});

/** What the answer says of each action besides its level: its range, where that comes from, its figures. */
export interface ActionRange {
  readonly kind: "continuous" | "binary";
  readonly min: number;
  readonly max: number;
  readonly range: RangeProvenance;
  readonly illustrative: boolean;
}

/** The ranges of a portfolio model's actions with their provenance (instance order). */
export function actionRanges(
  m: CompiledModel,
  actions: readonly { kind: "continuous" | "binary"; min: number; max: number }[],
  ranges: readonly RangeProvenance[],
): ActionRange[] {
  const docs = new Map((m.source.instance.actions ?? []).map((a) => [a.id, a]));
  return actions.map((a, i) => ({
    kind: a.kind,
    min: a.min,
    max: a.max,
    range: ranges[i]!,
    illustrative: labelledIllustrative(docs.get(m.actions[i]!.id)),
  }));
}

function portfolioJson(m: CompiledModel, p: YearPortfolio, actions: readonly ActionRange[]): PortfolioJson {
  const r = p.result;
  const sectors = portfolioSectors(
    m,
    r.levels.map((l) => l.level),
    r.targets,
  );
  return {
    year: p.year,
    status: r.status,
    npc_krw: r.npc,
    actions: r.levels.map((l, i) => ({
      id: l.action,
      name: m.actions[i]!.name,
      kind: actions[i]!.kind,
      min: actions[i]!.min,
      max: actions[i]!.max,
      range: actions[i]!.range,
      illustrative: actions[i]!.illustrative,
      level: l.level,
      on: l.on,
    })),
    targets: r.targets.map((t, i) => ({
      id: t.id,
      basis: t.basis,
      scope2_method: t.scope2_method ?? "location_based",
      year: t.year,
      limit_tco2e: t.limit,
      linearised_tco2e: t.linearised,
      full_tco2e: t.full,
      shortfall_tco2e: t.shortfall,
      met: t.met,
      sectors: sectors[i]!.map((x) => ({
        sector: x.sector,
        allowance_tco2e: x.allowance_tco2e,
        remaining_tco2e: x.remaining_tco2e,
        gap_tco2e: x.gap_tco2e,
      })),
    })),
    checks: p.checks.map((c) => ({
      id: c.id,
      year: c.year,
      limit_tco2e: c.limit,
      full_tco2e: c.full,
      shortfall_tco2e: c.shortfall,
      met: c.met,
    })),
    budgets: r.budgets.map((b) => ({
      year: b.year,
      limit_krw: b.limit,
      linearised_krw: b.linearised,
      full_krw: b.full,
      met: b.met,
    })),
    binding: r.binding,
    iterations: r.iterations,
    evaluations: r.evaluations,
    problems: p.warnings.map(problemJson),
  };
}

export function optimizeJson(
  m: CompiledModel,
  scenario: string,
  mode: PortfolioMode,
  r: PortfoliosByYear,
  actions: readonly ActionRange[],
  discount: { rate: number; year: number; source: string },
  solveMs: number,
): OptimizeJson {
  return {
    format: OPTIMIZE_FORMAT,
    mode,
    instance: { id: m.instanceId, version: m.instanceVersion },
    scenario,
    drivers: m.driverScenario,
    currency: "KRW",
    price_year: m.source.instance.price_year ?? null,
    discount,
    portfolios: r.portfolios.map((p) => portfolioJson(m, p, actions)),
    together: r.together,
    solve_ms: Math.round(solveMs),
  };
}

/** One line per Scope 2 method naming the targets measured on it. */
export function scope2Note(targets: readonly { id: string; scope2_method?: Scope2Method }[]): string {
  let s = "";
  for (const m of SCOPE2_METHOD_IDS) {
    const on = targets.filter((t) => (t.scope2_method ?? "location_based") === m);
    if (on.length)
      s += `  measured ${SCOPE2_METHOD_LABELS[m].en} (${SCOPE2_METHOD_LABELS[m].ko}): ${on.map((t) => t.id).join(", ")}\n`;
  }
  return s;
}

const kt = (t: number) =>
  (t / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const bn = (k: number) =>
  (k / 1e9).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const column = (p: PortfolioJson) => (p.year === null ? "all years" : String(p.year));

const sectorName = (id: string) => {
  const x = KR_SECTORS.find((k) => k.id === id);
  return x ? `${x.name.ko} ${x.name.en}` : "기타 Other";
};

/** One portfolio's answer below the common tables: shortfall by sector, limits, levers left, other years. */
function portfolioLines(p: PortfolioJson): string {
  const what = p.year === null ? "every target year together" : `the targets of ${p.year} alone`;
  let s = `\n  ${column(p)} portfolio (${what}): ${p.status}, net present cost ${bn(p.npc_krw.full)} bn KRW\n`;
  for (const t of p.targets.filter((x) => !x.met)) {
    const over = t.sectors.filter((x) => x.gap_tco2e > 0.05).sort((a, b) => b.gap_tco2e - a.gap_tco2e);
    s += `    ${t.id} short ${kt(t.shortfall_tco2e)} kt; sectors above their share of the target path: ${over.map((x) => `${sectorName(x.sector)} +${kt(x.gap_tco2e)}`).join(", ") || "none"}\n`;
  }
  if (p.binding.length) {
    const atMax = p.binding.filter((b) => b.kind === "action_at_max").map((b) => b.id);
    s += "    what holds it back:\n";
    if (atMax.length) s += `      - ${atMax.length} action(s) at their maximum level: ${atMax.join(", ")}\n`;
    for (const b of p.binding.filter((x) => x.kind !== "action_at_max")) s += `      - ${b.message}\n`;
  }
  const below = p.actions.filter((a) => a.level < a.max - 1e-3);
  s += `    levers below their maximum (${below.length}): ${below.map((a) => `${a.id} ${a.level.toFixed(2)}/${a.max}`).join(", ") || "none"}\n`;
  const tight = p.budgets.filter((b) => !b.met || b.full_krw >= 0.99 * b.limit_krw);
  if (p.budgets.length)
    s += `    budget caps in ${p.budgets.length} years; spent to 99 % or more: ${tight.map((b) => `${b.year} ${bn(b.full_krw)}/${bn(b.limit_krw)} bn${b.met ? "" : " over"}`).join(", ") || "none"}\n`;
  if (p.year !== null) {
    const later = p.checks.filter((c) => c.year > p.year!);
    if (later.length) {
      const met = later.filter((c) => c.met).map((c) => c.id);
      const missed = later.filter((c) => !c.met).map((c) => `${c.id} by ${kt(c.shortfall_tco2e)} kt`);
      s += `    later targets: meets ${met.join(", ") || "none"}${missed.length ? `; misses ${missed.join(", ")}` : ""}\n`;
    }
  }
  return s;
}

function togetherLine(j: OptimizeJson): string {
  const t = j.together;
  const years = [...new Set(j.portfolios.flatMap((p) => p.checks.map((c) => c.year)))];
  if (years.length < 2 && j.mode === "per_year") return "";
  if (t.status === "met") {
    const p = j.portfolios[t.portfolio!]!;
    return p.year === null
      ? `\n  every year together: met by the portfolio solved for all the years at once (net present cost ${bn(p.npc_krw.full)} bn KRW)\n`
      : `\n  every year together: met by the ${p.year} portfolio, which is then also the least-cost one for all the years (net present cost ${bn(p.npc_krw.full)} bn KRW)\n`;
  }
  if (t.status === "unreachable")
    return t.unreachable_years.length
      ? `\n  every year together: no portfolio meets them; the targets of ${t.unreachable_years.join(", ")} alone are out of reach\n`
      : "\n  every year together: no portfolio meets them\n";
  return "\n  every year together: not met (the full model still misses a target after the iterations)\n";
}

/**
 * Where each range comes from: its source, "illustrative" or "yes/no" with what it rests on (the table is in
 * English: a note without English shows its Korean marked [ko]).
 */
function rangeLines(actions: PortfolioJson["actions"]): string {
  let s = "\n  where the ranges come from:\n";
  for (const a of actions) {
    const r = a.range;
    const what = r.source !== undefined ? `source: ${r.source}` : r.yes_no ? "yes/no" : "illustrative";
    s += `    ${a.id} ${a.min}..${a.max}: ${what}${r.note !== undefined ? `; ${recordedIn(r.note, "en").text}` : ""}\n`;
  }
  return s;
}

export function optimizeTable(j: OptimizeJson): string {
  const ps = j.portfolios;
  const mode = j.mode === "joint" ? "every target year together" : "per target year";
  let s = `${j.instance.id} ${j.instance.version}: least-cost portfolio ${mode} (ranges of scenario ${j.scenario}, drivers of ${j.drivers})\n`;
  s += `net present costs discounted at ${(j.discount.rate * 100).toFixed(2)} % to ${j.discount.year}; discount rate: ${j.discount.source}\n\n`;
  const W = 14;
  const row = (head: string, width: number, cells: string[]) =>
    `  ${head.padEnd(width).slice(0, width)}${cells.map((c) => c.padStart(W)).join("")}\n`;
  s += row("portfolio", 40, ps.map(column));
  s += row(
    "status",
    40,
    ps.map((p) => p.status),
  );
  s += row(
    "net present cost (bn KRW)",
    40,
    ps.map((p) => bn(p.npc_krw.full)),
  );
  s += row(
    "  linearised",
    40,
    ps.map((p) => bn(p.npc_krw.linearised)),
  );
  const first = ps[0]!;
  const names = first.actions.map(
    (a) => `${a.id}${a.kind === "binary" ? " (yes/no)" : ""}${a.illustrative ? " *" : ""}`,
  );
  const ranges = first.actions.map((a) => `${a.min}..${a.max}${a.range.illustrative ? " i" : "  "}`);
  const nameW = Math.max(32, ...names.map((n) => n.length + 1));
  const rangeW = Math.max(10, ...ranges.map((r) => r.length + 1));
  s += `\n  ${"action (level)".padEnd(nameW)}${"range".padStart(rangeW)}${ps.map((p) => column(p).padStart(W)).join("")}\n`;
  first.actions.forEach((_, i) => {
    s += `  ${names[i]!.padEnd(nameW)}${ranges[i]!.padStart(rangeW)}${ps.map((p) => p.actions[i]!.level.toFixed(3).padStart(W)).join("")}\n`;
  });
  s += "  (*: the action's figures include illustrative ones; i: the range is illustrative, see below)\n";
  const labels = first.checks.map(
    (c) => `${c.id} [${ps.flatMap((p) => p.targets).find((t) => t.id === c.id)?.basis ?? ""}]`,
  );
  const labelW = Math.max(44, ...labels.map((l) => l.length + 1));
  s += `\n${row("target (ktCO2e)", labelW, ["limit", ...ps.map(column)])}`;
  first.checks.forEach((c, i) => {
    s += `  ${labels[i]!.padEnd(labelW)}${kt(c.limit_tco2e).padStart(W)}${ps.map((p) => `${kt(p.checks[i]!.full_tco2e)}${p.checks[i]!.met ? " ok" : "   "}`.padStart(W)).join("")}\n`;
  });
  s += "  (the full model's emissions under each portfolio; ok: the target is met)\n";
  s += rangeLines(first.actions);
  s += scope2Note([...new Map(ps.flatMap((p) => p.targets).map((t) => [t.id, t])).values()]);
  for (const p of ps) s += portfolioLines(p);
  s += togetherLine(j);
  const solves = ps.reduce((n, p) => n + p.iterations.length, 0);
  const evaluations = ps.reduce((n, p) => n + p.evaluations, 0);
  s += `\n  ${solves} solve(s), ${evaluations} full-model evaluations, ${j.solve_ms} ms\n`;
  return s;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: [
      "instance",
      "spec",
      "scenario",
      "drivers",
      "budget",
      "targets",
      "discount-rate",
      "time-limit",
      "gap",
      "format",
    ],
    booleans: ["joint"],
  });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath optimize: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const v = parsed.args.values;
  const bad = (msg: string) => {
    io.stderr.write(`citypath optimize: ${msg}\n`);
    return 2;
  };
  if (!v.instance) return bad(`--instance DIR is required\n\n${usage}`);
  const format = v.format ?? "table";
  if (format !== "table" && format !== "json") return bad("--format must be table or json");
  const num = (name: string, min: number): number | undefined | string => {
    const s = v[name];
    if (s === undefined) return undefined;
    const x = Number(s.replaceAll("_", ""));
    return Number.isFinite(x) && x >= min ? x : `--${name} must be a number >= ${min}, got "${s}"`;
  };
  const budget = num("budget", 0);
  const rate = num("discount-rate", 0);
  const timeLimit = num("time-limit", 0.01);
  const gap = num("gap", 0);
  for (const x of [budget, rate, timeLimit, gap]) if (typeof x === "string") return bad(x);
  let targets: { target: string; years?: number[] }[] | undefined;
  if (v.targets !== undefined) {
    const t = parseTargets(v.targets);
    if (typeof t === "string") return bad(`--targets: ${t}`);
    targets = t;
  }

  const engine = enginePreset();
  const started = engine.now();
  const progress = (msg: string) => {
    if (engine.now() - started > 500) io.stderr.write(`citypath optimize: ${msg}\n`);
  };
  const dir = isAbsolute(v.instance) ? v.instance : resolve(io.cwd, v.instance);
  const load = loadInstance(dir, engine);
  if (!load.ok) {
    printProblems(io, load.problems);
    return 1;
  }
  printProblems(io, load.warnings);
  let spec: PortfolioSpec | undefined;
  const sp = specPath(
    dir,
    v.spec && (isAbsolute(v.spec) ? v.spec : resolve(io.cwd, v.spec)),
    "portfolio.yaml",
  );
  if (sp) {
    const r = readSpec(sp, parsePortfolioSpec);
    if (!r.ok) {
      printProblems(io, r.problems);
      return 2;
    }
    spec = r.value;
    if (spec.instance !== load.value.valid.instance.id) {
      printProblems(io, [
        {
          code: "BAD_VALUE",
          severity: "error",
          file: sp,
          path: "instance",
          message: `the spec is for instance "${spec.instance}", not "${load.value.valid.instance.id}"`,
        },
      ]);
      return 2;
    }
  }
  const inst = load.value.valid.instance;
  const scenario = v.scenario ?? spec?.scenario ?? "bau";
  const scen = inst.scenarios?.find((s) => s.id === scenario);
  if (scenario !== "bau" && !scen)
    return bad(
      `scenario "${scenario}" is not defined (scenarios: ${["bau", ...(inst.scenarios ?? []).map((s) => s.id)].join(", ")})`,
    );
  const setters = [
    "bau",
    ...(inst.scenarios ?? []).filter((x) => Object.keys(x.drivers ?? {}).length).map((x) => x.id),
  ];
  const driverScenario =
    v.drivers ?? spec?.drivers ?? (scen && Object.keys(scen.drivers ?? {}).length ? scen.id : "bau");
  if (!setters.includes(driverScenario))
    return bad(
      `drivers "${driverScenario}" is not bau or a scenario that sets drivers (${setters.join(", ")})`,
    );
  const compiled = compileLoaded(load.value, { driverScenario });
  if (!compiled.ok) {
    printProblems(io, compiled.problems);
    return 1;
  }
  const m = compiled.value;
  const discount =
    rate !== undefined
      ? { rate: rate as number, source: "given with --discount-rate" }
      : spec
        ? { rate: spec.discount_rate, source: spec.discount_rate_source }
        : DEFAULT_DISCOUNT;
  const pm = pathwayPortfolio(m, {
    scenario,
    discountRate: discount.rate,
    ...(spec?.discount_year !== undefined ? { discountYear: spec.discount_year } : {}),
    ...((targets ?? spec?.targets) ? { targets: targets ?? spec!.targets! } : {}),
    ...(spec?.actions ? { actions: spec.actions } : {}),
  });
  if (!pm.ok) {
    printProblems(io, pm.problems);
    return 2;
  }
  if (pm.value.model.targets.length === 0)
    return bad("no target to meet: the instance has no targets and none were given");
  const base = specConstraints(spec);
  const constraints: PortfolioConstraints = {
    ...base,
    // A cap without a year applies to every year from the discount year on: money already spent is not
    // the plan's to cap.
    budgets: [
      ...(base.budgets ?? []),
      ...(budget !== undefined ? [{ limit: budget as number }] : []),
    ].flatMap((b) =>
      b.year !== undefined
        ? [b]
        : pm.value.model.years
            .filter((y) => y >= pm.value.discountYear)
            .map((year) => ({ year, limit: b.limit })),
    ),
  };
  const solver = workerSolver();
  const t0 = performance.now();
  try {
    const mode: PortfolioMode = parsed.args.booleans.has("joint") ? "joint" : "per_year";
    const r = await optimisePortfolios(pm.value.model, constraints, solver, {
      timeLimitSeconds: (timeLimit as number | undefined) ?? 60,
      mipRelGap: (gap as number | undefined) ?? 1e-4,
      progress,
      mode,
    });
    if (!r.ok) {
      printProblems(io, r.problems);
      return 1;
    }
    const j = optimizeJson(
      m,
      scenario,
      mode,
      r.value,
      actionRanges(m, pm.value.model.actions, pm.value.ranges),
      { ...discount, year: pm.value.discountYear },
      performance.now() - t0,
    );
    if (format === "json") io.stdout.write(`${JSON.stringify(j)}\n`);
    else {
      // a solver time-out matters in any portfolio; the shortfall of each is in the table
      for (const p of r.value.portfolios)
        printProblems(
          io,
          p.warnings.filter((w) => w.code !== "INFEASIBLE"),
        );
      io.stdout.write(optimizeTable(j));
    }
    return 0;
  } finally {
    await solver.close();
  }
}
