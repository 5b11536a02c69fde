import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInventories } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { barsOption, sectorStackOption } from "../charts/options.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { byDistrict, byGpcScope, bySector, sectorSeries, total } from "../data/aggregate.ts";
import { formatKt, formatPercent, formatYear } from "../format.ts";
import { sectorColour } from "../sectors.ts";

export default function Emissions() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const invs = useInventories();
  const [yearChoice, setYearChoice] = useState<number | null>(null);
  const data = invs.state === "ready" ? invs.data : [];
  const series = useMemo(() => sectorSeries(data), [data]);
  const seriesOption = useMemo(
    () => sectorStackOption(series.years, series.bySector, (s) => t(`sector.${s}`), locale),
    [series, t, locale],
  );
  const header = <PageHeader title={t("emissions.title")} lead={t("emissions.lead")} />;
  if (invs.state !== "ready")
    return (
      <>
        {header}
        <Status kind={invs.state} {...(invs.state === "error" ? { error: invs.error } : {})} />
      </>
    );
  const latest = data[data.length - 1];
  if (!latest)
    return (
      <>
        {header}
        <Status kind="empty" message={t("home.noInventory")} />
      </>
    );
  const inv = data.find((i) => i.year === yearChoice) ?? latest;
  const tot = total(inv.lines);
  const sectors = [...bySector(inv.lines).entries()];
  const gpc = byGpcScope(inv.lines);
  const districts = byDistrict(inv.lines).filter((d) => d.district !== null);
  const yearLabel = formatYear(inv.year, locale);
  const lines = [...inv.lines].sort((a, b) => b.tco2e - a.tco2e);

  return (
    <>
      {header}
      {series.years.length > 1 && (
        <ChartFigure
          title={t("emissions.overYears")}
          summary={
            <p>
              {t("emissions.overYearsSummary", {
                from: formatYear(series.years[0] as number, locale),
                to: formatYear(series.years[series.years.length - 1] as number, locale),
                first: formatKt(total(data[0]?.lines ?? []), locale),
                last: formatKt(total(latest.lines), locale),
              })}
            </p>
          }
          option={seriesOption}
          testId="emissions-years"
          table={{
            caption: t("emissions.overYears"),
            columns: [t("common.sector"), ...series.years.map((y) => formatYear(y, locale))],
            rows: Object.entries(series.bySector).map(([s, vals]) => [
              t(`sector.${s}`),
              ...(vals ?? []).map((v) => formatKt(v, locale)),
            ]),
          }}
        />
      )}

      <div className="toolbar">
        <label htmlFor="year-select">{t("emissions.chooseYear")}</label>
        <select
          id="year-select"
          value={inv.year}
          onChange={(e) => setYearChoice(Number(e.currentTarget.value))}
        >
          {data.map((i) => (
            <option key={i.id} value={i.year}>
              {formatYear(i.year, locale)}
            </option>
          ))}
        </select>
      </div>

      <ChartFigure
        title={t("emissions.bySector", { year: yearLabel })}
        summary={<p>{t("emissions.totalIs", { year: yearLabel, total: formatKt(tot, locale) })}</p>}
        option={barsOption(
          sectors.map(([s, v]) => ({ label: t(`sector.${s}`), value: v, colour: sectorColour(s) })),
          locale,
        )}
        height={Math.max(160, sectors.length * 40 + 40)}
        testId="emissions-sectors"
        table={{
          caption: t("emissions.bySector", { year: yearLabel }),
          columns: [t("common.sector"), t("common.emissions"), t("common.share")],
          rows: sectors.map(([s, v]) => [
            t(`sector.${s}`),
            formatKt(v, locale),
            formatPercent(tot ? v / tot : 0, locale).replace("+", ""),
          ]),
        }}
      />

      <Section title={t("emissions.byGpc", { year: yearLabel })} id="gpc">
        <ScrollRegion label={t("emissions.byGpc", { year: yearLabel })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("emissions.gpcSector")}</th>
                <th scope="col">{t("emissions.scope")}</th>
                <th scope="col">{t("common.emissions")}</th>
              </tr>
            </thead>
            <tbody>
              {gpc.map((g) => (
                <tr key={`${g.gpcSector}-${g.scope}`}>
                  <th scope="row">{g.gpcSector}</th>
                  <td>{g.scope === "-" ? "—" : t("emissions.scopeN", { n: g.scope })}</td>
                  <td className="num">{formatKt(g.tco2e, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>

      <Section title={t("emissions.byDistrict", { year: yearLabel })} id="districts">
        {districts.length ? (
          <ul className="plain">
            {districts.map((d) => (
              <li key={d.district}>
                {d.district}: {formatKt(d.tco2e, locale)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("emissions.noDistricts")}</p>
        )}
      </Section>

      <Section title={t("emissions.lines", { year: yearLabel })} id="lines">
        <p>{t("emissions.linesLead")}</p>
        <ScrollRegion label={t("emissions.lines", { year: yearLabel })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("emissions.line")}</th>
                <th scope="col">{t("common.sector")}</th>
                <th scope="col">{t("emissions.gpcSector")}</th>
                <th scope="col">{t("emissions.scope")}</th>
                <th scope="col">{t("common.emissions")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <Link href={pathFor(locale, { page: "line", lineId: l.id })}>
                      {localize(l.label, locale) || l.id}
                    </Link>
                  </th>
                  <td>
                    <SectorName sector={l.sector ?? "unassigned"} />
                  </td>
                  <td>{l.gpcRef ?? l.gpcSector}</td>
                  <td>{l.scope === null ? "—" : t("emissions.scopeN", { n: l.scope })}</td>
                  <td className="num">{formatKt(l.tco2e, locale, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
    </>
  );
}
