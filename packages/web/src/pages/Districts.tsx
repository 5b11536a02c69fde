import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInventory } from "../api/hooks.ts";
import { useSite } from "../app/context.ts";
import { ChartFigure } from "../charts/ChartFigure.tsx";
import { barsOption } from "../charts/options.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { byDistrict } from "../data/aggregate.ts";
import { formatKt, formatYear } from "../format.ts";
import { type GeoJSON, isGeoJson } from "../map/geojson.ts";

const DistrictMap = lazy(() => import("../map/DistrictMap.tsx"));

/** Reads a GeoJSON FeatureCollection from a file the visitor picks; null with a reason when it is not one. */
async function readGeoJson(file: File): Promise<GeoJSON | null> {
  try {
    const data: unknown = JSON.parse(await file.text());
    return isGeoJson(data) ? data : null;
  } catch {
    return null;
  }
}

export default function Districts() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const inv = useInventory();
  const [local, setLocal] = useState<{ name: string; geojson: GeoJSON | null } | null>(null);

  const years = inv.state === "ready" ? inv.data.years : [];
  const latest = years[years.length - 1];
  const rows = latest ? byDistrict(latest.lines).filter((d) => d.district !== "") : [];
  const values = Object.fromEntries(rows.map((d) => [d.district, d.tco2e]));
  // the server keeps no boundaries yet: a map is drawn from a file the visitor picks
  const geojson = local?.geojson ?? null;

  return (
    <>
      <PageHeader title={t("districts.title")} lead={t("districts.lead")} />
      {inv.state !== "ready" ? (
        <Status
          kind={inv.state}
          {...(inv.state === "error" ? { error: inv.error } : {})}
          message={t("districts.noData")}
        />
      ) : !latest || rows.length === 0 ? (
        <Status kind="empty" message={t("districts.noData")} />
      ) : (
        <ChartFigure
          title={t("districts.emissions", { year: formatYear(latest.year, locale) })}
          summary={<p>{t("districts.summary", { n: rows.length, year: formatYear(latest.year, locale) })}</p>}
          option={barsOption(
            rows.map((d) => ({ label: d.district, value: d.tco2e, colour: "#0b6fa4" })),
            locale,
          )}
          height={Math.max(160, rows.length * 40 + 40)}
          testId="districts-emissions"
          table={{
            caption: t("districts.emissions", { year: formatYear(latest.year, locale) }),
            columns: [t("districts.district"), t("common.emissions")],
            rows: rows.map((d) => [d.district, formatKt(d.tco2e, locale)]),
          }}
        />
      )}
      <Section title={t("districts.map")} id="map">
        {geojson ? (
          <Suspense fallback={<Status kind="loading" />}>
            <DistrictMap geojson={geojson} values={values} />
          </Suspense>
        ) : (
          <p>{t("districts.noBoundaries")}</p>
        )}
        {local && !local.geojson && (
          <p role="alert" className="status status--error">
            {t("districts.badFile", { name: local.name })}
          </p>
        )}
        <div className="field">
          <label htmlFor="boundary-file">{t("districts.previewFile")}</label>
          <input
            id="boundary-file"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={async (e) => {
              const f = e.currentTarget.files?.[0];
              if (f) setLocal({ name: f.name, geojson: await readGeoJson(f) });
            }}
          />
          <p className="muted">{t("districts.previewHint")}</p>
        </div>
      </Section>
    </>
  );
}
