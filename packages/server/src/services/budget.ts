/**
 * The GHG-reduction budget of a tenant as the statements need it: the tenant's budget settings (tenant
 * setting `budget`), the year's and last year's lines, the settlements, and the modelled reduction of every
 * action a line draws on, computed by the action library on the tenant's pathway instance (the model of the
 * scenario's action, at its level, in the budget year).
 */
import { CitypathError, problem, type TenantId } from "@citypath/core";
import { abatementOf, fromActionType } from "@citypath/core/agenda/index";
import {
  type ActionReduction,
  type BudgetLine,
  type BudgetSettings,
  BudgetSettingsSchema,
  type LocalText,
  reductionKey,
} from "@citypath/core/budget/index";
import type { BudgetFolder } from "@citypath/data/budget";
import type { Store, TenantRecord } from "@citypath/db";
import type { ComputePool } from "../compute/pool.ts";
import type { StatementInput, StatementKind } from "../statements/model.ts";
import { cachedScenarioResolver } from "./agenda.ts";

/** The tenant's budget settings, or a NOT_FOUND saying how to set them. */
export function budgetSettings(t: TenantRecord): BudgetSettings {
  const raw: unknown = t.settings.budget;
  if (raw === undefined)
    throw new CitypathError(
      problem("NOT_FOUND", `${t.slug} has no budget settings (tenant setting "budget"; docs/reporting.md).`, {
        path: "settings.budget",
      }),
    );
  const r = BudgetSettingsSchema.safeParse(raw);
  if (!r.success)
    throw new CitypathError(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: `settings.budget.${i.path.join(".")}` }),
      ),
    );
  return r.data;
}

/** The modelled reductions (tCO2e in `year`) of the actions the lines draw on, by reduction key. */
export async function modelledReductions(
  store: Store,
  tenantId: TenantId,
  lines: readonly BudgetLine[],
  year: number,
  /** The server's compute threads: the instance is compiled there, off the event loop (inline without). */
  compute?: ComputePool,
): Promise<{ reductions: Map<string, ActionReduction>; source?: string }> {
  const wanted = lines.filter((l) => l.reduction?.expected?.kind === "action");
  if (wanted.length === 0) return { reductions: new Map() };
  const inst = (await store.instances.list(tenantId))[0];
  const full = inst && (await store.instances.get(tenantId, inst.id));
  if (!full) return { reductions: new Map() };
  const actions = new Map(
    (await store.agenda.list(tenantId, "action")).map((a) => [a.id, a.document] as const),
  );
  const links: ReductionLink[] = [];
  for (const l of wanted) {
    const key = reductionKey(l);
    if (!key) continue;
    const link = l.model
      ? { scenario: l.model.scenario, scenario_action: l.model.action }
      : l.action
        ? actions.get(l.action)?.model_link
        : undefined;
    if (link) links.push({ key, scenario: link.scenario, scenario_action: link.scenario_action });
  }
  const task: ReductionsInput = {
    key: `${tenantId}:${full.id}:${full.version}:${full.documentHash}`,
    document: full.document,
    instance: `${full.id} v${full.version}`,
    links,
    year,
  };
  const found = compute ? await compute.reductions(task) : reductionsInline(task);
  if (found === null) return { reductions: new Map() };
  return { reductions: new Map(found), source: `${full.id} v${full.version} (${full.name ?? full.id})` };
}

/** How far ahead a modelled action's first effect is looked for (the pathway's last year). */
const LAST_MODELLED_YEAR = 2050;

/** One reduction key of the budget lines and the scenario action it is modelled by. */
export interface ReductionLink {
  readonly key: string;
  readonly scenario: string;
  readonly scenario_action: string;
}

/** What the modelled reductions are computed from (compute/tasks.ts runs it in a thread). */
export interface ReductionsInput {
  /** The instance version (tenant, id, version, document hash): each thread keeps its compiled model. */
  readonly key: string;
  readonly document: unknown;
  /** The instance as the method names it, e.g. `jeonju v3`. */
  readonly instance: string;
  readonly links: readonly ReductionLink[];
  readonly year: number;
}

/**
 * Each reduction key's modelled reduction in the year, from its first link the model resolves and abates
 * (keys without one are left out), or null
 * when the instance does not compile. Compiling the instance is the costly part, once per instance version.
 */
export function reductionsInline(t: ReductionsInput): [string, ActionReduction][] | null {
  const resolver = cachedScenarioResolver(t.key, t.document);
  if (!resolver.ok) return null;
  const out: [string, ActionReduction][] = [];
  for (const link of t.links) {
    if (out.some(([key]) => key === link.key)) continue;
    const resolved = resolver.value(link);
    if (!resolved.ok) continue;
    const r = resolved.value;
    const model = fromActionType(r.type, r.ctxFor, r.level);
    const abated = abatementOf(model(r.params, t.year), t.year, link.key, r.bau);
    if (!abated.ok) continue;
    // none this year: the first later year with a modelled reduction says when the effect starts
    let first: number | undefined;
    for (let y = t.year + 1; abated.value === 0 && first === undefined && y <= LAST_MODELLED_YEAR; y++) {
      const later = abatementOf(model(r.params, y), y, link.key, r.bau);
      if (later.ok && later.value !== 0) first = y;
    }
    out.push([
      link.key,
      {
        tco2e_per_year: abated.value,
        method: {
          formula: `${r.type.label.ko} 모형 (${link.scenario}/${link.scenario_action}, ${t.year}년)`,
          factor_source: t.instance,
        },
        name: { ko: r.type.label.ko, en: r.type.label.en },
        ...(first === undefined ? {} : { first_year: first }),
      },
    ]);
  }
  return out;
}

/** Everything one statement is rendered from. */
export async function statementInput(
  store: Store,
  t: TenantRecord,
  year: number,
  kind: StatementKind,
  asOf: Date,
  compute?: ComputePool,
): Promise<StatementInput> {
  const settings = budgetSettings(t);
  const lines = (await store.budget.lines(t.id, year)).map((r) => r.document);
  if (lines.length === 0)
    throw new CitypathError(
      problem("NOT_FOUND", `${t.slug} has no budget lines for ${year}.`, { path: "year" }),
    );
  const lastYear = (await store.budget.lines(t.id, year - 1)).map((r) => r.document);
  const settlements =
    kind === "settlement" ? (await store.budget.settlements(t.id, year)).map((r) => r.document) : [];
  const budgetYear = (await store.budget.year(t.id, year))?.document;
  const { reductions, source } = await modelledReductions(store, t.id, lines, year, compute);
  const actionNames: (readonly [string, LocalText])[] = [];
  for (const a of await store.agenda.list(t.id, "action")) actionNames.push([a.id, a.document.name]);
  const departmentNames = (await store.agenda.registers(t.id)).departments.map(
    (d) => [d.id as string, d.name] as const,
  );
  return {
    kind,
    tenant: { slug: t.slug, name: t.name, nameEn: t.nameEn },
    year,
    settings,
    lines,
    lastYear,
    settlements,
    budgetYear,
    actions: [...reductions.entries()],
    actionNames,
    departmentNames,
    modelSource: source,
    asOf: `${asOf.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  };
}

/** Loads a budget folder (the demo's) into a tenant: settings, years, lines and settlements. */
export async function loadBudgetInto(store: Store, t: TenantRecord, b: BudgetFolder): Promise<string> {
  const cur = await store.tenants.byId(t.id);
  await store.tenants.update(t.id, cur!.version, {
    settings: { ...cur!.settings, budget: JSON.parse(JSON.stringify(b.settings)) },
  });
  for (const y of b.years) await store.budget.saveYear(t.id, y, 0);
  for (const l of b.lines) await store.budget.saveLine(t.id, l, 0);
  for (const s of b.settlements) await store.budget.saveSettlement(t.id, s, 0);
  return `budget: ${b.lines.length} lines, ${b.settlements.length} settlements (${b.years.map((y) => y.year).join(", ")})`;
}
