/**
 * Form fields bound to react-hook-form: label, hint and error tied together (`aria-describedby`,
 * `aria-invalid`), and the error summary of a form. Validation messages are translation keys ("wk.err.*")
 * set by the form schemas (form-schemas.ts); a message that is not a key (the server's own words) is shown
 * as it is. On a failed submit the focus goes to the first field in error (react-hook-form's
 * `shouldFocusError`); the summary at the top is announced and links to each field. An error of no one field
 * (a refusal, a network failure) is in the summary, which then takes the focus.
 */
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldErrors, FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ErrorSummary, type FieldError } from "./Form.tsx";

/**
 * The text of a validation message: a "wk.*" key translated, anything else as it is. A key may name the lines
 * of a text field in error (`rp.prof.badPairs?lines=2,5`), given to the text as `lines`.
 */
export function useMessage(): (m: string | undefined) => string {
  const { t } = useTranslation();
  return (m) => {
    if (!m) return t("wk.err.invalid");
    const at = /^((?:w[ks]|pt|rp)\.[\w.]+)(?:\?lines=([\d,]+))?$/.exec(m);
    if (!at?.[1]) return m;
    return at[2] ? t(at[1], { lines: at[2].replaceAll(",", ", ") }) : t(at[1]);
  };
}

/** The input id of a form field (dots and brackets of nested names made id-safe), prefixed by the form. */
export function fieldId(form: string, name: string): string {
  return `${form}-${name.replace(/[.[\]]+/g, "-")}`;
}

/** Every error of a form with its field name (nested ones flattened: `tasks.0.due`). */
export function flatErrors(errors: FieldErrors, prefix = ""): Array<{ name: string; message?: string }> {
  const out: Array<{ name: string; message?: string }> = [];
  for (const [k, v] of Object.entries(errors)) {
    if (!v || k === "root") continue;
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof (v as { message?: unknown }).message === "string" || (v as { type?: unknown }).type)
      out.push({ name, message: (v as { message?: string }).message });
    else if (typeof v === "object") out.push(...flatErrors(v as FieldErrors, name));
  }
  return out;
}

/** The summary of a react-hook-form form's errors; `general` is an error of no one field (takes the focus). */
export function FormErrors<T extends FieldValues, O = T>(props: {
  form: UseFormReturn<T, unknown, O>;
  id: string;
  general?: string | null;
}) {
  const msg = useMessage();
  const errors: FieldError[] = flatErrors(props.form.formState.errors).map((e) => ({
    field: fieldId(props.id, e.name),
    message: msg(e.message),
  }));
  return <ErrorSummary errors={errors} general={props.general ?? null} takeFocus={Boolean(props.general)} />;
}

/** A field of a form whose values are `T` as typed, and `O` as its schema gives them (a transform: `O` differs). */
interface Common<T extends FieldValues, O = T> {
  form: UseFormReturn<T, unknown, O>;
  /** The form's id prefix. */
  id: string;
  name: Path<T>;
  label: string;
  /** Text, or text with a part tagged in its own language (a source quoted as published). */
  hint?: ReactNode;
}

function errorOf(errors: FieldErrors, name: string): string | undefined {
  let v: unknown = errors;
  for (const k of name.split("."))
    v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  const m = (v as { message?: unknown } | undefined)?.message;
  return typeof m === "string" ? m : v ? "" : undefined;
}

function Wrap(props: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="muted">
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error !== undefined && (
        <p id={`${props.id}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function aria(id: string, hint: ReactNode, error: string | undefined) {
  const described = [hint ? `${id}-hint` : "", error !== undefined ? `${id}-error` : ""].filter(Boolean);
  return {
    "aria-invalid": error !== undefined ? true : undefined,
    "aria-describedby": described.length ? described.join(" ") : undefined,
  } as const;
}

export function TextField<T extends FieldValues, O = T>(
  props: Common<T, O> & {
    type?: string;
    inputMode?: "numeric" | "decimal" | "text";
    autoComplete?: string;
    /** The id of a <datalist> of suggested values. */
    list?: string;
    /** The kinds of file a file input takes. */
    accept?: string;
  },
) {
  const msg = useMessage();
  const id = fieldId(props.id, props.name);
  const raw = errorOf(props.form.formState.errors, props.name);
  const error = raw === undefined ? undefined : msg(raw);
  return (
    <Wrap id={id} label={props.label} error={error} {...(props.hint ? { hint: props.hint } : {})}>
      <input
        id={id}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? "off"}
        list={props.list}
        accept={props.accept}
        {...aria(id, props.hint, error)}
        {...props.form.register(props.name)}
      />
    </Wrap>
  );
}

export function TextArea<T extends FieldValues, O = T>(
  props: Common<T, O> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "form" | "id" | "name">,
) {
  const { form, id: formId, name, label, hint, ...rest } = props;
  const msg = useMessage();
  const id = fieldId(formId, name);
  const raw = errorOf(form.formState.errors, name);
  const error = raw === undefined ? undefined : msg(raw);
  return (
    <Wrap id={id} label={label} error={error} {...(hint ? { hint } : {})}>
      <textarea id={id} rows={3} {...rest} {...aria(id, hint, error)} {...form.register(name)} />
    </Wrap>
  );
}

export function SelectField<T extends FieldValues, O = T>(
  props: Common<T, O> & {
    options: ReadonlyArray<{ value: string; label: string }>;
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "form" | "id" | "name">,
) {
  const { form, id: formId, name, label, hint, options, ...rest } = props;
  const msg = useMessage();
  const id = fieldId(formId, name);
  const raw = errorOf(form.formState.errors, name);
  const error = raw === undefined ? undefined : msg(raw);
  return (
    <Wrap id={id} label={label} error={error} {...(hint ? { hint } : {})}>
      <select id={id} {...rest} {...aria(id, hint, error)} {...form.register(name)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}
