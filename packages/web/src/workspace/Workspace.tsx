/**
 * The staff workspace's entry (/ko/workspace, /en/workspace; a lazily loaded chunk): sign in in place when
 * nobody is signed in, the forced password change when the password is a one-time one, then who is signed
 * in with their role and departments in each city, password change and sign-out.
 * `data-ready` on the page marks when it can be used (the e2e measures the time to it).
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { ChangePasswordForm, SignInForm } from "./SignInForm.tsx";
import { type SessionInfo, sessionCalls } from "./session.ts";

type Loaded =
  | { state: "loading" }
  | { state: "ready"; session: SessionInfo }
  | { state: "error"; error: ApiError };

export default function Workspace() {
  const { t } = useTranslation();
  const [s, setS] = useState<Loaded>({ state: "loading" });
  const [signedOut, setSignedOut] = useState(false);

  const reload = useCallback(async () => {
    const r = await sessionCalls().session();
    setS(r.ok ? { state: "ready", session: r.data } : { state: "error", error: r.error });
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function signOut() {
    const r = await sessionCalls().signOut();
    if (r.ok) setSignedOut(true);
    await reload();
  }

  const header = <PageHeader title={t("ws.title")} lead={t("ws.lead")} />;
  if (s.state !== "ready")
    return (
      <>
        {header}
        <Status kind={s.state} {...(s.state === "error" ? { error: s.error } : {})} />
      </>
    );
  const user = s.session.user;
  return (
    <div data-ready="workspace">
      {header}
      {!user ? (
        <>
          {signedOut && (
            <p className="status" role="status">
              {t("ws.signedOut")}
            </p>
          )}
          <SignInForm onSignedIn={reload} />
        </>
      ) : user.must_change_password ? (
        <ChangePasswordForm forced onChanged={reload} />
      ) : (
        <>
          <Section title={t("ws.me.title")} id="me">
            <p data-testid="ws-user">{t("ws.me.signedInAs", { name: user.name, email: user.email })}</p>
            {s.session.memberships.length === 0 ? (
              <p>{user.platform_admin ? t("ws.me.platformAdmin") : t("ws.me.noMembership")}</p>
            ) : (
              <table className="table">
                <caption>{t("ws.me.membershipsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("ws.me.city")}</th>
                    <th scope="col">{t("ws.me.role")}</th>
                    <th scope="col">{t("ws.me.departments")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.session.memberships.map((m) => (
                    <tr key={m.tenant}>
                      <td>{m.tenant}</td>
                      <td>{t(`ws.roles.${m.role}`, { defaultValue: m.role })}</td>
                      <td>{m.departments.join(", ") || t("ws.me.allDepartments")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <button type="button" className="button" onClick={signOut}>
              {t("ws.signOut")}
            </button>
          </Section>
          <Section title={t("ws.password.title")} id="password">
            <ChangePasswordForm forced={false} onChanged={reload} />
          </Section>
        </>
      )}
    </div>
  );
}
