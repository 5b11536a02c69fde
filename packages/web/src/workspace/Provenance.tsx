/** The provenance fields of a form: a registered source, or illustrative with a note saying why. */
import { useTranslation } from "react-i18next";
import { TextField } from "./fields.tsx";

/** Source or illustrative-with-note: the choice, the source's id (with the registered ones offered), the note. */
export function Provenance(props: {
  // biome-ignore lint/suspicious/noExplicitAny: shared by forms of different shapes that all hold the provenance fields
  form: any;
  id: string;
  prov: string;
  sources: ReadonlyArray<{ id: string; title: string }>;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const p = props.prefix ?? "";
  const list = `${props.id}-${p.replace(/\W/g, "-")}sources`;
  return (
    <fieldset className="ws-fieldset">
      <legend>{t("wk.prov.legend")}</legend>
      <div className="button-row">
        <label>
          <input type="radio" value="source" {...props.form.register(`${p}prov`)} /> {t("wk.prov.source")}
        </label>
        <label>
          <input type="radio" value="illustrative" {...props.form.register(`${p}prov`)} />{" "}
          {t("wk.prov.illustrative")}
        </label>
      </div>
      {props.prov === "source" && (
        <>
          <TextField
            form={props.form}
            id={props.id}
            name={`${p}source`}
            label={t("wk.prov.sourceId")}
            hint={t("wk.prov.sourceHint")}
            list={list}
          />
          <datalist id={list}>
            {props.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </datalist>
        </>
      )}
      <TextField
        form={props.form}
        id={props.id}
        name={`${p}note`}
        label={props.prov === "illustrative" ? t("wk.prov.noteWhy") : t("wk.prov.note")}
      />
    </fieldset>
  );
}
