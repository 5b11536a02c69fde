import { krSector } from "@citypath/core/vocabulary/sectors";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useInventory, usePathway, useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { barsOption, pathwayOption } from "../charts/options.ts";
import { pathwaySummary, pathwayTable } from "../charts/pathway-text.ts";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { planTotal, sectorsOf } from "../data/aggregate.ts";
import { formatDate, formatKt, formatPercent, formatYear, type Locale } from "../format.ts";

export function Home() {
  const { t } = useTranslation();
  const { locale, tenant } = useSite();
  const city = tenant ? localize(tenant.name, locale) : "";
  return (
    <>
      <PageHeader title={t("home.title", { city })} lead={t("home.lead")} />
      <Overview />
      <PathwaySection />
      <AgendaGlance />
      <RecentChanges />
    </>
  );
}

function Overview() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const inv = useInventory();
  if (inv.state !== "ready")
    return (
      <Status
        kind={inv.state}
        {...(inv.state === "error" ? { error: inv.error } : {})}
        message={t("home.noInventory")}
      />
    );
  const years = inv.data.years;
  const latest = years[years.length - 1];
  const first = years[0];
  if (!latest || !first) return <Status kind="empty" message={t("home.noInventory")} />;
  const latestTotal = planTotal(latest);
  const baseTotal = planTotal(first);
  const change = first === latest || baseTotal === 0 ? null : latestTotal / baseTotal - 1;
  const sectors = sectorsOf(latest);
  const yearLabel = formatYear(latest.year, locale);
  return (
    <Section title={t("home.whereWeStand")} id="stand">
      <dl className="kpis">
        <div className="kpi">
          <dt>{t("home.latestTotal", { year: yearLabel })}</dt>
          <dd data-testid="home-total">{formatKt(latestTotal, locale)}</dd>
        </div>
        {change !== null && (
          <div className="kpi">
            <dt>{t("home.changeSince", { year: formatYear(first.year, locale) })}</dt>
            <dd>{formatPercent(change, locale)}</dd>
          </div>
        )}
        <div className="kpi">
          <dt>{t("home.basicTotal", { year: yearLabel })}</dt>
          <dd>{formatKt(latest.totals.basic, locale)}</dd>
        </div>
        <div className="kpi">
          <dt>{t("home.inventoryVersion")}</dt>
          <dd>
            {t("home.versionValue", { version: inv.data.version })}
            {inv.data.publishedAt && (
              <span className="muted"> · {formatDate(inv.data.publishedAt, locale)}</span>
            )}
          </dd>
        </div>
      </dl>
      <ChartFigure
        title={t("home.bySectorTitle", { year: yearLabel })}
        summary={<SectorSummary sectors={sectors} totalT={latestTotal} locale={locale} />}
        option={barsOption(
          sectors.map(([s, v]) => ({ label: t(`sector.${s}`), value: v, colour: krSector(s).colour })),
          locale,
        )}
        height={Math.max(160, sectors.length * 40 + 40)}
        testId="home-sectors"
        table={{
          caption: t("home.bySectorTitle", { year: yearLabel }),
          columns: [t("common.sector"), t("common.emissions"), t("common.share")],
          rows: sectors.map(([s, v]) => [
            t(`sector.${s}`),
            formatKt(v, locale),
            formatPercent(latestTotal ? v / latestTotal : 0, locale).replace("+", ""),
          ]),
        }}
      />
      <p>
        <Link href={pathFor(locale, { page: "emissions" })}>{t("home.toEmissions")}</Link>
      </p>
    </Section>
  );
}

function SectorSummary(props: { sectors: Array<[string, number]>; totalT: number; locale: Locale }) {
  const { t } = useTranslation();
  const top = [...props.sectors].sort((a, b) => b[1] - a[1])[0];
  if (!top || props.totalT === 0) return null;
  return (
    <p>
      {t("home.sectorSummary", {
        sector: t(`sector.${top[0]}`),
        share: formatPercent(top[1] / props.totalT, props.locale).replace("+", ""),
        total: formatKt(props.totalT, props.locale),
      })}
    </p>
  );
}

function PathwaySection() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const pw = usePathway();
  const data = pw.state === "ready" ? pw.data : null;
  const option = useMemo(
    () =>
      data
        ? pathwayOption(data, locale, {
            bau: t("pathway.bau"),
            scenario: localize(data.scenarioName, locale) || t("pathway.scenario"),
            band: t("pathway.band"),
            targets: data.targets.map((x) => localize(x.name, locale)),
            others: (data.others ?? []).map((o) => localize(o.name, locale)),
          })
        : null,
    [data, locale, t],
  );
  return (
    <Section title={t("home.pathwayTitle")} id="pathway">
      {!data || !option ? (
        <Status
          kind={pw.state === "ready" ? "empty" : pw.state}
          {...(pw.state === "error" ? { error: pw.error } : {})}
          message={t("home.noPathway")}
        />
      ) : (
        <ChartFigure
          title={t("pathway.chartTitle", { scenario: localize(data.scenarioName, locale) })}
          summary={<p>{pathwaySummary(data, locale, t)}</p>}
          option={option}
          testId="home-pathway"
          height={380}
          headingLevel={3}
          table={pathwayTable(data, locale, t)}
        />
      )}
      {data?.basisName && (
        <p className="muted">{t("pathway.basis", { basis: localize(data.basisName, locale) })}</p>
      )}
      <p>
        <Link href={pathFor(locale, { page: "explorer" })}>{t("home.toExplorer")}</Link>
      </p>
    </Section>
  );
}

function AgendaGlance() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const actions = useResource(slug && `actions:${slug}`, (s) => q.actions(slug as string, s));
  return (
    <Section title={t("home.agendaTitle")} id="agenda">
      {actions.state === "ready" ? (
        <>
          {actions.data.some((a) => a.origin === "model") && <p className="muted">{t("agenda.fromModel")}</p>}
          <ul className="status-counts">
            {AGENDA_STATUSES.filter((st) => actions.data.some((a) => a.status === st)).map((st) => (
              <li key={st} className={`status-count status-count--${st}`}>
                <span className="status-count__n">{actions.data.filter((a) => a.status === st).length}</span>
                <span>{t(`status.action.${st}`)}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link href={pathFor(locale, { page: "agenda" })}>{t("home.toAgenda")}</Link>
          </p>
        </>
      ) : (
        <Status
          kind={actions.state}
          {...(actions.state === "error" ? { error: actions.error } : {})}
          message={t("agenda.notPublished")}
        />
      )}
    </Section>
  );
}

/** What changed recently: the inventory versions, newest first. */
function RecentChanges() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const refs = useResource(slug && `inventories:${slug}`, (s) => q.inventories(slug as string, s));
  if (refs.state !== "ready" || refs.data.length === 0) return null;
  const list = [...refs.data].sort((a, b) => b.version - a.version).slice(0, 5);
  return (
    <Section title={t("home.recentTitle")} id="recent">
      <ul className="plain recent">
        {list.map((r) => (
          <li key={r.version}>
            <time dateTime={r.publishedAt ?? r.createdAt}>
              {formatDate(r.publishedAt ?? r.createdAt, locale)}
            </time>{" "}
            {t(r.status === "published" ? "home.recentPublished" : "home.recentDraft", {
              version: r.version,
            })}{" "}
            <LocalText text={r.label} locale={locale} />{" "}
            {t("home.recentYears", {
              from: formatYear(r.firstYear, locale),
              to: formatYear(r.lastYear, locale),
            })}
          </li>
        ))}
      </ul>
    </Section>
  );
}
