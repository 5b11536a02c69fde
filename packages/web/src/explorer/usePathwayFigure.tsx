/**
 * The explorer's pathway figure: the chart option is built once per scenario set-up and language (slider
 * moves update its series in place through the chart handle), and the figure with its summary and table
 * renders again only when the (debounced) frame changes.
 */
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { localize, type Pathway } from "../api/model.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { pathwayOption } from "../charts/options.ts";
import { pathwaySummary, pathwayTable } from "../charts/pathway-text.ts";
import type { Locale } from "../format.ts";
import type { PathwayFrame } from "./protocol.ts";
import type { EngineState } from "./useEngineWorker.ts";
import type { PathwayChart } from "./usePathwayChart.ts";

function toPathway(f: PathwayFrame, scenarioId: string, name: { ko: string; en: string }): Pathway {
  return {
    scenarioId,
    scenarioName: name,
    years: f.years,
    bau: f.bau,
    scenario: f.scenario,
    targets: f.targets,
  };
}

/** null until the engine is ready with a first frame. */
export function usePathwayFigure(
  engine: EngineState,
  initial: PathwayFrame | null,
  frame: PathwayFrame | null,
  chart: PathwayChart,
  locale: Locale,
) {
  const { t } = useTranslation();
  const scenarioName = engine.state === "ready" ? localize(engine.scenarioName, locale) : "";
  const labelsRef = useRef({ bau: "", scenario: "", band: "", targets: [] as string[] });
  labelsRef.current = {
    bau: t("pathway.bau"),
    scenario: scenarioName || t("pathway.scenario"),
    band: t("pathway.band"),
    targets: (initial?.targets ?? []).map((x) => localize(x.name, locale)),
  };
  const option = useMemo(
    () =>
      initial && engine.state === "ready"
        ? pathwayOption(
            // The band's two series exist from the start (zero width) so that the band can fill in later
            // without rebuilding the chart.
            {
              ...toPathway(initial, engine.scenarioId, engine.scenarioName),
              band: { p5: initial.scenario, p95: initial.scenario },
            },
            locale,
            labelsRef.current,
            false,
          )
        : null,
    [initial, engine, locale],
  );
  return useMemo(() => {
    if (!frame || !option || engine.state !== "ready") return null;
    const pw = toPathway(frame, engine.scenarioId, engine.scenarioName);
    return (
      <ChartFigure
        title={t("pathway.chartTitle", { scenario: scenarioName })}
        summary={<p aria-live="polite">{pathwaySummary(pw, locale, t)}</p>}
        option={option}
        height={420}
        testId="explorer-pathway"
        onReady={chart.attach}
        table={pathwayTable(pw, locale, t)}
      />
    );
  }, [frame, option, engine, locale, t, scenarioName, chart]);
}
