import { useTranslation } from "react-i18next";
import { useInventory, useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { Status } from "../components/Status.tsx";
import { sectorsOf } from "../data/aggregate.ts";
import { toCsv } from "../data/csv.ts";

export default function OpenData() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const slug = useTenantSlug();
  const sets = useResource(slug && `datasets:${slug}`, (s) => q.datasets(slug as string, s));
  return (
    <>
      <PageHeader title={t("data.title")} lead={t("data.lead")} />
      <Section title={t("data.licenceTitle")} id="licence">
        <p>{t("data.licence")}</p>
      </Section>
      <Section title={t("data.tables")} id="tables">
        {sets.state === "ready" ? (
          sets.data.length ? (
            <ScrollRegion label={t("data.tables")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("data.table")}</th>
                    <th scope="col">{t("data.licenceCol")}</th>
                    <th scope="col">{t("data.download")}</th>
                  </tr>
                </thead>
                <tbody>
                  {sets.data.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{localize(d.title, locale)}</th>
                      <td>{d.licence ?? t("data.noLicence")}</td>
                      <td className="downloads">
                        <a
                          href={d.csv}
                          download
                          aria-label={t("data.csvOf", { table: localize(d.title, locale) })}
                        >
                          {t("data.csv")}
                        </a>
                        <a
                          href={d.xlsx}
                          download
                          aria-label={t("data.xlsxOf", { table: localize(d.title, locale) })}
                        >
                          {t("data.xlsx")}
                        </a>
                        {d.json ? (
                          <a
                            href={d.json}
                            download
                            aria-label={t("data.jsonOf", { table: localize(d.title, locale) })}
                          >
                            {t("data.json")}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : (
            <Status kind="empty" message={t("data.none")} />
          )
        ) : (
          <Status
            kind={sets.state}
            {...(sets.state === "error" ? { error: sets.error } : {})}
            message={t("data.none")}
          />
        )}
      </Section>
      <SiteTables />
      <Section title={t("data.apiTitle")} id="api">
        <p>{t("data.api")}</p>
        <p>
          <a href="/api/docs">{t("data.apiDocs")}</a> · <a href="/api/openapi.json">{t("data.openapi")}</a>
        </p>
      </Section>
    </>
  );
}

function download(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The tables this site shows, as CSV files made in the browser from the API's data (same licence). */
function SiteTables() {
  const { t } = useTranslation();
  const inv = useInventory();
  const slug = useTenantSlug();
  const pw = useResource(slug && `pathway:${slug}`, (s) => q.pathway(slug as string, s));
  const tables: Array<{ id: string; title: string; make: () => string }> = [];
  if (inv.state === "ready") {
    const v = inv.data.version;
    tables.push({
      id: `inventory-v${v}-lines`,
      title: t("data.tableLines", { version: v }),
      make: () =>
        toCsv(
          [
            "year",
            "gpc_ref",
            "name_ko",
            "name_en",
            "scope",
            "level",
            "kr_sector",
            "tco2e_location_based",
            "tco2e_market_based",
          ],
          inv.data.years.flatMap((y) =>
            y.lines.map((l) => [
              y.year,
              l.gpcRef,
              localize(l.name, "ko"),
              localize(l.name, "en"),
              l.scope,
              l.level,
              l.sector,
              l.tco2e,
              l.marketTco2e,
            ]),
          ),
        ),
    });
    tables.push({
      id: `inventory-v${v}-sectors`,
      title: t("data.tableSectors", { version: v }),
      make: () =>
        toCsv(
          ["year", "kr_sector", "tco2e_location_based", "tco2e_market_based"],
          inv.data.years.flatMap((y) =>
            sectorsOf(y).map(([s, val]) => [y.year, s, val, y.market.krSectors[s] ?? null]),
          ),
        ),
    });
  }
  if (pw.state === "ready" && pw.data) {
    const p = pw.data;
    tables.push({
      id: "pathways",
      title: t("data.tablePathways"),
      make: () =>
        toCsv(
          [
            "year",
            "bau_tco2e",
            `${p.scenarioId}_tco2e`,
            ...(p.others ?? []).map((o) => `${o.id}_tco2e`),
            ...p.targets.map((x) => `target_${x.id}_tco2e`),
          ],
          p.years.map((y, i) => [
            y,
            p.bau[i] ?? null,
            p.scenario[i] ?? null,
            ...(p.others ?? []).map((o) => o.values[i] ?? null),
            ...p.targets.map((x) => x.values[i] ?? null),
          ]),
        ),
    });
  }
  return (
    <Section title={t("data.siteTables")} id="site-tables">
      <p>{t("data.siteTablesLead")}</p>
      {tables.length === 0 ? (
        <Status kind={inv.state === "loading" ? "loading" : "empty"} message={t("data.none")} />
      ) : (
        <ul className="plain downloads-list">
          {tables.map((x) => (
            <li key={x.id}>
              <button
                type="button"
                className="button"
                onClick={() => download(`${slug}-${x.id}.csv`, x.make())}
              >
                {t("data.downloadCsv", { table: x.title })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t("data.xlsxLater")}</p>
    </Section>
  );
}
