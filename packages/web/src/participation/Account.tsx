/**
 * A person's account for taking part (/ko/account): sign in, or sign up (/ko/account/sign-up: email,
 * display name, which may be a pseudonym, and password; the confirmation link is mailed); once signed in,
 * their standing in the city (email confirmed, verified resident, badge) and the resident verification form
 * (name, birth date and district matched against the city's census; nothing is stored, no resident
 * registration number is asked). `?next=` brings the person back to the page they came from.
 */

import { BADGE_LABELS } from "@citypath/core/participation/vocabulary";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { ApiError } from "../api/client.ts";
import { api, result, type Schemas } from "../api/client.ts";
import { useTenantSlug } from "../api/hooks.ts";
import { localize } from "../api/model.ts";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { navigate, pathFor } from "../app/router.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { FormErrors, TextField } from "../workspace/fields.tsx";
import { placeServerErrors, SignInForm } from "../workspace/SignInForm.tsx";
import { sessionCalls, staffClient } from "../workspace/session.ts";
import { keys, unwrap } from "../workspace/staff.ts";
import { participationCalls, ptKeys } from "./api.ts";
import { MyData } from "./MyData.tsx";
import { ReasonList } from "./Reasons.tsx";
import { ParticipationShell, useStanding } from "./shell.tsx";
import { refusalReasons } from "./text-check.ts";

export default function Account(props: { path: readonly string[] }) {
  return (
    <ParticipationShell>
      {props.path[0] === "sign-up" ? <SignUp /> : props.path[0] === "data" ? <MyData /> : <Entry />}
    </ParticipationShell>
  );
}

/** Where to go after signing in: a path on this site only (never another origin). */
export function safeNext(next: string | null): string | null {
  return next?.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : null;
}

function Entry() {
  const { t } = useTranslation();
  const { locale, query } = useSite();
  const slug = useTenantSlug();
  const qc = useQueryClient();
  const standing = useStanding(slug);
  const next = safeNext(query.get("next"));
  const [verified, setVerified] = useState(false);
  const header = <PageHeader title={t("pt.account.title")} lead={t("pt.account.lead")} />;
  if (standing.loading && !standing.session)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  const user = standing.session?.user;
  if (!user)
    return (
      <div data-ready="account">
        {header}
        <SignInForm
          onSignedIn={() => {
            void qc.invalidateQueries({ queryKey: keys.session });
            if (next) navigate(next);
          }}
        />
        <p>
          {t("pt.account.noAccount")}{" "}
          <Link
            href={`${pathFor(locale, { page: "account", path: ["sign-up"] })}${next ? `?next=${encodeURIComponent(next)}` : ""}`}
          >
            {t("pt.account.signUpLink")}
          </Link>
        </p>
      </div>
    );
  const me = standing.me;
  return (
    <div data-ready={standing.loading ? undefined : "account"}>
      {header}
      <p data-testid="account-user">{t("pt.account.signedInAs", { name: user.name, email: user.email })}</p>
      {me && (
        <dl className="facts">
          <dt>{t("pt.account.emailVerified")}</dt>
          <dd>{me.email_verified ? t("pt.account.yes") : t("pt.account.no")}</dd>
          <dt>{t("pt.account.resident")}</dt>
          <dd data-testid="resident">{me.resident ? t("pt.account.yes") : t("pt.account.no")}</dd>
          {me.badge && (
            <>
              <dt>{t("pt.comments.badge")}</dt>
              <dd>{localize(BADGE_LABELS[me.badge], locale)}</dd>
            </>
          )}
        </dl>
      )}
      {next && (
        <p>
          <Link href={next}>{t("pt.account.back")}</Link>
        </p>
      )}
      <p>
        <Link href={pathFor(locale, { page: "account", path: ["data"] })}>{t("pt.data.link")}</Link>
      </p>
      {verified && (
        <p className="ws-notice" role="status">
          {t("pt.account.verified")}
        </p>
      )}
      {me && !me.resident && slug && <Verify slug={slug} onVerified={() => setVerified(true)} />}
      <button
        type="button"
        className="button button--secondary"
        onClick={async () => {
          await sessionCalls().signOut();
          qc.removeQueries({ queryKey: ["t"] });
          await qc.invalidateQueries({ queryKey: keys.session });
        }}
      >
        {t("ws.signOut")}
      </button>
    </div>
  );
}

const dateOk = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const verifySchema = z.object({
  name: z.string().trim().min(1, "pt.account.required"),
  birth_date: z.string().trim().refine(dateOk, "pt.account.date"),
  district: z.string().trim().min(1, "pt.account.required"),
});

function Verify(props: { slug: string; onVerified(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const form = useForm<z.infer<typeof verifySchema>>({
    resolver: zodResolver(verifySchema),
    defaultValues: { name: "", birth_date: "", district: "" },
  });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const r = await participationCalls().verify(props.slug, {
      name: v.name.trim(),
      birth_date: v.birth_date.trim(),
      district: v.district.trim(),
    });
    if (r.ok) {
      props.onVerified();
      await qc.invalidateQueries({ queryKey: ptKeys.me(props.slug) });
      return;
    }
    setError(r.error);
  });
  return (
    <Section title={t("pt.account.verifyTitle")} id="verify">
      <p>{t("pt.account.verifyLead")}</p>
      <form className="ws-form" onSubmit={submit} noValidate aria-labelledby="verify-h">
        <FormErrors form={form} id="verify" />
        {error && (
          <div className="error-summary" role="alert">
            {error.status === 404 || (error.status === 400 && !error.details?.length) ? (
              <p>{t("pt.account.verifyFailed")}</p>
            ) : (
              <ReasonList reasons={refusalReasons(error)} />
            )}
          </div>
        )}
        <TextField
          form={form}
          id="verify"
          name="name"
          label={t("pt.account.verifyName")}
          autoComplete="name"
        />
        <TextField
          form={form}
          id="verify"
          name="birth_date"
          label={t("pt.account.verifyBirth")}
          autoComplete="bday"
          inputMode="numeric"
        />
        <TextField form={form} id="verify" name="district" label={t("pt.account.verifyDistrict")} />
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("ws.busy") : t("pt.account.verifySubmit")}
        </button>
      </form>
    </Section>
  );
}

const signUpSchema = z.object({
  name: z.string().trim().min(1, "pt.account.required"),
  email: z.string().trim().email("pt.account.emailInvalid"),
  password: z.string().min(12, "pt.account.passwordShort"),
  // the consent screen's answers: the server refuses without the required consent or under 14 and says why
  required: z.boolean(),
  age: z.boolean(),
  optional_district: z.boolean(),
  optional_mail_notices: z.boolean(),
});

/** The consent texts the server serves (ko/en) with their version: shown as they are, never a copy. */
function ConsentFields(props: {
  form: ReturnType<typeof useForm<z.infer<typeof signUpSchema>>>;
  texts: Schemas["ConsentTexts"];
}) {
  const { locale } = useSite();
  const { form, texts } = props;
  const l = (x: { ko: string; en: string }) => localize(x, locale);
  const box = (name: "required" | "age" | "optional_district" | "optional_mail_notices", label: string) => (
    <div className="ws-field">
      <label htmlFor={`signup-${name}`}>
        <input id={`signup-${name}`} type="checkbox" {...form.register(name)} /> {label}
      </label>
    </div>
  );
  return (
    <fieldset className="ws-fieldset" data-consent-version={texts.version}>
      <legend>{l(texts.title)}</legend>
      <ul>
        <li>{l(texts.required.purpose)}</li>
        <li>{l(texts.required.items)}</li>
        <li>{l(texts.required.retention)}</li>
        <li>{l(texts.required.refusal)}</li>
      </ul>
      <p>{l(texts.after_deletion)}</p>
      {box("required", l(texts.agree))}
      {box("age", l(texts.age))}
      {box("optional_district", l(texts.optional.optional_district))}
      {box("optional_mail_notices", l(texts.optional.optional_mail_notices))}
    </fieldset>
  );
}

function SignUp() {
  const { t } = useTranslation();
  const { locale, query } = useSite();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [general, setGeneral] = useState<ApiError | null>(null);
  const next = safeNext(query.get("next"));
  const form = useForm<z.infer<typeof signUpSchema>>({
    resolver: zodResolver(signUpSchema),
    defaultValues: {
      name: "",
      email: "",
      password: "",
      required: false,
      age: false,
      optional_district: false,
      optional_mail_notices: false,
    },
  });
  const texts = useQuery({
    queryKey: ["consent-texts"],
    queryFn: ({ signal }) => unwrap(result(api.http.GET("/api/privacy/consent-texts", { signal }), signal)),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    if (!texts.data) return;
    const body = {
      name: v.name.trim(),
      email: v.email.trim(),
      password: v.password,
      consent: {
        version: texts.data.version,
        required: v.required,
        age_14_or_older: v.age,
        optional: [
          ...(v.optional_district ? (["optional_district"] as const) : []),
          ...(v.optional_mail_notices ? (["optional_mail_notices"] as const) : []),
        ],
      },
    };
    const r = await result(staffClient(api).http.POST("/api/auth/sign-up/email", { body }));
    if (r.ok) {
      setSentTo(body.email);
      return;
    }
    if (placeServerErrors(r.error, { name: "name", email: "email", password: "password" }, form.setError))
      return;
    setGeneral(r.error);
  });
  const header = <PageHeader title={t("pt.account.signUpTitle")} lead={t("pt.account.signUpLead")} />;
  if (sentTo)
    return (
      <div data-ready="sign-up">
        {header}
        <p className="ws-notice" role="status">
          {t("pt.account.checkMail", { email: sentTo })}
        </p>
      </div>
    );
  return (
    <div data-ready="sign-up">
      {header}
      <form className="ws-form" onSubmit={submit} noValidate aria-label={t("pt.account.signUpTitle")}>
        <FormErrors form={form} id="signup" />
        {general && (
          <div className="error-summary" role="alert">
            <ReasonList reasons={refusalReasons(general)} />
          </div>
        )}
        <TextField form={form} id="signup" name="name" label={t("pt.account.name")} autoComplete="nickname" />
        <TextField
          form={form}
          id="signup"
          name="email"
          label={t("pt.account.email")}
          type="email"
          autoComplete="email"
        />
        <TextField
          form={form}
          id="signup"
          name="password"
          label={t("pt.account.password")}
          type="password"
          autoComplete="new-password"
        />
        {texts.data ? (
          <ConsentFields form={form} texts={texts.data} />
        ) : (
          <Status kind={texts.isError ? "error" : "loading"} />
        )}
        <button type="submit" className="button" disabled={form.formState.isSubmitting || !texts.data}>
          {form.formState.isSubmitting ? t("ws.busy") : t("pt.account.submit")}
        </button>
      </form>
      <p>
        {t("pt.account.haveAccount")}{" "}
        <Link
          href={`${pathFor(locale, { page: "account" })}${next ? `?next=${encodeURIComponent(next)}` : ""}`}
        >
          {t("pt.account.signInLink")}
        </Link>
      </p>
    </div>
  );
}
