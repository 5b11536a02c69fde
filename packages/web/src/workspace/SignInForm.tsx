/**
 * Sign-in and the password change (forced for a one-time password), with react-hook-form: errors on their
 * fields, a summary at the top, the focus on the first field in error; what was typed stays in the form on
 * any refusal.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { ApiError } from "../api/client.ts";
import { FormErrors, TextField } from "./fields.tsx";
import { sessionCalls } from "./session.ts";

/** Puts the server's field errors (`json.<name>` paths) on the form's fields; true when any was placed. */
export function placeServerErrors<F extends string>(
  e: ApiError,
  fields: Readonly<Record<string, F>>,
  setError: (name: F, error: { type: string; message: string }) => void,
): boolean {
  let placed = false;
  for (const d of e.details ?? []) {
    const name = fields[d.path.replace(/^json\./, "")];
    if (name) {
      setError(name, { type: "server", message: d.message });
      placed = true;
    }
  }
  return placed;
}

const signInSchema = z.object({
  email: z.string().trim().min(1, "ws.signIn.emailMissing"),
  password: z.string().min(1, "ws.signIn.passwordMissing"),
});

export function SignInForm(props: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<z.infer<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    const r = await sessionCalls().signIn(v.email.trim(), v.password);
    if (r.ok) return props.onSignedIn();
    if (placeServerErrors(r.error, { email: "email", password: "password" }, form.setError)) return;
    setGeneral(
      r.error.status === 401
        ? t("ws.signIn.refused")
        : r.error.status === 429
          ? t("ws.signIn.tooMany")
          : t("ws.error", { code: r.error.code, message: r.error.message }),
    );
  });
  return (
    <form className="ws-form" onSubmit={submit} noValidate aria-labelledby="signin-title">
      <h2 id="signin-title">{t("ws.signIn.title")}</h2>
      <FormErrors form={form} id="signin" general={general} />
      <TextField
        form={form}
        id="signin"
        name="email"
        label={t("ws.signIn.email")}
        type="email"
        autoComplete="username"
      />
      <TextField
        form={form}
        id="signin"
        name="password"
        label={t("ws.signIn.password")}
        type="password"
        autoComplete="current-password"
      />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("ws.busy") : t("ws.signIn.submit")}
      </button>
    </form>
  );
}

const passwordSchema = z
  .object({
    current: z.string().min(1, "ws.password.currentMissing"),
    new: z.string().min(12, "ws.password.tooShort"),
    again: z.string(),
  })
  .refine((v) => v.new === v.again, { path: ["again"], message: "ws.password.mismatch" });

export function ChangePasswordForm(props: { forced: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<z.infer<typeof passwordSchema>>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { current: "", new: "", again: "" },
  });
  const submit = form.handleSubmit(async (v) => {
    setDone(false);
    setGeneral(null);
    const r = await sessionCalls().changePassword(v.current, v.new);
    if (r.ok) {
      form.reset();
      setDone(true);
      return props.onChanged();
    }
    if (placeServerErrors(r.error, { current_password: "current", new_password: "new" }, form.setError))
      return;
    setGeneral(t("ws.error", { code: r.error.code, message: r.error.message }));
  });
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
      <FormErrors form={form} id="pw" general={general} />
      {done && (
        <p className="status" role="status">
          {t("ws.password.changed")}
        </p>
      )}
      <TextField
        form={form}
        id="pw"
        name="current"
        label={t("ws.password.current")}
        type="password"
        autoComplete="current-password"
      />
      <TextField
        form={form}
        id="pw"
        name="new"
        label={t("ws.password.new")}
        hint={t("ws.password.rule")}
        type="password"
        autoComplete="new-password"
      />
      <TextField
        form={form}
        id="pw"
        name="again"
        label={t("ws.password.again")}
        type="password"
        autoComplete="new-password"
      />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("ws.busy") : t("ws.password.submit")}
      </button>
    </form>
  );
}
