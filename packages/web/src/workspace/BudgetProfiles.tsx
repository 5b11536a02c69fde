/**
 * The budget import's mapping profiles (a section of the budget page, for editors and admins as the
 * import-profile routes allow): the saved profiles of the budget's two kinds listed, a new one created, one
 * edited (saved on the version read: a 409 reloads it) or deleted (after a confirmation, on the version
 * read). The form is a react-hook-form form on `budgetProfileForm`: the layout's columns are the core's, and a
 * line that is not of its field's form is an error of that field with its line number. The import form above
 * offers the saved profiles of the kind it imports.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { noContent, result, type Schemas } from "../api/client.ts";
import { Status } from "../components/Status.tsx";
import { formatDate } from "../format.ts";
import {
  BUDGET_PROFILE_KINDS,
  type BudgetProfileForm,
  budgetProfileForm,
  layoutColumns,
  profileFields,
  profileText,
} from "./budget-profiles.ts";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { HeadRow } from "./page-state.tsx";
import { failureText, saveFailureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { apiErrorOf, keys, profilesQuery } from "./staff.ts";

type Profile = Schemas["ImportProfile"];

const EMPTY: BudgetProfileForm = {
  id: "",
  name: "",
  kind: "budget_lines",
  encoding: "auto",
  sheet: "",
  mapping: "",
  constants: "",
  scale: "",
  value_map: "",
};

const isBudget = (p: Profile): p is Profile & { kind: BudgetProfileForm["kind"] } =>
  (BUDGET_PROFILE_KINDS as readonly string[]).includes(p.kind);

export function BudgetProfiles() {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const profiles = useQuery(profilesQuery(ws.tenant));
  const [editing, setEditing] = useState<Profile | null>(null);
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  // a new form after each save, so that a created profile's values do not stay in the new one
  const [saves, setSaves] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.profiles(ws.tenant) });

  async function remove(p: Profile) {
    setMessage(null);
    setGeneral(null);
    const r = await guard(() =>
      noContent(
        staffClient().http.DELETE("/api/tenants/{tenant}/import-profiles/{id}", {
          params: { path: { tenant: ws.tenant, id: p.id }, query: { version: p.version } },
        }),
      ),
    );
    setDeleting(null);
    // the list is read again first, so that the message is announced with the list it speaks of
    await refresh();
    if (!r.ok) setGeneral(saveFailureText(t, r.error));
    else {
      setMessage(t("rp.prof.deleted", { name: p.name }));
      if (editing?.id === p.id) setEditing(null);
    }
  }

  const list = (profiles.data?.profiles ?? []).filter(isBudget);
  return (
    <>
      <p>{t("rp.prof.lead")}</p>
      {general && (
        <div className="error-summary" role="alert">
          <p>{general}</p>
        </div>
      )}
      {message && (
        <p className="status" role="status">
          {message}
        </p>
      )}
      {profiles.isPending ? (
        <Status kind="loading" />
      ) : profiles.isError ? (
        <Status kind="error" error={apiErrorOf(profiles.error)} />
      ) : list.length === 0 ? (
        <p>{t("rp.prof.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="budget-profiles">
            <caption>{t("rp.prof.caption")}</caption>
            <HeadRow
              labels={[
                t("rp.prof.name"),
                t("rp.prof.id"),
                t("rp.prof.kind"),
                t("rp.prof.columns"),
                t("rp.prof.version"),
                t("rp.prof.actions"),
              ]}
            />
            <tbody>
              {list.map((p) => (
                <tr key={p.id} data-profile={p.id}>
                  <td>{p.name}</td>
                  <td>
                    <code>{p.id}</code>
                  </td>
                  <td>{t(`rp.prof.kinds.${p.kind}`)}</td>
                  <td>{Object.keys(p.mapping).length}</td>
                  <td>
                    {t("rp.prof.versionAt", { v: p.version, date: formatDate(p.updated_at, ws.locale) })}
                  </td>
                  <td>
                    {deleting?.id === p.id ? (
                      <ConfirmDelete
                        name={p.name}
                        onConfirm={() => void remove(p)}
                        onCancel={() => setDeleting(null)}
                      />
                    ) : (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t("rp.prof.editOne", { name: p.name })}
                          onClick={() => {
                            setMessage(null);
                            setEditing(p);
                            formRef.current?.scrollIntoView();
                          }}
                        >
                          {t("rp.prof.edit")}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t("rp.prof.deleteOne", { name: p.name })}
                          onClick={() => {
                            setMessage(null);
                            setDeleting(p);
                          }}
                        >
                          {t("rp.prof.delete")}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div ref={formRef}>
        <ProfileEdit
          key={editing ? `${editing.id}@${editing.version}` : `new-${saves}`}
          profile={editing}
          taken={new Set(list.map((p) => p.id))}
          onSaved={(p, created) => {
            // the list shows the saved version at once (with the message), then is read afresh
            queryClient.setQueryData<{ profiles: Profile[] }>(keys.profiles(ws.tenant), (old) =>
              old
                ? {
                    ...old,
                    profiles: old.profiles.some((o) => o.id === p.id)
                      ? old.profiles.map((o) => (o.id === p.id ? p : o))
                      : [...old.profiles, p],
                  }
                : old,
            );
            setGeneral(null);
            setMessage(t(created ? "rp.prof.created" : "rp.prof.saved", { name: p.name }));
            setEditing(null);
            setSaves((n) => n + 1);
            void refresh();
          }}
          onStale={async (id) => {
            await refresh();
            return queryClient
              .getQueryData<{ profiles: Profile[] }>(keys.profiles(ws.tenant))
              ?.profiles.find((p) => p.id === id);
          }}
          onCancel={() => setEditing(null)}
        />
      </div>
    </>
  );
}

/** A new profile's form, or the one being edited (its id fixed), with the layout's columns to map to. */
function ProfileEdit(props: {
  profile: Profile | null;
  taken: ReadonlySet<string>;
  onSaved: (p: Profile, created: boolean) => void;
  /** The profile as it is now, after a save refused because it changed since it was read. */
  onStale: (id: string) => Promise<Profile | undefined>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const p = props.profile;
  const form = useForm<BudgetProfileForm>({
    resolver: zodResolver(budgetProfileForm),
    defaultValues:
      p && isBudget(p)
        ? {
            id: p.id,
            name: p.name,
            kind: p.kind,
            encoding: p.encoding,
            sheet: p.sheet ?? "",
            ...profileText(p),
          }
        : EMPTY,
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  // the version the save replaces: the one read, or after a 409 the current one (what was typed is kept)
  const [base, setBase] = useState(p?.version ?? 0);
  const h = useId();
  const first = useRef(true);
  useEffect(() => {
    // an edit opened from the list takes the focus to its form
    if (first.current && p) form.setFocus("name");
    first.current = false;
  }, [form, p]);

  const save = form.handleSubmit(async (v) => {
    setGeneral(null);
    if (!p && props.taken.has(v.id)) {
      form.setError("id", { type: "taken", message: "wk.err.idTaken" }, { shouldFocus: true });
      return;
    }
    const fields = profileFields(v);
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/import-profiles/{id}", {
          params: { path: { tenant: ws.tenant, id: v.id } },
          body: {
            base_version: base,
            name: v.name.trim(),
            kind: v.kind,
            mapping: fields.mapping,
            constants: fields.constants,
            value_map: fields.value_map,
            scale: fields.scale,
            encoding: v.encoding,
            sheet: v.sheet.trim() || null,
          },
        }),
      ),
    );
    setStale(null);
    if (r.ok) return props.onSaved(r.data, !p);
    if (r.error.status === 409 && p) {
      const now = await props.onStale(p.id);
      if (now) setBase(now.version);
      setStale(t("rp.prof.stale", { v: now?.version ?? "?" }));
      return;
    }
    setGeneral(failureText(t, r.error));
  });

  return (
    <form
      className="ws-form ws-form--wide"
      noValidate
      onSubmit={save}
      aria-labelledby={h}
      data-testid="profile-form"
    >
      <h3 id={h}>{p ? t("rp.prof.editTitle", { name: p.name }) : t("rp.prof.newTitle")}</h3>
      <FormErrors form={form} id="bp" general={general ?? stale} />
      {p ? (
        <p>
          {t("rp.prof.id")}: <code>{p.id}</code>
        </p>
      ) : (
        <TextField form={form} id="bp" name="id" label={t("rp.prof.id")} hint={t("rp.prof.idHint")} />
      )}
      <TextField form={form} id="bp" name="name" label={t("rp.prof.name")} />
      <SelectField
        form={form}
        id="bp"
        name="kind"
        label={t("rp.prof.kind")}
        options={BUDGET_PROFILE_KINDS.map((k) => ({ value: k, label: t(`rp.prof.kinds.${k}`) }))}
      />
      <SelectField
        form={form}
        id="bp"
        name="encoding"
        label={t("rp.prof.encoding")}
        options={(["auto", "utf-8", "cp949"] as const).map((e) => ({
          value: e,
          label: t(`rp.prof.encodings.${e}`),
        }))}
      />
      <TextField form={form} id="bp" name="sheet" label={t("rp.prof.sheet")} hint={t("rp.prof.sheetHint")} />
      <TextArea
        form={form}
        id="bp"
        name="mapping"
        rows={5}
        label={t("rp.prof.mapping")}
        hint={t("rp.prof.mappingHint")}
      />
      <TextArea form={form} id="bp" name="scale" label={t("rp.prof.scale")} hint={t("rp.prof.scaleHint")} />
      <TextArea
        form={form}
        id="bp"
        name="value_map"
        rows={4}
        label={t("rp.prof.valueMap")}
        hint={t("rp.prof.valueMapHint")}
      />
      <TextArea
        form={form}
        id="bp"
        name="constants"
        label={t("rp.prof.constants")}
        hint={t("rp.prof.constantsHint")}
      />
      <details>
        <summary>{t("rp.prof.layout", { kind: t(`rp.prof.kinds.${kind}`) })}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption>{t("rp.prof.layout", { kind: t(`rp.prof.kinds.${kind}`) })}</caption>
            <HeadRow labels={[t("rp.prof.column"), t("rp.prof.header")]} />
            <tbody>
              {layoutColumns(kind).map(([en, ko]) => (
                <tr key={en}>
                  <td>
                    <code>{en}</code>
                  </td>
                  <td>{ko}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("ws.busy") : p ? t("rp.prof.save") : t("rp.prof.create")}
        </button>
        {p && (
          <button type="button" className="button button--secondary" onClick={props.onCancel}>
            {t("rp.prof.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** The delete's confirmation, in the profile's row: said, its button focused; cancel leaves the profile. */
function ConfirmDelete(props: { name: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="button-row">
      <span role="status">{t("rp.prof.confirm", { name: props.name })}</span>
      <button ref={ref} type="button" className="button button--danger" onClick={props.onConfirm}>
        {t("rp.prof.confirmDelete")}
      </button>
      <button type="button" className="button button--secondary" onClick={props.onCancel}>
        {t("rp.prof.cancel")}
      </button>
    </div>
  );
}
