/**
 * Sign-in and the forced password change: the forms the workspace shows in place when nobody is signed in
 * or when the account's password is a one-time one. What was typed stays in the form on any refusal.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { ErrorSummary, Field, type FieldError } from "./Form.tsx";
import { sessionCalls } from "./session.ts";

/** Field errors from the server's details (`json.<name>` paths) and the rest as one general message. */
export function serverErrors(
  e: ApiError,
  fields: Record<string, string>,
  general: (e: ApiError) => string,
): { errors: FieldError[]; general: string | null } {
  const errors: FieldError[] = [];
  for (const d of e.details ?? []) {
    const name = d.path.replace(/^json\./, "");
    const id = fields[name];
    if (id) errors.push({ field: id, message: d.message });
  }
  return { errors, general: errors.length ? null : general(e) };
}

export function SignInForm(props: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ errors: FieldError[]; general: string | null }>({
    errors: [],
    general: null,
  });

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const missing: FieldError[] = [
      ...(email.trim() ? [] : [{ field: "signin-email", message: t("ws.signIn.emailMissing") }]),
      ...(password ? [] : [{ field: "signin-password", message: t("ws.signIn.passwordMissing") }]),
    ];
    if (missing.length) return setErrors({ errors: missing, general: null });
    setBusy(true);
    const r = await sessionCalls().signIn(email.trim(), password);
    setBusy(false);
    if (r.ok) return props.onSignedIn();
    setErrors(
      serverErrors(r.error, { email: "signin-email", password: "signin-password" }, (e) =>
        e.status === 401
          ? t("ws.signIn.refused")
          : e.status === 429
            ? t("ws.signIn.tooMany")
            : t("ws.error", { code: e.code, message: e.message }),
      ),
    );
  }

  const err = (id: string) => errors.errors.find((e) => e.field === id)?.message;
  return (
    <form className="ws-form" onSubmit={submit} noValidate aria-labelledby="signin-title">
      <h2 id="signin-title">{t("ws.signIn.title")}</h2>
      <ErrorSummary errors={errors.errors} general={errors.general} />
      <Field
        id="signin-email"
        label={t("ws.signIn.email")}
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={err("signin-email")}
      />
      <Field
        id="signin-password"
        label={t("ws.signIn.password")}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={err("signin-password")}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("ws.busy") : t("ws.signIn.submit")}
      </button>
    </form>
  );
}

export function ChangePasswordForm(props: { forced: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<{ errors: FieldError[]; general: string | null }>({
    errors: [],
    general: null,
  });

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    const local: FieldError[] = [
      ...(current ? [] : [{ field: "pw-current", message: t("ws.password.currentMissing") }]),
      ...(next.length >= 12 ? [] : [{ field: "pw-new", message: t("ws.password.tooShort") }]),
      ...(next === again ? [] : [{ field: "pw-again", message: t("ws.password.mismatch") }]),
    ];
    if (local.length) return setErrors({ errors: local, general: null });
    setBusy(true);
    const r = await sessionCalls().changePassword(current, next);
    setBusy(false);
    if (r.ok) {
      setCurrent("");
      setNext("");
      setAgain("");
      setErrors({ errors: [], general: null });
      setDone(true);
      return props.onChanged();
    }
    setErrors(
      serverErrors(r.error, { current_password: "pw-current", new_password: "pw-new" }, (e) =>
        t("ws.error", { code: e.code, message: e.message }),
      ),
    );
  }

  const err = (id: string) => errors.errors.find((e) => e.field === id)?.message;
  return (
    <form
      className="ws-form"
      onSubmit={submit}
      noValidate
      {...(props.forced ? { "aria-labelledby": "pw-title" } : { "aria-label": t("ws.password.title") })}
    >
      {props.forced && (
        <>
          <h2 id="pw-title">{t("ws.password.forcedTitle")}</h2>
          <p>{t("ws.password.forcedLead")}</p>
        </>
      )}
      <ErrorSummary errors={errors.errors} general={errors.general} />
      {done && (
        <p className="status" role="status">
          {t("ws.password.changed")}
        </p>
      )}
      <Field
        id="pw-current"
        label={t("ws.password.current")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)}
        error={err("pw-current")}
      />
      <Field
        id="pw-new"
        label={t("ws.password.new")}
        hint={t("ws.password.rule")}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.currentTarget.value)}
        error={err("pw-new")}
      />
      <Field
        id="pw-again"
        label={t("ws.password.again")}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.currentTarget.value)}
        error={err("pw-again")}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("ws.busy") : t("ws.password.submit")}
      </button>
    </form>
  );
}
