/**
 * Chart options built from view models: pure functions (tested in Node), no ECharts import.
 * Colours come from sectors.ts so that a sector looks the same on every chart.
 */

import { KR_SECTOR_IDS, type KrSectorId, krSector } from "@citypath/core/vocabulary/sectors";
import type { Pathway } from "../api/model.ts";
import { formatKt, formatNumber, type Locale } from "../format.ts";

const INK = "#1d2a33";
const MUTED = "#5b6770";
const GRID = "#e3e8eb";
const FONT = '"Noto Sans KR", "Noto Sans CJK KR", system-ui, sans-serif';
const TARGET_COLOURS = ["#a4133c", "#6a4c93", "#1b6b4f", "#8c5a00"];

export interface PathwayLabels {
  bau: string;
  scenario: string;
  band: string;
  /** Name of each target path, in the order of pathway.targets. */
  targets: string[];
  /** Names of pathway.others, in order. */
  others?: string[];
}

const base = (locale: Locale) => ({
  textStyle: { fontFamily: FONT, color: INK },
  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
  tooltip: {
    trigger: "axis",
    valueFormatter: (v: unknown) => (typeof v === "number" ? formatKt(v, locale) : "—"),
  },
  // The legend is HTML below the chart (ChartFigure), where it wraps on a phone and reads as text.
  legend: { show: false },
});

const ktAxis = (locale: Locale) => ({
  type: "value",
  name: locale === "ko" ? "천톤 CO₂e" : "kt CO₂e",
  nameTextStyle: { color: MUTED, align: "left" },
  axisLabel: { color: MUTED, formatter: (v: number) => formatNumber(v / 1000, locale) },
  splitLine: { lineStyle: { color: GRID } },
});

/** BAU, the scenario, the target paths and (when present) the uncertainty band, tCO2e per year. */
export function pathwayOption(p: Pathway, locale: Locale, labels: PathwayLabels, animate = true) {
  const years = p.years.map(String);
  const series: unknown[] = [];
  if (p.band) {
    // A stacked pair: the invisible lower bound, then the band's width on top of it.
    series.push(
      {
        name: "band-low",
        type: "line",
        data: p.band.p5,
        stack: "band",
        lineStyle: { opacity: 0 },
        symbol: "none",
        silent: true,
        tooltip: { show: false },
      },
      {
        name: labels.band,
        type: "line",
        data: p.band.p95.map((v, i) => v - (p.band?.p5[i] ?? v)),
        stack: "band",
        lineStyle: { opacity: 0 },
        areaStyle: { color: "rgba(11,111,164,0.18)" },
        symbol: "none",
        silent: true,
        tooltip: { show: false },
      },
    );
  }
  series.push(
    {
      name: labels.bau,
      type: "line",
      data: p.bau,
      symbol: "none",
      lineStyle: { color: MUTED, type: "dashed", width: 2 },
      itemStyle: { color: MUTED },
    },
    {
      name: labels.scenario,
      type: "line",
      data: p.scenario,
      symbol: "none",
      lineStyle: { color: "#0b6fa4", width: 3 },
      itemStyle: { color: "#0b6fa4" },
    },
  );
  // Not the sector colours: a scenario is not a sector.
  const OTHER_COLOURS = ["#3d5a80", "#9c6644", "#5e548e", "#588157"];
  (p.others ?? []).forEach((o, i) => {
    const colour = OTHER_COLOURS[i % OTHER_COLOURS.length];
    series.push({
      name: labels.others?.[i] ?? o.id,
      type: "line",
      data: o.values,
      symbol: "none",
      lineStyle: { color: colour, width: 2 },
      itemStyle: { color: colour },
    });
  });
  p.targets.forEach((tp, i) => {
    const colour = TARGET_COLOURS[i % TARGET_COLOURS.length];
    series.push({
      name: labels.targets[i] ?? tp.id,
      type: "line",
      data: tp.values,
      connectNulls: true,
      symbol: "circle",
      symbolSize: 5,
      lineStyle: { color: colour, width: 1.5, type: "dotted" },
      itemStyle: { color: colour },
    });
  });
  const b = base(locale);
  return {
    ...b,
    animation: animate,
    xAxis: { type: "category", data: years, boundaryGap: false, axisLabel: { color: MUTED } },
    yAxis: ktAxis(locale),
    series,
  };
}

/** Stacked bars: emissions per year by Korean plan sector (tCO2e). */
export function sectorStackOption(
  years: number[],
  bySector: Partial<Record<KrSectorId, Array<number | null>>>,
  sectorName: (s: KrSectorId) => string,
  locale: Locale,
) {
  const present = KR_SECTOR_IDS.filter((s) => bySector[s]?.some((v) => v !== 0));
  return {
    ...base(locale),
    xAxis: { type: "category", data: years.map(String), axisLabel: { color: MUTED } },
    yAxis: ktAxis(locale),
    series: present.map((s) => ({
      name: sectorName(s),
      type: "bar",
      stack: "total",
      data: bySector[s],
      itemStyle: { color: krSector(s).colour },
      emphasis: { focus: "series" },
    })),
  };
}

/** Horizontal bars: one value per category, each with its own colour (tCO2e). */
export function barsOption(items: Array<{ label: string; value: number; colour: string }>, locale: Locale) {
  const b = base(locale);
  return {
    ...b,
    legend: { show: false },
    tooltip: { ...b.tooltip, trigger: "item" },
    grid: { ...b.grid, top: 8, bottom: 28 },
    yAxis: { type: "category", data: items.map((i) => i.label), inverse: true, axisLabel: { color: INK } },
    // Horizontal bars: the unit goes under the axis, where it is not cut off at the right edge.
    xAxis: { ...ktAxis(locale), nameLocation: "middle", nameGap: 26 },
    series: [
      {
        type: "bar",
        data: items.map((i) => ({ value: i.value, itemStyle: { color: i.colour } })),
        barMaxWidth: 28,
      },
    ],
  };
}

/** A simple line of observed values against goals (an indicator). */
export function indicatorOption(
  observed: Array<{ year: number; value: number }>,
  goals: Array<{ year: number; value: number }>,
  labels: { observed: string; goal: string },
  locale: Locale,
) {
  const years = [...new Set([...observed, ...goals].map((p) => p.year))].sort((a, b) => a - b);
  const at = (pts: Array<{ year: number; value: number }>) =>
    years.map((y) => pts.find((p) => p.year === y)?.value ?? null);
  const b = base(locale);
  return {
    ...b,
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v, locale, 1) : "—"),
    },
    xAxis: { type: "category", data: years.map(String), axisLabel: { color: MUTED } },
    yAxis: { type: "value", axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } } },
    series: [
      {
        name: labels.observed,
        type: "line",
        data: at(observed),
        connectNulls: false,
        itemStyle: { color: "#0b6fa4" },
      },
      {
        name: labels.goal,
        type: "line",
        data: at(goals),
        connectNulls: true,
        lineStyle: { type: "dashed" },
        itemStyle: { color: "#a4133c" },
      },
    ],
  };
}

/** Bars of an action's abatement per year (tCO2e), in the accent colour. */
export function abatementOption(years: number[], values: number[], label: string, locale: Locale) {
  const b = base(locale);
  return {
    ...b,
    legend: { show: false },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? formatNumber(v, locale) : "—"),
    },
    grid: { ...b.grid, top: 32 },
    xAxis: { type: "category", data: years.map(String), axisLabel: { color: MUTED } },
    yAxis: {
      type: "value",
      name: locale === "ko" ? "톤 CO₂e" : "t CO₂e",
      nameTextStyle: { color: MUTED, align: "left" },
      axisLabel: { color: MUTED },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: [{ name: label, type: "bar", data: values, itemStyle: { color: "#1f5f4a" } }],
  };
}

export interface LegendItem {
  label: string;
  colour: string;
  /** How the series is drawn: a line (solid, dashed, dotted) or a filled mark. */
  mark: "solid" | "dashed" | "dotted" | "fill";
}

/** The legend of a chart, read from its named series (what the drawing shows, in its order). */
export function legendOf(option: unknown): LegendItem[] {
  const series = (option as { series?: unknown[] }).series ?? [];
  const out: LegendItem[] = [];
  for (const s of series as Array<{
    name?: string;
    type?: string;
    silent?: boolean;
    areaStyle?: { color?: string };
    lineStyle?: { color?: string; type?: string };
    itemStyle?: { color?: string };
  }>) {
    if (!s.name || s.name === "band-low") continue;
    const colour = s.lineStyle?.color ?? s.itemStyle?.color ?? s.areaStyle?.color;
    if (!colour) continue;
    const mark =
      s.type === "bar" || s.areaStyle
        ? "fill"
        : s.lineStyle?.type === "dashed"
          ? "dashed"
          : s.lineStyle?.type === "dotted"
            ? "dotted"
            : "solid";
    out.push({ label: s.name, colour, mark });
  }
  return out;
}

export interface MacBarView {
  label: string;
  /** KRW per tCO2e (negative = saves money). */
  krwPerT: number;
  x0: number;
  x1: number;
}

/**
 * The marginal abatement cost curve: one rectangle per action, width = tonnes avoided (x0..x1, tCO2e),
 * height = KRW per tCO2e, cheapest first. Drawn as filled step lines (the line chart already loaded) on a
 * value axis. `yMax` clips the axis so that a few very dear actions do not flatten the others; the text
 * summary names the bars beyond it and the table holds every number.
 */
export function macOption(
  bars: MacBarView[],
  locale: Locale,
  axis: { x: string; y: string },
  scale: { log: true } | { log: false; yMax?: number },
) {
  const COLOURS = ["#0b6fa4", "#5aa9d6"];
  const yMax = scale.log ? undefined : scale.yMax;
  return {
    ...base(locale),
    animation: false,
    tooltip: { show: false },
    grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
    xAxis: {
      type: "value",
      name: axis.x,
      nameLocation: "middle",
      nameGap: 28,
      nameTextStyle: { color: MUTED },
      min: 0,
      axisLabel: { color: MUTED, formatter: (v: number) => formatNumber(v / 1000, locale) },
      splitLine: { show: false },
    },
    yAxis: {
      // Costs per tonne span orders of magnitude: a log axis when every cost is positive.
      type: scale.log ? "log" : "value",
      name: axis.y,
      nameTextStyle: { color: MUTED, align: "left" },
      ...(yMax !== undefined ? { max: yMax } : {}),
      axisLabel: { color: MUTED, formatter: (v: number) => formatNumber(v / 1000, locale) },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: bars.map((b, i) => {
      const h = yMax !== undefined ? Math.min(b.krwPerT, yMax) : b.krwPerT;
      const colour = COLOURS[i % COLOURS.length];
      return {
        name: b.label,
        type: "line",
        data: [
          [b.x0, h],
          [b.x1, h],
        ],
        symbol: "none",
        silent: true,
        lineStyle: { color: colour, width: 1 },
        areaStyle: { color: colour, opacity: 0.85, origin: scale.log ? "start" : 0 },
      };
    }),
  };
}

/**
 * What it takes: the gap of each plan sector to its share of the target path, one bar group per sector and
 * one series per target year (tCO2e; above 0 = the sector is above its share).
 */
export function sectorGapOption(
  sectors: KrSectorId[],
  years: Array<{ label: string; gaps: number[] }>,
  sectorName: (s: KrSectorId) => string,
  locale: Locale,
) {
  return {
    ...base(locale),
    xAxis: { type: "category", data: sectors.map(sectorName), axisLabel: { color: MUTED, interval: 0 } },
    yAxis: ktAxis(locale),
    series: years.map((y, i) => ({
      name: y.label,
      type: "bar",
      data: y.gaps,
      itemStyle: { color: TARGET_COLOURS[i % TARGET_COLOURS.length] },
    })),
  };
}
