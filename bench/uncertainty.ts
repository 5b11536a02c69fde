/**
 * Monte Carlo and least-cost portfolio figures, added to `npm run bench:pathways` (bench/README.md).
 * Single thread; HiGHS runs in-process here (the CLI runs it in a worker thread).
 *
 * - mc_10k_ms: 10,000 Latin hypercube samples of the demo's uncertainty spec (analysis/uncertainty.yaml) on
 *   its scenario with actions, evaluated and summarised (bands, target probabilities). The one-off
 *   compilation of the response tables is reported apart (mc_setup_ms), and so is the tornado.
 * - optimize_demo_ms: the least-cost portfolio of the demo with its portfolio spec (analysis/portfolio.yaml).
 * - optimize_500_ms: a generated instance on the demo's lines with 500 actions (400 continuous with costs,
 *   100 yes/no projects, 20 exclusions, 10 requirements, a yearly budget cap), the targets in 2030 and 2035.
 */
import { join } from "node:path";
import {
  createRandom,
  defineActionType,
  enginePreset,
  highsSolver,
  optimisePortfolio,
  type PortfolioConstraints,
  parsePortfolioSpec,
  parseUncertaintySpec,
  pathwayPortfolio,
  pathwayRegistry,
  pathwayUncertainty,
  runMonteCarlo,
  specConstraints,
  tornado,
  unwrap,
} from "@citypath/core";
import { LIBRARY_ACTION_TYPES } from "@citypath/core/actions/library/index";
import { JEONJU_INSTANCE_DIR, readInstanceDir } from "@citypath/data";
import loadHighs from "highs";
import { z } from "zod";
import { readSpec } from "../packages/cli/src/solver/spec-file.ts";

const ms = () => performance.now();
/** CPU time of this process (user + system), ms: steadier than wall time on a busy machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** A generated action type: removes `fraction` of its lines from `start`, paying capex then opex. */
const benchCut = defineActionType<{
  lines: string[];
  fraction: number;
  start: number;
  capex_krw: number;
  opex_krw: number;
}>({
  type: "bench_cut",
  label: { ko: "생성 조치", en: "Generated action" },
  params: {},
  schema: z.strictObject({
    lines: z.array(z.string()),
    fraction: z.number(),
    start: z.number(),
    capex_krw: z.number(),
    opex_krw: z.number(),
  }),
  model: (p, year) => ({
    lines: year >= p.start ? p.lines.map((gpc_ref) => ({ gpc_ref, scale_fraction: p.fraction })) : [],
    chain: [],
  }),
  costs: (p, year) => ({
    capex_krw: year === p.start ? p.capex_krw : 0,
    opex_krw: year > p.start ? p.opex_krw : 0,
    savings_krw: 0,
    chain: [],
  }),
});
const benchProject = defineActionType<{ line: string; tco2e: number; start: number; capex_krw: number }>({
  type: "bench_project",
  label: { ko: "생성 사업", en: "Generated project" },
  params: {},
  schema: z.strictObject({ line: z.string(), tco2e: z.number(), start: z.number(), capex_krw: z.number() }),
  binary: true,
  model: (p, year) => ({
    lines: year >= p.start ? [{ gpc_ref: p.line, delta_tco2e: -p.tco2e, follows_intensity: true }] : [],
    chain: [],
  }),
  costs: (p, year) => ({
    capex_krw: year === p.start ? p.capex_krw : 0,
    opex_krw: 0,
    savings_krw: 0,
    chain: [],
  }),
});

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function benchUncertainty(
  log: (s: string) => void = console.log,
): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const analysis = join(JEONJU_INSTANCE_DIR, "analysis");
  const raw = unwrap(readInstanceDir(JEONJU_INSTANCE_DIR)).raw as Record<string, unknown> & {
    inventory: { lines: Array<{ gpc_ref: string; tco2e: number; sink?: boolean }> };
  };
  const engine = enginePreset();
  const { valid, model: central } = unwrap(engine.build(raw));

  // --- Monte Carlo on the demo
  const uspec = unwrap(readSpec(join(analysis, "uncertainty.yaml"), parseUncertaintySpec));
  const pspec = unwrap(readSpec(join(analysis, "portfolio.yaml"), parsePortfolioSpec));
  const scenario = pspec.scenario ?? "bau";
  let t0 = ms();
  const u = unwrap(pathwayUncertainty(valid, central, engine, uspec, { scenario }));
  figures.mc_setup_ms = ms() - t0;
  // warm-up (JIT), then the measured run
  unwrap(runMonteCarlo(u.model, { samples: 500, random: createRandom(1), targets: u.targets })).summary();
  t0 = ms();
  let c0 = cpu();
  const run = unwrap(
    runMonteCarlo(u.model, { samples: 10_000, random: createRandom(42), targets: u.targets }),
  );
  const summary = run.summary();
  figures.mc_10k_ms = ms() - t0;
  figures.mc_10k_cpu_ms = cpu() - c0;
  t0 = ms();
  const t = u.targets[0]!;
  const tor = unwrap(tornado(run, { series: t.series, year: t.year }));
  figures.mc_tornado_ms = ms() - t0;
  log(
    `Monte Carlo (demo, scenario ${scenario}, ${u.model.parameters.length} parameters, ${u.compilations} compilations for the response tables):`,
  );
  log(
    `  setup ${figures.mc_setup_ms.toFixed(1)} ms; 10,000 samples ${figures.mc_10k_ms.toFixed(1)} ms; tornado ${figures.mc_tornado_ms.toFixed(1)} ms`,
  );
  log(
    `  ${t.id}: P(met) ${(summary.targets[0]!.probability * 100).toFixed(1)} %, top driver ${tor.rows[0]!.parameter} (rho ${tor.rows[0]!.spearman.toFixed(2)})`,
  );

  // --- least-cost portfolio on the demo
  const solver = highsSolver(() => loadHighs());
  await solver.solve("Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd\n", {}); // load the wasm once
  t0 = ms();
  c0 = cpu();
  const pm = unwrap(
    pathwayPortfolio(central, {
      scenario,
      discountRate: pspec.discount_rate,
      ...(pspec.targets ? { targets: pspec.targets } : {}),
    }),
  );
  const demoRes = unwrap(
    await optimisePortfolio(pm.model, specConstraints(pspec), solver, { timeLimitSeconds: 60 }),
  );
  figures.optimize_demo_ms = ms() - t0;
  figures.optimize_demo_cpu_ms = cpu() - c0;
  log(
    `least-cost portfolio (demo, ${pm.model.actions.length} actions, ${pm.model.targets.length} target years): ${demoRes.status} in ${figures.optimize_demo_ms.toFixed(1)} ms`,
  );

  // --- a generated instance with 500 actions
  const rnd = lcg(500);
  const refs = raw.inventory.lines.filter((l) => l.tco2e > 0).map((l) => l.gpc_ref);
  const pick = () => refs[Math.floor(rnd() * refs.length)]!;
  const ill = { illustrative: true, note: "generated for the benchmark" };
  const actions = Array.from({ length: 500 }, (_, i) => {
    const start = 2025 + Math.floor(rnd() * 8);
    const name = { ko: `생성 ${i}`, en: `Generated ${i}` };
    return i < 400
      ? {
          id: `c${i}`,
          type: "bench_cut",
          name,
          params: {
            lines: [pick()],
            fraction: 0.01 + rnd() * 0.05,
            start,
            capex_krw: Math.round(1e8 + rnd() * 5e9),
            opex_krw: Math.round(rnd() * 1e8),
          },
          ...ill,
        }
      : {
          id: `p${i}`,
          type: "bench_project",
          name,
          params: {
            line: pick(),
            tco2e: 1000 + rnd() * 20000,
            start,
            capex_krw: Math.round(1e9 + rnd() * 2e10),
          },
          ...ill,
        };
  });
  const genRaw = { ...raw, actions, scenarios: [] };
  const genRegistry = pathwayRegistry(LIBRARY_ACTION_TYPES, [benchCut, benchProject]);
  t0 = ms();
  const gen = unwrap(enginePreset({ registry: genRegistry }).model(genRaw));
  const compileMs = ms() - t0;
  const constraints: PortfolioConstraints = {
    budgets: [{ limit: 60e9 }],
    exclusions: Array.from({ length: 20 }, (_, k) => ({ a: `p${400 + 2 * k}`, b: `p${401 + 2 * k}` })),
    requirements: Array.from({ length: 10 }, (_, k) => ({ action: `p${450 + k}`, requires: `c${k}` })),
  };
  t0 = ms();
  c0 = cpu();
  const gm = unwrap(
    pathwayPortfolio(gen, {
      discountRate: 0.045,
      targets: [
        { target: "basic_plan_2030", years: [2030] },
        { target: "jeonju_carbon_neutral", years: [2030, 2035] },
      ],
    }),
  );
  const genRes = unwrap(
    await optimisePortfolio(gm.model, constraints, solver, {
      timeLimitSeconds: 30,
      mipRelGap: 1e-3,
      progress: (m) => log(`    ${m}`),
    }),
  );
  figures.optimize_500_ms = ms() - t0;
  figures.optimize_500_cpu_ms = cpu() - c0;
  figures.optimize_500_iterations = genRes.iterations.length;
  figures.optimize_500_evaluations = genRes.evaluations;
  log(
    `least-cost portfolio (generated: 500 actions, compiled in ${compileMs.toFixed(0)} ms): ${genRes.status} in ${figures.optimize_500_ms.toFixed(0)} ms, ${genRes.iterations.length} solve(s), ${genRes.evaluations} evaluations, NPC ${(genRes.npc.full / 1e9).toFixed(1)} bn KRW`,
  );
  for (const x of genRes.targets)
    log(
      `    ${x.id}: limit ${(x.limit / 1e3).toFixed(1)} kt, full model ${(x.full / 1e3).toFixed(1)} kt${x.met ? "" : ` short ${(x.shortfall / 1e3).toFixed(1)} kt`}`,
    );
  return figures;
}

// Run alone: `node --import tsx bench/uncertainty.ts`
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchUncertainty();
  console.log(JSON.stringify({ bench: "uncertainty", ...f }));
}
