/**
 * The GHG-reduction budget (온실가스감축인지 예산) in the workspace: a fiscal year's budget lines (filtered by
 * class and department), a line's form (class with its reason, reduction type, sector, linked action,
 * indicator, expected tCO2e with its method; who validated the classification and when) for the editors of
 * the line's department and admins, the import of lines or settlements (previewed; all or nothing; every
 * problem with its row and column) and the budget and settlement statements' files. The server decides every
 * write; a refusal is shown with its reason.
 */

import { POLICY_BASE_LABEL } from "@citypath/core/budget/schema";
import { KR_SECTOR_IDS } from "@citypath/core/vocabulary/sectors";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { result, type Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { LocalText } from "../components/LocalText.tsx";
import { PageHeader, Section } from "../components/Page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { Status } from "../components/Status.tsx";
import { formatNumber, type Locale } from "../format.ts";
import { addReportingTexts } from "../i18n/reporting.ts";
import { mayChange, writes } from "./access.ts";
import { departmentsQuery } from "./accounts-api.ts";
import { BudgetProfiles } from "./BudgetProfiles.tsx";
import { useWs } from "./context.ts";
import { useDepartmentNames } from "./department-names.ts";
import { FormErrors, SelectField, TextArea, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { base64 } from "./Imports.tsx";
import { problemReason } from "./ProblemTable.tsx";
import { CheckField, HeadRow, PageState, SaveRow } from "./page-state.tsx";
import {
  type BudgetLineForm,
  budgetLineForm,
  num,
  type SettlementForm,
  settlementForm,
} from "./report-forms.ts";
import { failureText, saveAndRefresh, saveFailureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { actionsQuery, apiErrorOf, budgetLinesQuery, budgetYear, profilesQuery, unwrap } from "./staff.ts";
import "./reporting.css";

type Line = Schemas["BudgetLineRecord"]["line"];
const CLASSES = ["reduction", "emission", "mixed", "neutral"] as const;

/** The line's amount as the statements take it: final, else supplementary, else original. */
const amountOf = (l: Line) => l.amount.final_krw ?? l.amount.supplementary_krw ?? l.amount.original_krw;

/**
 * Whether the membership may change the line: by its department's register id; a line without one (its
 * Korean name shared by several departments, decision 0095) is the admins' until one chooses.
 */
function mayEdit(m: Parameters<typeof mayChange>[0], l: Line): boolean {
  return mayChange(
    m,
    l.department_id ? [{ id: l.department_id, name: { ko: l.department, en: l.department } }] : [],
  );
}

const statementUrl = (tenant: string, year: number, kind: string, format: string, lang: Locale) =>
  `/api/tenants/${encodeURIComponent(tenant)}/budget/${year}/statement?kind=${kind}&format=${format}&lang=${lang}`;

export default function Budget(props: { path: readonly string[] }) {
  const { i18n } = useTranslation();
  addReportingTexts(i18n);
  const thisYear = new Date().getFullYear();
  const [y, code] = props.path;
  const year = budgetYear(y);
  if (code) return <LinePage year={year} code={code} />;
  return (
    <BudgetYear year={year} years={[thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1]} />
  );
}

function BudgetYear(props: { year: number; years: readonly number[] }) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery({ ...budgetLinesQuery(ws.tenant, props.year), retry: false });
  const named = useDepartmentNames(ws.tenant);
  const [cls, setCls] = useState("");
  const [dept, setDept] = useState("");
  const header = <PageHeader title={t("rp.budget.title", { year: props.year })} lead={t("rp.budget.lead")} />;
  const years = (
    <nav aria-label={t("rp.budget.years")}>
      <ul className="button-row rp-files">
        {props.years.map((y) => (
          <li key={y}>
            <Link href={ws.href(["budget", String(y)])} aria-current={y === props.year ? "page" : undefined}>
              {t("rp.budget.yearLink", { year: y })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
  if (q.isPending)
    return (
      <>
        {header}
        {years}
        <Status kind="loading" />
      </>
    );
  const missing = q.isError && apiErrorOf(q.error).status === 404;
  const lines = q.data?.lines.map((r) => r.line) ?? [];
  const departments = [...new Set(lines.map((l) => l.department))].sort();
  const shown = lines.filter((l) => (!cls || l.class === cls) && (!dept || l.department === dept));
  // a row standing for several projects (aggregate_of) is no one department's: not unresolved
  const unresolved = lines.filter((l) => !l.department_id && l.aggregate_of === undefined).length;
  return (
    <div data-ready="budget">
      {header}
      {years}
      {q.isError && !missing && <Status kind="error" error={apiErrorOf(q.error)} />}
      {missing && <Status kind="empty" message={t("rp.budget.noYear", { year: props.year })} />}
      {q.data && (
        <>
          <Section title={t("rp.budget.statements")} id="statements">
            <p>{t("rp.budget.statementsLead")}</p>
            {(["budget", "settlement"] as const).map((kind) => (
              <div key={kind}>
                <h3>{t(`rp.budget.kind.${kind}`)}</h3>
                <ul className="button-row rp-files" data-testid={`statement-${kind}`}>
                  {(["pdf", "xlsx", "html"] as const).map((f) => (
                    <li key={f}>
                      <a
                        className="button"
                        href={statementUrl(ws.tenant, props.year, kind, f, ws.locale)}
                        {...(f === "html" ? {} : { download: "" })}
                      >
                        {t(`rp.files.${f}`)}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Section>
          <Section title={t("rp.budget.lines", { n: shown.length, all: lines.length })} id="lines">
            <div className="rp-filters">
              <div className="field">
                <label htmlFor="bf-class">{t("rp.budget.filterClass")}</label>
                <select id="bf-class" value={cls} onChange={(e) => setCls(e.currentTarget.value)}>
                  <option value="">{t("rp.budget.all")}</option>
                  {CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {t(`rp.budget.class.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="bf-dept">{t("rp.budget.filterDepartment")}</label>
                <select id="bf-dept" value={dept} onChange={(e) => setDept(e.currentTarget.value)}>
                  <option value="">{t("rp.budget.all")}</option>
                  {departments.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {unresolved > 0 && (
              <p className="notice" data-testid="budget-unresolved">
                {t("rp.budget.unresolved", { n: unresolved })}
              </p>
            )}
            <ScrollRegion label={t("rp.budget.caption", { year: props.year })}>
              <table className="table table--wide" data-testid="budget-lines">
                <caption>{t("rp.budget.caption", { year: props.year })}</caption>
                <HeadRow
                  labels={[
                    t("rp.budget.code"),
                    t("rp.budget.name"),
                    t("rp.budget.department"),
                    t("rp.budget.class.label"),
                    t("rp.budget.amount"),
                    t("rp.budget.expected"),
                    t("rp.budget.validation"),
                  ]}
                />
                <tbody>
                  {shown.map((l) => (
                    <tr key={l.code}>
                      <td>{l.code}</td>
                      <td>
                        {mayEdit(ws.membership, l) ? (
                          <Link href={ws.href(["budget", String(props.year), l.code])}>
                            {ws.locale === "en" ? (l.name.en ?? l.name.ko) : l.name.ko}
                          </Link>
                        ) : ws.locale === "en" ? (
                          (l.name.en ?? l.name.ko)
                        ) : (
                          l.name.ko
                        )}
                        {l.illustrative && (
                          <span className="badge badge--warn">{t("rp.budget.illustrative")}</span>
                        )}
                      </td>
                      <td>
                        <LocalText text={named(l.department, l.department_id)} locale={ws.locale} />
                        {!l.department_id && l.aggregate_of === undefined && (
                          <span className="badge badge--warn">{t("rp.budget.noDepartment")}</span>
                        )}
                      </td>
                      <td>{t(`rp.budget.class.${l.class}`)}</td>
                      <td>{formatNumber(Math.round(amountOf(l) / 1000), ws.locale)}</td>
                      <td>{expectedText(t, l, ws.locale)}</td>
                      <td>
                        {l.validation
                          ? t("rp.budget.validatedBy", { by: l.validation.by, date: l.validation.date })
                          : t("rp.budget.notValidated")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </Section>
        </>
      )}
      {writes(ws.membership) && (
        <>
          <Section title={t("rp.imp.title")} id="import">
            <BudgetImport />
          </Section>
          <Section title={t("rp.prof.title")} id="profiles">
            <BudgetProfiles />
          </Section>
        </>
      )}
    </div>
  );
}

function expectedText(
  t: (k: string, o?: Record<string, unknown>) => string,
  l: Line,
  locale: Locale,
): string {
  const e = l.reduction?.expected;
  if (!l.reduction) return "–";
  if (!e) return l.reduction.type === "quantitative" ? t("rp.budget.notEstimated") : "–";
  if (e.kind === "own") return t("rp.budget.tco2e", { n: formatNumber(e.tco2e_per_year, locale, 1) });
  if (e.kind === "remainder")
    return t("rp.budget.remainder", { n: formatNumber(e.total_tco2e_per_year, locale, 1) });
  return t("rp.budget.fromAction");
}

/** Lines or settlements from a CSV/XLSX: a preview listing every problem, then all or nothing. */
function BudgetImport() {
  const { t, i18n } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<"lines" | "settlements">("lines");
  const [profile, setProfile] = useState("");
  const profiles = useQuery(profilesQuery(ws.tenant));
  const fitting = (profiles.data?.profiles ?? []).filter((p) => p.kind === `budget_${kind}`);
  const [general, setGeneral] = useState<string | null>(null);
  const [preview, setPreview] = useState<Schemas["BudgetImport"] | null>(null);
  const [outcome, setOutcome] = useState<{
    ok: boolean;
    rows: number;
    changes: { change: string }[];
    problems: { row: number | null; column: string | null; code: string; reason: string; file: string }[];
  } | null>(null);
  const [stored, setStored] = useState<number | null>(null);

  async function check(e: FormEvent) {
    e.preventDefault();
    setGeneral(null);
    setStored(null);
    setOutcome(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setGeneral(t("rp.imp.noFile"));
      return;
    }
    const body = {
      kind,
      file_name: file.name,
      content_base64: await base64(file),
      ...(file.name.toLowerCase().endsWith(".xlsx") ? { format: "xlsx" as const } : {}),
      ...(profile && fitting.some((p) => p.id === profile) ? { profile } : {}),
    };
    const r = await guard(() =>
      result(
        staffClient().http.POST("/api/tenants/{tenant}/budget/import/preview", {
          params: { path: { tenant: ws.tenant } },
          body,
        }),
      ),
    );
    if (!r.ok) {
      setGeneral(failureText(t, r.error));
      return;
    }
    setPreview(body);
    setOutcome(r.data);
  }
  const commit = useMutation({
    mutationFn: (body: Schemas["BudgetImport"]) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.POST("/api/tenants/{tenant}/budget/import/commit", {
              params: { path: { tenant: ws.tenant } },
              body,
            }),
          ),
        ),
      ),
  });
  async function store() {
    if (!preview) return;
    setGeneral(null);
    try {
      const r = await commit.mutateAsync(preview);
      setStored(r.stored);
      setPreview(null);
      setOutcome(null);
      await queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "budget"] });
    } catch (e) {
      setGeneral(failureText(t, apiErrorOf(e)));
    }
  }
  const counts = (outcome?.changes ?? []).reduce<Record<string, number>>((a, c) => {
    a[c.change] = (a[c.change] ?? 0) + 1;
    return a;
  }, {});
  return (
    <>
      <p>{t("rp.imp.lead")}</p>
      <form className="ws-form" noValidate onSubmit={(e) => void check(e)} aria-label={t("rp.imp.title")}>
        {general && (
          <div className="error-summary" role="alert">
            <p>{general}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="bi-kind">{t("rp.imp.kind")}</label>
          <select
            id="bi-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as "lines" | "settlements")}
          >
            <option value="lines">{t("rp.imp.lines")}</option>
            <option value="settlements">{t("rp.imp.settlements")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="bi-profile">{t("rp.imp.profile")}</label>
          <p id="bi-profile-hint" className="muted">
            {t("rp.imp.profileHint")}
          </p>
          <select
            id="bi-profile"
            aria-describedby="bi-profile-hint"
            value={profile}
            onChange={(e) => setProfile(e.currentTarget.value)}
          >
            <option value="">{t("rp.imp.ownLayout")}</option>
            {fitting.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bi-file">{t("rp.imp.file")}</label>
          <p id="bi-file-hint" className="muted">
            {t("rp.imp.fileHint")}
          </p>
          <input
            id="bi-file"
            type="file"
            ref={fileRef}
            aria-describedby="bi-file-hint"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </div>
        <button type="submit" className="button button--primary">
          {t("rp.imp.preview")}
        </button>
      </form>
      {stored !== null && (
        <p className="status" role="status">
          {t("rp.imp.stored", { n: stored })}
        </p>
      )}
      {outcome && (
        <div data-testid="budget-preview" role="status">
          <p>
            {t("rp.imp.summary", {
              rows: outcome.rows,
              added: counts.new ?? 0,
              changed: counts.changed ?? 0,
              same: counts.same ?? 0,
            })}
          </p>
          {outcome.ok ? (
            <button type="button" className="button button--primary" onClick={() => void store()}>
              {t("rp.imp.commit")}
            </button>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="budget-problems">
                <caption>{t("rp.imp.problems", { n: outcome.problems.length })}</caption>
                <HeadRow labels={[t("rp.imp.row"), t("rp.imp.column"), t("rp.imp.reason")]} />
                <tbody>
                  {outcome.problems.map((p) => (
                    <tr key={`${p.row}-${p.column}-${p.reason}`}>
                      <td>{p.row ?? "–"}</td>
                      <td>{p.column ?? "–"}</td>
                      <td>{problemReason(i18n, p)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </>
  );
}

function LinePage(props: { year: number; code: string }) {
  const { t } = useTranslation();
  const ws = useWs();
  const q = useQuery(budgetLinesQuery(ws.tenant, props.year));
  const actions = useQuery(actionsQuery(ws.tenant));
  const register = useQuery(departmentsQuery(ws.tenant));
  const header = (
    <PageHeader
      title={t("rp.line.title", { code: props.code })}
      lead={
        <Link href={ws.href(["budget", String(props.year)])}>{t("rp.line.back", { year: props.year })}</Link>
      }
    />
  );
  if (
    q.isPending ||
    actions.isPending ||
    register.isPending ||
    q.isError ||
    actions.isError ||
    register.isError
  )
    return (
      <PageState
        header={header}
        failed={q.isError || actions.isError || register.isError}
        error={q.error ?? actions.error ?? register.error}
      />
    );
  const rec = q.data.lines.find((r) => r.line.code === props.code);
  if (!rec)
    return (
      <>
        {header}
        <Status kind="empty" message={t("rp.line.none")} />
      </>
    );
  return (
    <div data-ready="budget-line">
      {header}
      <p>
        {ws.locale === "en" ? (rec.line.name.en ?? rec.line.name.ko) : rec.line.name.ko}
        {rec.line.illustrative && <span className="badge badge--warn">{t("rp.budget.illustrative")}</span>}
      </p>
      {mayEdit(ws.membership, rec.line) ? (
        <>
          <LineForm
            line={rec.line}
            version={rec.version}
            actions={actions.data.actions.map((a) => ({ value: a.id, label: a.name[ws.locale] }))}
            departments={register.data.departments.map((d) => ({
              value: d.id,
              label: `${ws.locale === "en" ? (d.name.en ?? `${d.name.ko} [ko]`) : d.name.ko} (${d.id})`,
            }))}
          />
          <Section title={t("rp.settlement.title")} id="settlement">
            <SettlementEdit
              line={rec.line}
              record={q.data.settlements.find((x) => x.settlement.code === props.code)}
            />
          </Section>
        </>
      ) : (
        <p className="ws-notice" role="status">
          {t("rp.line.notYours")}
        </p>
      )}
    </div>
  );
}

type SettlementRecord = Schemas["SettlementRecord"];
const won = (v: number | undefined) => (v === undefined ? "" : String(v));

/** A line's settlement: created (version 0) or replaced; what the form does not show is kept. */
function SettlementEdit(props: { line: Line; record: SettlementRecord | undefined }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const s = props.record?.settlement;
  const fid = "st";
  const form = useForm<SettlementForm>({
    resolver: zodResolver(settlementForm),
    defaultValues: {
      available_krw: won(s?.available_krw),
      executed_krw: won(s?.executed_krw),
      carried_over_krw: won(s?.carried_over_krw),
      unused_krw: won(s?.unused_krw),
      indicator_result: s?.indicator_result === undefined ? "" : String(s.indicator_result),
      actual_tco2e: s?.actual ? String(s.actual.tco2e) : "",
      actual_formula: s?.actual?.method.formula ?? "",
      actual_factor: s?.actual?.method.factor ?? "",
      actual_factor_source: s?.actual?.method.factor_source ?? "",
      shortfall_reason: s?.shortfall_reason ?? "",
      improvement: s?.improvement ?? "",
      closed: s?.closed ?? false,
      as_of: s?.as_of ?? new Date().toISOString().slice(0, 10),
      source: s?.source ?? "",
      illustrative: s?.illustrative ?? false,
    },
  });
  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setSaved(false);
    const opt = (k: string, x: string) => (x.trim() === "" ? {} : { [k]: x.trim() });
    const settlement = {
      ...(s?.note ? { note: s.note } : {}),
      year: props.line.year,
      code: props.line.code,
      available_krw: num(v.available_krw),
      executed_krw: num(v.executed_krw),
      ...(v.carried_over_krw ? { carried_over_krw: num(v.carried_over_krw) } : {}),
      ...(v.unused_krw ? { unused_krw: num(v.unused_krw) } : {}),
      ...(v.indicator_result ? { indicator_result: num(v.indicator_result) } : {}),
      ...(v.actual_tco2e
        ? {
            actual: {
              tco2e: num(v.actual_tco2e),
              method: {
                ...(s?.actual?.method ?? {}),
                formula: v.actual_formula.trim(),
                ...opt("factor", v.actual_factor),
                ...opt("factor_source", v.actual_factor_source),
              },
            },
          }
        : {}),
      ...opt("shortfall_reason", v.shortfall_reason),
      ...opt("improvement", v.improvement),
      closed: v.closed,
      as_of: v.as_of,
      ...(v.illustrative ? { illustrative: true } : { source: v.source }),
    } as SettlementRecord["settlement"];
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/budget/{year}/settlements/{code}", {
          params: { path: { tenant: ws.tenant, year: String(props.line.year), code: props.line.code } },
          body: { base_version: props.record?.version ?? 0, settlement },
        }),
      ),
    );
    await queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "budget"] });
    if (!r.ok) setGeneral(saveFailureText(t, r.error));
    else setSaved(true);
  });
  const field = (name: keyof SettlementForm, label: string, inputMode?: "numeric" | "decimal") => (
    <TextField form={form} id={fid} name={name} label={t(label)} {...(inputMode ? { inputMode } : {})} />
  );
  return (
    <form
      className="ws-form ws-form--wide"
      noValidate
      onSubmit={submit}
      aria-label={t("rp.settlement.formLabel")}
    >
      {!s && <p className="muted">{t("rp.settlement.none")}</p>}
      <FormErrors form={form} id={fid} general={general} />
      {field("available_krw", "rp.settlement.available", "numeric")}
      {field("executed_krw", "rp.settlement.executed", "numeric")}
      {field("carried_over_krw", "rp.settlement.carriedOver", "numeric")}
      {field("unused_krw", "rp.settlement.unused", "numeric")}
      {field("indicator_result", "rp.settlement.indicatorResult", "decimal")}
      {field("actual_tco2e", "rp.settlement.actualTco2e", "decimal")}
      {field("actual_formula", "rp.settlement.actualFormula")}
      {field("actual_factor", "rp.settlement.actualFactor")}
      {field("actual_factor_source", "rp.settlement.actualFactorSource")}
      <TextArea form={form} id={fid} name="shortfall_reason" label={t("rp.settlement.shortfall")} />
      <TextArea form={form} id={fid} name="improvement" label={t("rp.settlement.improvement")} />
      <CheckField form={form} id={fid} name="closed" label={t("rp.settlement.closed")} />
      {field("as_of", "rp.settlement.asOf")}
      {field("source", "rp.settlement.source")}
      <CheckField form={form} id={fid} name="illustrative" label={t("rp.settlement.illustrative")} />
      <SaveRow saved={saved} busy={form.formState.isSubmitting} label={t("rp.settlement.save")} />
    </form>
  );
}

function defaults(l: Line): BudgetLineForm {
  const r = l.reduction;
  const e = r?.expected;
  const method = e && e.kind !== "action" ? e.method : undefined;
  return {
    code: l.code,
    name_ko: l.name.ko,
    name_en: l.name.en ?? "",
    bureau: l.bureau,
    department: l.department,
    department_id: l.department_id ?? "",
    account: l.account,
    cost_kind: l.cost_kind,
    original_krw: String(l.amount.original_krw),
    final_krw: l.amount.final_krw === undefined ? "" : String(l.amount.final_krw),
    class: l.class,
    class_reason: l.class_reason,
    reduction_type: r?.type ?? "",
    sector: r?.sector ?? "",
    action: l.action ?? "",
    indicator: r?.indicator?.name.ko ?? "",
    indicator_en: r?.indicator?.name.en ?? "",
    indicator_unit: r?.indicator?.unit.ko ?? "",
    indicator_unit_en: r?.indicator?.unit.en ?? "",
    indicator_target: r?.indicator ? String(r.indicator.target) : "",
    indicator_direction: r?.indicator?.direction ?? "increase",
    expected_kind: e?.kind ?? "",
    expected_tco2e: e?.kind === "own" ? String(e.tco2e_per_year) : "",
    formula: method?.formula ?? "",
    activity: method?.activity ?? "",
    factor: method?.factor ?? "",
    factor_source: method?.factor_source ?? "",
    effect_years: method?.effect_years === undefined ? "" : String(method.effect_years),
    emission_cause: l.emission?.cause ?? "",
    mitigation: l.emission?.mitigation ?? "",
    validated_by: l.validation?.by ?? "",
    validated_on: l.validation?.date ?? "",
  };
}

/** The line as stored, with the form's values over it (what the form does not show is kept). */
export function lineFrom(v: BudgetLineForm, base: Line): Line {
  const { reduction: _r, emission: _e, validation: _v, action: _a, amount, name: _n, ...rest } = base;
  const { final_krw: _f, ...kept } = amount;
  const opt = <K extends string, T>(k: K, x: T | "" | undefined) =>
    (x === "" || x === undefined ? {} : { [k]: x }) as Partial<Record<K, T>>;
  const method = {
    formula: v.formula.trim(),
    ...opt("activity", v.activity.trim()),
    ...opt("factor", v.factor.trim()),
    ...opt("factor_source", v.factor_source.trim()),
    ...(v.effect_years ? { effect_years: Number(v.effect_years) } : {}),
  };
  const old = base.reduction?.expected;
  const expected =
    v.expected_kind === "own"
      ? { kind: "own" as const, tco2e_per_year: num(v.expected_tco2e), method }
      : v.expected_kind === "action"
        ? {
            kind: "action" as const,
            ...(old?.kind === "action" && old.share !== undefined ? { share: old.share } : {}),
          }
        : v.expected_kind === "remainder" && old?.kind === "remainder"
          ? old
          : undefined;
  const hasReduction = v.class === "reduction" || (v.class === "mixed" && v.reduction_type !== "");
  return {
    ...rest,
    name: { ko: v.name_ko.trim(), ...opt("en", v.name_en.trim()) },
    bureau: v.bureau.trim(),
    department: v.department.trim(),
    department_id: v.department_id,
    account: v.account,
    cost_kind: v.cost_kind,
    amount: {
      ...kept,
      original_krw: num(v.original_krw),
      ...(v.final_krw ? { final_krw: num(v.final_krw) } : {}),
    },
    class: v.class,
    class_reason: v.class_reason.trim(),
    ...opt("action", v.action),
    ...(hasReduction
      ? {
          reduction: {
            type: v.reduction_type as "quantitative" | "qualitative" | "rnd",
            sector: v.sector as NonNullable<Line["reduction"]>["sector"],
            ...(base.reduction?.aim ? { aim: base.reduction.aim } : {}),
            ...(v.indicator.trim()
              ? {
                  indicator: {
                    name: { ko: v.indicator.trim(), ...opt("en", v.indicator_en.trim()) },
                    unit: { ko: v.indicator_unit.trim(), ...opt("en", v.indicator_unit_en.trim()) },
                    target: num(v.indicator_target),
                    direction: v.indicator_direction,
                  },
                }
              : {}),
            ...(expected ? { expected } : {}),
          },
        }
      : {}),
    ...(v.class === "emission" || v.class === "mixed"
      ? {
          emission: {
            ...base.emission,
            cause: v.emission_cause.trim(),
            ...opt("mitigation", v.mitigation.trim()),
          },
        }
      : {}),
    ...(v.validated_by.trim() ? { validation: { by: v.validated_by.trim(), date: v.validated_on } } : {}),
  };
}

function LineForm(props: {
  line: Line;
  version: number;
  actions: { value: string; label: string }[];
  departments: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fid = "bl";
  const form = useForm<BudgetLineForm>({
    resolver: zodResolver(budgetLineForm),
    defaultValues: defaults(props.line),
  });
  const cls = useWatch({ control: form.control, name: "class" });
  const kind = useWatch({ control: form.control, name: "expected_kind" });
  const send = useMutation({
    mutationFn: (v: BudgetLineForm) =>
      unwrap(
        guard(() =>
          result(
            staffClient().http.PUT("/api/tenants/{tenant}/budget/{year}/lines/{code}", {
              params: { path: { tenant: ws.tenant, year: String(props.line.year), code: props.line.code } },
              body: { base_version: props.version, line: lineFrom(v, props.line) },
            }),
          ),
        ),
      ),
  });
  const submit = form.handleSubmit((v) =>
    saveAndRefresh({
      t,
      save: () => send.mutateAsync(v),
      refresh: () => queryClient.invalidateQueries({ queryKey: ["t", ws.tenant, "budget"] }),
      setGeneral,
      setSaved,
    }),
  );
  const labelled = (values: readonly string[], label: (v: string) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  const sectors = [
    { value: "", label: t("rp.line.unset") },
    ...KR_SECTOR_IDS.map((s) => ({ value: s, label: t(`sector.${s}`) })),
    { value: "policy_base", label: POLICY_BASE_LABEL[ws.locale] },
  ];
  return (
    <form className="ws-form ws-form--wide" noValidate onSubmit={submit} aria-label={t("rp.line.formLabel")}>
      <FormErrors form={form} id={fid} general={general} />
      <fieldset className="ws-fieldset">
        <legend>{t("rp.line.project")}</legend>
        <TextField form={form} id={fid} name="name_ko" label={t("rp.line.nameKo")} />
        <TextField form={form} id={fid} name="name_en" label={t("rp.line.nameEn")} />
        <TextField form={form} id={fid} name="bureau" label={t("rp.line.bureau")} />
        <TextField form={form} id={fid} name="department" label={t("rp.line.departmentName")} />
        <SelectField
          form={form}
          id={fid}
          name="department_id"
          label={t("rp.line.departmentId")}
          options={[{ value: "", label: t("rp.line.chooseDepartment") }, ...props.departments]}
        />
        <SelectField
          form={form}
          id={fid}
          name="account"
          label={t("rp.line.account")}
          options={labelled(["general", "special", "fund"], (v) => t(`rp.line.accounts.${v}`))}
        />
        <SelectField
          form={form}
          id={fid}
          name="cost_kind"
          label={t("rp.line.costKind")}
          options={labelled(["project", "administrative", "financial"], (v) => t(`rp.line.costKinds.${v}`))}
        />
        <TextField
          form={form}
          id={fid}
          name="original_krw"
          label={t("rp.line.original")}
          inputMode="numeric"
        />
        <TextField form={form} id={fid} name="final_krw" label={t("rp.line.final")} inputMode="numeric" />
      </fieldset>
      <fieldset className="ws-fieldset">
        <legend>{t("rp.line.classification")}</legend>
        <SelectField
          form={form}
          id={fid}
          name="class"
          label={t("rp.budget.class.label")}
          options={labelled(CLASSES, (v) => t(`rp.budget.class.${v}`))}
        />
        <TextArea form={form} id={fid} name="class_reason" label={t("rp.line.classReason")} />
        {(cls === "reduction" || cls === "mixed") && (
          <>
            <SelectField
              form={form}
              id={fid}
              name="reduction_type"
              label={t("rp.line.reductionType")}
              options={(["", "quantitative", "qualitative", "rnd"] as const).map((r) => ({
                value: r,
                label: r ? t(`rp.line.types.${r}`) : t("rp.line.unset"),
              }))}
            />
            <SelectField form={form} id={fid} name="sector" label={t("rp.line.sector")} options={sectors} />
            <SelectField
              form={form}
              id={fid}
              name="action"
              label={t("rp.line.action")}
              options={[{ value: "", label: t("rp.line.unset") }, ...props.actions]}
            />
            <TextField form={form} id={fid} name="indicator" label={t("rp.line.indicator")} />
            <TextField form={form} id={fid} name="indicator_en" label={t("rp.line.indicatorEn")} />
            <TextField form={form} id={fid} name="indicator_unit" label={t("rp.line.indicatorUnit")} />
            <TextField form={form} id={fid} name="indicator_unit_en" label={t("rp.line.indicatorUnitEn")} />
            <TextField
              form={form}
              id={fid}
              name="indicator_target"
              label={t("rp.line.indicatorTarget")}
              inputMode="decimal"
            />
            <SelectField
              form={form}
              id={fid}
              name="indicator_direction"
              label={t("rp.line.direction")}
              options={[
                { value: "increase", label: t("rp.line.increase") },
                { value: "decrease", label: t("rp.line.decrease") },
              ]}
            />
            <SelectField
              form={form}
              id={fid}
              name="expected_kind"
              label={t("rp.line.expectedKind")}
              hint={t("rp.line.expectedHint")}
              options={[
                { value: "", label: t("rp.line.notEstimated") },
                { value: "own", label: t("rp.line.own") },
                { value: "action", label: t("rp.line.fromAction") },
                ...(props.line.reduction?.expected?.kind === "remainder"
                  ? [{ value: "remainder", label: t("rp.line.remainder") }]
                  : []),
              ]}
            />
            {kind === "own" && (
              <>
                <TextField
                  form={form}
                  id={fid}
                  name="expected_tco2e"
                  label={t("rp.line.expectedTco2e")}
                  inputMode="decimal"
                />
                <TextArea form={form} id={fid} name="formula" label={t("rp.line.formula")} />
                <TextField form={form} id={fid} name="activity" label={t("rp.line.activity")} />
                <TextField form={form} id={fid} name="factor" label={t("rp.line.factor")} />
                <TextField form={form} id={fid} name="factor_source" label={t("rp.line.factorSource")} />
                <TextField
                  form={form}
                  id={fid}
                  name="effect_years"
                  label={t("rp.line.effectYears")}
                  inputMode="numeric"
                />
              </>
            )}
          </>
        )}
        {(cls === "emission" || cls === "mixed") && (
          <>
            <TextArea form={form} id={fid} name="emission_cause" label={t("rp.line.cause")} />
            <TextArea form={form} id={fid} name="mitigation" label={t("rp.line.mitigation")} />
          </>
        )}
      </fieldset>
      <fieldset className="ws-fieldset">
        <legend>{t("rp.line.validationTitle")}</legend>
        <TextField form={form} id={fid} name="validated_by" label={t("rp.line.validatedBy")} />
        <TextField
          form={form}
          id={fid}
          name="validated_on"
          label={t("rp.line.validatedOn")}
          hint={t("rp.line.dateHint")}
        />
      </fieldset>
      <SaveRow saved={saved} busy={send.isPending} label={t("rp.line.save")} />
    </form>
  );
}
