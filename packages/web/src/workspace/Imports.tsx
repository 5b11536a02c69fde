/**
 * Imports (editors and admins): a file of activity data, factors, indicator values or actions (CSV in UTF-8 or
 * CP949, or XLSX) checked by the server's preview (nothing stored) with every problem located by row, column,
 * code and reason in a table that sorts and filters; then committed all or nothing: activity data and factors
 * as a dataset or factor set, indicator values and actions as the changes the preview lists. For activity data
 * and factors a saved mapping profile (the file's headers for Citypath's columns) can be chosen, and the
 * mapping typed here saved as one. The file stays chosen after any failure: fix it, choose it again, preview
 * again.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type UseFormReturn, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { type ApiError, result } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import {
  type ImportForm,
  type ImportTargetForm,
  importForm,
  importTargetForm,
  type ProfileForm,
  profileForm,
} from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { AgendaChanges } from "./ImportChanges.tsx";
import {
  type Committed,
  type ImportBody,
  importCommit,
  importPreview,
  isAgendaKind,
  type Kind,
  type Preview,
} from "./import-calls.ts";
import { type ImportProblem, ProblemTable } from "./ProblemTable.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { apiErrorOf, keys, profilesQuery, unwrap } from "./staff.ts";

/** The encodings' own names (not translated). */
const ENCODING_NAMES = { "utf-8": "UTF-8", cp949: "CP949" } as const;

/** A file's bytes as base64 (the API's upload form). */
export async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** "amount=사용량" lines as a mapping (Citypath column -> the file's header); blank lines are skipped. */
export function parseMapping(text: string): { mapping: Record<string, string>; bad: number[] } {
  const mapping: Record<string, string> = {};
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf("=");
    const k = line.slice(0, at).trim();
    const v = line.slice(at + 1).trim();
    if (at < 1 || !/^[a-z_]{2,30}$/.test(k) || !v) bad.push(i + 1);
    else mapping[k] = v;
  });
  return { mapping, bad };
}

export default function Imports() {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const form = useForm<ImportForm>({
    resolver: zodResolver(importForm),
    defaultValues: { kind: "activity", encoding: "auto", profile: "", mapping: "" },
  });
  const target = useForm<ImportTargetForm>({
    resolver: zodResolver(importTargetForm),
    defaultValues: { target_id: "", target_name: "" },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const [lastFile, setLastFile] = useState("");
  const kind = useWatch({ control: form.control, name: "kind" });
  const agenda = isAgendaKind(kind);
  // another kind of file: what was previewed or stored for the last one no longer applies
  useEffect(() => {
    void kind;
    setPreview(null);
    setCommitted(null);
  }, [kind]);
  const profiles = useQuery(profilesQuery(ws.tenant));

  /** The request of the form's values; null (with the error on the mapping field) when a line is not `a=b`. */
  async function body(v: ImportForm, to?: ImportTargetForm): Promise<ImportBody | null> {
    const file = v.file[0]!;
    const { mapping, bad } = parseMapping(v.mapping);
    if (bad.length && !isAgendaKind(v.kind)) {
      form.setError(
        "mapping",
        { type: "lines", message: t("wk.imp.mappingBad", { lines: bad.join(", ") }) },
        {
          shouldFocus: true,
        },
      );
      return null;
    }
    const upload = { file_name: file.name, content_base64: await base64(file), encoding: v.encoding };
    if (isAgendaKind(v.kind)) return upload;
    return {
      kind: v.kind,
      ...upload,
      ...(v.profile ? { profile: v.profile } : {}),
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(to ? { target: { id: to.target_id, name: to.target_name.trim(), base_version: 0 } } : {}),
    };
  }

  const check = useMutation({
    mutationFn: (b: ImportBody) => unwrap(guard(() => importPreview(ws.tenant, kind, b))),
  });
  const store = useMutation({
    mutationFn: (b: ImportBody) => unwrap(guard(() => importCommit(ws.tenant, kind, b))),
  });

  const onPreview = form.handleSubmit(async (v) => {
    setGeneral(null);
    setCommitted(null);
    const b = await body(v);
    if (!b) return;
    try {
      setPreview(await check.mutateAsync(b));
    } catch (err) {
      setGeneral(failureText(t, apiErrorOf(err)));
    }
  });
  /** Stores the file the form holds (checked again), with the new dataset's or factor set's id and name. */
  const commit = (to?: ImportTargetForm) =>
    form.handleSubmit(async (v) => {
      setGeneral(null);
      const b = await body(v, to);
      if (!b) return;
      try {
        setCommitted(await store.mutateAsync(b));
        setLastFile(b.file_name);
        void queryClient.invalidateQueries({ queryKey: keys.datasets(ws.tenant) });
      } catch (err) {
        const e = apiErrorOf(err);
        // all or nothing: a refused commit lists every problem, as the preview does
        const problems = refusedProblems(e);
        if ((e.status === 400 || e.status === 403) && preview)
          setPreview({ ...preview, ok: false, problems: problems.length ? problems : preview.problems });
        setGeneral(failureText(t, e));
      }
    })();
  const onCommitTarget = target.handleSubmit((to) => commit(to));

  return (
    <div data-ready="imports">
      <PageHeader title={t("wk.imp.title")} lead={t("wk.imp.lead")} />
      <form className="ws-form ws-form--wide" noValidate onSubmit={onPreview} aria-labelledby="imp-h">
        <h2 id="imp-h">{t("wk.imp.fileTitle")}</h2>
        <FormErrors form={form} id="imp" general={general} />
        <SelectField
          form={form}
          id="imp"
          name="kind"
          label={t("wk.imp.kind")}
          {...(agenda
            ? { hint: t(kind === "indicators" ? "wk.imp.kindHintIndicators" : "wk.imp.kindHintActions") }
            : {})}
          options={[
            { value: "activity", label: t("wk.imp.kindActivity") },
            { value: "factors", label: t("wk.imp.kindFactors") },
            { value: "indicators", label: t("wk.imp.kindIndicators") },
            { value: "actions", label: t("wk.imp.kindActions") },
          ]}
        />
        <TextField
          form={form}
          id="imp"
          name="file"
          type="file"
          label={t("wk.imp.file")}
          hint={t("wk.imp.fileHint")}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        />
        <SelectField
          form={form}
          id="imp"
          name="encoding"
          label={t("wk.imp.encoding")}
          options={[
            { value: "auto", label: t("wk.imp.encodingAuto") },
            { value: "utf-8", label: ENCODING_NAMES["utf-8"] },
            { value: "cp949", label: ENCODING_NAMES.cp949 },
          ]}
        />
        {!agenda && (
          <>
            <SelectField
              form={form}
              id="imp"
              name="profile"
              label={t("wk.imp.profile")}
              options={[
                { value: "", label: t("wk.imp.noProfile") },
                ...(profiles.data?.profiles ?? [])
                  .filter((p) => p.kind === kind)
                  .map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <TextArea
              form={form}
              id="imp"
              name="mapping"
              label={t("wk.imp.mapping")}
              hint={t("wk.imp.mappingHint")}
            />
          </>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={check.isPending}>
            {check.isPending ? t("ws.busy") : t("wk.imp.preview")}
          </button>
        </div>
      </form>
      {!isAgendaKind(kind) && (
        <SaveProfile kind={kind} files={form} profiles={profiles.data?.profiles ?? []} />
      )}
      {preview && (
        <Section title={t("wk.imp.previewTitle")} id="preview">
          <p role="status" data-testid="preview-summary">
            {preview.ok
              ? t("wk.imp.previewOk", { rows: preview.rows })
              : t("wk.imp.previewProblems", { rows: preview.rows, problems: preview.problems.length })}
          </p>
          {preview.problems.length > 0 && <ProblemTable problems={preview.problems} />}
          {"changes" in preview && preview.ok && <AgendaChanges preview={preview} />}
          {"changes" in preview && preview.ok && !committed && (
            <div className="ws-form">
              <h3>{t("wk.imp.commitTitle")}</h3>
              {changeCount(preview) === 0 ? (
                <p>{t("wk.imp.nothingToStore")}</p>
              ) : (
                <>
                  <p>{t("wk.imp.commitAgendaLead")}</p>
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => commit()}
                    disabled={store.isPending}
                  >
                    {store.isPending
                      ? t("ws.busy")
                      : t("wk.imp.commitChanges", { count: changeCount(preview) })}
                  </button>
                </>
              )}
            </div>
          )}
          {!("changes" in preview) && preview.ok && !committed && (
            <form className="ws-form" noValidate onSubmit={onCommitTarget} aria-labelledby="imp-commit-h">
              <h3 id="imp-commit-h">{t("wk.imp.commitTitle")}</h3>
              <p>{t("wk.imp.commitLead")}</p>
              <FormErrors form={target} id="imp" />
              <TextField form={target} id="imp" name="target_id" label={t("wk.imp.targetId")} />
              <TextField form={target} id="imp" name="target_name" label={t("wk.imp.targetName")} />
              <button type="submit" className="button button--primary" disabled={store.isPending}>
                {store.isPending ? t("ws.busy") : t("wk.imp.commit", { rows: preview.rows })}
              </button>
            </form>
          )}
        </Section>
      )}
      {committed && (
        <div className="ws-notice" role="status" data-testid="committed">
          <p>
            {"stored" in committed
              ? t("wk.imp.committedAgenda", {
                  stored: committed.stored,
                  records: ("actions" in committed ? committed.actions : committed.indicators).join(", "),
                })
              : t("wk.imp.committed", { id: committed.id, version: committed.version, rows: committed.rows })}
          </p>
          {ws.membership.role === "admin" && (
            <p>
              <Link href={ws.href(["audit"], auditQuery(kind, committed, lastFile))}>
                {t("wk.imp.auditLink")}
              </Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * Saves the mapping typed in the file form as a profile (a new one, or a new version of the one with that
 * id); a mapping that is empty or has a line that is not `a=b` is said on the file form's mapping field.
 */
function SaveProfile(props: {
  kind: "activity" | "factors";
  files: UseFormReturn<ImportForm>;
  profiles: ReadonlyArray<{ id: string; version: number }>;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const form = useForm<ProfileForm>({
    resolver: zodResolver(profileForm),
    defaultValues: { id: "", name: "" },
  });
  const [message, setMessage] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const h = useId();
  const save = form.handleSubmit(async (v) => {
    setMessage(null);
    setGeneral(null);
    const { mapping, bad } = parseMapping(props.files.getValues("mapping"));
    if (bad.length || Object.keys(mapping).length === 0) {
      props.files.setError(
        "mapping",
        { type: "empty", message: "wk.imp.mappingEmpty" },
        { shouldFocus: true },
      );
      return;
    }
    const base = props.profiles.find((p) => p.id === v.id)?.version ?? 0;
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/import-profiles/{id}", {
          params: { path: { tenant: ws.tenant, id: v.id } },
          body: {
            base_version: base,
            name: v.name.trim(),
            kind: props.kind,
            mapping,
            constants: {},
            encoding: props.files.getValues("encoding"),
            sheet: null,
          },
        }),
      ),
    );
    if (r.ok) {
      setMessage(t("wk.imp.profileSaved", { name: v.name.trim() }));
      void queryClient.invalidateQueries({ queryKey: keys.profiles(ws.tenant) });
    } else setGeneral(failureText(t, r.error));
  });
  return (
    <form className="ws-form" noValidate onSubmit={save} aria-labelledby={h}>
      <h2 id={h}>{t("wk.imp.profileTitle")}</h2>
      <FormErrors form={form} id="prof" general={general} />
      {message && (
        <p className="status" role="status">
          {message}
        </p>
      )}
      <TextField form={form} id="prof" name="id" label={t("wk.imp.profileId")} />
      <TextField form={form} id="prof" name="name" label={t("wk.imp.profileName")} />
      <button type="submit" className="button">
        {t("wk.imp.profileSave")}
      </button>
    </form>
  );
}

/** The changes an agenda import would store (rows that change nothing are listed, not stored). */
function changeCount(p: { changes: ReadonlyArray<{ kind: string }> }): number {
  return p.changes.filter((c) => c.kind !== "same").length;
}

/** A refused commit's problems (each detail's `file:line [column]` taken apart) for the problem table. */
export function refusedProblems(e: ApiError): ImportProblem[] {
  return (e.details ?? []).map((d) => {
    const m = /(?::|^line )(\d+)(?: \[([^\]]+)\])?/.exec(d.path);
    return {
      file: "",
      row: m ? Number(m[1]) : null,
      column: m ? (m[2] ?? null) : d.path || null,
      code: d.code ?? e.code,
      reason: d.message,
    };
  });
}

/** The audit trail's filter for an import's record: the dataset or factor set by its id, an agenda import by its file. */
function auditQuery(kind: Kind, c: Committed, file: string): string {
  const [entity, id] =
    "stored" in c
      ? [kind === "indicators" ? "indicator_values" : "actions", file]
      : [c.kind === "activity" ? "activity_dataset" : "factor_set", c.id];
  return `&entity=${encodeURIComponent(entity)}&entity_id=${encodeURIComponent(id)}`;
}
