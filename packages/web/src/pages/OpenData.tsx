import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { useSite } from "../app/context.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { Status } from "../components/Status.tsx";

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
                      <td>{d.licence}</td>
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
      <Section title={t("data.apiTitle")} id="api">
        <p>{t("data.api")}</p>
        <p>
          <a href="/api/docs">{t("data.apiDocs")}</a> · <a href="/api/openapi.json">{t("data.openapi")}</a>
        </p>
      </Section>
    </>
  );
}
