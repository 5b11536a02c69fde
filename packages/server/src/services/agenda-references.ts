/**
 * What a single agenda save must name that exists: a plan's keeping department; an action's plans and their
 * policy areas, its departments and indicators; an indicator's reporting department. A record naming what the
 * tenant does not hold is refused (400) with every such reference located in the request body
 * (`json.action.plans.0.policy_area`), so that a form puts each on its field. And a new action is placed in
 * the policy areas it names: each plan's area lists it (the plan tree shows it), the plan saved at its next
 * version with its own audit record, in the same transaction as the action.
 */
import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import type { Action, Plan } from "@citypath/core/agenda/index";
import { appendAudit, type Store } from "@citypath/db";
import type { Caller } from "../env.ts";
import type { OwnedRecord } from "./agenda.ts";
import { actorId, asJson } from "./audit.ts";

/** Refuses the record when it names a department, plan, policy area or indicator the tenant does not hold. */
export async function assertReferences(s: Store, tenantId: TenantId, r: OwnedRecord): Promise<void> {
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
