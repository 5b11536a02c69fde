/**
 * The Jeonju demo tenant, loaded from the data package's demo files when it is not in the database. An
 * existing tenant is left as it is, so a restart keeps every edit.
 */

import { fileURLToPath } from "node:url";
import { asDepartmentId, CitypathError, type TenantId } from "@citypath/core";
import type { TenantSettings } from "@citypath/core/tenant-settings";
import { readActivityCsv } from "@citypath/data";
import { loadJeonjuAgenda } from "@citypath/data/agenda";
import { loadJeonjuBudget } from "@citypath/data/budget";
import { loadJeonjuParticipation } from "@citypath/data/participation";
import { loadJeonjuReports } from "@citypath/data/reports";
import type { Store, TenantRecord } from "@citypath/db";
import type { ComputePool } from "../compute/pool.ts";
import { buildReport } from "../report/compute.ts";
import { reportPlan, reportSources } from "../report/sources.ts";
import { loadAgendaInto } from "./agenda.ts";
import { loadBudgetInto } from "./budget.ts";
import { type DemoInstanceSource, loadDemoInstanceWith, type PathwayEngine } from "./instances.ts";
import { computeInventoryVersion, fromCoreActivityRow } from "./inventory.ts";
import { loadParticipationInto } from "./participation.ts";

/** The demo inventory's verification status, with the reason it is the one its source supports. */
export const DEMO_INVENTORY_VERIFICATION = {
  status: "provisional",
  verified_by: null,
  verified_on: null,
  basis: {
    ko: "시연용 활동자료(demo/activity.csv, 예시 수치)로 산정했고, 전주시 인벤토리의 검증 기록은 찾지 못했습니다.",
    en: "Computed from the demo's illustrative activity figures (demo/activity.csv); no verification of a Jeonju inventory was found.",
  },
  illustrative: true,
} as const;

export const DEMO_SLUG = "jeonju";
const DATA_DIR = new URL("../../../data/", import.meta.url);
export const DEMO_ACTIVITY_FILE = fileURLToPath(new URL("demo/activity.csv", DATA_DIR));

export const DEMO_SETTINGS = {
  default_locale: "ko",
  /** The licence under which the city publishes its open data (shown with every download). */
  open_data_licence: "공공누리 제1유형 (KOGL Type 1: attribution)",
  /** The climate department keeps the pathway model (with the admins); its id in the department register. */
  model_owners: [asDepartmentId("climate-change-response")],
  demo: true,
} satisfies TenantSettings;

export type DemoLoad =
  | { loaded: false; tenant: TenantRecord }
  | { loaded: true; tenant: TenantRecord; parts: string[] };

export async function loadDemoTenant(
  store: Store,
  pathways: {
    engine?: PathwayEngine | undefined;
    demoInstance?: DemoInstanceSource | undefined;
    compute?: ComputePool | undefined;
  } = {},
): Promise<DemoLoad> {
  const existing = await store.tenants.bySlug(DEMO_SLUG);
  if (existing) {
    // A tenant made before the agenda (or the budget) existed gets it once; what is there (edited or not) stays.
    const parts: string[] = [];
    if (await store.agenda.isEmpty(existing.id))
      parts.push(await store.transaction((s) => loadDemoAgenda(s, existing.id)));
    if ((await store.budget.years(existing.id)).length === 0)
      parts.push(await store.transaction((s) => loadDemoBudget(s, existing)));
    if ((await store.reports.list(existing.id)).length === 0)
      parts.push(await store.transaction((s) => loadDemoReports(s, existing)));
    if ((await store.participation.consultations(existing.id)).length === 0)
      parts.push(await store.transaction((s) => loadDemoParticipation(s, existing.id)));
    if (parts.length === 0) return { loaded: false, tenant: existing };
    return { loaded: true, tenant: (await store.tenants.byId(existing.id)) ?? existing, parts };
  }
  const rows = readActivityCsv(DEMO_ACTIVITY_FILE, { file: "demo/activity.csv" });
  if (!rows.ok) throw new CitypathError(rows.problems);
  return store.transaction(async (s) => {
    const parts: string[] = [];
    const tenant = await s.tenants.create({
      slug: DEMO_SLUG,
      name: "전주시",
      nameEn: "Jeonju",
      settings: DEMO_SETTINGS,
    });
    const id = tenant.id as TenantId;
    await s.activity.create(id, {
      id: "demo-activity",
      name: "전주시 활동자료 (시연용 예시 수치)",
      source: "demo/activity.csv",
      rows: rows.value.map(fromCoreActivityRow),
    });
    parts.push(`activity: ${rows.value.length} rows`);
    const inv = await computeInventoryVersion(
      s,
      id,
      {
        label: { ko: "전주시 온실가스 인벤토리 (시연용)", en: "Jeonju greenhouse gas inventory (demo)" },
        activityDatasetId: "demo-activity",
        factorSets: [],
        gwpSet: "AR5",
        publish: true,
      },
      pathways.compute,
    );
    // No verification of a Jeonju inventory was found, and the demo's activity figures are illustrative:
    // the status their source supports is provisional.
    await s.inventories.setVerification(id, inv.version, DEMO_INVENTORY_VERIFICATION);
    parts.push(
      `inventory v${inv.version} (${inv.firstYear}-${inv.lastYear}, published, ${DEMO_INVENTORY_VERIFICATION.status})`,
    );
    const inst = await loadDemoInstanceWith(s, pathways.engine, pathways.demoInstance, id);
    if (inst) parts.push(`instance ${inst.id} v${inst.version}`);
    parts.push(await loadDemoAgenda(s, id));
    parts.push(await loadDemoBudget(s, tenant));
    parts.push(await loadDemoReports(s, (await s.tenants.byId(id)) ?? tenant));
    parts.push(await loadDemoParticipation(s, id));
    return { loaded: true as const, tenant: (await s.tenants.byId(id)) ?? tenant, parts };
  });
}

/** The Jeonju agenda of the data package (plans, actions, indicators) into the demo tenant. */
async function loadDemoAgenda(store: Store, tenantId: TenantId): Promise<string> {
  const agenda = loadJeonjuAgenda();
  if (!agenda.ok) throw new CitypathError(agenda.problems);
  return loadAgendaInto(store, tenantId, agenda.value);
}

/** Jeonju's GHG-reduction budget (2023-2025 lines, 2023-2024 settlements) into the demo tenant. */
async function loadDemoBudget(store: Store, tenant: TenantRecord): Promise<string> {
  const b = loadJeonjuBudget();
  if (!b.ok) throw new CitypathError(b.problems);
  return loadBudgetInto(store, tenant, b.value);
}

/**
 * Jeonju's implementation reports (illustrative entries): 2024 completed, deliberated, submitted, reported
 * to the council and published, its snapshot built from the demo's data as loaded; 2025 a draft.
 */
async function loadDemoReports(store: Store, tenant: TenantRecord): Promise<string> {
  const r = loadJeonjuReports();
  if (!r.ok) throw new CitypathError(r.problems);
  const plans = (await store.agenda.list(tenant.id as TenantId, "plan")).map((p) => p.document);
  const plan = reportPlan(plans, undefined, tenant.slug).id;
  const done: string[] = [];
  for (const [year, entries] of r.value) {
    const completed = entries.council !== undefined;
    const snapshot = completed
      ? buildReport(
          await reportSources(store, tenant, {
            year,
            plan,
            asOf: `${year + 1}-04-30`,
            entries,
          }),
        )
      : null;
    await store.reports.save(
      tenant.id as TenantId,
      plan,
      year,
      {
        stage: completed ? "reported" : "draft",
        published: completed,
        entries,
        snapshot,
        completedAt: completed
          ? new Date(`${entries.committee?.date ?? `${year + 1}-05-01`}T00:00:00+09:00`)
          : null,
      },
      0,
    );
    done.push(`${year} ${completed ? "reported, published" : "draft"}`);
  }
  return `implementation reports: ${done.join("; ")}`;
}

/** Jeonju's demo consultations (BRT phase 2 open, the tourism tram answered), all illustrative. */
async function loadDemoParticipation(store: Store, tenantId: TenantId): Promise<string> {
  const p = loadJeonjuParticipation();
  if (!p.ok) throw new CitypathError(p.problems);
  return loadParticipationInto(store, tenantId, p.value);
}
