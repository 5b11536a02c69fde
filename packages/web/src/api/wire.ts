/**
 * What the server sends (packages/server/src/presenters, /api/openapi.json), field for field, and the
 * mapping to the view models of model.ts. Only this file knows the wire names.
 */
import { gpcReference } from "@citypath/core/inventory/gpc";
import { toKoreanSector } from "../sectors.ts";
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

export interface WireTenant {
  slug: string;
  name: string;
  name_en: string;
  version: number;
  updated_at: string;
}

export interface WireInventoryHeader {
  version: number;
  label: string;
  status: "draft" | "published";
  gwp_set: string;
  first_year: number;
  last_year: number;
  created_at: string;
  published_at: string | null;
}

interface WireFactorUse {
  factor_id: string;
  activity: string;
  gas: string;
  factor: number;
  unit: string;
  years: string;
  ncv: number | null;
  ncv_unit: string | null;
  source: string | null;
  source_year: number | null;
  origin: string;
  flagged: boolean;
  gas_t: number;
  tco2e: number;
  rows: number;
}

interface WireLine {
  gpc_ref: string;
  subsector_name?: string;
  scope: number;
  level: string;
  kr_sector?: string | null;
  tco2e: number;
  gases_t: Record<string, number>;
  factors?: WireFactorUse[];
  districts?: Record<string, number>;
  quality?: string | null;
}

interface WireYear {
  year: number;
  totals_tco2e: { basic: number; basic_plus: number; territorial: number };
  kr_sectors_tco2e: Record<string, number>;
  lines?: WireLine[];
}

export interface WireInventory extends WireInventoryHeader {
  tenant: string;
  years: WireYear[];
}

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
  };
}

function factorFromWire(f: WireFactorUse): FactorUse {
  return {
    factorId: f.factor_id,
    activity: f.activity,
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

function lineFromWire(year: number, l: WireLine): EmissionLine {
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
    sector: l.kr_sector ? toKoreanSector(l.kr_sector) : null,
    tco2e: l.tco2e,
    gasesT: l.gases_t,
    factors: (l.factors ?? []).map(factorFromWire),
    districts: l.districts ?? null,
    quality: l.quality ?? null,
  };
}

function yearFromWire(y: WireYear): InventoryYear {
  const kr: InventoryYear["krSectors"] = {};
  for (const [k, v] of Object.entries(y.kr_sectors_tco2e)) {
    const s = toKoreanSector(k);
    if (s) kr[s] = v;
  }
  return {
    year: y.year,
    totals: {
      basic: y.totals_tco2e.basic,
      basicPlus: y.totals_tco2e.basic_plus,
      territorial: y.totals_tco2e.territorial,
    },
    krSectors: kr,
    lines: (y.lines ?? []).map((l) => lineFromWire(y.year, l)),
  };
}

export function inventoryFromWire(i: WireInventory): Inventory {
  return {
    ...inventoryRefFromWire(i),
    gwpSet: i.gwp_set,
    years: i.years.map(yearFromWire).sort((a, b) => a.year - b.year),
  };
}

/** The pathway JSON contract of the core (`citypath-pathway/1`), as the server sends it. */
export interface WirePathway {
  format: string;
  years: number[];
  bases: Array<{ id: string; name: { ko: string; en: string } }>;
  targets: Array<{
    id: string;
    name: { ko: string; en: string };
    basis: string;
    path_tco2e: Array<number | null>;
  }>;
  scenarios: Array<{
    id: string;
    name: { ko: string; en: string };
    levels: Record<string, number>;
    totals_tco2e: Record<string, number[]>;
    gap_tco2e: Record<string, Array<number | null>>;
    abatement_by_action_tco2e?: Record<string, number[]>;
  }>;
}

/**
 * BAU, one or more scenarios and the target paths on one basis: the first target's basis (the city's own),
 * else BASIC. `runs` are the answers for several scenarios (each holds the BAU run first).
 */
export function pathwayFromWire(runs: readonly WirePathway[]): Pathway | null {
  const first = runs[0];
  if (!first) return null;
  const basis = first.targets[0]?.basis ?? "basic";
  const bauRun = first.scenarios.find((s) => s.id === "bau");
  type Run = WirePathway["scenarios"][number];
  const scen = runs
    .map((r) => r.scenarios[r.scenarios.length - 1])
    .filter((s): s is Run => s !== undefined && s.id !== "bau");
  const active = (s: { levels: Record<string, number> }) =>
    Object.values(s.levels).filter((v) => v !== 0).length;
  scen.sort((a, b) => active(b) - active(a));
  const main = scen[0];
  const bau = bauRun?.totals_tco2e[basis];
  if (!bau) return null;
  const values = (s: Run) => s.totals_tco2e[basis] ?? [];
  return {
    scenarioId: main?.id ?? "bau",
    scenarioName: main?.name ?? bauRun.name,
    years: first.years,
    bau,
    scenario: main ? values(main) : bau,
    others: scen.slice(1).map((s) => ({ id: s.id, name: s.name, values: values(s) })),
    targets: first.targets
      .filter((t) => t.basis === basis)
      .map((t) => ({ id: t.id, name: t.name, values: t.path_tco2e })),
    basisName: first.bases.find((b) => b.id === basis)?.name ?? basis,
    basisId: basis,
  };
}

/** The uncertainty band of one scenario as the server sends it (`.../scenarios/{s}/band`). */
export interface WireBand {
  scenario: string;
  basis: string;
  samples: number;
  years: number[];
  p5: number[];
  p50: number[];
  p95: number[];
  targets: Array<{ id: string; year: number; probability: number }>;
}

/** The pathway with its band, when the band is of the same scenario, basis and years; else unchanged. */
export function withBand(p: Pathway, b: WireBand): Pathway {
  const same =
    b.scenario === p.scenarioId &&
    b.basis === p.basisId &&
    b.years.length === p.years.length &&
    b.years.every((y, i) => y === p.years[i]);
  return same ? { ...p, band: { p5: b.p5, p50: b.p50, p95: b.p95 } } : p;
}

/** An action of the model instance document (packages/core pathway schema). */
export interface WireInstanceAction {
  id: string;
  type: string;
  name: { ko: string; en: string };
  status?: string;
  params: Record<string, unknown>;
  source?: string;
  illustrative?: boolean;
  note?: string;
}

export function modelActionSummary(a: WireInstanceAction): ActionSummary {
  return { id: a.id, origin: "model", name: a.name, status: a.status ?? null, sector: null };
}

/** A parameter value as text: numbers as they are, series as "2021: 27, 2022: 50", objects as JSON. */
function paramText(v: unknown): string {
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return String(v);
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([k, x]) => /^\d{4}$/.test(k) && typeof x === "number"))
      return entries.map(([k, x]) => `${k}: ${x}`).join(", ");
  }
  return JSON.stringify(v);
}

export function modelActionDetail(a: WireInstanceAction, runs: readonly WirePathway[]): ActionDetail {
  const run = runs
    .map((r) => ({ r, s: r.scenarios[r.scenarios.length - 1] }))
    .find((x) => x.s && x.s.id !== "bau" && (x.s.levels[a.id] ?? 0) !== 0);
  const ab = run?.s?.abatement_by_action_tco2e?.[a.id];
  // The library's per-parameter provenance: params.sources maps a parameter to its source.
  const rawSources = a.params.sources;
  const paramSources: Record<string, unknown> =
    rawSources && typeof rawSources === "object" ? (rawSources as Record<string, unknown>) : {};
  // ... and params.illustrative maps a parameter with no public figure to the reason.
  const rawIll = a.params.illustrative;
  const paramIllustrative: Record<string, unknown> =
    rawIll && typeof rawIll === "object" ? (rawIll as Record<string, unknown>) : {};
  return {
    ...modelActionSummary(a),
    description: a.note,
    owners: [],
    partners: [],
    budget: [],
    progress: [],
    indicators: [],
    sources: a.source ? [{ title: a.source }] : [],
    model: {
      type: a.type,
      params: Object.entries(a.params)
        .filter(([name]) => name !== "sources" && name !== "illustrative")
        .map(([name, v]) => {
          const src = paramSources[name];
          const ill = paramIllustrative[name];
          return {
            name,
            value: paramText(v),
            ...(typeof src === "string" ? { source: src } : {}),
            ...(typeof ill === "string" ? { illustrative: ill } : {}),
          };
        }),
      ...(a.source ? { source: a.source } : {}),
      illustrative: a.illustrative === true,
      ...(a.note ? { note: a.note } : {}),
      ...(run?.s && ab ? { abatement: { scenarioName: run.s.name, years: run.r.years, values: ab } } : {}),
    },
  };
}

// ---------------------------------------------------------------- the agenda (routes/agenda, presenters/agenda.ts)

type WireText = { ko: string; en: string };

export interface WireAgendaSource {
  id: string;
  title: string;
  publisher?: string;
  ref: string;
  published?: string;
}

interface WireAgendaNames {
  departments_named: Array<{ id: string; name: WireText | null }>;
  placements: Array<{
    plan: string;
    plan_name: WireText | null;
    policy_area: string;
    policy_area_name: WireText | null;
  }>;
}

/** One line of `GET /api/tenants/{t}/actions`. */
export interface WireAgendaActionSummary extends WireAgendaNames {
  id: string;
  name: WireText;
  status: string;
  sectors: string[];
  completion_pct: { value: number } | null;
}

/** `GET /api/tenants/{t}/actions/{id}`. */
export interface WireAgendaAction extends WireAgendaNames {
  action: {
    id: string;
    name: WireText;
    description: WireText;
    status: string;
    sectors: string[];
    partners: Array<{ name: WireText }>;
    start?: string;
    end?: string;
    completion_pct?: { value: number };
    status_history: Array<{ status: string; date: string; reason: WireText }>;
    progress: Array<{ date: string; text: WireText }>;
  };
  indicators: Array<{
    id: string;
    name: WireText;
    unit: string;
    unit_label: WireText;
    goals: Array<{ year: number; value: number }>;
    observed: Array<{ year: number; value: number; district?: string; source?: string }>;
  }>;
  budget: { lines: Array<{ year: number; planned_krw?: number; spent_krw?: number }> };
  modelled: { years: Array<{ year: number; expected_tco2e: number; implied_tco2e?: number }> } | null;
  sources: WireAgendaSource[];
}

function agendaNames(w: WireAgendaNames): Pick<ActionSummary, "policyArea" | "department" | "plan"> {
  const place = w.placements[0];
  const dept = w.departments_named[0];
  return {
    ...(place?.policy_area_name ? { policyArea: place.policy_area_name } : {}),
    ...(place?.plan_name ? { plan: place.plan_name } : {}),
    ...(dept ? { department: dept.name ?? dept.id } : {}),
  };
}

export function agendaActionSummary(w: WireAgendaActionSummary): ActionSummary {
  const sector = w.sectors.map(toKoreanSector).find((s) => s !== null) ?? null;
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
  // Status changes (with their reason) and progress updates, one dated list, oldest first.
  const progress = [
    ...a.status_history.map((h) => ({ date: h.date, text: h.reason, status: h.status })),
    ...a.progress.map((p) => ({ date: p.date, text: p.text })),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
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
    budget: w.budget.lines.map((b) => ({
      year: b.year,
      ...(b.planned_krw !== undefined ? { planned: b.planned_krw } : {}),
      ...(b.spent_krw !== undefined ? { spent: b.spent_krw } : {}),
    })),
    progress,
    indicators: w.indicators.map((i) => {
      // the city-wide values; a value for one district is not the city's
      const city = i.observed.filter((o) => o.district === undefined);
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
