/**
 * Test harness: the real app over a real, migrated PGlite (in memory) with the reference data and the Jeonju
 * demo loaded, exactly as `citypath serve --demo` prepares it. A new database with the demo starts from a
 * saved copy of one where the same code loaded it (demo-template.ts); a database a test passes in gets it
 * loaded.
 */
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import { createStore, type Database, migrate, outbox, type Store } from "@citypath/db";
import { migratedPglite, postgresSkipReason, testDatabaseKinds } from "@citypath/db/testing";
import { createApp } from "./app.ts";
import { createResponseCache } from "./cache.ts";
import { type DemoTemplate, demoPglite, demoPostgres } from "./demo-template.ts";
import type { AppDeps } from "./env.ts";
import { memoryLogger } from "./log.ts";
import { createAuth, randomSecret } from "./security/auth.ts";
import { publicOrigin } from "./security/origin.ts";
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimits } from "./security/rate-limit.ts";
import { loadDemoTenant } from "./services/demo.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "./services/engine.ts";
import { createServices, type ServicesOptions } from "./services/index.ts";
import { loadReferenceData } from "./services/reference.ts";

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  readonly database: Database;
  readonly deps: AppDeps;
  readonly log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    devWrites?: boolean;
    demo?: boolean;
    /** Rate limits (default: the documented ones); the app's clock (rate limits count with it too). */
    limits?: RateLimits;
    now?: () => number;
    database?: Database;
    shareWith?: TestApp;
    /** The public URL (CITYPATH_PUBLIC_URL), default http://localhost; https turns on Secure cookies. */
    publicUrl?: string;
    /** The secret that signs cookies (a second app on the same database with its own AuthService). */
    secret?: string;
    /** The kind of database made for the app (default PGlite); "postgres" needs TEST_DATABASE_URL. */
    on?: RouteTestKind["name"];
  } & ServicesOptions = {},
): Promise<TestApp> {
  const template = opts.shareWith || opts.database ? undefined : demoTemplateFor(opts);
  const postgres = opts.on === "postgres";
  const database =
    opts.shareWith?.database ??
    opts.database ??
    (template
      ? await (postgres ? demoPostgres(template) : demoPglite(template))
      : postgres
        ? await testDatabaseKinds()
            .find((k) => k.name === "postgres")!
            .open()
        : await migratedPglite());
  await migrate(database);
  const store = opts.shareWith?.store ?? createStore(database);
  const services = createServices(store, opts);
  await loadReferenceData(store);
  if (opts.demo !== false && !template)
    await loadDemoTenant(store, { engine: services.engine, demoInstance: services.demoInstance });
  const log = memoryLogger();
  const clock = opts.now ?? Date.now;
  const deps: AppDeps = {
    store,
    clock,
    log,
    services,
    cache: createResponseCache(),
    devWrites: opts.devWrites ?? false,
    auth:
      opts.shareWith?.deps.auth ??
      createAuth(store, {
        publicUrl: opts.publicUrl ?? "http://localhost",
        secret: opts.secret ?? randomSecret(),
      }),
    publicOrigin: publicOrigin(opts.publicUrl),
    limiter: createRateLimiter(store, opts.limits ?? DEFAULT_RATE_LIMITS, clock),
    // tests name the client address with X-Forwarded-For
    trustProxy: true,
    state: { ready: true, stopping: false, checks: { migrations: true, demo: true } },
  };
  // an app sharing another's database leaves closing it to that one
  const close = opts.shareWith ? async () => {} : () => database.close();
  return { app: createApp(deps), store, database, deps, log, close };
}

export interface RouteTestKind {
  readonly name: "pglite" | "postgres";
  /** Why the kind cannot run here (PostgreSQL without TEST_DATABASE_URL), or undefined. */
  readonly skip: string | undefined;
}

/**
 * The databases a route test runs its cases on: PGlite, and PostgreSQL (TEST_DATABASE_URL; skipped with a
 * message locally without it, and failing with CI=true, as the store's contract suite). Pass the kind's name
 * to createTestApp as `on`.
 */
export function routeTestKinds(): RouteTestKind[] {
  return [
    { name: "pglite", skip: undefined },
    { name: "postgres", skip: postgresSkipReason() },
  ];
}

/**
 * The saved demo that holds what loadDemoTenant would load for these options, if there is one: without an
 * engine or an instance source no model instance is loaded ("plain"); with the core's engine and the Jeonju
 * instance, the one `serve --demo` loads ("instance"); another engine or source gets the demo loaded afresh.
 */
function demoTemplateFor(opts: { demo?: boolean } & ServicesOptions): DemoTemplate | undefined {
  if (opts.demo === false) return undefined;
  if (!opts.engine || !opts.demoInstance) return "plain";
  coreEngineVersion ??= corePathwayEngine().version;
  if (opts.demoInstance === jeonjuDemoInstance && opts.engine.version === coreEngineVersion)
    return "instance";
  return undefined;
}
let coreEngineVersion: string | undefined;

/** The consent answers of a sign-up that consents to what is required and nothing optional. */
export const TEST_CONSENT = {
  version: CONSENT_TEXT_VERSION,
  required: true,
  age_14_or_older: true,
  optional: [],
} as const;

/** JSON request helper for app.request(). */
export function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** A signed-in test client: its cookies and CSRF header, ready for app.request(). */
export interface Session {
  readonly userId: string;
  readonly email: string;
  readonly cookie: string;
  readonly csrf: string;
  /** Headers for a request of this user (cookies, the CSRF header; JSON content type when a body is sent). */
  headers(body?: boolean): Record<string, string>;
}

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    out.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return out;
}

/**
 * Signs up (sign-up, the confirmation link from the outbox, confirm) and signs in through the API, as a
 * browser and its owner's mailbox would; with `signUp: false`, only signs in.
 */
export async function signIn(
  t: TestApp,
  email: string,
  opts: { password?: string; address?: string; signUp?: boolean } = {},
): Promise<Session> {
  const password = opts.password ?? "a long and unusual phrase 7";
  const address = opts.address ?? `10.0.${++addr}.1`;
  const post = (path: string, body: unknown) =>
    t.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    });
  if (opts.signUp !== false) {
    const up = await post("/api/auth/sign-up/email", {
      email,
      password,
      name: email.split("@")[0],
      consent: TEST_CONSENT,
    });
    if (up.status !== 202) throw new Error(`sign-up answered ${up.status}: ${await up.text()}`);
    const mail = (await outbox(t.store, { email })).find((m) => m.kind === "account-confirm");
    if (!mail) throw new Error(`no confirmation mail for ${email} (an account exists already?)`);
    const token = new URL(mail.link).searchParams.get("token");
    const confirmed = await post("/api/auth/confirm-account", { token });
    if (confirmed.status !== 200)
      throw new Error(`confirm-account answered ${confirmed.status}: ${await confirmed.text()}`);
  }
  const res = await post("/api/auth/sign-in/email", { email, password });
  if (res.status !== 200)
    throw new Error(`/api/auth/sign-in/email answered ${res.status}: ${await res.text()}`);
  return sessionFrom(res, email);
}

/** The session a sign-in (or an accepted invitation) answer started. */
export async function sessionFrom(res: Response, email: string): Promise<Session> {
  const { user } = (await res.json()) as { user: { id: string } };
  const jar = cookiesOf(res);
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = jar.get("citypath_csrf")!;
  return {
    userId: user.id,
    email,
    cookie,
    csrf,
    headers: (withBody = false) => ({
      cookie,
      "x-citypath-csrf": csrf,
      ...(withBody ? { "content-type": "application/json" } : {}),
    }),
  };
}
let addr = 0;
