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
): Promise<{ reductions: Map<string, ActionReduction>; source?: string }> {
  const reductions = new Map<string, ActionReduction>();
  const wanted = lines.filter((l) => l.reduction?.expected?.kind === "action");
  if (wanted.length === 0) return { reductions };
  const inst = (await store.instances.list(tenantId))[0];
  const full = inst && (await store.instances.get(tenantId, inst.id));
  if (!full) return { reductions };
  const resolver = cachedScenarioResolver(
    `${tenantId}:${full.id}:${full.version}:${full.documentHash}`,
    full.document,
  );
  if (!resolver.ok) return { reductions };
  const actions = new Map(
    (await store.agenda.list(tenantId, "action")).map((a) => [a.id, a.document] as const),
  );
  for (const l of wanted) {
    const key = reductionKey(l);
    if (!key || reductions.has(key)) continue;
    let link: { scenario: string; scenario_action: string } | undefined;
    if (l.model) link = { scenario: l.model.scenario, scenario_action: l.model.action };
    else if (l.action) link = actions.get(l.action)?.model_link;
    if (!link) continue;
    const resolved = resolver.value(link);
    if (!resolved.ok) continue;
    const r = resolved.value;
    const out = fromActionType(r.type, r.ctxFor, r.level)(r.params, year);
    const abated = abatementOf(out, year, key, r.bau);
    if (!abated.ok) continue;
    reductions.set(key, {
      tco2e_per_year: abated.value,
      method: {
        formula: `${r.type.label.ko} 모형 (${link.scenario}/${link.scenario_action}, ${year}년)`,
        factor_source: `${full.id} v${full.version}`,
      },
      name: { ko: r.type.label.ko, en: r.type.label.en },
    });
  }
  return { reductions, source: `${full.id} v${full.version} (${full.name ?? full.id})` };
}

/** Everything one statement is rendered from. */
export async function statementInput(
  store: Store,
  t: TenantRecord,
  year: number,
  kind: StatementKind,
  asOf: Date,
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
  const { reductions, source } = await modelledReductions(store, t.id, lines, year);
  const actionNames: (readonly [string, LocalText])[] = [];
  for (const a of await store.agenda.list(t.id, "action")) actionNames.push([a.id, a.document.name]);
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
