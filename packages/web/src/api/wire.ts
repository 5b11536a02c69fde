/**
 * The mapping from what the server sends (typed by schema.generated.ts) to
 * the view models of model.ts. Only this file knows the wire names; the rules of what to show (which basis,
 * which scenario, a parameter's provenance, an action's timeline) are the core's.
 */

import { paramsView } from "@citypath/core/actions/params-view";
import { actionTimeline, cityWide } from "@citypath/core/agenda/timeline";
import { gpcReference } from "@citypath/core/inventory/gpc";
import {
  bandMatches,
  type PathwayRunsDoc,
  pathwayDisplay,
  runWithAction,
} from "@citypath/core/pathway/display";
import { sectorFromCode } from "@citypath/core/vocabulary/sectors";
import { agendaStatusOfModel } from "@citypath/core/vocabulary/statuses";
import type { Schemas } from "./client.ts";
import type {
  ActionDetail,
  ActionSummary,
  EmissionLine,
  FactorUse,
  Inventory,
  InventoryRef,
  InventoryYear,
  Pathway,
  Source,
  Tenant,
} from "./model.ts";

type WireTenant = Schemas["Tenant"];
type WireInventoryLine = Schemas["InventoryLine"];
type WireAgendaActionSummary = Schemas["ActionSummary"];
type WireAgendaAction = Schemas["ActionAnswer"];
type WireAgendaSource = WireAgendaAction["sources"][number];
type WireInventoryHeader = Schemas["InventoryHeader"];
type WireInventory = Schemas["Inventory"];
type WireYear = WireInventory["years"][number];
type WireFactorUse = NonNullable<WireInventoryLine["factors"]>[number];
type WireInstanceAction = NonNullable<Schemas["InstanceDocument"]["actions"]>[number];
/** What the mapping reads of a pathway answer (WirePathway has it all). */
type PathwayRuns = PathwayRunsDoc & {
  readonly scenarios: ReadonlyArray<
    PathwayRunsDoc["scenarios"][number] & { readonly abatement_by_action_tco2e: Record<string, number[]> }
  >;
};

export function tenantFromWire(t: WireTenant): Tenant {
  return { slug: t.slug, name: { ko: t.name, en: t.name_en } };
}

export function inventoryRefFromWire(h: WireInventoryHeader): InventoryRef {
  return {
    version: h.version,
    label: h.label,
    status: h.status,
    firstYear: h.first_year,
    lastYear: h.last_year,
    createdAt: h.created_at,
    publishedAt: h.published_at,
    verification: {
      status: h.verification.status,
      verifiedBy: h.verification.verified_by,
      verifiedOn: h.verification.verified_on,
      basis: h.verification.basis,
      illustrative: h.verification.illustrative,
    },
  };
}

function factorFromWire(f: WireFactorUse): FactorUse {
  return {
    factorId: f.factor_id,
    activity: f.activity,
    activityName: f.activity_name ?? null,
    gas: f.gas,
    factor: f.factor,
    unit: f.unit,
    years: f.years,
    ncv: f.ncv,
    ncvUnit: f.ncv_unit,
    source: f.source,
    sourceYear: f.source_year,
    origin: f.origin,
    flagged: f.flagged,
    gasT: f.gas_t,
    tco2e: f.tco2e,
    rows: f.rows,
  };
}

function lineFromWire(year: number, l: WireInventoryLine): EmissionLine {
  return {
    // No dots in the id: it is a URL segment, and a segment with a dot is taken for a file by the server.
    id: `${year}-${l.gpc_ref.replaceAll(".", "_")}`,
    year,
    gpcRef: l.gpc_ref,
    // The sub-sector's name in both languages from the core's GPC table (the API sends the English one).
    name: ((r) => (r ? { ko: r.subsector_name_ko, en: r.subsector_name } : (l.subsector_name ?? l.gpc_ref)))(
      gpcReference(l.gpc_ref),
    ),
    scope: l.scope,
    level: l.level,
    sector: l.kr_sector ? sectorFromCode(l.kr_sector) : null,
    tco2e: l.tco2e,
    marketTco2e: l.market_based_tco2e,
    gasesT: l.gases_t,
    factors: (l.factors ?? []).map(factorFromWire),
    districts: l.districts ?? null,
    quality: l.quality ?? null,
  };
}

type WireTotals = WireYear["totals_tco2e"];

function sectorsFromWire(bySector: Record<string, number>): InventoryYear["krSectors"] {
  const kr: InventoryYear["krSectors"] = {};
  for (const [k, v] of Object.entries(bySector)) {
    const s = sectorFromCode(k);
    if (s) kr[s] = v;
  }
  return kr;
}

const totalsFromWire = (t: WireTotals): InventoryYear["totals"] => ({
  basic: t.basic,
  basicPlus: t.basic_plus,
  territorial: t.territorial,
});

function yearFromWire(y: WireYear): InventoryYear {
  return {
    year: y.year,
    totals: totalsFromWire(y.totals_tco2e),
    krSectors: sectorsFromWire(y.kr_sectors_tco2e),
    market: {
      totals: totalsFromWire(y.market_based.totals_tco2e),
      krSectors: sectorsFromWire(y.market_based.kr_sectors_tco2e),
    },
    lines: y.lines.map((l) => lineFromWire(y.year, l)),
  };
}

export function inventoryFromWire(i: WireInventory): Inventory {
  return {
    ...inventoryRefFromWire(i),
    gwpSet: i.gwp_set,
    years: i.years.map(yearFromWire).sort((a, b) => a.year - b.year),
  };
}

/** BAU, the main scenario, the others and the target paths on one basis (rules: core pathway/display.ts). */
export function pathwayFromWire(runs: readonly PathwayRuns[]): Pathway | null {
  const d = pathwayDisplay(runs);
  return d ? { ...d, basisName: d.basisName } : null;
}

/** The pathway with its band, when the band is of the same scenario, basis and years; else unchanged. */
export function withBand(p: Pathway, b: Schemas["ScenarioBand"]): Pathway {
  return p.basisId !== undefined && bandMatches({ ...p, basisId: p.basisId }, b)
    ? { ...p, band: { p5: b.p5, p50: b.p50, p95: b.p95 } }
    : p;
}

export function modelActionSummary(a: WireInstanceAction): ActionSummary {
  return {
    id: a.id,
    origin: "model",
    name: a.name,
    status: a.status ? agendaStatusOfModel(a.status) : null,
    sector: null,
  };
}

export function modelActionDetail(a: WireInstanceAction, runs: readonly PathwayRuns[]): ActionDetail {
  const found = runWithAction(a.id, runs);
  const ab = found?.scenario.abatement_by_action_tco2e[a.id];
  return {
    ...modelActionSummary(a),
    ...(a.note ? { description: a.note } : {}),
    owners: [],
    partners: [],
    budget: [],
    fundingLines: [],
    progress: [],
    indicators: [],
    sources: a.source ? [{ title: a.source }] : [],
    model: {
      type: a.type,
      params: paramsView(a.params),
      ...(a.source ? { source: a.source } : {}),
      illustrative: a.illustrative === true,
      ...(a.note ? { note: a.note } : {}),
      ...(found && ab
        ? { abatement: { scenarioName: found.scenario.name, years: [...found.run.years], values: ab } }
        : {}),
    },
  };
}

// ---------------------------------------------------------------- the agenda (routes/agenda, presenters/agenda.ts)

type WireAgendaNames = Pick<WireAgendaActionSummary, "departments_named" | "placements">;

function agendaNames(w: WireAgendaNames): Pick<ActionSummary, "policyArea" | "department" | "plan"> {
  const place = w.placements[0];
  const dept = w.departments_named[0];
  return {
    ...(place?.policy_area_name ? { policyArea: place.policy_area_name } : {}),
    ...(place?.plan_name ? { plan: place.plan_name } : {}),
    ...(dept ? { department: dept.name ?? dept.id } : {}),
  };
}

/** What a summary is made of: a line of the action list, or an action's page (its document and names). */
type WireSummaryFields = Pick<
  WireAgendaActionSummary,
  "id" | "name" | "status" | "sectors" | "completion_pct" | "departments_named" | "placements"
>;

export function agendaActionSummary(w: WireSummaryFields): ActionSummary {
  const sector = w.sectors.map(sectorFromCode).find((s) => s !== null) ?? null;
  return {
    id: w.id,
    origin: "agenda",
    name: w.name,
    status: w.status,
    sector,
    ...agendaNames(w),
    ...(w.completion_pct ? { completion: w.completion_pct.value } : {}),
  };
}

function agendaSource(s: WireAgendaSource): Source {
  const year = s.published ? Number(s.published.slice(0, 4)) : undefined;
  return {
    title: s.publisher ? `${s.title} (${s.publisher})` : s.title,
    ...(/^https?:\/\//.test(s.ref) ? { url: s.ref } : {}),
    ...(year ? { year } : {}),
  };
}

export function agendaActionDetail(w: WireAgendaAction): ActionDetail {
  const a = w.action;
  const sources = new Map(w.sources.map((s) => [s.id, s]));
  // status changes (with their reason) and progress updates, one dated list, oldest first
  const progress = actionTimeline(a.status_history, a.progress);
  const years = w.modelled?.years ?? [];
  return {
    ...agendaActionSummary({
      ...w,
      id: a.id,
      name: a.name,
      status: a.status,
      sectors: a.sectors,
      completion_pct: a.completion_pct ?? null,
    }),
    description: a.description,
    owners: w.departments_named.map((d) => d.name ?? d.id),
    partners: a.partners.map((p) => p.name),
    ...(a.start ? { start: a.start } : {}),
    ...(a.end ? { end: a.end } : {}),
    // the sum of the budget lines that fund it, by year
    budget: w.budget.funded_by.years.map((y) => ({
      year: y.year,
      planned: y.amount_krw,
      ...(y.executed_krw !== null ? { spent: y.executed_krw } : {}),
    })),
    fundingLines: w.budget.funded_by.lines.map((l) => ({
      year: l.year,
      code: l.code,
      name: l.name,
      amount: l.amount_krw,
      ...(l.executed_krw !== null ? { executed: l.executed_krw } : {}),
      provisional: l.provisional,
      illustrative: l.illustrative,
    })),
    progress,
    indicators: w.indicators.map((i) => {
      const city = cityWide(i.observed);
      const src = city.map((o) => o.source).find((x) => x !== undefined);
      const s = src ? sources.get(src) : undefined;
      return {
        id: i.id,
        name: i.name,
        unit: i.unit,
        goals: i.goals.map((g) => ({ year: g.year, value: g.value })),
        observed: city.map((o) => ({ year: o.year, value: o.value })),
        ...(s ? { source: agendaSource(s) } : {}),
      };
    }),
    ...(years.length
      ? {
          impact: {
            years: years.map((y) => y.year),
            modelled: years.map((y) => y.expected_tco2e),
            observed: years.map((y) => y.implied_tco2e ?? null),
          },
        }
      : {}),
    sources: w.sources.map(agendaSource),
  };
}
