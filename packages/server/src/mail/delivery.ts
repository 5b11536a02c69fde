/**
 * Delivery of the mail outbox over SMTP (nodemailer), inside the server process without blocking it: a timer
 * wakes the loop every `intervalMs` (and at once when a message is queued, `kick`), it claims the messages
 * that are due (a lease in the database, so several processes can run it), sends them one by one and records
 * every attempt. A refused or failed message is tried again after 1, 2, 4 ... minutes (at most `maxDelayMs`)
 * and given up after `maxAttempts` attempts or at once on a permanent refusal (an SMTP 5xx reply).
 * `stop()` ends the loop: no new pass starts, the pass under way finishes its current message, the SMTP
 * connections close.
 */
import { claimDueMail, recordMailAttempt, type Store } from "@citypath/db";
import type { Transporter } from "nodemailer";
import type { Clock } from "../env.ts";
import type { Logger } from "../log.ts";
import { renderMail } from "./messages.ts";

export interface MailSettings {
  /** smtp://user:password@host:port (STARTTLS when offered) or smtps://... (TLS from the start). */
  readonly smtpUrl: string;
  /** The sender, e.g. "Citypath <citypath@city.example>". */
  readonly from: string;
  readonly intervalMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a claimed message is reserved for the process sending it. */
  readonly leaseMs: number;
  /** Messages claimed per pass. */
  readonly batch: number;
  /** How long to wait for the SMTP server to connect and greet (the socket may idle twice as long). */
  readonly timeoutMs: number;
}

export const MAIL_DEFAULTS = {
  intervalMs: 15_000,
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  leaseMs: 120_000,
  batch: 20,
  timeoutMs: 10_000,
} as const;

const INTEGER_SETTINGS = {
  CITYPATH_MAIL_INTERVAL_MS: "intervalMs",
  CITYPATH_MAIL_MAX_ATTEMPTS: "maxAttempts",
  CITYPATH_MAIL_RETRY_BASE_MS: "baseDelayMs",
  CITYPATH_MAIL_RETRY_MAX_MS: "maxDelayMs",
} as const;

/**
 * The settings from the environment: CITYPATH_SMTP_URL (none: no delivery, the outbox waits),
 * CITYPATH_MAIL_FROM (required with it), and the optional integers above. A bad value is an error that names
 * the variable.
 */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv): MailSettings | undefined {
  const smtpUrl = env.CITYPATH_SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error("CITYPATH_SMTP_URL is not a URL (smtp://user:password@host:port or smtps://...).");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error(`CITYPATH_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  const from = env.CITYPATH_MAIL_FROM?.trim();
  if (!from) throw new Error("CITYPATH_MAIL_FROM (the sender's address) is required with CITYPATH_SMTP_URL.");
  const out: Record<string, number> = { ...MAIL_DEFAULTS };
  for (const [name, key] of Object.entries(INTEGER_SETTINGS)) {
    const v = env[name];
    if (v === undefined || v === "") continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${v}".`);
    out[key] = n;
  }
  return { smtpUrl, from, ...(out as Omit<MailSettings, "smtpUrl" | "from">) };
}

/** The wait before attempt `n + 1` after `n` failed attempts. */
export function retryDelay(
  settings: Pick<MailSettings, "baseDelayMs" | "maxDelayMs">,
  failed: number,
): number {
  return Math.min(settings.baseDelayMs * 2 ** Math.max(0, failed - 1), settings.maxDelayMs);
}

export interface MailDelivery {
  /** Starts the loop (the first pass right away). */
  start(): void;
  /** Asks for a pass as soon as possible (a message was just queued). */
  kick(): void;
  /** One pass now (tests); resolves with the number of messages attempted. */
  runOnce(): Promise<number>;
  /** Stops the loop and waits for the pass under way; closes the SMTP connections. */
  stop(): Promise<void>;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

export function createMailDelivery(deps: {
  store: Store;
  clock: Clock;
  log: Logger;
  settings: MailSettings;
}): MailDelivery {
  const { store, clock, log, settings } = deps;
  // nodemailer is loaded by the first pass, not with the server (a server without SMTP never loads it)
  let transport: Promise<Transporter> | undefined;
  const smtp = () =>
    (transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: settings.smtpUrl,
        // a slow or silent server never holds the loop for long
        connectionTimeout: settings.timeoutMs,
        greetingTimeout: settings.timeoutMs,
        socketTimeout: 2 * settings.timeoutMs,
      }),
    ));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;
  let again = false;

  async function pass(): Promise<number> {
    const now = new Date(clock());
    const due = await claimDueMail(store, now, settings.leaseMs, settings.batch);
    for (const m of due) {
      if (stopped) break;
      const content = renderMail(m);
      let ok = false;
      let detail: string;
      let permanent = false;
      try {
        const info = await (await smtp()).sendMail({
          from: settings.from,
          to: m.email,
          subject: content.subject,
          text: content.text,
          headers: { "X-Citypath-Message": m.id },
        });
        ok = true;
        detail = String(info.response ?? "accepted");
      } catch (e) {
        const err = e as SmtpError;
        permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
        detail = err.response ?? `${err.code ?? "error"}: ${err.message ?? String(e)}`;
      }
      const at = new Date(clock());
      const attempts = m.attempts + 1;
      const giveUp = !ok && (permanent || attempts >= settings.maxAttempts);
      await recordMailAttempt(store, m.id, {
        at,
        ok,
        detail,
        ...(!ok && !giveUp ? { retryAt: new Date(at.getTime() + retryDelay(settings, attempts)) } : {}),
      });
      // the address and link stay out of the log (personal data, one-time links)
      if (ok) log.info("mail sent", { mail: m.id, kind: m.kind, attempt: attempts });
      else log.warn("mail not sent", { mail: m.id, kind: m.kind, attempt: attempts, gaveUp: giveUp, detail });
    }
    return due.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick() {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((e) => {
        log.error("mail delivery pass failed", { error: e instanceof Error ? e.message : String(e) });
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule(0);
        } else schedule(settings.intervalMs);
      });
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    kick() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async runOnce() {
      while (running) await running;
      running = pass();
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running) await running.catch(() => 0);
      (await transport?.catch(() => undefined))?.close();
    },
  };
}
