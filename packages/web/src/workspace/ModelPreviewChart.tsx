/**
 * The model preview drawn: the scenario's pathway of the saved (or current) version and of the edited (or
 * older) one, with BAU dashed, on the public site's pathway chart (charts/options.ts `pathwayOption`, the
 * same ChartFigure with its text summary and its table of every year).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Pathway } from "../api/model.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { pathwayOption } from "../charts/options.ts";
import { formatTonnes } from "../format.ts";
import { useWs } from "./context.ts";
import type { ModelFromWorker } from "./model-protocol.ts";

type Frame = Extract<ModelFromWorker, { type: "preview" }>;

const SUMMARY_YEAR = 2030;

export function PreviewChart(props: { frame: Frame; scenario: string; labels: [string, string] }) {
  const { t } = useTranslation();
  const { locale } = useWs();
  const { frame: f, labels } = props;
  const [first, second] = labels;
  const option = useMemo(() => {
    // the second pathway is the one being looked at (the edit, or the older version): the chart's main line
    const p: Pathway = {
      scenarioId: f.scenarioId,
      scenarioName: { ko: props.scenario, en: props.scenario },
      years: f.years,
      bau: f.bau,
      scenario: f.draft,
      targets: [],
      others: [{ id: "saved", name: { ko: first, en: first }, values: f.saved }],
    };
    return pathwayOption(
      p,
      locale,
      // a preview has no uncertainty band: its label is never drawn
      { bau: t("md.preview.bau"), scenario: second, band: "", targets: [], others: [first] },
      false,
    );
  }, [f, locale, first, second, props.scenario, t]);
  const i = f.years.indexOf(SUMMARY_YEAR);
  const tonnes = (v: number | undefined) => (v === undefined ? "—" : formatTonnes(v, locale));
  return (
    <ChartFigure
      headingLevel={3}
      title={t("md.preview.chartTitle", { first, second })}
      summary={
        <p>
          {t("md.preview.chartSummary", {
            scenario: props.scenario,
            year: SUMMARY_YEAR,
            first,
            second,
            a: tonnes(i < 0 ? undefined : f.saved[i]),
            b: tonnes(i < 0 ? undefined : f.draft[i]),
          })}
        </p>
      }
      option={option}
      testId="md-preview-chart"
      height={280}
      table={{
        caption: t("md.preview.chartTitle", { first, second }),
        columns: [t("md.preview.year"), t("md.preview.bau"), first, second],
        rows: f.years.map((y, k) => [String(y), tonnes(f.bau[k]), tonnes(f.saved[k]), tonnes(f.draft[k])]),
      }}
    />
  );
}
