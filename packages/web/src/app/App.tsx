import { lazy, Suspense, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { Status } from "../components/Status.tsx";
import { Home } from "../pages/Home.tsx";
import { SiteContext } from "./context.ts";
import { takeTenants } from "./early-start.ts";
import { Layout } from "./Layout.tsx";
import { PageBoundary } from "./PageBoundary.tsx";
import { navigate, parseLocation, pathFor, type Route, useUrl } from "./router.ts";

/** Each page's code (a lazy chunk), by route: App draws it, and the entry starts loading it at once. */
const chunks = {
  emissions: () => import("../pages/Emissions.tsx"),
  line: () => import("../pages/LinePage.tsx"),
  agenda: () => import("../pages/Agenda.tsx"),
  action: () => import("../pages/ActionPage.tsx"),
  explorer: () => import("../pages/Explorer.tsx"),
  districts: () => import("../pages/Districts.tsx"),
  data: () => import("../pages/OpenData.tsx"),
  notFound: () => import("../pages/NotFound.tsx"),
  workspace: () => import("../workspace/Workspace.tsx"),
  consultations: () => import("../participation/Consultations.tsx"),
  consultation: () => import("../participation/ConsultationPage.tsx"),
  account: () => import("../participation/Account.tsx"),
} satisfies Partial<Record<Route["page"], () => Promise<unknown>>>;

/** Starts loading a page's code (the browser loads a module once: the later `lazy` finds it loaded). */
export function preloadPage(page: Route["page"]): void {
  if (page !== "home") void chunks[page]();
}

const Emissions = lazy(chunks.emissions);
const LinePage = lazy(chunks.line);
const Agenda = lazy(chunks.agenda);
const ActionPage = lazy(chunks.action);
const Explorer = lazy(chunks.explorer);
const Districts = lazy(chunks.districts);
const OpenData = lazy(chunks.data);
const NotFound = lazy(chunks.notFound);
const Workspace = lazy(chunks.workspace);
const Consultations = lazy(chunks.consultations);
const ConsultationPage = lazy(chunks.consultation);
const Account = lazy(chunks.account);

function Page(props: { route: Route }) {
  const r = props.route;
  switch (r.page) {
    case "home":
      return <Home />;
    case "emissions":
      return <Emissions />;
    case "line":
      return <LinePage lineId={r.lineId} />;
    case "agenda":
      return <Agenda />;
    case "action":
      return <ActionPage actionId={r.actionId} />;
    case "explorer":
      return <Explorer />;
    case "districts":
      return <Districts />;
    case "data":
      return <OpenData />;
    case "workspace":
      return <Workspace path={r.path ?? []} />;
    case "consultations":
      return <Consultations />;
    case "consultation":
      return <ConsultationPage consultationId={r.consultationId} />;
    case "account":
      return <Account path={r.path ?? []} />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const url = useUrl();
  const [pathname, search = ""] = url.split("?");
  const loc = parseLocation(pathname ?? "/", search);
  const { t, i18n } = useTranslation();
  const tenants = useResource("tenants", (s) => takeTenants() ?? q.tenants(s));
  const tenant = tenants.state === "ready" ? (tenants.data[0] ?? null) : null;

  useEffect(() => {
    if (loc.missingLocale)
      navigate(pathFor("ko", loc.route) + (search ? `?${search}` : ""), { replace: true });
  }, [loc.missingLocale, loc.route, search]);

  useEffect(() => {
    if (i18n.language !== loc.locale) void i18n.changeLanguage(loc.locale);
    document.documentElement.lang = loc.locale;
  }, [loc.locale, i18n]);

  // After a navigation, focus goes to the main region so that keyboard and screen-reader users start there.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main")?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  const site = useMemo(
    () => ({ locale: loc.locale, tenant, query: new URLSearchParams(search) }),
    [loc.locale, tenant, search],
  );
  const cityName = tenant ? localize(tenant.name, loc.locale) : "";
  // the workspace's city is the signed-in person's (or the address's), not the site's first tenant: it starts
  // at once instead of after the tenants' list
  const staff = loc.route.page === "workspace";

  return (
    <SiteContext.Provider value={site}>
      <Layout locale={loc.locale} route={loc.route} cityName={cityName}>
        {!staff && tenants.state === "loading" && <Status kind="loading" />}
        {!staff && tenants.state === "error" && <Status kind="error" error={tenants.error} />}
        {!staff && tenants.state === "ready" && !tenant && (
          <Status kind="empty" message={t("status.noTenant")} />
        )}
        {(tenant || staff) && (
          <PageBoundary key={JSON.stringify(loc.route)}>
            <Suspense fallback={<Status kind="loading" />}>
              <Page route={loc.route} />
            </Suspense>
          </PageBoundary>
        )}
      </Layout>
    </SiteContext.Provider>
  );
}
