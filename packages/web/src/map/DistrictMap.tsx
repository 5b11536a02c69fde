import "maplibre-gl/dist/maplibre-gl.css";
import { Map as MapLibre, setWorkerUrl } from "maplibre-gl";
// maplibre-gl's worker is a separate, self-contained module; Vite emits it as an asset beside this chunk.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSite } from "../app/context.ts";
import { DataTable } from "../charts/ChartFigure.tsx";
import { formatKt } from "../format.ts";
import { bbox, type GeoJSON } from "./geojson.ts";

/**
 * District boundaries drawn by maplibre-gl with no basemap and no online tiles: only the city's own GeoJSON,
 * shaded by emissions. The table below carries the same numbers for keyboard and screen-reader users.
 */
export default function DistrictMap(props: { geojson: GeoJSON; values: Record<string, number> }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const el = useRef<HTMLElement>(null);
  const id = useId();
  const max = Math.max(1, ...Object.values(props.values));
  const min = Math.min(0, ...Object.values(props.values));
  const features = props.geojson.features.map((f, i) => {
    const id = String(f.properties?.id ?? f.properties?.name ?? i);
    const name = String(f.properties?.name ?? id);
    const value = props.values[name] ?? props.values[id];
    return {
      ...f,
      properties: { ...(f.properties ?? {}), id, name, value: value ?? 0, hasValue: value !== undefined },
    };
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn once per data set (features derive from it)
  useEffect(() => {
    if (!el.current) return;
    setWorkerUrl(workerUrl);
    const box = bbox(props.geojson);
    const map = new MapLibre({
      container: el.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: "bg", type: "background", paint: { "background-color": "#f4f6f7" } }],
      },
      ...(box ? { bounds: box, fitBoundsOptions: { padding: 24 } } : {}),
      attributionControl: false,
      interactive: true,
    });
    map.on("load", () => {
      map.addSource("districts", { type: "geojson", data: { type: "FeatureCollection", features } });
      map.addLayer({
        id: "fill",
        type: "fill",
        source: "districts",
        paint: {
          "fill-color": [
            "case",
            ["!", ["get", "hasValue"]],
            "#d9dee1",
            ["interpolate", ["linear"], ["get", "value"], min, "#dcebf5", max, "#0b4f75"],
          ],
          "fill-opacity": 0.9,
        },
      });
      map.addLayer({
        id: "line",
        type: "line",
        source: "districts",
        paint: { "line-color": "#1d2a33", "line-width": 1.5 },
      });
      // Ready once the polygons are drawn, not merely when the (empty) style has loaded.
      map.once("idle", () => {
        const drawn = new Set(map.queryRenderedFeatures({ layers: ["fill"] }).map((f) => f.properties?.id));
        el.current?.setAttribute("data-drawn-areas", String(drawn.size));
        el.current?.setAttribute("data-map-ready", "true");
      });
    });
    return () => map.remove();
  }, [props.geojson, max]);

  return (
    <figure className="figure">
      <section ref={el} className="map" aria-labelledby={`${id}-cap`} data-testid="district-map" />
      <figcaption id={`${id}-cap`}>{t("districts.mapCaption", { n: features.length })}</figcaption>
      <DataTable
        caption={t("districts.mapTable")}
        columns={[t("districts.district"), t("common.emissions")]}
        rows={features.map((f) => [
          String(f.properties.name ?? f.properties.id),
          f.properties.hasValue ? formatKt(f.properties.value, locale) : "—",
        ])}
      />
    </figure>
  );
}
