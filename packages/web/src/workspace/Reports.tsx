/**
 * The yearly implementation report (이행점검 결과보고서) in the workspace: the reports (plan, year checked,
 * stage); a report's page with its measures, where a department's officer completes their measures' rows
 * (the figures prefilled from the agenda, indicators and settlement shown read-only with where they come
 * from; the narrative and evidence typed), the stage controls an admin is offered (complete = freeze,
 * deliberated, submitted, reported; reopen; publish), the files (PDF, DOCX, XLSX, HTML) and the comparison
 * with the year before. The server decides every write; a refusal is shown with its reason.
 */
import { REPORT_STAGES, type ReportStage } from "@citypath/core/report/schema";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { type ApiError, api, result, type Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { Status } from "../components/Status.tsx";
import { formatInstant, formatNumber, formatShare, type Locale } from "../format.ts";
import { addReportingTexts } from "../i18n/reporting.ts";
import { isAdmin, mayChange } from "./access.ts";
import { useWs } from "./context.ts";
import { FormErrors, TextArea, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { CheckField, HeadRow, PageState, SaveRow } from "./page-state.tsx";
import { PutToConsultation } from "./ReportConsultation.tsx";
import { FollowUpEdit, OpinionEdit } from "./ReportFollowUp.tsx";
import {
  type EntriesForm,
  entriesForm,
  lines,
  localText,
  type MeasureForm,
  measureForm,
  type NewReportForm,
  newReportForm,
  type ReopenForm,
  reopenForm,
  type StageChangeForm,
  stageChangeForm,
} from "./report-forms.ts";
import { failureText, saveAndRefresh, saveFailureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import "./reporting.css";
import { actionsQuery, apiErrorOf, keys, plansQuery, reportsQuery, unwrap } from "./staff.ts";

type Header = Schemas["ReportHeader"];
type Doc = Schemas["ImplementationReportDocument"];
type Table = Doc["sections"][number]["tables"][number];
type Cell = Table["rows"][number][number];
/** Table III-1's columns (server/src/report/document.ts): name, department, the figures, the narrative. */
const COL = { no: 0, name: 2, department: 3, achievement: 8, execution: 11, status: 15, grade: 16 } as const;
const FIGURES = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] as const;

const reportKey = (tenant: string, plan: string, year: number, lang: string) =>
  ["t", tenant, "report", plan, year, lang] as const;

function reportQuery(tenant: string, plan: string, year: number, lang: Locale) {
  return {
    queryKey: reportKey(tenant, plan, year, lang),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/reports/{plan}/{year}", {
            params: { path: { tenant, plan, year: String(year) }, query: { lang } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** A table cell as text in the page's language ("–" for a missing value). */
export function cellText(c: Cell, kind: Table["columns"][number]["kind"], locale: Locale): string {
  if (c === null) return "–";
  if (typeof c === "string") return c;
  if (kind === "ratio") return formatShare(c, locale, 1);
  return formatNumber(c, locale, kind === "tco2e" || kind === "number" ? 1 : 0);
}

const fileUrl = (tenant: string, plan: string, year: number, format: string, lang: Locale) =>
  `/api/tenants/${encodeURIComponent(tenant)}/reports/${encodeURIComponent(plan)}/${year}/document?format=${format}&lang=${lang}`;

export default function Reports(props: { path: readonly string[] }) {
  const { i18n } = useTranslation();
  addReportingTexts(i18n);
  const [plan, year, action] = props.path;
  if (plan && year && /^\d{4}$/.test(year))
    return <ReportPage plan={plan} year={Number(year)} {...(action ? { action } : {})} />;
  return <ReportList />;
}

function ReportList() {
  const { t } = useTranslation();
  const ws = useWs();
  const reports = useQuery(reportsQuery(ws.tenant));
  const plans = useQuery(plansQuery(ws.tenant));
  const header = <PageHeader title={t("rp.list.title")} lead={t("rp.list.lead")} />;
  if (reports.isPending || plans.isPending || reports.isError || plans.isError)
    return (
      <PageState
        header={header}
        failed={reports.isError || plans.isError}
        error={reports.error ?? plans.error}
      />
    );
  const planName = (id: string) => plans.data.plans.find((p) => p.id === id)?.name[ws.locale] ?? id;
  const rows = [...reports.data.reports].sort((a, b) => b.year - a.year || a.plan.localeCompare(b.plan));
  return (
    <div data-ready="reports">
      {header}
      <Section title={t("rp.list.reports", { n: rows.length })} id="reports">
        {rows.length === 0 ? (
          <p>{t("rp.list.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="reports">
              <caption>{t("rp.list.caption")}</caption>
              <HeadRow
                labels={[
                  t("rp.list.year"),
                  t("rp.list.plan"),
                  t("rp.list.stage"),
                  t("rp.list.published"),
                  t("rp.list.completed"),
                ]}
              />
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.plan}-${r.year}`}>
                    <td>
                      <Link href={ws.href(["reports", r.plan, String(r.year)])}>
                        {t("rp.list.open", { year: r.year })}
                      </Link>
                    </td>
                    <td>{planName(r.plan)}</td>
                    <td>{t(`rp.stage.${r.stage}`)}</td>
                    <td>{r.published ? t("rp.yes") : t("rp.no")}</td>
                    <td>{r.completed_at ? formatInstant(r.completed_at, ws.locale) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {isAdmin(ws.membership) && (
        <Section title={t("rp.new.title")} id="new-report">
          <NewReport plans={plans.data.plans.map((p) => ({ value: p.id, label: p.name[ws.locale] }))} />
        </Section>
      )}
    </div>
  );
}

/** An admin starts a draft for a plan and year (the rows then come from the data as it is). */
function NewReport(props: { plans: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<NewReportForm>({
    resolver: zodResolver(newReportForm),
    defaultValues: { plan: props.plans[0]?.value ?? "", year: String(new Date().getFullYear() - 1) },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/reports/{plan}/{year}", {
          params: { path: { tenant: ws.tenant, plan: v.plan, year: v.year } },
          body: {
            base_version: 0,
            entries: { measures: [], best_practices: [], follow_up: [], opinions: [] },
          },
        }),
      ),
    );
    if (!r.ok) {
      setGeneral(r.error.status === 409 ? t("rp.new.exists") : failureText(t, r.error));
      return;
    }
    await queryClient.invalidateQueries({ queryKey: keys.reports(ws.tenant) });
  });
  return (
    <form className="ws-form" noValidate onSubmit={submit} aria-label={t("rp.new.title")}>
      <FormErrors form={form} id="nr" general={general} />
      <div className="field">
        <label htmlFor="nr-plan">{t("rp.list.plan")}</label>
        <select id="nr-plan" {...form.register("plan")}>
          {props.plans.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <TextField form={form} id="nr" name="year" label={t("rp.new.year")} inputMode="numeric" />
      <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
        {t("rp.new.submit")}
      </button>
    </form>
  );
}

function ReportPage(props: { plan: string; year: number; action?: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery(reportQuery(ws.tenant, props.plan, props.year, ws.locale));
  const list = useQuery(reportsQuery(ws.tenant));
  const actions = useQuery(actionsQuery(ws.tenant));
  const header = (
    <PageHeader
      title={t("rp.page.title", { year: props.year })}
      lead={<Link href={ws.href(["reports"])}>{t("rp.page.back")}</Link>}
    />
  );
  if (q.isPending || actions.isPending || q.isError || actions.isError)
    return (
      <PageState header={header} failed={q.isError || actions.isError} error={q.error ?? actions.error} />
    );
  const data = q.data;
  const rec = data.report;
  const doc = data.document;
  const table = doc.sections.find((s) => s.id === "III")?.tables.find((x) => x.id === "III-1");
  const rows = table?.rows ?? [];
  const owners = new Map(actions.data.actions.map((a) => [a.id, a.departments_named]));
  const mine = (id: string) => mayChange(ws.membership, owners.get(id) ?? []);
  const draft = rec?.stage === "draft";
  const earlier = (list.data?.reports ?? [])
    .filter((r) => r.plan === props.plan && r.year < props.year)
    .sort((a, b) => b.year - a.year)[0];
  const selected = props.action ? data.measures.findIndex((m) => m.action === props.action) : -1;
  // V-1 asks for an action plan for the lagging, delayed and 미흡 measures
  const measureNames = data.measures.flatMap((m, i) =>
    m.needs_follow_up
      ? [{ action: m.action, name: `${rows[i]?.[COL.no] ?? ""} ${rows[i]?.[COL.name] ?? m.action}`.trim() }]
      : [],
  );
  return (
    <div data-ready="report">
      {header}
      <p className="muted">{doc.title}</p>
      <StageState rec={rec} frozen={data.frozen} />
      {doc.notices.length > 0 && (
        <ul className="ws-list" aria-label={t("rp.page.notices")}>
          {doc.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <Section title={t("rp.files.title")} id="files">
        <p>{t("rp.files.lead")}</p>
        <ul className="button-row rp-files" data-testid="report-files">
          {(["pdf", "docx", "xlsx", "html"] as const).map((f) => (
            <li key={f}>
              <a
                className="button"
                href={fileUrl(ws.tenant, props.plan, props.year, f, ws.locale)}
                {...(f === "html" ? {} : { download: "" })}
              >
                {t(`rp.files.${f}`)}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <EmissionsTable doc={doc} />
      {selected >= 0 && table && (
        <MeasureRow
          plan={props.plan}
          year={props.year}
          rec={rec}
          table={table}
          row={rows[selected] ?? []}
          measure={data.measures[selected] as (typeof data.measures)[number]}
          entry={data.entries.measures.find((m) => m.action === props.action)}
          departments={(owners.get(props.action ?? "") ?? []).map((d) => d.id)}
          editable={draft && mine(props.action ?? "")}
          frozen={data.frozen}
        />
      )}
      <Section title={t("rp.measures.title", { n: rows.length })} id="measures">
        {table?.note && <p className="muted">{table.note}</p>}
        <div className="table-wrap">
          <table className="table" data-testid="report-measures">
            <caption>{t("rp.measures.caption")}</caption>
            <HeadRow
              labels={[
                table?.columns[COL.no]?.label,
                table?.columns[COL.name]?.label,
                table?.columns[COL.department]?.label,
                table?.columns[COL.status]?.label,
                table?.columns[COL.grade]?.label,
                t("rp.measures.row"),
              ]}
            />
            <tbody>
              {rows.map((r, i) => {
                const m = data.measures[i];
                if (!m) return null;
                return (
                  <tr key={m.action} aria-current={m.action === props.action ? "true" : undefined}>
                    <td>{r[COL.no]}</td>
                    <td>
                      <Link href={ws.href(["reports", props.plan, String(props.year), m.action])}>
                        {r[COL.name]}
                      </Link>
                    </td>
                    <td>{r[COL.department]}</td>
                    <td>{r[COL.status]}</td>
                    <td>{r[COL.grade]}</td>
                    <td>
                      {m.completed_on ? (
                        <>
                          {t("rp.measures.completedOn", { date: m.completed_on })} (
                          {m.completed_by ? (
                            <LocalText text={m.completed_by} locale={ws.locale} />
                          ) : (
                            t("rp.measures.noDepartment")
                          )}
                          )
                        </>
                      ) : draft && mine(m.action) ? (
                        t("rp.measures.yours")
                      ) : (
                        t("rp.measures.open")
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
      {rec && isAdmin(ws.membership) && (
        <Section title={t("rp.stage.title")} id="stage">
          <StageControls plan={props.plan} year={props.year} rec={rec} />
        </Section>
      )}
      {rec && draft && isAdmin(ws.membership) && (
        <Section title={t("rp.entries.title")} id="entries">
          <EntriesEdit plan={props.plan} year={props.year} version={rec.version} entries={data.entries} />
        </Section>
      )}
      {rec && draft && isAdmin(ws.membership) && (
        <>
          <Section title={t("rp.followUp.title")} id="follow-up">
            <FollowUpEdit
              plan={props.plan}
              year={props.year}
              version={rec.version}
              entries={data.entries}
              measures={measureNames}
            />
          </Section>
          <Section title={t("rp.opinions.title")} id="opinions">
            <OpinionEdit
              plan={props.plan}
              year={props.year}
              version={rec.version}
              entries={data.entries}
              measures={measureNames}
            />
          </Section>
          <Section title={t("rp.consult.title")} id="consultation">
            <PutToConsultation plan={props.plan} year={props.year} />
          </Section>
        </>
      )}
      {rec && !isAdmin(ws.membership) && <p className="muted">{t("rp.stage.adminsOnly")}</p>}
      {earlier && table && (
        <Compare
          plan={props.plan}
          year={props.year}
          earlier={earlier.year}
          table={table}
          measures={data.measures}
        />
      )}
    </div>
  );
}

/**
 * Section II's table II-1 as the server's document has it (emissions, target, gap, target met, whether each
 * figure is provisional, the inventory's verification status), or the section's reason when it has none.
 */
function EmissionsTable(props: { doc: Doc }) {
  const ws = useWs();
  const section = props.doc.sections.find((s) => s.id === "II");
  if (!section) return null;
  const tbl = section.tables.find((x) => x.id === "II-1");
  const totals = new Set(tbl?.totals ?? []);
  return (
    <Section title={section.heading} id="emissions">
      {section.paragraphs.map((p) => (
        <p key={p} className="muted">
          {p}
        </p>
      ))}
      {tbl && (
        <div className="table-wrap">
          <table className="table" data-testid="report-emissions">
            <caption>{tbl.title}</caption>
            <HeadRow labels={tbl.columns.map((c) => c.label)} />
            <tbody>
              {tbl.rows.map((row, i) => (
                <tr key={String(row[1])} className={totals.has(i) ? "rp-total" : undefined}>
                  {row.map((v, j) => {
                    const kind = tbl.columns[j]?.kind ?? "text";
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table
                      <td key={j} className={kind === "text" ? undefined : "num"}>
                        {cellText(v, kind, ws.locale)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function StageState(props: { rec: Header | null; frozen: boolean }) {
  const { t } = useTranslation();
  const ws = useWs();
  const r = props.rec;
  if (!r)
    return (
      <p className="ws-notice" role="status">
        {t("rp.page.noRecord")}
      </p>
    );
  return (
    <dl className="rp-facts" data-testid="report-state">
      <dt>{t("rp.list.stage")}</dt>
      <dd data-testid="report-stage">{t(`rp.stage.${r.stage}`)}</dd>
      <dt>{t("rp.page.frozen")}</dt>
      <dd data-testid="report-frozen">
        {props.frozen && r.completed_at
          ? t("rp.page.frozenSince", { when: formatInstant(r.completed_at, ws.locale) })
          : t("rp.page.notFrozen")}
      </dd>
      <dt>{t("rp.list.published")}</dt>
      <dd data-testid="report-published">
        {r.published ? t("rp.page.isPublished") : t("rp.page.notPublished")}
      </dd>
    </dl>
  );
}

/** A measure's row: the figures read-only with where they come from, and the department's own part. */
function MeasureRow(props: {
  plan: string;
  year: number;
  rec: Header | null;
  table: Table;
  row: readonly Cell[];
  measure: { action: string; no: string; completed_on: string | null };
  entry: Schemas["ReportEntriesSave"]["entries"]["measures"][number] | undefined;
  /** The measure's departments (register ids), its lead first. */
  departments: readonly string[];
  editable: boolean;
  frozen: boolean;
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const cols = props.table.columns;
  const name = String(props.row[COL.name] ?? props.measure.action);
  return (
    <Section title={t("rp.row.title", { no: props.measure.no, name })} id="row">
      <h3>{t("rp.row.figures")}</h3>
      <p className="muted">
        {props.frozen ? t("rp.row.figuresFrozen") : t("rp.row.figuresLive")} {props.table.note}
      </p>
      <dl className="rp-facts" data-testid="row-figures">
        {FIGURES.map((i) => (
          <FigureItem key={i} label={cols[i]?.label ?? ""}>
            {cellText(props.row[i] ?? null, cols[i]?.kind ?? "text", ws.locale)}
          </FigureItem>
        ))}
      </dl>
      <h3>{t("rp.row.narrative")}</h3>
      {props.editable && props.rec ? (
        <MeasureEntryForm
          plan={props.plan}
          year={props.year}
          version={props.rec.version}
          action={props.measure.action}
          entry={props.entry}
          departments={props.departments}
        />
      ) : (
        <>
          <p className="ws-notice" role="status">
            {!props.rec
              ? t("rp.page.noRecord")
              : props.rec.stage !== "draft"
                ? t("rp.row.lockedFrozen")
                : t("rp.row.lockedDepartment")}
          </p>
          <dl className="rp-facts">
            {[17, 18, 19, 20, 21].map((i) => (
              <FigureItem key={i} label={cols[i]?.label ?? ""}>
                {cellText(props.row[i] ?? null, "text", ws.locale)}
              </FigureItem>
            ))}
          </dl>
        </>
      )}
    </Section>
  );
}

function FigureItem(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function MeasureEntryForm(props: {
  plan: string;
  year: number;
  version: number;
  action: string;
  entry: Schemas["ReportEntriesSave"]["entries"]["measures"][number] | undefined;
  departments: readonly string[];
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const e = props.entry;
  const fid = "mr";
  const form = useForm<MeasureForm>({
    resolver: zodResolver(measureForm),
    defaultValues: {
      achievements_ko: e?.achievements?.ko ?? "",
      achievements_en: e?.achievements?.en ?? "",
      delay_ko: e?.delay_reason?.ko ?? "",
      delay_en: e?.delay_reason?.en ?? "",
      improvement_ko: e?.improvement?.ko ?? "",
      improvement_en: e?.improvement?.en ?? "",
      evidence: (e?.evidence ?? []).join("\n"),
      complete: Boolean(e?.completed_on),
    },
  });
  const send = useMutation({
    mutationFn: (v: MeasureForm) => {
      const achievements = localText(v.achievements_ko, v.achievements_en);
      const delay = localText(v.delay_ko, v.delay_en);
      const improvement = localText(v.improvement_ko, v.improvement_en);
      const evidence = lines(v.evidence);
      const today = new Date().toISOString().slice(0, 10);
      const own = ws.membership?.departments ?? [];
      const completedBy =
        e?.completed_by ?? props.departments.find((d) => own.includes(d)) ?? props.departments[0];
      return unwrap(
        guard(() =>
          result(
            staffClient().http.PUT("/api/tenants/{tenant}/reports/{plan}/{year}/measures/{action}", {
              params: {
                path: { tenant: ws.tenant, plan: props.plan, year: String(props.year), action: props.action },
              },
              body: {
                base_version: props.version,
                entry: {
                  ...(achievements ? { achievements } : {}),
                  ...(delay ? { delay_reason: delay } : {}),
                  ...(improvement ? { improvement } : {}),
                  ...(evidence.length ? { evidence } : {}),
                  ...(v.complete
                    ? {
                        completed_on: e?.completed_on ?? today,
                        // the department completing the row (decision 0095): the member's own department
                        // of the measure, else (an admin) its lead department; who did it is in the trail
                        ...(completedBy ? { completed_by: completedBy } : {}),
                      }
                    : {}),
                },
              },
            }),
          ),
        ),
      );
    },
  });
  const submit = form.handleSubmit((v) =>
    saveAndRefresh({
      t,
      save: () => send.mutateAsync(v),
      refresh: () => queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "report"] }),
      setGeneral,
      setSaved,
    }),
  );
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-label={t("rp.row.formLabel")}>
      <FormErrors form={form} id={fid} general={general} />
      <TextArea form={form} id={fid} name="achievements_ko" label={t("rp.row.achievementsKo")} />
      <TextArea form={form} id={fid} name="achievements_en" label={t("rp.row.achievementsEn")} />
      <TextArea form={form} id={fid} name="delay_ko" label={t("rp.row.delayKo")} />
      <TextArea form={form} id={fid} name="delay_en" label={t("rp.row.delayEn")} />
      <TextArea form={form} id={fid} name="improvement_ko" label={t("rp.row.improvementKo")} />
      <TextArea form={form} id={fid} name="improvement_en" label={t("rp.row.improvementEn")} />
      <TextArea
        form={form}
        id={fid}
        name="evidence"
        label={t("rp.row.evidence")}
        hint={t("rp.row.evidenceHint")}
      />
      <CheckField form={form} id={fid} name="complete" label={t("rp.row.complete")} />
      <SaveRow saved={saved} busy={send.isPending} label={t("rp.row.save")} />
    </form>
  );
}

type Entries = Schemas["ReportEntriesSave"]["entries"];

/** The admins' part of a draft: best practices, governance, links with other plans, plan changes. */
function EntriesEdit(props: { plan: string; year: number; version: number; entries: Entries }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const e = props.entries;
  const fid = "re";
  const form = useForm<EntriesForm>({
    resolver: zodResolver(entriesForm),
    defaultValues: {
      best_ko: e.best_practices.map((b) => b.ko).join("\n"),
      best_en: e.best_practices.every((b) => b.en) ? e.best_practices.map((b) => b.en).join("\n") : "",
      governance_ko: e.governance?.ko ?? "",
      governance_en: e.governance?.en ?? "",
      links_ko: e.links?.ko ?? "",
      links_en: e.links?.en ?? "",
      plan_changes_ko: e.plan_changes?.ko ?? "",
      plan_changes_en: e.plan_changes?.en ?? "",
    },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setSaved(false);
    const en = lines(v.best_en);
    const { governance: _g, links: _l, plan_changes: _p, ...kept } = e;
    const governance = localText(v.governance_ko, v.governance_en);
    const links = localText(v.links_ko, v.links_en);
    const planChanges = localText(v.plan_changes_ko, v.plan_changes_en);
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/reports/{plan}/{year}", {
          params: { path: { tenant: ws.tenant, plan: props.plan, year: String(props.year) } },
          body: {
            base_version: props.version,
            entries: {
              ...kept,
              best_practices: lines(v.best_ko).map((ko, i) => (en[i] ? { ko, en: en[i] } : { ko })),
              ...(governance ? { governance } : {}),
              ...(links ? { links } : {}),
              ...(planChanges ? { plan_changes: planChanges } : {}),
            },
          },
        }),
      ),
    );
    await queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "report"] });
    if (!r.ok) setGeneral(saveFailureText(t, r.error));
    else setSaved(true);
  });
  return (
    <form
      className="ws-form ws-form--wide"
      noValidate
      onSubmit={submit}
      aria-label={t("rp.entries.formLabel")}
    >
      <p className="muted">{t("rp.entries.lead")}</p>
      <FormErrors form={form} id={fid} general={general} />
      <TextArea form={form} id={fid} name="best_ko" label={t("rp.entries.bestKo")} />
      <TextArea form={form} id={fid} name="best_en" label={t("rp.entries.bestEn")} />
      <TextArea form={form} id={fid} name="governance_ko" label={t("rp.entries.governanceKo")} />
      <TextArea form={form} id={fid} name="governance_en" label={t("rp.entries.governanceEn")} />
      <TextArea form={form} id={fid} name="links_ko" label={t("rp.entries.linksKo")} />
      <TextArea form={form} id={fid} name="links_en" label={t("rp.entries.linksEn")} />
      <TextArea form={form} id={fid} name="plan_changes_ko" label={t("rp.entries.planChangesKo")} />
      <TextArea form={form} id={fid} name="plan_changes_en" label={t("rp.entries.planChangesEn")} />
      <SaveRow saved={saved} busy={form.formState.isSubmitting} label={t("rp.entries.save")} />
    </form>
  );
}

/** The stage controls of an admin: the next stage (with what it records), reopen, publish. */
function StageControls(props: { plan: string; year: number; rec: Header }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const r = props.rec;
  const next: ReportStage | undefined = REPORT_STAGES[REPORT_STAGES.indexOf(r.stage) + 1];
  const path = { tenant: ws.tenant, plan: props.plan, year: String(props.year) };
  const stage = useForm<StageChangeForm>({
    resolver: zodResolver(stageChangeForm),
    defaultValues: {
      date: new Date().toISOString().slice(0, 10),
      decision: "original",
      opinions_ko: "",
      opinions_en: "",
    },
  });
  const reopen = useForm<ReopenForm>({ resolver: zodResolver(reopenForm), defaultValues: { reason: "" } });

  async function after(call: () => Promise<{ ok: true } | { ok: false; error: ApiError }>, message: string) {
    setGeneral(null);
    setDone(null);
    const x = await call();
    // the page shows the new state before it says the change is done
    await queryClient.invalidateQueries({ queryKey: ["t", ws.tenant] });
    if (!x.ok) setGeneral(saveFailureText(t, x.error));
    else setDone(message);
  }

  const move = stage.handleSubmit((v) => {
    if (!next || next === "draft") return;
    const opinions = localText(v.opinions_ko, v.opinions_en);
    return after(
      () =>
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/reports/{plan}/{year}/stage", {
              params: { path },
              body: {
                base_version: r.version,
                to: next,
                ...(next === "deliberated"
                  ? { committee: { date: v.date, decision: v.decision, ...(opinions ? { opinions } : {}) } }
                  : {}),
                ...(next === "submitted" ? { submitted_on: v.date } : {}),
                ...(next === "reported"
                  ? { council: { date: v.date, ...(opinions ? { recommendations: opinions } : {}) } }
                  : {}),
              },
            }),
          ),
        ),
      t("rp.stage.moved", { stage: t(`rp.stage.${next}`) }),
    );
  });
  const doReopen = reopen.handleSubmit((v) =>
    after(
      () =>
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/reports/{plan}/{year}/reopen", {
              params: { path },
              body: { base_version: r.version, reason: v.reason.trim() },
            }),
          ),
        ),
      t("rp.stage.reopened"),
    ),
  );
  const publish = (published: boolean) =>
    after(
      () =>
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/reports/{plan}/{year}/publish", {
              params: { path },
              body: { base_version: r.version, published },
            }),
          ),
        ),
      published ? t("rp.stage.publishedNow") : t("rp.stage.withdrawn"),
    );

  const dated = next === "deliberated" || next === "submitted" || next === "reported";
  return (
    <div data-testid="stage-controls">
      {general && (
        <div className="error-summary" role="alert">
          <p>{general}</p>
        </div>
      )}
      {done && (
        <p className="status" role="status">
          {done}
        </p>
      )}
      {next && (
        <form className="ws-form" noValidate onSubmit={move} aria-label={t("rp.stage.formLabel")}>
          <FormErrors form={stage} id="st" />
          <p>{t(`rp.stage.explain.${next}`)}</p>
          {dated && <TextField form={stage} id="st" name="date" label={t(`rp.stage.date.${next}`)} />}
          {next === "deliberated" && (
            <div className="field">
              <label htmlFor="st-decision">{t("rp.stage.decision")}</label>
              <select id="st-decision" {...stage.register("decision")}>
                <option value="original">{t("rp.stage.original")}</option>
                <option value="amended">{t("rp.stage.amended")}</option>
              </select>
            </div>
          )}
          {(next === "deliberated" || next === "reported") && (
            <>
              <TextArea form={stage} id="st" name="opinions_ko" label={t(`rp.stage.opinions.${next}`)} />
              <TextArea form={stage} id="st" name="opinions_en" label={t("rp.stage.opinionsEn")} />
            </>
          )}
          <button type="submit" className="button button--primary" disabled={stage.formState.isSubmitting}>
            {t(`rp.stage.to.${next}`)}
          </button>
        </form>
      )}
      {r.stage !== "draft" && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void publish(!r.published)}
            data-testid="publish"
          >
            {r.published ? t("rp.stage.withdraw") : t("rp.stage.publish")}
          </button>
        </div>
      )}
      {r.stage !== "draft" && (
        <form className="ws-form" noValidate onSubmit={doReopen} aria-label={t("rp.stage.reopen")}>
          <FormErrors form={reopen} id="ro" />
          <TextArea form={reopen} id="ro" name="reason" label={t("rp.stage.reopenReason")} />
          <button type="submit" className="button button--secondary" disabled={reopen.formState.isSubmitting}>
            {t("rp.stage.reopen")}
          </button>
        </form>
      )}
    </div>
  );
}

/** The measures beside the earlier year's report: achievement, execution, status and grade. */
function Compare(props: {
  plan: string;
  year: number;
  earlier: number;
  table: Table;
  measures: readonly { action: string }[];
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery(reportQuery(ws.tenant, props.plan, props.earlier, ws.locale));
  const title = t("rp.compare.title", { year: props.earlier });
  if (q.isPending)
    return (
      <Section title={title} id="compare">
        <Status kind="loading" />
      </Section>
    );
  if (q.isError)
    return (
      <Section title={title} id="compare">
        <Status kind="error" error={apiErrorOf(q.error)} />
      </Section>
    );
  const before = q.data.document.sections.find((s) => s.id === "III")?.tables.find((x) => x.id === "III-1");
  const prev = new Map(q.data.measures.map((m, i) => [m.action, before?.rows[i]]));
  const cols = props.table.columns;
  const shown = [COL.achievement, COL.execution, COL.status, COL.grade] as const;
  return (
    <Section title={title} id="compare">
      <div className="table-wrap">
        <table className="table" data-testid="report-compare">
          <caption>{t("rp.compare.caption", { year: props.year, earlier: props.earlier })}</caption>
          <thead>
            <tr>
              <th scope="col">{cols[COL.name]?.label}</th>
              {shown.map((i) => (
                <th key={i} scope="col">
                  {t("rp.compare.both", { label: cols[i]?.label ?? "", a: props.earlier, b: props.year })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row, i) => {
              const m = props.measures[i];
              if (!m) return null;
              const old = prev.get(m.action);
              return (
                <tr key={m.action}>
                  <th scope="row">{row[COL.name]}</th>
                  {shown.map((c) => (
                    <td key={c}>
                      {old
                        ? cellText(old[c] ?? null, cols[c]?.kind ?? "text", ws.locale)
                        : t("rp.compare.absent")}
                      {" → "}
                      {cellText(row[c] ?? null, cols[c]?.kind ?? "text", ws.locale)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
