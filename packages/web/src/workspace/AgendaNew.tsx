/**
 * Creating agenda records (`/workspace/new/plan`, `/new/action`, `/new/indicator`): a plan (admins; it starts
 * as a draft), an action placed in a plan's policy area (editors of its departments, admins) and an indicator
 * with its unit, direction and target (editors of its reporting department, admins). Each form is checked
 * with the rules of the core's schemas before it is sent (form-schemas.ts) and sent as the whole record
 * (`PUT .../{id}` with base version 0); the server checks it again, with the department rule and the
 * references it names, and each problem it reports is put on its field (the rest in the summary). An id
 * already used is a 409, said on the id field. Once created, the form opens the new record.
 */

import { INDICATOR_KINDS, PLAN_KINDS } from "@citypath/core/agenda/schema";
import { localIn } from "@citypath/core/vocabulary/local";
import { KR_SECTOR_IDS } from "@citypath/core/vocabulary/sectors";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import {
  type FieldValues,
  type Path,
  type UseFormReturn,
  useFieldArray,
  useForm,
  useWatch,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import { type ApiError, result, type Schemas } from "../api/client.ts";
import { navigate } from "../app/router.ts";
import { PageHeader } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { isAdmin, type Membership } from "./access.ts";
import { useWs } from "./context.ts";
import { FormErrors, fieldId, SelectField, TextArea, TextField, useMessage } from "./fields.tsx";
import {
  type ActionNewForm,
  actionNewForm,
  emptyProvenance,
  type IndicatorNewForm,
  indicatorNewForm,
  type PlanNewForm,
  planNewForm,
  provenanceOf,
} from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { Provenance } from "./Provenance.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { apiErrorOf, indicatorsQuery, keys, plansQuery, unwrap } from "./staff.ts";

type Action = Schemas["ActionSave"]["action"];
type Indicator = Schemas["IndicatorSave"]["indicator"];
type Plan = Schemas["PlanSave"]["plan"];
interface Department {
  id: string;
  name: { ko: string; en?: string };
}

const today = () => new Date().toISOString().slice(0, 10);

export default function AgendaNew(props: { kind: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const plans = useQuery(plansQuery(ws.tenant));
  const kind = props.kind === "plan" || props.kind === "indicator" ? props.kind : "action";
  const header = <PageHeader title={t(`wk.new.${kind}`)} lead={t(`wk.new.${kind}Lead`)} />;
  if (plans.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (plans.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(plans.error)} />
      </>
    );
  const departments = plans.data.departments;
  return (
    <div data-ready={`new-${kind}`}>
      {header}
      {kind === "plan" ? (
        isAdmin(ws.membership) ? (
          <NewPlan departments={departments} />
        ) : (
          <p className="ws-notice ws-notice--warn" role="status">
            {t("wk.new.adminsOnly")}
          </p>
        )
      ) : kind === "indicator" ? (
        <NewIndicator departments={departments} />
      ) : (
        <NewAction departments={departments} plans={plans.data.plans} />
      )}
    </div>
  );
}

/**
 * The server's problems put on the form's fields: `field` turns a problem's path in the record (after
 * `json.<kind>.`) into the form's field name, or undefined when no field holds it. True when any was placed.
 */
function placeProblems<T extends FieldValues>(
  e: ApiError,
  kind: string,
  field: (path: string) => string | undefined,
  form: UseFormReturn<T>,
): boolean {
  let placed = false;
  for (const d of e.details ?? []) {
    const name = field(d.path.replace(new RegExp(`^json\\.${kind}\\.`), ""));
    if (!name) continue;
    form.setError(name as Path<T>, { type: "server", message: d.message });
    placed = true;
  }
  return placed;
}

/** A record's bilingual field (`name.ko`) as the form's (`name_ko`). */
const bilingual = (p: string) =>
  /^(name|description|vision|unit_label)\.(ko|en)$/.exec(p)?.slice(1).join("_");

/** Sends a new record; on failure puts the server's problems on their fields or says why in the summary. */
function useCreate<T extends FieldValues>(
  form: UseFormReturn<T>,
  kind: "plan" | "action" | "indicator",
  field: (path: string) => string | undefined,
  /** The typed client's PUT of the new record. */
  send: (v: T) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  opened: (v: T) => string,
) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const m = useMutation({ mutationFn: (v: T) => unwrap(guard(() => result(send(v)))) });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    try {
      await m.mutateAsync(v);
      await queryClient.invalidateQueries({ queryKey: keys.tenant(ws.tenant) });
      navigate(opened(v));
    } catch (e) {
      const err = apiErrorOf(e);
      if (err.status === 409) form.setError("id" as Path<T>, { type: "server", message: "wk.err.idTaken" });
      else if (!(err.status === 400 && placeProblems(err, kind, field, form)))
        setGeneral(failureText(t, err));
    }
  });
  return { submit, general, pending: m.isPending };
}

function Checkboxes<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  id: string;
  name: Path<T>;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const msg = useMessage();
  const error = props.form.getFieldState(props.name, props.form.formState).error;
  const errId = `${fieldId(props.id, props.name)}-error`;
  return (
    <fieldset
      className="ws-fieldset"
      id={fieldId(props.id, props.name)}
      tabIndex={-1}
      aria-describedby={error ? errId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} className="ws-check">
          <input type="checkbox" value={o.value} {...props.form.register(props.name)} /> {o.label}
        </label>
      ))}
      {error && (
        <p id={errId} className="field__error">
          {msg(error.message)}
        </p>
      )}
    </fieldset>
  );
}

function Submit(props: { pending: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className="button button--primary" disabled={props.pending}>
        {props.pending ? t("ws.busy") : props.children}
      </button>
    </div>
  );
}

/** The departments of an editor's membership (named there by their register ids). */
const ownDepartments = (departments: readonly Department[], m: Membership) =>
  departments.filter((d) => m.departments.includes(d.id));

const departmentOptions = (departments: readonly Department[], locale: "ko" | "en") =>
  departments.map((d) => ({ value: d.id, label: localIn(d.name, locale) }));

// ------------------------------------------------------------------------------------------ plan

function NewPlan(props: { departments: readonly Department[] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const form = useForm<PlanNewForm>({
    resolver: zodResolver(planNewForm),
    defaultValues: {
      id: "",
      kind: "climate_plan",
      name_ko: "",
      name_en: "",
      vision_ko: "",
      vision_en: "",
      start_year: String(new Date().getFullYear()),
      end_year: "2050",
      responsible_department: props.departments[0]?.id ?? "",
      has_committee: true,
      legal_deadlines: true,
      date: today(),
      areas: [{ id: "", name_ko: "", name_en: "" }],
      ...emptyProvenance,
    },
  });
  const areas = useFieldArray({ control: form.control, name: "areas" });
  const prov = useWatch({ control: form.control, name: "prov" });
  const { submit, general, pending } = useCreate(
    form,
    "plan",
    (p) => {
      const area = /^policy_areas\.(\d+)\.(id|name\.ko|name\.en)$/.exec(p);
      if (area) return `areas.${area[1]}.${area[2]!.replace(".", "_")}`;
      if (p === "period.start_year" || p === "period.end_year") return p.slice(7);
      if (/^stage_history\.0\.(source|note)$/.test(p)) return p.slice(16);
      return bilingual(p) ?? (["id", "kind", "responsible_department"].includes(p) ? p : undefined);
    },
    (v) => {
      const plan: Plan = {
        id: v.id,
        kind: v.kind,
        name: { ko: v.name_ko.trim(), en: v.name_en.trim() },
        vision: { ko: v.vision_ko.trim(), en: v.vision_en.trim() },
        period: { start_year: Number(v.start_year), end_year: Number(v.end_year) },
        responsible_department: v.responsible_department,
        has_committee: v.has_committee,
        stage: "draft",
        stage_history: [{ stage: "draft", date: v.date, ...provenanceOf(v) }],
        legal_deadlines: v.legal_deadlines,
        policy_areas: v.areas.map((a) => ({
          id: a.id,
          name: { ko: a.name_ko.trim(), en: a.name_en.trim() },
          actions: [],
        })),
        sources: v.prov === "source" ? [v.source] : [],
      };
      return staffClient().http.PUT("/api/tenants/{tenant}/plans/{plan}", {
        params: { path: { tenant: ws.tenant, plan: v.id } },
        body: { base_version: 0, plan },
      });
    },
    (v) => ws.href(["agenda"], `#plan-${v.id}`),
  );
  const f = "np";
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-label={t("wk.new.plan")}>
      <FormErrors form={form} id={f} general={general} />
      <TextField form={form} id={f} name="id" label={t("wk.new.id")} hint={t("wk.new.idHint")} />
      <SelectField
        form={form}
        id={f}
        name="kind"
        label={t("wk.new.kind")}
        options={PLAN_KINDS.map((k) => ({ value: k, label: t(`wk.new.planKinds.${k}`) }))}
      />
      <TextField form={form} id={f} name="name_ko" label={t("wk.new.nameKo")} />
      <TextField form={form} id={f} name="name_en" label={t("wk.new.nameEn")} />
      <TextArea form={form} id={f} name="vision_ko" label={t("wk.new.visionKo")} lang="ko" />
      <TextArea form={form} id={f} name="vision_en" label={t("wk.new.visionEn")} lang="en" />
      <TextField form={form} id={f} name="start_year" label={t("wk.new.startYear")} inputMode="numeric" />
      <TextField form={form} id={f} name="end_year" label={t("wk.new.endYear")} inputMode="numeric" />
      <SelectField
        form={form}
        id={f}
        name="responsible_department"
        label={t("wk.new.department")}
        options={departmentOptions(props.departments, ws.locale)}
      />
      <label className="ws-check">
        <input type="checkbox" {...form.register("has_committee")} /> {t("wk.new.hasCommittee")}
      </label>
      <label className="ws-check">
        <input type="checkbox" {...form.register("legal_deadlines")} /> {t("wk.new.legalDeadlines")}
      </label>
      <fieldset className="ws-fieldset" id={fieldId(f, "areas")} tabIndex={-1}>
        <legend>{t("wk.new.areas")}</legend>
        {areas.fields.map((row, i) => (
          <fieldset key={row.id} className="ws-fieldset">
            <legend>{t("wk.new.area", { n: i + 1 })}</legend>
            <TextField form={form} id={f} name={`areas.${i}.id`} label={t("wk.new.id")} />
            <TextField form={form} id={f} name={`areas.${i}.name_ko`} label={t("wk.new.nameKo")} />
            <TextField form={form} id={f} name={`areas.${i}.name_en`} label={t("wk.new.nameEn")} />
            {areas.fields.length > 1 && (
              <button type="button" className="button button--danger" onClick={() => areas.remove(i)}>
                {t("wk.new.areaRemove", { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => areas.append({ id: "", name_ko: "", name_en: "" })}
        >
          {t("wk.new.areaAdd")}
        </button>
      </fieldset>
      <TextField
        form={form}
        id={f}
        name="date"
        label={t("wk.new.draftDate")}
        hint={t("wk.hint.partialDate")}
      />
      <Provenance form={form} id={f} prov={prov} sources={[]} />
      <Submit pending={pending}>{t("wk.new.submitPlan")}</Submit>
    </form>
  );
}

// ------------------------------------------------------------------------------------------ indicator

function NewIndicator(props: { departments: readonly Department[] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const admin = isAdmin(ws.membership);
  // an editor creates indicators their department reports; an admin any, or one no department reports
  const mine = admin ? props.departments : ownDepartments(props.departments, ws.membership);
  const form = useForm<IndicatorNewForm>({
    resolver: zodResolver(indicatorNewForm),
    defaultValues: {
      id: "",
      name_ko: "",
      name_en: "",
      kind: "outcome",
      unit: "",
      unit_label_ko: "",
      unit_label_en: "",
      direction: "increase",
      aggregation: "annual",
      reporter: mine[0]?.id ?? "",
      goal_year: "2030",
      goal_value: "",
      ...emptyProvenance,
    },
  });
  const prov = useWatch({ control: form.control, name: "prov" });
  const { submit, general, pending } = useCreate(
    form,
    "indicator",
    (p) => {
      const goal = /^goals\.0\.(year|value|source|note)$/.exec(p);
      if (goal) return goal[1] === "year" || goal[1] === "value" ? `goal_${goal[1]}` : goal[1];
      return (
        bilingual(p) ??
        (["id", "kind", "unit", "direction", "aggregation", "reporter"].includes(p) ? p : undefined)
      );
    },
    (v) => {
      const indicator: Indicator = {
        id: v.id,
        name: { ko: v.name_ko.trim(), en: v.name_en.trim() },
        kind: v.kind,
        unit: v.unit.trim(),
        unit_label: { ko: v.unit_label_ko.trim(), en: v.unit_label_en.trim() },
        direction: v.direction,
        aggregation: v.aggregation,
        goals: [
          {
            year: Number(v.goal_year),
            value: Number(v.goal_value.replaceAll(",", "")),
            ...provenanceOf(v),
          },
        ],
        observed: [],
        ...(v.reporter ? { reporter: v.reporter } : {}),
      };
      return staffClient().http.PUT("/api/tenants/{tenant}/indicators/{indicator}", {
        params: { path: { tenant: ws.tenant, indicator: v.id } },
        body: { base_version: 0, indicator },
      });
    },
    (v) => ws.href(["indicators", v.id]),
  );
  const f = "ni";
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-label={t("wk.new.indicator")}>
      <FormErrors form={form} id={f} general={general} />
      <TextField form={form} id={f} name="id" label={t("wk.new.id")} hint={t("wk.new.idHint")} />
      <TextField form={form} id={f} name="name_ko" label={t("wk.new.nameKo")} />
      <TextField form={form} id={f} name="name_en" label={t("wk.new.nameEn")} />
      <SelectField
        form={form}
        id={f}
        name="kind"
        label={t("wk.new.kind")}
        options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`wk.new.kinds.${k}`) }))}
      />
      <TextField form={form} id={f} name="unit" label={t("wk.new.unit")} hint={t("wk.new.unitHint")} />
      <TextField form={form} id={f} name="unit_label_ko" label={t("wk.new.unitLabelKo")} />
      <TextField form={form} id={f} name="unit_label_en" label={t("wk.new.unitLabelEn")} />
      <SelectField
        form={form}
        id={f}
        name="direction"
        label={t("wk.new.direction")}
        options={(["increase", "decrease"] as const).map((d) => ({ value: d, label: t(`wk.new.${d}`) }))}
      />
      <SelectField
        form={form}
        id={f}
        name="aggregation"
        label={t("wk.new.aggregation")}
        options={(["annual", "cumulative", "level"] as const).map((d) => ({
          value: d,
          label: t(`wk.new.${d}`),
        }))}
      />
      <SelectField
        form={form}
        id={f}
        name="reporter"
        label={t("wk.new.reporter")}
        options={[
          ...departmentOptions(mine, ws.locale),
          ...(admin ? [{ value: "", label: t("wk.new.reporterNone") }] : []),
        ]}
      />
      <fieldset className="ws-fieldset">
        <legend>{t("wk.new.goal")}</legend>
        <TextField form={form} id={f} name="goal_year" label={t("wk.new.goalYear")} inputMode="numeric" />
        <TextField form={form} id={f} name="goal_value" label={t("wk.new.goalValue")} inputMode="decimal" />
        <Provenance form={form} id={f} prov={prov} sources={[]} />
      </fieldset>
      <Submit pending={pending}>{t("wk.new.submitIndicator")}</Submit>
    </form>
  );
}

// ------------------------------------------------------------------------------------------ action

function NewAction(props: { departments: readonly Department[]; plans: readonly Schemas["PlanSummary"][] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const indicators = useQuery(indicatorsQuery(ws.tenant));
  const admin = isAdmin(ws.membership);
  const mine = ownDepartments(props.departments, ws.membership);
  const form = useForm<ActionNewForm>({
    resolver: zodResolver(actionNewForm),
    defaultValues: {
      id: "",
      name_ko: "",
      name_en: "",
      description_ko: "",
      description_en: "",
      plan_area: "",
      departments: mine[0] ? [mine[0].id] : [],
      indicators: [],
      sectors: [],
      start: "",
      end: "",
      status: "not_started",
      status_date: today(),
      reason_ko: "",
      reason_en: "",
      ...emptyProvenance,
    },
  });
  const prov = useWatch({ control: form.control, name: "prov" });
  const { submit, general, pending } = useCreate(
    form,
    "action",
    (p) => {
      if (/^plans\.\d+\./.test(p)) return "plan_area";
      if (/^(departments|indicators|sectors)(\.\d+)?$/.test(p)) return p.split(".")[0];
      const st = /^status_history\.0\.(date|reason\.ko|reason\.en|source|note)$/.exec(p);
      if (st) return st[1] === "date" ? "status_date" : st[1]!.replace(".", "_");
      return bilingual(p) ?? (["id", "start", "end", "status"].includes(p) ? p : undefined);
    },
    (v) => {
      const [plan = "", area = ""] = v.plan_area.split(" ");
      const action: Action = {
        id: v.id,
        name: { ko: v.name_ko.trim(), en: v.name_en.trim() },
        description: { ko: v.description_ko.trim(), en: v.description_en.trim() },
        plans: [{ plan, policy_area: area }],
        categories: [],
        sectors: v.sectors,
        response: [],
        departments: v.departments,
        contacts: [],
        partners: [],
        ...(v.start.trim() ? { start: v.start.trim() } : {}),
        ...(v.end.trim() ? { end: v.end.trim() } : {}),
        status: v.status,
        status_history: [
          {
            status: v.status,
            date: v.status_date,
            reason: { ko: v.reason_ko.trim(), en: v.reason_en.trim() },
            ...provenanceOf(v),
          },
        ],
        indicators: v.indicators,
        tasks: [],
        milestones: [],
        progress: [],
        sources: v.prov === "source" ? [v.source] : [],
      };
      return staffClient().http.PUT("/api/tenants/{tenant}/actions/{action}", {
        params: { path: { tenant: ws.tenant, action: v.id } },
        body: { base_version: 0, action },
      });
    },
    (v) => ws.href(["actions", v.id]),
  );
  if (props.plans.length === 0)
    return (
      <p className="ws-notice" role="status">
        {t("wk.new.noPlans")}
      </p>
    );
  const f = "na";
  const offered = admin ? props.departments : mine;
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-label={t("wk.new.action")}>
      <FormErrors form={form} id={f} general={general} />
      <TextField form={form} id={f} name="id" label={t("wk.new.id")} hint={t("wk.new.idHint")} />
      <TextField form={form} id={f} name="name_ko" label={t("wk.new.nameKo")} />
      <TextField form={form} id={f} name="name_en" label={t("wk.new.nameEn")} />
      <TextArea form={form} id={f} name="description_ko" label={t("wk.new.descriptionKo")} lang="ko" />
      <TextArea form={form} id={f} name="description_en" label={t("wk.new.descriptionEn")} lang="en" />
      <SelectField
        form={form}
        id={f}
        name="plan_area"
        label={t("wk.new.planArea")}
        options={[
          { value: "", label: t("wk.new.planAreaNone") },
          ...props.plans.flatMap((p) =>
            p.policy_areas.map((a) => ({
              value: `${p.id} ${a.id}`,
              label: `${p.name[ws.locale]}: ${a.name[ws.locale]}`,
            })),
          ),
        ]}
      />
      <Checkboxes
        form={form}
        id={f}
        name="departments"
        legend={t("wk.new.departments")}
        options={departmentOptions(offered, ws.locale)}
      />
      {indicators.isPending ? (
        <Status kind="loading" />
      ) : indicators.isError ? (
        <Status kind="error" error={apiErrorOf(indicators.error)} />
      ) : indicators.data.indicators.length === 0 ? (
        <p className="ws-notice">{t("wk.new.noIndicators")}</p>
      ) : (
        <Checkboxes
          form={form}
          id={f}
          name="indicators"
          legend={t("wk.new.indicators")}
          options={indicators.data.indicators.map((i) => ({
            value: i.indicator.id,
            label: `${i.indicator.name[ws.locale]} (${i.indicator.unit_label[ws.locale]})`,
          }))}
        />
      )}
      <Checkboxes
        form={form}
        id={f}
        name="sectors"
        legend={t("wk.new.sectors")}
        options={KR_SECTOR_IDS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
      />
      <TextField form={form} id={f} name="start" label={t("wk.new.start")} hint={t("wk.hint.partialDate")} />
      <TextField form={form} id={f} name="end" label={t("wk.new.end")} hint={t("wk.hint.partialDate")} />
      <fieldset className="ws-fieldset">
        <legend>{t("wk.new.status")}</legend>
        <SelectField
          form={form}
          id={f}
          name="status"
          label={t("wk.new.status")}
          options={AGENDA_STATUSES.map((s) => ({ value: s, label: t(`status.action.${s}`) }))}
        />
        <TextField
          form={form}
          id={f}
          name="status_date"
          label={t("wk.new.statusDate")}
          hint={t("wk.hint.partialDate")}
        />
        <TextArea form={form} id={f} name="reason_ko" label={t("wk.new.reasonKo")} lang="ko" />
        <TextArea form={form} id={f} name="reason_en" label={t("wk.new.reasonEn")} lang="en" />
        <Provenance form={form} id={f} prov={prov} sources={[]} />
      </fieldset>
      <Submit pending={pending}>{t("wk.new.submitAction")}</Submit>
    </form>
  );
}
