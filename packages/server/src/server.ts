/**
 * Starting and stopping the server: open the database (embedded PGlite in CITYPATH_DATA_DIR, or PostgreSQL),
 * answer /api/health at once, then apply migrations, load reference data and the demo tenant, create the
 * first admin, build the web app if stale, and only then answer /api/ready with 200. On SIGINT/SIGTERM it
 * stops taking requests, finishes those in flight, closes the database and releases the data-directory lock.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createStore, type Database, migrate, openDatabase, type Store, withStartupLock } from "@citypath/db";
import { serve } from "@hono/node-server";
import { createApp, WARM_UP } from "./app.ts";
import { createResponseCache } from "./cache.ts";
import { computePoolOptionsFromEnv, createComputePool } from "./compute/pool.ts";
import type { AppDeps, AppState } from "./env.ts";
import type { Logger } from "./log.ts";
import { createMailDelivery, mailSettingsFromEnv } from "./mail/delivery.ts";
import { startLoopDelayMonitor } from "./ops/loop-delay.ts";
import { quietWatch } from "./quiet.ts";
import { createAuth, randomSecret } from "./security/auth.ts";
import { publicOrigin } from "./security/origin.ts";
import { createRateLimiter, rateLimitsFromEnv } from "./security/rate-limit.ts";
import { ensureFirstAdmin } from "./services/admin.ts";
import { loadDemoTenant } from "./services/demo.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "./services/engine.ts";
import { createInactivityJob } from "./services/inactivity.ts";
import { createServices } from "./services/index.ts";
import { loadReferenceData } from "./services/reference.ts";
import { createReminderMailJob, reminderPeriodFromEnv } from "./services/reminder-mail.ts";
import { buildWeb, webBuildState } from "./web-build.ts";
import { warmFilePool } from "./workers/files.ts";
import { workerNice } from "./workers/priority.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const WEB_DIR = join(REPO_ROOT, "packages", "web");

export interface ServeOptions {
  /** PostgreSQL URL; absent: the embedded database in dataDir. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly demo: boolean;
  readonly devWrites: boolean;
  readonly adminEmail?: string | undefined;
  readonly adminPassword?: string | undefined;
  /** Build and serve the web app when packages/web has one (default true). */
  readonly web?: boolean;
  /** How long in-flight requests may take to finish on shutdown. */
  readonly shutdownGraceMs?: number;
  readonly log: Logger;
  /** Where the one-time admin password is printed (a terminal, not the log). */
  readonly out: { write(s: string): unknown };
}

export interface RunningServer {
  readonly url: string;
  readonly database: Database;
  readonly state: AppState;
  /** Resolves when the server is ready, rejects if startup failed. */
  readonly ready: Promise<void>;
  /** Stops gracefully; resolves when the port and the database are closed. */
  close(reason?: string): Promise<void>;
  /** Resolves once closed (by close() or a signal). */
  readonly closed: Promise<void>;
}

/**
 * The key that signs session cookies: CITYPATH_AUTH_SECRET, or (embedded database) one generated on the first
 * start and kept in the data directory, so that sessions survive a restart.
 */
function authSecret(opts: ServeOptions, kind: Database["kind"], log: Logger): string {
  const env = process.env.CITYPATH_AUTH_SECRET;
  if (env) {
    if (env.length < 32) throw new Error("CITYPATH_AUTH_SECRET must have at least 32 characters.");
    return env;
  }
  if (kind === "pglite") {
    const file = join(resolve(opts.dataDir), "auth-secret");
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    const secret = randomSecret();
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
  log.warn(
    "CITYPATH_AUTH_SECRET is not set: sessions end when this process stops (and differ between processes)",
  );
  return randomSecret();
}

/**
 * How long a cached read is trusted: for ever on the embedded database (this process is its only writer);
 * on PostgreSQL, a minute while this process hears the other processes' writes (a safety net only: each
 * write ends the entries it changes at once), else one second (docs/scaling.md promises no more).
 */
async function cacheLifetime(store: Store, log: Logger): Promise<number> {
  if (store.kind === "pglite") return Number.POSITIVE_INFINITY;
  try {
    if (await store.watch()) return 60_000;
  } catch (e) {
    log.warn("cannot listen for other processes' writes: cached reads live one second", {
      error: e instanceof Error ? e.message : String(e),
    });
  }
  return 1000;
}

/**
 * PostgreSQL connections the server keeps (CITYPATH_DATABASE_POOL, default DEFAULT_DATABASE_POOL). A request
 * holds one for each statement, or for its whole transaction; beyond the pool requests wait their turn in it.
 */
export function databasePoolFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const v = env.CITYPATH_DATABASE_POOL;
  if (v === undefined || v === "") return DEFAULT_DATABASE_POOL;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new Error(`CITYPATH_DATABASE_POOL must be a whole number from 1 to 1000, not "${v}".`);
  return n;
}
export const DEFAULT_DATABASE_POOL = 10;

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const { log } = opts;
  // read before anything opens: a bad mail setting stops the start with the variable's name
  const mailSettings = mailSettingsFromEnv(process.env);
  const database = opts.databaseUrl
    ? await openDatabase({ databaseUrl: opts.databaseUrl, poolSize: databasePoolFromEnv(process.env) })
    : await openDatabase({ dataDir: resolve(opts.dataDir) });
  if (database.staleLock)
    log.warn(
      "took over a stale lock: the previous process did not stop cleanly; PostgreSQL recovery runs now",
      {
        previous_pid: database.staleLock.pid,
        previous_start: database.staleLock.startedAt,
      },
    );
  log.info("database opened", { kind: database.kind, location: database.location });

  const store = createStore(database);
  // PostgreSQL: other processes may write. Listening to their writes keeps cached reads that none of them
  // changed; without it (the listening connection refused), a cached read is trusted one second at most.
  const cacheTtlMs = await cacheLifetime(store, log);
  const engine = corePathwayEngine();
  const compute = createComputePool(computePoolOptionsFromEnv(process.env));
  // checked here, so that a bad value stops the start instead of every worker thread (priority.ts)
  const nice = workerNice(process.env);
  log.info("compute pool", { threads: compute.threads, max_queue: compute.maxQueue, worker_nice: nice });
  const services = createServices(store, {
    engine,
    compute,
    demoInstance: jeonjuDemoInstance,
    ttlMs: cacheTtlMs,
  });
  const useWeb = opts.web !== false && webBuildState(WEB_DIR) !== "absent";
  const loopDelay = startLoopDelayMonitor();
  const state: AppState = {
    ready: false,
    stopping: false,
    checks: { migrations: false, reference_data: false },
    eventLoop: loopDelay.last,
  };
  if (opts.demo) state.checks.demo = false;
  if (useWeb) state.checks.web = false;
  const deps: AppDeps = {
    store,
    clock: Date.now,
    log,
    state,
    services,
    cache: createResponseCache({ ttlMs: cacheTtlMs }),
    devWrites: opts.devWrites,
    auth: createAuth(store, {
      publicUrl:
        process.env.CITYPATH_PUBLIC_URL ??
        `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${opts.port}`,
      secret: authSecret(opts, database.kind, log),
    }),
    publicOrigin: publicOrigin(process.env.CITYPATH_PUBLIC_URL),
    limiter: createRateLimiter(store, rateLimitsFromEnv(process.env)),
    trustProxy: process.env.CITYPATH_TRUST_PROXY === "1",
    trustedOrigins: (process.env.CITYPATH_TRUSTED_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    webDist: useWeb ? join(WEB_DIR, "dist") : undefined,
    mail: mailSettings
      ? createMailDelivery({ store, clock: Date.now, log, settings: mailSettings })
      : undefined,
  };
  if (!mailSettings)
    log.info("no CITYPATH_SMTP_URL: mail waits in the outbox (admins read their tenant's in the workspace)");
  if (opts.devWrites)
    log.warn("CITYPATH_DEV_WRITES is on: every caller may write. Never use it on a reachable server.");
  const app = createApp(deps);
  // accounts unused for a year are warned and deleted (docs/participation.md, personal data)
  const inactivity = createInactivityJob({
    store,
    clock: deps.clock,
    log,
    publicUrl: process.env.CITYPATH_PUBLIC_URL,
    afterPass: () => deps.mail?.kick(),
  });
  // each department's agenda reminders mailed to its editors once a period (weekly unless configured)
  const reminderDays = reminderPeriodFromEnv(process.env);
  const reminderMail =
    reminderDays > 0
      ? createReminderMailJob({
          store,
          clock: deps.clock,
          log,
          periodDays: reminderDays,
          publicUrl: process.env.CITYPATH_PUBLIC_URL,
          afterPass: () => deps.mail?.kick(),
        })
      : undefined;

  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((res, rej) => {
      const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => res(s));
      s.once("error", rej);
    });
  } catch (e) {
    loopDelay.stop();
    await compute.close();
    await database.close();
    throw e;
  }
  const quiet = quietWatch(server);
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;
  log.info("listening", { url, ready: false });

  const ready = (async () => {
    const m = await migrate(database);
    state.checks.migrations = true;
    log.info("migrations", { applied: m.applied, current: m.current });
    // several processes may start together on one PostgreSQL: the loading below runs in one at a time
    await withStartupLock(database, async () => {
      const ref = await loadReferenceData(store);
      state.checks.reference_data = true;
      if (ref.changed.length) log.info("reference data loaded", { changed: ref.changed });
      if (opts.demo) {
        const d = await loadDemoTenant(store, { engine, demoInstance: jeonjuDemoInstance, compute });
        state.checks.demo = true;
        if (d.loaded) log.info("demo tenant loaded", { tenant: d.tenant.slug, parts: d.parts });
        else log.info("demo tenant present; kept as it is", { tenant: d.tenant.slug });
      }
      const admin = await ensureFirstAdmin(store, { email: opts.adminEmail, password: opts.adminPassword });
      if (admin.created) {
        log.info("first administrator created", { email: admin.email });
        if (admin.generatedPassword)
          opts.out.write(
            `\n  First administrator: ${admin.email}\n  One-time password:   ${admin.generatedPassword}\n` +
              "  (shown once; change it after signing in, or set CITYPATH_ADMIN_PASSWORD on the first start)\n\n",
          );
      }
    });
    if (useWeb) {
      if (webBuildState(WEB_DIR) === "stale") {
        log.info("building the web app", { dir: WEB_DIR });
        const b = await buildWeb(WEB_DIR, REPO_ROOT);
        if (b.code !== 0)
          log.error("web build failed; the API is served, the web app is not", { output: b.output });
        else log.info("web app built");
      }
      state.checks.web = true;
    }
    // the first visitor's reads meet code run once already (decision 0067); only then is the server ready
    await warmFirstReads(app, log);
    state.ready = true;
    deps.mail?.start();
    inactivity.start();
    reminderMail?.start();
    log.info("ready", { url });
    // The background warm-ups wait for the first visitor's burst of requests to be over (no visitor's request
    // in flight for QUIET_MS; health and readiness checks are not visitors), at most WARM_AFTER_MS: right after
    // ready they took the two cores from the first visitor's page (decision 0082). Readiness does not wait.
    void quiet.after(QUIET_MS, WARM_AFTER_MS).then(() => {
      if (state.stopping) return;
      // the file worker starts now rather than on the first import (which would wait seconds for it)
      warmFilePool().then(
        (ms) => log.info("file worker started", { ms: Math.round(ms) }),
        (e: unknown) =>
          log.warn("the file worker did not start; the first import starts it", {
            error: e instanceof Error ? e.message : String(e),
          }),
      );
      // better-auth (the sign-in routes) loads once the public reads are warm, rather than on the first
      // sign-in, and not right at ready, where it would take the thread from the first visitor's page
      void warmPublicReads(app, log).then(() =>
        deps.auth?.load().catch((e: unknown) =>
          log.warn("the sign-in routes' library did not load; the first sign-in loads it", {
            error: e instanceof Error ? e.message : String(e),
          }),
        ),
      );
    });
  })();
  ready.catch((e) => log.error("startup failed", { error: (e as Error).message }));

  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => {
    markClosed = r;
  });
  const close = (reason = "close") => {
    closing ??= (async () => {
      log.info("stopping", { reason });
      state.stopping = true;
      const grace = opts.shutdownGraceMs ?? 10_000;
      await new Promise<void>((res) => {
        const timer = setTimeout(() => {
          log.warn("requests still running after the grace period; closing their connections", {
            grace_ms: grace,
          });
          if ("closeAllConnections" in server) server.closeAllConnections();
        }, grace);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          res();
        });
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await ready.catch(() => undefined);
      await deps.mail?.stop();
      await inactivity.stop();
      await reminderMail?.stop();
      await compute.close();
      // the writes of the last moments, told to the other processes before the connection goes
      await store.flushNotices();
      await database.close();
      loopDelay.stop();
      log.info("stopped");
      markClosed();
    })();
    return closing;
  };
  return { url, database, state, ready, close, closed };
}

/** How long no visitor's request must have been in flight before the background warm-ups start. */
const QUIET_MS = 1_000;
/** The longest the background warm-ups wait for that quiet after ready. */
const WARM_AFTER_MS = 10_000;

/**
 * Before the server says it is ready: the public reads a visitor's first page makes (the cities, and of the
 * first city its inventory, agenda, model instances and consultations), each once through the app itself.
 * Nothing is computed here and nothing waits on the compute pool: the scenarios' list (validated in the pool),
 * the pathways and the bands come after ready (warmPublicReads), since the pool's thread starts below the
 * server's priority and, on a busy machine, took tens of seconds to answer its first task. This runs the
 * routes' code, the database's statements and the caches once, so that the first visitor does not pay for
 * that (about 0.5 s on the first answers after a start). The answers' statuses do not matter (a city without
 * an agenda answers 404); a failure is logged and the server starts all the same.
 */
async function warmFirstReads(
  app: { request(path: string, init: undefined, env: typeof WARM_UP): Response | Promise<Response> },
  log: Logger,
) {
  const t0 = Date.now();
  const statuses: Record<string, number> = {};
  const read = async (path: string): Promise<unknown> => {
    // WARM_UP: the server is not ready yet, and these are the only requests let through meanwhile
    const res = await app.request(path, undefined, WARM_UP);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    return res.status === 200 ? res.json() : undefined;
  };
  const field = (v: unknown, key: string): unknown =>
    v !== null && typeof v === "object" ? Object.getOwnPropertyDescriptor(v, key)?.value : undefined;
  const ids = (v: unknown, list: string, key: string): string[] => {
    const items = field(v, list);
    return Array.isArray(items)
      ? items.map((x) => field(x, key)).filter((x): x is string => typeof x === "string")
      : [];
  };
  try {
    const slug = ids(await read("/api/tenants"), "tenants", "slug")[0];
    if (slug) {
      const base = `/api/tenants/${encodeURIComponent(slug)}`;
      await Promise.all(
        ["inventories/latest", "inventories", "actions", "consultations", "instances"].map((p) =>
          read(`${base}/${p}`),
        ),
      );
    }
    log.info("first reads warmed", { ms: Date.now() - t0, statuses });
  } catch (e) {
    log.warn("warming the first reads stopped", { error: (e as Error).message });
  }
}

/**
 * After start-up, computes the public pathway results (every scenario of every instance of every city) and
 * their uncertainty bands once, through the app itself, so that they land in the response cache before the
 * first visitor asks. The computing runs in the compute pool, one task at a time, so requests are answered
 * meanwhile. Failures are logged, never fatal; the routes compute on demand as before.
 */
async function warmPublicReads(app: { request(path: string): Response | Promise<Response> }, log: Logger) {
  const t0 = Date.now();
  const get = async (path: string): Promise<unknown> => {
    await new Promise((r) => setImmediate(r));
    const res = await app.request(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  let n = 0;
  try {
    const { tenants } = (await get("/api/tenants")) as { tenants: { slug: string }[] };
    for (const t of tenants) {
      const base = `/api/tenants/${encodeURIComponent(t.slug)}/instances`;
      const { instances } = (await get(base)) as { instances: { id: string }[] };
      for (const i of instances) {
        const ib = `${base}/${encodeURIComponent(i.id)}/scenarios`;
        const { scenarios } = (await get(ib)) as { scenarios: { id: string }[] };
        for (const sc of scenarios) {
          await get(`${ib}/${encodeURIComponent(sc.id)}/pathway`);
          n++;
        }
        for (const sc of scenarios) {
          const res = await app.request(`${ib}/${encodeURIComponent(sc.id)}/band`);
          if (res.status === 200) n++;
          await new Promise((r) => setImmediate(r));
        }
      }
    }
    log.info("public reads warmed", { results: n, ms: Date.now() - t0 });
  } catch (e) {
    log.warn("warming the public reads stopped", { error: (e as Error).message });
  }
}
