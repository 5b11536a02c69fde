/**
 * What the benches share: a real `citypath serve` in its own process (on a fresh embedded database or on a
 * PostgreSQL database made for the run), signing in as its first administrator, autocannon in its own process,
 * the server's resident memory and its event-loop figures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const ADMIN_EMAIL = "admin@citypath.local";
export const ADMIN_PASSWORD = "bench-password-0123";
const BIN = join(ROOT, "packages/cli/bin/citypath.js");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Where a bench's server keeps its data: a fresh embedded database, or a fresh PostgreSQL database. */
export interface Storage {
  readonly kind: "pglite" | "postgres";
  /** Arguments and environment for `citypath serve`. */
  readonly args: string[];
  readonly env: Record<string, string>;
  /** PostgreSQL: the database's URL. */
  readonly url?: string;
  /** Removes the data (the folder, or the database). */
  drop(): Promise<void>;
}

/**
 * A fresh embedded database in a temporary folder. `demo: true` starts it as a copy of a data directory
 * where the reference data and the demo are loaded already (as a first `serve --demo` leaves it, without a
 * user; e2e/lib/server.ts), so that the server starts as on its second start.
 */
export async function embeddedStorage(opts: { demo?: boolean } = {}): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), "citypath-bench-"));
  if (opts.demo) {
    const { demoDataDir } = await import("../../e2e/lib/server.ts");
    cpSync(await demoDataDir(), dir, { recursive: true });
  }
  return {
    kind: "pglite",
    args: [],
    env: { CITYPATH_DATA_DIR: dir },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A database made for the run on the PostgreSQL server that `BENCH_DATABASE_URL` (or `TEST_DATABASE_URL`)
 * names, dropped at the end; undefined when neither is set. Empty, or with `migrated: true` a copy of the
 * tests' migrated template database (db/testing.ts), so that the server's first start runs no migration.
 */
export async function postgresStorage(opts: { migrated?: boolean } = {}): Promise<Storage | undefined> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) return undefined;
  const { default: pg } = await import("pg");
  const name = `citypath_bench_${randomBytes(5).toString("hex")}`;
  if (opts.migrated) {
    const { createFromPostgresTemplate } = await import("@citypath/db/testing");
    await createFromPostgresTemplate(admin, name);
  } else {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    kind: "postgres",
    args: ["--database-url", u.toString()],
    env: {},
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export interface Server {
  readonly base: string;
  readonly child: ChildProcess;
  /** What the process wrote (stdout and stderr, the last 100 kB). */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once (no shutdown); resolves when the process has exited. */
  kill(): Promise<void>;
}

/**
 * Starts `citypath serve --demo` on the storage and waits until /api/ready answers 200 (asked every `pollMs`,
 * default 200). `demo: false` starts a plain `citypath serve`, as on an existing city's data.
 */
export async function startServer(
  storage: Storage,
  opts: {
    env?: Record<string, string>;
    readyTimeoutMs?: number;
    pollMs?: number;
    demo?: boolean;
    /** Load bench/lib/loop-probe.mjs into the server's process, reporting to this file (see `probeReport`). */
    probe?: string;
  } = {},
): Promise<Server> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS: flags for the server's Node (for example --cpu-prof to see where its time goes)
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  if (opts.probe) nodeArgs.unshift("--import", new URL("./loop-probe.mjs", import.meta.url).href);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      BIN,
      "serve",
      ...(opts.demo === false ? [] : ["--demo"]),
      "--port",
      String(port),
      ...storage.args,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        CITYPATH_ADMIN_EMAIL: ADMIN_EMAIL,
        CITYPATH_ADMIN_PASSWORD: ADMIN_PASSWORD,
        CITYPATH_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
        CITYPATH_LOG_LEVEL: "warn",
        // limits per user and address would measure the limiter, not the server
        CITYPATH_RATE_WRITES_PER_USER: "1000000000",
        ...storage.env,
        ...opts.env,
        ...(opts.probe ? { BENCH_LOOP_PROBE_FILE: opts.probe } : {}),
        // BENCH_SERVER_NODE_OPTIONS: V8 flags for the server's process as NODE_OPTIONS (a worker thread refuses
        // them in its execArgv), for example --max-semi-space-size=32
        ...(process.env.BENCH_SERVER_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
          : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 240_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`citypath serve exited (${child.exitCode ?? child.signalCode}):\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`citypath serve was not ready in time:\n${out.slice(-4000)}`);
    }
    try {
      if ((await fetch(`${base}/api/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
  }
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    base,
    child,
    output: () => out,
    stop: async () => {
      if (gone()) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(t);
    },
    kill: async () => {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A stall of the server's event loop as bench/lib/loop-probe.mjs saw it. */
export interface ProbeStall {
  ms: number;
  cpu_ms: number;
  wait_ms: number;
  requests_begun: number;
  answers_finished: number;
  routes: Record<string, number>;
  heap_mb: number;
  runnable_threads: number;
  gc: Record<string, { count: number; ms: number; max_ms: number }>;
  top_self?: string[];
  longest_callback?: { ms: number; entry: string };
}

/** What bench/lib/loop-probe.mjs saw in the server since the last report. */
export interface ProbeReport {
  seconds: number;
  ticks: number;
  requests_begun: number;
  answers_finished: number;
  routes: Record<string, number>;
  thread_cpu_ms: number;
  thread_wait_ms: number;
  process_cpu_ms: number;
  thread_cpu_ms_per_request: number | null;
  gc: Record<string, { count: number; ms: number; max_ms: number }>;
  /** With BENCH_LOOP_PROFILE=1: the main thread's functions with the most self time, "ms name file:line". */
  top_self?: string[];
  stalls: ProbeStall[];
}

/**
 * Asks a server started with `probe` for what its probe saw since the last report (or its start), and starts
 * the probe afresh: SIGUSR2, then the probe's file is read once written.
 */
export async function probeReport(server: Server, file: string): Promise<ProbeReport> {
  rmSync(file, { force: true });
  server.child.kill("SIGUSR2");
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = JSON.parse(readFileSync(file, "utf8")) as ProbeReport & { error?: string };
      if (r.error) throw new Error(`the loop probe failed: ${r.error}`);
      return r;
    } catch (e) {
      if ((e as Error).message.startsWith("the loop probe")) throw e;
      if (Date.now() > deadline) throw new Error(`the loop probe wrote no report to ${file}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Signs in as the first administrator: the session cookies and the CSRF token. */
export function signInAdmin(base: string): Promise<{ cookie: string; csrf: string }> {
  return signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD);
}

/** Signs in with an email and password: the session cookies and the CSRF token. */
export async function signIn(
  base: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "10.9.8.7" },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}: ${await r.text()}`);
  const pairs = r.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = pairs.find((p) => p.startsWith("citypath_csrf="))?.slice("citypath_csrf=".length);
  if (!csrf) throw new Error("sign-in set no CSRF cookie");
  return { cookie: pairs.join("; "), csrf };
}

/** CPU time (user and system) a process has used, ms (Linux /proc), or NaN where it cannot be read. */
export function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command's name (which may hold spaces), from the third: utime and stime are 14, 15
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;

/** The wait sampler's connection, by its application_name (left out of the CPU figures). */
const SAMPLER = "citypath-bench-sampler";

/**
 * The CPU a server process and (on PostgreSQL on this machine) the database's backends use between `start`
 * and `stop`: which side of the connection a request's time goes to, a figure that depends far less on what
 * else runs on a shared machine than throughput does. The backends are those of the bench's database in
 * pg_stat_activity at each end (one that came and went in between is missed).
 */
export function cpuMeter(server: { readonly child: ChildProcess }, databaseUrl: string | undefined) {
  const backends = async (): Promise<Map<number, number>> => {
    const out = new Map<number, number>();
    if (!databaseUrl) return out;
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      const r = await c.query<{ pid: number }>(
        // the server's connections only: not this one, the wait sampler's or autovacuum's
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            AND application_name <> '${SAMPLER}'`,
      );
      for (const { pid } of r.rows) out.set(pid, cpuMs(pid));
    } finally {
      await c.end();
    }
    return out;
  };
  let server0 = 0;
  let db0 = new Map<number, number>();
  return {
    async start() {
      db0 = await backends();
      server0 = cpuMs(server.child.pid);
    },
    /** ms of CPU per request: the server's, the database's (NaN on the embedded database). */
    async stop(requests: number) {
      const serverMs = cpuMs(server.child.pid) - server0;
      const db1 = await backends();
      let dbMs = 0;
      for (const [pid, ms] of db1) dbMs += ms - (db0.get(pid) ?? 0);
      return {
        server_cpu_ms_per_request: round2(serverMs / requests),
        db_cpu_ms_per_request: databaseUrl ? round2(dbMs / requests) : Number.NaN,
      };
    },
  };
}
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * What the database's connections are doing while a run goes on, sampled every `everyMs` from
 * pg_stat_activity (PostgreSQL only): per state and wait event ("active" alone is running, "idle in
 * transaction" waits for the server process's next statement, "Lock:advisory" for an audit chain's lock,
 * "IO:WALSync" or "LWLock:WALWrite" for a commit to reach the disk, "idle" is a free connection), the mean number
 * of connections in each. With no idle connection left, requests wait in the server's pool.
 */
export function waitSampler(databaseUrl: string, everyMs = 20) {
  let running = true;
  const tally = new Map<string, number>();
  let samples = 0;
  const loop = (async () => {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: databaseUrl, application_name: SAMPLER });
    await c.connect();
    try {
      while (running) {
        const r = await c.query<{ what: string; n: string }>(
          `SELECT coalesce(state, '?') || coalesce(' ' || wait_event_type || ':' || wait_event, '') AS what,
                  count(*) AS n
             FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            GROUP BY 1`,
        );
        samples++;
        for (const { what, n } of r.rows) tally.set(what, (tally.get(what) ?? 0) + Number(n));
        await new Promise((r) => setTimeout(r, everyMs));
      }
    } finally {
      await c.end();
    }
  })();
  return {
    /** The mean number of connections in each state over the samples, largest first. */
    async stop(): Promise<Record<string, number>> {
      running = false;
      await loop;
      return Object.fromEntries(
        [...tally]
          .map(([k, n]) => [k, round2(n / Math.max(1, samples))] as const)
          .sort((a, b) => b[1] - a[1]),
      );
    },
  };
}

/** The process's resident memory, MB (Linux /proc), or NaN where it cannot be read. */
export function rssMb(pid: number | undefined): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface LoopFigures {
  p99_ms: number;
  max_ms: number;
  max_since_start_ms: number;
}

/**
 * Polls /api/health every `everyMs` until stopped: the health answer's own latency (p50, p99, max) and the
 * worst event-loop figures the server reported for the seconds in between.
 */
export function watchHealth(base: string, everyMs = 500) {
  const latencies: number[] = [];
  let worstP99 = 0;
  let worstMax = 0;
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${base}/api/health`);
        const body = (await r.json()) as { event_loop?: LoopFigures };
        latencies.push(performance.now() - t0);
        if (r.status !== 200) failures++;
        if (body.event_loop) {
          worstP99 = Math.max(worstP99, body.event_loop.p99_ms);
          worstMax = Math.max(worstMax, body.event_loop.max_ms);
        }
      } catch {
        failures++;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const s = [...latencies].sort((a, b) => a - b);
      const q = (p: number) =>
        s.length ? round1(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!) : NaN;
      return {
        health_samples: s.length,
        health_failures: failures,
        health_p50_ms: q(0.5),
        health_p99_ms: q(0.99),
        health_max_ms: s.length ? round1(s[s.length - 1]!) : Number.NaN,
        loop_p99_ms: worstP99,
        loop_max_ms: worstMax,
      };
    },
  };
}

/**
 * The settings a load bench reads from the environment (CONNECTIONS, DURATION in seconds, WARMUP in seconds,
 * ONLY = pglite or postgres), each with the bench's own default; a value that is not a positive number stops
 * the bench with a message naming the variable.
 */
export function loadSettings(defaults: { connections: number; durationS: number; warmupS: number }) {
  const positive = (name: string, fallback: number): number => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: a positive number is needed`);
    return n;
  };
  const only = process.env.ONLY || undefined;
  if (only !== undefined && only !== "pglite" && only !== "postgres")
    throw new Error(`ONLY=${only}: pglite or postgres`);
  return {
    connections: positive("CONNECTIONS", defaults.connections),
    durationS: positive("DURATION", defaults.durationS),
    warmupS: positive("WARMUP", defaults.warmupS),
    only,
  };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export interface CannonResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Requests answered in each second of the run. */
  perSecond: number[];
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** With `reasons`: answers not 2xx by status, the body's error code and the request ("409 CONFLICT PUT "). */
  reasons: Record<string, number>;
  /** The load generator's own CPU time (its process, start-up included), ms. */
  generatorCpuMs: number;
}

/**
 * Runs autocannon in its own process (so that the load generator does not share the bench's loop) with a
 * module whose export `requestsExport(ctx)` gives autocannon's request list, built from `ctx` (the base URL,
 * the session, and `data`). Prints nothing; resolves with the figures.
 */
export function cannon(opts: {
  base: string;
  connections: number;
  seconds: number;
  requestsModule: string;
  /** The module's export that builds the request list. */
  requestsExport: string;
  session?: { cookie: string; csrf: string };
  data?: unknown;
  /** Read the body of every answer not 2xx for its error code (the load generator then reads all bodies). */
  reasons?: boolean;
}): Promise<CannonResult> {
  const script = `
import autocannon from "autocannon";
const opts = JSON.parse(process.argv[1]);
const requests = (await import(opts.requestsModule))[opts.requestsExport];
const perSecond = [];
const statuses = {};
const reasons = {};
const why = (q, status, body) => {
  let code = "?";
  try { code = JSON.parse(body).error?.code ?? "?"; } catch {}
  const k = status + " " + code + " " + (q.method ?? "GET") + " " + (q.path ? q.path.split("/").pop() : "");
  reasons[k] = (reasons[k] ?? 0) + 1;
};
const list = requests(opts).map((q) => !opts.reasons ? q : {
  ...q,
  onResponse(status, body, context) {
    if (status < 200 || status > 299) why(q, status, body);
    return q.onResponse?.(status, body, context);
  },
});
const inst = autocannon({
  url: opts.base, connections: opts.connections, duration: opts.seconds, requests: list,
});
inst.on("tick", (t) => perSecond.push(t.counter));
inst.on("response", (_c, status) => { statuses[status] = (statuses[status] ?? 0) + 1; });
inst.on("done", (r) => {
  const u = process.cpuUsage();
  process.stdout.write(JSON.stringify({ r, perSecond, statuses, reasons, cpuMs: (u.user + u.system) / 1000 }));
});
`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(opts)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      const { r, perSecond, statuses, reasons, cpuMs } = JSON.parse(out) as {
        r: {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
        };
        perSecond: number[];
        statuses: Record<string, number>;
        reasons: Record<string, number>;
        cpuMs: number;
      };
      resolve({
        generatorCpuMs: cpuMs,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        perSecond,
        statuses,
        reasons,
      });
    });
  });
}
