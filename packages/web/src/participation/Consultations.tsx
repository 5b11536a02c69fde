/**
 * The consultations page (/ko/consultations): open ones first (closing soonest first), then past ones
 * (closed or answered, newest first); each with its dates, audience, status and number of contributions.
 * Drafts are never listed to the public (the server leaves them out).
 */
import {
  AUDIENCE_LABELS,
  CONSULTATION_STATUS_LABELS,
  SUBJECT_KIND_LABELS,
} from "@citypath/core/participation/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatInstant, formatNumber } from "../format.ts";
import { apiErrorOf, unwrap } from "../workspace/staff.ts";
import { type Consultation, participationCalls, ptKeys } from "./api.ts";
import { useAgendaNames } from "./names.ts";
import { ParticipationShell } from "./shell.tsx";
import "./participation.css";

/** Open consultations (closing soonest first) and past ones (newest close first); drafts left out. */
export function splitConsultations(all: readonly Consultation[]): {
  open: Consultation[];
  past: Consultation[];
} {
  const open = all
    .filter((c) => c.shown_status === "open")
    .sort((a, b) => Date.parse(a.closes_at) - Date.parse(b.closes_at));
  const past = all
    .filter((c) => c.shown_status === "closed" || c.shown_status === "answered")
    .sort((a, b) => Date.parse(b.closes_at) - Date.parse(a.closes_at));
  return { open, past };
}

export default function ConsultationsPage() {
  return (
    <ParticipationShell>
      <List />
    </ParticipationShell>
  );
}

function List() {
  const { t } = useTranslation();
  const slug = useTenantSlug();
  const list = useQuery({
    queryKey: ptKeys.consultations(slug ?? ""),
    queryFn: ({ signal }) => unwrap(participationCalls().consultations(slug ?? "", signal)),
    enabled: Boolean(slug),
  });
  const header = <PageHeader title={t("pt.title")} lead={t("pt.lead")} />;
  if (list.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (list.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(list.error)} />
      </>
    );
  const { open, past } = splitConsultations(list.data.consultations);
  return (
    <div data-ready="consultations">
      {header}
      <Section title={t("pt.open")} id="open">
        {open.length ? <Cards items={open} /> : <Status kind="empty" message={t("pt.noneOpen")} />}
      </Section>
      <Section title={t("pt.past")} id="past">
        {past.length ? <Cards items={past} /> : <Status kind="empty" message={t("pt.nonePast")} />}
      </Section>
    </div>
  );
}

/**
 * The consultations as cards. When the address carries a scenario from the explorer (?propose=1&...), each
 * open consultation's link takes it along to the proposal form.
 */
/** A consultation's dates, plan item (an action links to its page), audience and, if asked, department. */
export function ConsultationFacts(props: { c: Consultation; withDepartment?: boolean }) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const names = useAgendaNames();
  const { c } = props;
  const actionName = c.subject.kind === "action" ? names?.actions.get(c.subject.id) : undefined;
  const department = names?.departments.get(c.department);
  return (
    <dl className="facts">
      <dt>{t("pt.period")}</dt>
      <dd>
        {t("pt.periodValue", {
          opens: formatInstant(c.opens_at, locale),
          closes: formatInstant(c.closes_at, locale),
        })}
      </dd>
      <dt>{t("pt.subject")}</dt>
      <dd>
        {localize(SUBJECT_KIND_LABELS[c.subject.kind], locale)} ·{" "}
        {c.subject.kind === "action" ? (
          <Link href={pathFor(locale, { page: "action", actionId: c.subject.id })}>
            {actionName ? localize(actionName, locale) : c.subject.id}
          </Link>
        ) : (
          c.subject.id
        )}
      </dd>
      <dt>{t("pt.audience")}</dt>
      <dd>{localize(AUDIENCE_LABELS[c.audience], locale)}</dd>
      {props.withDepartment && (
        <>
          <dt>{t("pt.department")}</dt>
          <dd>{department ? localize(department, locale) : c.department}</dd>
        </>
      )}
    </dl>
  );
}

export function Cards(props: { items: readonly Consultation[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const { locale, query } = useSite();
  const carry = query.get("propose") === "1" ? `?${query}` : "";
  const H = props.headingLevel === 4 ? "h4" : "h3";
  return (
    <ul className="cards consultations">
      {props.items.map((c) => (
        <li key={c.id} className="card">
          <H className="card__title">
            <Link
              href={`${pathFor(locale, { page: "consultation", consultationId: c.id })}${c.shown_status === "open" ? carry : ""}`}
            >
              {localize(c.title, locale)}
            </Link>
          </H>
          <p>
            <span className={`badge badge--${c.shown_status}`}>
              {localize(CONSULTATION_STATUS_LABELS[c.shown_status], locale)}
            </span>{" "}
            {c.illustrative && <span className="badge badge--warn">{t("common.illustrative")}</span>}
          </p>
          <ConsultationFacts c={c} />
          <p className="muted">{t("pt.contributionsCount", { n: formatNumber(c.contributions, locale) })}</p>
        </li>
      ))}
    </ul>
  );
}
