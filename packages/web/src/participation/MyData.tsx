/**
 * "My data" (/ko/account/data): everything Citypath holds of the signed-in account (PIPA Art. 35) as the
 * server reports it: the account, its consents, memberships, contributions, supports, reports and resident
 * verifications; the same as a JSON file to keep (Art. 35-2); and deleting the account (Art. 36), with the
 * password asked again, a choice of what becomes of the contributions (kept under "deleted account", or
 * their texts removed too: the rule the consent text states) and a confirmation.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, api, result } from "../api/client.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatInstant, formatNumber } from "../format.ts";
import { staffClient } from "../workspace/session.ts";
import { apiErrorOf, keys, unwrap } from "../workspace/staff.ts";
import { ReasonList } from "./Reasons.tsx";
import { refusalReasons } from "./text-check.ts";

const myDataKey = ["me", "data"] as const;

export function MyData() {
  const { t } = useTranslation();
  const { locale } = useSite();
  const qc = useQueryClient();
  const data = useQuery({
    queryKey: myDataKey,
    queryFn: ({ signal }) => unwrap(result(staffClient().http.GET("/api/me/data", { signal }), signal)),
    retry: false,
  });
  const [deleted, setDeleted] = useState(false);
  const header = <PageHeader title={t("pt.data.title")} lead={t("pt.data.lead")} />;
  if (deleted)
    return (
      <div data-ready="my-data">
        {header}
        <p className="ws-notice" role="status" data-testid="account-deleted">
          {t("pt.data.deleted")}
        </p>
      </div>
    );
  if (data.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (data.isError) {
    const e = apiErrorOf(data.error);
    return (
      <div data-ready="my-data">
        {header}
        {e.status === 401 ? (
          <p>
            <Link
              href={`${pathFor(locale, { page: "account" })}?next=${encodeURIComponent(pathFor(locale, { page: "account", path: ["data"] }))}`}
            >
              {t("pt.signInLink")}
            </Link>
          </p>
        ) : (
          <Status kind="error" error={e} />
        )}
      </div>
    );
  }
  const d = data.data;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <div data-ready="my-data">
      {header}
      <p>
        <a
          className="button"
          href={api.url("/me/data/download")}
          download="citypath-my-data.json"
          data-testid="download"
        >
          {t("pt.data.download")}
        </a>
      </p>
      <Section title={t("pt.data.account")} id="data-account">
        <dl className="facts">
          <dt>{t("pt.account.email")}</dt>
          <dd>{d.account.email}</dd>
          <dt>{t("pt.account.name")}</dt>
          <dd>{d.account.name}</dd>
          <dt>{t("pt.data.district")}</dt>
          <dd>{d.account.district ?? t("pt.data.none")}</dd>
          <dt>{t("pt.account.emailVerified")}</dt>
          <dd>{d.account.email_verified ? t("pt.account.yes") : t("pt.account.no")}</dd>
          <dt>{t("pt.data.created")}</dt>
          <dd>{formatInstant(d.account.created_at, locale)}</dd>
          <dt>{t("pt.data.lastActive")}</dt>
          <dd>{formatInstant(d.account.last_active_at, locale)}</dd>
        </dl>
      </Section>
      <Section title={t("pt.data.consents")} id="data-consents">
        <ul>
          {d.consents.map((c) => (
            <li key={`${c.kind}-${c.given_at}`}>
              {t(`pt.data.consentKinds.${c.kind}`)}:{" "}
              {t("pt.data.given", { date: formatInstant(c.given_at, locale), version: c.text_version })}
              {c.withdrawn_at &&
                ` · ${t("pt.data.withdrawn", { date: formatInstant(c.withdrawn_at, locale) })}`}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("pt.data.held")} id="data-held">
        <dl className="facts" data-testid="data-counts">
          <dt>{t("pt.data.contributions")}</dt>
          <dd>{n(d.contributions.length)}</dd>
          <dt>{t("pt.data.supports")}</dt>
          <dd>{n(d.supports.length)}</dd>
          <dt>{t("pt.data.reports")}</dt>
          <dd>{n(d.reports.length)}</dd>
          <dt>{t("pt.data.verifications")}</dt>
          <dd>{n(d.resident_verifications.length)}</dd>
          <dt>{t("pt.data.memberships")}</dt>
          <dd>{n(d.memberships.length)}</dd>
        </dl>
        {d.contributions.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption>{t("pt.data.contributions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("pt.data.when")}</th>
                  <th scope="col">{t("pt.data.consultation")}</th>
                  <th scope="col">{t("pt.data.text")}</th>
                </tr>
              </thead>
              <tbody>
                {d.contributions.map((c) => (
                  <tr key={c.id}>
                    <td>{formatInstant(c.created_at, locale)}</td>
                    <td>
                      <Link href={pathFor(locale, { page: "consultation", consultationId: c.consultation })}>
                        {c.consultation}
                      </Link>
                    </td>
                    <td className="pt-item__text">{c.title ? `${c.title}: ${c.text}` : c.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <DeleteAccount
        onDeleted={() => {
          setDeleted(true);
          qc.removeQueries({ queryKey: ["t"] });
          void qc.invalidateQueries({ queryKey: keys.session });
        }}
      />
    </div>
  );
}

function DeleteAccount(props: { onDeleted(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [texts, setTexts] = useState<"keep_text" | "remove_text">("keep_text");
  const [sure, setSure] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Section title={t("pt.data.deleteTitle")} id="data-delete">
      <p>{t("pt.data.deleteLead")}</p>
      <form
        className="ws-form"
        noValidate
        aria-labelledby="data-delete-h"
        onSubmit={async (e) => {
          e.preventDefault();
          setProblem(null);
          setError(null);
          if (!password) return setProblem(t("pt.data.passwordMissing"));
          if (!sure) return setProblem(t("pt.data.sureMissing"));
          setBusy(true);
          const r = await result(
            staffClient().http.DELETE("/api/me", { body: { password, contributions: texts } }),
          );
          setBusy(false);
          if (r.ok) return props.onDeleted();
          setError(r.error);
        }}
      >
        {(problem || error) && (
          <div className="error-summary" role="alert">
            {problem ? <p>{problem}</p> : error && <ReasonList reasons={refusalReasons(error)} />}
          </div>
        )}
        <div className="field">
          <label htmlFor="delete-password">{t("pt.data.password")}</label>
          <input
            id="delete-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <fieldset className="ws-fieldset">
          <legend>{t("pt.data.afterDeletion")}</legend>
          {(["keep_text", "remove_text"] as const).map((v) => (
            <label key={v} className="ws-check">
              <input
                type="radio"
                name="delete-texts"
                value={v}
                checked={texts === v}
                onChange={() => setTexts(v)}
              />{" "}
              {t(`pt.data.${v}`)}
            </label>
          ))}
        </fieldset>
        <label className="ws-check">
          <input
            id="delete-sure"
            type="checkbox"
            checked={sure}
            onChange={(e) => setSure(e.currentTarget.checked)}
          />{" "}
          {t("pt.data.sure")}
        </label>
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? t("ws.busy") : t("pt.data.delete")}
        </button>
      </form>
    </Section>
  );
}
