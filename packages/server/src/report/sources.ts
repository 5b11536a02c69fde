/**
 * What an implementation report is built from, read from the store as it is on one day: the plan and its
 * measures, indicators, departments and sources; the year's budget lines and settlements; the latest
 * inventory (published first); the tenant's pathway instance; the report's settings, calendar and entries.
 * Plain, serialisable data: the building (pathway run, decomposition, assembly) happens in a worker
 * (compute.ts), never on the event loop.
 */

import type { Text } from "@citypath/core";
import { CitypathError, problem, type TenantId } from "@citypath/core";
import type { Action, Department, Indicator, LegalCalendar, Plan, Source } from "@citypath/core/agenda/index";
import type { BudgetLine, Settlement } from "@citypath/core/budget/index";
import {
  consultationFigures,
  type FigureContribution,
  type FigureSupport,
  type SubjectKind,
} from "@citypath/core/participation/index";
import type { InventoryVerificationNote, ReportParticipation } from "@citypath/core/report/index";
import {
  DEFAULT_REPORT_SETTINGS,
  EMPTY_ENTRIES,
  participationByMeasure,
  planMeasures,
  type ReportEntries,
  type ReportSettings,
  ReportSettingsSchema,
  reportSectorName,
} from "@citypath/core/report/index";
import { type InventoryStatus, KR_SECTOR_IDS } from "@citypath/core/vocabulary/index";
import type { Store, TenantRecord } from "@citypath/db";
import { readAgenda, tenantCalendar } from "../services/agenda.ts";

export interface ReportSources {
  readonly city: Text;
  readonly year: number;
  readonly as_of: string;
  readonly settings: ReportSettings;
  readonly calendar: LegalCalendar;
  readonly plan: Plan;
  readonly actions: readonly Action[];
  readonly indicators: readonly Indicator[];
  readonly departments: readonly Department[];
  readonly sources: readonly Source[];
  readonly budget: { readonly lines: readonly BudgetLine[]; readonly settlements: readonly Settlement[] };
  readonly inventory?: {
    readonly version: number;
    readonly status: InventoryStatus;
    readonly verification?: InventoryVerificationNote;
    readonly gwp_set: string;
    readonly document: unknown;
  };
  readonly instance?: {
    readonly id: string;
    readonly version: number;
    readonly name: string;
    readonly document: unknown;
  };
  readonly entries: ReportEntries;
  /** Section IV: the consultations on the plan and its items (absent: none), and their figures' inputs. */
  readonly participation?: {
    readonly consultations: readonly (ReportParticipation["consultations"][number] & {
      readonly subject: { readonly kind: SubjectKind; readonly id: string; readonly report_year?: number };
    })[];
    /** Each with the consultation it was made to. */
    readonly contributions: readonly (FigureContribution & { readonly consultation: string })[];
    readonly supports: readonly FigureSupport[];
    /** The end of the data date (epoch ms): overdue is judged then. */
    readonly as_of_ms: number;
  };
}

/** Section IV's figures from the inputs reportSources read (undefined when no consultation is on the plan). */
export function reportParticipation(src: ReportSources): ReportParticipation | undefined {
  const p = src.participation;
  if (!p) return undefined;
  const sectors = new Set(src.actions.flatMap((a) => a.sectors as readonly string[]));
  return {
    ...consultationFigures(p.contributions, p.supports, p.as_of_ms),
    consultations: p.consultations.map((c) => ({ id: c.id, title: c.title, illustrative: c.illustrative })),
    by_measure: participationByMeasure({
      consultations: p.consultations,
      contributions: p.contributions,
      supports: p.supports,
      measures: planMeasures(src).map(({ no, action }) => ({
        id: action.id,
        no,
        name: action.name,
        indicators: action.indicators,
      })),
      sectors: KR_SECTOR_IDS.filter((s) => sectors.has(s)).map((s) => ({ id: s, name: reportSectorName(s) })),
      plan: { id: src.plan.id, name: src.plan.name },
      year: src.year,
      now: p.as_of_ms,
    }),
  };
}

const DAY_MS = 86_400_000;

/**
 * The consultations (not drafts) on the plan, a sector, action or indicator of it, with the contributions
 * made to them in the year (Korean time) up to the data date, as things stood at the end of that date.
 */
async function participationSources(
  store: Store,
  tenantId: TenantId,
  items: { plan: Plan; actions: readonly Action[]; indicators: readonly Indicator[] },
  year: number,
  asOf: string,
): Promise<ReportSources["participation"]> {
  const on = new Set([
    `plan:${items.plan.id}`,
    ...items.actions.map((a) => `action:${a.id}`),
    ...items.actions.flatMap((a) => a.sectors.map((s) => `sector:${s}`)),
    ...items.indicators.map((i) => `indicator:${i.id}`),
  ]);
  // a consultation on a report is counted in that report only (decision 0059)
  const consultations = (await store.participation.consultations(tenantId))
    .map((r) => r.consultation)
    .filter(
      (c) =>
        c.status !== "draft" &&
        on.has(`${c.subject.kind}:${c.subject.id}`) &&
        (c.subject.report_year === undefined || c.subject.report_year === year),
    );
  if (consultations.length === 0) return undefined;
  const asOfMs = Date.parse(`${asOf}T00:00:00+09:00`) + DAY_MS;
  const from = Date.parse(`${year}-01-01T00:00:00+09:00`);
  const to = Math.min(Date.parse(`${year + 1}-01-01T00:00:00+09:00`), asOfMs);
  const window = { from: new Date(from), to: new Date(to), asOf: new Date(asOfMs) };
  const contributions: (FigureContribution & { consultation: string })[] = [];
  const supports: FigureSupport[] = [];
  for (const c of consultations) {
    // the draft of the report for a year is consulted on after that year: its contributions up to the data date
    const f = await store.participation.figureInputs(
      tenantId,
      c.id,
      c.subject.report_year === undefined
        ? window
        : { from: new Date(Date.parse(c.opens_at)), to: window.asOf, asOf: window.asOf },
    );
    contributions.push(...f.contributions.map((x) => ({ ...x, consultation: c.id })));
    supports.push(...f.supports);
  }
  return {
    consultations: consultations.map((c) => ({
      id: c.id,
      title: c.title,
      illustrative: c.illustrative,
      subject: {
        kind: c.subject.kind,
        id: c.subject.id,
        ...(c.subject.report_year === undefined ? {} : { report_year: c.subject.report_year }),
      },
    })),
    contributions,
    supports,
    as_of_ms: asOfMs,
  };
}

/** The tenant's report settings (setting `report`, over the defaults); a wrong setting is a 400 saying where. */
export function reportSettings(t: TenantRecord): ReportSettings {
  const raw: unknown = t.settings.report;
  const merged = { ...DEFAULT_REPORT_SETTINGS, ...(raw && typeof raw === "object" ? raw : {}) };
  const r = ReportSettingsSchema.safeParse(merged);
  if (!r.success)
    throw new CitypathError(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: `settings.report.${i.path.join(".")}` }),
      ),
    );
  return r.data;
}

/** The plan a report is for: the one named, else the tenant's carbon-neutral basic plan. */
export function reportPlan(plans: readonly Plan[], planId: string | undefined, slug: string): Plan {
  const p = planId
    ? plans.find((x) => x.id === planId)
    : plans.find((x) => x.kind === "carbon_neutral_basic_plan");
  if (!p)
    throw new CitypathError(
      problem(
        "NOT_FOUND",
        planId
          ? `${slug} has no plan "${planId}".`
          : `${slug} has no carbon-neutral basic plan (name the plan).`,
        { path: "plan" },
      ),
    );
  return p;
}

export async function reportSources(
  store: Store,
  t: TenantRecord,
  opts: { year: number; plan?: string | undefined; asOf: string; entries?: ReportEntries | undefined },
): Promise<ReportSources> {
  const settings = reportSettings(t);
  const calendar = tenantCalendar(t.settings);
  const agenda = await readAgenda(store, t.id as TenantId);
  const plan = reportPlan(
    agenda.plans.map((p) => p.document),
    opts.plan,
    t.slug,
  );
  const actions = agenda.actions
    .map((a) => a.document)
    .filter((a) => a.plans.some((m) => m.plan === plan.id));
  const wanted = new Set(actions.flatMap((a) => a.indicators as readonly string[]));
  const indicators = agenda.indicators.map((i) => i.document).filter((i) => wanted.has(i.id));
  const lines = (await store.budget.lines(t.id, opts.year)).map((r) => r.document);
  const settlements = (await store.budget.settlements(t.id, opts.year)).map((r) => r.document);
  const inv =
    (await store.inventories.latest(t.id, { status: "published" })) ?? (await store.inventories.latest(t.id));
  const participation = await participationSources(
    store,
    t.id as TenantId,
    { plan, actions, indicators },
    opts.year,
    opts.asOf,
  );
  const head = (await store.instances.list(t.id))[0];
  const inst = head && (await store.instances.get(t.id, head.id));
  return {
    city: { ko: t.name, en: t.nameEn },
    year: opts.year,
    as_of: opts.asOf,
    settings,
    calendar,
    plan,
    actions,
    indicators,
    departments: agenda.registers.departments,
    sources: agenda.registers.sources,
    budget: { lines, settlements },
    ...(inv
      ? {
          inventory: {
            version: inv.version,
            status: inv.status,
            verification: {
              status: inv.verification.status,
              verified_by: inv.verification.verifiedBy,
              verified_on: inv.verification.verifiedOn,
              basis: inv.verification.basis,
              illustrative: inv.verification.illustrative,
            },
            gwp_set: inv.gwpSet,
            document: inv.result,
          },
        }
      : {}),
    ...(inst
      ? { instance: { id: inst.id, version: inst.version, name: inst.name, document: inst.document } }
      : {}),
    entries: opts.entries ?? EMPTY_ENTRIES,
    ...(participation ? { participation } : {}),
  };
}
