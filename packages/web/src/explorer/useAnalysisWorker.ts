/**
 * The analysis worker of the scenario explorer (analysis-worker.ts): the uncertainty band (Monte Carlo in
 * blocks), the MAC curve and the least-cost portfolio. Asked when the sliders rest, never on a slider's
 * path; a move stops the run of the older levels, and an answer for older levels is dropped.
 */
import type { PortfolioMode } from "@citypath/core/optimize/by-year";
import { useEffect, useRef, useState } from "react";
import type { Schemas } from "../api/client.ts";
import type { BandState, MacState } from "./AnalysisPanels.tsx";
import type { BandFrame, PortfolioAnswer } from "./analysis.ts";
import type { FromAnalysis, ToAnalysis } from "./protocol.ts";

/** The instance's analysis settings as the contract types them (null where the city has none). */
export type AnalysisSpec = Pick<Schemas["InstanceAnalysis"], "uncertainty" | "portfolio">;

export interface PortfolioState {
  running: boolean;
  answer: PortfolioAnswer | null;
  error: string | null;
}

const NO_BAND: BandState = { band: null, firstMs: null, error: null };

export function useAnalysisWorker(
  instance: unknown | null,
  spec: AnalysisSpec,
  onBand: (band: BandFrame) => void,
) {
  const drawBand = useRef(onBand);
  drawBand.current = onBand;
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const askedAt = useRef(0);
  const stopped = useRef(false);
  const [band, setBand] = useState<BandState>(NO_BAND);
  const [mac, setMac] = useState<MacState | null>(null);
  const [portfolio, setPortfolio] = useState<PortfolioState>({ running: false, answer: null, error: null });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one worker per instance document (the spec comes with it)
  useEffect(() => {
    if (instance === null) return;
    const w = new Worker(new URL("./analysis-worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    const init: ToAnalysis = {
      type: "init",
      instance,
      uncertainty: spec.uncertainty,
      portfolio: spec.portfolio,
    };
    w.postMessage(init);
    w.onmessage = (ev: MessageEvent<FromAnalysis>) => {
      const r = ev.data;
      if (r.type === "portfolio") {
        setPortfolio({ running: false, answer: r.answer, error: null });
        return;
      }
      if (r.type === "error") {
        if (r.task === "portfolio")
          setPortfolio({ running: false, answer: null, error: `${r.code}: ${r.message}` });
        else if (r.seq === 0 || r.seq === seq.current)
          setBand((b) => ({ ...b, error: `${r.code}: ${r.message}` }));
        return;
      }
      if (r.seq !== seq.current) return; // the sliders moved since: stale
      if (r.type === "mac") {
        setMac({
          curve: r.curve,
          names: r.names,
          year: r.year,
          discountRate: r.discountRate,
          discountYear: r.discountYear,
        });
        return;
      }
      drawBand.current(r.band);
      setBand((b) => ({
        band: r.band,
        firstMs: b.band === null || b.firstMs === null ? performance.now() - askedAt.current : b.firstMs,
        error: null,
      }));
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [instance]);

  return {
    band,
    mac,
    portfolio,
    /** The band and MAC curve of these levels (what was shown is for older levels: cleared until then). */
    analyse(scenarioId: string | null, drivers: string, levels: Record<string, number>): void {
      const w = worker.current;
      if (!w || !scenarioId) return;
      askedAt.current = performance.now();
      stopped.current = false;
      setBand(NO_BAND);
      const m: ToAnalysis = { type: "analyse", seq: ++seq.current, scenarioId, drivers, levels };
      w.postMessage(m);
    },
    /** The levels are moving: the run for the older ones stops (once per move series). */
    stop(): void {
      if (stopped.current || !worker.current) return;
      stopped.current = true;
      const m: ToAnalysis = { type: "stop", seq: ++seq.current };
      worker.current.postMessage(m);
    },
    /** A new scenario: nothing shown belongs to it yet. */
    reset(): void {
      setBand(NO_BAND);
      setMac(null);
    },
    /** The least-cost portfolio of a scenario's action ranges under the chosen targets. */
    solve(
      scenarioId: string | null,
      drivers: string,
      targets: Array<{ target: string; years: number[] }>,
      mode: PortfolioMode,
    ): void {
      if (!worker.current || !scenarioId) return;
      setPortfolio({ running: true, answer: null, error: null });
      const m: ToAnalysis = { type: "portfolio", seq: seq.current, scenarioId, drivers, targets, mode };
      worker.current.postMessage(m);
    },
  };
}
