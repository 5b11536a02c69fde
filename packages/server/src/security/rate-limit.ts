/**
 * Rate limits, in memory per process (fixed windows). The values are documented in docs/security.md and
 * checked by routes/auth/auth.test.ts at exactly these numbers. With several server processes (PostgreSQL
 * deployments) each process counts on its own; put the limits in the reverse proxy as well there.
 */

export interface RateLimits {
  /** Failed sign-ins per client address per window. */
  readonly signInPerAddress: number;
  /**
   * Failed sign-ins per account per window, counting only failures from addresses that have never signed in to
   * that account: a stranger guessing cannot lock the owner out, who signs in from an address already known.
   */
  readonly signInPerAccount: number;
  readonly signInWindowMs: number;
  /** Sign-ups (and password-reset requests) per client address per window. */
  readonly signUpPerAddress: number;
  readonly signUpWindowMs: number;
  /** State-changing API requests per signed-in user per window. */
  readonly writesPerUser: number;
  readonly writesWindowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerAddress: 10,
  signInPerAccount: 5,
  signInWindowMs: 15 * 60_000,
  signUpPerAddress: 5,
  signUpWindowMs: 60 * 60_000,
  writesPerUser: 120,
  writesWindowMs: 60_000,
};

/** Limits from the environment (CITYPATH_RATE_<NAME>, e.g. CITYPATH_RATE_WRITES_PER_USER=1000), else defaults. */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): RateLimits {
  const out: Record<string, number> = { ...DEFAULT_RATE_LIMITS };
  for (const k of Object.keys(DEFAULT_RATE_LIMITS)) {
    const name = `CITYPATH_RATE_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const v = env[name];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not "${v}".`);
    out[k] = n;
  }
  return out as unknown as RateLimits;
}

/** Counts events per key in fixed windows. `now` is passed in so tests can move time. */
export class WindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Seconds until the key may act again, or 0 when it is under the limit. */
  blockedFor(key: string): number {
    const w = this.windows.get(key);
    const t = this.now();
    if (!w || w.resetAt <= t) return 0;
    return w.count >= this.max ? Math.max(1, Math.ceil((w.resetAt - t) / 1000)) : 0;
  }

  hit(key: string): void {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= t) this.windows.set(key, { count: 1, resetAt: t + this.windowMs });
    else w.count++;
    if (this.windows.size > 100_000) this.sweep(t);
  }

  /** Counts the event and returns the wait in seconds if it went over the limit (0: allowed). */
  take(key: string): number {
    const b = this.blockedFor(key);
    if (b) return b;
    this.hit(key);
    return 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }
}

export interface RateLimiter {
  readonly limits: RateLimits;
  /** Seconds to wait before this sign-in attempt may be made (0: go ahead). */
  signInWait(address: string, email: string): number;
  signInFailed(address: string, email: string): void;
  signInSucceeded(address: string, email: string): void;
  /** Counts a sign-up or reset request; seconds to wait if over the limit. */
  signUp(address: string): number;
  /** Counts a write; seconds to wait if over the limit. */
  write(userId: string): number;
}

export function createRateLimiter(
  limits: RateLimits = DEFAULT_RATE_LIMITS,
  now: () => number = Date.now,
): RateLimiter {
  const perAddress = new WindowCounter(limits.signInPerAddress, limits.signInWindowMs, now);
  const perAccount = new WindowCounter(limits.signInPerAccount, limits.signInWindowMs, now);
  const signUps = new WindowCounter(limits.signUpPerAddress, limits.signUpWindowMs, now);
  const writes = new WindowCounter(limits.writesPerUser, limits.writesWindowMs, now);
  /** Addresses each account has signed in from (kept for the process's life; a few per account). */
  const known = new Map<string, Set<string>>();
  const isKnown = (address: string, email: string) => known.get(email)?.has(address) === true;
  return {
    limits,
    signInWait(address, email) {
      const a = perAddress.blockedFor(address);
      if (a) return a;
      return isKnown(address, email) ? 0 : perAccount.blockedFor(email);
    },
    signInFailed(address, email) {
      perAddress.hit(address);
      if (!isKnown(address, email)) perAccount.hit(email);
    },
    signInSucceeded(address, email) {
      const s = known.get(email) ?? new Set<string>();
      known.set(email, s);
      if (s.size >= 50) s.delete(s.values().next().value!);
      s.add(address);
    },
    signUp: (address) => signUps.take(address),
    write: (userId) => writes.take(userId),
  };
}
