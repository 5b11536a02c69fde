/**
 * Agenda editing's index: the actions this person may change (their departments' actions; every action for
 * an admin), each linking to its forms, and the plans, with the form that moves a plan one stage forward
 * (offered to the keeping department's editors and to admins). Actions of other departments are not
 * offered; the server refuses them anyway.
 */
import { localIn } from "@citypath/core/vocabulary/local";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { result, type Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { isAdmin, mayChange } from "./access.ts";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextField } from "./fields.tsx";
import { provenanceOf, type StageForm, stageForm } from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { Provenance } from "./Provenance.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { actionsQuery, apiErrorOf, keys, plansQuery, unwrap } from "./staff.ts";

type Plan = Schemas["PlanSummary"];
const STAGES = ["draft", "committee_deliberation", "reported_to_council", "published"] as const;

export default function AgendaWork() {
  const { t } = useTranslation();
  const ws = useWs();
  const actions = useQuery(actionsQuery(ws.tenant));
  const plans = useQuery(plansQuery(ws.tenant));
  const header = <PageHeader title={t("wk.agenda.title")} lead={t("wk.agenda.lead")} />;
  if (actions.isPending || plans.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (actions.isError || plans.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(actions.error ?? plans.error)} />
      </>
    );
  const mine = actions.data.actions.filter((a) => mayChange(ws.membership, a.departments_named));
  const names = new Map<string, { ko: string; en?: string } | null>();
  for (const x of actions.data.actions) for (const d of x.departments_named) names.set(d.id, d.name);
  return (
    <div data-ready="agenda">
      {header}
      <nav aria-label={t("wk.new.links")} className="ws-links">
        <ul className="ws-list">
          <li>
            <Link href={ws.href(["new", "action"])}>{t("wk.new.action")}</Link>
          </li>
          <li>
            <Link href={ws.href(["new", "indicator"])}>{t("wk.new.indicator")}</Link>
          </li>
          {isAdmin(ws.membership) && (
            <li>
              <Link href={ws.href(["new", "plan"])}>{t("wk.new.plan")}</Link>
            </li>
          )}
        </ul>
      </nav>
      <Section title={t("wk.agenda.actions", { n: mine.length })} id="actions">
        {mine.length === 0 ? (
          <p>{t("wk.agenda.noActions")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="my-actions">
              <caption>{t("wk.agenda.actionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("wk.agenda.action")}</th>
                  <th scope="col">{t("wk.agenda.departments")}</th>
                  <th scope="col">{t("wk.agenda.status")}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={ws.href(["actions", a.id])}>{a.name[ws.locale]}</Link>
                    </td>
                    <td>
                      {a.departments_named
                        .map((d) => (d.name ? localIn(d.name, ws.locale) : d.id))
                        .join(", ")}
                    </td>
                    <td>{t(`status.action.${a.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title={t("wk.plan.title")} id="plans">
        {plans.data.plans.map((p) => {
          const editable = mayChange(ws.membership, [
            { id: p.responsible_department, name: names.get(p.responsible_department) ?? null },
          ]);
          return (
            <section
              key={p.id}
              id={`plan-${p.id}`}
              aria-labelledby={`plan-${p.id}-h`}
              className="ws-fieldset"
            >
              <h3 id={`plan-${p.id}-h`}>{p.name[ws.locale]}</h3>
              <p>{t("wk.plan.stageNow", { stage: t(`wk.plan.stage.${p.stage}`), version: p.version })}</p>
              {editable && p.stage !== "published" && <StageChange plan={p} />}
            </section>
          );
        })}
      </Section>
    </div>
  );
}

function StageChange(props: { plan: Plan }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const p = props.plan;
  const next = STAGES.slice(STAGES.indexOf(p.stage) + 1);
  const fid = `stage-${p.id}`.replace(/\W/g, "-");
  const form = useForm<StageForm>({
    resolver: zodResolver(stageForm),
    defaultValues: {
      stage: next[0] ?? "",
      date: new Date().toISOString().slice(0, 10),
      comment_ko: "",
      comment_en: "",
      prov: "source",
      source: "",
      note: "",
    },
  });
  const prov = useWatch({ control: form.control, name: "prov" });
  const send = useMutation({
    mutationFn: (v: StageForm) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/plans/{plan}/stage", {
              params: { path: { tenant: ws.tenant, plan: p.id } },
              body: {
                base_version: p.version,
                stage: v.stage as (typeof STAGES)[number],
                date: v.date,
                ...(v.comment_ko.trim()
                  ? { comment: { ko: v.comment_ko.trim(), en: v.comment_en.trim() } }
                  : {}),
                ...provenanceOf(v),
              },
            }),
          ),
        ),
      ),
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    try {
      await send.mutateAsync(v);
      await queryClient.invalidateQueries({ queryKey: keys.plans(ws.tenant) });
    } catch (e) {
      const err = apiErrorOf(e);
      setGeneral(err.status === 409 ? t("wk.plan.stale") : failureText(t, err));
      if (err.status === 409) void queryClient.invalidateQueries({ queryKey: keys.plans(ws.tenant) });
    }
  });
  return (
    <form
      className="ws-form"
      noValidate
      onSubmit={submit}
      aria-label={t("wk.plan.formLabel", { plan: p.name[ws.locale] })}
    >
      <FormErrors form={form} id={fid} general={general} />
      <SelectField
        form={form}
        id={fid}
        name="stage"
        label={t("wk.plan.next")}
        options={next.map((s) => ({ value: s, label: t(`wk.plan.stage.${s}`) }))}
      />
      <TextField form={form} id={fid} name="date" label={t("wk.plan.date")} hint={t("wk.hint.partialDate")} />
      <TextField form={form} id={fid} name="comment_ko" label={t("wk.plan.commentKo")} />
      <TextField form={form} id={fid} name="comment_en" label={t("wk.plan.commentEn")} />
      <Provenance form={form} id={fid} prov={prov} sources={[]} />
      <button type="submit" className="button button--primary" disabled={send.isPending}>
        {send.isPending ? t("ws.busy") : t("wk.plan.submit")}
      </button>
    </form>
  );
}
