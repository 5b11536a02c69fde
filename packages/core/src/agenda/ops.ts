/**
 * Changes to the agenda as pure functions: each takes a record and a change, checks the change, and returns
 * the new record or every problem found. Storage and the API call these and store the result; the input is
 * never modified.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import {
  type Action,
  ActionSchema,
  comparePartialDates,
  type Indicator,
  IndicatorSchema,
  type Observation,
  type ObservationInput,
  ObservationSchema,
  type ProgressUpdateInput,
  ProgressUpdateSchema,
  type StatusChangeInput,
  StatusChangeSchema,
} from "./schema.ts";

type Issue = { path: PropertyKey[]; message: string };
function issuesToProblems(prefix: string, issues: readonly Issue[]): Problem[] {
  return issues.map((i) => {
    let path = prefix;
    for (const p of i.path) path += typeof p === "number" ? `[${p}]` : `${path ? "." : ""}${String(p)}`;
    return problem("BAD_VALUE", i.message, { path });
  });
}

/** Parses the changed record with its schema, so a change can never store an invalid record. */
function recheck<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
  },
  v: unknown,
): Result<T> {
  const r = schema.safeParse(v);
  return r.success ? ok(r.data) : fail(issuesToProblems("", r.error.issues));
}

/** Records a change of status with its reason; the date may not be before the latest change. */
export function recordStatusChange(action: Action, change: StatusChangeInput): Result<Action> {
  const c = StatusChangeSchema.safeParse(change);
  if (!c.success) return fail(issuesToProblems("status_change", c.error.issues));
  const last = action.status_history[action.status_history.length - 1];
  if (last && comparePartialDates(last.date, c.data.date) > 0)
    return fail([
      problem("BAD_VALUE", `the change is dated ${c.data.date}, before the latest change (${last.date})`, {
        path: "status_change.date",
      }),
    ]);
  return recheck(ActionSchema, {
    ...action,
    status: c.data.status,
    status_history: [...action.status_history, c.data],
  });
}

/**
 * Adds a dated progress update. `today` (YYYY-MM-DD) is the clock: an update may not be dated later. A
 * completion percentage in the update becomes the action's completion, citing the update.
 */
export function addProgressUpdate(
  action: Action,
  update: ProgressUpdateInput,
  today: string,
): Result<Action> {
  const u = ProgressUpdateSchema.safeParse(update);
  if (!u.success) return fail(issuesToProblems("progress_update", u.error.issues));
  const problems: Problem[] = [];
  if (action.progress.some((p) => p.id === u.data.id))
    problems.push(
      problem("DUPLICATE", `progress update '${u.data.id}' exists`, { path: "progress_update.id" }),
    );
  if (u.data.date > today)
    problems.push(
      problem("BAD_VALUE", `the update is dated ${u.data.date}, after today (${today})`, {
        path: "progress_update.date",
      }),
    );
  if (problems.length) return fail(problems);
  const progress = [...action.progress, u.data].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
  const latestWithPct = [...progress].reverse().find((p) => p.completion_pct !== undefined);
  return recheck(ActionSchema, {
    ...action,
    progress,
    ...(latestWithPct && latestWithPct.id === u.data.id
      ? { completion_pct: { value: u.data.completion_pct!, as_of: u.data.date, progress_update: u.data.id } }
      : {}),
  });
}

/** Marks a task done on `date`. */
export function completeTask(action: Action, taskId: string, date: string): Result<Action> {
  const i = action.tasks.findIndex((t) => t.id === taskId);
  if (i < 0)
    return fail([problem("NOT_FOUND", `action '${action.id}' has no task '${taskId}'`, { path: "tasks" })]);
  const tasks = action.tasks.map((t, k) => (k === i ? { ...t, done_on: date } : t));
  return recheck(ActionSchema, { ...action, tasks });
}

/** Records that a milestone was reached, with where that is stated. */
export function reachMilestone(
  action: Action,
  milestoneId: string,
  date: string,
  provenance: { source?: string; illustrative?: boolean; note?: string },
): Result<Action> {
  const i = action.milestones.findIndex((m) => m.id === milestoneId);
  if (i < 0)
    return fail([
      problem("NOT_FOUND", `action '${action.id}' has no milestone '${milestoneId}'`, { path: "milestones" }),
    ]);
  const milestones = action.milestones.map((m, k) =>
    k === i ? { ...m, reached_on: date, ...provenance } : m,
  );
  return recheck(ActionSchema, { ...action, milestones });
}

/**
 * Records an observed value. A value for the same year and district is a DUPLICATE unless `replace` is
 * set, so that a re-import cannot silently overwrite a reported figure.
 */
export function recordObservation(
  indicator: Indicator,
  observation: ObservationInput,
  opts: { replace: boolean },
): Result<Indicator> {
  const o = ObservationSchema.safeParse(observation);
  if (!o.success) return fail(issuesToProblems("observation", o.error.issues));
  const same = (x: Observation) => x.year === o.data.year && x.district === o.data.district;
  const existing = indicator.observed.find(same);
  if (existing && !opts.replace)
    return fail([
      problem(
        "DUPLICATE",
        `indicator '${indicator.id}' already has ${existing.value} for ${o.data.year}${o.data.district ? ` in ${o.data.district}` : ""}`,
        { path: "observation.year" },
      ),
    ]);
  const observed = [...indicator.observed.filter((x) => !same(x)), o.data].sort(
    (a, b) => a.year - b.year || (a.district ?? "").localeCompare(b.district ?? ""),
  );
  return recheck(IndicatorSchema, { ...indicator, observed });
}
