/**
 * The words and the table that go with a pathway chart (the home page and the scenario explorer): a summary
 * for screen readers and the chart's accessible table.
 */
import { localize, type Pathway } from "../api/model.ts";
import { formatKt, formatYear, type Locale } from "../format.ts";

type T = (k: string, o?: Record<string, unknown>) => string;

export function pathwaySummary(p: Pathway, locale: Locale, t: T) {
  const lastI = p.years.length - 1;
  const lastYear = p.years[lastI];
  const s = p.scenario[lastI];
  const b = p.bau[lastI];
  if (lastYear === undefined || s === undefined || b === undefined) return "";
  const parts = [
    t("pathway.summary", {
      year: formatYear(lastYear, locale),
      scenario: formatKt(s, locale),
      bau: formatKt(b, locale),
    }),
  ];
  for (const target of p.targets) {
    // The gap in each target year: scenario minus target (positive = above the target).
    for (let i = 0; i < p.years.length; i++) {
      const tv = target.values[i];
      const sv = p.scenario[i];
      const y = p.years[i];
      if (tv === null || tv === undefined || sv === undefined || y === undefined) continue;
      const isTargetYear = y % 5 === 0 && y >= 2030;
      if (!isTargetYear) continue;
      parts.push(
        t(sv > tv ? "pathway.gapAbove" : "pathway.gapMet", {
          target: localize(target.name, locale),
          year: formatYear(y, locale),
          gap: formatKt(Math.abs(sv - tv), locale),
        }),
      );
      break;
    }
  }
  const low = p.band?.p5[lastI];
  const high = p.band?.p95[lastI];
  const mid = p.band?.p50?.[lastI];
  if (low !== undefined && high !== undefined && mid !== undefined)
    parts.push(
      t("explorer.bandSummary", {
        year: formatYear(lastYear, locale),
        low: formatKt(low, locale),
        high: formatKt(high, locale),
        mid: formatKt(mid, locale),
      }),
    );
  return parts.join(" ");
}

export function pathwayTable(p: Pathway, locale: Locale, t: T) {
  return {
    caption: t("pathway.chartTitle", { scenario: localize(p.scenarioName, locale) }),
    columns: [
      t("common.year"),
      t("pathway.bau"),
      localize(p.scenarioName, locale) || t("pathway.scenario"),
      ...(p.others ?? []).map((o) => localize(o.name, locale)),
      ...p.targets.map((x) => localize(x.name, locale)),
      ...(p.band ? [t("explorer.p5"), t("explorer.p95")] : []),
    ],
    rows: p.years.map((y, i) => [
      formatYear(y, locale),
      formatKt(p.bau[i] ?? Number.NaN, locale),
      formatKt(p.scenario[i] ?? Number.NaN, locale),
      ...(p.others ?? []).map((o) => formatKt(o.values[i] ?? Number.NaN, locale)),
      ...p.targets.map((x) => {
        const v = x.values[i];
        return v === null || v === undefined ? "—" : formatKt(v, locale);
      }),
      ...(p.band
        ? [formatKt(p.band.p5[i] ?? Number.NaN, locale), formatKt(p.band.p95[i] ?? Number.NaN, locale)]
        : []),
    ]),
  };
}
