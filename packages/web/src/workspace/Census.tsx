/**
 * The census upload (/ko/workspace/census, the city's admins): a CSV or XLSX file of residents (name, birth
 * date, district) sent to the server as it is (its bytes, not base64), which streams it and lists the problems
 * with its row, column and reason (Korean and English); once there is none, the same file replaces the
 * census. The server keeps each entry only as a hash keyed with the city's secret.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError, Schemas } from "../api/client.ts";
import { PageHeader } from "../components/Page.tsx";
import { formatNumber } from "../format.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { participationCalls } from "../participation/api.ts";
import { ReasonList } from "../participation/Reasons.tsx";
import { refusalReasons } from "../participation/text-check.ts";
import { useWs } from "./context.ts";
import { useGuardedCall } from "./guard.tsx";

type Checked = Schemas["CensusFileResult"];
/** Problems listed on the page; the count of the rest is given. */
const SHOWN = 50;

export default function Census() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const guarded = useGuardedCall();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
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
  const ready = file && checked && checked.problem_count === 0 && checked.rows > 0;
  return (
    <div data-ready="census">
      <PageHeader title={t("pt.ws.census.title")} lead={t("pt.ws.census.lead")} />
      <form
        className="ws-form"
        aria-label={t("pt.ws.census.title")}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ready) return;
          setBusy("upload");
          setError(null);
          const r = await send(file, true);
          setBusy(null);
          if (!r.ok) setError(r.error);
          else if (r.data.stored) setStored(r.data.entries ?? r.data.rows);
          else setChecked(r.data);
        }}
      >
        <div className="field">
          <label htmlFor="census-file">{t("pt.ws.census.file")}</label>
          <input
            id="census-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={async (e) => {
              setStored(null);
              setError(null);
              setChecked(null);
              const f = e.currentTarget.files?.[0];
              if (!f) return setFile(null);
              setFile(f);
              setBusy("check");
              const r = await send(f, false);
              setBusy(null);
              if (r.ok) setChecked(r.data);
              else setError(r.error);
            }}
          />
        </div>
        {busy === "check" && <p role="status">{t("pt.ws.census.checking")}</p>}
        {checked && checked.problem_count > 0 && (
          <div className="error-summary" role="alert">
            <p>{t("pt.ws.census.problems")}</p>
            <ul>
              {checked.problems.slice(0, SHOWN).map((p) => (
                <li key={`${p.row}-${p.column}-${p.code}`}>{reason(p)}</li>
              ))}
            </ul>
            {checked.problem_count > SHOWN && (
              <p>{t("pt.ws.census.more", { n: formatNumber(checked.problem_count - SHOWN, ws.locale) })}</p>
            )}
          </div>
        )}
        {checked && checked.problem_count === 0 && stored === null && (
          <p role="status">{t("pt.ws.census.preview", { n: formatNumber(checked.rows, ws.locale) })}</p>
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
        <button type="submit" className="button button--primary" disabled={busy !== null || !ready}>
          {busy === "upload" ? t("ws.busy") : t("pt.ws.census.upload")}
        </button>
      </form>
    </div>
  );
}
