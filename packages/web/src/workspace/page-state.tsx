/** A workspace page's header with its loading state, or its error (the server's code and message). */
import type { ReactNode } from "react";
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
