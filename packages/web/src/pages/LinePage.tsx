import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader, Section, SourceList } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { SectorName } from "../components/SectorName.tsx";
import { Status } from "../components/Status.tsx";
import { formatNumber, formatTonnes, formatYear } from "../format.ts";

/** One inventory line: the number, the activity and factors behind it, their sources, and the explanation. */
export default function LinePage(props: { lineId: string }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const line = useResource(slug && `line:${slug}:${props.lineId}`, (s) =>
    q.line(slug as string, props.lineId, s),
  );
  const back = (
    <p>
      <Link href={pathFor(locale, { page: "emissions" })}>{t("line.back")}</Link>
    </p>
  );
  if (line.state !== "ready")
    return (
      <>
        <PageHeader title={t("line.title")} />
        <Status kind={line.state} {...(line.state === "error" ? { error: line.error } : {})} />
        {back}
      </>
    );
  const l = line.data;
  const num = (v: number) => formatNumber(v, locale, Math.abs(v) < 10 ? 4 : 1);
  return (
    <>
      <PageHeader
        title={localize(l.label, locale) || l.id}
        lead={t("line.lead", { year: formatYear(l.year, locale) })}
      />
      {back}
      <dl className="kpis">
        <div className="kpi">
          <dt>{t("common.emissions")}</dt>
          <dd data-testid="line-total">{formatTonnes(l.tco2e, locale, 1)}</dd>
        </div>
        <div className="kpi">
          <dt>{t("common.sector")}</dt>
          <dd>
            <SectorName sector={l.sector ?? "unassigned"} />
          </dd>
        </div>
        <div className="kpi">
          <dt>{t("emissions.gpcSector")}</dt>
          <dd>
            {l.gpcRef ?? l.gpcSector}
            {l.scope !== null && ` · ${t("emissions.scopeN", { n: l.scope })}`}
          </dd>
        </div>
      </dl>
      <Section title={t("line.explanation")} id="explain">
        <ol className="explain">
          {l.explanation.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered and fixed
            <li key={i}>
              {localize(step.text, locale)}
              {step.value !== undefined && (
                <strong>
                  {" = "}
                  {num(step.value)} {step.unit ?? ""}
                </strong>
              )}
            </li>
          ))}
        </ol>
      </Section>
      <Section title={t("line.inputs")} id="inputs">
        <ScrollRegion label={t("line.inputs")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("line.input")}</th>
                <th scope="col">{t("line.value")}</th>
                <th scope="col">{t("line.unit")}</th>
                <th scope="col">{t("line.source")}</th>
              </tr>
            </thead>
            <tbody>
              {l.activity && (
                <tr>
                  <th scope="row">{localize(l.activity.label, locale) || t("line.activity")}</th>
                  <td className="num">{num(l.activity.value)}</td>
                  <td>{l.activity.unit}</td>
                  <td>{l.activity.source ? l.activity.source.title : "—"}</td>
                </tr>
              )}
              {l.factors.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: factors are listed in order
                <tr key={i}>
                  <th scope="row">
                    {localize(f.label, locale) || t("line.factor")}
                    {f.gas && ` (${f.gas})`}
                  </th>
                  <td className="num">{num(f.value)}</td>
                  <td>{f.unit}</td>
                  <td>
                    {f.source ? f.source.title : "—"}
                    {f.year !== undefined && ` (${f.year})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
      <Section title={t("line.sources")} id="sources">
        <SourceList sources={l.sources} />
      </Section>
    </>
  );
}
