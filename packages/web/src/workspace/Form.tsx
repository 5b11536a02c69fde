/**
 * The summary of the errors at the top that takes the focus so that a keyboard or screen
 * reader user hears what to fix, each entry linking to its field.
 */
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

export interface FieldError {
  /** The input's id. */
  field: string;
  message: string;
}

/**
 * The errors of a submitted form; focused when it appears unless `takeFocus` is false (the form then puts
 * the focus on its first field in error). `general` are errors of no one field.
 */
export function ErrorSummary(props: { errors: FieldError[]; general?: string | null; takeFocus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const count = props.errors.length + (props.general ? 1 : 0);
  const takeFocus = props.takeFocus ?? true;
  useEffect(() => {
    if (count > 0 && takeFocus) ref.current?.focus();
  }, [count, takeFocus]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId}>{t("ws.form.errorsTitle")}</h2>
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
