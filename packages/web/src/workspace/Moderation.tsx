/**
 * The moderation queue (/ko/workspace/moderation, the city's moderators and admins): contributions hidden by
 * three reports first, then reported ones, most reported first, each with its text, state and the reports'
 * reasons. Moderators hide or restore one or many at once, with a reason, and block an author from the
 * city's consultations with a reason; the server audits every action and tells the author.
 */
import {
  MODERATION_STATE_LABELS,
  REPORT_REASON_LABELS,
  type ReportReason,
} from "@citypath/core/participation/vocabulary";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { localize } from "../api/model.ts";
import { PageHeader } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import type { Locale } from "../format.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { moderationQuery, participationCalls } from "../participation/api.ts";
import { ReasonList } from "../participation/Reasons.tsx";
import { refusalReasons } from "../participation/text-check.ts";
import { useWs } from "./context.ts";
import { FormErrors, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { type BlockForm, blockForm } from "./participation-forms.ts";
import { apiErrorOf } from "./staff.ts";

/** The reports' reasons with their counts, most frequent first: "주제와 무관 2, 스팸 1". */
export function reasonSummary(reports: ReadonlyArray<{ reason: ReportReason }>, locale: Locale): string {
  const counts = new Map<ReportReason, number>();
  for (const r of reports) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${localize(REPORT_REASON_LABELS[reason], locale)} ${n}`)
    .join(", ");
}

export default function Moderation() {
  const { t, i18n } = useTranslation();
  addParticipationTexts(i18n);
  const ws = useWs();
  const guarded = useGuardedCall();
  const qc = useQueryClient();
  const queue = useQuery(moderationQuery(ws.tenant));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState("");
  const [blockOf, setBlockOf] = useState<{ user: string; opener: HTMLElement | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const header = <PageHeader title={t("pt.ws.moderation.title")} lead={t("pt.ws.moderation.lead")} />;
  if (queue.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (queue.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(queue.error)} />
      </>
    );
  const items = queue.data.items;
  const refresh = () => qc.invalidateQueries({ queryKey: ["t", ws.tenant] });

  async function moderate(action: "hide" | "restore") {
    setMessage(null);
    setError(null);
    setProblem(null);
    if (selected.size === 0) return setProblem(t("pt.ws.moderation.noneSelected"));
    if (!reason.trim()) return setProblem(t("pt.ws.moderation.reasonMissing"));
    const r = await guarded(() =>
      participationCalls().moderate(ws.tenant, {
        action,
        contributions: [...selected],
        reason: reason.trim(),
      }),
    );
    if (!r.ok) return setError(r.error);
    setMessage(t("pt.ws.moderation.changed", { n: r.data.changed.length }));
    setSelected(new Set());
    await refresh();
  }

  return (
    <div data-ready="moderation">
      {header}
      {(problem || error) && (
        <div className="error-summary" role="alert">
          {problem ? <p>{problem}</p> : error && <ReasonList reasons={refusalReasons(error)} />}
        </div>
      )}
      {message && (
        <p className="ws-notice" role="status">
          {message}
        </p>
      )}
      {items.length === 0 ? (
        <Status kind="empty" message={t("pt.ws.moderation.empty")} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="moderation-queue">
              <caption>{t("pt.ws.moderation.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("pt.ws.moderation.select")}</th>
                  <th scope="col">{t("pt.ws.moderation.text")}</th>
                  <th scope="col">{t("pt.ws.moderation.state")}</th>
                  <th scope="col">{t("pt.ws.moderation.reports")}</th>
                  <th scope="col">{t("pt.ws.moderation.block")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((it) => {
                  const id = it.contribution.id;
                  return (
                    <tr key={id} data-contribution={id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t("pt.ws.moderation.selectItem", {
                            id: (it.title ?? it.text).slice(0, 40),
                          })}
                          checked={selected.has(id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.currentTarget.checked) next.add(id);
                            else next.delete(id);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <td className="pt-item__text">
                        {it.title && <strong>{it.title}: </strong>}
                        {it.text}
                      </td>
                      <td>{localize(MODERATION_STATE_LABELS[it.contribution.moderation], ws.locale)}</td>
                      <td>
                        {it.reports.length}
                        {it.reports.length > 0 && (
                          <span className="muted"> ({reasonSummary(it.reports, ws.locale)})</span>
                        )}
                      </td>
                      <td>
                        {it.author_id && (
                          <button
                            type="button"
                            className="button button--secondary"
                            onClick={(e) => {
                              const user = it.author_id;
                              if (user) setBlockOf({ user, opener: e.currentTarget });
                            }}
                          >
                            {t("pt.ws.moderation.block")}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="ws-form ws-form--wide">
            <div className="field">
              <label htmlFor="moderation-reason">{t("pt.ws.moderation.reason")}</label>
              <input
                id="moderation-reason"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            </div>
            <div className="button-row">
              <button type="button" className="button" onClick={() => void moderate("hide")}>
                {t("pt.ws.moderation.hide")}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void moderate("restore")}
              >
                {t("pt.ws.moderation.restore")}
              </button>
            </div>
          </div>
          {blockOf && (
            <BlockAuthor
              key={blockOf.user}
              user={blockOf.user}
              onDone={(blocked) => {
                blockOf.opener?.focus();
                setBlockOf(null);
                if (blocked) {
                  setError(null);
                  setProblem(null);
                  setMessage(t("pt.ws.moderation.blocked"));
                }
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

/**
 * Blocking one author (a react-hook-form form on `blockForm`): the reason is required and said on its field;
 * a refusal by the server is in the form's summary. The form takes the focus when it opens and gives it back
 * to the row's button when it closes.
 */
function BlockAuthor(props: { user: string; onDone: (blocked: boolean) => void }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<BlockForm>({ resolver: zodResolver(blockForm), defaultValues: { reason: "" } });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    const r = await guarded(() => participationCalls().block(ws.tenant, props.user, v.reason));
    if (!r.ok)
      return setGeneral(
        refusalReasons(r.error)
          .map((x) => ("key" in x ? t(x.key, x.values ?? {}) : x.text))
          .join(" "),
      );
    props.onDone(true);
  });
  return (
    <form
      ref={ref}
      className="ws-form"
      noValidate
      aria-label={t("pt.ws.moderation.blockTitle")}
      data-testid="block-form"
      onSubmit={submit}
    >
      <FormErrors form={form} id="block" general={general} />
      <TextField form={form} id="block" name="reason" label={t("pt.ws.moderation.blockReason")} />
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={form.formState.isSubmitting}>
          {t("pt.ws.moderation.block")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => props.onDone(false)}>
          {t("pt.act.cancel")}
        </button>
      </div>
    </form>
  );
}
