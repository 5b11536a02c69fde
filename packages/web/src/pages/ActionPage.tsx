import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { type ActionModel, localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { abatementOption, indicatorOption } from "../charts/options.ts";
import { PageHeader, Section, SourceList } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate, formatKrw, formatNumber, formatPercent, formatTonnes, formatYear } from "../format.ts";
import { PlanItemConsultations } from "../participation/PlanItemConsultations.tsx";

export default function ActionPage(props: { actionId: string }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const res = useResource(slug && `action:${slug}:${props.actionId}`, (s) =>
    q.action(slug as string, props.actionId, s),
  );
  const back = (
    <p>
      <Link href={pathFor(locale, { page: "agenda" })}>{t("action.back")}</Link>
    </p>
  );
  if (res.state !== "ready")
    return (
      <>
        <PageHeader title={t("action.title")} />
        <Status
          kind={res.state}
          {...(res.state === "error" ? { error: res.error } : {})}
          message={t("agenda.notPublished")}
        />
        {back}
      </>
    );
  const a = res.data;
  return (
    <>
      <PageHeader title={localize(a.name, locale)} lead={localize(a.description, locale)} />
      {back}
      <dl className="kpis">
        {a.status && (
          <div className="kpi">
            <dt>{t("agenda.status")}</dt>
            <dd>
              <span className={`pill pill--${a.status}`}>{t(`status.action.${a.status}`)}</span>
            </dd>
          </div>
        )}
        {a.sector && (
          <div className="kpi">
            <dt>{t("common.sector")}</dt>
            <dd>
              <SectorName sector={a.sector} />
            </dd>
          </div>
        )}
        {a.completion !== undefined && (
          <div className="kpi">
            <dt>{t("action.completion")}</dt>
            <dd>{formatPercent(a.completion, locale, 0).replace("+", "")}</dd>
          </div>
        )}
        {(a.start || a.end) && (
          <div className="kpi">
            <dt>{t("action.period")}</dt>
            <dd>
              {a.start ? formatDate(a.start, locale) : "—"} – {a.end ? formatDate(a.end, locale) : "—"}
            </dd>
          </div>
        )}
      </dl>

      {a.origin === "model" && <p className="notice">{t("action.fromModel")}</p>}
      {a.model && <ModelSection model={a.model} />}

      {a.origin === "agenda" && (
        <Section title={t("action.people")} id="people">
          <dl className="pairs">
            <dt>{t("action.owners")}</dt>
            <dd>{a.owners.length ? a.owners.map((o) => localize(o, locale)).join(", ") : "—"}</dd>
            <dt>{t("action.partners")}</dt>
            <dd>{a.partners.length ? a.partners.map((o) => localize(o, locale)).join(", ") : "—"}</dd>
          </dl>
        </Section>
      )}

      {a.budget.length > 0 && (
        <Section title={t("action.budget")} id="budget">
          <ScrollRegion label={t("action.budget")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.year")}</th>
                  <th scope="col">{t("action.planned")}</th>
                  <th scope="col">{t("action.spent")}</th>
                </tr>
              </thead>
              <tbody>
                {a.budget.map((b) => (
                  <tr key={b.year}>
                    <th scope="row">{formatYear(b.year, locale)}</th>
                    <td className="num">{b.planned === undefined ? "—" : formatKrw(b.planned, locale)}</td>
                    <td className="num">{b.spent === undefined ? "—" : formatKrw(b.spent, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {a.fundingLines.length > 0 && (
            <>
              <p className="muted">
                {t("action.budgetFromLines", { n: formatNumber(a.fundingLines.length, locale) })}
              </p>
              <ScrollRegion label={t("action.fundingLines")}>
                <table data-testid="action-funding-lines">
                  <caption>{t("action.fundingLines")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("common.year")}</th>
                      <th scope="col">{t("action.lineCode")}</th>
                      <th scope="col">{t("action.lineName")}</th>
                      <th scope="col">{t("action.planned")}</th>
                      <th scope="col">{t("action.spent")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.fundingLines.map((l) => (
                      <tr key={`${l.year}-${l.code}`}>
                        <td>{formatYear(l.year, locale)}</td>
                        <td>{l.code}</td>
                        <th scope="row">
                          {localize(l.name, locale)}
                          {l.illustrative ? ` (${t("common.illustrative")})` : ""}
                        </th>
                        <td className="num">{formatKrw(l.amount, locale)}</td>
                        <td className="num">
                          {l.executed === undefined
                            ? "—"
                            : `${formatKrw(l.executed, locale)}${l.provisional ? ` (${t("action.provisional")})` : ""}`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
        </Section>
      )}

      {a.indicators.map((ind) =>
        ind.observed.length === 0 && ind.goals.length === 0 ? (
          // Nothing reported and no goal set: say so rather than draw an empty chart.
          <Section key={ind.id} title={localize(ind.name, locale)} id={`indicator-${ind.id}`}>
            <p className="muted">{t("action.indicatorNoValues", { unit: ind.unit })}</p>
          </Section>
        ) : (
          <ChartFigure
            key={ind.id}
            title={localize(ind.name, locale)}
            summary={
              <p>
                {t("action.indicatorSummary", {
                  unit: ind.unit,
                  observed: ind.observed.length
                    ? formatNumber(ind.observed[ind.observed.length - 1]?.value ?? 0, locale, 1)
                    : "—",
                  goal: ind.goals.length
                    ? formatNumber(ind.goals[ind.goals.length - 1]?.value ?? 0, locale, 1)
                    : "—",
                })}
              </p>
            }
            option={indicatorOption(
              ind.observed,
              ind.goals,
              { observed: t("action.observed"), goal: t("action.goal") },
              locale,
            )}
            height={260}
            table={{
              caption: localize(ind.name, locale),
              columns: [t("common.year"), t("action.observed"), t("action.goal")],
              rows: [...new Set([...ind.observed, ...ind.goals].map((p) => p.year))]
                .sort((x, y) => x - y)
                .map((y) => [
                  formatYear(y, locale),
                  ((v) => (v === undefined ? "—" : formatNumber(v, locale, 1)))(
                    ind.observed.find((p) => p.year === y)?.value,
                  ),
                  ((v) => (v === undefined ? "—" : formatNumber(v, locale, 1)))(
                    ind.goals.find((p) => p.year === y)?.value,
                  ),
                ]),
            }}
          />
        ),
      )}

      {a.indicators.map((ind) => (
        <PlanItemConsultations
          key={`consultations-${ind.id}`}
          slug={slug}
          kind="indicator"
          id={ind.id}
          title={t("action.indicatorConsultations", { indicator: localize(ind.name, locale) })}
          sectionId={`indicator-${ind.id}-consultations`}
        />
      ))}

      {a.impact && (
        <Section title={t("action.impact")} id="impact">
          <ScrollRegion label={t("action.impact")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("common.year")}</th>
                  <th scope="col">{t("action.modelled")}</th>
                  <th scope="col">{t("action.observedImpact")}</th>
                </tr>
              </thead>
              <tbody>
                {a.impact.years.map((y, i) => (
                  <tr key={y}>
                    <th scope="row">{formatYear(y, locale)}</th>
                    <td className="num">{formatTonnes(a.impact?.modelled[i] ?? Number.NaN, locale)}</td>
                    <td className="num">
                      {((v) => (v === null || v === undefined ? "—" : formatTonnes(v, locale)))(
                        a.impact?.observed[i],
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </Section>
      )}

      {a.progress.length > 0 && (
        <Section title={t("action.progress")} id="progress">
          <ol className="timeline">
            {a.progress.map((p) => (
              <li key={`${p.date}-${localize(p.text, locale)}`}>
                <time dateTime={p.date}>{formatDate(p.date, locale)}</time>
                {p.status && (
                  <span className={`pill pill--${p.status}`}>{t(`status.action.${p.status}`)}</span>
                )}
                <p>{localize(p.text, locale)}</p>
              </li>
            ))}
          </ol>
        </Section>
      )}

      <PlanItemConsultations slug={slug} kind="action" id={props.actionId} />

      <Section title={t("line.sources")} id="sources">
        <SourceList sources={a.sources} />
      </Section>
    </>
  );
}

function ModelSection(props: { model: ActionModel }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const m = props.model;
  const ab = m.abatement;
  return (
    <>
      {ab && (
        <ChartFigure
          title={t("action.modelledTitle", { scenario: localize(ab.scenarioName, locale) })}
          summary={
            <p>
              {t("action.modelledSummary", {
                year: formatYear(2030, locale),
                v2030: formatTonnes(ab.values[ab.years.indexOf(2030)] ?? Number.NaN, locale),
                last: formatYear(ab.years[ab.years.length - 1] ?? 2050, locale),
                vLast: formatTonnes(ab.values[ab.values.length - 1] ?? Number.NaN, locale),
              })}
            </p>
          }
          option={abatementOption(ab.years, ab.values, t("action.modelled"), locale)}
          height={280}
          testId="action-abatement"
          table={{
            caption: t("action.modelledTitle", { scenario: localize(ab.scenarioName, locale) }),
            columns: [t("common.year"), t("action.modelled")],
            rows: ab.years.map((y, i) => [
              formatYear(y, locale),
              formatTonnes(ab.values[i] ?? Number.NaN, locale),
            ]),
          }}
        />
      )}
      <Section title={t("action.modelTitle")} id="model">
        <p>
          {t("action.modelType", { type: m.type })}
          {m.illustrative && <span className="badge badge--warn">{t("common.illustrative")}</span>}
        </p>
        <ScrollRegion label={t("action.params")}>
          <table>
            <caption>{t("action.params")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("action.param")}</th>
                <th scope="col">{t("line.value")}</th>
                <th scope="col">{t("line.source")}</th>
              </tr>
            </thead>
            <tbody>
              {m.params.map((p) => (
                <tr key={p.name}>
                  <th scope="row">
                    <code>{p.name}</code>
                  </th>
                  <td className="param-value">{p.value}</td>
                  <td className="param-value">
                    {p.source}
                    {p.illustrative && (
                      <>
                        <span className="badge badge--warn">{t("common.illustrative")}</span> {p.illustrative}
                      </>
                    )}
                    {!p.source && !p.illustrative && "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
    </>
  );
}
