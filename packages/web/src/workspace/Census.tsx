/**
 * The census upload (/ko/workspace/census, the city's admins): a CSV or XLSX file of residents (name, birth
 * date, district) sent to the server as it is (its bytes, not base64), which streams it and lists the problems
 * with its row, column and reason (Korean and English); once there is none, the same file replaces the
 * census. The server keeps each entry only as a hash keyed with the city's secret. The form is a
 * react-hook-form form on `censusForm` (one CSV or XLSX file within the core's census size limit): a missing,
 * wrong or too large file, and a file with problems, are said on the file field.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ApiError, Schemas } from "../api/client.ts";
import { PageHeader } from "../components/Page.tsx";
import { formatNumber } from "../format.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { participationCalls } from "../participation/api.ts";
import { ReasonList } from "../participation/Reasons.tsx";
import { refusalReasons } from "../participation/text-check.ts";
import { useWs } from "./context.ts";
import { FormErrors, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { type CensusForm, censusForm } from "./participation-forms.ts";

type Checked = Schemas["CensusFileResult"];
/** Problems listed on the page; the count of the rest is given. */
const SHOWN = 50;
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export default function Census() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const guarded = useGuardedCall();
  const form = useForm<CensusForm>({ resolver: zodResolver(censusForm) });
  const files = useWatch({ control: form.control, name: "file" });
  const [checked, setChecked] = useState<{ file: File; result: Checked } | null>(null);
  const [busy, setBusy] = useState<"check" | "upload" | null>(null);
  const [stored, setStored] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const send = (f: File, commit: boolean) =>
    guarded(() => participationCalls().censusFile(ws.tenant, f, { file_name: f.name, commit }));
  const reason = (p: Checked["problems"][number]) => {
    const text = ws.locale === "en" ? p.reason : p.reason_ko;
    return p.column
      ? t("pt.ws.census.problem", { row: p.row, column: p.column, reason: text })
      : t("pt.ws.census.problemRow", { row: p.row, reason: text });
  };
  const problemsOn = (c: Checked) =>
    form.setError("file", {
      type: "problems",
      message: t("pt.ws.census.fileProblems", { n: formatNumber(c.problem_count, ws.locale) }),
    });

  // a file chosen is checked at once (nothing stored): its problems, or how many residents it holds
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new choice of file starts the check
  useEffect(() => {
    setStored(null);
    setError(null);
    setChecked(null);
    const f = files?.[0];
    if (!f) return;
    let current = true;
    void (async () => {
      if (!(await form.trigger("file"))) return;
      setBusy("check");
      const r = await send(f, false);
      if (!current) return;
      setBusy(null);
      if (!r.ok) return setError(r.error);
      setChecked({ file: f, result: r.data });
      if (r.data.problem_count > 0) problemsOn(r.data);
    })();
    return () => {
      current = false;
    };
  }, [files]);

  const upload = form.handleSubmit(async (v) => {
    const f = v.file[0];
    if (!f) return;
    if (checked?.file === f && checked.result.problem_count > 0) return problemsOn(checked.result);
    // the server checks the file again and replaces the census only when it has no problem
    setBusy("upload");
    setError(null);
    const r = await send(f, true);
    setBusy(null);
    if (!r.ok) setError(r.error);
    else if (r.data.stored) setStored(r.data.entries ?? r.data.rows);
    else {
      setChecked({ file: f, result: r.data });
      problemsOn(r.data);
    }
  });
  const result = checked?.result;
  const hasProblems = Boolean(result && result.problem_count > 0);
  return (
    <div data-ready="census">
      <PageHeader title={t("pt.ws.census.title")} lead={t("pt.ws.census.lead")} />
      <form className="ws-form" noValidate aria-label={t("pt.ws.census.title")} onSubmit={upload}>
        <FormErrors form={form} id="census" />
        <TextField
          form={form}
          id="census"
          name="file"
          type="file"
          accept={ACCEPT}
          label={t("pt.ws.census.file")}
          hint={t("pt.ws.census.fileHint")}
        />
        {busy === "check" && <p role="status">{t("pt.ws.census.checking")}</p>}
        {result && hasProblems && (
          <div className="error-summary" role="alert" id="census-problems">
            <p>{t("pt.ws.census.problems")}</p>
            <ul>
              {result.problems.slice(0, SHOWN).map((p) => (
                <li key={`${p.row}-${p.column}-${p.code}`}>{reason(p)}</li>
              ))}
            </ul>
            {result.problem_count > SHOWN && (
              <p>{t("pt.ws.census.more", { n: formatNumber(result.problem_count - SHOWN, ws.locale) })}</p>
            )}
          </div>
        )}
        {result && !hasProblems && stored === null && (
          <p role="status">{t("pt.ws.census.preview", { n: formatNumber(result.rows, ws.locale) })}</p>
        )}
        {error && (
          <div className="error-summary" role="alert">
            <ReasonList reasons={refusalReasons(error)} />
          </div>
        )}
        {stored !== null && (
          <p className="ws-notice" role="status">
            {t("pt.ws.census.uploaded", { n: formatNumber(stored, ws.locale) })}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy !== null || hasProblems}>
          {busy === "upload" ? t("ws.busy") : t("pt.ws.census.upload")}
        </button>
      </form>
    </div>
  );
}
