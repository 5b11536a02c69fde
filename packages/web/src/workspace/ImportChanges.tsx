/**
 * What an import of indicator values or actions would change, row by row, as the server's preview lists it:
 * the file's row, the record, the kind of change and what changes (a value with the one it replaces, or the
 * fields of an action).
 */
import { useTranslation } from "react-i18next";
import type { Schemas } from "../api/client.ts";
import { formatNumber } from "../format.ts";

type ObservationPreview = Schemas["ObservationImportPreview"];
type ActionPreview = Schemas["ActionImportPreview"];

interface Row {
  key: string;
  line: number;
  record: string;
  kind: string;
  detail: string;
}

export function AgendaChanges(props: { preview: ObservationPreview | ActionPreview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "ko";
  const num = (n: number) => formatNumber(n, lang);
  const rows: Row[] = props.preview.changes.map((c, n) => {
    if ("indicator" in c) {
      const o = c.observation;
      const values = {
        year: o.year,
        district: o.district ?? t("wk.imp.wholeCity"),
        value: num(o.value),
        previous: c.previous === undefined ? "" : num(c.previous),
      };
      return {
        key: `${n}`,
        line: c.line,
        record: c.indicator,
        kind: c.kind,
        detail: t(
          c.previous === undefined ? "wk.imp.observationDetail" : "wk.imp.observationReplaces",
          values,
        ),
      };
    }
    return {
      key: `${n}`,
      line: c.line,
      record: c.action,
      kind: c.kind,
      detail: c.fields.length ? t("wk.imp.fieldsChanged", { fields: c.fields.join(", ") }) : "",
    };
  });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="changes">
        <caption>{t("wk.imp.changesCaption", { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wk.imp.line")}</th>
            <th scope="col">{t("wk.imp.record")}</th>
            <th scope="col">{t("wk.imp.change")}</th>
            <th scope="col">{t("wk.imp.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="num">{num(r.line)}</td>
              <td>
                <code>{r.record}</code>
              </td>
              <td>{t(`wk.imp.changeKind.${r.kind}`)}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
