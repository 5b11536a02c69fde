import type { EChartsCoreOption, EChartsType } from "echarts/core";
import { useEffect, useRef, useState } from "react";

let loader: Promise<typeof import("./echarts.ts")> | null = null;
const loadEcharts = () => {
  loader ??= import("./echarts.ts");
  return loader;
};
export const preloadCharts = loadEcharts;

const reducedMotion = () =>
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

/**
 * One ECharts chart. The drawing is hidden from assistive technology (aria-hidden): the figure around it
 * carries the text summary and the table (ChartFigure). Each time ECharts finishes a render the container
 * dispatches a "chart-finished" DOM event and its data-renders attribute counts up; the explorer's timing
 * and the end-to-end tests use them.
 */
export function Chart(props: {
  option: EChartsCoreOption;
  height?: number;
  onReady?: (chart: EChartsType) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [loaded, setLoaded] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is created once; options are applied below
  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void loadEcharts().then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, null, { renderer: "svg" });
      chart.current = c;
      let renders = 0;
      c.on("finished", () => {
        renders++;
        el.current?.setAttribute("data-renders", String(renders));
        el.current?.dispatchEvent(new CustomEvent("chart-finished", { detail: { renders }, bubbles: true }));
      });
      ro = new ResizeObserver(() => c.resize({ animation: { duration: 0 } }));
      ro.observe(el.current);
      setLoaded(true);
      props.onReady?.(c);
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!loaded || !chart.current) return;
    const animation = reducedMotion() ? { animation: false } : {};
    chart.current.setOption({ ...props.option, ...animation }, { notMerge: true });
  }, [loaded, props.option]);

  return (
    <div
      ref={el}
      className="chart"
      aria-hidden="true"
      data-testid={props.testId}
      style={{ height: props.height ?? 320 }}
    />
  );
}
