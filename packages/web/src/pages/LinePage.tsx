import { SCOPE2_METHOD_LABELS } from "@citypath/core/vocabulary/scope2";
import { useTranslation } from "react-i18next";
import { useInventory } from "../api/hooks.ts";
import { type EmissionLine, localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { AsWritten } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { formatNumber, formatTonnes, formatYear, type Locale } from "../format.ts";

/** Significant digits that keep small factors readable (0.000 0123) and large numbers plain. */
/**
 * The years a factor matched, as core describes them ("year 2021", "2018-2020", "all years"; its
 * describeYears), in the page's language: a year as the page writes years, a range as it is (numbers).
 */
export function matchedYears(years: string, locale: Locale, allYears: string): string {
  if (years === "all years") return allYears;
  const one = /^year (\d{4})$/.exec(years);
  return one ? formatYear(Number(one[1]), locale) : years;
}

function num(v: number, locale: Locale): string {
  const a = Math.abs(v);
  const digits = a === 0 ? 0 : a >= 100 ? 1 : Math.min(8, Math.max(2, 3 - Math.floor(Math.log10(a))));
  return formatNumber(v, locale, digits);
}

/** One inventory line: the number, the factors and activity behind it, their sources, and the explanation. */
export default function LinePage(props: { lineId: string }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const inv = useInventory();
  const back = (
    <p>
      <Link href={pathFor(locale, { page: "emissions" })}>{t("line.back")}</Link>
    </p>
  );
  const line: EmissionLine | undefined =
    inv.state === "ready"
      ? inv.data.years.flatMap((y) => y.lines).find((l) => l.id === props.lineId)
      : undefined;
  if (!line)
    return (
      <>
        <PageHeader title={t("line.title")} />
        {inv.state === "ready" ? (
          <Status kind="empty" message={t("line.notFound")} />
        ) : (
          <Status kind={inv.state} {...(inv.state === "error" ? { error: inv.error } : {})} />
        )}
        {back}
      </>
    );
  const l = line;
  const gases = Object.entries(l.gasesT);
  return (
    <>
      <PageHeader
        title={`${l.gpcRef} ${localize(l.name, locale)}`}
        lead={t("line.lead", {
          year: formatYear(l.year, locale),
          version: inv.state === "ready" ? inv.data.version : "",
        })}
      />
      {back}
      <dl className="kpis">
        <div className="kpi">
          <dt>
            {l.scope === 2
              ? t("scope2.emissionsBy", { method: localize(SCOPE2_METHOD_LABELS.location_based, locale) })
              : t("common.emissions")}
          </dt>
          <dd data-testid="line-total">{formatTonnes(l.tco2e, locale, 1)}</dd>
        </div>
        {l.scope === 2 && (
          <div className="kpi">
            <dt>
              {t("scope2.emissionsBy", { method: localize(SCOPE2_METHOD_LABELS.market_based, locale) })}
            </dt>
            <dd data-testid="line-market">{formatTonnes(l.marketTco2e, locale, 1)}</dd>
          </div>
        )}
        <div className="kpi">
          <dt>{t("common.sector")}</dt>
          <dd>{l.sector ? <SectorName sector={l.sector} /> : t("emissions.notInPlan")}</dd>
        </div>
        <div className="kpi">
          <dt>{t("emissions.gpcSector")}</dt>
          <dd>
            {l.gpcRef} · {t("emissions.scopeN", { n: l.scope })} · {t(`level.${l.level}`)}
          </dd>
        </div>
      </dl>

      <Section title={t("line.explanation")} id="explain">
        {l.factors.length === 0 ? (
          <p>{t("line.noFactors")}</p>
        ) : (
          <ol className="explain">
            {l.factors.map((f) => (
              <li key={`${f.factorId}-${f.gas}`}>
                {t("line.step", {
                  activity: f.activityName?.[locale] ?? f.activity,
                  rows: f.rows,
                  factor: num(f.factor, locale),
                  unit: f.unit,
                  gas: f.gas,
                  gasT: num(f.gasT, locale),
                  tco2e: formatTonnes(f.tco2e, locale, 1),
                })}
                {f.ncv !== null && ` ${t("line.ncv", { ncv: num(f.ncv, locale), unit: f.ncvUnit ?? "" })}`}
              </li>
            ))}
            <li>
              <strong>{t("line.sum", { tco2e: formatTonnes(l.tco2e, locale, 1) })}</strong>
            </li>
          </ol>
        )}
        {gases.length > 0 && (
          <p className="muted">
            {t("line.gases")} {gases.map(([g, v]) => `${g} ${num(v, locale)} t`).join(" · ")}
          </p>
        )}
      </Section>

      <Section title={t("line.inputs")} id="inputs">
        <ScrollRegion label={t("line.inputs")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("line.activity")}</th>
                <th scope="col">{t("line.gas")}</th>
                <th scope="col" className="num">
                  {t("line.factor")}
                </th>
                <th scope="col">{t("line.unit")}</th>
                <th scope="col">{t("line.matched")}</th>
                <th scope="col">{t("line.source")}</th>
                <th scope="col" className="num">
                  {t("common.emissions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {l.factors.map((f) => (
                <tr key={`${f.factorId}-${f.gas}`}>
                  <th scope="row">{f.activityName?.[locale] ?? f.activity}</th>
                  <td>{f.gas}</td>
                  <td className="num">{num(f.factor, locale)}</td>
                  <td>{f.unit}</td>
                  <td>{matchedYears(f.years, locale, t("line.yearsAll"))}</td>
                  <td>
                    {f.source !== null ? <AsWritten text={f.source} locale={locale} /> : t("line.noSource")}
                    {f.sourceYear !== null && ` (${f.sourceYear})`}
                    {f.flagged && <span className="badge badge--warn">{t("line.flagged")}</span>}
                  </td>
                  <td className="num">{formatTonnes(f.tco2e, locale, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
    </>
  );
}
