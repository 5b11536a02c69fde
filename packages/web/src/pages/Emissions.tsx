import { SCOPE2_METHOD_LABELS } from "@citypath/core/vocabulary/scope2";
import { krSector } from "@citypath/core/vocabulary/sectors";
import { INVENTORY_VERIFICATION_LABELS } from "@citypath/core/vocabulary/verification";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInventory } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { barsOption, sectorStackOption } from "../charts/options.ts";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { byDistrict, byGpcScope, planTotal, sectorSeries, sectorsOf } from "../data/aggregate.ts";
import { formatKt, formatPercent, formatYear } from "../format.ts";

export default function Emissions() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const inv = useInventory();
  const [yearChoice, setYearChoice] = useState<number | null>(null);
  const years = inv.state === "ready" ? inv.data.years : [];
  const series = useMemo(() => sectorSeries(years), [years]);
  const seriesOption = useMemo(
    () =>
      sectorStackOption(
        years.map((y) => y.year),
        series,
        (s) => t(`sector.${s}`),
        locale,
      ),
    [years, series, t, locale],
  );
  const header = <PageHeader title={t("emissions.title")} lead={t("emissions.lead")} />;
  if (inv.state !== "ready")
    return (
      <>
        {header}
        <Status
          kind={inv.state}
          {...(inv.state === "error" ? { error: inv.error } : {})}
          message={t("home.noInventory")}
        />
      </>
    );
  const latest = years[years.length - 1];
  const first = years[0];
  if (!latest || !first)
    return (
      <>
        {header}
        <Status kind="empty" message={t("home.noInventory")} />
      </>
    );
  const v = inv.data.verification;
  const verification = (
    <p data-testid="inventory-verification" data-status={v.status}>
      <span className={`badge ${v.status === "verified" ? "" : "badge--warn"}`}>
        {localize(INVENTORY_VERIFICATION_LABELS[v.status], locale)}
      </span>{" "}
      {v.status === "verified"
        ? t("emissions.verifiedBy", { version: inv.data.version, by: v.verifiedBy, on: v.verifiedOn })
        : t("emissions.provisional", { version: inv.data.version })}
      {v.basis && (
        <>
          {" "}
          {t("emissions.verificationBasis")} <LocalText text={v.basis} locale={locale} />
        </>
      )}
      {v.illustrative && (
        <>
          {" "}
          <span className="badge badge--warn">{t("common.illustrative")}</span>
        </>
      )}
    </p>
  );
  const yr = years.find((y) => y.year === yearChoice) ?? latest;
  const tot = planTotal(yr);
  const sectors = sectorsOf(yr);
  const gpc = byGpcScope(yr.lines);
  const districts = byDistrict(yr.lines);
  const yearLabel = formatYear(yr.year, locale);
  const lines = [...yr.lines].sort((a, b) => a.gpcRef.localeCompare(b.gpcRef, "en", { numeric: true }));
  // Scope 2 both ways: every figure without a method is location-based; the market-based ones say so.
  const loc = localize(SCOPE2_METHOD_LABELS.location_based, locale);
  const mkt = localize(SCOPE2_METHOD_LABELS.market_based, locale);
  const byLoc = (title: string) => `${title} (${loc})`;
  const bothMethods = [loc, mkt].map((method) => (
    <th key={method} scope="col" className="num">
      {t("scope2.emissionsBy", { method })}
    </th>
  ));
  const marketPlan = sectorsOf({ ...yr, krSectors: yr.market.krSectors }).reduce((a, [, v]) => a + v, 0);
  const methodRows: Array<[string, number, number | null]> = [
    [t("scope2.planTotal"), tot, marketPlan],
    ...sectors.map(([s, v]): [string, number, number | null] => [
      t(`sector.${s}`),
      v,
      yr.market.krSectors[s] ?? null,
    ]),
    ["BASIC", yr.totals.basic, yr.market.totals.basic],
    ["BASIC+", yr.totals.basicPlus, yr.market.totals.basicPlus],
    [t("level.territorial"), yr.totals.territorial, yr.market.totals.territorial],
  ];

  return (
    <>
      {header}
      {verification}
      <p className="note" data-testid="scope2-note">
        {t("scope2.note")}
      </p>
      {years.length > 1 && (
        <ChartFigure
          title={byLoc(t("emissions.overYears"))}
          summary={
            <p>
              {t("emissions.overYearsSummary", {
                from: formatYear(first.year, locale),
                to: formatYear(latest.year, locale),
                first: formatKt(planTotal(first), locale),
                last: formatKt(planTotal(latest), locale),
              })}
            </p>
          }
          option={seriesOption}
          testId="emissions-years"
          table={{
            caption: byLoc(t("emissions.overYears")),
            columns: [t("common.sector"), ...years.map((y) => formatYear(y.year, locale))],
            rows: Object.entries(series).map(([s, vals]) => [
              t(`sector.${s}`),
              ...(vals ?? []).map((v) => (v === null ? "—" : formatKt(v, locale))),
            ]),
          }}
        />
      )}

      {years.length > 1 && (
        <div className="toolbar">
          <label htmlFor="year-select">{t("emissions.chooseYear")}</label>
          <select
            id="year-select"
            value={yr.year}
            onChange={(e) => setYearChoice(Number(e.currentTarget.value))}
          >
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {formatYear(y.year, locale)}
              </option>
            ))}
          </select>
        </div>
      )}

      <ChartFigure
        title={byLoc(t("emissions.bySector", { year: yearLabel }))}
        summary={
          <p>
            {t("emissions.totalIs", { year: yearLabel, total: formatKt(tot, locale) })}{" "}
            {t("emissions.bases", {
              basic: formatKt(yr.totals.basic, locale),
              basicPlus: formatKt(yr.totals.basicPlus, locale),
              territorial: formatKt(yr.totals.territorial, locale),
            })}
          </p>
        }
        option={barsOption(
          sectors.map(([s, v]) => ({ label: t(`sector.${s}`), value: v, colour: krSector(s).colour })),
          locale,
        )}
        height={Math.max(160, sectors.length * 40 + 40)}
        testId="emissions-sectors"
        table={{
          caption: byLoc(t("emissions.bySector", { year: yearLabel })),
          columns: [t("common.sector"), t("common.emissions"), t("common.share")],
          rows: sectors.map(([s, v]) => [
            t(`sector.${s}`),
            formatKt(v, locale),
            formatPercent(tot ? v / tot : 0, locale).replace("+", ""),
          ]),
        }}
      />

      <Section title={t("scope2.title", { year: yearLabel })} id="scope2">
        <p>
          {t("scope2.summary", { location: formatKt(tot, locale), market: formatKt(marketPlan, locale) })}
        </p>
        <ScrollRegion label={t("scope2.caption", { year: yearLabel })}>
          <table data-testid="scope2-table">
            <caption>{t("scope2.caption", { year: yearLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("scope2.figure")}</th>
                {bothMethods}
                <th scope="col" className="num">
                  {t("scope2.difference")}
                </th>
              </tr>
            </thead>
            <tbody>
              {methodRows.map(([label, l, m]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{formatKt(l, locale)}</td>
                  <td className="num">{m === null ? "—" : formatKt(m, locale)}</td>
                  <td className="num">{m === null ? "—" : formatKt(m - l, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>

      <Section title={t("emissions.byGpc", { year: yearLabel })} id="gpc">
        <ScrollRegion label={t("emissions.byGpc", { year: yearLabel })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("emissions.gpcSector")}</th>
                <th scope="col">{t("emissions.scope")}</th>
                <th scope="col" className="num">
                  {t("scope2.emissionsBy", { method: loc })}
                </th>
              </tr>
            </thead>
            <tbody>
              {gpc.map((g) => (
                <tr key={`${g.gpcSector}-${g.scope}`}>
                  <th scope="row">{t(`gpc.${g.gpcSector}`)}</th>
                  <td>{t("emissions.scopeN", { n: g.scope })}</td>
                  <td className="num">{formatKt(g.tco2e, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>

      <Section title={t("emissions.byDistrict", { year: yearLabel })} id="districts">
        {districts.length ? (
          <ScrollRegion label={t("emissions.byDistrict", { year: yearLabel })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("districts.district")}</th>
                  <th scope="col" className="num">
                    {t("scope2.emissionsBy", { method: loc })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {districts.map((d) => (
                  <tr key={d.district}>
                    <th scope="row">{d.district || t("emissions.noDistrict")}</th>
                    <td className="num">{formatKt(d.tco2e, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
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
                <th scope="col">{t("emissions.scope")}</th>
                {bothMethods}
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <Link href={pathFor(locale, { page: "line", lineId: l.id })}>
                      {l.gpcRef} {localize(l.name, locale)}
                    </Link>
                  </th>
                  <td>{l.sector ? <SectorName sector={l.sector} /> : t("emissions.notInPlan")}</td>
                  <td>{t("emissions.scopeN", { n: l.scope })}</td>
                  <td className="num">{formatKt(l.tco2e, locale, 2)}</td>
                  <td className="num">{formatKt(l.marketTco2e, locale, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
    </>
  );
}
