/**
 * My work: the reminders the API computes for today (tasks due or late, milestones late, stale actions,
 * indicators missing the year's value, legal deadlines), for the signed-in person's departments (admins:
 * every department), each linking to the form that resolves it. One answer, made for this page
 * (`/reminders/mine`: the caller's departments with their names, without the mails' texts).
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate } from "../format.ts";
import { OverdueAnswers } from "./Answers.tsx";
import { useWs } from "./context.ts";
import { apiErrorOf, myRemindersQuery } from "./staff.ts";

type Item = Schemas["MyReminders"]["departments"][number]["items"][number];

export default function MyWork() {
  const { t } = useTranslation();
  const ws = useWs();
  const reminders = useQuery(myRemindersQuery(ws.tenant));
  const header = <PageHeader title={t("wk.work.title")} lead={t("wk.work.lead")} />;
  if (reminders.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (reminders.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(reminders.error)} />
      </>
    );
  const mine = reminders.data.departments;
  return (
    <div data-ready="work">
      {header}
      <p>{t("wk.work.asOf", { date: formatDate(reminders.data.date, ws.locale) })}</p>
      <OverdueAnswers />
      {mine.length === 0 ? (
        <Status kind="empty" message={t("wk.work.nothing")} />
      ) : (
        mine.map((m) => (
          <Section
            key={m.id}
            id={`dept-${m.id}`}
            title={(m.name && (m.name[ws.locale] ?? m.name.ko)) ?? m.id}
          >
            <ul className="ws-list">
              {m.items.map((item) => (
                <li key={itemKey(item)}>
                  <ReminderLine item={item} />
                </li>
              ))}
            </ul>
          </Section>
        ))
      )}
    </div>
  );
}

function itemKey(i: Item): string {
  switch (i.kind) {
    case "task_due":
    case "task_late":
      return `${i.kind}:${i.action}:${i.task}`;
    case "milestone_late":
      return `${i.kind}:${i.action}:${i.milestone}`;
    case "action_stale":
      return `${i.kind}:${i.action}`;
    case "indicator_missing":
      return `${i.kind}:${i.indicator}:${i.year}`;
    case "legal_deadline":
      return `${i.kind}:${i.plan}:${i.deadline.kind}:${i.deadline.due}`;
  }
}

/** One reminder: what is due, and a link to the form that resolves it. */
function ReminderLine(props: { item: Item }) {
  const { t } = useTranslation();
  const { locale, href: ws } = useWs();
  const i = props.item;
  switch (i.kind) {
    case "task_due":
    case "task_late":
      return (
        <>
          <span className={`badge ${i.kind === "task_late" ? "badge--warn" : ""}`}>
            {t(`wk.work.kind.${i.kind}`)}
          </span>{" "}
          {t(i.kind === "task_due" ? "wk.work.taskDue" : "wk.work.taskLate", {
            task: i.task_name[locale],
            action: i.action_name[locale],
            due: formatDate(i.due, locale),
            days: i.kind === "task_due" ? i.days_left : i.days_late,
          })}{" "}
          <Link href={ws(["actions", i.action], "#tasks")}>{t("wk.work.openTasks")}</Link>
        </>
      );
    case "milestone_late":
      return (
        <>
          <span className="badge badge--warn">{t("wk.work.kind.milestone_late")}</span>{" "}
          {t("wk.work.milestoneLate", {
            milestone: i.milestone_name[locale],
            action: i.action_name[locale],
            target: i.target,
            days: i.days_late,
          })}{" "}
          <Link href={ws(["actions", i.action], "#milestones")}>{t("wk.work.openMilestones")}</Link>
        </>
      );
    case "action_stale":
      return (
        <>
          <span className="badge">{t("wk.work.kind.action_stale")}</span>{" "}
          {i.last_update
            ? t("wk.work.stale", {
                action: i.action_name[locale],
                last: formatDate(i.last_update, locale),
                days: i.days_since ?? 0,
              })
            : t("wk.work.staleNever", { action: i.action_name[locale] })}{" "}
          <Link href={ws(["actions", i.action], "#progress")}>{t("wk.work.openProgress")}</Link>
        </>
      );
    case "indicator_missing":
      return (
        <>
          <span className="badge">{t("wk.work.kind.indicator_missing")}</span>{" "}
          {t("wk.work.missing", { indicator: i.indicator_name[locale], year: i.year })}{" "}
          <Link href={ws(["indicators", i.indicator], `&year=${i.year}`)}>{t("wk.work.openIndicator")}</Link>
        </>
      );
    case "legal_deadline":
      return (
        <>
          <span className="badge badge--warn">{t("wk.work.kind.legal_deadline")}</span>{" "}
          {t("wk.work.deadline", {
            title: i.deadline.title[locale],
            due: formatDate(i.deadline.due, locale),
            days: i.days_left,
            law: i.deadline.law,
          })}{" "}
          <Link href={ws(["agenda"], `#plan-${i.plan}`)}>{t("wk.work.openPlan")}</Link>
        </>
      );
  }
}
