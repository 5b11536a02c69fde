/**
 * The pages a mailed link opens, usable without being signed in: accepting an invitation
 * (/workspace/invitation?tenant=...&token=...; a new address chooses its name and password, an existing
 * account signs in and accepts), confirming a sign-up (/workspace/confirm?token=...) and resetting a password
 * (/workspace/reset-password, with ?token=... from the reset mail).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { ApiError } from "../api/client.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate, type Locale } from "../format.ts";
import { accountCalls } from "./accounts-api.ts";
import "./accounts.css";
import { FormErrors, TextField } from "./fields.tsx";
import { SignInForm } from "./SignInForm.tsx";
import { sessionCalls } from "./session.ts";
import { apiErrorOf, keys, unwrap } from "./staff.ts";

function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "ko";
}

/** Field errors from the server's details (`json.<name>`), the rest as a general message. */
function applyServerErrors(e: ApiError, set: (name: string, message: string) => boolean): string | null {
  let placed = false;
  for (const d of e.details ?? []) if (set(d.path.replace(/^json\./, ""), d.message)) placed = true;
  return placed ? null : e.message;
}

export function InvitationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useSite();
  const tenant = site.query.get("tenant") ?? "";
  const token = site.query.get("token") ?? "";
  const queryClient = useQueryClient();
  const [joined, setJoined] = useState<{ role: string } | null>(null);
  const view = useQuery({
    queryKey: ["invitation", tenant, token],
    queryFn: () => unwrap(accountCalls().lookupInvitation(tenant, token)),
    enabled: Boolean(tenant && token),
    retry: false,
  });
  const session = useQuery({
    queryKey: keys.session,
    queryFn: ({ signal }) => unwrap(sessionCalls().session(signal)),
  });
  const header = <PageHeader title={t("ac.link.invitationTitle")} />;
  if (!tenant || !token)
    return (
      <>
        {header}
        <Status kind="empty" message={t("ac.link.noToken")} />
      </>
    );
  if (view.isError)
    return (
      <div data-ready="invitation">
        {header}
        <p className="ws-notice ws-notice--warn" role="alert">
          {t("ac.link.badLink", { message: apiErrorOf(view.error).message })}
        </p>
      </div>
    );
  if (!view.data || !session.data)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  const v = view.data;
  const city = locale === "ko" ? v.tenant_name : v.tenant_name_en;
  const role = t(`ws.roles.${v.role}`);
  const workspace = `${pathFor(locale, { page: "workspace", path: ["work"] })}?city=${encodeURIComponent(v.tenant)}`;
  if (joined)
    return (
      <div data-ready="invitation">
        {header}
        <p className="ws-notice" role="status">
          {t("ac.link.joined", { city, role })}
        </p>
        <p>
          <Link href={workspace}>{t("ac.link.openWorkspace")}</Link>
        </p>
      </div>
    );
  const user = session.data.user;
  const done = async () => {
    setJoined({ role: v.role });
    await queryClient.invalidateQueries({ queryKey: keys.session });
  };
  return (
    <div data-ready="invitation">
      {header}
      <p>{t("ac.link.invitationLead", { city, role })}</p>
      <ul>
        <li>{t("ac.link.invitedAs", { email: v.email })}</li>
        {v.departments.length > 0 && (
          <li>{t("ac.link.departments", { departments: v.departments.join(", ") })}</li>
        )}
        <li>{t("ac.link.expires", { date: formatDate(v.expires_at.slice(0, 10), locale) })}</li>
      </ul>
      {!v.account_exists ? (
        <NewAccount tenant={tenant} token={token} onJoined={done} />
      ) : !user ? (
        <>
          <p>{t("ac.link.signInFirst")}</p>
          <SignInForm onSignedIn={() => void queryClient.invalidateQueries({ queryKey: keys.session })} />
        </>
      ) : user.email !== v.email ? (
        <p className="ws-notice ws-notice--warn">{t("ac.link.wrongAccount", { email: user.email })}</p>
      ) : (
        <AcceptSignedIn tenant={tenant} token={token} email={user.email} onJoined={done} />
      )}
    </div>
  );
}

function NewAccount(props: { tenant: string; token: string; onJoined: () => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(null);
  const schema = z.object({
    name: z.string().trim().min(1, t("ac.link.required")).max(200),
    password: z.string().min(12, t("ac.link.password")).max(128),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: "", password: "" } });
  async function submit(v: Values) {
    setGeneral(null);
    const r = await accountCalls().acceptInvitation(props.tenant, { token: props.token, ...v });
    if (r.ok) return props.onJoined();
    setGeneral(
      applyServerErrors(r.error, (name, message) => {
        if (name !== "name" && name !== "password") return false;
        form.setError(name, { message });
        return true;
      }),
    );
  }
  return (
    <form className="ws-form" onSubmit={form.handleSubmit(submit)} noValidate>
      <p>{t("ac.link.newAccount")}</p>
      <FormErrors form={form} id="accept" general={general} />
      <TextField form={form} id="accept" name="name" label={t("ac.link.name")} autoComplete="name" />
      <TextField
        form={form}
        id="accept"
        name="password"
        type="password"
        label={t("ac.link.password")}
        autoComplete="new-password"
      />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("ac.link.accept")}
      </button>
    </form>
  );
}

function AcceptSignedIn(props: { tenant: string; token: string; email: string; onJoined: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function accept() {
    setBusy(true);
    const r = await accountCalls().acceptInvitation(props.tenant, { token: props.token });
    setBusy(false);
    if (r.ok) return props.onJoined();
    setError(r.error.message);
  }
  return (
    <>
      {error && (
        <p className="ws-notice ws-notice--warn" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button button--primary" onClick={accept} disabled={busy}>
        {t("ac.link.acceptSignedIn", { email: props.email })}
      </button>
    </>
  );
}

export function ConfirmPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useSite();
  const token = site.query.get("token") ?? "";
  const [state, setState] = useState<
    { s: "busy" } | { s: "ok"; email: string } | { s: "bad"; message: string }
  >({ s: "busy" });
  const sent = useRef(false);
  useEffect(() => {
    // the link is used once: the request is sent once, even when React runs the effect twice
    if (sent.current || !token) return;
    sent.current = true;
    void accountCalls()
      .confirmAccount(token)
      .then((r) =>
        setState(r.ok ? { s: "ok", email: r.data.email } : { s: "bad", message: r.error.message }),
      );
  }, [token]);
  const header = <PageHeader title={t("ac.link.confirmTitle")} />;
  if (!token)
    return (
      <>
        {header}
        <Status kind="empty" message={t("ac.link.noToken")} />
      </>
    );
  return (
    <div data-ready={state.s === "busy" ? undefined : "confirm"}>
      {header}
      {state.s === "busy" && <Status kind="loading" message={t("ac.link.confirming")} />}
      {state.s === "ok" && (
        <>
          <p className="ws-notice" role="status">
            {t("ac.link.confirmed", { email: state.email })}
          </p>
          <p>
            <Link href={pathFor(locale, { page: "workspace" })}>{t("ac.link.signIn")}</Link>
          </p>
        </>
      )}
      {state.s === "bad" && (
        <p className="ws-notice ws-notice--warn" role="alert">
          {t("ac.link.badLink", { message: state.message })}
        </p>
      )}
    </div>
  );
}

export function ResetPage() {
  const { t } = useTranslation();
  const site = useSite();
  const token = site.query.get("token");
  return (
    <div data-ready="reset">
      <PageHeader title={t("ac.link.resetTitle")} />
      {token ? <NewPassword token={token} /> : <AskReset />}
    </div>
  );
}

function AskReset() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const schema = z.object({
    email: z
      .string()
      .trim()
      .pipe(z.email(t("ac.link.email"))),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "" } });
  async function submit(v: Values) {
    setGeneral(null);
    const r = await accountCalls().requestReset(v.email);
    if (r.ok) setSent(true);
    else setGeneral(r.error.message);
  }
  if (sent)
    return (
      <p className="ws-notice" role="status">
        {t("ac.link.resetSent")}
      </p>
    );
  return (
    <form className="ws-form" onSubmit={form.handleSubmit(submit)} noValidate>
      <p>{t("ac.link.resetLead")}</p>
      <FormErrors form={form} id="reset" general={general} />
      <TextField
        form={form}
        id="reset"
        name="email"
        type="email"
        label={t("ac.link.resetEmail")}
        autoComplete="email"
      />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("ac.link.resetSend")}
      </button>
    </form>
  );
}

function NewPassword(props: { token: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [done, setDone] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const schema = z.object({ password: z.string().min(12, t("ac.link.newPassword")).max(128) });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { password: "" } });
  async function submit(v: Values) {
    setGeneral(null);
    const r = await accountCalls().resetPassword(props.token, v.password);
    if (r.ok) return setDone(true);
    setGeneral(
      applyServerErrors(r.error, (name, message) => {
        if (name !== "new_password") return false;
        form.setError("password", { message });
        return true;
      }),
    );
  }
  if (done)
    return (
      <>
        <p className="ws-notice" role="status">
          {t("ac.link.resetDone")}
        </p>
        <p>
          <Link href={pathFor(locale, { page: "workspace" })}>{t("ac.link.signIn")}</Link>
        </p>
      </>
    );
  return (
    <form className="ws-form" onSubmit={form.handleSubmit(submit)} noValidate>
      <FormErrors form={form} id="newpw" general={general} />
      <TextField
        form={form}
        id="newpw"
        name="password"
        type="password"
        label={t("ac.link.newPassword")}
        autoComplete="new-password"
      />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("ac.link.resetSave")}
      </button>
    </form>
  );
}
