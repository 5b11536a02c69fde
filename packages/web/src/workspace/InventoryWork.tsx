/**
 * Inventory (editors compute and delete drafts, admins publish): the versions (drafts shown to members),
 * the form that computes a draft from a stored activity dataset, and one version's totals per year and its
 * diff against the version it was based on (else the one before), line by line, with the lines that changed
 * first. A published version is frozen: the public site shows the newest one.
 */

import { localIn } from "@citypath/core/vocabulary/local";
import type { InventoryStatus } from "@citypath/core/vocabulary/statuses";
import {
  INVENTORY_VERIFICATION_LABELS,
  INVENTORY_VERIFICATION_STATUSES,
} from "@citypath/core/vocabulary/verification";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { result } from "../api/client.ts";
import { localize } from "../api/model.ts";
import { Link } from "../app/Link.tsx";
import { navigate } from "../app/router.ts";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatDate, formatTonnes } from "../format.ts";
import { isAdmin, writes } from "./access.ts";
import { useWs } from "./context.ts";
import { ErrorSummary } from "./Form.tsx";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import {
  type ComputeForm,
  computeForm,
  localOf,
  type VerificationForm,
  verificationForm,
} from "./form-schemas.ts";
import { useGuardedCall } from "./guard.tsx";
import { failureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { apiErrorOf, datasetsQuery, inventoriesQuery, keys, unwrap } from "./staff.ts";

export default function InventoryWork(props: { version?: number }) {
  const { t } = useTranslation();
  const ws = useWs();
  const list = useQuery(inventoriesQuery(ws.tenant));
  const header = <PageHeader title={t("wk.inv.title")} lead={t("wk.inv.lead")} />;
  if (list.isPending)
    return (
      <>
        {header}
        <Status kind="loading" />
      </>
    );
  if (list.isError)
    return (
      <>
        {header}
        <Status kind="error" error={apiErrorOf(list.error)} />
      </>
    );
  const versions = list.data.inventories;
  const chosen = versions.find((v) => v.version === props.version) ?? null;
  return (
    <div data-ready="inventory">
      {header}
      <Section title={t("wk.inv.versions")} id="versions">
        <div className="table-wrap">
          <table className="table" data-testid="versions">
            <caption>{t("wk.inv.versionsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("wk.inv.version")}</th>
                <th scope="col">{t("wk.inv.label")}</th>
                <th scope="col">{t("wk.inv.state")}</th>
                <th scope="col">{t("wk.inv.verification")}</th>
                <th scope="col">{t("wk.inv.years")}</th>
                <th scope="col">{t("wk.inv.dataset")}</th>
                <th scope="col">{t("wk.inv.created")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} aria-current={v.version === props.version ? "true" : undefined}>
                  <td>
                    <Link href={ws.href(["inventory", String(v.version)])}>
                      {t("wk.inv.open", { version: v.version })}
                    </Link>
                  </td>
                  <td>
                    <LocalText text={v.label} locale={ws.locale} />
                  </td>
                  <td>
                    <span className={`badge ${v.status === "draft" ? "badge--warn" : ""}`}>
                      {t(`wk.inv.status.${v.status}`)}
                    </span>
                  </td>
                  <td>
                    <span className={`badge ${v.verification.status === "verified" ? "" : "badge--warn"}`}>
                      {localize(INVENTORY_VERIFICATION_LABELS[v.verification.status], ws.locale)}
                    </span>
                    {v.verification.verified_by &&
                      ` ${v.verification.verified_by} · ${v.verification.verified_on}`}
                  </td>
                  <td>
                    {v.first_year}–{v.last_year}
                  </td>
                  <td>{v.activity_dataset ?? ""}</td>
                  <td>{formatDate(v.created_at.slice(0, 10), ws.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {writes(ws.membership) && (
        <Compute published={versions.filter((v) => v.status === "published").map((v) => v.version)} />
      )}
      {chosen && chosen.status === "published" && isAdmin(ws.membership) && (
        <Verification key={chosen.version} version={chosen.version} current={chosen.verification} />
      )}
      {chosen && (
        <VersionView
          version={chosen.version}
          status={chosen.status}
          label={localIn(chosen.label, ws.locale)}
        />
      )}
    </div>
  );
}

type Local = { ko: string; en?: string };
type VerificationOut = {
  status: "provisional" | "verified";
  verified_by: string | null;
  verified_on: string | null;
  basis: Local | null;
  illustrative: boolean;
};

/** An admin records a published version's verification status (audited; the figures stay frozen). */
function Verification(props: { version: number; current: VerificationOut }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const c = props.current;
  const form = useForm<VerificationForm>({
    resolver: zodResolver(verificationForm),
    defaultValues: {
      status: c.status,
      by: c.verified_by ?? "",
      on: c.verified_on ?? "",
      basis: c.basis?.ko ?? "",
      basis_en: c.basis?.en ?? "",
      illustrative: c.illustrative,
    },
  });
  const status = useWatch({ control: form.control, name: "status" });
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: {
      status: VerificationOut["status"];
      verified_by: string | null;
      verified_on: string | null;
      basis: Local;
      illustrative: boolean;
    }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.PUT("/api/tenants/{tenant}/inventories/{version}/verification", {
              params: { path: { tenant: ws.tenant, version: props.version } },
              body,
            }),
          ),
        ),
      ),
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setDone(null);
    try {
      await save.mutateAsync({
        status: v.status,
        verified_by: v.status === "verified" ? v.by.trim() : null,
        verified_on: v.status === "verified" ? v.on : null,
        basis: localOf(v.basis, v.basis_en),
        illustrative: v.illustrative,
      });
      await queryClient.invalidateQueries({ queryKey: keys.inventories(ws.tenant) });
      setDone(t("wk.inv.verificationSaved", { version: props.version }));
    } catch (err) {
      setGeneral(failureText(t, apiErrorOf(err)));
    }
  });
  return (
    <Section title={t("wk.inv.verificationTitle", { version: props.version })} id="verification">
      <p className="muted">{t("wk.inv.verificationLead")}</p>
      <form
        className="ws-form"
        noValidate
        onSubmit={submit}
        aria-label={t("wk.inv.verificationTitle", { version: props.version })}
      >
        <FormErrors form={form} id="ver" general={general} />
        {done && (
          <p className="ws-notice" role="status">
            {done}
          </p>
        )}
        <SelectField
          form={form}
          id="ver"
          name="status"
          label={t("wk.inv.verification")}
          options={INVENTORY_VERIFICATION_STATUSES.map((x) => ({
            value: x,
            label: localize(INVENTORY_VERIFICATION_LABELS[x], ws.locale),
          }))}
        />
        {status === "verified" && (
          <>
            <TextField form={form} id="ver" name="by" label={t("wk.inv.verifiedBy")} />
            <TextField form={form} id="ver" name="on" label={t("wk.inv.verifiedOn")} type="date" />
          </>
        )}
        <TextArea form={form} id="ver" name="basis" label={t("wk.inv.verificationBasis")} lang="ko" />
        <TextArea
          form={form}
          id="ver"
          name="basis_en"
          label={t("wk.inv.verificationBasisEn")}
          hint={t("wk.inv.englishHint")}
          lang="en"
        />
        <div className="check">
          <input id="ver-illustrative" type="checkbox" {...form.register("illustrative")} />
          <label htmlFor="ver-illustrative">{t("wk.inv.verificationIllustrative")}</label>
        </div>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t("wk.inv.verificationSave")}
        </button>
      </form>
    </Section>
  );
}

function Compute(props: { published: number[] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const datasets = useQuery(datasetsQuery(ws.tenant));
  const form = useForm<ComputeForm>({
    resolver: zodResolver(computeForm),
    defaultValues: { label: "", label_en: "", dataset: "", based_on: String(props.published[0] ?? "") },
  });
  const [general, setGeneral] = useState<string | null>(null);
  const compute = useMutation({
    // the built-in factors only and the AR5 GWP set (the server's documented defaults, named here)
    mutationFn: (b: { label: Local; activity_dataset: string; based_on_version?: number }) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/inventories", {
              params: { path: { tenant: ws.tenant } },
              body: { ...b, factor_sets: [], gwp_set: "AR5" },
            }),
          ),
        ),
      ),
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    try {
      const h = await compute.mutateAsync({
        label: localOf(v.label, v.label_en),
        activity_dataset: v.dataset,
        ...(v.based_on ? { based_on_version: Number(v.based_on) } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: keys.inventories(ws.tenant) });
      navigate(ws.href(["inventory", String(h.version)]));
    } catch (err) {
      setGeneral(failureText(t, apiErrorOf(err)));
    }
  });
  return (
    <Section title={t("wk.inv.computeTitle")} id="compute">
      <form className="ws-form" noValidate onSubmit={submit} aria-label={t("wk.inv.computeTitle")}>
        <FormErrors form={form} id="inv" general={general} />
        <TextField form={form} id="inv" name="label" label={t("wk.inv.label")} />
        <TextField
          form={form}
          id="inv"
          name="label_en"
          label={t("wk.inv.labelEn")}
          hint={t("wk.inv.englishHint")}
        />
        <SelectField
          form={form}
          id="inv"
          name="dataset"
          label={t("wk.inv.dataset")}
          options={[
            { value: "", label: t("wk.inv.chooseDataset") },
            ...(datasets.data?.datasets ?? []).map((d) => ({
              value: d.id,
              label: t("wk.inv.datasetOption", { name: d.name, id: d.id, rows: d.row_count }),
            })),
          ]}
        />
        <SelectField
          form={form}
          id="inv"
          name="based_on"
          label={t("wk.inv.basedOn")}
          options={[
            { value: "", label: t("wk.inv.noBase") },
            ...props.published.map((v) => ({ value: String(v), label: t("wk.inv.open", { version: v }) })),
          ]}
        />
        <button type="submit" className="button button--primary" disabled={compute.isPending}>
          {compute.isPending ? t("wk.inv.computing") : t("wk.inv.compute")}
        </button>
      </form>
    </Section>
  );
}

function VersionView(props: { version: number; status: InventoryStatus; label: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<string>("");
  const [onlyChanged, setOnlyChanged] = useState(true);
  const [general, setGeneral] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const diff = useQuery({
    queryKey: keys.diff(ws.tenant, props.version, null),
    queryFn: ({ signal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/inventories/{version}/diff", {
            params: { path: { tenant: ws.tenant, version: String(props.version) } },
            signal,
          }),
          signal,
        ),
      ),
  });
  const act = useMutation({
    mutationFn: (what: "publish" | "delete") =>
      unwrap(
        guard(() =>
          what === "publish"
            ? result(
                staffClient().http.POST("/api/tenants/{tenant}/inventories/{version}/publish", {
                  params: { path: { tenant: ws.tenant, version: props.version } },
                }),
              )
            : result(
                staffClient().http.DELETE("/api/tenants/{tenant}/inventories/{version}", {
                  params: { path: { tenant: ws.tenant, version: props.version } },
                }),
              ).then((r) => (r.ok || r.error.code !== "bad_response" ? r : { ok: true as const, data: {} })),
        ),
      ),
  });
  async function run(what: "publish" | "delete") {
    setGeneral(null);
    try {
      await act.mutateAsync(what);
      await queryClient.invalidateQueries({ queryKey: keys.inventories(ws.tenant) });
      if (what === "delete") navigate(ws.href(["inventory"]));
      else setDone(t("wk.inv.published", { version: props.version }));
    } catch (e) {
      setGeneral(failureText(t, apiErrorOf(e)));
    }
  }
  const title = t("wk.inv.versionTitle", { version: props.version, label: props.label });
  if (diff.isPending)
    return (
      <Section title={title} id="version">
        <Status kind="loading" />
      </Section>
    );
  if (diff.isError)
    return (
      <Section title={title} id="version">
        <Status kind="error" error={apiErrorOf(diff.error)} />
      </Section>
    );
  const d = diff.data;
  const years = d.years.map((y) => y.year);
  const y = d.years.find((x) => String(x.year) === year) ?? d.years[d.years.length - 1];
  const lines = (y?.lines ?? [])
    .filter((l) => !onlyChanged || Math.abs(l.change_tco2e) > 1e-9)
    .sort(
      (a, b) => Math.abs(b.change_tco2e) - Math.abs(a.change_tco2e) || a.gpc_ref.localeCompare(b.gpc_ref),
    );
  const tonnes = (v: number | null | undefined) =>
    v === null || v === undefined ? t("wk.inv.absent") : formatTonnes(v, ws.locale);
  return (
    <Section title={title} id="version">
      <div data-ready="inventory-version">
        <ErrorSummary errors={[]} general={general} />
        {done && (
          <p className="ws-notice" role="status">
            {done}
          </p>
        )}
        <p>{t("wk.inv.diffLead", { from: d.from_version, to: d.to_version })}</p>
        <div className="table-wrap">
          <table className="table" data-testid="totals">
            <caption>{t("wk.inv.totalsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("wk.inv.year")}</th>
                <th scope="col">{t("wk.inv.before", { version: d.from_version })}</th>
                <th scope="col">{t("wk.inv.after", { version: d.to_version })}</th>
                <th scope="col">{t("wk.inv.change")}</th>
              </tr>
            </thead>
            <tbody>
              {d.years.map((x) => {
                const b = x.totals.before?.basic;
                const a = x.totals.after?.basic;
                const c = a !== undefined && b !== undefined ? a - b : null;
                return (
                  <tr key={x.year}>
                    <th scope="row">{x.year}</th>
                    <td className="num">{tonnes(b)}</td>
                    <td className="num">{tonnes(a)}</td>
                    <td className={`num ${c && c > 0 ? "diff-up" : c && c < 0 ? "diff-down" : ""}`}>
                      {c === null ? "" : formatTonnes(c, ws.locale)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="diff-year">{t("wk.inv.year")}</label>
            <select
              id="diff-year"
              value={String(y?.year ?? "")}
              onChange={(e) => setYear(e.currentTarget.value)}
            >
              {years.map((v) => (
                <option key={v} value={String(v)}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={onlyChanged}
                onChange={(e) => setOnlyChanged(e.currentTarget.checked)}
              />{" "}
              {t("wk.inv.onlyChanged")}
            </label>
          </div>
        </div>
        <div className="table-wrap">
          <table className="table" data-testid="diff">
            <caption>{t("wk.inv.diffCaption", { year: y?.year ?? "", n: lines.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("wk.inv.line")}</th>
                <th scope="col">{t("wk.inv.before", { version: d.from_version })}</th>
                <th scope="col">{t("wk.inv.after", { version: d.to_version })}</th>
                <th scope="col">{t("wk.inv.change")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.gpc_ref}>
                  <th scope="row">
                    <code>{l.gpc_ref}</code>
                  </th>
                  <td className="num">{tonnes(l.before_tco2e)}</td>
                  <td className="num">{tonnes(l.after_tco2e)}</td>
                  <td
                    className={`num ${l.change_tco2e > 0 ? "diff-up" : l.change_tco2e < 0 ? "diff-down" : ""}`}
                  >
                    {formatTonnes(l.change_tco2e, ws.locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {props.status === "draft" && (
          <div className="button-row">
            {isAdmin(ws.membership) && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => run("publish")}
                disabled={act.isPending}
              >
                {t("wk.inv.publish", { version: props.version })}
              </button>
            )}
            {writes(ws.membership) &&
              (confirmDelete ? (
                <>
                  <span>{t("wk.inv.deleteSure")}</span>
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => run("delete")}
                    disabled={act.isPending}
                  >
                    {t("wk.inv.deleteYes", { version: props.version })}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                    {t("wk.inv.deleteNo")}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => setConfirmDelete(true)}
                >
                  {t("wk.inv.delete", { version: props.version })}
                </button>
              ))}
          </div>
        )}
        {props.status === "draft" && !isAdmin(ws.membership) && (
          <p className="muted">{t("wk.inv.adminsPublish")}</p>
        )}
      </div>
    </Section>
  );
}
