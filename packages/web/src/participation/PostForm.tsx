/**
 * Writing a comment, a reply or a proposal. Before posting the page says that political views are sensitive
 * personal data (PIPA Art. 23) and checks the text as the server will (the core's personal-data check):
 * phone numbers and email addresses are listed and need a tick to post anyway; a resident registration
 * number is refused. Lengths are counted as the core counts them. The server's refusals are shown with
 * their reasons in the page's language; what was typed stays in the form.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ApiError, ApiResult } from "../api/client.ts";
import { useSite } from "../app/context.ts";
import { formatNumber } from "../format.ts";
import { FormErrors, fieldId, TextArea, TextField } from "../workspace/fields.tsx";
import { ReasonList } from "./Reasons.tsx";
import { characterCount, LIMITS, lengthProblem, refusalReasons, textCheck } from "./text-check.ts";

export interface PostValues {
  title: string;
  text: string;
  confirm: boolean;
}

export function PostForm(props: {
  /** The form's id prefix (unique on the page). */
  id: string;
  kind: "comment" | "reply" | "proposal" | "edit";
  heading: string;
  initial?: { title?: string; text: string };
  /** Shown above the submit button (a proposal's scenario). */
  extra?: React.ReactNode;
  submitLabel: string;
  send(v: { title: string; text: string; confirm: boolean }): Promise<ApiResult<unknown>>;
  onDone(): void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useSite();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const form = useForm<PostValues>({
    defaultValues: { title: props.initial?.title ?? "", text: props.initial?.text ?? "", confirm: false },
  });
  const text = form.watch("text");
  const title = form.watch("title");
  const withTitle =
    props.kind === "proposal" || (props.kind === "edit" && props.initial?.title !== undefined);
  const limit = props.kind === "proposal" || withTitle ? LIMITS.proposal : LIMITS.comment;
  const check = textCheck(text, withTitle ? title : "");
  const confirmId = fieldId(props.id, "confirm");

  const submit = form.handleSubmit(async (v) => {
    setRefusal(null);
    let bad = false;
    const length = (name: "text" | "title", value: string, l: { min: number; max: number }) => {
      const p = lengthProblem(value, l);
      if (!p) return;
      bad = true;
      form.setError(name, {
        type: "length",
        message: t(p === "short" ? "pt.reason.short" : "pt.reason.long", {
          limit: formatNumber(p === "short" ? l.min : l.max, locale),
          n: formatNumber(characterCount(value), locale),
        }),
      });
    };
    length("text", v.text, limit);
    if (withTitle) length("title", v.title, LIMITS.title);
    if (check.refused.length) {
      bad = true;
      form.setError("text", { type: "personal-data", message: t("pt.post.refused") });
    }
    if (check.warnings.length && !v.confirm) {
      bad = true;
      form.setError("confirm", {
        type: "personal-data",
        message: `${t("pt.post.warnings")} ${check.warnings.map((k) => t(`pt.pd.${k}`)).join(", ")}`,
      });
    }
    if (bad) return;
    const r = await props.send({ title: v.title.trim(), text: v.text, confirm: v.confirm });
    if (r.ok) {
      form.reset({ title: "", text: "", confirm: false });
      props.onDone();
      return;
    }
    setRefusal(r.error);
  });

  return (
    <form className="pt-form ws-form" onSubmit={submit} noValidate aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`}>{props.heading}</h3>
      <p className="ws-notice" id={`${props.id}-notice`}>
        {t("pt.post.notice")}
      </p>
      <FormErrors form={form} id={props.id} />
      {refusal && (
        <div className="error-summary" role="alert">
          <h4>{t("pt.post.refusedTitle")}</h4>
          <ReasonList reasons={refusalReasons(refusal)} />
        </div>
      )}
      {withTitle && (
        <TextField
          form={form}
          id={props.id}
          name="title"
          label={t("pt.post.title")}
          hint={t("pt.post.count", {
            n: formatNumber(characterCount(title), locale),
            min: LIMITS.title.min,
            max: LIMITS.title.max,
          })}
        />
      )}
      <TextArea
        form={form}
        id={props.id}
        name="text"
        rows={props.kind === "proposal" ? 6 : 3}
        label={t("pt.post.text")}
        hint={t("pt.post.count", {
          n: formatNumber(characterCount(text), locale),
          min: limit.min,
          max: formatNumber(limit.max, locale),
        })}
      />
      {check.refused.length > 0 && (
        <p className="field__error" role="status">
          {t("pt.post.refused")}
        </p>
      )}
      {check.warnings.length > 0 && (
        <div className="ws-notice ws-notice--warn" role="status">
          <p>{t("pt.post.warnings")}</p>
          <ul>
            {check.warnings.map((k) => (
              <li key={k}>{t(`pt.pd.${k}`)}</li>
            ))}
          </ul>
          <label className="ws-check">
            <input id={confirmId} type="checkbox" {...form.register("confirm")} /> {t("pt.post.confirm")}
          </label>
        </div>
      )}
      {props.extra}
      <div className="button-row">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("ws.busy") : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button button--secondary" onClick={props.onCancel}>
            {t("pt.act.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
