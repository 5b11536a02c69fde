/**
 * The staff workspace's entry (/ko/workspace/..., /en/workspace/...; lazily loaded chunks): sign in in place
 * when nobody is signed in, the forced password change when the password is a one-time one, then the
 * workspace's pages under one navigation. The city is the signed-in person's membership (never "the first
 * tenant"). Server state goes through TanStack Query (staff.ts); writes go through the session guard, which
 * signs in again in place when a session ended and then retries (guard.tsx).
 * `data-ready` on a page marks when it can be used (the e2e measures the time to it).
 */
import { type QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, result } from "../api/client.ts";
import { localize } from "../api/model.ts";
import { tenantFromWire } from "../api/wire.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor, useUrl } from "../app/router.ts";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import type { Locale } from "../format.ts";
import { addAccountTexts } from "../i18n/accounts.ts";
import { addModelTexts } from "../i18n/model.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { addWorkspaceTexts } from "../i18n/workspace.ts";
import { consultationsQuery, moderationQuery } from "../participation/api.ts";
import { writes } from "./access.ts";
import { auditQuery, membersPageQueries } from "./accounts-api.ts";
import { type WorkspaceContext, WsContext } from "./context.ts";
import { useDepartmentNames } from "./department-names.ts";
import { SessionGuard } from "./guard.tsx";
import { prefetchActionIndex, prefetchModel } from "./model-queries.ts";
import { ChangePasswordForm, SignInForm } from "./SignInForm.tsx";
import { type SessionInfo, sessionCalls } from "./session.ts";
import {
  actionQuery,
  actionsQuery,
  apiErrorOf,
  budgetLinesQuery,
  budgetYear,
  datasetsQuery,
  indicatorQuery,
  inventoriesQuery,
  keys,
  myRemindersQuery,
  plansQuery,
  profilesQuery,
  reportsQuery,
  unwrap,
  workspaceQueryClient,
} from "./staff.ts";

/**
 * Each page's chunk, by the first path segment. The entry starts loading the addressed page's chunk while it
 * asks who is signed in, instead of after the answer (one round trip less before the page is ready).
 */
const PAGE_CHUNKS = {
  work: () => import("./MyWork.tsx"),
  agenda: () => import("./AgendaWork.tsx"),
  new: () => import("./AgendaNew.tsx"),
  actions: () => import("./ActionEdit.tsx"),
  indicators: () => import("./IndicatorEdit.tsx"),
  imports: () => import("./Imports.tsx"),
  inventory: () => import("./InventoryWork.tsx"),
  members: () => import("./Members.tsx"),
  audit: () => import("./AuditTrail.tsx"),
  answers: () => import("./Answers.tsx"),
  moderation: () => import("./Moderation.tsx"),
  census: () => import("./Census.tsx"),
  reports: () => import("./Reports.tsx"),
  budget: () => import("./Budget.tsx"),
  model: () => import("./Model.tsx"),
} as const;

const MyWork = lazy(PAGE_CHUNKS.work);
const AgendaWork = lazy(PAGE_CHUNKS.agenda);
const AgendaNew = lazy(PAGE_CHUNKS.new);
const ActionEdit = lazy(PAGE_CHUNKS.actions);
const IndicatorEdit = lazy(PAGE_CHUNKS.indicators);
const Imports = lazy(PAGE_CHUNKS.imports);
const InventoryWork = lazy(PAGE_CHUNKS.inventory);
const Members = lazy(PAGE_CHUNKS.members);
const AuditTrail = lazy(PAGE_CHUNKS.audit);
const Answers = lazy(PAGE_CHUNKS.answers);
const Moderation = lazy(PAGE_CHUNKS.moderation);
const Census = lazy(PAGE_CHUNKS.census);
const Reports = lazy(PAGE_CHUNKS.reports);
const Budget = lazy(PAGE_CHUNKS.budget);
const Model = lazy(PAGE_CHUNKS.model);

/**
 * Starts what the addressed page needs first, while the session is asked for: its chunk, and the data its
 * first view reads (the same queries the page makes, answered into the cache it reads). Public reads start at
 * once; the staff-only ones once the session says someone is signed in (`signedIn`), so that a visitor's
 * page asks nothing it may not read (and no sign-in dialog opens over the sign-in form). Either way they run
 * while the page's chunk loads, instead of after it.
 */
function preloadPage(
  path: readonly string[],
  city: string | null,
  queryClient: QueryClient,
  signedIn: boolean,
  writer: boolean,
): void {
  const [page = "", id = ""] = path;
  if (!signedIn && page in PAGE_CHUNKS)
    void PAGE_CHUNKS[page as keyof typeof PAGE_CHUNKS]().catch(() => undefined);
  if (!city) return;
  const prefetch = (q: Parameters<QueryClient["prefetchQuery"]>[0]) => void queryClient.prefetchQuery(q);
  if (!signedIn) {
    if (page === "model") prefetchModel(queryClient, city, /^\d+$/.test(id) ? Number(id) : undefined);
    if (page === "agenda") [actionsQuery(city), plansQuery(city)].forEach(prefetch);
    if (page === "new") prefetch(plansQuery(city));
    if (page === "actions" && id) {
      prefetch(actionQuery(city, id));
      prefetchActionIndex(queryClient, city);
    }
    if (page === "indicators" && id) [indicatorQuery(city, id), actionsQuery(city)].forEach(prefetch);
    if (page === "reports") [reportsQuery(city), plansQuery(city)].forEach(prefetch);
    if (page === "budget") prefetch(budgetLinesQuery(city, budgetYear(id)));
    return;
  }
  if (page === "work") prefetch(myRemindersQuery(city));
  if (page === "imports") prefetch(profilesQuery(city));
  if (page === "budget" && writer) prefetch(profilesQuery(city));
  if (page === "inventory") [inventoriesQuery(city), datasetsQuery(city)].forEach(prefetch);
  if (page === "members") membersPageQueries(city).forEach(prefetch);
  // the audit trail's first page when the address sets no filter
  if (page === "audit" && !/[?&](entity|entity_id|user|from|to)=/.test(location.search))
    prefetch(auditQuery(city, {}, null));
  if (page === "answers") [consultationsQuery(city), actionsQuery(city)].forEach(prefetch);
  if (page === "moderation") prefetch(moderationQuery(city));
}

/** Pages a mailed link opens: they work without being signed in. */
const LINK_PAGES: Record<string, ReturnType<typeof lazy>> = {
  invitation: lazy(() => import("./LinkPages.tsx").then((m) => ({ default: m.InvitationPage }))),
  confirm: lazy(() => import("./LinkPages.tsx").then((m) => ({ default: m.ConfirmPage }))),
  "reset-password": lazy(() => import("./LinkPages.tsx").then((m) => ({ default: m.ResetPage }))),
};

export default function Workspace(props: { path?: readonly string[] }) {
  const { i18n } = useTranslation();
  addWorkspaceTexts(i18n);
  addAccountTexts(i18n);
  addParticipationTexts(i18n);
  addModelTexts(i18n);
  const LinkPage = LINK_PAGES[props.path?.[0] ?? ""];
  if (LinkPage)
    return (
      <QueryClientProvider client={workspaceQueryClient()}>
        <Suspense fallback={<Status kind="loading" />}>
          <LinkPage />
        </Suspense>
      </QueryClientProvider>
    );
  return (
    <QueryClientProvider client={workspaceQueryClient()}>
      <SessionGuard>
        <Gate path={props.path ?? []} />
      </SessionGuard>
    </QueryClientProvider>
  );
}

/** The workspace's pages, in the navigation's order; `writers` pages are offered to editors and admins. */
const PAGES: readonly { key: string; label: string; writers: boolean; roles?: readonly string[] }[] = [
  { key: "work", label: "wk.nav.work", writers: false },
  { key: "agenda", label: "wk.nav.agenda", writers: true },
  { key: "imports", label: "wk.nav.imports", writers: true },
  { key: "inventory", label: "wk.nav.inventory", writers: false },
  // the implementation report: departments complete their rows, admins move the stages
  { key: "reports", label: "wk.nav.reports", writers: false },
  { key: "budget", label: "wk.nav.budget", writers: false },
  // the pathway model: every staff role reads and previews; the server lets admins and model owners save
  { key: "model", label: "md.nav", writers: false },
  // the tenant's admins (who change them) and auditors (who read them)
  { key: "members", label: "ac.nav.members", writers: false, roles: ["admin", "auditor"] },
  { key: "audit", label: "ac.nav.audit", writers: false, roles: ["admin", "auditor"] },
  // participation: the responsible departments answer, moderators moderate, admins upload the census
  { key: "answers", label: "pt.ws.nav.answers", writers: true },
  { key: "moderation", label: "pt.ws.nav.moderation", writers: false, roles: ["admin", "moderator"] },
  { key: "census", label: "pt.ws.nav.census", writers: false, roles: ["admin"] },
];

/** The workspace page last drawn (its path and city): the tenant's answers are kept for that page only. */
let shown: string | null = null;

function Gate(props: { path: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language === "en" ? "en" : "ko") as Locale;
  const queryClient = useQueryClient();
  const [signedOut, setSignedOut] = useState(false);
  const site = useSite();
  const session = useQuery({
    queryKey: keys.session,
    queryFn: ({ signal }) => unwrap(sessionCalls().session(signal)),
  });
  const addressed = props.path.join("/");
  const addressedCity = site.query.get("city");
  // Staff data is read afresh on each page, as on a load: when the address (its language included) or the
  // city changes inside the app, the tenant's answers kept for the page before (staleTime) are dropped before
  // the new page's queries mount (this render comes first), so a change another person made meanwhile shows
  // as after a load.
  const shownNow = `${useUrl().split("?")[0]} ${addressedCity ?? ""}`;
  if (shown !== null && shown !== shownNow) queryClient.removeQueries({ queryKey: ["t"] });
  shown = shownNow;
  useEffect(
    () => preloadPage(addressed.split("/"), addressedCity, queryClient, false, false),
    [addressed, addressedCity, queryClient],
  );
  const signedInAs = session.data?.user?.id;
  const addressedRole = session.data?.memberships.find((m) => m.tenant === addressedCity)?.role;
  const platformAdmin = Boolean(session.data?.user?.platform_admin);
  useEffect(() => {
    if (signedInAs)
      preloadPage(
        addressed.split("/"),
        addressedCity,
        queryClient,
        true,
        platformAdmin || addressedRole === "admin" || addressedRole === "editor",
      );
  }, [signedInAs, addressedRole, platformAdmin, addressed, addressedCity, queryClient]);
  const reload = () => queryClient.invalidateQueries({ queryKey: keys.session });

  async function signOut() {
    const r = await sessionCalls().signOut();
    if (r.ok) setSignedOut(true);
    queryClient.removeQueries({ queryKey: ["t"] });
    await reload();
  }

  const header = <PageHeader title={t("ws.title")} lead={t("ws.lead")} />;
  if (session.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (session.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(session.error)} />
      </>
    );
  const s: SessionInfo = session.data;
  const user = s.user;
  if (!user || user.must_change_password)
    return (
      <div data-ready="workspace">
        {header}
        {!user ? (
          <>
            {signedOut && (
              <p className="status" role="status">
                {t("ws.signedOut")}
              </p>
            )}
            <SignInForm
              onSignedIn={() => {
                setSignedOut(false);
                void reload();
              }}
            />
          </>
        ) : (
          <ChangePasswordForm forced onChanged={reload} />
        )}
      </div>
    );

  // the city: the one the address names (?city=) among the person's memberships, else their only one; a
  // platform administrator acts as an admin of the city the address names
  const city = site.query.get("city");
  const membership =
    s.memberships.find((m) => m.tenant === city) ??
    (city && user.platform_admin
      ? { tenant: city, role: "admin", departments: [] }
      : !city && s.memberships.length === 1
        ? s.memberships[0]
        : undefined);
  const href = (path: readonly string[], rest = "") =>
    `${pathFor(locale, { page: "workspace", path })}?city=${encodeURIComponent(membership?.tenant ?? "")}${rest}`;
  const ctx: WorkspaceContext | null = membership
    ? { locale, tenant: membership.tenant, membership, session: s, href }
    : null;
  const page = props.path[0] ?? "";
  const nav = ctx && (
    <nav aria-label={t("wk.nav.label")} className="ws-nav">
      <ul>
        <li>
          <Link href={href([])} aria-current={page === "" ? "page" : undefined}>
            {t("wk.nav.me")}
          </Link>
        </li>
        {PAGES.filter(
          (p) => (!p.writers || writes(membership)) && (!p.roles || p.roles.includes(membership?.role ?? "")),
        ).map((p) => (
          <li key={p.key}>
            <Link
              href={href([p.key])}
              aria-current={
                page === p.key || (p.key === "agenda" && ["actions", "indicators", "new"].includes(page))
                  ? "page"
                  : undefined
              }
            >
              {t(p.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );

  let body: ReactNode;
  if (page === "" || !ctx)
    body = (
      <div data-ready="workspace">
        {header}
        <Me session={s} onSignOut={signOut} onChanged={reload} />
        {!ctx && <ChooseCity session={s} />}
      </div>
    );
  else {
    const id = props.path[1] ?? "";
    body =
      page === "work" ? (
        <MyWork />
      ) : page === "agenda" ? (
        <AgendaWork />
      ) : page === "new" && id ? (
        <AgendaNew kind={id} />
      ) : page === "actions" && id ? (
        <ActionEdit actionId={id} />
      ) : page === "indicators" && id ? (
        <IndicatorEdit indicatorId={id} />
      ) : page === "imports" ? (
        <Imports />
      ) : page === "inventory" ? (
        <InventoryWork {...(/^\d+$/.test(id) ? { version: Number(id) } : {})} />
      ) : page === "members" ? (
        <Members />
      ) : page === "audit" ? (
        <AuditTrail />
      ) : page === "answers" ? (
        <Answers />
      ) : page === "moderation" ? (
        <Moderation />
      ) : page === "census" ? (
        <Census />
      ) : page === "reports" ? (
        <Reports path={props.path.slice(1)} />
      ) : page === "model" ? (
        <Model {...(/^\d+$/.test(id) ? { version: Number(id) } : {})} />
      ) : page === "budget" ? (
        <Budget path={props.path.slice(1)} />
      ) : (
        <>
          <PageHeader title={t("ws.title")} />
          <Status kind="empty" message={t("wk.notFound")} />
        </>
      );
  }
  return (
    <WsContext.Provider value={ctx}>
      {nav}
      <Suspense fallback={<Status kind="loading" />}>{body}</Suspense>
    </WsContext.Provider>
  );
}

/** A membership's departments by their register names, in the page's language (decision 0083). */
function MembershipDepartments(props: { tenant: string; ids: readonly string[] }) {
  const { locale } = useSite();
  const named = useDepartmentNames(props.tenant);
  return (
    <>
      {props.ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ", "}
          <LocalText text={named(id, id)} locale={locale} />
        </span>
      ))}
    </>
  );
}

function Me(props: { session: SessionInfo; onSignOut: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const s = props.session;
  const user = s.user;
  if (!user) return null;
  return (
    <>
      <Section title={t("ws.me.title")} id="me">
        <p data-testid="ws-user">{t("ws.me.signedInAs", { name: user.name, email: user.email })}</p>
        {s.memberships.length === 0 ? (
          <p>{user.platform_admin ? t("ws.me.platformAdmin") : t("ws.me.noMembership")}</p>
        ) : (
          <table className="table">
            <caption>{t("ws.me.membershipsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ws.me.city")}</th>
                <th scope="col">{t("ws.me.role")}</th>
                <th scope="col">{t("ws.me.departments")}</th>
              </tr>
            </thead>
            <tbody>
              {s.memberships.map((m) => (
                <tr key={m.tenant}>
                  <td>{m.tenant}</td>
                  <td>{t(`ws.roles.${m.role}`, { defaultValue: m.role })}</td>
                  <td>
                    {m.departments.length > 0 ? (
                      <MembershipDepartments tenant={m.tenant} ids={m.departments} />
                    ) : (
                      t("ws.me.allDepartments")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" className="button" onClick={props.onSignOut}>
          {t("ws.signOut")}
        </button>
      </Section>
      <Section title={t("ws.password.title")} id="password">
        <ChangePasswordForm forced={false} onChanged={props.onChanged} />
      </Section>
    </>
  );
}

/** The cities the person may work in (their memberships; every city for a platform administrator). */
function ChooseCity(props: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language === "en" ? "en" : "ko") as Locale;
  // the public list of cities: every city for a platform administrator, and each city's name (in the page's
  // language) for everyone, so that a link names its city rather than its address's id
  const tenants = useQuery({
    queryKey: ["tenants"],
    queryFn: ({ signal }) => unwrap(result(api.http.GET("/api/tenants", { signal }), signal)),
  });
  const slugs = props.session.user?.platform_admin
    ? (tenants.data?.tenants ?? []).map((x) => x.slug)
    : props.session.memberships.map((m) => m.tenant);
  const nameOf = (slug: string) => {
    const wire = tenants.data?.tenants.find((x) => x.slug === slug);
    return wire ? localize(tenantFromWire(wire).name, locale) || slug : slug;
  };
  if (slugs.length === 0) return null;
  return (
    <Section title={t("wk.city.title")} id="city">
      <ul className="ws-list">
        {slugs.map((slug) => (
          <li key={slug}>
            <Link
              href={`${pathFor(locale, { page: "workspace", path: ["work"] })}?city=${encodeURIComponent(slug)}`}
            >
              {t("wk.city.open", { city: nameOf(slug) })}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
