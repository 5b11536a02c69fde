/**
 * Rate limits, counted in the database (packages/db/src/limits.ts) so that every server process shares them
 * and a restart forgets nothing. The values are documented in docs/security.md and checked by
 * routes/auth/auth.test.ts at exactly these numbers.
 *
 * A sign-in attempt is counted before the password is verified (one atomic statement per counter), so a
 * burst of parallel guesses cannot get more than the limit to the hash; a successful sign-in gives its
 * attempt back. Three counters guard it:
 * - per client address (hard limit): one address cannot guess on many accounts;
 * - per account and address (hard limit): one address cannot guess long on one account;
 * - per account, for addresses the account has never signed in from (growing delays, never a hard block):
 *   many addresses together slow down, while the owner at a known address is never slowed by strangers,
 *   and the owner at a new address waits at most the longest delay.
 */
import {
  clearLimit,
  isKnownSignInAddress,
  type LimitSpec,
  limitKey,
  refundLimit,
  rememberSignInAddress,
  type Store,
  sweepLimits,
  takeLimit,
  takeLimits,
  type WriteCount,
} from "@citypath/db";

export interface RateLimits {
  /** Failed sign-ins per client address per window (hard limit). */
  readonly signInPerAddress: number;
  /** Failed sign-ins per account from one address per window (hard limit). */
  readonly signInPerAccountAddress: number;
  /**
   * Failed sign-ins per account from addresses it never signed in from that go at once; after the n-th
   * (n >= this), the next such attempt waits min(base * 2^(n - this), max). The count ends after a window
   * with no such attempt.
   */
  readonly signInPerAccount: number;
  readonly signInDelayBaseMs: number;
  readonly signInDelayMaxMs: number;
  readonly signInWindowMs: number;
  /**
   * Sign-ups per client address per window: high enough for a public hearing in one hall behind one address
   * (docs/security.md says why 300 an hour).
   */
  readonly signUpPerAddress: number;
  readonly signUpWindowMs: number;
  /**
   * Sign-up mails (a confirmation link, or "you have an account") per recipient per sign-up window: beyond it
   * the answer is the same and no mail goes, so a high per-address limit cannot flood one mailbox.
   */
  readonly signUpMailsPerEmail: number;
  /** Password-reset requests and resets per client address per window. */
  readonly passwordResetsPerAddress: number;
  readonly passwordResetWindowMs: number;
  /** State-changing API requests per signed-in user per window. */
  readonly writesPerUser: number;
  readonly writesWindowMs: number;
  /** Comments and proposals per account per minute, and per day (docs/participation.md). */
  readonly contributionsPerMinute: number;
  readonly contributionsPerDay: number;
  /** Supports (and withdrawals) per account per minute. */
  readonly supportsPerMinute: number;
  /** Participation posts (contributions, supports, reports) per client address per window (CONSUL's 300/5 min). */
  readonly participationPostsPerAddress: number;
  readonly participationPostsWindowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerAddress: 10,
  signInPerAccountAddress: 5,
  signInPerAccount: 5,
  signInDelayBaseMs: 1000,
  signInDelayMaxMs: 5 * 60_000,
  signInWindowMs: 15 * 60_000,
  signUpPerAddress: 300,
  signUpWindowMs: 60 * 60_000,
  signUpMailsPerEmail: 3,
  passwordResetsPerAddress: 5,
  passwordResetWindowMs: 60 * 60_000,
  writesPerUser: 120,
  writesWindowMs: 60_000,
  contributionsPerMinute: 5,
  contributionsPerDay: 50,
  supportsPerMinute: 60,
  participationPostsPerAddress: 300,
  participationPostsWindowMs: 5 * 60_000,
};

/** What a participation request counts against. */
export type ParticipationAct = "contribution" | "support" | "report";

/** Limits from the environment (CITYPATH_RATE_<NAME>, e.g. CITYPATH_RATE_WRITES_PER_USER=1000), else defaults. */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): RateLimits {
  const out: { -readonly [K in keyof RateLimits]: number } = { ...DEFAULT_RATE_LIMITS };
  for (const k of Object.keys(DEFAULT_RATE_LIMITS) as (keyof RateLimits)[]) {
    const name = rateLimitVariable(k);
    const v = env[name];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not "${v}".`);
    out[k] = n;
  }
  return out;
}

/** The environment variable of a limit: signInPerAddress -> CITYPATH_RATE_SIGN_IN_PER_ADDRESS. */
export function rateLimitVariable(name: keyof RateLimits): string {
  return `CITYPATH_RATE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** One sign-in attempt, counted before the password is verified. */
export interface SignInAttempt {
  /** Seconds to wait before trying again (the attempt was not counted and must not go ahead), or 0. */
  readonly wait: number;
  /**
   * Once verified: "ok" (gives the attempt back and remembers the address for the account), "failed" (a
   * wrong password: the attempt stays counted), "other" (not an answer about the password: given back).
   */
  finish(outcome: "ok" | "failed" | "other", userId?: string): Promise<void>;
}

export interface RateLimiter {
  readonly limits: RateLimits;
  signIn(address: string, email: string): Promise<SignInAttempt>;
  /** The account (just created) is known at this address. */
  remember(address: string, userId: string): Promise<void>;
  /** Counts a sign-up; seconds to wait if over the limit. */
  signUp(address: string): Promise<number>;
  /** Counts a sign-up mail to `email`; false when that mailbox had its share this window (send nothing). */
  signUpMail(email: string): Promise<boolean>;
  /** Counts a password-reset request or reset; seconds to wait if over the limit (a counter apart from sign-ups). */
  passwordReset(address: string): Promise<number>;
  /** Counts a write; seconds to wait if over the limit. */
  write(userId: string): Promise<number>;
  /**
   * The write limit for the session read to count in its own statement (`store.users.bySession(token, w)`,
   * decision 0071), with the time now: the same counter `write` counts.
   */
  writeCount(): Promise<WriteCount>;
  /**
   * Counts a participation request against the address's and the account's limits, and the account's write
   * limit (which the app's middleware leaves to these routes: participationCountsWrite), in one statement;
   * seconds to wait if over one (then nothing the request would have counted stays counted). The account's
   * limits never touch another account's, so one person's abuse locks out no one else.
   */
  participate(act: ParticipationAct, userId: string, address: string): Promise<number>;
}

/**
 * The participation routes that count a request against the participation limits (RateLimiter.participate):
 * they count the account's write limit in the same statement, so the app's middleware does not count it
 * again (a support was two rate-limit statements, now one). A request such a route refuses before it counts
 * (404, 403) is not counted against the write limit; it wrote nothing.
 */
const PARTICIPATION_WRITES: readonly [string, RegExp][] = [
  ["POST", /^\/api\/tenants\/[^/]+\/consultations\/[^/]+\/(comments|proposals)$/],
  ["PUT", /^\/api\/tenants\/[^/]+\/contributions\/[^/]+\/support$/],
  ["DELETE", /^\/api\/tenants\/[^/]+\/contributions\/[^/]+\/support$/],
  ["POST", /^\/api\/tenants\/[^/]+\/contributions\/[^/]+\/reports$/],
  ["POST", /^\/api\/tenants\/[^/]+\/residents\/verify$/],
  ["PUT", /^\/api\/tenants\/[^/]+\/follows\/[^/]+\/[^/]+$/],
];

/** Whether the request's route counts the write limit itself (PARTICIPATION_WRITES). */
export function participationCountsWrite(method: string, path: string): boolean {
  return PARTICIPATION_WRITES.some(([m, re]) => m === method && re.test(path));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createRateLimiter(
  store: Store,
  limits: RateLimits = DEFAULT_RATE_LIMITS,
  now: () => number = Date.now,
): RateLimiter {
  const L = limits;
  const perAddress: LimitSpec = { max: L.signInPerAddress, windowMs: L.signInWindowMs };
  const perAccountAddress: LimitSpec = { max: L.signInPerAccountAddress, windowMs: L.signInWindowMs };
  const perAccountNew: LimitSpec = {
    max: 2 ** 31 - 1, // no hard limit: only the delays
    windowMs: L.signInWindowMs,
    sliding: true,
    delay: { free: L.signInPerAccount, baseMs: L.signInDelayBaseMs, maxMs: L.signInDelayMaxMs },
  };
  let takes = 0;
  const take = async (key: string, spec: LimitSpec) => {
    const t = now();
    // now and then, forget counters whose windows have passed (any process may do it)
    if (++takes % 500 === 0) await sweepLimits(store, t);
    return takeLimit(store, key, spec, t);
  };
  return {
    limits,
    async signIn(address, email) {
      const t = now();
      const known = await isKnownSignInAddress(store, email, address, t);
      const taken: string[] = [];
      const giveBack = () => Promise.all(taken.map((k) => refundLimit(store, k)));
      const guards: [string, LimitSpec][] = [
        [limitKey("sign-in:address", address), perAddress],
        [limitKey("sign-in:account+address", email, address), perAccountAddress],
      ];
      if (!known) guards.push([limitKey("sign-in:account:new-addresses", email), perAccountNew]);
      for (const [key, spec] of guards) {
        const r = await take(key, spec);
        if (!r.allowed) {
          await giveBack();
          return { wait: seconds(r.retryAfterMs), finish: async () => {} };
        }
        taken.push(key);
      }
      return {
        wait: 0,
        async finish(outcome, userId) {
          if (outcome === "failed") return;
          await giveBack();
          if (outcome === "ok") {
            await clearLimit(store, taken[1]!);
            if (userId) await rememberSignInAddress(store, userId, address, now());
          }
        },
      };
    },
    remember: (address, userId) => rememberSignInAddress(store, userId, address, now()),
    async signUp(address) {
      const r = await take(limitKey("sign-up:address", address), {
        max: L.signUpPerAddress,
        windowMs: L.signUpWindowMs,
      });
      return r.allowed ? 0 : seconds(r.retryAfterMs);
    },
    async signUpMail(email) {
      const r = await take(limitKey("sign-up:email", email), {
        max: L.signUpMailsPerEmail,
        windowMs: L.signUpWindowMs,
      });
      return r.allowed;
    },
    async passwordReset(address) {
      const r = await take(limitKey("password-reset:address", address), {
        max: L.passwordResetsPerAddress,
        windowMs: L.passwordResetWindowMs,
      });
      return r.allowed ? 0 : seconds(r.retryAfterMs);
    },
    async write(userId) {
      const r = await take(limitKey("write:user", userId), {
        max: L.writesPerUser,
        windowMs: L.writesWindowMs,
      });
      return r.allowed ? 0 : seconds(r.retryAfterMs);
    },
    async writeCount() {
      const t = now();
      if (++takes % 500 === 0) await sweepLimits(store, t);
      return { max: L.writesPerUser, windowMs: L.writesWindowMs, now: t, sessionNow: Date.now() };
    },
    async participate(act, userId, address) {
      const guards: [string, LimitSpec][] = [
        [limitKey("write:user", userId), { max: L.writesPerUser, windowMs: L.writesWindowMs }],
        [
          limitKey("participation:address", address),
          { max: L.participationPostsPerAddress, windowMs: L.participationPostsWindowMs },
        ],
      ];
      if (act === "contribution")
        guards.push(
          [
            limitKey("participation:contribution:minute", userId),
            { max: L.contributionsPerMinute, windowMs: 60_000 },
          ],
          [
            limitKey("participation:contribution:day", userId),
            { max: L.contributionsPerDay, windowMs: 86_400_000 },
          ],
        );
      if (act === "support")
        guards.push([
          limitKey("participation:support:minute", userId),
          { max: L.supportsPerMinute, windowMs: 60_000 },
        ]);
      // every guard in one statement; if one refuses, what the others counted is given back
      const t = now();
      if (++takes % 500 === 0) await sweepLimits(store, t);
      const r = await takeLimits(
        store,
        guards.map(([key, spec]) => ({ key, spec })),
        t,
      );
      const refused = r.filter((x) => !x.allowed);
      if (refused.length === 0) return 0;
      await Promise.all(guards.filter((_, i) => r[i]!.allowed).map(([k]) => refundLimit(store, k)));
      return seconds(Math.max(...refused.map((x) => x.retryAfterMs)));
    },
  };
}
