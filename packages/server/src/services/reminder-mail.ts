/**
 * Reminders by mail: My work's reminders (tasks due or late, milestones late, stale actions, indicators
 * missing a value, legal deadlines), one message per department, mailed to the department's editors through
 * the mail outbox on a schedule. The period is `periodDays` days (default 7: weekly, periods starting on a
 * Monday, in the city's days); a department's message of a period is queued once (the agenda outbox's key is
 * the department and the period's first day), so passes repeated within a period, or run by several
 * processes, send nothing twice. Each tenant's pass is one transaction, audited.
 */
import { appendAudit, queueMail, type Store, type TenantRecord } from "@citypath/db";
import type { Clock } from "../env.ts";
import type { Logger } from "../log.ts";
import { cityToday, readAgenda, remindersOf } from "./agenda.ts";
import { createPeriodicJob, type PeriodicJob } from "./periodic.ts";

const DAY_MS = 86_400_000;
/** 1970-01-05, a Monday: periods are counted from it, so a weekly period starts on a Monday. */
const FIRST_MONDAY = Date.UTC(1970, 0, 5);

export const DEFAULT_REMINDER_PERIOD_DAYS = 7;

/** The first day (YYYY-MM-DD) of the period of `days` days that holds `date`. */
export function periodStart(date: string, days: number): string {
  const n = Math.floor((Date.parse(`${date}T00:00:00Z`) - FIRST_MONDAY) / DAY_MS / days);
  return new Date(FIRST_MONDAY + n * days * DAY_MS).toISOString().slice(0, 10);
}

export interface ReminderMailPass {
  /** Department messages queued in this pass. */
  readonly messages: number;
  /** Mails queued (one per officer of each department). */
  readonly mails: number;
}

async function tenantPass(
  store: Store,
  t: TenantRecord,
  now: number,
  opts: { publicUrl: string; periodDays: number },
): Promise<ReminderMailPass> {
  const today = cityToday(() => now);
  const period = periodStart(today, opts.periodDays);
  return store.transaction(async (s) => {
    const agenda = await readAgenda(s, t.id);
    const messages = remindersOf(agenda, today, t.settings).map((m) => ({
      ...m,
      dedupe_key: `agenda.reminder:${m.department}:${period}`,
      created_for: period,
    }));
    const queued = new Set(await s.agenda.queueMessages(t.id, messages));
    if (queued.size === 0) return { messages: 0, mails: 0 };
    const members = (await s.memberships.list(t.id)).filter((m) => m.role === "editor");
    const link = `${opts.publicUrl}/ko/workspace/work?city=${encodeURIComponent(t.slug)}`;
    const sent: string[] = [];
    const mailed: Array<{ department: string; to: string }> = [];
    for (const m of messages.filter((x) => queued.has(x.dedupe_key))) {
      // an editor's membership names its departments by their register ids
      const officers = members.filter((x) => x.departments.includes(m.department));
      for (const o of officers) {
        await queueMail(s, {
          kind: "agenda-reminder",
          userId: o.userId,
          email: o.email,
          link,
          forTenant: t.id,
          at: new Date(now),
          data: {
            tenant: t.slug,
            period,
            subject_ko: m.subject.ko,
            subject_en: m.subject.en,
            body_ko: m.body.ko,
            body_en: m.body.en,
          },
        });
        mailed.push({ department: m.department, to: o.userId });
      }
      if (officers.length) sent.push(m.dedupe_key);
    }
    await s.agenda.markSent(t.id, sent, new Date(now));
    await appendAudit(s, {
      tenantId: t.id,
      actorId: null,
      action: "queue",
      entity: "agenda_outbox",
      entityId: period,
      after: { queued: [...queued], mailed },
      at: new Date(now),
    });
    return { messages: queued.size, mails: mailed.length };
  });
}

/** One pass over every tenant at `now`: this period's reminders of each department, mailed once. */
export async function runReminderMailPass(
  store: Store,
  now: number,
  opts: { publicUrl?: string | undefined; periodDays?: number } = {},
): Promise<ReminderMailPass> {
  const o = {
    publicUrl: (opts.publicUrl ?? "http://localhost").replace(/\/$/, ""),
    periodDays: opts.periodDays ?? DEFAULT_REMINDER_PERIOD_DAYS,
  };
  let messages = 0;
  let mails = 0;
  for (const t of await store.tenants.list()) {
    const r = await tenantPass(store, t, now, o);
    messages += r.messages;
    mails += r.mails;
  }
  return { messages, mails };
}

/**
 * The period in days from `CITYPATH_REMINDER_MAIL_DAYS` (default 7; 0 turns the mails off); anything else
 * than a whole number of days from 0 to 366 is refused at start.
 */
export function reminderPeriodFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.CITYPATH_REMINDER_MAIL_DAYS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_REMINDER_PERIOD_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 366)
    throw new Error(
      `CITYPATH_REMINDER_MAIL_DAYS must be a whole number of days from 0 to 366, not "${raw}".`,
    );
  return n;
}

/** The job on a timer: a pass at start and every `intervalMs` (default 6 hours); mail delivery kicked after. */
export function createReminderMailJob(opts: {
  store: Store;
  clock: Clock;
  log: Logger;
  periodDays: number;
  publicUrl?: string | undefined;
  intervalMs?: number;
  afterPass?: () => void;
}): PeriodicJob<ReminderMailPass> {
  return createPeriodicJob({
    name: "reminder mail",
    log: opts.log,
    intervalMs: opts.intervalMs ?? 6 * 3_600_000,
    none: { messages: 0, mails: 0 },
    pass: () =>
      runReminderMailPass(opts.store, opts.clock(), {
        publicUrl: opts.publicUrl,
        periodDays: opts.periodDays,
      }),
    after: (r) => {
      if (r.mails) {
        opts.log.info("agenda reminders mailed", { ...r });
        opts.afterPass?.();
      }
    },
  });
}
