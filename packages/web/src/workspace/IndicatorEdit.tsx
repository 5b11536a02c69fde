/**
 * One indicator in the workspace: its observed values (per year and district, each with its source or
 * marked illustrative with a note) and the form that records one. Offered to admins and to the editors of
 * the reporting department or of an action the indicator serves (the server's rule); a value for a year
 * and district already recorded is replaced only when the officer says so. A save that meets a newer
 * version shows the values recorded meanwhile and sends the entry again on the current version.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { api, result, type Schemas } from "../api/client.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatNumber } from "../format.ts";
import { mayChange } from "./access.ts";
import { useWs } from "./context.ts";
import { FormErrors, TextField } from "./fields.tsx";
import { type ObservationForm, observationForm, provenanceOf } from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { Provenance } from "./Provenance.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { actionsQuery, apiErrorOf, indicatorQuery, keys, unwrap } from "./staff.ts";

type Answer = Schemas["IndicatorAnswer"];

export default function IndicatorEdit(props: { indicatorId: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery(indicatorQuery(ws.tenant, props.indicatorId));
  const actions = useQuery(actionsQuery(ws.tenant));
  if (q.isPending || actions.isPending)
    return (
      <>
        <PageHeader title={t("wk.indicator.title")} />
        <Status kind="loading" />
      </>
    );
  if (q.isError || actions.isError)
    return (
      <>
        <PageHeader title={t("wk.indicator.title")} />
        <Status kind="error" error={apiErrorOf(q.error ?? actions.error)} />
      </>
    );
  const a = q.data;
  const ind = a.indicator;
  const names = new Map<string, { ko: string; en?: string } | null>();
  for (const x of actions.data.actions) for (const d of x.departments_named) names.set(d.id, d.name);
  const served = actions.data.actions.filter((x) => a.actions.includes(x.id));
  const editable =
    mayChange(
      ws.membership,
      ind.reporter ? [{ id: ind.reporter, name: names.get(ind.reporter) ?? null }] : [],
    ) || served.some((x) => mayChange(ws.membership, x.departments_named));
  const observed = [...ind.observed].sort(
    (x, y) => y.year - x.year || (x.district ?? "").localeCompare(y.district ?? ""),
  );
  return (
    <div data-ready="indicator">
      <PageHeader
        title={ind.name[ws.locale]}
        lead={t("wk.indicator.lead", { unit: ind.unit_label[ws.locale], version: a.version })}
      />
      {!editable && (
        <p className="ws-notice ws-notice--warn" role="status" data-testid="read-only">
          {t("wk.indicator.readOnly")}
        </p>
      )}
      {editable && (
        <Section title={t("wk.obs.title")} id="record">
          <ObservationEntry answer={a} />
        </Section>
      )}
      <Section title={t("wk.obs.list")} id="values">
        <div className="table-wrap">
          <table className="table" data-testid="observations">
            <caption>{t("wk.obs.caption", { unit: ind.unit_label[ws.locale] })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("wk.obs.year")}</th>
                <th scope="col">{t("wk.obs.district")}</th>
                <th scope="col">{t("wk.obs.value")}</th>
                <th scope="col">{t("wk.obs.provenance")}</th>
              </tr>
            </thead>
            <tbody>
              {observed.map((o) => (
                <tr key={`${o.year}|${o.district ?? ""}`}>
                  <td>{o.year}</td>
                  <td>{o.district ?? t("wk.obs.wholeCity")}</td>
                  <td className="num">{formatNumber(o.value, ws.locale, 2)}</td>
                  <td>
                    {o.illustrative ? (
                      <>
                        <span className="badge badge--warn">{t("common.illustrative")}</span> {o.note}
                      </>
                    ) : (
                      o.source
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}

function ObservationEntry(props: { answer: Answer }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [base, setBase] = useState({
    version: props.answer.version,
    observed: props.answer.indicator.observed,
  });
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState<Answer | null>(null);
  const [done, setDone] = useState(false);
  const id = props.answer.indicator.id;
  const year = new URLSearchParams(window.location.search).get("year") ?? "";
  const form = useForm<ObservationForm>({
    resolver: zodResolver(observationForm),
    defaultValues: { year, value: "", district: "", replace: false, prov: "source", source: "", note: "" },
  });
  const prov = useWatch({ control: form.control, name: "prov" });
  const send = useMutation({
    mutationFn: (v: ObservationForm & { base_version: number }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/indicators/{indicator}/observations", {
              params: { path: { tenant: ws.tenant, indicator: id } },
              body: {
                base_version: v.base_version,
                replace: v.replace,
                observation: {
                  year: Number(v.year),
                  value: Number(v.value.replaceAll(",", "")),
                  ...(v.district.trim() ? { district: v.district.trim() } : {}),
                  ...provenanceOf(v),
                },
              },
            }),
          ),
        ),
      ),
  });
  async function submit(v: ObservationForm, version = base.version) {
    setGeneral(null);
    setDone(false);
    try {
      const r = await send.mutateAsync({ ...v, base_version: version });
      setStale(null);
      setBase({ version: r.version, observed: r.indicator.observed });
      await queryClient.invalidateQueries({ queryKey: keys.indicator(ws.tenant, id) });
      void queryClient.invalidateQueries({ queryKey: keys.reminders(ws.tenant) });
      form.reset({ ...v, value: "", replace: false });
      setDone(true);
    } catch (e) {
      const err = apiErrorOf(e);
      if (err.status === 409) {
        const now = await queryClient.fetchQuery({
          queryKey: keys.indicator(ws.tenant, id),
          staleTime: 0,
          queryFn: () =>
            unwrap(
              result(
                api.http.GET("/api/tenants/{tenant}/indicators/{indicator}", {
                  params: { path: { tenant: ws.tenant, indicator: id } },
                }),
              ),
            ),
        });
        setStale(now);
      } else if (err.code === "DUPLICATE" || /DUPLICATE/.test(err.code))
        form.setError("year", { type: "server", message: "wk.obs.duplicate" });
      else setGeneral(failureText(t, err));
    }
  }
  const added = stale
    ? stale.indicator.observed.filter(
        (o) =>
          !base.observed.some((b) => b.year === o.year && b.district === o.district && b.value === o.value),
      )
    : [];
  return (
    <form
      className="ws-form"
      noValidate
      onSubmit={form.handleSubmit((v) => submit(v))}
      aria-labelledby="record-h"
    >
      <FormErrors form={form} id="of" general={general} />
      {done && (
        <p className="status" role="status">
          {t("wk.obs.saved")}
        </p>
      )}
      {stale && (
        <div className="ws-notice ws-notice--warn" role="alert" data-testid="conflict">
          <h3>{t("wk.conflict.title")}</h3>
          <p>{t("wk.conflict.staleLead", { version: stale.version })}</p>
          <ul>
            {added.map((o) => (
              <li key={`${o.year}|${o.district ?? ""}`}>
                {t("wk.obs.addedMeanwhile", {
                  year: o.year,
                  district: o.district ?? t("wk.obs.wholeCity"),
                  value: formatNumber(o.value, ws.locale, 2),
                })}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setBase({ version: stale.version, observed: stale.indicator.observed });
              void form.handleSubmit((v) => submit(v, stale.version))();
            }}
          >
            {t("wk.conflict.sendAgain")}
          </button>
        </div>
      )}
      <TextField form={form} id="of" name="year" label={t("wk.obs.year")} inputMode="numeric" />
      <TextField
        form={form}
        id="of"
        name="value"
        label={t("wk.obs.valueIn", { unit: props.answer.indicator.unit_label[ws.locale] })}
        inputMode="decimal"
      />
      <TextField
        form={form}
        id="of"
        name="district"
        label={t("wk.obs.district")}
        hint={t("wk.obs.districtHint")}
      />
      <Provenance form={form} id="of" prov={prov} sources={props.answer.sources} />
      <div className="field">
        <label>
          <input type="checkbox" {...form.register("replace")} /> {t("wk.obs.replace")}
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={send.isPending}>
          {send.isPending ? t("ws.busy") : t("wk.obs.submit")}
        </button>
      </div>
    </form>
  );
}
