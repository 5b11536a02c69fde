/**
 * The census upload (/ko/workspace/census, the city's admins): a CSV file of residents (name, birth date,
 * district) read and checked in the browser, every problem listed with its line, then sent to replace the
 * census. The server keeps each entry only as a hash keyed with the city's secret.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { PageHeader } from "../components/Page.tsx";
import { formatNumber } from "../format.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { participationCalls } from "../participation/api.ts";
import { type CensusEntry, type CensusProblem, parseCensus } from "../participation/census.ts";
import { ReasonList } from "../participation/Reasons.tsx";
import { refusalReasons } from "../participation/text-check.ts";
import { useWs } from "./context.ts";
import { useGuardedCall } from "./guard.tsx";

export default function Census() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const guarded = useGuardedCall();
  const [read, setRead] = useState<{ entries: CensusEntry[]; problems: CensusProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reason = (p: CensusProblem) =>
    p.reason === "header"
      ? t("pt.ws.census.header")
      : t("pt.ws.census.problem", {
          line: p.line,
          reason: t(p.reason === "badDate" ? "pt.ws.census.badDate" : "pt.ws.census.missing"),
        });
  return (
    <div data-ready="census">
      <PageHeader title={t("pt.ws.census.title")} lead={t("pt.ws.census.lead")} />
      <form
        className="ws-form"
        aria-label={t("pt.ws.census.title")}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!read || read.problems.length || read.entries.length === 0) return;
          setBusy(true);
          setError(null);
          const r = await guarded(() => participationCalls().census(ws.tenant, { entries: read.entries }));
          setBusy(false);
          if (r.ok) setStored(r.data.entries);
          else setError(r.error);
        }}
      >
        <div className="field">
          <label htmlFor="census-file">{t("pt.ws.census.file")}</label>
          <input
            id="census-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              setStored(null);
              setError(null);
              const f = e.currentTarget.files?.[0];
              setRead(f ? parseCensus(await f.text()) : null);
            }}
          />
        </div>
        {read && read.problems.length > 0 && (
          <div className="error-summary" role="alert">
            <p>{t("pt.ws.census.problems")}</p>
            <ul>
              {read.problems.slice(0, 50).map((p) => (
                <li key={`${p.line}-${p.reason}`}>{reason(p)}</li>
              ))}
            </ul>
          </div>
        )}
        {read && read.problems.length === 0 && (
          <p role="status">
            {t("pt.ws.census.preview", { n: formatNumber(read.entries.length, ws.locale) })}
          </p>
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
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !read || read.problems.length > 0 || read.entries.length === 0}
        >
          {busy ? t("ws.busy") : t("pt.ws.census.upload")}
        </button>
      </form>
    </div>
  );
}
