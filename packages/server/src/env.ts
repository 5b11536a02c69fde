/**
 * What every request handler can reach: the dependencies of the app (passed in, so tests build the real app
 * on a real PGlite) and the per-request variables (who calls, which tenant).
 */

import type { Role, Store, TenantRecord } from "@citypath/db";
import type { ResponseCache } from "./cache.ts";
import type { Logger } from "./log.ts";
import type { MailDelivery } from "./mail/delivery.ts";
import type { LoopDelaySecond } from "./ops/loop-delay.ts";
import type { AuthService } from "./security/auth.ts";
import type { RateLimiter } from "./security/rate-limit.ts";
import type { Services } from "./services/index.ts";

/** Who is calling. Issue-7 sign-in adds real users; until then a caller is anonymous or, with the development
 * flag, the development operator who may do everything. */
export type Caller =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "user";
      readonly userId: string;
      /** The account's email is confirmed (read with the session, so no request reads it again). */
      readonly emailVerified: boolean;
      readonly platformAdmin: boolean;
      /** Role per tenant id. */
      readonly memberships: ReadonlyMap<string, Role>;
    }
  | { readonly kind: "development" };

export interface AppState {
  /** Migrations applied and demo data loaded. */
  ready: boolean;
  /** Set on shutdown: new requests get 503 while those in flight finish. */
  stopping: boolean;
  /** Details shown by /api/ready. */
  readonly checks: Record<string, boolean>;
  /** Requests being answered now (set by the app; shutdown waits for them). */
  inFlight?: number;
  /** The event loop's delay in the last full second (shown by /api/health), when it is measured. */
  eventLoop?: () => LoopDelaySecond;
}

/** The wall clock, passed in so that tests can fix the date: milliseconds since the epoch. */
export type Clock = () => number;

export interface AppDeps {
  readonly store: Store;
  /** Every date and time a handler needs ("today" in the city's calendar) comes from here. */
  readonly clock: Clock;
  readonly log: Logger;
  readonly state: AppState;
  readonly services: Services;
  readonly cache: ResponseCache;
  /** CITYPATH_DEV_WRITES=1: every caller is the development operator. Never on a public server. */
  readonly devWrites: boolean;
  /** Accounts and sessions (better-auth); absent: every caller is anonymous (or the development operator). */
  readonly auth?: AuthService | undefined;
  /** Rate limits (security/rate-limit.ts); absent: none. */
  readonly limiter?: RateLimiter | undefined;
  /**
   * The origin browsers reach the server at (CITYPATH_PUBLIC_URL's, e.g. behind a TLS proxy); undefined: the
   * request URL's origin. State-changing requests from other origins are refused (CSRF check).
   */
  readonly publicOrigin?: string | undefined;
  /** Origins besides the server's own whose state-changing requests are accepted (CSRF check). */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy); else the socket's address. */
  readonly trustProxy?: boolean | undefined;
  /** Mail delivery over SMTP (CITYPATH_SMTP_URL); absent: messages wait in the outbox. */
  readonly mail?: MailDelivery | undefined;
  /** Directory of the built web app to serve at /, if any. */
  readonly webDist?: string | undefined;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    caller: Caller;
    requestId: string;
    /** The tenant named in the path, once the access check has resolved it. */
    tenant: TenantRecord;
  };
};
