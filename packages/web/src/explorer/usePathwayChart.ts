/**
 * The explorer's pathway chart, drawn into directly (not through React) so that a slider move costs one
 * chart update: the levels' series from the engine worker, the band's two series from the analysis worker.
 * Series 0 and 1 are the band (lower bound, width), then BAU, the scenario and the targets.
 */
import type { EChartsType } from "echarts/core";
import { useMemo, useRef } from "react";
import type { BandFrame } from "./analysis.ts";
import type { PathwayFrame } from "./protocol.ts";

export interface PathwayChart {
  /** Hands the chart over once it is made (ChartFigure's onReady). */
  attach(chart: EChartsType): void;
  /** Draws a frame of levels; empties the band too when it was hidden since it was drawn. */
  drawLevels(frame: PathwayFrame): void;
  drawBand(band: BandFrame): void;
  /** The levels moved away from the band's: the next levels' draw empties it (one render for one move). */
  hideBand(): void;
  /** Forgets the band (a new scenario was loaded and the chart is built again). */
  resetBand(): void;
}

export function usePathwayChart(): PathwayChart {
  const chart = useRef<EChartsType | null>(null);
  const bandShown = useRef(false);
  const clearBand = useRef(false);
  return useMemo<PathwayChart>(
    () => ({
      attach(c) {
        chart.current = c;
      },
      drawLevels(f) {
        const c = chart.current;
        if (!c) return;
        const band = clearBand.current ? [{ data: [] }, { data: [] }] : [{}, {}];
        clearBand.current = false;
        // what the next render draws (the e2e slider timing counts the levels' renders only)
        c.getDom().dataset.draw = "levels";
        c.setOption({
          series: [
            ...band,
            { data: f.bau },
            { data: f.scenario },
            ...f.targets.map((x) => ({ data: x.values })),
          ],
        });
      },
      drawBand(b) {
        const c = chart.current;
        if (!c) return;
        c.getDom().dataset.draw = "band";
        c.setOption({ series: [{ data: b.p5 }, { data: b.p95.map((v, i) => v - (b.p5[i] ?? v)) }] });
        bandShown.current = true;
      },
      hideBand() {
        if (!bandShown.current) return;
        clearBand.current = true;
        bandShown.current = false;
      },
      resetBand() {
        bandShown.current = false;
      },
    }),
    [],
  );
}
