/**
 * What it takes, on the explorer: for each target, the gap by plan sector at the frame's levels (a chart
 * with its table and a sentence naming the largest gap).
 */
import { SCOPE2_METHOD_LABELS } from "@citypath/core/vocabulary/scope2";
import { KR_SECTOR_IDS, type KrSectorId } from "@citypath/core/vocabulary/sectors";
import type { TFunction } from "i18next";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { sectorGapOption } from "../charts/options.ts";
import { Section } from "../components/Page.tsx";
import { formatKt, formatYear, type Locale } from "../format.ts";
import type { PathwayFrame } from "./protocol.ts";

type Gap = PathwayFrame["whatItTakes"][number];

function TargetGap({ w, locale, t }: { w: Gap; locale: Locale; t: TFunction }) {
  const sectorLabel = (id: string) => (id === "other" ? t("explorer.whatOther") : t(`sector.${id}`));
  const ids = KR_SECTOR_IDS.filter((id) => w.years.some((y) => y.sectors.some((x) => x.sector === id)));
  const gapOf = (y: Gap["years"][number], id: string) => y.sectors.find((x) => x.sector === id)?.gap ?? 0;
  const option = sectorGapOption(
    ids,
    w.years.map((y) => ({ label: formatYear(y.year, locale), gaps: ids.map((id) => gapOf(y, id)) })),
    (id: KrSectorId) => sectorLabel(id),
    locale,
  );
  const first = w.years[0]!;
  const worst = [...first.sectors].sort((a, b) => b.gap - a.gap)[0];
  const summary =
    first.gap > 0 && worst
      ? t("explorer.whatSummary", {
          year: first.year,
          gap: formatKt(first.gap, locale),
          sector: sectorLabel(worst.sector),
          sectorGap: formatKt(worst.gap, locale),
        })
      : t("explorer.whatMet", { year: first.year, gap: formatKt(-first.gap, locale) });
  const table = {
    caption: t("explorer.whatTable"),
    columns: [
      t("explorer.year"),
      t("explorer.whatSector"),
      t("explorer.whatAllowance"),
      t("explorer.whatRemaining"),
      t("explorer.whatGap"),
    ],
    rows: w.years.flatMap((y) =>
      y.sectors.map((x) => [
        formatYear(y.year, locale),
        sectorLabel(x.sector),
        formatKt(x.allowance, locale),
        formatKt(x.remaining, locale),
        formatKt(x.gap, locale),
      ]),
    ),
  };
  return (
    <Section
      title={t("explorer.whatTitle", {
        target: `${localize(w.targetName, locale)} (${localize(SCOPE2_METHOD_LABELS[w.method], locale)})`,
      })}
      id={`what-it-takes-${w.target}`}
    >
      <p className="muted">{t("explorer.whatLead")}</p>
      <ChartFigure
        title={t("explorer.whatTable")}
        headingLevel={3}
        summary={<p>{summary}</p>}
        option={option}
        height={320}
        testId={`explorer-what-it-takes-${w.target}`}
        table={table}
      />
    </Section>
  );
}

/**
 * One section per target with a gap computed for the frame. Memoised: it renders again only when the
 * (debounced) frame changes, not on every slider move or analysis block.
 */
export const WhatItTakes = memo(function WhatItTakes({
  gaps,
  locale,
}: {
  gaps: readonly Gap[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  return (
    <>{gaps.map((w) => (w.years.length ? <TargetGap key={w.target} w={w} locale={locale} t={t} /> : null))}</>
  );
});
