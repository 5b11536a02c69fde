/**
 * A consultation (/ko/consultations/{id}): its description, dates, who may take part, status and figures;
 * its proposals (each with its modelled effect when it carries an explorer scenario) and comments (pages of
 * 50 threads, replies two levels deep, sorted newest, most supported or council and experts first, filtered
 * by badge); the forms to propose and comment for those who may. The sort, filter and page are in the
 * address (?sort=&badge=&page=), and so is a scenario brought from the explorer (?propose=1&...).
 */
import {
  BADGE_LABELS,
  BADGES,
  COMMENT_SORTS,
  CONSULTATION_STATUS_LABELS,
} from "@citypath/core/participation/vocabulary";
import { queryOptions, type UseQueryResult, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { navigate, pathFor } from "../app/router.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatNumber, formatShare } from "../format.ts";
import { apiErrorOf, unwrap } from "../workspace/staff.ts";
import {
  type ConsultationDetail,
  type Contribution,
  type PageQuery,
  participationCalls,
  ptKeys,
} from "./api.ts";
import { ConsultationFacts } from "./Consultations.tsx";
import { type Abilities, ContributionItem, type ItemEnv } from "./Item.tsx";
import { itemTexts } from "./item-texts.ts";
import { PostForm } from "./LazyPostForm.tsx";
import { readPageQuery } from "./page-query.ts";
import { readExplorerQuery } from "./share.ts";
import { ParticipationShell, useStanding } from "./shell.tsx";
import { pageCount, type Thread, threads } from "./thread.ts";
import "./participation.css";

export default function ConsultationPage(props: { consultationId: string }) {
  return (
    <ParticipationShell>
      <Page id={props.consultationId} />
    </ParticipationShell>
  );
}

const commentsQuery = (slug: string, id: string, pq: PageQuery) =>
  queryOptions({
    queryKey: ptKeys.comments(slug, id, pq),
    queryFn: ({ signal }) => unwrap(participationCalls().comments(slug, id, pq, signal)),
  });

const proposalsQuery = (slug: string, id: string, pq: PageQuery) =>
  queryOptions({
    queryKey: ptKeys.proposals(slug, id, pq),
    queryFn: ({ signal }) => unwrap(participationCalls().proposals(slug, id, pq, signal)),
  });

function Page(props: { id: string }) {
  const { t } = useTranslation();
  const { locale, query } = useSite();
  const slug = useTenantSlug() ?? "";
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ptKeys.consultation(slug, props.id),
    queryFn: ({ signal }) => unwrap(participationCalls().consultation(slug, props.id, signal)),
    enabled: Boolean(slug),
  });
  const standing = useStanding(slug);
  // the lists do not wait for the consultation: asked for beside it (the sections take them when drawn)
  const listKeys = `${query.get("sort")}|${query.get("badge")}|${query.get("page")}|${query.get("psort")}|${query.get("pbadge")}|${query.get("ppage")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list settings in the address name the lists
  useEffect(() => {
    if (!slug) return;
    void qc.prefetchQuery(commentsQuery(slug, props.id, readPageQuery(query)));
    void qc.prefetchQuery(proposalsQuery(slug, props.id, readPageQuery(query, "p")));
  }, [qc, slug, props.id, listKeys]);
  if (detail.isPending)
    return (
      <>
        <PageHeader title={t("pt.title")} />
        <Status kind="loading" />
      </>
    );
  if (detail.isError)
    return (
      <>
        <PageHeader title={t("pt.title")} />
        <Status kind="error" error={apiErrorOf(detail.error)} />
        <p>
          <Link href={pathFor(locale, { page: "consultations" })}>{t("pt.back")}</Link>
        </p>
      </>
    );
  const { consultation: c } = detail.data;
  const me = standing.me;
  const open = c.shown_status === "open";
  const can: Abilities = {
    signedIn: Boolean(standing.session?.user),
    contribute: open && Boolean(me?.email_verified) && !me?.blocked,
    support: open && Boolean(me?.resident) && !me?.blocked,
  };
  return (
    <div data-ready={standing.loading ? undefined : "consultation"}>
      <PageHeader title={localize(c.title, locale)} lead={localize(c.description, locale)}>
        <p>
          <span className={`badge badge--${c.shown_status}`}>
            {localize(CONSULTATION_STATUS_LABELS[c.shown_status], locale)}
          </span>
          {c.illustrative && <span className="badge badge--warn">{t("common.illustrative")}</span>}
        </p>
      </PageHeader>
      <p>
        <Link href={pathFor(locale, { page: "consultations" })}>{t("pt.back")}</Link>
      </p>
      <ConsultationFacts c={c} withDepartment />
      <Figures detail={detail.data} />
      <StandingNote standing={standing} open={open} />
      <Proposals slug={slug} detail={detail.data} can={can} />
      <Comments slug={slug} detail={detail.data} can={can} />
    </div>
  );
}

function Figures(props: { detail: ConsultationDetail }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const f = props.detail.figures;
  const share = (s: { share: number | null }) =>
    s.share === null ? t("pt.figures.noShare") : formatShare(s.share, locale, 0);
  const rows: Array<[string, string]> = [
    [t("pt.figures.contributions"), formatNumber(f.contributions.total, locale)],
    [t("pt.figures.participants"), formatNumber(f.participants, locale)],
    [t("pt.figures.supports"), formatNumber(f.supports, locale)],
    [t("pt.figures.answered"), share(f.share_answered)],
    [t("pt.figures.accepted"), share(f.share_accepted)],
    [t("pt.figures.overdue"), formatNumber(f.overdue, locale)],
  ];
  return (
    <Section title={t("pt.figures.title")} id="figures">
      <dl className="facts facts--figures" data-testid="figures">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function StandingNote(props: { standing: ReturnType<typeof useStanding>; open: boolean }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const { session, me } = props.standing;
  if (!props.open) return <p className="ws-notice">{t("pt.post.closed")}</p>;
  if (props.standing.loading) return null;
  const here = typeof window === "undefined" ? "" : window.location.pathname + window.location.search;
  const account = `${pathFor(locale, { page: "account" })}?next=${encodeURIComponent(here)}`;
  if (!session?.user)
    return (
      <p className="ws-notice" data-testid="standing">
        {t("pt.signInToTakePart")} <Link href={account}>{t("pt.signInLink")}</Link>
      </p>
    );
  if (!me || (!me.badge && !me.blocked && me.email_verified && me.resident)) return null;
  return (
    <div className="ws-notice" data-testid="standing">
      {me.badge && <p>{t("pt.me.badge", { badge: localize(BADGE_LABELS[me.badge], locale) })}</p>}
      {me.blocked && <p>{t("pt.me.blocked")}</p>}
      {!me.email_verified && <p>{t("pt.me.emailUnverified")}</p>}
      {!me.resident && (
        <p>
          {t("pt.me.notResident")} <Link href={account}>{t("pt.me.verifyLink")}</Link>
        </p>
      )}
    </div>
  );
}

/** The address with some query parameters changed (null removes one); the page stays. */
function withQuery(changes: Record<string, string | null>): string {
  const q = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return `${window.location.pathname}${s ? `?${s}` : ""}`;
}

function ListControls(props: { prefix: "" | "p"; query: PageQuery; idBase: string }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const p = props.prefix;
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor={`${props.idBase}-sort`}>{t("pt.comments.sort")}</label>
        <select
          id={`${props.idBase}-sort`}
          value={props.query.sort}
          onChange={(e) =>
            navigate(withQuery({ [`${p}sort`]: e.currentTarget.value, [`${p}page`]: null }), {
              replace: true,
            })
          }
        >
          {COMMENT_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`pt.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${props.idBase}-badge`}>{t("pt.comments.badge")}</label>
        <select
          id={`${props.idBase}-badge`}
          value={props.query.badge ?? ""}
          onChange={(e) =>
            navigate(withQuery({ [`${p}badge`]: e.currentTarget.value || null, [`${p}page`]: null }), {
              replace: true,
            })
          }
        >
          <option value="">{t("pt.comments.badgeAll")}</option>
          {BADGES.map((b) => (
            <option key={b} value={b}>
              {localize(BADGE_LABELS[b], locale)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function Pager(props: { prefix: "" | "p"; page: number; total: number; size: number; label: string }) {
  const { t } = useTranslation();
  const pages = pageCount(props.total, props.size);
  if (pages <= 1) return null;
  const key = `${props.prefix}page`;
  return (
    <nav className="pager button-row" aria-label={props.label}>
      {props.page > 1 && (
        <Link href={withQuery({ [key]: String(props.page - 1) })}>{t("pt.comments.prev")}</Link>
      )}
      <span>{t("pt.comments.page", { page: props.page, pages })}</span>
      {props.page < pages && (
        <Link href={withQuery({ [key]: String(props.page + 1) })}>{t("pt.comments.next")}</Link>
      )}
    </nav>
  );
}

function ThreadList(props: { env: ItemEnv; nodes: readonly Thread<Contribution>[] }) {
  return (
    <ol className="pt-thread">
      {props.nodes.map((n) => (
        <li key={n.item.id}>
          <ContributionItem env={props.env} item={n.item}>
            {n.replies.length > 0 && <ThreadList env={props.env} nodes={n.replies} />}
          </ContributionItem>
        </li>
      ))}
    </ol>
  );
}

/** A page of contributions as threads (proposals are threads without replies) with its pager. */
function Listing(props: {
  slug: string;
  consultationId: string;
  list: UseQueryResult<{ total: number; page: number; page_size: number; items: Contribution[] }>;
  can: Abilities;
  refresh(): void;
  prefix: "" | "p";
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const { list, slug, consultationId, refresh } = props;
  const { signedIn, contribute, support } = props.can;
  // one value for every item, changed only when what the items show or may do changes (items are memoised)
  const env = useMemo<ItemEnv>(
    () => ({
      t,
      texts: itemTexts(t),
      locale,
      slug,
      consultationId,
      can: { signedIn, contribute, support },
      refresh,
    }),
    [t, locale, slug, consultationId, signedIn, contribute, support, refresh],
  );
  const nodes = useMemo(() => (list.data ? threads(list.data.items) : []), [list.data]);
  if (list.isPending) return <Status kind="loading" />;
  if (list.isError) return <Status kind="error" error={apiErrorOf(list.error)} />;
  if (list.data.items.length === 0) return <Status kind="empty" message={props.empty} />;
  return (
    <div data-testid={props.testId} data-total={list.data.total}>
      <ThreadList env={env} nodes={nodes} />
      <Pager
        prefix={props.prefix}
        page={list.data.page}
        total={list.data.total}
        size={list.data.page_size}
        label={t("pt.comments.pages")}
      />
    </div>
  );
}

function Comments(props: { slug: string; detail: ConsultationDetail; can: Abilities }) {
  const { t } = useTranslation();
  const { query } = useSite();
  const qc = useQueryClient();
  const id = props.detail.consultation.id;
  const pq = readPageQuery(query);
  const list = useQuery(commentsQuery(props.slug, id, pq));
  const refresh = useCallback(
    () => void qc.invalidateQueries({ queryKey: ptKeys.consultation(props.slug, id) }),
    [qc, props.slug, id],
  );
  return (
    <Section title={t("pt.comments.title")} id="comments">
      {props.can.contribute && (
        <PostForm
          id="comment"
          kind="comment"
          heading={t("pt.post.commentTitle")}
          submitLabel={t("pt.post.submit")}
          send={(v) =>
            participationCalls().comment(props.slug, id, { text: v.text, confirm_personal_data: v.confirm })
          }
          onDone={refresh}
        />
      )}
      <ListControls prefix="" query={pq} idBase="comments" />
      <Listing
        slug={props.slug}
        consultationId={id}
        list={list}
        can={props.can}
        refresh={refresh}
        prefix=""
        empty={t("pt.comments.empty")}
        testId="comments"
      />
    </Section>
  );
}

function Proposals(props: { slug: string; detail: ConsultationDetail; can: Abilities }) {
  const { t } = useTranslation();
  const { query, locale } = useSite();
  const qc = useQueryClient();
  const id = props.detail.consultation.id;
  const pq = readPageQuery(query, "p");
  const list = useQuery(proposalsQuery(props.slug, id, pq));
  const refresh = useCallback(
    () => void qc.invalidateQueries({ queryKey: ptKeys.consultation(props.slug, id) }),
    [qc, props.slug, id],
  );
  // a scenario brought from the explorer (?propose=1&instance=...&scenario=...&levels=...)
  const fromExplorer = query.get("propose") === "1";
  const shared = readExplorerQuery(query);
  const instance = query.get("instance");
  const [useScenario, setUseScenario] = useState(fromExplorer && Boolean(shared.scenario && instance));
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (fromExplorer) formRef.current?.scrollIntoView();
  }, [fromExplorer]);
  const scenario =
    useScenario && shared.scenario && instance
      ? { instance, scenario: shared.scenario, levels: shared.levels }
      : undefined;
  const explorer = `${pathFor(locale, { page: "explorer" })}?consultation=${encodeURIComponent(id)}`;
  return (
    <Section title={t("pt.proposals.title")} id="proposals">
      {props.can.contribute && (
        <div ref={formRef}>
          <PostForm
            id="proposal"
            kind="proposal"
            heading={t("pt.post.proposalTitle")}
            submitLabel={t("pt.post.submitProposal")}
            extra={
              <fieldset className="ws-fieldset">
                <legend>{t("pt.post.scenario")}</legend>
                {scenario ? (
                  <>
                    <p data-testid="proposal-scenario">
                      {t("pt.post.scenarioFrom", {
                        scenario: scenario.scenario,
                        count: Object.keys(scenario.levels).length,
                      })}
                    </p>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => setUseScenario(false)}
                    >
                      {t("pt.post.scenarioDrop")}
                    </button>
                  </>
                ) : (
                  <p>
                    {t("pt.post.scenarioHow")} <Link href={explorer}>{t("pt.post.toExplorer")}</Link>
                  </p>
                )}
              </fieldset>
            }
            send={(v) =>
              participationCalls().propose(props.slug, id, {
                title: v.title,
                text: v.text,
                confirm_personal_data: v.confirm,
                ...(scenario ? { scenario } : {}),
              })
            }
            onDone={() => {
              setUseScenario(false);
              if (fromExplorer)
                navigate(
                  withQuery({ propose: null, instance: null, scenario: null, drivers: null, levels: null }),
                  {
                    replace: true,
                  },
                );
              refresh();
            }}
          />
        </div>
      )}
      <ListControls prefix="p" query={pq} idBase="proposals" />
      <Listing
        slug={props.slug}
        consultationId={id}
        list={list}
        can={props.can}
        refresh={refresh}
        prefix="p"
        empty={t("pt.proposals.empty")}
        testId="proposals"
      />
    </Section>
  );
}
