/**
 * The inactivity job (PIPA Art. 21; Decidim's defaults): an account with no staff membership that has not
 * been used for 365 days is deleted, after mailed warnings 30 and 7 days before (the rule is the core's
 * `inactivityStep`). The job runs in the server process on a timer (`citypath serve` starts it) with an
 * injected clock, so a test moves time. Several processes may run it: each account is handled in its own
 * transaction with its row locked, and the step is decided again inside it, so a warning goes once.
 */
import { INACTIVITY_DELETE_DAYS, inactivityStep } from "@citypath/core/participation/index";
import {
  AUDIT_PLATFORM,
  appendAudit,
  deleteAccount,
  inactiveAccounts,
  queueMail,
  recordInactivityNotice,
  type Store,
} from "@citypath/db";
import type { Clock } from "../env.ts";
import type { Logger } from "../log.ts";
import { createPeriodicJob, type PeriodicJob } from "./periodic.ts";

const DAY_MS = 86_400_000;

export interface InactivityPass {
  readonly warned: number;
  readonly deleted: number;
}

/** One pass over the accounts that are inactive long enough to be warned or deleted at `now`. */
export async function runInactivityPass(
  store: Store,
  now: number,
  opts: { publicUrl?: string | undefined } = {},
): Promise<InactivityPass> {
  // the first warning goes 30 days before deletion: no one used more recently needs anything
  const candidates = await inactiveAccounts(store, new Date(now - (INACTIVITY_DELETE_DAYS - 30) * DAY_MS));
  let warned = 0;
  let deleted = 0;
  const link = `${(opts.publicUrl ?? "http://localhost").replace(/\/$/, "")}/ko/workspace/sign-in`;
  for (const cand of candidates) {
    const done = await store.transaction(async (st) => {
      // the row locked, the account read again: another process may have acted, or the person signed in
      const u = await st.users.lock(cand.id);
      if (!u) return "none";
      const [fresh] = (
        await inactiveAccounts(st, new Date(now - (INACTIVITY_DELETE_DAYS - 30) * DAY_MS))
      ).filter((x) => x.id === cand.id);
      if (!fresh) return "none";
      const lastWarnedAt = Math.max(
        ...fresh.notices.map((n) => n.sentAt.getTime()),
        Number.NEGATIVE_INFINITY,
      );
      const step = inactivityStep(
        fresh.lastActiveAt.getTime(),
        now,
        fresh.notices.map((n) => n.daysBefore),
        Number.isFinite(lastWarnedAt) ? lastWarnedAt : undefined,
      );
      if (step.kind === "warn") {
        await queueMail(st, {
          kind: "inactivity-warning",
          userId: u.id,
          email: u.email,
          link,
          data: {
            days_before: String(step.daysBefore),
            delete_on: new Date(step.deleteAt).toISOString().slice(0, 10),
          },
          at: new Date(now),
        });
        await recordInactivityNotice(st, u.id, step.daysBefore, fresh.lastActiveAt, new Date(now));
        return "warned";
      }
      if (step.kind === "delete") {
        const r = await deleteAccount(st, u.id, "keep_text");
        await appendAudit(st, {
          tenantId: AUDIT_PLATFORM,
          actorId: null,
          action: "delete",
          entity: "user",
          entityId: u.id,
          after: {
            reason: "inactive",
            inactive_days: INACTIVITY_DELETE_DAYS,
            rule: "keep_text",
            ...r,
          },
          at: new Date(now),
        });
        return "deleted";
      }
      return "none";
    });
    if (done === "warned") warned++;
    if (done === "deleted") deleted++;
  }
  return { warned, deleted };
}

export type InactivityJob = PeriodicJob<InactivityPass>;

/** The job on a timer: a pass at start and every `intervalMs` (default 6 hours). */
export function createInactivityJob(opts: {
  store: Store;
  clock: Clock;
  log: Logger;
  publicUrl?: string | undefined;
  intervalMs?: number;
  /** Called after each pass (mail delivery's kick). */
  afterPass?: () => void;
}): InactivityJob {
  return createPeriodicJob({
    name: "inactivity",
    log: opts.log,
    intervalMs: opts.intervalMs ?? 6 * 3_600_000,
    none: { warned: 0, deleted: 0 },
    pass: () => runInactivityPass(opts.store, opts.clock(), { publicUrl: opts.publicUrl }),
    after: (r) => {
      if (r.warned || r.deleted) opts.log.info("inactive accounts", { ...r });
      if (r.warned) opts.afterPass?.();
    },
  });
}
