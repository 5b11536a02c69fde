/**
 * A plan as the tree people read: vision -> policy areas -> actions (with their sub-actions) -> tasks and
 * milestones, with status counts per area. Plain data for the API and the dashboard.
 */
import type { ActionId } from "../vocabulary/ids.ts";
import type { Text } from "../vocabulary/text.ts";
import type { Action, Milestone, Plan, PolicyArea, Task } from "./schema.ts";
import { type StatusCounts, statusCounts } from "./status.ts";

export interface ActionNode {
  readonly id: ActionId;
  readonly name: Text;
  readonly status: Action["status"];
  readonly phase?: Action["phase"];
  readonly completion_pct?: number;
  readonly departments: Action["departments"];
  readonly tasks: readonly Task[];
  readonly milestones: readonly Milestone[];
  /** Sub-actions listed in the same policy area. */
  readonly children: readonly ActionNode[];
}

export interface AreaNode {
  readonly id: PolicyArea["id"];
  readonly name: Text;
  readonly description?: Text;
  readonly counts: StatusCounts;
  readonly actions: readonly ActionNode[];
}

export interface PlanTree {
  readonly id: Plan["id"];
  readonly name: Text;
  readonly vision: Text;
  readonly stage: Plan["stage"];
  readonly counts: StatusCounts;
  readonly areas: readonly AreaNode[];
  /** Ids the plan lists that no action has (the reference check reports them too). */
  readonly missing: readonly ActionId[];
}

export function planTree(plan: Plan, actions: readonly Action[]): PlanTree {
  const byId = new Map(actions.map((a) => [a.id as string, a]));
  const missing: ActionId[] = [];
  const all = new Map<string, Action>();
  const areas = plan.policy_areas.map((area): AreaNode => {
    const here = area.actions.flatMap((id) => {
      const a = byId.get(id);
      if (!a) missing.push(id);
      return a ? [a] : [];
    });
    for (const a of here) all.set(a.id, a);
    const inArea = new Set(here.map((a) => a.id as string));
    const node = (a: Action): ActionNode => ({
      id: a.id,
      name: a.name,
      status: a.status,
      ...(a.phase ? { phase: a.phase } : {}),
      ...(a.completion_pct ? { completion_pct: a.completion_pct.value } : {}),
      departments: a.departments,
      tasks: a.tasks,
      milestones: a.milestones,
      children: here.filter((c) => c.parent === a.id).map(node),
    });
    return {
      id: area.id,
      name: area.name,
      ...(area.description ? { description: area.description } : {}),
      counts: statusCounts(here),
      actions: here.filter((a) => !a.parent || !inArea.has(a.parent)).map(node),
    };
  });
  return {
    id: plan.id,
    name: plan.name,
    vision: plan.vision,
    stage: plan.stage,
    counts: statusCounts([...all.values()]),
    areas,
    missing,
  };
}
