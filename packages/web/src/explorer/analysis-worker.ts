/// <reference lib="webworker" />
/**
 * The explorer's analysis worker, beside the pathway worker so that the slider's redraw never waits for it:
 * after the sliders rest it recompiles the instance at their levels, answers the MAC curve at once, then the
 * Monte Carlo band and target probabilities block by block (a first band from the first block, refined as
 * samples arrive; a newer request stops the older run). The least-cost portfolio is solved here with HiGHS
 * (WebAssembly, loaded on the first request).
 */
import {
  highsSolver,
  monteCarloProgressive,
  type PortfolioSpec,
  parsePortfolioSpec,
  parseUncertaintySpec,
  type UncertaintySpec,
} from "@citypath/core";
import { bandFrame, mac, monteCarlo, portfolio, prepare } from "./analysis.ts";
import { BAND_BLOCK, BAND_SAMPLES } from "./constants.ts";
import { EngineError } from "./engine.ts";
import type { FromAnalysis, ToAnalysis } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

/** The MAC curve's bar widths: abatement in this year (the first target year of the plans). */
const MAC_YEAR = 2030;

let instance: unknown = null;
let uncertainty: UncertaintySpec | null = null;
let portfolioSpec: PortfolioSpec | null = null;
let latest = 0;

const solver = highsSolver(async () => {
  const [{ default: load }, { default: wasm }] = await Promise.all([
    import("highs"),
    import("highs/runtime?url"),
  ]);
  // the loaded module is a HighsLike (the part the core's solver adapter calls); highsSolver checks every answer
  return await load({ locateFile: () => wasm });
});

function post(m: FromAnalysis): void {
  self.postMessage(m);
}

function failure(seq: number, task: "band" | "mac" | "portfolio", err: unknown): void {
  post({
    type: "error",
    seq,
    task,
    code: err instanceof EngineError ? err.code : "analysis_error",
    message: err instanceof Error ? err.message : String(err),
  });
}

async function analyse(m: Extract<ToAnalysis, { type: "analyse" }>): Promise<void> {
  const t0 = performance.now();
  let p: ReturnType<typeof prepare>;
  try {
    p = prepare(instance, m.scenarioId, m.levels, m.drivers);
  } catch (err) {
    failure(m.seq, "band", err);
    return;
  }
  if (portfolioSpec) {
    try {
      const curve = mac(p, { discountRate: portfolioSpec.discount_rate, year: MAC_YEAR });
      post({
        type: "mac",
        seq: m.seq,
        curve,
        names: Object.fromEntries(p.model.actions.map((a) => [a.id, a.name])),
        year: MAC_YEAR,
        discountRate: portfolioSpec.discount_rate,
        discountYear: p.model.source.instance.price_year ?? p.model.baseYear,
      });
    } catch (err) {
      failure(m.seq, "mac", err);
    }
  }
  if (!uncertainty) return;
  try {
    const run = monteCarlo(p, uncertainty, BAND_SAMPLES, BAND_BLOCK);
    for await (const s of monteCarloProgressive(run)) {
      if (m.seq !== latest) return; // the sliders moved on: this run is stale
      post({ type: "band", seq: m.seq, band: bandFrame(p.model, s), ms: performance.now() - t0 });
    }
  } catch (err) {
    failure(m.seq, "band", err);
  }
}

async function solve(m: Extract<ToAnalysis, { type: "portfolio" }>): Promise<void> {
  try {
    if (!portfolioSpec) throw new EngineError("no_portfolio_spec", "the instance has no portfolio settings");
    const p = prepare(instance, m.scenarioId, {}, m.drivers);
    const answer = await portfolio(p, portfolioSpec, m.targets, solver, m.mode);
    post({ type: "portfolio", seq: m.seq, answer });
  } catch (err) {
    failure(m.seq, "portfolio", err);
  }
}

self.onmessage = (ev: MessageEvent<ToAnalysis>) => {
  const m = ev.data;
  if (m.type === "init") {
    instance = m.instance;
    const u = m.uncertainty ? parseUncertaintySpec(m.uncertainty) : null;
    const ps = m.portfolio ? parsePortfolioSpec(m.portfolio) : null;
    uncertainty = u?.ok ? u.value : null;
    portfolioSpec = ps?.ok ? ps.value : null;
    if (u && !u.ok)
      failure(0, "band", new EngineError("bad_uncertainty", u.problems.map((p) => p.message).join("; ")));
    if (ps && !ps.ok)
      failure(0, "portfolio", new EngineError("bad_portfolio", ps.problems.map((p) => p.message).join("; ")));
  } else if (m.type === "stop") {
    latest = m.seq;
  } else if (m.type === "analyse") {
    latest = m.seq;
    void analyse(m);
  } else if (m.type === "portfolio") {
    void solve(m);
  }
};
