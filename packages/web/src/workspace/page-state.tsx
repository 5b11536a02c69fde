/** A workspace page's header with its loading state, or its error (the server's code and message). */
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Status } from "../components/Status.tsx";
import { apiErrorOf } from "./staff.ts";

export function PageState(props: { header: ReactNode; failed: boolean; error?: unknown }) {
  return (
    <>
      {props.header}
      {props.failed ? <Status kind="error" error={apiErrorOf(props.error)} /> : <Status kind="loading" />}
    </>
  );
}

/** A table's header row: one column header a label. */
export function HeadRow(props: { labels: readonly (string | undefined)[] }) {
  return (
    <thead>
      <tr>
        {props.labels.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table
          <th key={i} scope="col">
            {l}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A checkbox bound to a react-hook-form form, its label after it. */
export function CheckField<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  id: string;
  name: Path<T>;
  label: string;
}) {
  const id = `${props.id}-${props.name}`;
  return (
    <div className="field rp-check">
      <input id={id} type="checkbox" {...props.form.register(props.name)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** A form's end: "saved" once it is, and the submit button (disabled while sending). */
export function SaveRow(props: { saved: boolean; busy: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {props.saved && (
        <p className="status" role="status">
          {t("rp.row.saved")}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={props.busy}>
        {props.busy ? t("ws.busy") : props.label}
      </button>
    </>
  );
}
