/**
 * Imports (editors and admins): a file of activity data, factors, indicator values or actions (CSV in UTF-8 or
 * CP949, or XLSX) checked by the server's preview (nothing stored) with every problem located by row, column,
 * code and reason in a table that sorts and filters; then committed all or nothing: activity data and factors
 * as a dataset or factor set, indicator values and actions as the changes the preview lists. For activity data
 * and factors a saved mapping profile (the file's headers for Citypath's columns) can be chosen, and the
 * mapping typed here saved as one. The file stays chosen after any failure: fix it, choose it again, preview
 * again.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, result } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { useWs } from "./context.ts";
import { ErrorSummary, type FieldError } from "./Form.tsx";
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
import { apiErrorOf, keys, unwrap } from "./staff.ts";

const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
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
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>("activity");
  const [encoding, setEncoding] = useState<"auto" | "utf-8" | "cp949">("auto");
  const [profile, setProfile] = useState("");
  const [mappingText, setMappingText] = useState("");
  const [targetId, setTargetId] = useState("");
  const [targetName, setTargetName] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const [lastFile, setLastFile] = useState("");
  const agenda = isAgendaKind(kind);
  const profiles = useQuery({
    queryKey: keys.profiles(ws.tenant),
    queryFn: ({ signal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/import-profiles", {
            params: { path: { tenant: ws.tenant } },
            signal,
          }),
          signal,
        ),
      ),
  });

  async function body(withTarget: boolean): Promise<ImportBody | null> {
    const file = fileRef.current?.files?.[0];
    const errs: FieldError[] = [];
    if (!file) errs.push({ field: "imp-file", message: t("wk.imp.fileMissing") });
    const { mapping, bad } = parseMapping(mappingText);
    if (bad.length && !agenda)
      errs.push({ field: "imp-mapping", message: t("wk.imp.mappingBad", { lines: bad.join(", ") }) });
    if (withTarget && !agenda && !ID.test(targetId))
      errs.push({ field: "imp-target-id", message: t("wk.err.id") });
    if (withTarget && !agenda && !targetName.trim())
      errs.push({ field: "imp-target-name", message: t("wk.err.required") });
    setErrors(errs);
    if (errs.length || !file) {
      document.getElementById(errs[0]?.field ?? "")?.focus();
      return null;
    }
    const upload = { file_name: file.name, content_base64: await base64(file), encoding };
    if (isAgendaKind(kind)) return upload;
    return {
      kind,
      ...upload,
      ...(profile ? { profile } : {}),
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(withTarget ? { target: { id: targetId, name: targetName.trim(), base_version: 0 } } : {}),
    };
  }

  const check = useMutation({
    mutationFn: (b: ImportBody) => unwrap(guard(() => importPreview(ws.tenant, kind, b))),
  });
  const store = useMutation({
    mutationFn: (b: ImportBody) => unwrap(guard(() => importCommit(ws.tenant, kind, b))),
  });

  async function onPreview(e: FormEvent) {
    e.preventDefault();
    setGeneral(null);
    setCommitted(null);
    const b = await body(false);
    if (!b) return;
    try {
      setPreview(await check.mutateAsync(b));
    } catch (err) {
      setGeneral(failureText(t, apiErrorOf(err)));
    }
  }
  async function onCommit() {
    setGeneral(null);
    const b = await body(true);
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
  }

  return (
    <div data-ready="imports">
      <PageHeader title={t("wk.imp.title")} lead={t("wk.imp.lead")} />
      <form className="ws-form ws-form--wide" noValidate onSubmit={onPreview} aria-labelledby="imp-h">
        <h2 id="imp-h">{t("wk.imp.fileTitle")}</h2>
        <ErrorSummary errors={errors} general={general} takeFocus={errors.length === 0} />
        <div className="field">
          <label htmlFor="imp-kind">{t("wk.imp.kind")}</label>
          <select
            id="imp-kind"
            value={kind}
            aria-describedby={agenda ? "imp-kind-hint" : undefined}
            onChange={(e) => {
              setKind(e.currentTarget.value as Kind);
              setPreview(null);
              setCommitted(null);
            }}
          >
            <option value="activity">{t("wk.imp.kindActivity")}</option>
            <option value="factors">{t("wk.imp.kindFactors")}</option>
            <option value="indicators">{t("wk.imp.kindIndicators")}</option>
            <option value="actions">{t("wk.imp.kindActions")}</option>
          </select>
          {agenda && (
            <p id="imp-kind-hint" className="muted">
              {t(kind === "indicators" ? "wk.imp.kindHintIndicators" : "wk.imp.kindHintActions")}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="imp-file">{t("wk.imp.file")}</label>
          <p id="imp-file-hint" className="muted">
            {t("wk.imp.fileHint")}
          </p>
          <input
            id="imp-file"
            type="file"
            ref={fileRef}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={
              errors.some((e) => e.field === "imp-file") ? "imp-file-hint imp-file-error" : "imp-file-hint"
            }
            aria-invalid={errors.some((e) => e.field === "imp-file") || undefined}
          />
          {errors.find((e) => e.field === "imp-file") && (
            <p id="imp-file-error" className="field__error">
              {t("wk.imp.fileMissing")}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="imp-encoding">{t("wk.imp.encoding")}</label>
          <select
            id="imp-encoding"
            value={encoding}
            onChange={(e) => setEncoding(e.currentTarget.value as typeof encoding)}
          >
            <option value="auto">{t("wk.imp.encodingAuto")}</option>
            <option value="utf-8">{ENCODING_NAMES["utf-8"]}</option>
            <option value="cp949">{ENCODING_NAMES.cp949}</option>
          </select>
        </div>
        {!agenda && (
          <>
            <div className="field">
              <label htmlFor="imp-profile">{t("wk.imp.profile")}</label>
              <select id="imp-profile" value={profile} onChange={(e) => setProfile(e.currentTarget.value)}>
                <option value="">{t("wk.imp.noProfile")}</option>
                {(profiles.data?.profiles ?? [])
                  .filter((p) => p.kind === kind)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="imp-mapping">{t("wk.imp.mapping")}</label>
              <p id="imp-mapping-hint" className="muted">
                {t("wk.imp.mappingHint")}
              </p>
              <textarea
                id="imp-mapping"
                rows={3}
                value={mappingText}
                onChange={(e) => setMappingText(e.currentTarget.value)}
                aria-describedby={
                  errors.some((e) => e.field === "imp-mapping")
                    ? "imp-mapping-hint imp-mapping-error"
                    : "imp-mapping-hint"
                }
                aria-invalid={errors.some((e) => e.field === "imp-mapping") || undefined}
              />
              {errors.find((e) => e.field === "imp-mapping") && (
                <p id="imp-mapping-error" className="field__error">
                  {errors.find((e) => e.field === "imp-mapping")?.message}
                </p>
              )}
            </div>
          </>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={check.isPending}>
            {check.isPending ? t("ws.busy") : t("wk.imp.preview")}
          </button>
        </div>
      </form>
      {!isAgendaKind(kind) && (
        <SaveProfile
          kind={kind}
          encoding={encoding}
          mappingText={mappingText}
          profiles={profiles.data?.profiles ?? []}
        />
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
                    onClick={onCommit}
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
            <div className="ws-form">
              <h3>{t("wk.imp.commitTitle")}</h3>
              <p>{t("wk.imp.commitLead")}</p>
              <div className="field">
                <label htmlFor="imp-target-id">{t("wk.imp.targetId")}</label>
                <input
                  id="imp-target-id"
                  type="text"
                  value={targetId}
                  onChange={(e) => setTargetId(e.currentTarget.value)}
                  aria-invalid={errors.some((e) => e.field === "imp-target-id") || undefined}
                  aria-describedby={
                    errors.some((e) => e.field === "imp-target-id") ? "imp-target-id-error" : undefined
                  }
                />
                {errors.find((e) => e.field === "imp-target-id") && (
                  <p id="imp-target-id-error" className="field__error">
                    {errors.find((e) => e.field === "imp-target-id")?.message}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor="imp-target-name">{t("wk.imp.targetName")}</label>
                <input
                  id="imp-target-name"
                  type="text"
                  value={targetName}
                  onChange={(e) => setTargetName(e.currentTarget.value)}
                  aria-invalid={errors.some((e) => e.field === "imp-target-name") || undefined}
                  aria-describedby={
                    errors.some((e) => e.field === "imp-target-name") ? "imp-target-name-error" : undefined
                  }
                />
                {errors.find((e) => e.field === "imp-target-name") && (
                  <p id="imp-target-name-error" className="field__error">
                    {errors.find((e) => e.field === "imp-target-name")?.message}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="button button--primary"
                onClick={onCommit}
                disabled={store.isPending}
              >
                {store.isPending ? t("ws.busy") : t("wk.imp.commit", { rows: preview.rows })}
              </button>
            </div>
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

/** Saves the mapping typed above as a profile (a new one, or a new version of the one with that id). */
function SaveProfile(props: {
  kind: "activity" | "factors";
  encoding: "auto" | "utf-8" | "cp949";
  mappingText: string;
  profiles: ReadonlyArray<{ id: string; version: number }>;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const h = useId();
  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const { mapping, bad } = parseMapping(props.mappingText);
    const errs: FieldError[] = [];
    if (!ID.test(id)) errs.push({ field: "prof-id", message: t("wk.err.id") });
    if (!name.trim()) errs.push({ field: "prof-name", message: t("wk.err.required") });
    if (bad.length || Object.keys(mapping).length === 0)
      errs.push({ field: "imp-mapping", message: t("wk.imp.mappingEmpty") });
    setErrors(errs);
    if (errs.length) return;
    const base = props.profiles.find((p) => p.id === id)?.version ?? 0;
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/import-profiles/{id}", {
          params: { path: { tenant: ws.tenant, id } },
          body: {
            base_version: base,
            name: name.trim(),
            kind: props.kind,
            mapping,
            constants: {},
            encoding: props.encoding,
            sheet: null,
          },
        }),
      ),
    );
    if (r.ok) {
      setMessage(t("wk.imp.profileSaved", { name: name.trim() }));
      void queryClient.invalidateQueries({ queryKey: keys.profiles(ws.tenant) });
    } else setErrors([{ field: "prof-id", message: failureText(t, r.error) }]);
  }
  return (
    <form className="ws-form" noValidate onSubmit={save} aria-labelledby={h}>
      <h2 id={h}>{t("wk.imp.profileTitle")}</h2>
      <ErrorSummary errors={errors} />
      {message && (
        <p className="status" role="status">
          {message}
        </p>
      )}
      <div className="field">
        <label htmlFor="prof-id">{t("wk.imp.profileId")}</label>
        <input
          id="prof-id"
          type="text"
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          aria-invalid={errors.some((e) => e.field === "prof-id") || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="prof-name">{t("wk.imp.profileName")}</label>
        <input
          id="prof-name"
          type="text"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          aria-invalid={errors.some((e) => e.field === "prof-name") || undefined}
        />
      </div>
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
