/**
 * Status summaries: how many actions are on track, delayed, completed or cancelled, for the whole agenda
 * or grouped by plan, policy area, category or department.
 */
import type { AgendaStatus } from "../vocabulary/statuses.ts";
import type { Action } from "./schema.ts";

export interface StatusCounts {
  readonly total: number;
  readonly not_started: number;
  /** In progress and not reported delayed. */
  readonly on_track: number;
  readonly delayed: number;
  readonly completed: number;
  readonly cancelled: number;
  /** Actions whose latest status change is marked as needing verification. */
  readonly unverified: number;
}

const KEY: Record<AgendaStatus, keyof Omit<StatusCounts, "total" | "unverified">> = {
  not_started: "not_started",
  in_progress: "on_track",
  delayed: "delayed",
  completed: "completed",
  cancelled: "cancelled",
};

export function statusCounts(actions: readonly Action[]): StatusCounts {
  const c = { total: 0, not_started: 0, on_track: 0, delayed: 0, completed: 0, cancelled: 0, unverified: 0 };
  for (const a of actions) {
    c.total++;
    c[KEY[a.status]]++;
    if (a.status_history[a.status_history.length - 1]?.needs_verification) c.unverified++;
  }
  return c;
}

export type StatusGrouping = "plan" | "policy_area" | "category" | "department" | "lead_department";

/**
 * Counts per group. An action in several groups (two plans, three categories, two departments) counts in
 * each of them, so group totals may add up to more than the number of actions.
 */
export function statusSummary(
  actions: readonly Action[],
  by: StatusGrouping,
): { overall: StatusCounts; groups: Record<string, StatusCounts> } {
  const members = new Map<string, Action[]>();
  const add = (k: string, a: Action) => {
    const list = members.get(k);
    if (list) list.push(a);
    else members.set(k, [a]);
  };
  for (const a of actions) {
    const keys =
      by === "plan"
        ? a.plans.map((p) => p.plan as string)
        : by === "policy_area"
          ? a.plans.map((p) => `${p.plan}/${p.policy_area}`)
          : by === "category"
            ? (a.categories as string[])
            : by === "department"
              ? (a.departments as string[])
              : a.departments.slice(0, 1).map(String);
    for (const k of new Set(keys)) add(k, a);
  }
  const groups: Record<string, StatusCounts> = {};
  for (const k of [...members.keys()].sort()) groups[k] = statusCounts(members.get(k)!);
  return { overall: statusCounts(actions), groups };
}
