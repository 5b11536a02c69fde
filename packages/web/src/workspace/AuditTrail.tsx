/**
 * The audit trail (tenant admins and auditors): filter by record (kind and id), user and period, page
 * through (oldest first, 50 a page), open a change to see its values before and after field by field, run
 * the hash-chain verification, and export what the filter selects as CSV or XLSX. Reading only: nothing on
 * this page changes anything.
 */

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/client.ts";
import { useSite } from "../app/context.ts";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import {
  type AuditFilter,
  type AuditRecord,
  accountCalls,
  auditExportUrl,
  auditQuery,
} from "./accounts-api.ts";
import "./accounts.css";
import { type AuditFilterForm, auditFilterForm } from "./audit-form.ts";
import { useWs } from "./context.ts";
import { FormErrors, TextField } from "./fields.tsx";
import { apiErrorOf } from "./staff.ts";

/** The city's clock: Korea Standard Time has no daylight saving (a day is 00:00 to 24:00 at +09:00). */
const CITY_OFFSET = "+09:00";

/** The API filter of the form's fields: dates become the city's day boundaries (the end day included). */
export function apiFilter(f: Record<keyof AuditFilter, string>): AuditFilter {
  const out: AuditFilter = {};
  if (f.entity.trim()) out.entity = f.entity.trim();
  if (f.entity_id.trim()) out.entity_id = f.entity_id.trim();
  if (f.user.trim()) out.user = f.user.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.from)) out.from = `${f.from}T00:00:00${CITY_OFFSET}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.to)) {
    const next = new Date(`${f.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    out.to = `${next.toISOString().slice(0, 10)}T00:00:00${CITY_OFFSET}`;
  }
  return out;
}

const EMPTY = { entity: "", entity_id: "", user: "", from: "", to: "" };

export default function AuditTrail() {
  const { t } = useTranslation();
  const ws = useWs();
  const site = useSite();
  // the filter can come in the address (?user=, ?entity=, ...), so that a filtered trail can be linked to
  const initial = { ...EMPTY };
  for (const k of Object.keys(EMPTY) as (keyof typeof EMPTY)[]) initial[k] = site.query.get(k) ?? "";
  const form = useForm<AuditFilterForm>({ resolver: zodResolver(auditFilterForm), defaultValues: initial });
  const [filter, setFilter] = useState<AuditFilter>(() => apiFilter(initial));
  // the cursor each page starts after: [null] is the first page
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const after = pages.at(-1) ?? null;
  const records = useQuery(auditQuery(ws.tenant, filter, after));
  const [open, setOpen] = useState<AuditRecord | null>(null);

  const apply = form.handleSubmit((v) => {
    setFilter(apiFilter(v));
    setPages([null]);
  });
  function reset() {
    form.reset({ ...EMPTY });
    setFilter({});
    setPages([null]);
  }

  const header = <PageHeader title={t("ac.audit.title")} lead={t("ac.audit.lead")} />;
  return (
    <div data-ready={records.data ? "audit" : undefined}>
      {header}
      <Verify />
      <Section title={t("ac.audit.filters")} id="filters">
        <form
          className="ws-form ws-form--wide"
          noValidate
          onSubmit={apply}
          aria-label={t("ac.audit.filters")}
        >
          <FormErrors form={form} id="audit" />
          <div className="ws-grid">
            {(
              [
                ["entity", "ac.audit.entity", "text"],
                ["entity_id", "ac.audit.entityId", "text"],
                ["user", "ac.audit.user", "text"],
                ["from", "ac.audit.from", "date"],
                ["to", "ac.audit.to", "date"],
              ] as const
            ).map(([k, label, type]) => (
              <TextField key={k} form={form} id="audit" name={k} label={t(label)} type={type} />
            ))}
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t("ac.audit.apply")}
            </button>
            <button type="button" className="button" onClick={reset}>
              {t("ac.audit.reset")}
            </button>
          </div>
        </form>
        <p className="button-row">
          <a className="button" href={auditExportUrl(ws.tenant, filter, "csv", ws.locale)} download>
            {t("ac.audit.exportCsv")}
          </a>
          <a className="button" href={auditExportUrl(ws.tenant, filter, "xlsx", ws.locale)} download>
            {t("ac.audit.exportXlsx")}
          </a>
        </p>
      </Section>
      <Section title={t("ac.audit.page", { page: pages.length })} id="records">
        {records.isError ? (
          <Status kind="error" error={apiErrorOf(records.error)} />
        ) : !records.data ? (
          <Status kind="loading" />
        ) : records.data.records.length === 0 ? (
          <Status kind="empty" message={t("ac.audit.nothing")} />
        ) : (
          <Records records={records.data.records} onOpen={setOpen} />
        )}
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={pages.length === 1}
            onClick={() => setPages((p) => p.slice(0, -1))}
          >
            {t("ac.audit.previous")}
          </button>
          <button
            type="button"
            className="button"
            disabled={records.data?.next_after == null}
            onClick={() => {
              const next = records.data?.next_after;
              if (next != null) setPages((p) => [...p, next]);
            }}
          >
            {t("ac.audit.next")}
          </button>
        </div>
      </Section>
      {open && <Change record={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

/** A record's name in the trail: its chain and its place in it ("3-12"). */
const recordRef = (r: AuditRecord) => `${r.stream}-${r.seq}`;

function Records(props: { records: AuditRecord[]; onOpen: (r: AuditRecord) => void }) {
  const { t } = useTranslation();
  const ws = useWs();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t("ac.audit.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ac.audit.seq")}</th>
            <th scope="col">{t("ac.audit.at")}</th>
            <th scope="col">{t("ac.audit.actor")}</th>
            <th scope="col">{t("ac.audit.action")}</th>
            <th scope="col">{t("ac.audit.record")}</th>
            <th scope="col">{t("ac.audit.version")}</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((r) => (
            <tr key={recordRef(r)} data-seq={recordRef(r)}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => props.onOpen(r)}>
                  {t("ac.audit.open", { seq: recordRef(r) })}
                </button>
              </th>
              <td>
                {new Date(r.at).toLocaleString(ws.locale === "ko" ? "ko-KR" : "en-GB", {
                  timeZone: "Asia/Seoul",
                })}
              </td>
              <td>{r.actor ? (r.actor.email ?? r.actor.id) : t("ac.audit.system")}</td>
              <td>{t(`ac.audit.actions.${r.action}`, { defaultValue: r.action })}</td>
              <td>
                {r.entity} <code>{r.entity_id}</code>
              </td>
              <td>{r.version ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A value as text: strings as they are, anything else as compact JSON. */
function show(v: unknown): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The fields of a change, before and after, the changed ones first. */
export function fieldDiff(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown; changed: boolean }[] {
  const obj = (v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const b = obj(before);
  const a = obj(after);
  if (!b && !a)
    return [{ field: "", before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows = keys.map((k) => ({
    field: k,
    before: b?.[k],
    after: a?.[k],
    changed: JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** One change in a modal dialog (focus kept inside, Escape closes, focus returns to the opener). */
function Change(props: { record: AuditRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const r = props.record;
  const { onClose } = props;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => opener?.focus();
  }, []);
  const rows = fieldDiff(r.before, r.after);
  return (
    <dialog
      ref={ref}
      className="ws-dialog ws-dialog--wide"
      aria-labelledby="change-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="change-title">
        {t("ac.audit.changeTitle", { seq: recordRef(r), entity: r.entity, id: r.entity_id })}
      </h2>
      <p className="muted ws-break">
        {t("ac.audit.hashes", { prev: r.prev_hash.slice(0, 16), hash: r.hash.slice(0, 16) })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("ac.audit.field")}</th>
              <th scope="col">{t("ac.audit.before")}</th>
              <th scope="col">{t("ac.audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className={row.changed ? "ws-changed" : undefined}>
                <th scope="row">{row.field}</th>
                <td className="ws-break">
                  {row.before === undefined ? t("ac.audit.noValue") : show(row.before)}
                </td>
                <td className="ws-break">
                  {row.after === undefined ? t("ac.audit.noValue") : show(row.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button" onClick={() => ref.current?.close()}>
        {t("ac.audit.close")}
      </button>
    </dialog>
  );
}

function Verify() {
  const { t } = useTranslation();
  const ws = useWs();
  const [state, setState] = useState<
    | { s: "idle" }
    | { s: "busy" }
    | { s: "done"; intact: boolean; records: number; broken: { seq: number; reason: string } | null }
    | { s: "error"; error: ApiError }
  >({ s: "idle" });
  async function run() {
    setState({ s: "busy" });
    const r = await accountCalls().verify(ws.tenant);
    setState(r.ok ? { s: "done", ...r.data } : { s: "error", error: r.error });
  }
  return (
    <Section title={t("ac.audit.verify")} id="verify">
      <button type="button" className="button button--primary" onClick={run} disabled={state.s === "busy"}>
        {state.s === "busy" ? t("ac.audit.verifying") : t("ac.audit.verify")}
      </button>
      <div role="status" data-testid="verify-result">
        {state.s === "done" &&
          (state.intact ? (
            <p className="ws-notice">{t("ac.audit.intact", { records: state.records })}</p>
          ) : (
            <p className="ws-notice ws-notice--warn">
              {t("ac.audit.broken", { seq: state.broken?.seq ?? 0, reason: state.broken?.reason ?? "" })}
            </p>
          ))}
        {state.s === "error" && <Status kind="error" error={state.error} />}
      </div>
    </Section>
  );
}
