/**
 * Every problem of an imported file, located by row and column, in a table sorted by any column and filtered
 * by text, column and code. The server words its reasons in English with a stable code; a Korean page says
 * the reason by its code (with the values the server's reason quotes), an English page as the server wrote it.
 */
import type { i18n as I18n } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../api/client.ts";
import { formatNumber } from "../format.ts";

export type ImportProblem = Schemas["ImportPreview"]["problems"][number];

/** The values a server reason quotes ('x' or "x"), to say them beside a translated reason. */
export function quotedValues(reason: string): string[] {
  return [...reason.matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? "");
}

/** A problem's reason in the page's language: Korean by its code (and quoted values), English as written. */
export function problemReason(i18n: I18n, p: { code: string; reason: string }): string {
  const key = `wk.imp.reasons.${p.code}`;
  if (i18n.language === "en" || !i18n.exists(key)) return p.reason;
  const values = quotedValues(p.reason);
  return values.length
    ? i18n.t("wk.imp.reasonValues", { reason: i18n.t(key), values: values.join(", ") })
    : i18n.t(key);
}

type SortKey = "row" | "column" | "code" | "reason";

/** Every problem of a file, sortable by any column and filtered by text, column and code. */
export function ProblemTable(props: { problems: readonly ImportProblem[] }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "row", dir: 1 });
  const [text, setText] = useState("");
  const [column, setColumn] = useState("");
  const [code, setCode] = useState("");
  const columns = useMemo(
    () => [...new Set(props.problems.map((p) => p.column ?? ""))].filter(Boolean).sort(),
    [props.problems],
  );
  const codes = useMemo(() => [...new Set(props.problems.map((p) => p.code))].sort(), [props.problems]);
  const lang = i18n.language === "en" ? "en" : "ko";
  const shown = props.problems
    .map((p, n) => ({ ...p, reason: problemReason(i18n, p), key: `${n}` }))
    .filter((p) => (!column || p.column === column) && (!code || p.code === code))
    .filter(
      (p) =>
        !text ||
        `${p.row ?? ""} ${p.column ?? ""} ${p.code} ${p.reason}`.toLowerCase().includes(text.toLowerCase()),
    )
    .sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const c =
        typeof x === "number" || typeof y === "number"
          ? Number(x ?? 0) - Number(y ?? 0)
          : String(x ?? "").localeCompare(String(y ?? ""));
      return c * sort.dir;
    });
  const head = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="link-button"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : 1 }))}
      >
        {label}
      </button>
    </th>
  );
  return (
    <>
      <fieldset className="filters">
        <legend>{t("wk.imp.filterLabel")}</legend>
        <div className="field">
          <label htmlFor="prob-text">{t("wk.imp.filterText")}</label>
          <input id="prob-text" type="search" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor="prob-column">{t("wk.imp.filterColumn")}</label>
          <select id="prob-column" value={column} onChange={(e) => setColumn(e.currentTarget.value)}>
            <option value="">{t("wk.imp.all")}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="prob-code">{t("wk.imp.filterCode")}</label>
          <select id="prob-code" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
            <option value="">{t("wk.imp.all")}</option>
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="table-wrap">
        <table className="table" data-testid="problems">
          <caption>
            {t("wk.imp.problemsCaption", { shown: shown.length, all: props.problems.length })}
          </caption>
          <thead>
            <tr>
              {head("row", t("wk.imp.row"))}
              {head("column", t("wk.imp.column"))}
              {head("code", t("wk.imp.code"))}
              {head("reason", t("wk.imp.reason"))}
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.key}>
                <td className="num">{p.row === null ? "" : formatNumber(p.row, lang)}</td>
                <td>
                  <code>{p.column ?? ""}</code>
                </td>
                <td>
                  <code>{p.code}</code>
                </td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
