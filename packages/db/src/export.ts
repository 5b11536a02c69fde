/**
 * A tenant as one JSON document, and back. The export holds everything the tenant owns (settings, members by
 * email, activity data, factor sets, import profiles, inventory versions, model instance versions, the agenda
 * and its reminder outbox, the budget, participation); TENANT_TABLES says for every tenant-owned table where it goes, or why
 * it stays (a test checks the list against the schema). Importing the export into an empty database gives the
 * same content: only database ids and the import time may differ.
 *
 * Format: `citypath.tenant-export` version 1 (docs/api.md, "Tenant export").
 */
import {
  asLocal,
  CitypathError,
  FactorRowSchema,
  INVENTORY_VERIFICATION_STATUSES,
  InventoryStatusSchema,
  LocalNameSchema,
  LocalTextSchema,
  NotationKeySchema,
  type Problem,
  problem,
  RoleSchema,
} from "@citypath/core";
import {
  ActionSchema,
  type AgendaBudgetRow,
  AgendaBudgetRowSchema,
  CategorySchema,
  CITY_REGISTER_SOURCE,
  cityRegisterSource,
  type Department,
  DepartmentSchema,
  IndicatorSchema,
  PlanSchema,
  type Source,
  SourceSchema,
} from "@citypath/core/agenda/index";
import { BudgetLineSchema, BudgetYearSchema, SettlementSchema } from "@citypath/core/budget/index";
import {
  type ActionWithRows,
  linesFromAgendaRows,
  withLocalIndicatorNames,
} from "@citypath/core/budget/migrated";
import { TenantSettingsSchema } from "@citypath/core/tenant-settings";
import { z } from "zod";
import type { Database } from "./connect.ts";
import { budgetLineDepartments, departmentIdsOf } from "./departments.ts";
import { jsonSchema as json, jsonObjectSchema as jsonObject } from "./json.ts";
import {
  exportParticipation,
  importParticipation,
  participationExportSchema,
} from "./participation-export.ts";
import { IMPORT_KINDS, listImportProfiles, saveImportProfile } from "./profiles.ts";
import * as schema from "./schema.ts";
import type { FactorSetRef, JsonObject, Store, TenantRecord } from "./store.ts";

/**
 * Every tenant-owned table (a `tenant_id` column, and the tenant itself): the part of the export that holds
 * its rows, or why it is not exported.
 */
export const TENANT_TABLES: Readonly<
  Record<string, { readonly exported: string } | { readonly left: string }>
> = {
  tenant: { exported: "tenant" },
  membership: { exported: "members" },
  invitation: {
    left: "pending invitations carry one-time links to addresses that may have no account; an admin invites again in the new database",
  },
  activity_dataset: { exported: "activityDatasets" },
  activity_row: { exported: "activityDatasets[].rows" },
  factor_set: { exported: "factorSets" },
  import_profile: { exported: "importProfiles" },
  inventory: { exported: "inventories" },
  inventory_verification: { exported: "inventories (each version's verification)" },
  model_instance: { exported: "modelInstances" },
  agenda_register: { exported: "agenda.sources, agenda.departments, agenda.categories" },
  agenda_plan: { exported: "agenda.plans" },
  agenda_action: { exported: "agenda.actions" },
  agenda_indicator: { exported: "agenda.indicators" },
  agenda_progress: { exported: "agenda.actions[].document.progress" },
  agenda_observation: { exported: "agenda.indicators[].document.observed" },
  agenda_outbox: { exported: "agendaOutbox" },
  budget_line: { exported: "budget.lines" },
  budget_settlement: { exported: "budget.settlements" },
  budget_year: { exported: "budget.years" },
  implementation_report: {
    left: "not exported yet: the reports (entries and frozen snapshots) stay in the source database; docs/reporting.md says how to carry them",
  },
  pathway_result: { left: "a cache: recomputed from the model instance on first read" },
  // participation's rows name accounts by their id, never by email (docs/decisions/0035)
  consultation: { exported: "participation.consultations" },
  contribution: { exported: "participation.contributions" },
  contribution_edit: { exported: "participation.edits" },
  contribution_support: { exported: "participation.supports" },
  contribution_answer: { exported: "participation.answers" },
  contribution_report: { exported: "participation.reports" },
  participation_block: { exported: "participation.blocks" },
  participation_follow: { exported: "participation.follows" },
  census_entry: {
    left: "keyed with the tenant's census secret, which never leaves the database; the city uploads its census again",
  },
  census_key: { left: "the census secret never leaves the database" },
  resident_verification: {
    left: "a verification names a census entry by its keyed hash, and the key stays; residents verify again once the city uploads its census",
  },
  audit_log: {
    left: "the audit trail's hashes include the tenant's id, so a copy under a new id could not be verified; it stays, complete, in the source database, and the import is the first record of the new chain",
  },
};

export const EXPORT_FORMAT = "citypath.tenant-export";
export const EXPORT_FORMAT_VERSION = 1;

const isoDate = z.iso.datetime({ offset: true });

const agendaRecord = <T extends z.ZodType>(document: T) =>
  z.object({ version: z.number().int().positive(), document });

export const tenantExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: isoDate,
  tenant: z.object({
    slug: z.string(),
    name: z.string(),
    nameEn: z.string(),
    settings: TenantSettingsSchema,
  }),
  members: z.array(
    z.object({
      email: z.string(),
      name: z.string(),
      role: RoleSchema,
      departments: z.array(z.string()),
    }),
  ),
  activityDatasets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string().nullable(),
      createdAt: isoDate,
      rows: z.array(
        z.object({
          line: z.number().int(),
          year: z.number().int(),
          gpcRef: z.string(),
          activity: z.string(),
          amount: z.number().nullable(),
          unit: z.string(),
          notation: NotationKeySchema.nullable(),
          district: z.string().nullable(),
          source: z.string().nullable(),
          quality: z.string().nullable(),
          note: z.string().nullable(),
          /** Absent in exports made before instruments were stored. */
          instrument: z.string().nullable().optional(),
          instrumentFactor: z.number().nullable().optional(),
          instrumentFactorUnit: z.string().nullable().optional(),
          extra: jsonObject,
        }),
      ),
    }),
  ),
  factorSets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string().nullable(),
      factors: z.array(FactorRowSchema),
    }),
  ),
  /** Saved column mappings (absent in exports made before they were exported). */
  importProfiles: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(IMPORT_KINDS),
        mapping: z.record(z.string(), z.string()),
        constants: z.record(z.string(), z.string()),
        /** Absent in exports made before budget profiles. */
        valueMap: z.record(z.string(), z.record(z.string(), z.string())).optional(),
        scale: z.record(z.string(), z.number().positive()).optional(),
        encoding: z.enum(["auto", "utf-8", "cp949"]),
        sheet: z.string().nullable(),
      }),
    )
    .optional(),
  inventories: z.array(
    z.object({
      version: z.number().int().positive(),
      /** A string in an export written before migration 0031: read as the Korean (withLocalInventoryTexts). */
      label: LocalNameSchema,
      status: InventoryStatusSchema,
      gwpSet: z.string(),
      activityDatasetId: z.string().nullable(),
      factorSets: z.array(z.object({ kind: z.enum(["builtin", "tenant"]), id: z.string() })),
      basedOnVersion: z.number().int().nullable(),
      firstYear: z.number().int(),
      lastYear: z.number().int(),
      createdAt: isoDate,
      publishedAt: isoDate.nullable(),
      result: jsonObject,
      /** The version's recorded verification (absent: nothing recorded, provisional). */
      verification: z
        .object({
          status: z.enum(INVENTORY_VERIFICATION_STATUSES),
          verifiedBy: z.string().nullable(),
          verifiedOn: z.string().nullable(),
          basis: LocalTextSchema,
          illustrative: z.boolean(),
          recordedAt: isoDate,
        })
        .optional(),
    }),
  ),
  modelInstances: z.array(
    z.object({
      id: z.string(),
      versions: z.array(
        z.object({
          version: z.number().int().positive(),
          name: z.string(),
          documentHash: z.string(),
          note: z.string().nullable().optional(),
          createdAt: isoDate,
          // as stored: a version saved under an earlier rule of the format is carried, not refused (0050)
          document: jsonObject,
        }),
      ),
    }),
  ),
  /** The agenda (absent in exports made before it existed), each document checked by the core's schema. */
  agenda: z
    .object({
      sources: z.array(SourceSchema),
      departments: z.array(DepartmentSchema),
      categories: z.array(CategorySchema),
      plans: z.array(agendaRecord(PlanSchema)),
      actions: z.array(agendaRecord(ActionSchema)),
      indicators: z.array(agendaRecord(IndicatorSchema)),
    })
    .optional(),
  /** Reminder messages queued for sending, with when they were queued and sent (absent in older exports). */
  agendaOutbox: z
    .array(
      z.object({
        message: z
          .object({ dedupe_key: z.string().min(1), department: z.string(), created_for: z.string() })
          .catchall(json),
        createdAt: isoDate,
        sentAt: isoDate.nullable(),
      }),
    )
    .optional(),
  /** The GHG-reduction budget (absent in exports made before it existed), checked by the core's schemas. */
  budget: z
    .object({
      years: z.array(BudgetYearSchema),
      lines: z.array(BudgetLineSchema),
      settlements: z.array(SettlementSchema),
    })
    .optional(),
  /** Consultations, contributions and what hangs on them, row by row (absent in exports made before). */
  participation: participationExportSchema.optional(),
});

export type TenantExport = z.infer<typeof tenantExportSchema>;
type OutboxExport = NonNullable<TenantExport["agendaOutbox"]>[number];

export async function exportTenant(store: Store, slug: string): Promise<TenantExport> {
  return store.transaction(async (s) => {
    const tenant = await s.tenants.bySlug(slug);
    if (!tenant) throw new CitypathError(problem("NOT_FOUND", `No tenant "${slug}".`, { path: "tenant" }));
    const id = tenant.id;
    const datasets = [];
    for (const d of await s.activity.list(id)) {
      datasets.push({
        id: d.id,
        name: d.name,
        source: d.source,
        createdAt: d.createdAt.toISOString(),
        rows: await s.activity.rows(id, d.id),
      });
    }
    const inventories = [];
    for (const h of (await s.inventories.list(id)).reverse()) {
      const inv = (await s.inventories.get(id, h.version))!;
      inventories.push({
        version: inv.version,
        label: inv.label,
        status: inv.status,
        gwpSet: inv.gwpSet,
        activityDatasetId: inv.activityDatasetId,
        factorSets: inv.factorSets,
        basedOnVersion: inv.basedOnVersion,
        firstYear: inv.firstYear,
        lastYear: inv.lastYear,
        createdAt: inv.createdAt.toISOString(),
        publishedAt: inv.publishedAt?.toISOString() ?? null,
        result: inv.result,
        ...(inv.verification.recordedAt && inv.verification.basis
          ? {
              verification: {
                status: inv.verification.status,
                verifiedBy: inv.verification.verifiedBy,
                verifiedOn: inv.verification.verifiedOn,
                basis: inv.verification.basis,
                illustrative: inv.verification.illustrative,
                recordedAt: inv.verification.recordedAt.toISOString(),
              },
            }
          : {}),
      });
    }
    const modelInstances = [];
    for (const head of await s.instances.list(id)) {
      const versions = [];
      for (const v of (await s.instances.versions(id, head.id)).reverse()) {
        const full = (await s.instances.get(id, head.id, v.version))!;
        versions.push({
          version: full.version,
          name: full.name,
          documentHash: full.documentHash,
          note: full.note,
          createdAt: full.createdAt.toISOString(),
          document: full.document,
        });
      }
      modelInstances.push({ id: head.id, versions });
    }
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      tenant: { slug: tenant.slug, name: tenant.name, nameEn: tenant.nameEn, settings: tenant.settings },
      members: (await s.memberships.list(id)).map((m) => ({
        email: m.email,
        name: m.name,
        role: m.role,
        departments: m.departments,
      })),
      activityDatasets: datasets,
      factorSets: (await s.factorSets.list(id)).map((f) => ({
        id: f.id,
        name: f.name,
        source: f.source,
        factors: f.factors,
      })),
      importProfiles: (await listImportProfiles(s, id)).map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        mapping: p.mapping,
        constants: p.constants,
        valueMap: p.valueMap,
        scale: p.scale,
        encoding: p.encoding,
        sheet: p.sheet,
      })),
      inventories,
      modelInstances,
      agenda: await exportAgenda(s, id),
      agendaOutbox: (await s.agenda.outbox(id)).map((o) => ({
        message: o.message as OutboxExport["message"],
        createdAt: o.createdAt.toISOString(),
        sentAt: o.sentAt?.toISOString() ?? null,
      })),
      budget: {
        years: (await s.budget.years(id)).map((r) => r.document),
        lines: (await s.budget.lines(id)).map((r) => r.document),
        settlements: (await s.budget.settlements(id)).map((r) => r.document),
      },
      participation: await exportParticipation(s, id),
    } satisfies TenantExport;
  });
}

async function exportAgenda(s: Store, id: TenantRecord["id"]): Promise<TenantExport["agenda"]> {
  const rec = <T>(r: { version: number; document: T }) => ({ version: r.version, document: r.document });
  const reg = await s.agenda.registers(id);
  return {
    sources: reg.sources,
    departments: reg.departments,
    categories: reg.categories,
    plans: (await s.agenda.list(id, "plan")).map(rec),
    actions: (await s.agenda.list(id, "action")).map(rec),
    indicators: (await s.agenda.list(id, "indicator")).map(rec),
  };
}

/** An export document that passed parseTenantExport: what importTenant writes. */
export interface CheckedTenantExport {
  readonly ok: true;
  readonly value: TenantExport;
  /** The actions of an older export whose own budget rows become budget lines (decision 0058). */
  readonly agendaBudgetRows: ActionWithRows[];
}

/**
 * Checks an export document; every problem at once, each with its path inside the document. Pure (no
 * database): the server runs it in a worker thread, and passes the checked export to importTenant.
 */
export function parseTenantExport(doc: unknown): CheckedTenantExport | { ok: false; problems: Problem[] } {
  const older = takeAgendaBudgetRows(
    withDepartmentIds(withLocalInventoryTexts(withLocalIndicatorNamesIn(doc))),
  );
  const r = tenantExportSchema.safeParse(older.doc);
  const issues = [...older.problems, ...(r.success ? [] : r.error.issues)];
  if (r.success && issues.length === 0) {
    const byId = new Map(r.data.agenda?.actions.map((x) => [x.document.id as string, x.document]));
    return {
      ok: true,
      value: r.data,
      agendaBudgetRows: older.rows.flatMap(({ id, budget }) => {
        const a = byId.get(id);
        return a ? [{ ...a, budget }] : [];
      }),
    };
  }
  return {
    ok: false,
    problems: issues.map((i) =>
      problem("BAD_VALUE", i.message, {
        path: i.path
          .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
          .join("")
          .replace(/^\./, ""),
      }),
    ),
  };
}

/**
 * An export written before departments were named by their register id (migration 0034, decision 0083): the
 * settings' `departments` goes, and the names in it, in `model_owners` and in the members' departments become
 * register ids by the migration's rule (departments.ts), a name the register does not know a new entry
 * `{ ko }`; budget lines without a `department_id` get one by migration 0039's rule (decision 0095). An export
 * written after both is left as it is (every name is an id already).
 */
function withDepartmentIds(doc: unknown): unknown {
  if (doc === null || typeof doc !== "object") return doc;
  const d = doc as {
    tenant?: { settings?: Record<string, unknown> };
    members?: unknown;
    agenda?: { sources?: unknown; departments?: unknown };
  };
  const settings = d.tenant?.settings;
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
  const register = (Array.isArray(d.agenda?.departments) ? d.agenda.departments : []).filter(
    (x): x is Department =>
      x !== null &&
      typeof x === "object" &&
      typeof (x as Department).id === "string" &&
      !!(x as Department).name,
  );
  const added: Department[] = [];
  const idsOf = (names: string[]) => {
    const r = departmentIdsOf(names, [...register, ...added]);
    added.push(...r.added);
    return r.ids;
  };
  const listed = strings(settings?.departments);
  if (listed) idsOf(listed);
  const owners = strings(settings?.model_owners);
  const modelOwners = owners ? idsOf(owners) : undefined;
  const members = Array.isArray(d.members)
    ? d.members.map((m: unknown) => {
        const deps = strings((m as { departments?: unknown } | null)?.departments);
        return deps ? { ...(m as object), departments: idsOf(deps) } : m;
      })
    : d.members;
  // budget lines that name their department by its Korean name only (migration 0039, decision 0095)
  const budget = (doc as { budget?: { lines?: unknown } }).budget;
  const oldLines = Array.isArray(budget?.lines) ? (budget.lines as unknown[]) : undefined;
  const lines = oldLines ? budgetLineDepartments(oldLines, [...register, ...added]) : undefined;
  if (lines) added.push(...lines.added);
  const linesChanged = !!lines && lines.lines.some((l, i) => l !== oldLines![i]);
  if (!listed && added.length === 0 && owners === modelOwners && !linesChanged) return doc;
  const { departments: _listed, model_owners: _owners, ...rest } = settings ?? {};
  const agenda = d.agenda ?? {
    sources: [],
    departments: [],
    categories: [],
    plans: [],
    actions: [],
    indicators: [],
  };
  const sources = Array.isArray(agenda.sources) ? agenda.sources : [];
  const needsSource =
    added.length > 0 && !sources.some((s) => (s as Source | null)?.id === CITY_REGISTER_SOURCE);
  return {
    ...d,
    tenant: { ...d.tenant, settings: { ...rest, ...(modelOwners ? { model_owners: modelOwners } : {}) } },
    members,
    ...(linesChanged ? { budget: { ...budget, lines: lines!.lines } } : {}),
    agenda: {
      ...agenda,
      sources: needsSource ? [...sources, cityRegisterSource()] : sources,
      departments: [...(Array.isArray(agenda.departments) ? agenda.departments : []), ...added],
    },
  };
}

/**
 * An export written before a budget line's indicator had local names (migration 0029): each string name or
 * unit becomes `{ ko }`, without changing the document given.
 */
function withLocalIndicatorNamesIn(doc: unknown): unknown {
  const lines = (doc as { budget?: { lines?: unknown } } | null)?.budget?.lines;
  if (!Array.isArray(lines)) return doc;
  const d = doc as { budget: object };
  return { ...d, budget: { ...d.budget, lines: lines.map(withLocalIndicatorNames) } };
}

/**
 * An export written before an inventory's label and its verification's basis had languages (migration
 * 0031): each string becomes `{ ko }`, as the migration does, without changing the document given.
 */
function withLocalInventoryTexts(doc: unknown): unknown {
  const inventories = (doc as { inventories?: unknown } | null)?.inventories;
  if (!Array.isArray(inventories)) return doc;
  const local = (v: unknown) => (typeof v === "string" ? asLocal(v) : v);
  return {
    ...(doc as object),
    inventories: inventories.map((inv: unknown) => {
      if (inv === null || typeof inv !== "object") return inv;
      const i = inv as { label?: unknown; verification?: unknown };
      const v = i.verification as { basis?: unknown } | null | undefined;
      return {
        ...i,
        label: local(i.label),
        ...(v && typeof v === "object" ? { verification: { ...v, basis: local(v.basis) } } : {}),
      };
    }),
  };
}

/**
 * An export written before an action's own budget rows became budget lines (decision 0058): the rows are
 * taken out of the actions (without changing the document given) and checked as the agenda checked them;
 * the import turns them into lines as migration 0026 does.
 */
function takeAgendaBudgetRows(doc: unknown): {
  doc: unknown;
  rows: { id: string; budget: AgendaBudgetRow[] }[];
  problems: { path: PropertyKey[]; message: string }[];
} {
  const actions = (doc as { agenda?: { actions?: unknown } } | null)?.agenda?.actions;
  if (!Array.isArray(actions) || !actions.some((r) => r?.document?.budget !== undefined))
    return { doc, rows: [], problems: [] };
  const rows: { id: string; budget: AgendaBudgetRow[] }[] = [];
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const stripped = actions.map((r, i) => {
    if (r?.document?.budget === undefined) return r;
    const { budget, ...document } = r.document;
    const parsed = z.array(AgendaBudgetRowSchema).safeParse(budget);
    if (parsed.success) rows.push({ id: String(document.id), budget: parsed.data });
    else
      for (const x of parsed.error.issues)
        problems.push({
          path: ["agenda", "actions", i, "document", "budget", ...x.path],
          message: x.message,
        });
    return { ...r, document };
  });
  const d = doc as { agenda: object };
  return { doc: { ...d, agenda: { ...d.agenda, actions: stripped } }, rows, problems };
}

/**
 * Imports an export document as a new tenant, all or nothing. Members are linked to existing users by email;
 * a member without an account gets one without a password (they set it through a password reset).
 * `slug` renames the tenant (e.g. to import a copy next to the original).
 */
export async function importTenant(
  store: Store,
  doc: unknown,
  opts: { slug?: string } = {},
): Promise<TenantRecord> {
  const parsed = parseTenantExport(doc);
  if (!parsed.ok) throw new CitypathError(parsed.problems);
  return importCheckedTenant(store, parsed, opts);
}

/** importTenant of a document parseTenantExport has already checked (elsewhere, e.g. in a worker thread). */
export async function importCheckedTenant(
  store: Store,
  parsed: CheckedTenantExport,
  opts: { slug?: string } = {},
): Promise<TenantRecord> {
  const d = parsed.value;
  const withRows = parsed.agendaBudgetRows;
  return store.transaction(async (s) => {
    const tenant = await s.tenants.create({
      slug: opts.slug ?? d.tenant.slug,
      name: d.tenant.name,
      nameEn: d.tenant.nameEn,
      settings: d.tenant.settings,
    });
    const id = tenant.id;
    for (const m of d.members) {
      const u = (await s.users.byEmail(m.email)) ?? (await s.users.create({ name: m.name, email: m.email }));
      await s.memberships.put(id, u.id, m.role, m.departments);
    }
    for (const ds of d.activityDatasets) {
      await s.activity.create(id, {
        id: ds.id,
        name: ds.name,
        source: ds.source,
        rows: ds.rows,
        createdAt: new Date(ds.createdAt),
      });
    }
    for (const f of d.factorSets) {
      await s.factorSets.save(id, { id: f.id, name: f.name, source: f.source, factors: f.factors }, 0);
    }
    for (const p of d.importProfiles ?? []) await saveImportProfile(s, id, p, 0);
    for (const inv of d.inventories) {
      await s.inventories.create(id, {
        version: inv.version,
        label: inv.label,
        status: inv.status,
        gwpSet: inv.gwpSet,
        activityDatasetId: inv.activityDatasetId,
        factorSets: inv.factorSets as FactorSetRef[],
        basedOnVersion: inv.basedOnVersion,
        firstYear: inv.firstYear,
        lastYear: inv.lastYear,
        result: inv.result as JsonObject,
        createdAt: new Date(inv.createdAt),
        publishedAt: inv.publishedAt ? new Date(inv.publishedAt) : null,
      });
      const v = inv.verification;
      if (v)
        await s.inventories.setVerification(
          id,
          inv.version,
          {
            status: v.status,
            verified_by: v.verifiedBy,
            verified_on: v.verifiedOn,
            basis: v.basis,
            illustrative: v.illustrative,
          },
          new Date(v.recordedAt),
        );
    }
    for (const inst of d.modelInstances) {
      let base = 0;
      for (const v of [...inst.versions].sort((a, b) => a.version - b.version)) {
        if (v.version !== base + 1)
          throw new CitypathError(
            problem("BAD_VALUE", `Instance "${inst.id}" skips from version ${base} to ${v.version}.`, {
              path: `modelInstances.${inst.id}.versions`,
            }),
          );
        await s.instances.save(
          id,
          {
            id: inst.id,
            name: v.name,
            document: v.document,
            documentHash: v.documentHash,
            note: v.note ?? null,
            createdAt: new Date(v.createdAt),
          },
          base,
        );
        base = v.version;
      }
    }
    if (d.agenda) {
      const a = d.agenda;
      await s.agenda.putRegisters(id, {
        sources: a.sources,
        departments: a.departments,
        categories: a.categories,
      });
      // indicators before actions and plans (the order does not matter to the store, only to readers)
      for (const r of a.indicators)
        await s.agenda.save(id, "indicator", r.document, 0, { version: r.version });
      for (const r of a.actions) await s.agenda.save(id, "action", r.document, 0, { version: r.version });
      for (const r of a.plans) await s.agenda.save(id, "plan", r.document, 0, { version: r.version });
    }
    for (const o of d.agendaOutbox ?? [])
      await s.db.insert(schema.agendaOutbox).values({
        tenantId: id,
        dedupeKey: o.message.dedupe_key,
        department: o.message.department,
        createdFor: o.message.created_for,
        message: o.message,
        createdAt: new Date(o.createdAt),
        sentAt: o.sentAt ? new Date(o.sentAt) : null,
      });
    if (d.budget) {
      for (const y of d.budget.years) await s.budget.saveYear(id, y, 0);
      for (const l of d.budget.lines) await s.budget.saveLine(id, l, 0);
      for (const x of d.budget.settlements) await s.budget.saveSettlement(id, x, 0);
    }
    if (withRows.length) {
      const made = linesFromAgendaRows(withRows, d.agenda?.departments ?? [], d.budget?.lines ?? []);
      for (const l of made.lines) await s.budget.saveLine(id, l, 0);
      for (const x of made.settlements) await s.budget.saveSettlement(id, x, 0);
    }
    if (d.participation) await importParticipation(s, id, d.participation);
    return tenant;
  });
}

/**
 * Copies the global accounts (users and their sign-in accounts, password hashes included) from one database
 * to another, keeping ids; users already in the target (same id or email) are left as they are. Sessions and
 * verification tokens are not copied: people sign in again after a move.
 */
export async function copyAccounts(
  from: Database,
  to: Database,
): Promise<{ users: number; accounts: number }> {
  const users = await from.db.select().from(schema.user);
  const accounts = await from.db.select().from(schema.account);
  let u = 0;
  let a = 0;
  await to.db.transaction(async (tx) => {
    for (const row of users) {
      const r = await tx
        .insert(schema.user)
        .values(row)
        .onConflictDoNothing()
        .returning({ id: schema.user.id });
      u += r.length;
    }
    const present = new Set((await tx.select({ id: schema.user.id }).from(schema.user)).map((x) => x.id));
    for (const row of accounts) {
      if (!present.has(row.userId)) continue;
      const r = await tx
        .insert(schema.account)
        .values(row)
        .onConflictDoNothing()
        .returning({ id: schema.account.id });
      a += r.length;
    }
  });
  return { users: u, accounts: a };
}
