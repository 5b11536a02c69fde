import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { barsOption } from "../charts/options.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatKt, formatYear } from "../format.ts";

const DistrictMap = lazy(() => import("../map/DistrictMap.tsx"));

export default function Districts() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const districts = useResource(slug && `districts:${slug}`, (s) => q.districts(slug as string, s));
  const bounds = useResource(slug && `boundaries:${slug}`, (s) => q.boundaries(slug as string, s));
  const list = districts.state === "ready" ? districts.data : [];
  const latestYear = Math.max(
    ...list.flatMap((d) => d.emissions.map((e) => e.year)),
    Number.NEGATIVE_INFINITY,
  );
  const latest = list.map((d) => ({
    id: d.id,
    name: localize(d.name, locale),
    tco2e: d.emissions.find((e) => e.year === latestYear)?.tco2e,
  }));

  return (
    <>
      <PageHeader title={t("districts.title")} lead={t("districts.lead")} />
      {districts.state !== "ready" ? (
        <Status
          kind={districts.state}
          {...(districts.state === "error" ? { error: districts.error } : {})}
          message={t("districts.noData")}
        />
      ) : list.length === 0 || !Number.isFinite(latestYear) ? (
        <Status kind="empty" message={t("districts.noData")} />
      ) : (
        <ChartFigure
          title={t("districts.emissions", { year: formatYear(latestYear, locale) })}
          summary={<p>{t("districts.summary", { n: list.length, year: formatYear(latestYear, locale) })}</p>}
          option={barsOption(
            latest
              .filter((d) => d.tco2e !== undefined)
              .map((d) => ({ label: d.name, value: d.tco2e as number, colour: "#0b6fa4" })),
            locale,
          )}
          height={Math.max(160, latest.length * 40 + 40)}
          testId="districts-emissions"
          table={{
            caption: t("districts.emissions", { year: formatYear(latestYear, locale) }),
            columns: [t("districts.district"), t("common.emissions")],
            rows: latest.map((d) => [d.name, d.tco2e === undefined ? "—" : formatKt(d.tco2e, locale)]),
          }}
        />
      )}
      <Section title={t("districts.map")} id="map">
        {bounds.state === "ready" ? (
          <Suspense fallback={<Status kind="loading" />}>
            <DistrictMap
              geojson={bounds.data}
              values={Object.fromEntries(
                latest.filter((d) => d.tco2e !== undefined).map((d) => [d.id, d.tco2e as number]),
              )}
            />
          </Suspense>
        ) : bounds.state === "loading" ? (
          <Status kind="loading" />
        ) : (
          <p>{t("districts.noBoundaries")}</p>
        )}
      </Section>
    </>
  );
}
