/**
 * Section V of a draft report in the workspace (admins): the action plans for lagging measures (V-1) and the
 * status of earlier improvement opinions (V-2), each saved into the report's entries through the typed
 * PUT of the report (one audited change a save; a stale version is refused with its reason).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { result, type Schemas } from "../api/client.ts";
import { LocalText } from "../components/LocalText.tsx";
import { departmentsQuery } from "./accounts-api.ts";
import { useWs } from "./context.ts";
import { useDepartmentNames } from "./department-names.ts";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { HeadRow, SaveRow } from "./page-state.tsx";
import { type FollowUpForm, followUpForm, localText, type OpinionForm, opinionForm } from "./report-forms.ts";
import { saveFailureText } from "./saving.ts";
import { staffClient } from "./session.ts";

type Entries = Schemas["ReportEntriesSave"]["entries"];
interface Props {
  readonly plan: string;
  readonly year: number;
  readonly version: number;
  readonly entries: Entries;
  /** The report's measures (id and name as the report lists them). */
  readonly measures: readonly { readonly action: string; readonly name: string }[];
}

/** Saves the entries with one part changed; the answer's error in words, or null. */
function useSaveEntries(props: Props) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  return async (entries: Entries): Promise<string | null> => {
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/reports/{plan}/{year}", {
          params: { path: { tenant: ws.tenant, plan: props.plan, year: String(props.year) } },
          body: { base_version: props.version, entries },
        }),
      ),
    );
    await queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "report"] });
    return r.ok ? null : saveFailureText(t, r.error);
  };
}

export function FollowUpEdit(props: Props) {
  const { t } = useTranslation();
  const save = useSaveEntries(props);
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fid = "fu";
  const ws = useWs();
  // 담당 is a department of the register, by its id (decision 0095)
  const register = useQuery(departmentsQuery(ws.tenant));
  const named = useDepartmentNames(ws.tenant);
  const departments = (register.data?.departments ?? []).map((d) => ({
    value: d.id,
    label: ws.locale === "en" ? (d.name.en ?? `${d.name.ko} [ko]`) : d.name.ko,
  }));
  const nameOf = (a: string) => props.measures.find((m) => m.action === a)?.name ?? a;
  const form = useForm<FollowUpForm>({
    resolver: zodResolver(followUpForm),
    defaultValues: { action: "", cause_ko: "", cause_en: "", plan_ko: "", plan_en: "", due: "", owner: "" },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setSaved(false);
    const item = {
      action: v.action as Entries["follow_up"][number]["action"],
      cause: localText(v.cause_ko, v.cause_en)!,
      plan: localText(v.plan_ko, v.plan_en)!,
      ...(v.due ? { due: v.due } : {}),
      ...(v.owner ? { owner: v.owner } : {}),
    };
    const others = props.entries.follow_up.filter((f) => f.action !== item.action);
    const err = await save({ ...props.entries, follow_up: [...others, item] });
    if (err) setGeneral(err);
    else {
      setSaved(true);
      form.reset();
    }
  });
  const remove = async (action: string) => {
    setGeneral(
      await save({ ...props.entries, follow_up: props.entries.follow_up.filter((f) => f.action !== action) }),
    );
  };
  return (
    <>
      {props.entries.follow_up.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="report-follow-up">
            <caption>{t("rp.followUp.caption")}</caption>
            <HeadRow
              labels={[
                t("rp.followUp.measure"),
                t("rp.followUp.cause"),
                t("rp.followUp.plan"),
                t("rp.followUp.due"),
                t("rp.followUp.ownerHead"),
                t("rp.followUp.removeHead"),
              ]}
            />
            <tbody>
              {props.entries.follow_up.map((f) => (
                <tr key={f.action}>
                  <td>{nameOf(f.action)}</td>
                  <td>{f.cause.ko}</td>
                  <td>{f.plan.ko}</td>
                  <td>{f.due ?? "–"}</td>
                  <td>{f.owner ? <LocalText text={named(f.owner, f.owner)} locale={ws.locale} /> : "–"}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void remove(f.action)}>
                      {t("rp.followUp.remove", { name: nameOf(f.action) })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="ws-form ws-form--wide"
        noValidate
        onSubmit={submit}
        aria-label={t("rp.followUp.formLabel")}
      >
        <p className="muted">{t("rp.followUp.lead")}</p>
        <FormErrors form={form} id={fid} general={general} />
        <SelectField
          form={form}
          id={fid}
          name="action"
          label={t("rp.followUp.measure")}
          options={[
            { value: "", label: t("rp.followUp.choose") },
            ...props.measures.map((m) => ({ value: m.action, label: m.name })),
          ]}
        />
        <TextArea form={form} id={fid} name="cause_ko" label={t("rp.followUp.causeKo")} />
        <TextArea form={form} id={fid} name="cause_en" label={t("rp.followUp.causeEn")} />
        <TextArea form={form} id={fid} name="plan_ko" label={t("rp.followUp.planKo")} />
        <TextArea form={form} id={fid} name="plan_en" label={t("rp.followUp.planEn")} />
        <TextField
          form={form}
          id={fid}
          name="due"
          label={t("rp.followUp.due")}
          hint={t("rp.followUp.dueHint")}
        />
        <SelectField
          form={form}
          id={fid}
          name="owner"
          label={t("rp.followUp.owner")}
          options={[{ value: "", label: t("rp.followUp.noOwner") }, ...departments]}
        />
        <SaveRow saved={saved} busy={form.formState.isSubmitting} label={t("rp.followUp.save")} />
      </form>
    </>
  );
}

const SOURCES = ["committee", "national", "council"] as const;
const REFLECTED = ["yes", "partly", "no"] as const;

export function OpinionEdit(props: Props) {
  const { t } = useTranslation();
  const save = useSaveEntries(props);
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fid = "op";
  const form = useForm<OpinionForm>({
    resolver: zodResolver(opinionForm),
    defaultValues: {
      source: "committee",
      year: String(props.year - 1),
      opinion_ko: "",
      opinion_en: "",
      reflected: "yes",
      reason_ko: "",
      reason_en: "",
    },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setSaved(false);
    const reason = localText(v.reason_ko, v.reason_en);
    const item = {
      source: v.source,
      year: Number(v.year),
      opinion: localText(v.opinion_ko, v.opinion_en)!,
      reflected: v.reflected,
      ...(reason ? { reason } : {}),
    };
    const err = await save({ ...props.entries, opinions: [...props.entries.opinions, item] });
    if (err) setGeneral(err);
    else {
      setSaved(true);
      form.reset();
    }
  });
  const remove = async (i: number) => {
    setGeneral(await save({ ...props.entries, opinions: props.entries.opinions.filter((_, j) => j !== i) }));
  };
  return (
    <>
      {props.entries.opinions.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="report-opinions">
            <caption>{t("rp.opinions.caption")}</caption>
            <HeadRow
              labels={[
                t("rp.opinions.source"),
                t("rp.opinions.year"),
                t("rp.opinions.opinion"),
                t("rp.opinions.reflected"),
                t("rp.opinions.reason"),
                t("rp.followUp.removeHead"),
              ]}
            />
            <tbody>
              {props.entries.opinions.map((o, i) => (
                <tr key={`${o.source}-${o.year}-${o.opinion.ko}`}>
                  <td>{t(`rp.opinions.sources.${o.source}`)}</td>
                  <td>{o.year}</td>
                  <td>{o.opinion.ko}</td>
                  <td>{t(`rp.opinions.reflectedAs.${o.reflected}`)}</td>
                  <td>{o.reason?.ko ?? "–"}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void remove(i)}>
                      {t("rp.opinions.remove", { n: i + 1 })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="ws-form ws-form--wide"
        noValidate
        onSubmit={submit}
        aria-label={t("rp.opinions.formLabel")}
      >
        <p className="muted">{t("rp.opinions.lead")}</p>
        <FormErrors form={form} id={fid} general={general} />
        <SelectField
          form={form}
          id={fid}
          name="source"
          label={t("rp.opinions.source")}
          options={SOURCES.map((s) => ({ value: s, label: t(`rp.opinions.sources.${s}`) }))}
        />
        <TextField form={form} id={fid} name="year" inputMode="numeric" label={t("rp.opinions.year")} />
        <TextArea form={form} id={fid} name="opinion_ko" label={t("rp.opinions.opinionKo")} />
        <TextArea form={form} id={fid} name="opinion_en" label={t("rp.opinions.opinionEn")} />
        <SelectField
          form={form}
          id={fid}
          name="reflected"
          label={t("rp.opinions.reflected")}
          options={REFLECTED.map((r) => ({ value: r, label: t(`rp.opinions.reflectedAs.${r}`) }))}
        />
        <TextArea
          form={form}
          id={fid}
          name="reason_ko"
          label={t("rp.opinions.reasonKo")}
          hint={t("rp.opinions.reasonHint")}
        />
        <TextArea form={form} id={fid} name="reason_en" label={t("rp.opinions.reasonEn")} />
        <SaveRow saved={saved} busy={form.formState.isSubmitting} label={t("rp.opinions.save")} />
      </form>
    </>
  );
}
