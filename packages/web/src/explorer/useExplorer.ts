/**
 * The scenario explorer's state: the engine worker (the pathway on every slider move), the analysis worker
 * (band, MAC curve, least-cost portfolio when the sliders rest), the chart they draw into, and the page's
 * address, which follows the state once the sliders rest so that it can be shared as it is.
 */
import type { PortfolioMode } from "@citypath/core/optimize/by-year";
import { useState } from "react";
import { navigate } from "../app/router.ts";
import { type ExplorerState, explorerQuery, readExplorerQuery } from "../participation/share.ts";
import { type AnalysisSpec, useAnalysisWorker } from "./useAnalysisWorker.ts";
import { useEngineWorker } from "./useEngineWorker.ts";
import { usePathwayChart } from "./usePathwayChart.ts";

const NO_SPEC: AnalysisSpec = { uncertainty: null, portfolio: null };

/** The page's address for the explorer's current state (a consultation it was opened from is kept). */
function syncAddress(state: ExplorerState, base: Record<string, number>) {
  const q = explorerQuery(state, base);
  const consultation = new URLSearchParams(window.location.search).get("consultation");
  if (consultation) q.set("consultation", consultation);
  const s = q.toString();
  const href = `${window.location.pathname}${s ? `?${s}` : ""}`;
  if (href !== window.location.pathname + window.location.search) navigate(href, { replace: true });
}

/**
 * `instance` is the document the workers compile (null while it loads), `query` the page's query string
 * (a shared address's scenario, driver paths and levels say where the explorer starts).
 */
export function useExplorer(instance: unknown | null, spec: AnalysisSpec | null, query: URLSearchParams) {
  const [start] = useState(() => readExplorerQuery(query));
  const chart = usePathwayChart();
  const analysis = useAnalysisWorker(instance, spec ?? NO_SPEC, chart.drawBand);
  const rested = () => {
    const c = eng.current();
    analysis.analyse(c.scenarioId, c.drivers, c.levels);
    syncAddress({ scenario: c.scenarioId, drivers: c.drivers, levels: c.levels }, c.baseLevels);
  };
  const eng = useEngineWorker(
    instance,
    {
      onLoaded: () => {
        analysis.reset();
        chart.resetBand();
        rested();
      },
      onFrame: chart.drawLevels,
      onRest: rested,
    },
    start,
  );
  return {
    eng,
    analysis,
    chart,
    /** A slider moved: the band and the MAC curve were for the levels before, so the run stops. */
    setLevel(id: string, value: number) {
      analysis.stop();
      chart.hideBand();
      eng.setLevel(id, value);
    },
    /** Back to the scenario's own levels. */
    reset() {
      eng.load(eng.engine.state === "ready" ? eng.engine.scenarioId : null);
    },
    /** The least-cost portfolio of the current scenario's ranges under the chosen targets. */
    solve(targets: Array<{ target: string; years: number[] }>, mode: PortfolioMode) {
      const c = eng.current();
      analysis.solve(c.scenarioId, c.drivers, targets, mode);
    },
  };
}
