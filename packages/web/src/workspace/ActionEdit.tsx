/**
 * One action in the workspace: its status change (with reason and source), a dated progress update, and its
 * fields (names, description, dates, phase, tasks, milestones), each a form of its own. Offered to the
 * editors of the action's departments and to admins; anyone else sees why not. A save that meets a newer
 * version (409) opens the conflict view: what changed since the form was opened, field by field, beside
 * what this officer typed, and a button that re-applies their edits on the current version.
 */
import { localIn } from "@citypath/core/vocabulary/local";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { type UseFormReturn, useFieldArray, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { result, type Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate, formatKrw, formatNumber, formatYear } from "../format.ts";
import { mayChange } from "./access.ts";
import { changesSince, reapply } from "./conflict.ts";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import {
  type ActionForm,
  actionForm,
  type ProgressForm,
  progressForm,
  provenanceForm,
  provenanceOf,
  type StatusForm,
  statusForm,
} from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { actionIndexQuery, instancesQuery } from "./model-queries.ts";
import { Provenance } from "./Provenance.tsx";
import { failureText, newId } from "./saving.ts";
import { staffClient } from "./session.ts";
import { ApiFailure, actionQuery, apiErrorOf, keys, unwrap } from "./staff.ts";

type Answer = Schemas["ActionAnswer"];
type ActionDoc = Answer["action"];
const STATUSES = AGENDA_STATUSES;
const PHASES = [
  "planning",
  "design",
  "procurement",
  "construction",
  "operation",
  "evaluation",
  "closed",
] as const;

export default function ActionEdit(props: { actionId: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery(actionQuery(ws.tenant, props.actionId));
  // after the page's own saves the forms move to the new version; a version from elsewhere is a conflict
  const own = useRef(new Set<number>());
  useEffect(() => {
    if (!q.data || !window.location.hash) return;
    const el = document.getElementById(window.location.hash.slice(1));
    el?.scrollIntoView();
  }, [q.data]);
  if (q.isPending)
    return (
      <>
        <PageHeader title={t("wk.action.title")} />
        <Status kind="loading" />
      </>
    );
  if (q.isError)
    return (
      <>
        <PageHeader title={t("wk.action.title")} />
        <Status kind="error" error={apiErrorOf(q.error)} />
      </>
    );
  const a = q.data;
  const editable = mayChange(ws.membership, a.departments_named);
  const owners = a.departments_named.map((d) => (d.name ? localIn(d.name, ws.locale) : d.id)).join(", ");
  return (
    <div data-ready="action">
      <PageHeader title={a.action.name[ws.locale]} lead={t("wk.action.lead", { owners, version: a.version })}>
        <p>
          <Link href={pathFor(ws.locale, { page: "action", actionId: a.action.id })}>
            {t("wk.action.public")}
          </Link>
          {" · "}
          <span>
            {t("wk.action.current", {
              status: t(`status.action.${a.action.status}`),
              updated: formatDate(a.updated_at.slice(0, 10), ws.locale),
            })}
          </span>
        </p>
      </PageHeader>
      {!editable ? (
        <p className="ws-notice ws-notice--warn" role="status" data-testid="read-only">
          {t("wk.action.readOnly", { owners })}
        </p>
      ) : (
        <>
          <Section title={t("wk.status.title")} id="status">
            <StatusChange answer={a} own={own.current} />
          </Section>
          <Section title={t("wk.progress.title")} id="progress">
            <ProgressPost answer={a} own={own.current} />
          </Section>
          <Section title={t("wk.action.fieldsTitle")} id="fields">
            <ActionFields answer={a} own={own.current} />
          </Section>
        </>
      )}
      <Section title={t("wk.action.indicators")} id="indicators">
        <ul className="ws-list">
          {a.indicators.map((i) => (
            <li key={i.id}>
              <Link href={ws.href(["indicators", i.id])}>{i.name[ws.locale]}</Link>
            </li>
          ))}
        </ul>
      </Section>
      <Funding answer={a} />
      <Section title={t("wk.progress.history")} id="history">
        {a.action.progress.length === 0 ? (
          <p>{t("wk.progress.none")}</p>
        ) : (
          <ul className="ws-list" data-testid="progress-list">
            {[...a.action.progress]
              .sort((x, y) => (x.date < y.date ? 1 : -1))
              .map((p) => (
                <li key={p.id}>
                  {formatDate(p.date, ws.locale)}: {p.text[ws.locale]}
                  {p.completion_pct !== undefined && ` (${p.completion_pct}%)`}
                </li>
              ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/**
 * The base version a form saves against: the version it was opened on, moved forward after the page's own
 * saves (a status change must not make the fields form conflict with itself).
 */
function useBase(answer: Answer, own: Set<number>) {
  const [base, setBase] = useState({ version: answer.version, doc: answer.action });
  useEffect(() => {
    if (answer.version !== base.version && own.has(answer.version))
      setBase({ version: answer.version, doc: answer.action });
  }, [answer, base.version, own]);
  return [base, setBase] as const;
}

function useSaved(own: Set<number>, tenant: string, id: string) {
  const queryClient = useQueryClient();
  return async (saved: { version: number }) => {
    own.add(saved.version);
    await queryClient.invalidateQueries({ queryKey: keys.action(tenant, id) });
    void queryClient.invalidateQueries({ queryKey: keys.reminders(tenant) });
    void queryClient.invalidateQueries({ queryKey: keys.actions(tenant) });
  };
}

/** Reads the action as it is now (after a 409). */
function useFetchCurrent(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.fetchQuery({ ...actionQuery(tenant, id), staleTime: 0 });
}

// ------------------------------------------------------------------------------------------ status change

function StatusChange(props: { answer: Answer; own: Set<number> }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const [base, setBase] = useBase(props.answer, props.own);
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState<Answer | null>(null);
  const [done, setDone] = useState(false);
  const saved = useSaved(props.own, ws.tenant, props.answer.action.id);
  const current = useFetchCurrent(ws.tenant, props.answer.action.id);
  const form = useForm<StatusForm>({
    resolver: zodResolver(statusForm),
    defaultValues: {
      status: props.answer.action.status,
      date: new Date().toISOString().slice(0, 10),
      reason_ko: "",
      reason_en: "",
      prov: "source",
      source: "",
      note: "",
    },
  });
  const prov = useWatch({ control: form.control, name: "prov" });
  const send = useMutation({
    mutationFn: (v: StatusForm & { base_version: number }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/actions/{action}/status", {
              params: { path: { tenant: ws.tenant, action: props.answer.action.id } },
              body: {
                base_version: v.base_version,
                status: v.status as (typeof STATUSES)[number],
                date: v.date,
                reason: { ko: v.reason_ko.trim(), en: v.reason_en.trim() },
                ...provenanceOf(v),
              },
            }),
          ),
        ),
      ),
  });
  async function submit(v: StatusForm, version = base.version) {
    setGeneral(null);
    setDone(false);
    try {
      const r = await send.mutateAsync({ ...v, base_version: version });
      setStale(null);
      setBase({ version: r.version, doc: r.action as ActionDoc });
      await saved(r);
      form.reset({ ...v, reason_ko: "", reason_en: "" });
      setDone(true);
    } catch (e) {
      const err = apiErrorOf(e);
      if (err.status === 409) setStale(await current());
      else setGeneral(failureText(t, err));
    }
  }
  return (
    <form
      className="ws-form ws-form--wide"
      noValidate
      onSubmit={form.handleSubmit((v) => submit(v))}
      aria-labelledby="status-h"
    >
      <FormErrors form={form} id="sf" general={general} />
      {done && (
        <p className="status" role="status">
          {t("wk.status.saved")}
        </p>
      )}
      {stale && (
        <StaleNotice
          opened={base.doc}
          current={stale}
          onReapply={() => {
            setBase({ version: stale.version, doc: stale.action });
            void form.handleSubmit((v) => submit(v, stale.version))();
          }}
        />
      )}
      <SelectField
        form={form}
        id="sf"
        name="status"
        label={t("wk.status.status")}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.action.${s}`) }))}
      />
      <TextField
        form={form}
        id="sf"
        name="date"
        label={t("wk.status.date")}
        hint={t("wk.hint.partialDate")}
      />
      <TextArea form={form} id="sf" name="reason_ko" label={t("wk.status.reasonKo")} lang="ko" />
      <TextArea form={form} id="sf" name="reason_en" label={t("wk.status.reasonEn")} lang="en" />
      <Provenance form={form} id="sf" prov={prov} sources={props.answer.sources} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={send.isPending}>
          {send.isPending ? t("ws.busy") : t("wk.status.submit")}
        </button>
      </div>
    </form>
  );
}

/**
 * A status change or progress update met a newer version: what changed in the action since the form was
 * opened (its status, its progress updates, its fields), and the button that sends this officer's entry
 * again on the current version (an entry adds to the record; nothing of the other save is lost).
 */
function StaleNotice(props: { opened: ActionDoc; current: Answer; onReapply: () => void }) {
  const { t } = useTranslation();
  const ws = useWs();
  const before = props.opened;
  const now = props.current.action;
  const added = now.progress.filter((p) => !before.progress.some((b) => b.id === p.id));
  const fields = changesSince(toForm(before), toForm(now), toForm(before)).map((c) => c.field);
  return (
    <div className="ws-notice ws-notice--warn" role="alert" data-testid="conflict">
      <h3>{t("wk.conflict.title")}</h3>
      <p>{t("wk.conflict.staleLead", { version: props.current.version })}</p>
      <ul>
        {before.status !== now.status && (
          <li>
            {t("wk.conflict.statusChanged", {
              from: t(`status.action.${before.status}`),
              to: t(`status.action.${now.status}`),
            })}
          </li>
        )}
        {added.map((p) => (
          <li key={p.id}>{t("wk.conflict.progressAdded", { date: p.date, text: p.text[ws.locale] })}</li>
        ))}
        {fields.map((f) => (
          <li key={f}>{t("wk.conflict.fieldChanged", { field: t(`wk.action.f.${f}`) })}</li>
        ))}
      </ul>
      <button type="button" className="button button--primary" onClick={props.onReapply}>
        {t("wk.conflict.sendAgain")}
      </button>
    </div>
  );
}

// ------------------------------------------------------------------------------------------ progress update

function ProgressPost(props: { answer: Answer; own: Set<number> }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const [base, setBase] = useBase(props.answer, props.own);
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState<Answer | null>(null);
  const [done, setDone] = useState(false);
  const saved = useSaved(props.own, ws.tenant, props.answer.action.id);
  const current = useFetchCurrent(ws.tenant, props.answer.action.id);
  const form = useForm<ProgressForm>({
    resolver: zodResolver(progressForm),
    defaultValues: {
      date: new Date().toISOString().slice(0, 10),
      text_ko: "",
      text_en: "",
      completion: "",
      link: "",
    },
  });
  // one id per entry, kept across retries, so that a retry after a lost answer cannot add it twice
  const entryId = useRef<string | null>(null);
  const send = useMutation({
    mutationFn: (v: ProgressForm & { base_version: number; id: string }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/progress", {
              params: { path: { tenant: ws.tenant } },
              body: {
                action: props.answer.action.id,
                base_version: v.base_version,
                update: {
                  id: v.id,
                  date: v.date,
                  text: { ko: v.text_ko.trim(), en: v.text_en.trim() },
                  ...(v.completion.trim() ? { completion_pct: Number(v.completion) } : {}),
                  evidence: v.link ? [{ kind: "link" as const, url: v.link }] : [],
                },
              },
            }),
          ),
        ),
      ),
  });
  async function submit(v: ProgressForm, version = base.version) {
    setGeneral(null);
    setDone(false);
    entryId.current ??= newId("p", v.date);
    try {
      const r = await send.mutateAsync({ ...v, base_version: version, id: entryId.current });
      entryId.current = null;
      setStale(null);
      setBase({ version: r.version, doc: r.action as ActionDoc });
      await saved(r);
      form.reset({ date: v.date, text_ko: "", text_en: "", completion: "", link: "" });
      setDone(true);
    } catch (e) {
      const err = apiErrorOf(e);
      if (err.status === 409) setStale(await current());
      else setGeneral(failureText(t, err));
    }
  }
  return (
    <form
      className="ws-form ws-form--wide"
      noValidate
      onSubmit={form.handleSubmit((v) => submit(v))}
      aria-labelledby="progress-h"
    >
      <FormErrors form={form} id="pf" general={general} />
      {done && (
        <p className="status" role="status">
          {t("wk.progress.saved")}
        </p>
      )}
      {stale && (
        <StaleNotice
          opened={base.doc}
          current={stale}
          onReapply={() => {
            setBase({ version: stale.version, doc: stale.action });
            void form.handleSubmit((v) => submit(v, stale.version))();
          }}
        />
      )}
      <TextField form={form} id="pf" name="date" label={t("wk.progress.date")} hint={t("wk.hint.date")} />
      <TextArea form={form} id="pf" name="text_ko" label={t("wk.progress.textKo")} lang="ko" />
      <TextArea form={form} id="pf" name="text_en" label={t("wk.progress.textEn")} lang="en" />
      <TextField
        form={form}
        id="pf"
        name="completion"
        label={t("wk.progress.completion")}
        hint={t("wk.progress.completionHint")}
        inputMode="decimal"
      />
      <TextField form={form} id="pf" name="link" label={t("wk.progress.link")} type="url" />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={send.isPending}>
          {send.isPending ? t("ws.busy") : t("wk.progress.submit")}
        </button>
      </div>
    </form>
  );
}

// ------------------------------------------------------------------------------------------ fields

/** The form's values of a stored action. */
export function toForm(a: ActionDoc): ActionForm {
  return {
    name_ko: a.name.ko,
    name_en: a.name.en,
    description_ko: a.description.ko,
    description_en: a.description.en,
    start: a.start ?? "",
    end: a.end ?? "",
    phase: a.phase ?? "",
    tasks: a.tasks.map((x) => ({
      id: x.id,
      name_ko: x.name.ko,
      name_en: x.name.en,
      due: x.due ?? "",
      done_on: x.done_on ?? "",
    })),
    milestones: a.milestones.map((m) => ({
      id: m.id,
      name_ko: m.name.ko,
      name_en: m.name.en,
      target: m.target ?? "",
      reached_on: m.reached_on ?? "",
      ...provenanceForm(m),
    })),
    link: a.model_link ? linkValue(a.model_link) : "",
    link_indicator: a.model_link?.indicator ?? "",
    link_parameter: a.model_link?.parameter ?? "",
  };
}

type ModelLink = NonNullable<ActionDoc["model_link"]>;
/** A model action as the link's select holds it: its scenario, its id in the scenario and its model. */
const linkValue = (l: Pick<ModelLink, "scenario" | "scenario_action" | "model">) =>
  `${l.scenario} ${l.scenario_action} ${l.model}`;

/** The action's model link from the form's (none when no model action is chosen). */
function linkOf(a: ActionDoc, v: ActionForm): ModelLink | undefined {
  if (!v.link) return undefined;
  const [scenario = "", scenario_action = "", model = ""] = v.link.split(" ");
  const old = a.model_link;
  // the note explains the old link; it stays only while the link names the same model action and parameter
  const same =
    old &&
    linkValue(old) === v.link &&
    old.parameter === v.link_parameter &&
    old.indicator === v.link_indicator;
  return {
    scenario,
    scenario_action,
    model,
    indicator: v.link_indicator,
    parameter: v.link_parameter,
    ...(same && old.note ? { note: old.note } : {}),
  };
}

/** The stored action with the form's values put in (everything the form does not hold is kept). */
export function fromForm(a: ActionDoc, v: ActionForm): ActionDoc {
  const opt = <K extends string>(k: K, s: string) => (s.trim() ? { [k]: s.trim() } : {});
  const { start: _s, end: _e, phase: _p, model_link: _l, ...rest } = a;
  const link = linkOf(a, v);
  return {
    ...rest,
    ...(link ? { model_link: link } : {}),
    name: { ko: v.name_ko.trim(), en: v.name_en.trim() },
    description: { ko: v.description_ko.trim(), en: v.description_en.trim() },
    ...opt("start", v.start),
    ...opt("end", v.end),
    ...(v.phase ? { phase: v.phase } : {}),
    tasks: v.tasks.map((x) => {
      const { due: _d, done_on: _o, ...kept } = a.tasks.find((o) => o.id === x.id) ?? { id: x.id };
      return {
        ...kept,
        id: x.id,
        name: { ko: x.name_ko.trim(), en: x.name_en.trim() },
        ...opt("due", x.due),
        ...opt("done_on", x.done_on),
      };
    }),
    milestones: v.milestones.map((m) => {
      const old = a.milestones.find((o) => o.id === m.id);
      const {
        target: _t,
        reached_on: _r,
        source: _src,
        illustrative: _i,
        note: _n,
        ...kept
      } = old ?? { id: m.id };
      return {
        ...kept,
        id: m.id,
        name: { ko: m.name_ko.trim(), en: m.name_en.trim() },
        ...opt("target", m.target),
        ...opt("reached_on", m.reached_on),
        ...provenanceOf(m),
      };
    }),
  } as ActionDoc;
}

function ActionFields(props: { answer: Answer; own: Set<number> }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const [base, setBase] = useBase(props.answer, props.own);
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Answer | null>(null);
  const [done, setDone] = useState(false);
  const saved = useSaved(props.own, ws.tenant, props.answer.action.id);
  const current = useFetchCurrent(ws.tenant, props.answer.action.id);
  const form = useForm<ActionForm>({ resolver: zodResolver(actionForm), defaultValues: toForm(base.doc) });
  const tasks = useFieldArray({ control: form.control, name: "tasks" });
  const milestones = useFieldArray({ control: form.control, name: "milestones" });
  const provs = useWatch({ control: form.control, name: "milestones" });
  const send = useMutation({
    mutationFn: (v: { doc: ActionDoc; base_version: number }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.PUT("/api/tenants/{tenant}/actions/{action}", {
              params: { path: { tenant: ws.tenant, action: props.answer.action.id } },
              body: { base_version: v.base_version, action: v.doc },
            }),
          ),
        ),
      ),
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setDone(false);
    try {
      const r = await send.mutateAsync({ doc: fromForm(base.doc, v), base_version: base.version });
      setConflict(null);
      setBase({ version: r.version, doc: r.action as ActionDoc });
      await saved(r);
      form.reset(toForm(r.action as ActionDoc));
      setDone(true);
    } catch (e) {
      const err = e instanceof ApiFailure ? e.error : apiErrorOf(e);
      if (err.status === 409) setConflict(await current());
      else setGeneral(failureText(t, err));
    }
  });
  function reapplyMine() {
    if (!conflict) return;
    const merged = reapply(toForm(base.doc), toForm(conflict.action), form.getValues());
    setBase({ version: conflict.version, doc: conflict.action });
    // the current version becomes what the form compares with; the merged values are then dirty where they
    // differ from it (keepDefaultValues: the reset above set the defaults)
    form.reset(toForm(conflict.action));
    form.reset(merged, { keepDefaultValues: true });
    setConflict(null);
    setGeneral(null);
    setDone(false);
    document.getElementById("af-name_ko")?.focus();
  }
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-labelledby="fields-h">
      <FormErrors form={form} id="af" general={general} />
      {done && (
        <p className="status" role="status">
          {t("wk.action.saved")}
        </p>
      )}
      {conflict && (
        <ConflictView opened={base.doc} current={conflict} mine={form.getValues()} onReapply={reapplyMine} />
      )}
      <TextField form={form} id="af" name="name_ko" label={t("wk.action.f.name_ko")} />
      <TextField form={form} id="af" name="name_en" label={t("wk.action.f.name_en")} />
      <TextArea form={form} id="af" name="description_ko" label={t("wk.action.f.description_ko")} lang="ko" />
      <TextArea form={form} id="af" name="description_en" label={t("wk.action.f.description_en")} lang="en" />
      <TextField
        form={form}
        id="af"
        name="start"
        label={t("wk.action.f.start")}
        hint={t("wk.hint.partialDate")}
      />
      <TextField
        form={form}
        id="af"
        name="end"
        label={t("wk.action.f.end")}
        hint={t("wk.hint.partialDate")}
      />
      <SelectField
        form={form}
        id="af"
        name="phase"
        label={t("wk.action.f.phase")}
        options={[
          { value: "", label: t("wk.action.noPhase") },
          ...PHASES.map((p) => ({ value: p, label: t(`wk.phase.${p}`) })),
        ]}
      />
      <fieldset className="ws-fieldset" id="tasks">
        <legend>{t("wk.action.f.tasks")}</legend>
        {tasks.fields.map((f, i) => (
          <fieldset key={f.id} className="ws-fieldset">
            <legend>{t("wk.task.legend", { n: i + 1 })}</legend>
            <TextField form={form} id="af" name={`tasks.${i}.id`} label={t("wk.task.id")} />
            <TextField form={form} id="af" name={`tasks.${i}.name_ko`} label={t("wk.task.nameKo")} />
            <TextField form={form} id="af" name={`tasks.${i}.name_en`} label={t("wk.task.nameEn")} />
            <TextField
              form={form}
              id="af"
              name={`tasks.${i}.due`}
              label={t("wk.task.due")}
              hint={t("wk.hint.date")}
            />
            <TextField
              form={form}
              id="af"
              name={`tasks.${i}.done_on`}
              label={t("wk.task.doneOn")}
              hint={t("wk.hint.date")}
            />
            <button type="button" className="button button--danger" onClick={() => tasks.remove(i)}>
              {t("wk.task.remove", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            tasks.append({
              id: newId("task", new Date().toISOString().slice(0, 10)),
              name_ko: "",
              name_en: "",
              due: "",
              done_on: "",
            })
          }
        >
          {t("wk.task.add")}
        </button>
      </fieldset>
      <fieldset className="ws-fieldset" id="milestones">
        <legend>{t("wk.action.f.milestones")}</legend>
        {milestones.fields.map((f, i) => (
          <fieldset key={f.id} className="ws-fieldset">
            <legend>{t("wk.milestone.legend", { n: i + 1 })}</legend>
            <TextField form={form} id="af" name={`milestones.${i}.id`} label={t("wk.milestone.id")} />
            <TextField
              form={form}
              id="af"
              name={`milestones.${i}.name_ko`}
              label={t("wk.milestone.nameKo")}
            />
            <TextField
              form={form}
              id="af"
              name={`milestones.${i}.name_en`}
              label={t("wk.milestone.nameEn")}
            />
            <TextField
              form={form}
              id="af"
              name={`milestones.${i}.target`}
              label={t("wk.milestone.target")}
              hint={t("wk.hint.partialDate")}
            />
            <TextField
              form={form}
              id="af"
              name={`milestones.${i}.reached_on`}
              label={t("wk.milestone.reachedOn")}
              hint={t("wk.hint.partialDate")}
            />
            <Provenance
              form={form}
              id="af"
              prefix={`milestones.${i}.`}
              prov={provs?.[i]?.prov ?? "source"}
              sources={props.answer.sources}
            />
            <button type="button" className="button button--danger" onClick={() => milestones.remove(i)}>
              {t("wk.milestone.remove", { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            milestones.append({
              id: newId("milestone", new Date().toISOString().slice(0, 10)),
              name_ko: "",
              name_en: "",
              target: "",
              reached_on: "",
              prov: "source",
              source: "",
              note: "",
            })
          }
        >
          {t("wk.milestone.add")}
        </button>
      </fieldset>
      <ModelLinkFields form={form} answer={props.answer} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={send.isPending}>
          {send.isPending ? t("ws.busy") : t("wk.action.submit")}
        </button>
      </div>
    </form>
  );
}

/** A value of the action form as a reader sees it (lists by their rows' names and dates). */
function shown(v: unknown, locale: "ko" | "en"): string {
  if (Array.isArray(v))
    return v
      .map((r: Record<string, string>) =>
        [r[`name_${locale}`], r.due || r.target, r.done_on || r.reached_on].filter(Boolean).join(" · "),
      )
      .join("; ");
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * The conflict view of the fields form: every field another save changed since the form was opened, and
 * every field this officer changed, with the three values side by side; re-applying puts this officer's
 * changes on the current version (the other save's changes to other fields are kept) for them to check and
 * save.
 */
function ConflictView(props: {
  opened: ActionDoc;
  current: Answer;
  mine: ActionForm;
  onReapply: () => void;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const rows = changesSince(toForm(props.opened), toForm(props.current.action), props.mine);
  return (
    <div className="ws-notice ws-notice--warn" role="alert" data-testid="conflict">
      <h3>{t("wk.conflict.title")}</h3>
      <p>
        {t("wk.conflict.lead", {
          version: props.current.version,
          date: props.current.updated_at.slice(0, 16).replace("T", " "),
        })}
      </p>
      <ScrollRegion label={t("wk.conflict.caption")}>
        <table className="table">
          <caption>{t("wk.conflict.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("wk.conflict.field")}</th>
              <th scope="col">{t("wk.conflict.opened")}</th>
              <th scope="col">{t("wk.conflict.now")}</th>
              <th scope="col">{t("wk.conflict.mine")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} data-field={r.field}>
                <th scope="row">
                  {t(`wk.action.f.${r.field}`)}
                  {r.clash && <span className="badge badge--warn">{t("wk.conflict.clash")}</span>}
                </th>
                <td>{shown(r.opened, ws.locale)}</td>
                <td>{r.changedByOthers ? shown(r.current, ws.locale) : t("wk.conflict.unchanged")}</td>
                <td>{r.changedByMe ? shown(r.mine, ws.locale) : t("wk.conflict.unchanged")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>{t("wk.conflict.how")}</p>
      <button type="button" className="button button--primary" onClick={props.onReapply}>
        {t("wk.conflict.reapply")}
      </button>
    </div>
  );
}

/**
 * The model action the agenda action is modelled by (or none): the scenarios' actions of the tenant's pathway
 * instance as it is now, the indicator whose observed values stand for one of its parameters, and that
 * parameter. The server checks a new or changed link against the instance's current version.
 */
function ModelLinkFields(props: { form: UseFormReturn<ActionForm>; answer: Answer }) {
  const { t } = useTranslation();
  const ws = useWs();
  const list = useQuery(instancesQuery(ws.tenant));
  const id = list.data?.instances[0]?.id;
  // the instance's actions as a list (a few KB), not its document
  const index = useQuery({ ...actionIndexQuery(ws.tenant, id ?? ""), enabled: Boolean(id) });
  const link = useWatch({ control: props.form.control, name: "link" });
  const current = props.answer.action.model_link;
  const modelActions = new Map((index.data?.actions ?? []).map((x) => [x.id, x] as const));
  const offered = (index.data?.scenarios ?? []).flatMap((sc) =>
    sc.actions.flatMap((action) => {
      const m = modelActions.get(action);
      return m
        ? [
            {
              value: linkValue({ scenario: sc.id, scenario_action: m.id, model: m.type }),
              label: `${sc.name[ws.locale]}: ${m.name[ws.locale]}`,
            },
          ]
        : [];
    }),
  );
  // the stored link stays offered while the instance loads, or when the instance no longer holds it
  const stored = current && linkValue(current);
  const options = [
    { value: "", label: t("wk.link.none") },
    ...(stored && !offered.some((o) => o.value === stored)
      ? [{ value: stored, label: `${current.scenario}: ${current.scenario_action}` }]
      : []),
    ...offered,
  ];
  const chosen = modelActions.get(link.split(" ")[1] ?? "");
  const params = chosen ? chosen.parameters : current && link === stored ? [current.parameter] : [];
  return (
    <fieldset className="ws-fieldset" id="model-link">
      <legend>{t("wk.action.f.link")}</legend>
      <p className="muted">{t("wk.link.lead")}</p>
      {list.isError && <Status kind="error" error={apiErrorOf(list.error)} />}
      {index.isError && <Status kind="error" error={apiErrorOf(index.error)} />}
      <SelectField form={props.form} id="af" name="link" label={t("wk.link.action")} options={options} />
      {link !== "" && (
        <>
          <SelectField
            form={props.form}
            id="af"
            name="link_indicator"
            label={t("wk.action.f.link_indicator")}
            options={[
              { value: "", label: t("wk.link.choose") },
              ...props.answer.indicators.map((i) => ({ value: i.id, label: i.name[ws.locale] })),
            ]}
          />
          <SelectField
            form={props.form}
            id="af"
            name="link_parameter"
            label={t("wk.action.f.link_parameter")}
            options={[
              { value: "", label: t("wk.link.choose") },
              ...params.map((p) => ({ value: p, label: p })),
            ]}
          />
        </>
      )}
    </fieldset>
  );
}

/**
 * The budget lines that fund the action (read here; they are edited on the budget page): the sum by year,
 * executed beside it, and each line linking to its form there.
 */
function Funding(props: { answer: Answer }) {
  const { t } = useTranslation();
  const ws = useWs();
  const f = props.answer.budget.funded_by;
  return (
    <Section title={t("wk.funding.title")} id="funding">
      {f.lines.length === 0 ? (
        <p>{t("wk.funding.none")}</p>
      ) : (
        <>
          <ScrollRegion label={t("wk.funding.byYear")}>
            <table className="table" data-testid="funding-years">
              <caption>{t("wk.funding.byYear")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("wk.funding.year")}</th>
                  <th scope="col">{t("wk.funding.lines")}</th>
                  <th scope="col">{t("wk.funding.amount")}</th>
                  <th scope="col">{t("wk.funding.executed")}</th>
                </tr>
              </thead>
              <tbody>
                {f.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{formatYear(y.year, ws.locale)}</th>
                    <td className="num">{formatNumber(y.lines, ws.locale)}</td>
                    <td className="num">
                      {formatKrw(y.amount_krw, ws.locale)}
                      {y.illustrative ? ` (${t("wk.funding.illustrative")})` : ""}
                    </td>
                    <td className="num">
                      {y.executed_krw === null
                        ? "—"
                        : `${formatKrw(y.executed_krw, ws.locale)}${y.provisional ? ` (${t("wk.funding.provisional")})` : ""}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <ul className="ws-list" data-testid="funding-lines">
            {f.lines.map((l) => (
              <li key={`${l.year}-${l.code}`}>
                <Link href={ws.href(["budget", String(l.year), l.code])}>
                  {formatYear(l.year, ws.locale)} {l.code} {l.name[ws.locale] ?? l.name.ko}
                </Link>
                : {formatKrw(l.amount_krw, ws.locale)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href={ws.href(["budget", String(f.years.at(-1)?.year ?? new Date().getFullYear())])}>
          {t("wk.funding.edit")}
        </Link>
      </p>
    </Section>
  );
}
