/**
 * The Model pages (everyone on the staff reads and previews; the tenant's admins and the editors of the
 * departments its setting `model_owners` names save, which the server checks): the city's model instance,
 * an action's numeric parameters in a form generated from its type's metadata in the core's action library
 * (unit, range, default and its source; each value with its source or the reason it is illustrative), the
 * levels of a scenario's actions, a preview of the pathway against the saved version computed in a worker
 * by the explorer's engine code, and the save as a new version with a note (a 409 re-applies the changes
 * on the version saved meanwhile). The versions are listed; an older one is viewed against the current one
 * and can be restored as a new version.
 */

import { STEP_LABELS_KO } from "@citypath/core/actions/library/labels-ko";
import { localIn } from "@citypath/core/vocabulary/local";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { Fragment, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { type UseFormReturn, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { result } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { AsWritten } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { formatInstant, formatNumber, formatTonnes, type Locale } from "../format.ts";
import { addModelTexts } from "../i18n/model.ts";
import type { Membership } from "./access.ts";
import { useWs } from "./context.ts";
import { useDepartmentNames } from "./department-names.ts";
import { FormErrors, fieldId, TextArea, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { PreviewChart } from "./ModelPreviewChart.tsx";
import {
  type ActionDoc,
  actionsOf,
  type Change,
  changes,
  type Doc,
  type ParamEdit,
  paramEdit,
  paramFields,
  reapply,
  scenariosOf,
  typeLabel,
  withLevel,
  withParams,
  withRangeNote,
} from "./model-doc.ts";
import type { ModelFromWorker, ModelToWorker } from "./model-protocol.ts";
import { instanceQuery, instancesQuery, modelKeys, ownersQuery, versionsQuery } from "./model-queries.ts";
import { PageState } from "./page-state.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";

const PREVIEW_YEARS = [2030, 2035, 2040, 2045, 2050];

/** Whether the membership may save the model: an admin, or an editor of a model owner department. */
export function mayEditModel(m: Membership, owners: readonly string[]): boolean {
  if (m.role === "admin") return true;
  return m.role === "editor" && m.departments.some((d) => owners.includes(d));
}

function useModelData(version?: number) {
  const ws = useWs();
  const list = useQuery(instancesQuery(ws.tenant));
  const id = list.data?.instances[0]?.id;
  const latest = useQuery({ ...instanceQuery(ws.tenant, id ?? ""), enabled: id !== undefined });
  const old = useQuery({
    ...instanceQuery(ws.tenant, id ?? "", version ?? 0),
    enabled: id !== undefined && version !== undefined,
  });
  const versions = useQuery({ ...versionsQuery(ws.tenant, id ?? ""), enabled: id !== undefined });
  const owners = useQuery(ownersQuery(ws.tenant));
  return { id, list, latest, old, versions, owners };
}

export default function Model(props: { version?: number }) {
  const { t, i18n } = useTranslation();
  addModelTexts(i18n);
  const ws = useWs();
  const d = useModelData(props.version);
  const [saved, setSaved] = useState<string | null>(null);
  // the owners are register ids (decision 0083), named here in the page's language
  const named = useDepartmentNames(ws.tenant);
  const header = <PageHeader title={t("md.title")} lead={t("md.lead")} />;
  const queries = [d.list, d.latest, d.versions, d.owners, ...(props.version ? [d.old] : [])];
  const failed = queries.find((q) => q.isError);
  if (failed) return <PageState header={header} failed error={failed.error} />;
  if (d.list.data && !d.id) return <PageState header={header} failed error={new Error(t("wk.notFound"))} />;
  if (!d.latest.data || !d.versions.data || !d.owners.data || (props.version && !d.old.data))
    return <PageState header={header} failed={false} />;
  const latest = d.latest.data;
  const editable = mayEditModel(ws.membership, d.owners.data);
  const versions = (
    <Versions versions={d.versions.data.versions} current={latest.version} shown={props.version} />
  );
  if (props.version && d.old.data && props.version !== latest.version)
    return (
      <div data-ready="model-version">
        <PageHeader title={t("md.view.title", { version: props.version })} lead={t("md.view.lead")}>
          <p>
            <Link href={ws.href(["model"])}>{t("md.view.back")}</Link>
          </p>
        </PageHeader>
        <VersionView
          instanceId={latest.id}
          current={{ version: latest.version, document: latest.document }}
          old={{ version: props.version, document: d.old.data.document, note: d.old.data.note }}
          editable={editable}
        />
        {versions}
      </div>
    );
  return (
    <div data-ready="model">
      {header}
      <p data-testid="md-current">
        {t("md.current", { version: latest.version, date: formatInstant(latest.created_at, ws.locale) })}
        {" · "}
        {latest.note ?? t("md.noNote")}
      </p>
      {saved && (
        <p className="ws-notice" role="status">
          {saved}
        </p>
      )}
      {!editable && (
        <p className="ws-notice">
          {t("md.readOnly", {
            owners: d.owners.data.map((o) => localIn(named(o, o), ws.locale)).join(", ") || t("md.noOwners"),
          })}
        </p>
      )}
      <Editor
        key={`${latest.id}:${latest.version}`}
        instanceId={latest.id}
        saved={{ version: latest.version, document: latest.document }}
        editable={editable}
        onSaved={setSaved}
      />
      {versions}
    </div>
  );
}

interface Saved {
  version: number;
  document: Doc;
}

function Editor(props: {
  instanceId: string;
  saved: Saved;
  editable: boolean;
  /** The save's message (shown by the page: the editor is remade on the new version). */
  onSaved: (text: string) => void;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const [base, setBase] = useState<Saved>(props.saved);
  const [draft, setDraft] = useState<Doc>(props.saved.document);
  const actions = useMemo(() => actionsOf(draft), [draft]);
  const scenarios = useMemo(() => scenariosOf(draft), [draft]);
  const [actionId, setActionId] = useState<string>(() => actions[0]?.id ?? "");
  const [scenario, setScenario] = useState<string | null>(null);
  const [paramsValid, setParamsValid] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const { onSaved } = props;
  const preview = usePreview(base, draft, scenario);
  const action = actions.find((a) => a.id === actionId);
  const shownScenario = scenario ?? preview.frame?.scenarioId ?? scenarios[0]?.id ?? null;
  const list = changes(base.document, draft);

  return (
    <>
      <Section title={t("md.action.title")} id="md-action">
        <div className="field">
          <label htmlFor="md-action-choice">{t("md.action.choose")}</label>
          <select id="md-action-choice" value={actionId} onChange={(e) => setActionId(e.currentTarget.value)}>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name[ws.locale]}
              </option>
            ))}
          </select>
        </div>
        {action && (
          <ParamForm
            key={`${action.id}:${base.version}`}
            action={action}
            saved={actionsOf(base.document).find((a) => a.id === action.id)}
            onChange={(edits, valid) => {
              setParamsValid(valid);
              if (edits) setDraft((d) => withParams(d, action.id, edits));
            }}
          />
        )}
      </Section>
      <Section title={t("md.preview.title")} id="md-preview">
        <p>{t("md.preview.lead")}</p>
        <PreviewTable
          preview={preview}
          caption={(name) => t("md.preview.caption", { scenario: name })}
          labels={[t("md.preview.saved"), t("md.preview.draft")]}
        />
      </Section>
      <Section title={t("md.save.title")} id="md-save">
        <ChangeList list={list} base={base.document} draft={draft} />
        {notice && (
          <p className="ws-notice" role="status">
            {notice}
          </p>
        )}
        {props.editable && (
          <SaveForm
            id="md-save"
            instanceId={props.instanceId}
            baseVersion={base.version}
            document={draft}
            blocked={!paramsValid ? t("md.err.fixFirst") : list.length === 0 ? t("md.err.nothing") : null}
            defaultNote=""
            onSaved={(v) => onSaved(t("md.save.saved", { version: v }))}
            onConflict={(current) => {
              setDraft(reapply(base.document, draft, current.document));
              setBase(current);
              setNotice(t("md.err.conflict", { version: current.version }));
            }}
          />
        )}
        {list.length > 0 && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft(base.document);
              setBase({ ...base });
            }}
          >
            {t("md.save.reset")}
          </button>
        )}
      </Section>
      <Section title={t("md.levels.title")} id="md-levels">
        <ScenarioChoice
          id="md-levels-scenario"
          label={t("md.levels.scenario")}
          scenarios={scenarios}
          value={shownScenario}
          onChange={setScenario}
        />
        {shownScenario && (
          <LevelsForm
            key={`${shownScenario}:${base.version}`}
            draft={draft}
            scenarioId={shownScenario}
            onChange={(edit) =>
              setDraft((d) => {
                const leveled = Object.entries(edit.levels).reduce(
                  (x, [a, l]) => withLevel(x, shownScenario, a, l),
                  d,
                );
                // a note unchanged from the document is left as stored (an older version's string stays one)
                const stored = new Map(
                  (scenariosOf(leveled).find((s) => s.id === shownScenario)?.actions ?? []).map((l) => [
                    l.action,
                    l.note,
                  ]),
                );
                return Object.entries(edit.notes).reduce((x, [a, n]) => {
                  const was = stored.get(a);
                  const same = (was?.ko ?? "") === n.ko.trim() && (was?.en ?? "") === n.en.trim();
                  return same ? x : withRangeNote(x, shownScenario, a, n);
                }, leveled);
              })
            }
          />
        )}
      </Section>
    </>
  );
}

function ScenarioChoice(props: {
  id: string;
  label: string;
  scenarios: ReadonlyArray<{ id: string; name: { ko: string; en: string } }>;
  value: string | null;
  onChange: (id: string) => void;
}) {
  const ws = useWs();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value ?? ""} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name[ws.locale]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A parameter's label: the library's Korean label in Korean, its description in English. */
function paramLabel(name: string, description: string, locale: Locale): string {
  return locale === "ko" ? (STEP_LABELS_KO[name] ?? description) : description;
}

/** A parameter's value as the form holds it: the text typed, whether it is illustrative, its source or reason. */
const paramValueSchema = z.object({ value: z.string(), illustrative: z.boolean(), note: z.string() });
type ParamValues = Record<string, z.infer<typeof paramValueSchema>>;

function numberText(v: number | undefined): string {
  return v === undefined ? "" : String(v);
}

/**
 * The form of an action's numeric parameters, generated from its type's metadata. Each change that passes
 * the field rules updates the edited document (and so the preview); a changed value needs its source or
 * the reason it is illustrative before the version can be saved.
 */
function ParamForm(props: {
  action: ActionDoc;
  saved: ActionDoc | undefined;
  onChange: (edits: Record<string, ParamEdit> | null, valid: boolean) => void;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const fields = useMemo(() => paramFields(props.action.type), [props.action.type]);
  const { onChange } = props;
  const schema = useMemo(() => {
    const shape: Record<string, typeof paramValueSchema> = {};
    for (const f of fields ?? []) {
      const saved = props.saved ? paramEdit(props.saved, f.name) : undefined;
      const before = saved?.value;
      shape[f.name] = paramValueSchema.superRefine((v, ctx) => {
        const text = v.value.trim();
        const n = Number(text.replace(/,/g, ""));
        if (text === "") {
          if (!f.meta.default)
            ctx.addIssue({ code: "custom", path: ["value"], message: t("md.err.required") });
          return;
        }
        if (!Number.isFinite(n)) {
          ctx.addIssue({ code: "custom", path: ["value"], message: t("md.err.number") });
          return;
        }
        if (f.meta.min !== undefined && n < f.meta.min)
          ctx.addIssue({ code: "custom", path: ["value"], message: t("md.err.min", { min: f.meta.min }) });
        if (f.meta.max !== undefined && n > f.meta.max)
          ctx.addIssue({ code: "custom", path: ["value"], message: t("md.err.max", { max: f.meta.max }) });
        // a new value needs its own source or reason: the saved value's does not carry over
        if (n !== before && (v.note.trim() === "" || v.note.trim() === saved?.note.trim()))
          ctx.addIssue({ code: "custom", path: ["note"], message: t("md.err.note") });
      });
    }
    return z.object(shape);
  }, [fields, props.saved, t]);
  const form = useForm<ParamValues>({
    // one field per parameter of the action type, each a parameter's value: the schema reads and gives ParamValues
    resolver: zodResolver(schema),
    mode: "onChange",
    defaultValues: Object.fromEntries(
      (fields ?? []).map((f) => {
        const e = paramEdit(props.action, f.name);
        return [f.name, { value: numberText(e.value), illustrative: e.illustrative, note: e.note }];
      }),
    ),
  });
  useEffect(() => {
    const sub = form.watch((values, { name }) => {
      // a value's note is checked again when the value (or its kind of provenance) changes
      const m = name?.match(/^(.+)\.(value|illustrative)$/);
      if (m) void form.trigger(`${m[1]}.note`);
      const edits: Record<string, ParamEdit> = {};
      let numbersOk = true;
      for (const f of fields ?? []) {
        const v = values[f.name];
        const text = (v?.value ?? "").trim();
        const n = text === "" ? undefined : Number(text.replace(/,/g, ""));
        const inRange =
          n === undefined
            ? Boolean(f.meta.default)
            : Number.isFinite(n) &&
              (f.meta.min === undefined || n >= f.meta.min) &&
              (f.meta.max === undefined || n <= f.meta.max);
        if (!inRange) numbersOk = false;
        edits[f.name] = { value: n, illustrative: Boolean(v?.illustrative), note: v?.note ?? "" };
      }
      const valid = schema.safeParse(values).success;
      onChange(numbersOk ? edits : null, valid);
    });
    return () => sub.unsubscribe();
  }, [form, fields, schema, onChange]);
  if (!fields) return <p>{t("md.action.unknownType", { type: props.action.type })}</p>;
  const label = typeLabel(props.action.type);
  const others = Object.keys(props.action.params).filter(
    (k) => k !== "sources" && k !== "illustrative" && !fields.some((f) => f.name === k),
  );
  return (
    <form className="ws-form" noValidate onSubmit={(e) => e.preventDefault()} data-testid="md-params">
      <p>{t("md.action.type", { type: label ? label[ws.locale] : props.action.type })}</p>
      <FormErrors form={form} id="mdp" />
      {fields.map((f) => (
        <ParamField key={f.name} form={form} name={f.name} meta={f.meta} locale={ws.locale} t={t} />
      ))}
      {others.length > 0 && <p className="muted">{t("md.action.other", { names: others.join(", ") })}</p>}
    </form>
  );
}

function ParamField(props: {
  form: UseFormReturn<ParamValues>;
  name: string;
  meta: NonNullable<ReturnType<typeof paramFields>>[number]["meta"];
  locale: Locale;
  t: TFunction;
}) {
  const { t, meta, name, form } = props;
  const label = paramLabel(name, meta.description, props.locale);
  const range =
    meta.min !== undefined && meta.max !== undefined
      ? t("md.action.range", { min: meta.min, max: meta.max })
      : meta.min !== undefined
        ? t("md.action.min", { min: meta.min })
        : meta.max !== undefined
          ? t("md.action.max", { max: meta.max })
          : "";
  const d = meta.default;
  // the default's source or note is quoted as the library wrote it, tagged with its own language
  const quoted = d ? (d.source ?? d.note) : undefined;
  const dflt = d
    ? `${t("md.action.default", { value: d.value })}: ${d.source === undefined ? t("md.action.defaultIllustrative") + (d.note ? ": " : "") : ""}`
    : "";
  const hint = (
    <>
      {[t("md.action.hint", { unit: meta.unit }), range, dflt].filter(Boolean).join(" · ")}
      {quoted && <AsWritten text={quoted} locale={props.locale} />}
    </>
  );
  return (
    <fieldset className="ws-fieldset">
      <legend>{t("md.action.legend", { label })}</legend>
      <TextField
        form={form}
        id="mdp"
        name={`${name}.value`}
        label={t("md.action.value", { label, unit: meta.unit })}
        hint={hint}
        inputMode="decimal"
      />
      <label className="ws-check">
        <input
          id={fieldId("mdp", `${name}.illustrative`)}
          type="checkbox"
          {...form.register(`${name}.illustrative`)}
        />{" "}
        {t("md.action.illustrative", { label })}
      </label>
      <TextField form={form} id="mdp" name={`${name}.note`} label={t("md.action.note", { label })} />
    </fieldset>
  );
}

/** A level as typed in its field, read as a number within [min, max]. */
function levelSchema(min: number, max: number, t: TFunction) {
  return z
    .string()
    .trim()
    .min(1, t("md.err.number"))
    .transform((s) => Number(s))
    .pipe(
      z
        .number({ message: t("md.err.number") })
        .finite(t("md.err.number"))
        .min(min, t("md.err.min", { min }))
        .max(max, t("md.err.max", { max })),
    );
}

/** The form's field of a lever's note on its range, in one language. */
const noteField = (lang: "ko" | "en", action: string) => `note_${lang}__${action}`;

/** What the levels form gives: each action's level, and each declared range's note in Korean and English. */
export interface LevelsEdit {
  levels: Record<string, number>;
  notes: Record<string, { ko: string; en: string }>;
}

/**
 * The levels of a scenario's actions; each level within its range updates the edited document. A lever with a
 * declared range also has its note in Korean and English (decision 0085): an English note needs its Korean,
 * as the server does (a version saved before shows its English alone, for the Korean to be written).
 */
function LevelsForm(props: { draft: Doc; scenarioId: string; onChange: (edit: LevelsEdit) => void }) {
  const { t } = useTranslation();
  const ws = useWs();
  const sc = scenariosOf(props.draft).find((s) => s.id === props.scenarioId);
  const names = new Map(actionsOf(props.draft).map((a) => [a.id, a.name[ws.locale]]));
  // the ranges and the fields are those of the scenario as the form opened (it is remade for another one)
  const [levels] = useState(() => sc?.actions ?? []);
  const ranged = useMemo(() => levels.filter((l) => l.min !== undefined || l.max !== undefined), [levels]);
  const { onChange } = props;
  const schema = useMemo(
    () =>
      z
        .object({
          ...Object.fromEntries(
            levels.map((l) => [l.action, levelSchema(l.min ?? 0, l.max ?? Math.max(1, l.level), t)] as const),
          ),
          ...Object.fromEntries(
            ranged.flatMap((l) => [
              [noteField("ko", l.action), z.string().max(10_000)],
              [noteField("en", l.action), z.string().max(10_000)],
            ]),
          ),
        })
        .superRefine((v, ctx) => {
          const values = v as Record<string, unknown>;
          for (const l of ranged) {
            const ko = String(values[noteField("ko", l.action)] ?? "").trim();
            const en = String(values[noteField("en", l.action)] ?? "").trim();
            if (en && !ko)
              ctx.addIssue({
                code: "custom",
                message: t("md.levels.noteNeedsKorean", { action: names.get(l.action) ?? l.action }),
                path: [noteField("ko", l.action)],
              });
          }
        }),
    [levels, ranged, names, t],
  );
  const form = useForm<Record<string, string>, unknown, Record<string, number | string>>({
    // one field per action of the scenario: its level as typed, read as a number within the level's range
    resolver: zodResolver(schema),
    mode: "onChange",
    defaultValues: Object.fromEntries([
      ...levels.map((l) => [l.action, String(l.level)]),
      ...ranged.flatMap((l) => [
        [noteField("ko", l.action), l.note?.ko ?? ""],
        [noteField("en", l.action), l.note?.en ?? ""],
      ]),
    ]),
  });
  useEffect(() => {
    const sub = form.watch((values) => {
      const r = schema.safeParse(values);
      if (!r.success) return;
      const data = r.data as Record<string, number | string>;
      onChange({
        levels: Object.fromEntries(levels.map((l) => [l.action, Number(data[l.action])])),
        notes: Object.fromEntries(
          ranged.map((l) => [
            l.action,
            {
              ko: String(data[noteField("ko", l.action)] ?? ""),
              en: String(data[noteField("en", l.action)] ?? ""),
            },
          ]),
        ),
      });
    });
    return () => sub.unsubscribe();
  }, [form, schema, onChange, levels, ranged]);
  if (levels.length === 0) return <p>{t("md.levels.none")}</p>;
  return (
    <form className="ws-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <FormErrors form={form} id="mdl" />
      {levels.map((l) => {
        const action = names.get(l.action) ?? l.action;
        const hasRange = l.min !== undefined || l.max !== undefined;
        return (
          <Fragment key={l.action}>
            <TextField
              form={form}
              id="mdl"
              name={l.action}
              label={t("md.levels.level", { action })}
              hint={t("md.levels.range", { min: l.min ?? 0, max: l.max ?? Math.max(1, l.level) })}
              inputMode="decimal"
            />
            {hasRange && (
              <>
                <TextArea
                  form={form}
                  id="mdl"
                  name={noteField("ko", l.action)}
                  label={t("md.levels.noteKo", { action })}
                  lang="ko"
                />
                <TextArea
                  form={form}
                  id="mdl"
                  name={noteField("en", l.action)}
                  label={t("md.levels.noteEn", { action })}
                  lang="en"
                />
              </>
            )}
          </Fragment>
        );
      })}
    </form>
  );
}

type PreviewState = {
  state: "computing" | "ready" | "error";
  frame: Extract<ModelFromWorker, { type: "preview" }> | null;
  message?: string;
};

/** The pathway of the saved version and of the edited one, from the worker, on each change (after a rest). */
function usePreview(saved: Saved, draft: Doc, scenario: string | null): PreviewState {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const sentKey = useRef<string | null>(null);
  const [state, setState] = useState<PreviewState>({ state: "computing", frame: null });
  useEffect(() => {
    const w = new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (ev: MessageEvent<ModelFromWorker>) => {
      const m = ev.data;
      if (m.seq !== seq.current) return;
      if (m.type === "error") setState((s) => ({ state: "error", frame: s.frame, message: m.message }));
      else setState({ state: "ready", frame: m });
    };
    return () => {
      w.terminate();
      worker.current = null;
      sentKey.current = null;
    };
  }, []);
  useEffect(() => {
    setState((s) => ({ ...s, state: "computing" }));
    const timer = setTimeout(() => {
      const key = `v${saved.version}`;
      const m: ModelToWorker = {
        seq: ++seq.current,
        draft,
        scenario,
        ...(sentKey.current !== key ? { saved: { key, document: saved.document } } : {}),
      };
      sentKey.current = key;
      worker.current?.postMessage(m);
    }, 120);
    return () => clearTimeout(timer);
  }, [saved, draft, scenario]);
  return state;
}

function PreviewTable(props: {
  preview: PreviewState;
  caption: (scenario: string) => string;
  labels: [string, string];
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const f = props.preview.frame;
  const name = f?.scenarios.find((s) => s.id === f.scenarioId)?.name[ws.locale] ?? "";
  return (
    <div data-testid="md-preview" data-state={props.preview.state}>
      {props.preview.state === "computing" && (
        <p className="muted" role="status">
          {t("md.preview.computing")}
        </p>
      )}
      {props.preview.state === "error" && (
        <p className="ws-notice ws-notice--warn" role="alert">
          {t("md.preview.failed", { message: props.preview.message ?? "" })}
        </p>
      )}
      {f && <PreviewChart frame={f} scenario={name} labels={props.labels} />}
      {f && (
        <div className="table-wrap">
          <table className="table">
            <caption>{props.caption(name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("md.preview.year")}</th>
                <th scope="col">{props.labels[0]}</th>
                <th scope="col">{props.labels[1]}</th>
                <th scope="col">{t("md.preview.change")}</th>
              </tr>
            </thead>
            <tbody>
              {PREVIEW_YEARS.map((y) => {
                const i = f.years.indexOf(y);
                if (i < 0) return null;
                const a = f.saved[i] ?? 0;
                const b = f.draft[i] ?? 0;
                return (
                  <tr key={y} data-year={y}>
                    <th scope="row">{y}</th>
                    <td data-col="saved">{formatTonnes(a, ws.locale)}</td>
                    <td data-col="draft">{formatTonnes(b, ws.locale)}</td>
                    <td data-col="change">
                      {b - a > 0 ? "+" : ""}
                      {formatTonnes(b - a, ws.locale)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function valueText(v: unknown, t: TFunction, locale: Locale): string {
  if (v === undefined) return t("md.change.unset");
  if (typeof v === "number") return formatNumber(v, locale, Number.isInteger(v) ? 0 : 3);
  return JSON.stringify(v);
}

/** The changes between two documents, in words. */
function ChangeList(props: { list: Change[]; base: Doc; draft: Doc; empty?: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const actionNames = new Map(
    [...actionsOf(props.base), ...actionsOf(props.draft)].map((a) => [a.id, a.name[ws.locale]]),
  );
  const scenarioNames = new Map(scenariosOf(props.draft).map((s) => [s.id, s.name[ws.locale]]));
  const text = (c: Change): string => {
    if (c.kind === "other") return t("md.change.other", { path: c.path });
    const action = actionNames.get(c.action) ?? c.action;
    if (c.kind === "rangeNote")
      return t("md.change.rangeNote", {
        scenario: scenarioNames.get(c.scenario) ?? c.scenario,
        action,
        to: (ws.locale === "ko" ? c.to.ko : c.to.en) || c.to.ko || c.to.en || "—",
      });
    if (c.kind === "level")
      return t("md.change.level", {
        scenario: scenarioNames.get(c.scenario) ?? c.scenario,
        action,
        from: valueText(c.from, t, ws.locale),
        to: valueText(c.to, t, ws.locale),
      });
    const param = ws.locale === "ko" ? (STEP_LABELS_KO[c.name] ?? c.name) : c.name;
    if (c.kind === "provenance") return t("md.change.provenance", { action, param, to: c.to || "—" });
    return t("md.change.param", {
      action,
      param,
      from: valueText(c.from, t, ws.locale),
      to: valueText(c.to, t, ws.locale),
    });
  };
  return (
    <div data-testid="md-changes">
      <h3>{t("md.save.changes")}</h3>
      {props.list.length === 0 ? (
        <p>{props.empty ?? t("md.save.none")}</p>
      ) : (
        <ul className="ws-list">
          {props.list.map((c) => {
            const s = text(c);
            return <li key={s}>{s}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

/** The note and the save (a new version on top of `baseVersion`); a 409 hands the current version back. */
function SaveForm(props: {
  id: string;
  instanceId: string;
  baseVersion: number;
  document: Doc;
  blocked: string | null;
  defaultNote: string;
  submit?: string;
  onSaved: (version: number) => void;
  onConflict?: (current: Saved) => void;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const schema = z.object({ note: z.string().trim().min(1, t("md.save.noteRequired")).max(2000) });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { note: props.defaultNote } });
  const http = staffClient().http;
  const path = { tenant: ws.tenant, instance: props.instanceId };
  async function submit(v: Values) {
    setGeneral(null);
    if (props.blocked) {
      setGeneral(props.blocked);
      return;
    }
    const r = await guarded(() =>
      result(
        http.PUT("/api/tenants/{tenant}/instances/{instance}", {
          params: { path },
          body: { base_version: props.baseVersion, document: props.document, note: v.note },
        }),
      ),
    );
    if (r.ok) {
      form.reset({ note: "" });
      await queryClient.invalidateQueries({ queryKey: modelKeys(ws.tenant).all });
      props.onSaved(r.data.version);
      return;
    }
    if (r.error.status === 409 && props.onConflict) {
      const cur = await result(http.GET("/api/tenants/{tenant}/instances/{instance}", { params: { path } }));
      if (cur.ok) {
        props.onConflict({ version: cur.data.version, document: cur.data.document });
        return;
      }
    }
    setGeneral(failureText(t, r.error));
  }
  return (
    <form className="ws-form" noValidate onSubmit={form.handleSubmit(submit)}>
      <FormErrors form={form} id={props.id} general={general} />
      <TextArea form={form} id={props.id} name="note" label={t("md.save.note")} rows={3} />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("ws.busy") : (props.submit ?? t("md.save.submit"))}
      </button>
    </form>
  );
}

/** An older version against the current one: what changed since, both pathways, and its restore. */
function VersionView(props: {
  instanceId: string;
  current: Saved;
  old: Saved & { note: string | null };
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const preview = usePreview(props.current, props.old.document, null);
  const list = changes(props.old.document, props.current.document);
  return (
    <>
      <p data-testid="md-version-note">{props.old.note ?? t("md.noNote")}</p>
      <Section title={t("md.preview.title")} id="md-preview">
        <PreviewTable
          preview={preview}
          caption={(name) => t("md.preview.versionCaption", { scenario: name, version: props.old.version })}
          labels={[t("md.preview.current"), t("md.preview.old", { version: props.old.version })]}
        />
      </Section>
      <Section title={t("md.view.changes")} id="md-changes">
        <ChangeList
          list={list}
          base={props.old.document}
          draft={props.current.document}
          empty={t("md.view.same")}
        />
      </Section>
      {props.editable && (
        <Section title={t("md.view.restore")} id="md-restore">
          {done && (
            <p className="ws-notice" role="status">
              {done}
            </p>
          )}
          <SaveForm
            id="md-restore"
            instanceId={props.instanceId}
            baseVersion={props.current.version}
            document={props.old.document}
            blocked={list.length === 0 ? t("md.err.nothing") : null}
            defaultNote={t("md.view.restoreNote", { version: props.old.version })}
            submit={t("md.view.restore")}
            onSaved={(v) => setDone(t("md.view.restored", { from: props.old.version, version: v }))}
          />
        </Section>
      )}
    </>
  );
}

function Versions(props: {
  versions: ReadonlyArray<{ version: number; note: string | null; created_at: string }>;
  current: number;
  shown: number | undefined;
}): ReactNode {
  const { t } = useTranslation();
  const ws = useWs();
  return (
    <Section title={t("md.versions.title")} id="md-versions">
      <div className="table-wrap">
        <table className="table" data-testid="md-versions">
          <caption>{t("md.versions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("md.versions.version")}</th>
              <th scope="col">{t("md.versions.saved")}</th>
              <th scope="col">{t("md.versions.note")}</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr
                key={v.version}
                aria-current={v.version === (props.shown ?? props.current) ? "true" : undefined}
              >
                <td>
                  <Link
                    href={ws.href(v.version === props.current ? ["model"] : ["model", String(v.version)])}
                  >
                    {t("md.versions.open", { version: v.version })}
                  </Link>
                  {v.version === props.current ? ` (${t("md.versions.current")})` : ""}
                </td>
                <td>{formatInstant(v.created_at, ws.locale)}</td>
                <td>{v.note ?? t("md.noNote")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
