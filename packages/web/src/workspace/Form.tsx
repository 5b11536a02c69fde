/**
 * Form pieces of the workspace: a field with its label, hint and error tied together (aria-describedby,
 * aria-invalid), and a summary of the errors at the top that takes the focus so that a keyboard or screen
 * reader user hears what to fix, each entry linking to its field.
 */
import { type InputHTMLAttributes, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export interface FieldError {
  /** The input's id. */
  field: string;
  message: string;
}

export function Field(
  props: { id: string; label: string; hint?: string; error?: string } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { id, label, hint, error, ...input } = props;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The errors of a submitted form; focused when it appears. `general` are errors of no one field. */
export function ErrorSummary(props: { errors: FieldError[]; general?: string | null }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const count = props.errors.length + (props.general ? 1 : 0);
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("ws.form.errorsTitle")}</h2>
      <ul>
        {props.general && <li>{props.general}</li>}
        {props.errors.map((e) => (
          <li key={e.field}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
