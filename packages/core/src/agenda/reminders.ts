/**
 * Reminders: open tasks due soon or late, milestones past their target, actions not updated for a set
 * time, indicators missing the year's value, and legal deadlines coming up; grouped per department as
 * messages ready for the outbox. The clock is passed in (`now`), so the result depends only on the input.
 */
import type { ActionId, DepartmentId, IndicatorId, PlanId } from "../vocabulary/ids.ts";
import { localIn } from "../vocabulary/local.ts";
import type { Text } from "../vocabulary/text.ts";
import type { LegalCalendar, LegalDeadline } from "./calendar.ts";
import type { Action, Department, Indicator, Plan } from "./schema.ts";
import { lastDay } from "./schema.ts";
import { planDueDates } from "./workflow.ts";

export interface ReminderOptions {
  /** Today, YYYY-MM-DD. */
  readonly now: string;
  /** Open tasks due within this many days are "due". */
  readonly due_soon_days: number;
  /** Active actions with no progress update or status change for more than this many days are stale. */
  readonly stale_after_days: number;
  /** The year whose value every indicator of an active action should have. */
  readonly indicator_year: number;
  /** Legal deadlines within this many days are listed. */
  readonly deadline_soon_days: number;
  /** The tenant's legal calendar (calendar.ts); the law's dates when absent. */
  readonly calendar?: LegalCalendar;
}

/**
 * The preset: tasks due within 14 days, actions stale after 90 days, indicators missing the current year's
 * value, legal deadlines within 30 days. Annual statistics arrive after the year ends: a city that reports
 * them in spring passes `indicator_year: year - 1` instead.
 */
export function defaultReminderOptions(now: string): ReminderOptions {
  return {
    now,
    due_soon_days: 14,
    stale_after_days: 90,
    indicator_year: Number(now.slice(0, 4)),
    deadline_soon_days: 30,
  };
}

export type ReminderItem =
  | {
      kind: "task_due";
      action: ActionId;
      action_name: Text;
      task: string;
      task_name: Text;
      due: string;
      days_left: number;
    }
  | {
      kind: "task_late";
      action: ActionId;
      action_name: Text;
      task: string;
      task_name: Text;
      due: string;
      days_late: number;
    }
  | {
      kind: "milestone_late";
      action: ActionId;
      action_name: Text;
      milestone: string;
      milestone_name: Text;
      target: string;
      days_late: number;
    }
  | { kind: "action_stale"; action: ActionId; action_name: Text; last_update?: string; days_since?: number }
  | { kind: "indicator_missing"; indicator: IndicatorId; indicator_name: Text; year: number }
  | { kind: "legal_deadline"; plan: PlanId; deadline: LegalDeadline; days_left: number };

/** One message per department, plain data for the outbox. */
export interface ReminderMessage {
  readonly kind: "agenda.reminder";
  readonly department: DepartmentId;
  /** The same department on the same day gives the same key, so a re-run does not send twice. */
  readonly dedupe_key: string;
  readonly created_for: string;
  readonly subject: Text;
  readonly body: Text;
  readonly items: readonly ReminderItem[];
}

const DAY_MS = 86_400_000;
/** Whole days from a to b (YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

const ACTIVE = new Set<Action["status"]>(["not_started", "in_progress", "delayed"]);

/** The latest day the action was touched: a progress update or a status change (at its last day). */
export function lastTouched(a: Action): string | undefined {
  let last: string | undefined;
  for (const p of a.progress) if (!last || p.date > last) last = p.date;
  for (const s of a.status_history) {
    const d = lastDay(s.date);
    if (!last || d > last) last = d;
  }
  return last;
}

export function reminderItems(
  input: { actions: readonly Action[]; indicators: readonly Indicator[]; plans: readonly Plan[] },
  opts: ReminderOptions,
): { department: DepartmentId; item: ReminderItem }[] {
  const out: { department: DepartmentId; item: ReminderItem }[] = [];
  const { now } = opts;
  for (const a of input.actions) {
    if (!ACTIVE.has(a.status)) continue;
    const lead = a.departments[0]!;
    for (const t of a.tasks) {
      if (t.done_on || !t.due) continue;
      const left = daysBetween(now, t.due);
      const department = t.department ?? lead;
      const base = { action: a.id, action_name: a.name, task: t.id, task_name: t.name, due: t.due };
      if (left < 0) out.push({ department, item: { kind: "task_late", ...base, days_late: -left } });
      else if (left <= opts.due_soon_days)
        out.push({ department, item: { kind: "task_due", ...base, days_left: left } });
    }
    for (const m of a.milestones) {
      if (m.reached_on || !m.target) continue;
      const late = daysBetween(lastDay(m.target), now);
      if (late > 0)
        out.push({
          department: lead,
          item: {
            kind: "milestone_late",
            action: a.id,
            action_name: a.name,
            milestone: m.id,
            milestone_name: m.name,
            target: m.target,
            days_late: late,
          },
        });
    }
    const touched = lastTouched(a);
    const since = touched === undefined ? undefined : daysBetween(touched, now);
    if (since === undefined || since > opts.stale_after_days)
      out.push({
        department: lead,
        item: {
          kind: "action_stale",
          action: a.id,
          action_name: a.name,
          ...(touched !== undefined ? { last_update: touched, days_since: since! } : {}),
        },
      });
  }

  const activeByIndicator = new Map<string, Action>();
  for (const a of input.actions)
    if (ACTIVE.has(a.status))
      for (const i of a.indicators) if (!activeByIndicator.has(i)) activeByIndicator.set(i, a);
  for (const ind of input.indicators) {
    const a = activeByIndicator.get(ind.id);
    if (!a) continue;
    if (ind.observed.some((o) => o.year === opts.indicator_year)) continue;
    out.push({
      department: ind.reporter ?? a.departments[0]!,
      item: {
        kind: "indicator_missing",
        indicator: ind.id,
        indicator_name: ind.name,
        year: opts.indicator_year,
      },
    });
  }

  const until = new Date(Date.parse(`${now}T00:00:00Z`) + opts.deadline_soon_days * DAY_MS)
    .toISOString()
    .slice(0, 10);
  for (const p of input.plans)
    for (const d of planDueDates(p, now, until, opts.calendar))
      out.push({
        department: p.responsible_department,
        item: { kind: "legal_deadline", plan: p.id, deadline: d, days_left: daysBetween(now, d.due) },
      });
  return out;
}

function line(item: ReminderItem): Text {
  switch (item.kind) {
    case "task_due":
      return {
        ko: `[${item.action_name.ko}] 과업 "${item.task_name.ko}" 기한 ${item.due} (${item.days_left}일 남음)`,
        en: `[${item.action_name.en}] task "${item.task_name.en}" due ${item.due} (${item.days_left} days left)`,
      };
    case "task_late":
      return {
        ko: `[${item.action_name.ko}] 과업 "${item.task_name.ko}" 기한 ${item.due} 경과 (${item.days_late}일 지연)`,
        en: `[${item.action_name.en}] task "${item.task_name.en}" was due ${item.due} (${item.days_late} days late)`,
      };
    case "milestone_late":
      return {
        ko: `[${item.action_name.ko}] 단계 "${item.milestone_name.ko}" 목표 ${item.target} 경과, 달성 기록 없음`,
        en: `[${item.action_name.en}] milestone "${item.milestone_name.en}" targeted ${item.target}, not recorded as reached`,
      };
    case "action_stale":
      return item.last_update
        ? {
            ko: `[${item.action_name.ko}] ${item.days_since}일째 진행상황 갱신 없음 (마지막 ${item.last_update})`,
            en: `[${item.action_name.en}] no progress update for ${item.days_since} days (last ${item.last_update})`,
          }
        : {
            ko: `[${item.action_name.ko}] 진행상황 기록 없음`,
            en: `[${item.action_name.en}] no progress recorded`,
          };
    case "indicator_missing":
      return {
        ko: `지표 "${item.indicator_name.ko}"의 ${item.year}년 값이 없습니다`,
        en: `Indicator "${item.indicator_name.en}" has no value for ${item.year}`,
      };
    case "legal_deadline":
      return {
        ko: `법정기한 ${item.deadline.due}: ${item.deadline.title.ko} (${item.days_left}일 남음; ${item.deadline.law})`,
        en: `Legal deadline ${item.deadline.due}: ${item.deadline.title.en} (${item.days_left} days left)`,
      };
  }
}

const ORDER: Record<ReminderItem["kind"], number> = {
  legal_deadline: 0,
  task_late: 1,
  milestone_late: 2,
  task_due: 3,
  action_stale: 4,
  indicator_missing: 5,
};

/** Reminders grouped per department, one outbox message each, departments in id order. */
export function reminders(
  input: {
    actions: readonly Action[];
    indicators: readonly Indicator[];
    plans: readonly Plan[];
    departments?: readonly Department[];
  },
  opts: ReminderOptions,
): ReminderMessage[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.now) || Number.isNaN(Date.parse(`${opts.now}T00:00:00Z`)))
    throw new RangeError(`now must be a date YYYY-MM-DD, got '${opts.now}'`);
  const byDept = new Map<DepartmentId, ReminderItem[]>();
  for (const { department, item } of reminderItems(input, opts)) {
    const list = byDept.get(department);
    if (list) list.push(item);
    else byDept.set(department, [item]);
  }
  const names = new Map((input.departments ?? []).map((d) => [d.id as string, d.name]));
  const messages: ReminderMessage[] = [];
  for (const department of [...byDept.keys()].sort()) {
    const items = byDept.get(department)!.sort((x, y) => ORDER[x.kind] - ORDER[y.kind]);
    const name = names.get(department) ?? { ko: department };
    const lines = items.map(line);
    messages.push({
      kind: "agenda.reminder",
      department,
      dedupe_key: `agenda.reminder:${department}:${opts.now}`,
      created_for: opts.now,
      subject: {
        ko: `[의제 알림] ${name.ko}: 확인할 항목 ${items.length}건 (${opts.now})`,
        en: `[Agenda] ${localIn(name, "en")}: ${items.length} item${items.length === 1 ? "" : "s"} to check (${opts.now})`,
      },
      body: { ko: lines.map((l) => `- ${l.ko}`).join("\n"), en: lines.map((l) => `- ${l.en}`).join("\n") },
      items,
    });
  }
  return messages;
}
