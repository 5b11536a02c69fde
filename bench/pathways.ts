/**
 * `npm run bench:pathways`: how fast the pathway engine evaluates, single thread.
 *
 * One evaluation = the deterministic pathway of every year, line and action of the Jeonju demo (all its
 * actions on at level 1), without explanation, into a reused result (what a slider move in the browser
 * does). Timings are medians over many runs. Then generated instances (10, 100, 1,000 actions on the demo's
 * lines; 33 and 83 years) show how the time grows. Figures are printed, then one line of JSON
 * (names in bench/README.md). Goals (measured, not gates): eval under 100 µs, at least 10,000 evals/s.
 * Other sections (Monte Carlo, optimisation) add their figures to `figures` before the last line.
 */
import {
  type CompiledModel,
  createResult,
  defaultRegistry,
  enginePreset,
  evaluate,
  explain,
  unwrap,
} from "@citypath/core";
import { JEONJU_INSTANCE_DIR, readInstanceDir } from "@citypath/data";
import { benchUncertainty } from "./uncertainty.ts";

const figures: Record<string, number | string> = { bench: "pathways" };
const now = () => Number(process.hrtime.bigint()) / 1e3; // µs

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Median of single-evaluation times, in µs, after a warm-up; each sample times a batch to beat timer noise. */
function timeEval(m: CompiledModel, levels: Float64Array, samples = 2000, batch = 10): number {
  const out = createResult(m);
  for (let i = 0; i < 2000; i++) evaluate(m, levels, out);
  const t: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = now();
    for (let i = 0; i < batch; i++) evaluate(m, levels, out);
    t.push((now() - t0) / batch);
  }
  return median(t);
}

/** Evaluations per second in the best of five 200 ms windows. */
function evalsPerSecond(m: CompiledModel, levels: Float64Array): number {
  const out = createResult(m);
  let best = 0;
  for (let w = 0; w < 5; w++) {
    const t0 = now();
    let n = 0;
    let t = t0;
    while (t - t0 < 2e5) {
      for (let i = 0; i < 100; i++) evaluate(m, levels, out);
      n += 100;
      t = now();
    }
    best = Math.max(best, n / ((t - t0) / 1e6));
  }
  return best;
}

// A deterministic generator (LCG) so that every run measures the same instances.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const base = unwrap(readInstanceDir(JEONJU_INSTANCE_DIR)).raw as Record<string, unknown> & {
  inventory: { lines: Array<{ gpc_ref: string }> };
};
const registry = defaultRegistry();

function generated(nActions: number, endYear: number): { m: CompiledModel; levels: Float64Array } {
  const rnd = lcg(nActions * 7919 + endYear);
  const refs = base.inventory.lines.map((l) => l.gpc_ref).filter((r) => r !== "V.2");
  const pick = () => refs[Math.floor(rnd() * refs.length)]!;
  const actions = Array.from({ length: nActions }, (_, i) => {
    const start = 2019 + Math.floor(rnd() * 25);
    const common = {
      id: `a${i}`,
      name: { ko: `조치 ${i}`, en: `Action ${i}` },
      illustrative: true,
      note: "generated",
    };
    return i % 2 === 0
      ? {
          ...common,
          type: "intensity_change",
          params: {
            lines: rnd() < 0.5 ? [pick()] : [pick(), pick()].filter((x, k, a) => a.indexOf(x) === k),
            change: -(0.001 + rnd() * 0.01),
            schedule: { start_year: start, ramp_years: Math.floor(rnd() * 10) },
          },
        }
      : {
          ...common,
          type: "fixed_abatement",
          params: {
            line: pick(),
            tco2e_avoided: { [start]: 10 + rnd() * 100, [start + 10]: 100 + rnd() * 500 },
            after_last: "hold",
          },
        };
  });
  const raw = {
    ...base,
    end_year: endYear,
    actions,
    scenarios: [
      {
        id: "all",
        name: { ko: "전부", en: "All" },
        actions: actions.map((a) => ({ action: a.id, level: 1 })),
      },
    ],
  };
  const m = unwrap(enginePreset({ registry }).model(raw));
  return { m, levels: Float64Array.from(m.actions, () => 1) };
}

// --- the demo
let t0 = now();
const demo = unwrap(enginePreset({ registry }).model(base));
figures.compile_demo_ms = (now() - t0) / 1e3;
const demoLevels = Float64Array.from(demo.actions, () => 1);
console.log(
  `demo: ${demo.nYears} years × ${demo.nLines} lines, ${demo.nActions} actions (${demo.nEffects} effect rows), ${demo.targets.length} targets, ${demo.bases.length} bases`,
);
figures.demo_actions = demo.nActions;
figures.eval_median_us = timeEval(demo, demoLevels);
figures.evals_per_s = Math.round(evalsPerSecond(demo, demoLevels));
console.log(`  compile ${(figures.compile_demo_ms as number).toFixed(2)} ms`);
console.log(
  `  evaluate: median ${(figures.eval_median_us as number).toFixed(2)} µs, ${figures.evals_per_s} evals/s`,
);

// explanation of one number (not in the fast path; for information)
{
  // Cold: the first number of each year (the action types run for that year); warm: the same again.
  const cold: number[] = [];
  for (let year = demo.baseYear; year <= demo.endYear; year++) {
    const s = now();
    unwrap(explain(demo, demoLevels, "II.1.1", year));
    cold.push(now() - s);
  }
  const t: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = now();
    unwrap(explain(demo, demoLevels, "II.1.1", 2030));
    t.push(now() - s);
  }
  figures.explain_cold_us = median(cold);
  figures.explain_median_us = median(t);
  console.log(
    `  explain one number: median ${(figures.explain_cold_us as number).toFixed(1)} µs for a year's first, ${(figures.explain_median_us as number).toFixed(1)} µs after`,
  );
}

// --- growth with actions and years
console.log("generated instances (demo lines, all actions at level 1):");
for (const [n, end] of [
  [10, 2050],
  [100, 2050],
  [1000, 2050],
  [100, 2100],
  [1000, 2100],
] as const) {
  t0 = now();
  const g = generated(n, end);
  const compileMs = (now() - t0) / 1e3;
  const us = timeEval(g.m, g.levels, n >= 1000 ? 300 : 1000, n >= 1000 ? 3 : 10);
  const key = end === 2050 ? `eval_${n}_actions_us` : `eval_${n}_actions_${g.m.nYears}_years_us`;
  figures[key] = us;
  console.log(
    `  ${String(n).padStart(5)} actions, ${g.m.nYears} years (${g.m.nEffects} effect rows): eval median ${us.toFixed(1)} µs, compile ${compileMs.toFixed(1)} ms`,
  );
}

// --- Monte Carlo and the least-cost portfolio (bench/uncertainty.ts): mc_10k_ms, optimize_demo_ms, optimize_500_ms
Object.assign(figures, await benchUncertainty());

for (const [k, v] of Object.entries(figures))
  if (typeof v === "number") figures[k] = Number(v.toPrecision(4));
console.log(JSON.stringify(figures));
