import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../format.ts";
import { Link } from "./Link.tsx";
import { pathFor, type Route, switchLocale } from "./router.ts";

const NAV: Array<{ route: Route; key: string }> = [
  { route: { page: "home" }, key: "nav.home" },
  { route: { page: "emissions" }, key: "nav.emissions" },
  { route: { page: "agenda" }, key: "nav.agenda" },
  { route: { page: "explorer" }, key: "nav.explorer" },
  { route: { page: "districts" }, key: "nav.districts" },
  { route: { page: "consultations" }, key: "nav.consultations" },
  { route: { page: "data" }, key: "nav.data" },
];

function section(route: Route): string {
  if (route.page === "line") return "emissions";
  if (route.page === "action") return "agenda";
  if (route.page === "consultation") return "consultations";
  return route.page;
}

export function Layout(props: { locale: Locale; route: Route; cityName: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { locale, route } = props;
  const other: Locale = locale === "ko" ? "en" : "ko";
  const here = typeof window === "undefined" ? "/" : window.location.pathname;
  const search = typeof window === "undefined" ? "" : window.location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skip")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="brand" href={pathFor(locale, { page: "home" })}>
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t("layout.brand")}</span>
            {props.cityName && <span className="brand__city">{props.cityName}</span>}
          </Link>
          <nav aria-label={t("layout.navLabel")}>
            <ul className="nav">
              {NAV.map((n) => (
                <li key={n.key}>
                  <Link
                    href={pathFor(locale, n.route)}
                    aria-current={section(route) === n.route.page ? "page" : undefined}
                  >
                    {t(n.key)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Link
            className="sign-in-link"
            href={pathFor(locale, { page: "workspace" })}
            aria-current={route.page === "workspace" ? "page" : undefined}
          >
            {t("layout.signIn")}
          </Link>
          <Link
            className="lang-switch"
            href={switchLocale(here, search, other)}
            hrefLang={other}
            lang={other}
          >
            {t("layout.otherLanguage")}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
        <p>
          <a href="/api/docs">{t("layout.apiDocs")}</a>
        </p>
      </footer>
    </>
  );
}
