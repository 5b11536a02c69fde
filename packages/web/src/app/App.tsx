import { type ComponentType, createElement, Suspense, use, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { localize } from "../api/model.ts";
import { q } from "../api/queries.ts";
import { useResource } from "../api/useResource.ts";
import { Status } from "../components/Status.tsx";
import { loadLocale } from "../i18n/index.ts";
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

/**
 * A page's code as a component that suspends only while its chunk loads. Once loaded it draws at once, with
 * no Suspense fallback shown first: React holds the reveal of a boundary for 300 ms after its fallback was
 * shown (its fallback throttle), and a page opened by its address would otherwise wait that long, idle, after
 * its code and answers had arrived (docs/web.md, "The comment page's time"; decision 0093).
 */
interface PageChunk<P> {
  /** Starts loading (once); settles when loaded. */
  start: () => Promise<void>;
  loaded?: ComponentType<P>;
}

function chunk<P>(load: () => Promise<{ default: ComponentType<P> }>): PageChunk<P> {
  let loading: Promise<void> | undefined;
  const c: PageChunk<P> = {
    start: () => {
      loading ??= load().then((m) => {
        c.loaded = m.default;
      });
      return loading;
    },
  };
  return c;
}

function PageCode<P extends object>(props: { chunk: PageChunk<P>; props: P }) {
  const c = props.chunk;
  if (!c.loaded) use(c.start());
  return c.loaded ? createElement(c.loaded, props.props) : null;
}

const codes = {
  emissions: chunk(chunks.emissions),
  line: chunk(chunks.line),
  agenda: chunk(chunks.agenda),
  action: chunk(chunks.action),
  explorer: chunk(chunks.explorer),
  districts: chunk(chunks.districts),
  data: chunk(chunks.data),
  notFound: chunk(chunks.notFound),
  workspace: chunk(chunks.workspace),
  consultations: chunk(chunks.consultations),
  consultation: chunk(chunks.consultation),
  account: chunk(chunks.account),
};

/**
 * Starts loading a page's code; the promise settles when it has loaded (or failed: the page's boundary then
 * shows the error when it is drawn). The entry waits for it before the first render, so the page is drawn
 * without a fallback; the chunk is fetched meanwhile beside the entry's (index.html preloads it).
 */
export function preloadPage(page: Route["page"]): Promise<void> {
  if (page === "home") return Promise.resolve();
  return codes[page].start().catch(() => undefined);
}

function Page(props: { route: Route }) {
  const r = props.route;
  switch (r.page) {
    case "home":
      return <Home />;
    case "emissions":
      return <PageCode chunk={codes.emissions} props={{}} />;
    case "line":
      return <PageCode chunk={codes.line} props={{ lineId: r.lineId }} />;
    case "agenda":
      return <PageCode chunk={codes.agenda} props={{}} />;
    case "action":
      return <PageCode chunk={codes.action} props={{ actionId: r.actionId }} />;
    case "explorer":
      return <PageCode chunk={codes.explorer} props={{}} />;
    case "districts":
      return <PageCode chunk={codes.districts} props={{}} />;
    case "data":
      return <PageCode chunk={codes.data} props={{}} />;
    case "workspace":
      return <PageCode chunk={codes.workspace} props={{ path: r.path ?? [] }} />;
    case "consultations":
      return <PageCode chunk={codes.consultations} props={{}} />;
    case "consultation":
      return <PageCode chunk={codes.consultation} props={{ consultationId: r.consultationId }} />;
    case "account":
      return <PageCode chunk={codes.account} props={{ path: r.path ?? [] }} />;
    default:
      return <PageCode chunk={codes.notFound} props={{}} />;
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

  // the other language's texts are loaded first when the address switches language (i18n/index.ts); the
  // page's language attribute changes with its texts, and a switch back meanwhile wins
  const wantedLocale = useRef(loc.locale);
  useEffect(() => {
    wantedLocale.current = loc.locale;
    const apply = () => {
      if (wantedLocale.current === loc.locale) document.documentElement.lang = loc.locale;
    };
    if (i18n.language === loc.locale) return apply();
    void loadLocale(i18n, loc.locale)
      .then(() => (wantedLocale.current === loc.locale ? i18n.changeLanguage(loc.locale) : undefined))
      .then(apply);
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
