/**
 * The agenda as the routes need it: the tenant's records read in one go, what a caller may see (drafts or
 * only what is published) and change (an editor: only the actions of their departments), and modelled
 * against observed for an action linked to a scenario of the tenant's pathway instance. Every number comes
 * from the core; this module only gathers the inputs.
 */
import { CitypathError, fail, ok, type Problem, problem, type Result, type TenantId } from "@citypath/core";
import type { ActionContext } from "@citypath/core/actions/interface";
import {
  type Action,
  type Agenda,
  compareLinkedAction,
  type Department,
  defaultReminderOptions,
  type Indicator,
  type LegalCalendar,
  legalCalendarOf,
  type ModelLink,
  type ModelledVsObserved,
  type Plan,
  reminders,
  type ScenarioResolver,
} from "@citypath/core/agenda/index";
import { actionContext, bauFactors } from "@citypath/core/pathway/compile";
import { type EnginePreset, enginePreset } from "@citypath/core/pathway/index";
import { instanceScenarioResolver } from "@citypath/data/agenda";
import { type AgendaRecord, appendAudit, type Store } from "@citypath/db";
import { roleIn, seesDrafts } from "../access.ts";
import type { ComputePool } from "../compute/pool.ts";
import type { Caller, Clock } from "../env.ts";
import { RetryLaterError } from "../errors.ts";
import { asJson } from "./audit.ts";

/** The tenant's agenda with each record's version. */
export interface StoredAgenda {
  readonly registers: Pick<Agenda, "sources" | "departments" | "categories">;
  readonly plans: AgendaRecord<Plan>[];
  readonly actions: AgendaRecord<Action>[];
  readonly indicators: AgendaRecord<Indicator>[];
}

export async function readAgenda(store: Store, tenantId: TenantId): Promise<StoredAgenda> {
  return {
    registers: await store.agenda.registers(tenantId),
    plans: await store.agenda.list(tenantId, "plan"),
    actions: await store.agenda.list(tenantId, "action"),
    indicators: await store.agenda.list(tenantId, "indicator"),
  };
}

/**
 * Stores an agenda folder (the demo loader, into a tenant whose agenda has no plans, actions or indicators
 * yet): its registers merge into the tenant's by id (decision 0096), then every record. A source, department
 * or category of the folder replaces the one of its id, or is added; one only in the database (a department
 * an admin added in the workspace) is kept, so nothing that names it (memberships, invitations, model owners,
 * budget lines, consultations) is left pointing at nothing. Each department the folder adds or changes (a
 * rename, in either language) is audited, by no one (the loader runs as the system), unless the register was
 * empty: a first register is the tenant's start, not a change.
 */
export async function loadAgendaInto(store: Store, tenantId: TenantId, agenda: Agenda): Promise<string> {
  const merged = await mergeRegisters(store, tenantId, agenda);
  for (const i of agenda.indicators) await store.agenda.save(tenantId, "indicator", i, 0);
  for (const a of agenda.actions) await store.agenda.save(tenantId, "action", a, 0);
  for (const p of agenda.plans) await store.agenda.save(tenantId, "plan", p, 0);
  const kept = merged.kept.length ? `, ${merged.kept.length} departments of the register kept` : "";
  return `agenda: ${agenda.plans.length} plans, ${agenda.actions.length} actions, ${agenda.indicators.length} indicators${kept}`;
}

/** What merging a folder's registers did to the departments (ids). */
export interface RegisterMerge {
  readonly added: string[];
  readonly changed: string[];
  /** In the database only, kept as they were. */
  readonly kept: string[];
}

/**
 * Merges registers into the tenant's by id (see loadAgendaInto), in one transaction with the audit records of
 * the departments added or changed.
 */
export async function mergeRegisters(
  store: Store,
  tenantId: TenantId,
  file: Pick<Agenda, "sources" | "departments" | "categories">,
): Promise<RegisterMerge> {
  return store.transaction(async (s) => {
    const now = await s.agenda.registers(tenantId);
    const merge = <T extends { readonly id: string }>(stored: readonly T[], incoming: readonly T[]): T[] => {
      const byId = new Map(incoming.map((r) => [r.id as string, r]));
      const ids = new Set(stored.map((r) => r.id as string));
      return [
        ...stored.map((r) => byId.get(r.id as string) ?? r),
        ...incoming.filter((r) => !ids.has(r.id as string)),
      ];
    };
    const stored = new Map(now.departments.map((d) => [d.id as string, d]));
    const inFile = new Set(file.departments.map((d) => d.id as string));
    const out: RegisterMerge = { added: [], changed: [], kept: [] };
    for (const d of file.departments) {
      const before = stored.get(d.id as string);
      if (!before) out.added.push(d.id as string);
      else if (JSON.stringify(before) !== JSON.stringify(d)) out.changed.push(d.id as string);
    }
    for (const id of stored.keys()) if (!inFile.has(id)) out.kept.push(id);
    await s.agenda.putRegisters(tenantId, {
      sources: merge(now.sources, file.sources),
      departments: merge(now.departments, file.departments),
      categories: merge(now.categories, file.categories),
    });
    // a folder into an empty register is the tenant's first register (the demo's first load), not a change
    for (const d of stored.size ? file.departments : []) {
      const id = d.id as string;
      if (!out.added.includes(id) && !out.changed.includes(id)) continue;
      const before = stored.get(id);
      await appendAudit(s, {
        tenantId,
        actorId: null,
        action: before ? "update" : "create",
        entity: "department",
        entityId: id,
        before: before ? asJson(before) : null,
        after: asJson(d),
      });
    }
    return out;
  });
}

/**
 * What the caller may read. Members who see drafts (admin, editor, council, expert) see everything; citizens
 * and visitors see published plans, the actions in them and the indicators those actions use.
 */
export function visibleAgenda(caller: Caller, tenantId: string, all: StoredAgenda): StoredAgenda {
  if (seesDrafts(caller, tenantId)) return all;
  const plans = all.plans.filter((p) => p.document.stage === "published");
  const planIds = new Set(plans.map((p) => p.id));
  // an action of a published plan keeps only its places in published plans: the others would name drafts
  const actions = all.actions
    .filter((a) => a.document.plans.some((m) => planIds.has(m.plan)))
    .map((a) =>
      a.document.plans.every((m) => planIds.has(m.plan))
        ? a
        : { ...a, document: { ...a.document, plans: a.document.plans.filter((m) => planIds.has(m.plan)) } },
    );
  const used = new Set(actions.flatMap((a) => a.document.indicators as string[]));
  return { ...all, plans, actions, indicators: all.indicators.filter((i) => used.has(i.id)) };
}

/**
 * The departments whose actions the caller may change: "all" for tenant admins (and the platform admin and
 * development operator), the membership's departments for an editor, none for everyone else. A membership
 * names a department by its id in the register (decision 0083), e.g. "climate-change-response".
 */
export async function editableDepartments(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
): Promise<"all" | ReadonlySet<string>> {
  const role = roleIn(caller, tenantId);
  if (role === "admin") return "all";
  if (role !== "editor" || caller.kind !== "user") return new Set();
  const m = (await store.memberships.list(tenantId)).find((x) => x.userId === caller.userId);
  return new Set(m?.departments ?? []);
}

/** An agenda record as the department rule sees it. */
export type OwnedRecord =
  | { readonly kind: "plan"; readonly document: Plan }
  | { readonly kind: "action"; readonly document: Action }
  | { readonly kind: "indicator"; readonly document: Indicator };

/**
 * The departments a record belongs to: a plan's keeping department, an action's departments, an indicator's
 * reporter (none: only admins change it). Links between records (an indicator cited by an action, an action
 * placed in a plan) never make a department an owner: linking gives no rights.
 */
export function ownersOf(r: OwnedRecord): readonly string[] {
  if (r.kind === "plan") return [r.document.responsible_department];
  if (r.kind === "action") return r.document.departments;
  return r.document.reporter ? [r.document.reporter] : [];
}

/**
 * The department rule, the one every agenda write applies: an editor with `allowed` departments (register
 * ids) may change a record when one of its owners is theirs; admins may change everything. Names play no
 * part, so renaming a department changes nobody's rights.
 */
export function mayChange(r: OwnedRecord, allowed: "all" | ReadonlySet<string>): boolean {
  if (allowed === "all") return true;
  return ownersOf(r).some((id) => allowed.has(id));
}

/** The refusal of a change the department rule does not allow. */
export function refuseChange(r: OwnedRecord, departments: readonly Department[]): never {
  const byId = new Map(departments.map((d) => [d.id as string, d]));
  const owners = ownersOf(r)
    .map((id) => byId.get(id)?.name.ko ?? id)
    .join(", ");
  const what = `${r.kind === "plan" ? "Plan" : r.kind === "action" ? "Action" : "Indicator"} "${r.document.id}"`;
  throw new CitypathError(
    problem(
      "FORBIDDEN",
      owners
        ? `${what} belongs to ${owners}; you change your own departments' records only.`
        : `${what} belongs to no department; only the tenant's admins change it.`,
      { path: r.kind },
    ),
  );
}

/** Applies the department rule for the caller to every record given (the stored one and the new one). */
export async function assertMayChange(
  s: Store,
  caller: Caller,
  tenantId: TenantId,
  ...records: readonly (OwnedRecord | undefined)[]
): Promise<void> {
  const allowed = await editableDepartments(s, caller, tenantId);
  if (allowed === "all") return;
  const { departments } = await s.agenda.registers(tenantId);
  for (const r of records) if (r && !mayChange(r, allowed)) refuseChange(r, departments);
}

/** Today in the city's calendar (Korea, UTC+9) by `clock`, YYYY-MM-DD. */
/** The tenant's legal calendar (setting `legal_calendar`), or the law's dates; a wrong setting is a 400. */
export function tenantCalendar(settings: Readonly<Record<string, unknown>>): LegalCalendar {
  const r = legalCalendarOf(settings);
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}

/** The reminders of `date` over an agenda, one message per department (staff see drafts too: they act on them). */
export function remindersOf(a: StoredAgenda, date: string, settings: Readonly<Record<string, unknown>>) {
  return reminders(
    {
      actions: a.actions.map((x) => x.document),
      indicators: a.indicators.map((x) => x.document),
      plans: a.plans.map((x) => x.document),
      departments: a.registers.departments,
    },
    { ...defaultReminderOptions(date), calendar: tenantCalendar(settings) },
  );
}

export function cityToday(clock: Clock): string {
  return new Date(clock() + 9 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A resolver of model links against a stored pathway instance document: the instance validated and
 * compiled by the core, each year's action context built the way the core's explanation builds it.
 */
export function scenarioResolverFor(
  document: unknown,
  engine: EnginePreset = enginePreset(),
): Result<ScenarioResolver> {
  const b = engine.build(document);
  if (!b.ok) return b;
  const { valid, model: m } = b.value;
  const { instance: inst, drivers } = m.source;
  const lineIndex = new Map(inst.inventory.lines.map((x, i) => [x.gpc_ref, i] as const));
  const base = Float64Array.from(inst.inventory.lines, (x) => x.tco2e);
  const contexts = new Map<number, ActionContext>();
  const ctxFor = (year: number): ActionContext => {
    const hit = contexts.get(year);
    if (hit) return hit;
    const y = year - m.baseYear;
    const bau = new Float64Array(m.nYears * m.nLines);
    for (const rule of inst.bau) {
      const f = bauFactors(rule, drivers, year, m.baseYear);
      for (const ref of rule.lines) {
        const li = lineIndex.get(ref)!;
        bau[y * m.nLines + li] = base[li]! * f.factor;
      }
    }
    const ctx = actionContext(
      { inst, drivers, lineIndex, base, bau, nLines: m.nLines, baseYear: m.baseYear },
      year,
    );
    contexts.set(year, ctx);
    return ctx;
  };
  return ok(instanceScenarioResolver({ valid, engine }, ctxFor));
}

const RESOLVERS = new Map<string, Result<ScenarioResolver>>();

/**
 * `scenarioResolverFor`, kept per stored instance version (the key must name the tenant, the instance, its
 * version and document hash): compiling the instance is the costly part of an action's answer.
 */
export function cachedScenarioResolver(key: string, document: unknown): Result<ScenarioResolver> {
  const hit = RESOLVERS.get(key);
  if (hit) return hit;
  const r = scenarioResolverFor(document);
  if (RESOLVERS.size >= 20) RESOLVERS.delete(RESOLVERS.keys().next().value!);
  RESOLVERS.set(key, r);
  return r;
}

/**
 * Modelled against observed for a linked action: the years compared are those of the linked indicator's
 * goals and city-wide observations, and, so that the expected abatement shows before anything is observed,
 * every year from the action's start (or the current year) to 2035 and the five-year target years to 2050.
 * `asOfYear` is the current year.
 */
export function modelledForAction(
  action: Action,
  indicators: readonly Indicator[],
  resolve: ScenarioResolver,
  asOfYear: number,
): Result<ModelledVsObserved> {
  const link = action.model_link;
  if (!link) return fail([problem("MISSING_VALUE", `action '${action.id}' has no model link`)]);
  const ind = indicators.find((i) => i.id === link.indicator);
  const years = new Set<number>();
  for (const g of ind?.goals ?? []) years.add(g.year);
  for (const o of ind?.observed ?? []) if (o.district === undefined) years.add(o.year);
  const start = action.start ? Number(String(action.start).slice(0, 4)) : asOfYear;
  for (let y = Number.isFinite(start) ? start : asOfYear; y <= 2035; y++) years.add(y);
  for (const y of [2040, 2045, 2050]) years.add(y);
  return compareLinkedAction(action, indicators, resolve, {
    years: [...years].sort((a, b) => a - b),
    asOfYear,
    tolerance: MODEL_TOLERANCE,
  });
}

/** Off track when the implied abatement falls short of the expected by more than this share. */
export const MODEL_TOLERANCE = 0.1;

/**
 * Modelled against observed for a stored action, against the tenant's (first) pathway instance: the figures
 * with where they come from, or the problems that kept them from being computed.
 */
export async function modelledAnswer(
  store: Store,
  tenantId: TenantId,
  action: Action,
  indicators: readonly Indicator[],
  asOfYear: number,
  /** The server's compute threads: the instance is compiled there, off the event loop (inline without). */
  compute?: ComputePool,
): Promise<{ modelled: ModelledAnswer | null; problems: Problem[] }> {
  const link = action.model_link;
  if (!link) return { modelled: null, problems: [] };
  const inst = (await store.instances.list(tenantId))[0];
  const full = inst && (await store.instances.get(tenantId, inst.id));
  if (!full)
    return {
      modelled: null,
      problems: [problem("NOT_FOUND", "The tenant has no pathway instance to compare with.")],
    };
  const key = `${tenantId}:${full.id}:${full.version}:${full.documentHash}`;
  const task = { key, document: full.document, action, indicators, asOfYear };
  const r = compute ? await inPool(compute, task) : modelledInline(task);
  if (!r.ok) return { modelled: null, problems: r.problems };
  return {
    modelled: {
      ...r.value,
      instance: full.id,
      instance_version: full.version,
      scenario: link.scenario,
      // where the figures come from: the model of the scenario's action, with its own sources in the
      // instance, and the indicator's observed values, each with its source
      derivation: `${link.model} of scenario ${link.scenario} (action ${link.scenario_action}) in instance ${full.id} v${full.version}; implied: the same model with ${link.parameter} from the observed values of ${link.indicator}`,
    },
    problems: [],
  };
}

/** What modelled against observed is computed from (compute/tasks.ts runs it in a thread). */
export interface ModelledInput {
  readonly key: string;
  readonly document: unknown;
  readonly action: Action;
  readonly indicators: readonly Indicator[];
  readonly asOfYear: number;
}

export function modelledInline(t: ModelledInput): Result<ModelledVsObserved> {
  const resolve = cachedScenarioResolver(t.key, t.document);
  return resolve.ok ? modelledForAction(t.action, t.indicators, resolve.value, t.asOfYear) : resolve;
}

async function inPool(compute: ComputePool, t: ModelledInput): Promise<Result<ModelledVsObserved>> {
  try {
    return ok(await compute.modelled(t));
  } catch (e) {
    // the model's own problems are part of the answer; a full queue (503 BUSY) is not
    if (e instanceof CitypathError && !(e instanceof RetryLaterError)) return fail([...e.problems]);
    throw e;
  }
}

/** Modelled against observed as answered: the core's comparison and the instance it was computed on. */
export type ModelledAnswer = ModelledVsObserved & {
  readonly instance: string;
  readonly instance_version: number;
  readonly scenario: ModelLink["scenario"];
  readonly derivation: string;
};
