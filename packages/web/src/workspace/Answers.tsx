/**
 * The responsible department's answer queue (/ko/workspace/answers): the consultations of the person's
 * departments (admins: all), and for the chosen one its proposals and top-level comments with their answer
 * state and due date, overdue ones first. An answer has a state, a text in Korean (English optional) and,
 * where it changed the plan, links to the agenda changes (an action's new status, a new action, a changed
 * target). Saving mails the author (the server does); a change by someone else meanwhile is a conflict,
 * shown as such with the answer reloaded.
 */
import {
  ANSWER_STATE_LABELS,
  ANSWER_STATES,
  type AnswerState,
} from "@citypath/core/participation/vocabulary";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatInstant, formatNumber } from "../format.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { type Contribution, consultationsQuery, participationCalls, ptKeys } from "../participation/api.ts";
import { ReasonList } from "../participation/Reasons.tsx";
import { refusalReasons } from "../participation/text-check.ts";
import { type Membership, mayChange } from "./access.ts";
import { useWs } from "./context.ts";
import { FormErrors, fieldId, SelectField, TextArea, TextField } from "./fields.tsx";
import { localOf } from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { actionsQuery, apiErrorOf, unwrap } from "./staff.ts";

/**
 * Whether the membership answers for a department (admins: every one; editors: their own, named in the
 * membership by id or by Korean name, as the server's rule reads it).
 */
export function answersFor(m: Membership, department: string): boolean {
  return mayChange(m, [{ id: department, name: null }]);
}

/** What needs an answer, overdue first, then by due date. */
export function answerQueue(items: readonly Contribution[]): Contribution[] {
  return items
    .filter((c) => (c.kind === "proposal" || c.depth === 0) && c.moderation !== "deleted")
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.due_at) - Date.parse(b.due_at));
}

/** The consultations the signed-in person answers for (their departments'; admins: all). */
function useMyConsultations() {
  const ws = useWs();
  const list = useQuery(consultationsQuery(ws.tenant));
  // the actions, for the links an answer makes; a membership names its departments by register id
  const actions = useQuery(actionsQuery(ws.tenant));
  const mine = (list.data?.consultations ?? []).filter((c) => answersFor(ws.membership, c.department));
  return { list, actions, mine };
}

/**
 * For My work: the consultations of the person's departments with answers overdue (the consultation's
 * figures count them), each linking to the answer queue. Nothing when none is overdue.
 */
export function OverdueAnswers() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const { mine } = useMyConsultations();
  const details = useQueries({
    queries: mine.map((c) => ({
      queryKey: ptKeys.consultation(ws.tenant, c.id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(participationCalls().consultation(ws.tenant, c.id, signal)),
    })),
  });
  const overdue = details.flatMap((d) => (d.data && d.data.figures.overdue > 0 ? [d.data] : []));
  if (overdue.length === 0) return null;
  return (
    <Section title={t("pt.ws.answers.overdueTitle")} id="answers-overdue">
      <ul className="ws-list" data-testid="answers-overdue">
        {overdue.map((d) => (
          <li key={d.consultation.id}>
            <span className="badge badge--warn">{t("pt.ws.answers.overdue")}</span>{" "}
            {t("pt.ws.answers.overdueLine", {
              n: formatNumber(d.figures.overdue, ws.locale),
              consultation: localize(d.consultation.title, ws.locale),
            })}{" "}
            <Link href={ws.href(["answers"], `&consultation=${encodeURIComponent(d.consultation.id)}`)}>
              {t("pt.ws.answers.open")}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export default function Answers() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const { list, actions, mine } = useMyConsultations();
  const site = useSite();
  const [chosen, setChosen] = useState<string | null>(() => site.query.get("consultation"));
  const header = <PageHeader title={t("pt.ws.answers.title")} lead={t("pt.ws.answers.lead")} />;
  if (list.isPending || actions.isPending)
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
  const current = mine.find((c) => c.id === chosen) ?? mine[0];
  return (
    <div data-ready="answers">
      {header}
      {!current ? (
        <Status kind="empty" message={t("pt.ws.answers.none")} />
      ) : (
        <>
          <div className="field">
            <label htmlFor="answers-consultation">{t("pt.ws.answers.consultation")}</label>
            <select
              id="answers-consultation"
              value={current.id}
              onChange={(e) => setChosen(e.currentTarget.value)}
            >
              {mine.map((c) => (
                <option key={c.id} value={c.id}>
                  {localize(c.title, ws.locale)}
                </option>
              ))}
            </select>
          </div>
          <Queue key={current.id} consultation={current.id} />
        </>
      )}
    </div>
  );
}

function Queue(props: { consultation: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const calls = participationCalls();
  const q = { sort: "newest" as const, page: 1 };
  const proposals = useQuery({
    queryKey: ptKeys.proposals(ws.tenant, props.consultation, q),
    queryFn: ({ signal }) => unwrap(calls.proposals(ws.tenant, props.consultation, q, signal)),
  });
  const comments = useQuery({
    queryKey: ptKeys.comments(ws.tenant, props.consultation, q),
    queryFn: ({ signal }) => unwrap(calls.comments(ws.tenant, props.consultation, q, signal)),
  });
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (proposals.isPending || comments.isPending) return <Status kind="loading" />;
  if (proposals.isError || comments.isError)
    return <Status kind="error" error={apiErrorOf(proposals.error ?? comments.error)} />;
  const items = answerQueue([...proposals.data.items, ...comments.data.items]);
  if (items.length === 0) return <Status kind="empty" message={t("pt.ws.answers.empty")} />;
  const current = items.find((c) => c.id === open);
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="answer-queue">
          <caption>{t("pt.ws.answers.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pt.ws.answers.kind")}</th>
              <th scope="col">{t("pt.ws.answers.text")}</th>
              <th scope="col">{t("pt.ws.answers.state")}</th>
              <th scope="col">{t("pt.ws.answers.due")}</th>
              <th scope="col">{t("pt.ws.answers.answer")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-contribution={c.id}>
                <td>{t(`pt.ws.answers.kinds.${c.kind}`)}</td>
                <td>{c.title ?? (c.text ?? "").slice(0, 120)}</td>
                <td>{localize(ANSWER_STATE_LABELS[c.answer?.state ?? "not_answered"], ws.locale)}</td>
                <td>
                  {formatInstant(c.due_at, ws.locale)}
                  {c.overdue && <span className="badge badge--warn">{t("pt.ws.answers.overdue")}</span>}
                </td>
                <td>
                  <button type="button" className="button button--secondary" onClick={() => setOpen(c.id)}>
                    {t("pt.ws.answers.answer")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {saved && (
        <p className="ws-notice" role="status">
          {t("pt.ws.answers.saved")}
        </p>
      )}
      {current && (
        <AnswerForm
          key={`${current.id}-${current.answer?.version ?? 0}`}
          item={current}
          onSaved={() => setSaved(current.id)}
          onDone={() => setOpen(null)}
        />
      )}
    </>
  );
}

interface AnswerValues {
  state: AnswerState;
  ko: string;
  en: string;
  links: Array<{
    kind: "action_status" | "new_action" | "target";
    id: string;
    note: string;
    note_en: string;
  }>;
}

function AnswerForm(props: { item: Contribution; onSaved(): void; onDone(): void }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const qc = useQueryClient();
  const a = props.item.answer;
  const [error, setError] = useState<ApiError | null>(null);
  const form = useForm<AnswerValues>({
    defaultValues: {
      state: a?.state && a.state !== "not_answered" ? a.state : "evaluating",
      ko: a?.text.ko ?? "",
      en: a?.text.en ?? "",
      links: (a?.links ?? []).map((l) => ({
        kind: l.kind,
        id: l.id,
        note: l.note?.ko ?? "",
        note_en: l.note?.en ?? "",
      })),
    },
  });
  const links = useFieldArray({ control: form.control, name: "links" });
  const id = "answer";
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    if (!v.ko.trim()) {
      form.setError("ko", { type: "required", message: t("pt.ws.answers.textMissing") });
      return;
    }
    // a note is written in Korean first; English alone would leave the Korean page without it
    const orphan = v.links.findIndex((l) => l.id.trim() && l.note_en.trim() && !l.note.trim());
    if (orphan >= 0) {
      form.setError(`links.${orphan}.note`, {
        type: "required",
        message: t("pt.ws.answers.linkNoteMissing"),
      });
      return;
    }
    const r = await guarded(() =>
      participationCalls().answer(ws.tenant, props.item.id, {
        base_version: a?.version ?? 0,
        state: v.state,
        text: { ko: v.ko.trim(), ...(v.en.trim() ? { en: v.en.trim() } : {}) },
        links: v.links
          .filter((l) => l.id.trim())
          .map((l) => ({
            kind: l.kind,
            id: l.id.trim(),
            ...(l.note.trim() ? { note: localOf(l.note, l.note_en) } : {}),
          })),
      }),
    );
    if (r.ok) props.onSaved();
    else setError(r.error);
    // the saved answer (or, after a conflict, the one someone else saved) is read again
    await qc.invalidateQueries({ queryKey: ptKeys.consultation(ws.tenant, props.item.consultation) });
  });
  return (
    <Section
      title={t("pt.ws.answers.answerTitle", { title: props.item.title ?? props.item.author.name ?? "" })}
      id="answer-form"
    >
      <p className="pt-item__text">{props.item.text}</p>
      <form className="ws-form ws-form--wide" onSubmit={submit} noValidate aria-labelledby="answer-form-h">
        <FormErrors form={form} id={id} />
        {error && (
          <div className="error-summary" role="alert">
            {error.status === 409 ? (
              <p>{t("pt.ws.answers.conflict")}</p>
            ) : (
              <ReasonList reasons={refusalReasons(error)} />
            )}
          </div>
        )}
        <SelectField
          form={form}
          id={id}
          name="state"
          label={t("pt.ws.answers.state")}
          options={ANSWER_STATES.map((s) => ({
            value: s,
            label: localize(ANSWER_STATE_LABELS[s], ws.locale),
          }))}
        />
        <TextArea form={form} id={id} name="ko" rows={4} label={t("pt.ws.answers.textKo")} />
        <TextArea form={form} id={id} name="en" rows={3} label={t("pt.ws.answers.textEn")} />
        <fieldset className="ws-fieldset">
          <legend>{t("pt.ws.answers.links")}</legend>
          {links.fields.map((f, i) => (
            <div key={f.id} className="ws-grid">
              <SelectField
                form={form}
                id={id}
                name={`links.${i}.kind`}
                label={t("pt.ws.answers.linkKind")}
                options={(["action_status", "new_action", "target"] as const).map((k) => ({
                  value: k,
                  label: t(`pt.answer.linkKinds.${k}`),
                }))}
              />
              <TextField form={form} id={id} name={`links.${i}.id`} label={t("pt.ws.answers.linkId")} />
              <TextField form={form} id={id} name={`links.${i}.note`} label={t("pt.ws.answers.linkNote")} />
              <TextField
                form={form}
                id={id}
                name={`links.${i}.note_en`}
                label={t("pt.ws.answers.linkNoteEn")}
              />
              <button type="button" className="button button--secondary" onClick={() => links.remove(i)}>
                {t("pt.ws.answers.removeLink")}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              links.append({ kind: "action_status", id: "", note: "", note_en: "" });
              setTimeout(
                () => document.getElementById(fieldId(id, `links.${links.fields.length}.kind`))?.focus(),
                0,
              );
            }}
          >
            {t("pt.ws.answers.addLink")}
          </button>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t("ws.busy") : t("pt.ws.answers.save")}
          </button>
          <button type="button" className="button button--secondary" onClick={props.onDone}>
            {t("pt.act.cancel")}
          </button>
        </div>
      </form>
    </Section>
  );
}
