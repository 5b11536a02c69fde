/**
 * What a single agenda save must name that exists: a plan's keeping department; an action's plans and their
 * policy areas, its departments and indicators; an indicator's reporting department. A record naming what the
 * tenant does not hold is refused (400) with every such reference located in the request body
 * (`json.action.plans.0.policy_area`), so that a form puts each on its field. And a new action is placed in
 * the policy areas it names: each plan's area lists it (the plan tree shows it), the plan saved at its next
 * version with its own audit record, in the same transaction as the action. An action's link to the model
 * (`model_link`), when new or changed, must name a scenario of the tenant's pathway instance as it is now,
 * an action of that scenario, that action's type as the model, and one of its parameters; a link kept as it
 * was is not checked again (the instance may have moved on: the action's answer then says so).
 */
import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import type { Action, Plan } from "@citypath/core/agenda/index";
import { appendAudit, type Store } from "@citypath/db";
import type { Caller } from "../env.ts";
import type { OwnedRecord } from "./agenda.ts";
import { actorId, asJson } from "./audit.ts";

/** Refuses the record when it names a department, plan, policy area or indicator the tenant does not hold. */
export async function assertReferences(
  s: Store,
  tenantId: TenantId,
  r: OwnedRecord,
  before?: OwnedRecord,
): Promise<void> {
  const { departments } = await s.agenda.registers(tenantId);
  const known = new Set(departments.map((d) => d.id as string));
  const problems: Problem[] = [];
  const at = (path: string, message: string) =>
    problems.push(problem("UNKNOWN_REFERENCE", message, { path: `json.${r.kind}.${path}` }));
  const department = (id: string, path: string) => {
    if (!known.has(id)) at(path, `no department '${id}' in the tenant's register`);
  };
  if (r.kind === "plan") department(r.document.responsible_department, "responsible_department");
  if (r.kind === "indicator" && r.document.reporter) department(r.document.reporter, "reporter");
  if (r.kind === "action") {
    const a = r.document;
    a.departments.forEach((d, i) => {
      department(d, `departments.${i}`);
    });
    const plans = new Map(
      (await s.agenda.list(tenantId, "plan")).map((p) => [p.id as string, p.document] as const),
    );
    a.plans.forEach((m, i) => {
      const plan = plans.get(m.plan);
      if (!plan) at(`plans.${i}.plan`, `no plan '${m.plan}'`);
      else if (!plan.policy_areas.some((x) => x.id === m.policy_area))
        at(`plans.${i}.policy_area`, `plan '${m.plan}' has no policy area '${m.policy_area}'`);
    });
    const indicators = new Set((await s.agenda.list(tenantId, "indicator")).map((x) => x.id as string));
    a.indicators.forEach((id, i) => {
      if (!indicators.has(id)) at(`indicators.${i}`, `no indicator '${id}'`);
    });
    const was = before?.kind === "action" ? before.document.model_link : undefined;
    if (a.model_link && !sameLink(a.model_link, was))
      for (const p of await modelLinkProblems(s, tenantId, a.model_link))
        at(`model_link.${p.path}`, p.message);
  }
  if (problems.length) throw new CitypathError(problems);
}

/**
 * Lists a new action in each policy area it names (where not listed yet): the plan is saved at its next
 * version, the change audited as the plan's ("place"), inside the caller's transaction `s`. Placing an
 * action in a plan changes only the area's list; it gives no right over the plan.
 */
export async function placeInPlans(s: Store, tenantId: TenantId, caller: Caller, a: Action): Promise<void> {
  for (const planId of new Set(a.plans.map((m) => m.plan as string))) {
    const rec = await s.agenda.get(tenantId, "plan", planId);
    if (!rec) continue; // assertReferences refused it already
    const areas = new Set(a.plans.filter((m) => m.plan === planId).map((m) => m.policy_area as string));
    if (rec.document.policy_areas.every((x) => !areas.has(x.id) || x.actions.includes(a.id))) continue;
    const next: Plan = {
      ...rec.document,
      policy_areas: rec.document.policy_areas.map((x) =>
        areas.has(x.id) && !x.actions.includes(a.id) ? { ...x, actions: [...x.actions, a.id] } : x,
      ),
    };
    const saved = await s.agenda.save(tenantId, "plan", next, rec.version);
    await appendAudit(s, {
      tenantId,
      actorId: actorId(caller),
      action: "place",
      entity: "plan",
      entityId: planId,
      version: saved.version,
      before: asJson({ policy_areas: rec.document.policy_areas.filter((x) => areas.has(x.id)) }),
      after: asJson({ action: a.id, policy_areas: next.policy_areas.filter((x) => areas.has(x.id)) }),
    });
  }
}

type Link = NonNullable<Action["model_link"]>;
const sameLink = (a: Link, b: Link | undefined) =>
  b !== undefined &&
  a.scenario === b.scenario &&
  a.scenario_action === b.scenario_action &&
  a.model === b.model &&
  a.parameter === b.parameter;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const listOf = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** What a model link names that the current version of the tenant's (first) pathway instance does not hold. */
async function modelLinkProblems(
  s: Store,
  tenantId: TenantId,
  link: Link,
): Promise<{ path: string; message: string }[]> {
  const first = (await s.instances.list(tenantId))[0];
  const inst = first && (await s.instances.get(tenantId, first.id));
  if (!inst) return [{ path: "scenario", message: "the tenant has no pathway instance to link to" }];
  const where = `instance '${inst.id}' v${inst.version}`;
  const scenario = listOf((inst.document as Record<string, unknown>).scenarios).find(
    (x) => x.id === link.scenario,
  );
  if (!scenario) return [{ path: "scenario", message: `no scenario '${link.scenario}' in ${where}` }];
  if (!listOf(scenario.actions).some((x) => x.action === link.scenario_action))
    return [
      {
        path: "scenario_action",
        message: `scenario '${link.scenario}' of ${where} has no action '${link.scenario_action}'`,
      },
    ];
  const action = listOf((inst.document as Record<string, unknown>).actions).find(
    (x) => x.id === link.scenario_action,
  );
  if (!action)
    return [{ path: "scenario_action", message: `no action '${link.scenario_action}' in ${where}` }];
  const out: { path: string; message: string }[] = [];
  if (action.type !== link.model)
    out.push({
      path: "model",
      message: `action '${link.scenario_action}' of ${where} is a '${String(action.type)}', not a '${link.model}'`,
    });
  if (!isObject(action.params) || !(link.parameter in action.params) || PROVENANCE_KEYS.has(link.parameter))
    out.push({
      path: "parameter",
      message: `action '${link.scenario_action}' of ${where} has no parameter '${link.parameter}'`,
    });
  return out;
}

/** Keys of an instance action's `params` that say where values come from, not parameters. */
const PROVENANCE_KEYS = new Set(["sources", "illustrative", "notes"]);
