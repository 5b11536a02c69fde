import type { EChartsCoreOption, EChartsType } from "echarts/core";
import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Chart } from "./Chart.tsx";
import { type LegendItem, legendOf } from "./options.ts";

export interface TableSpec {
  caption: string;
  columns: string[];
  rows: Array<Array<string>>;
}

/**
 * A chart as a figure: a title, a text summary that says what the chart shows (read first by screen readers),
 * the drawing, and the same numbers as a table behind a disclosure.
 */
export function ChartFigure(props: {
  title: string;
  summary: ReactNode;
  option: EChartsCoreOption;
  table: TableSpec;
  height?: number;
  testId?: string;
  onReady?: (chart: EChartsType) => void;
  headingLevel?: 2 | 3;
  /** false: no HTML legend (when the series are the table's rows, e.g. the bars of a MAC curve). */
  legend?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const H = props.headingLevel === 3 ? "h3" : "h2";
  return (
    <figure className="figure" aria-labelledby={`${id}-t`}>
      <H id={`${id}-t`} className="figure__title">
        {props.title}
      </H>
      <div className="figure__summary">{props.summary}</div>
      <Chart
        option={props.option}
        height={props.height}
        testId={props.testId}
        {...(props.onReady ? { onReady: props.onReady } : {})}
      />
      {props.legend !== false && <Legend items={legendOf(props.option)} />}
      <details className="figure__table">
        <summary>{t("chart.showTable")}</summary>
        <DataTable {...props.table} />
      </details>
    </figure>
  );
}

export function DataTable(props: TableSpec) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.join("|")}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={props.columns[j] ?? j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={props.columns[j] ?? j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart's legend as text: each series' name beside a sample of its line or colour. */
function Legend(props: { items: LegendItem[] }) {
  if (props.items.length === 0) return null;
  return (
    <ul className="legend">
      {props.items.map((i) => (
        <li key={i.label}>
          <span
            className={`legend__mark legend__mark--${i.mark}`}
            style={i.mark === "fill" ? { background: i.colour } : { borderColor: i.colour }}
            aria-hidden="true"
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
