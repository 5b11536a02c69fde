/**
 * Members & settings (tenant admins; auditors read it and change nothing): invite by email with a role (and
 * departments for editors), change a member's role and departments, remove a member, withdraw a pending
 * invitation, read the city's mail (with the invitation links while no SMTP server sends them), and change
 * the city's names, open-data licence and model owners, and keep the department register (add a department
 * or rename it in Korean and English; its id never changes, decision 0083). Forms pick departments from the
 * register. The server decides every write; a refusal is shown.
 */
import { localIn } from "@citypath/core/vocabulary/local";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { ApiError } from "../api/client.ts";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate } from "../format.ts";
import {
  accountCalls,
  type Department as Dept,
  departmentsQuery,
  type Member,
  membersPageQueries,
} from "./accounts-api.ts";
import "./accounts.css";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { apiErrorOf } from "./staff.ts";

export const ROLE_CHOICES = [
  "admin",
  "editor",
  "council",
  "expert",
  "citizen",
  "auditor",
  "moderator",
] as const;
type RoleChoice = (typeof ROLE_CHOICES)[number];

/** The live message of the page (what the last action did, or why it was refused). */
function useNotice() {
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const node = notice && (
    <p className={`ws-notice ${notice.ok ? "" : "ws-notice--warn"}`} role={notice.ok ? "status" : "alert"}>
      {notice.text}
    </p>
  );
  return { node, setNotice };
}

export default function Members() {
  const { t } = useTranslation();
  const ws = useWs();
  const admin = ws.membership.role === "admin";
  const slug = ws.tenant;
  const [membersQ, invitationsQ, mailQ, tenantQ] = membersPageQueries(slug);
  const members = useQuery(membersQ);
  const invitations = useQuery(invitationsQ);
  const mail = useQuery(mailQ);
  const tenant = useQuery(tenantQ);
  const register = useQuery(departmentsQuery(slug));
  const { node: notice, setNotice } = useNotice();
  const header = <PageHeader title={t("ac.members.title")} lead={t("ac.members.lead")} />;
  const all = [members, invitations, mail, tenant, register];
  const failed = all.find((q) => q.isError);
  if (failed)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(failed.error)} />
      </>
    );
  if (!members.data || !invitations.data || !mail.data || !tenant.data || !register.data)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  const departments = register.data.departments;
  return (
    <div data-ready="members">
      {header}
      {!admin && <p className="ws-notice">{t("ac.readOnly")}</p>}
      {notice}
      {admin && (
        <Section title={t("ac.members.inviteTitle")} id="invite">
          <p>{t("ac.members.inviteLead")}</p>
          <InviteForm departments={departments} onDone={setNotice} />
        </Section>
      )}
      <Section title={t("ac.members.listTitle")} id="members">
        <MemberTable
          members={members.data.members}
          departments={departments}
          admin={admin}
          onDone={setNotice}
        />
      </Section>
      <Section title={t("ac.members.pendingTitle")} id="pending">
        <Pending invitations={invitations.data.invitations} admin={admin} onDone={setNotice} />
      </Section>
      <Section title={t("ac.members.mailTitle")} id="mail">
        <Mail smtp={mail.data.smtp} messages={mail.data.messages} />
      </Section>
      <Section title={t("ac.members.registerTitle")} id="departments">
        <DepartmentRegister departments={departments} admin={admin} onDone={setNotice} />
      </Section>
      <Section title={t("ac.members.settingsTitle")} id="settings">
        <Settings tenant={tenant.data} departments={departments} admin={admin} onDone={setNotice} />
      </Section>
    </div>
  );
}

type Done = (n: { ok: boolean; text: string }) => void;

function useRefusal() {
  const { t } = useTranslation();
  return (e: ApiError) =>
    e.status === 403
      ? t("wk.err.forbidden", { message: e.message })
      : e.status === 0
        ? t("wk.err.network")
        : t("wk.err.refused", { message: e.message });
}

function useRefresh() {
  const queryClient = useQueryClient();
  const ws = useWs();
  return () => queryClient.invalidateQueries({ queryKey: ["t", ws.tenant] });
}

/** The department checkboxes of a role form (shown for editors only). */
function DepartmentChoice(props: {
  departments: readonly Dept[];
  value: readonly string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
  idPrefix: string;
  /** The legend and hint (default: a member's departments). */
  legend?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  return (
    <fieldset
      className="ws-fieldset"
      aria-describedby={`${props.idPrefix}-hint${props.error ? ` ${props.idPrefix}-error` : ""}`}
    >
      <legend>{props.legend ?? t("ac.members.departments")}</legend>
      <p id={`${props.idPrefix}-hint`} className="muted">
        {props.hint ?? t("ac.members.departmentsHint")}
      </p>
      <div className="ws-checks">
        {props.departments.map((d, i) => (
          <label key={d.id} className="ws-check">
            <input
              type="checkbox"
              id={i === 0 ? `${props.idPrefix}-0` : undefined}
              value={d.id}
              checked={props.value.includes(d.id)}
              onChange={(e) =>
                props.onChange(
                  e.currentTarget.checked ? [...props.value, d.id] : props.value.filter((x) => x !== d.id),
                )
              }
            />{" "}
            <LocalText text={d.name} locale={ws.locale} />
          </label>
        ))}
      </div>
      {props.error && (
        <p id={`${props.idPrefix}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

function InviteForm(props: { departments: readonly Dept[]; onDone: Done }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  const [general, setGeneral] = useState<string | null>(null);
  const schema = z
    .object({
      email: z
        .string()
        .trim()
        .pipe(z.email(t("ac.link.email"))),
      role: z.enum(ROLE_CHOICES),
      departments: z.array(z.string()),
    })
    .refine((v) => v.role !== "editor" || v.departments.length > 0, {
      message: t("ac.members.departmentsHint"),
      path: ["departments"],
    });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: "", role: "editor", departments: [] },
  });
  const role = form.watch("role");
  const chosen = form.watch("departments");
  async function submit(v: Values) {
    setGeneral(null);
    const r = await guarded(() =>
      accountCalls().putMember(ws.tenant, {
        email: v.email,
        role: v.role,
        departments: v.role === "editor" ? v.departments : [],
      }),
    );
    if (!r.ok) {
      for (const d of r.error.details ?? [])
        if (d.path.startsWith("json.email")) form.setError("email", { message: d.message });
        else if (d.path.startsWith("json.departments")) form.setError("departments", { message: d.message });
      if (!r.error.details?.length) setGeneral(refusal(r.error));
      return;
    }
    props.onDone({
      ok: true,
      text:
        r.data.status === "invited"
          ? t("ac.members.invited", { email: r.data.email })
          : t("ac.members.updated", { email: r.data.email }),
    });
    form.reset({ email: "", role: v.role, departments: [] });
    await refresh();
  }
  return (
    <form className="ws-form" id="invite-form" onSubmit={form.handleSubmit(submit)} noValidate>
      <FormErrors form={form} id="invite" general={general} />
      <TextField form={form} id="invite" name="email" label={t("ac.members.email")} type="email" />
      <SelectField
        form={form}
        id="invite"
        name="role"
        label={t("ac.members.role")}
        options={ROLE_CHOICES.map((r) => ({ value: r, label: t(`ws.roles.${r}`) }))}
      />
      {role === "editor" && (
        <DepartmentChoice
          idPrefix="invite-departments"
          departments={props.departments}
          value={chosen}
          onChange={(d) => form.setValue("departments", d, { shouldValidate: form.formState.isSubmitted })}
          error={form.formState.errors.departments?.message}
        />
      )}
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("ac.members.invite")}
      </button>
    </form>
  );
}

function MemberTable(props: {
  members: Member[];
  departments: readonly Dept[];
  admin: boolean;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  if (props.members.length === 0) return <p>{t("ac.members.noMembers")}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t("ac.members.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ac.members.email")}</th>
            <th scope="col">{t("ac.members.name")}</th>
            <th scope="col">{t("ac.members.role")}</th>
            <th scope="col">{t("ac.members.departments")}</th>
            {props.admin && <th scope="col">{t("ac.members.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr key={m.user_id} data-member={m.email}>
              <th scope="row">{m.email}</th>
              <td>{m.name}</td>
              <td>{t(`ws.roles.${m.role}`)}</td>
              <td>
                {m.departments.length > 0 ? (
                  <DepartmentNames ids={m.departments} departments={props.departments} />
                ) : m.role === "editor" ? (
                  ""
                ) : (
                  t("ac.members.allDepartments")
                )}
              </td>
              {props.admin && (
                <td>
                  {editing === m.user_id ? (
                    <EditRole
                      member={m}
                      departments={props.departments}
                      onClose={() => setEditing(null)}
                      onDone={props.onDone}
                    />
                  ) : removing === m.user_id ? (
                    <ConfirmRemove member={m} onClose={() => setRemoving(null)} onDone={props.onDone} />
                  ) : (
                    <div className="button-row">
                      <button type="button" className="button" onClick={() => setEditing(m.user_id)}>
                        {t("ac.members.edit", { email: m.email })}
                      </button>
                      <button
                        type="button"
                        className="button button--danger"
                        onClick={() => setRemoving(m.user_id)}
                      >
                        {t("ac.members.remove", { email: m.email })}
                      </button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EditRole(props: {
  member: Member;
  departments: readonly Dept[];
  onClose: () => void;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  const [role, setRole] = useState<RoleChoice>(props.member.role);
  const [deps, setDeps] = useState<string[]>(props.member.departments);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  async function save() {
    const r = await guarded(() =>
      accountCalls().putMember(ws.tenant, {
        email: props.member.email,
        role,
        departments: role === "editor" ? deps : [],
      }),
    );
    if (!r.ok) return setError(r.error.details?.map((d) => d.message).join(" ") || refusal(r.error));
    props.onDone({ ok: true, text: t("ac.members.updated", { email: props.member.email }) });
    props.onClose();
    await refresh();
  }
  return (
    <div className="ws-inline-form">
      <label htmlFor={`${id}-role`}>{t("ac.members.role")}</label>
      <select
        ref={first}
        id={`${id}-role`}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as RoleChoice)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {ROLE_CHOICES.map((r) => (
          <option key={r} value={r}>
            {t(`ws.roles.${r}`)}
          </option>
        ))}
      </select>
      {role === "editor" && (
        <DepartmentChoice
          idPrefix={`${id}-deps`}
          departments={props.departments}
          value={deps}
          onChange={setDeps}
        />
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={save}>
          {t("ac.members.save")}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t("ac.members.cancel")}
        </button>
      </div>
    </div>
  );
}

function ConfirmRemove(props: { member: Member; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  async function remove() {
    const r = await guarded(() => accountCalls().removeMember(ws.tenant, props.member.user_id));
    if (!r.ok) return setError(refusal(r.error));
    props.onDone({ ok: true, text: t("ac.members.removed", { email: props.member.email }) });
    await refresh();
  }
  return (
    <div className="ws-inline-form">
      <p>{t("ac.members.confirmRemove", { email: props.member.email })}</p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button ref={yes} type="button" className="button button--danger" onClick={remove}>
          {t("ac.members.confirmRemoveYes")}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t("ac.members.cancel")}
        </button>
      </div>
    </div>
  );
}

function Pending(props: {
  invitations: { id: string; email: string; role: RoleChoice; departments: string[]; expires_at: string }[];
  admin: boolean;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  if (props.invitations.length === 0) return <p>{t("ac.members.noPending")}</p>;
  async function withdraw(id: string, email: string) {
    const r = await guarded(() => accountCalls().withdraw(ws.tenant, id));
    props.onDone(
      r.ok ? { ok: true, text: t("ac.members.withdrawn", { email }) } : { ok: false, text: refusal(r.error) },
    );
    await refresh();
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t("ac.members.pendingCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ac.members.email")}</th>
            <th scope="col">{t("ac.members.role")}</th>
            <th scope="col">{t("ac.members.departments")}</th>
            <th scope="col">{t("ac.members.expires")}</th>
            {props.admin && <th scope="col">{t("ac.members.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.invitations.map((i) => (
            <tr key={i.id} data-invitation={i.email}>
              <th scope="row">{i.email}</th>
              <td>{t(`ws.roles.${i.role}`)}</td>
              <td>{i.departments.join(", ")}</td>
              <td>{formatDate(i.expires_at.slice(0, 10), ws.locale)}</td>
              {props.admin && (
                <td>
                  <button type="button" className="button" onClick={() => withdraw(i.id, i.email)}>
                    {t("ac.members.withdraw", { email: i.email })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Mail(props: {
  smtp: boolean;
  messages: {
    id: string;
    kind: string;
    email: string;
    link: string | null;
    state: "waiting" | "sent" | "failed";
    attempts: number;
    last_error: string | null;
  }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>{props.smtp ? t("ac.members.mailSmtp") : t("ac.members.mailLead")}</p>
      {props.messages.length === 0 ? (
        <p>{t("ac.members.noMail")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("ac.members.mailCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ac.members.email")}</th>
                <th scope="col">{t("ac.members.kind")}</th>
                <th scope="col">{t("ac.members.state")}</th>
                <th scope="col">{t("ac.members.attempts")}</th>
                <th scope="col">{t("ac.members.link")}</th>
              </tr>
            </thead>
            <tbody>
              {props.messages.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.email}</th>
                  <td>{t(`ac.members.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
                  <td>
                    {t(`ac.members.states.${m.state}`)}
                    {m.last_error ? ` (${m.last_error})` : ""}
                  </td>
                  <td>{m.attempts}</td>
                  <td className="ws-break">{m.link ?? t("ac.members.noLink")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Settings(props: {
  tenant: { name: string; name_en: string; version: number; settings?: Record<string, unknown> | undefined };
  departments: readonly Dept[];
  admin: boolean;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  const [general, setGeneral] = useState<string | null>(null);
  const settings = props.tenant.settings ?? {};
  const licence = typeof settings.open_data_licence === "string" ? settings.open_data_licence : "";
  const owners = Array.isArray(settings.model_owners)
    ? (settings.model_owners as unknown[]).filter((d): d is string => typeof d === "string")
    : [];
  const schema = z.object({
    name: z.string().trim().min(1, t("ac.link.required")).max(200),
    name_en: z.string().trim().min(1, t("ac.link.required")).max(200),
    licence: z.string().max(500),
    model_owners: z.array(z.string()),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: {
      name: props.tenant.name,
      name_en: props.tenant.name_en,
      licence,
      model_owners: owners,
    },
  });
  const chosenOwners = form.watch("model_owners");
  if (!props.admin)
    return (
      <dl className="ws-facts">
        <dt>{t("ac.members.nameKo")}</dt>
        <dd>{props.tenant.name}</dd>
        <dt>{t("ac.members.nameEn")}</dt>
        <dd>{props.tenant.name_en}</dd>
        <dt>{t("ac.members.licence")}</dt>
        <dd>{licence}</dd>
        <dt>{t("ac.members.modelOwners")}</dt>
        <dd>
          {owners.length > 0 ? (
            <DepartmentNames ids={owners} departments={props.departments} />
          ) : (
            t("ac.members.modelOwnersNone")
          )}
        </dd>
      </dl>
    );
  async function submit(v: Values) {
    setGeneral(null);
    const known = new Set(props.departments.map((d) => d.id));
    const r = await guarded(() =>
      accountCalls().updateTenant(ws.tenant, {
        base_version: props.tenant.version,
        name: v.name,
        name_en: v.name_en,
        settings: {
          ...settings,
          open_data_licence: v.licence.trim(),
          // only departments of the register (an owner it no longer has is dropped)
          model_owners: v.model_owners.filter((d) => known.has(d)),
        },
      }),
    );
    if (!r.ok) {
      setGeneral(r.error.status === 409 ? t("ac.members.conflict") : refusal(r.error));
      await refresh();
      return;
    }
    props.onDone({ ok: true, text: t("ac.members.settingsSaved") });
    await refresh();
  }
  return (
    <form className="ws-form" onSubmit={form.handleSubmit(submit)} noValidate>
      <FormErrors form={form} id="settings" general={general} />
      <TextField form={form} id="settings" name="name" label={t("ac.members.nameKo")} />
      <TextField form={form} id="settings" name="name_en" label={t("ac.members.nameEn")} />
      <TextField form={form} id="settings" name="licence" label={t("ac.members.licence")} />
      <DepartmentChoice
        departments={props.departments}
        value={chosenOwners}
        onChange={(v) => form.setValue("model_owners", v, { shouldDirty: true })}
        idPrefix="settings-model_owners"
        legend={t("ac.members.modelOwners")}
        hint={t("ac.members.modelOwnersHint")}
      />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("ac.members.saveSettings")}
      </button>
    </form>
  );
}

/** Departments named by id, shown by their register names in the page's language. */
function DepartmentNames(props: { ids: readonly string[]; departments: readonly Dept[] }) {
  const ws = useWs();
  const byId = new Map(props.departments.map((d) => [d.id, d.name]));
  return (
    <>
      {props.ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ", "}
          <LocalText text={byId.get(id) ?? { ko: id }} locale={ws.locale} />
        </span>
      ))}
    </>
  );
}

/**
 * The department register: every department with its names; admins add one (a new id) or rename one in
 * either language (the id, and every membership, action and budget line naming it, stay).
 */
function DepartmentRegister(props: { departments: readonly Dept[]; admin: boolean; onDone: Done }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guarded = useGuardedCall();
  const refusal = useRefusal();
  const refresh = useRefresh();
  const [general, setGeneral] = useState<string | null>(null);
  const known = new Set(props.departments.map((d) => d.id));
  const schema = z.object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, t("ac.members.deptIdRule")),
    ko: z.string().trim().min(1, t("ac.link.required")).max(200),
    en: z.string().trim().max(200),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { id: "", ko: "", en: "" } });
  function edit(d: Dept) {
    form.reset({ id: d.id, ko: d.name.ko, en: d.name.en ?? "" });
    form.setFocus("ko");
  }
  async function submit(v: Values) {
    setGeneral(null);
    const r = await guarded(() =>
      accountCalls().putDepartment(ws.tenant, v.id, {
        name: { ko: v.ko, ...(v.en ? { en: v.en } : {}) },
      }),
    );
    if (!r.ok) {
      for (const d of r.error.details ?? [])
        if (d.path.startsWith("json.name.ko")) form.setError("ko", { message: d.message });
        else if (d.path.startsWith("json.name.en")) form.setError("en", { message: d.message });
        else if (d.path.startsWith("param")) form.setError("id", { message: d.message });
      if (!r.error.details?.length) setGeneral(refusal(r.error));
      return;
    }
    props.onDone({
      ok: true,
      text: t(r.data.created ? "ac.members.deptAdded" : "ac.members.deptRenamed", { name: v.ko }),
    });
    form.reset({ id: "", ko: "", en: "" });
    await refresh();
  }
  const id = form.watch("id");
  return (
    <>
      <p>{t("ac.members.registerLead")}</p>
      <div className="table-wrap">
        <table className="table" data-register="departments">
          <caption>{t("ac.members.registerCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ac.members.deptKo")}</th>
              <th scope="col">{t("ac.members.deptEn")}</th>
              <th scope="col">{t("ac.members.deptId")}</th>
              {props.admin && <th scope="col">{t("ac.members.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {props.departments.map((d) => (
              <tr key={d.id} data-department={d.id}>
                <th scope="row" lang="ko">
                  {d.name.ko}
                </th>
                <td lang="en">{d.name.en ?? <span className="muted">{t("ac.members.deptNoEn")}</span>}</td>
                <td>
                  <code>{d.id}</code>
                </td>
                {props.admin && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      onClick={() => edit(d)}
                      aria-label={t("ac.members.deptRenameOf", { name: localIn(d.name, ws.locale) })}
                    >
                      {t("ac.members.deptRename")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.admin && (
        <form className="ws-form" id="department-form" onSubmit={form.handleSubmit(submit)} noValidate>
          <FormErrors form={form} id="department" general={general} />
          <TextField form={form} id="department" name="id" label={t("ac.members.deptId")} />
          <TextField form={form} id="department" name="ko" label={t("ac.members.deptKo")} />
          <TextField form={form} id="department" name="en" label={t("ac.members.deptEn")} />
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {known.has(id.trim()) ? t("ac.members.deptSaveRename") : t("ac.members.deptAdd")}
          </button>
        </form>
      )}
    </>
  );
}
