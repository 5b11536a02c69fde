/**
 * Accounts: better-auth (email and password) on our drizzle schema, passwords hashed with argon2id
 * (@node-rs/argon2), sessions in HttpOnly SameSite=Lax cookies that are Secure when the public URL is https.
 * Every request with a session cookie reads the session table (no signed cookie cache): a signed-out, reset or
 * deleted session stops working at once, on every server process. That read is one statement (the session,
 * its account and the account's memberships; `store.users.bySession`), made only after the cookie's signature
 * is checked here with node:crypto in better-auth's format, so a forged or stale cookie costs no database read.
 * Password-reset links go to the mail outbox table (nothing sends mail yet). better-auth's own rate limiter
 * and origin check are off: the API's (rate-limit.ts, csrf.ts) cover every route the same way.
 *
 * `callerFrom(headers)` turns a request's session cookie into the Caller the access checks use: the user, the
 * platform role, and the role in each tenant.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import {
  betterAuthDatabase,
  type LimitTaken,
  queueMail,
  type Store,
  touchActivity,
  type WriteCount,
} from "@citypath/db";
import { hash, verify } from "@node-rs/argon2";
import type { Caller } from "../env.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords.ts";

export const SESSION_DAYS = 7;
const ANONYMOUS: Caller = { kind: "anonymous" };
/** A session in use has its expiry moved to SESSION_DAYS from now at most once in this many seconds. */
const SESSION_REFRESH_S = 24 * 3600;
export const CSRF_COOKIE = "citypath_csrf";
export const CSRF_HEADER = "x-citypath-csrf";

export interface AuthOptions {
  /** The URL the server is reached at (links in reset messages; https turns on Secure cookies). */
  readonly publicUrl: string;
  /** Signs session cookies; at least 32 characters. */
  readonly secret: string;
}

export interface AuthService {
  /** better-auth's handler for a request under /api/auth/ (loading better-auth on the first one). */
  handler(req: Request): Promise<Response>;
  /** Loads better-auth now (the server does once its start-up reads are warm, so the first sign-in need not wait). */
  load(): Promise<void>;
  /**
   * The caller of a request's session cookie; with `write`, the same statement counts the request against the
   * account's write limit (decision 0071), and `write` in the answer says whether it was allowed (absent when
   * the caller is not a signed-in user: nothing was counted).
   */
  callerFrom(headers: Headers, write?: WriteCount): Promise<{ caller: Caller; write?: LimitTaken }>;
  /** Whether cookies are marked Secure. */
  readonly secure: boolean;
  /** The URL the server is reached at, without a trailing slash (links in mail). */
  readonly publicUrl: string;
  /** The session cookie's name (with the __Secure- prefix on https). */
  readonly sessionCookie: string;
  /**
   * The CSRF token of a session: HMAC-SHA256 of the session cookie's value under the server's secret. Only
   * the server can compute it, and it changes with the session, so a cookie planted by a sibling site is no
   * use without the victim's session (security/csrf.ts, decision 20).
   */
  csrfToken(sessionCookieValue: string): string;
}

export function hashPassword(password: string): Promise<string> {
  // argon2id, the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum recommendation.
  return hash(password);
}

export function createAuth(store: Store, opts: AuthOptions): AuthService {
  const secure = opts.publicUrl.startsWith("https:");
  // better-auth answers /api/auth/ only (a session is read without it, below): it is loaded by the first such
  // request or by load(), not with the server (about 1.3 s of CPU of the server's import under tsx)
  let loading: ReturnType<typeof betterAuthFor> | undefined;
  const load = () => {
    if (!loading) {
      loading = betterAuthFor(store, opts, secure);
      // a failed load is tried again by the next request
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };

  const sessionCookie = `${secure ? "__Secure-" : ""}better-auth.session_token`;
  let authInFlight = 0;
  return {
    async handler(req) {
      authInFlight++;
      try {
        return await (await load()).handler(req);
      } finally {
        // the last of better-auth's requests has answered: its storages off, and with them the process's
        // promise hooks (quietBetterAuthStorages)
        if (--authInFlight === 0) quietBetterAuthStorages();
      }
    },
    load: async () => {
      await load();
    },
    secure,
    publicUrl: opts.publicUrl.replace(/\/$/, ""),
    sessionCookie,
    csrfToken: (value) => createHmac("sha256", opts.secret).update(`csrf\u0000${value}`).digest("base64url"),
    async callerFrom(headers, write) {
      const token = signedValue(headers.get("cookie"), sessionCookie, opts.secret);
      if (!token) return { caller: ANONYMOUS };
      const got = await store.users.bySession(token, write);
      // sessions live on the wall clock, as better-auth issues them; the limiter's clock may be injected
      const now = new Date(write?.sessionNow ?? Date.now());
      if (!got || got.expiresAt <= now) return { caller: ANONYMOUS };
      // a session in use lives SESSION_DAYS from its last day of use, as better-auth's own session read
      // keeps it (not for a sign-in without "remember me", whose session ends with the browser's)
      const expiresIn = SESSION_DAYS * 24 * 3600_000;
      if (
        got.expiresAt.getTime() - expiresIn + SESSION_REFRESH_S * 1000 <= now.getTime() &&
        !headers.get("cookie")?.includes("dont_remember")
      )
        await store.users.extendSession(token, new Date(now.getTime() + expiresIn));
      // the last activity (for the inactivity deletion), written at most once an hour
      if (now.getTime() - got.lastActiveAt.getTime() > 3_600_000) await touchActivity(store, got.userId, now);
      const caller: Caller = {
        kind: "user",
        userId: got.userId,
        emailVerified: got.emailVerified,
        platformAdmin: got.role === "admin",
        memberships: new Map(got.memberships.map((m) => [m.tenantId, m.role])),
      };
      return got.write ? { caller, write: got.write } : { caller };
    },
  };
}

/** better-auth, set up for this server (loaded on first use: createAuth). */
async function betterAuthFor(store: Store, opts: AuthOptions, secure: boolean) {
  const [{ betterAuth }, { drizzleAdapter }] = await Promise.all([
    import("better-auth/minimal"),
    import("better-auth/adapters/drizzle"),
  ]);
  const adapter = betterAuthDatabase(store);
  return betterAuth({
    appName: "Citypath",
    baseURL: opts.publicUrl,
    basePath: "/api/auth",
    secret: opts.secret,
    database: drizzleAdapter(adapter.handle, { provider: "pg", schema: adapter.tables }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      password: {
        hash: hashPassword,
        verify: ({ hash: h, password }) => verify(h, password),
      },
      async sendResetPassword({ user, token }) {
        await queueMail(store, {
          kind: "password-reset",
          userId: user.id,
          email: user.email,
          link: `${opts.publicUrl.replace(/\/$/, "")}/ko/workspace/reset-password?token=${encodeURIComponent(token)}`,
        });
      },
    },
    session: {
      expiresIn: SESSION_DAYS * 24 * 3600,
      updateAge: SESSION_REFRESH_S,
      // No signed cookie cache: it would let a copied cookie work for its lifetime after sign-out or reset.
      cookieCache: { enabled: false },
    },
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      disableCSRFCheck: true,
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
  });
}

/**
 * The value of a cookie signed as better-auth signs its session cookie (`value.signature`, the signature the
 * base64 HMAC-SHA256 of the value under the secret, the whole percent-encoded), when the signature is right;
 * undefined when the cookie is missing, malformed or forged.
 */
export function signedValue(cookieHeader: string | null, name: string, secret: string): string | undefined {
  if (!cookieHeader) return undefined;
  let raw: string | undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      raw = part.slice(eq + 1).trim();
      break;
    }
  }
  if (!raw) return undefined;
  if (raw.length > 1 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
  let value: string;
  try {
    value = raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return undefined;
  }
  const dot = value.lastIndexOf(".");
  if (dot < 1) return undefined;
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return undefined;
  const given = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", secret).update(value.slice(0, dot)).digest();
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? value.slice(0, dot)
    : undefined;
}

/**
 * better-auth keeps each request's context in AsyncLocalStorage instances, kept where every copy of it in the
 * process finds them (`globalThis[Symbol.for("better-auth:global")].context`). The first `run` of one turns
 * on Node 20's promise hooks for the whole process, and they stay on: every promise of every later request,
 * public reads included, then pays an init hook and a context copy. Called when none of better-auth's
 * requests is in flight, this disables its storages; Node turns the hooks off once no storage is enabled, and
 * better-auth's next `run` enables its storage again (docs/known-hacks.md). Nothing of
 * better-auth runs after its handler has answered: its background tasks are awaited (no `backgroundTasks`
 * handler is configured) and its telemetry and rate limiter are off.
 */
export function quietBetterAuthStorages(): void {
  for (const s of betterAuthStorages()) s.disable();
}

/** How many of better-auth's storages there are, and how many are enabled now (Node 20 keeps an own `enabled`). */
export function betterAuthStorageState(): { storages: number; enabled: number } {
  const all = betterAuthStorages();
  return { storages: all.length, enabled: all.filter((s) => Reflect.get(s, "enabled") === true).length };
}

function betterAuthStorages(): AsyncLocalStorage<unknown>[] {
  const global = (globalThis as Record<symbol, { context?: Record<string, unknown> } | undefined>)[
    Symbol.for("better-auth:global")
  ];
  return Object.values(global?.context ?? {}).filter(
    (v): v is AsyncLocalStorage<unknown> => v instanceof AsyncLocalStorage,
  );
}

/** A secret for signing cookies when none is configured (sessions then end when the process stops). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}
