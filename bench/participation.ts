/**
 * Participation under load (`npm run bench:participation`): supports (each request a real support or
 * withdrawal, in one transaction with its audit record) by ACCOUNTS verified residents of the Jeonju demo
 * (each signed up with consent, confirmed by mail, signed in and verified against the census), served by
 * `citypath serve --demo` on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and on the embedded
 * database, 50 connections, a warm-up, then 10 s measured; and the first page of a consultation with 1,000
 * comments (the server's time per request, one connection). Goals (measured, not gates): supports on
 * PostgreSQL at least 300 a second with p99 at most 200 ms; the first page within 50 ms.
 *
 * An account's supports stay limited as in production (60 a minute; the write limit per account is raised for
 * every bench, bench/lib/server.ts): the residents take turns and each stays well under it over the run.
 * Each resident sends from an address of their own (X-Forwarded-For, trusted in this bench), so the
 * per-address limit of participation posts (300 per 5 minutes) stays as in production too; only sign-ups from
 * the one address that signs everyone up are raised. The comments for the page are posted by one more
 * account, with its contribution limits raised for that, each from an address of its own. Settings: CONNECTIONS,
 * ACCOUNTS (default 250), DURATION, WARMUP, ONLY (pglite or postgres). Ends with one line of JSON.
 */
import { loadavg } from "node:os";
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import { startSmtpSink } from "../e2e/lib/smtp.ts";
import {
  type CannonResult,
  cannon,
  cpuMeter,
  embeddedStorage,
  loadSettings,
  postgresStorage,
  type Storage,
  signIn,
  signInAdmin,
  startServer,
  waitSampler,
} from "./lib/server.ts";

const {
  connections: CONNECTIONS,
  durationS: DURATION_S,
  warmupS: WARMUP_S,
  only: ONLY,
} = loadSettings({ connections: 50, durationS: 10, warmupS: 3 });
const COMMENTS = Number(process.env.COMMENTS ?? 1000);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 250);
const REQUESTS = new URL("./lib/requests.mjs", import.meta.url).href;
const CONSULTATION = "baekje-brt";
/**
 * Each resident sends from an address of their own (X-Forwarded-For, the server told to trust it), so the
 * per-address limit of participation posts stays as in production. What stays raised: sign-ups from the load
 * generator's one address (a hall's worth, more than one hour's limit when the bench runs twice), and the
 * contribution limits of the one account that posts the page's 1,000 comments (each from an address of its
 * own too).
 */
const LIMITS = {
  CITYPATH_TRUST_PROXY: "1",
  CITYPATH_RATE_SIGN_UP_PER_ADDRESS: "1000000000",
  CITYPATH_RATE_CONTRIBUTIONS_PER_MINUTE: "1000000000",
  CITYPATH_RATE_CONTRIBUTIONS_PER_DAY: "1000000000",
};

/** Resident k's address (as bench/lib/requests.mjs's residentAddress); the commenter's n-th post: 10.200.x.y. */
const residentAddress = (k: number) => `10.${100 + ((k >> 16) & 255)}.${(k >> 8) & 255}.${k & 255}`;
const postAddress = (n: number) => `10.200.${(n >> 8) & 255}.${n & 255}`;

async function call(
  base: string,
  session: { cookie: string; csrf: string },
  method: string,
  path: string,
  body?: unknown,
  address = "10.250.0.1",
) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: {
      "x-forwarded-for": address,
      cookie: session.cookie,
      "x-citypath-csrf": session.csrf,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
  return r.json() as Promise<Record<string, unknown>>;
}

/** A citizen signs up through the API (the confirmation mail caught by the sink) and signs in. */
async function citizen(base: string, sink: Awaited<ReturnType<typeof startSmtpSink>>, n: number) {
  const email = `resident${n}@bench.example`;
  const password = `lanterns over the hanok roofs at dusk ${n}`;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const up = await post("/api/auth/sign-up/email", {
    email,
    password,
    name: `벤치 주민 ${n}`,
    consent: { version: CONSENT_TEXT_VERSION, required: true, age_14_or_older: true, optional: [] },
  });
  if (up.status !== 202) throw new Error(`sign-up answered ${up.status}: ${await up.text()}`);
  const mail = await sink.waitFor(email, (m) => m.text.includes("confirm"));
  const link = /^(https?:\/\/\S+)$/m.exec(mail.text)?.[1];
  if (!link) throw new Error("no link in the confirmation mail");
  const ok = await post("/api/auth/confirm-account", { token: new URL(link).searchParams.get("token") });
  if (ok.status !== 200) throw new Error(`confirm-account answered ${ok.status}: ${await ok.text()}`);
  return signIn(base, email, password);
}

/** The census entry of bench resident n (a made-up person). */
const resident = (n: number) => ({
  name: `벤치 주민 ${n}`,
  birth_date: `19${String(50 + (n % 50)).padStart(2, "0")}-01-01`,
  district: "효자동",
});

/** Runs `fn` for 0..n-1, `width` at a time. */
async function inParallel<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/**
 * Resolves once the server has answered what was sent before: a support (a write through the same queue as
 * the load's) answered. Milliseconds it took.
 */
async function drained(
  base: string,
  session: { cookie: string; csrf: string },
  contribution: string,
  address = residentAddress(0),
) {
  const t0 = performance.now();
  // a 429 is an answer too: the limit is counted in the database, behind what was sent before (a fast run
  // gives the first resident more than the 60 supports a minute an account may make)
  const r = await fetch(`${base}/api/tenants/jeonju/contributions/${contribution}/support`, {
    method: "PUT",
    headers: { cookie: session.cookie, "x-citypath-csrf": session.csrf, "x-forwarded-for": address },
  });
  await r.arrayBuffer();
  if (r.status >= 300 && r.status !== 429) throw new Error(`support answered ${r.status} while draining`);
  return performance.now() - t0;
}

/** The load average over the last minute (what `uptime` shows first). */
const loadNow = () => Math.round(loadavg()[0]! * 100) / 100;

async function measure(storage: Storage) {
  const sink = await startSmtpSink();
  const server = await startServer(storage, {
    env: {
      ...LIMITS,
      CITYPATH_SMTP_URL: sink.url,
      CITYPATH_MAIL_FROM: "Citypath <citypath@bench.example>",
      CITYPATH_MAIL_INTERVAL_MS: "500",
    },
  });
  try {
    const admin = await signInAdmin(server.base);
    // the city uploads its census; the residents sign up, confirm, sign in and verify; one more account (not
    // a resident) posts the comments
    await call(server.base, admin, "PUT", "/api/tenants/jeonju/census", {
      entries: Array.from({ length: ACCOUNTS }, (_, n) => resident(n)),
    });
    const t0 = performance.now();
    const residents = await inParallel(ACCOUNTS, 8, async (n) => {
      const s = await citizen(server.base, sink, n);
      await call(
        server.base,
        s,
        "POST",
        "/api/tenants/jeonju/residents/verify",
        resident(n),
        residentAddress(n),
      );
      return s;
    });
    console.log(
      `${ACCOUNTS} residents signed up and verified in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const session = await citizen(server.base, sink, ACCOUNTS);
    const ids: string[] = [];
    for (let i = 0; i < COMMENTS; i++) {
      const r = (await call(
        server.base,
        session,
        "POST",
        `/api/tenants/jeonju/consultations/${CONSULTATION}/comments`,
        {
          text: `벤치마크 의견 ${i + 1}번입니다`,
        },
        postAddress(i),
      )) as { contribution: { id: string } };
      ids.push(r.contribution.id);
    }
    // Each run (the warm-up, the measured run) starts with no resident supporting its comment: the warm-up on
    // the first CONNECTIONS comments, the measured run on the next CONNECTIONS (the load generator's process,
    // which knows who supports what, is new for each run).
    const supports = (seconds: number, round: number) =>
      cannon({
        base: server.base,
        connections: CONNECTIONS,
        seconds,
        requestsModule: REQUESTS,
        requestsExport: "residentSupports",
        session,
        data: {
          contributions: ids.slice(round * CONNECTIONS, (round + 1) * CONNECTIONS),
          sessions: residents,
        },
      });
    const warm = await supports(WARMUP_S, 0);
    // The load generator stops at the end of the warm-up with up to CONNECTIONS requests still in the
    // server, which answers them after it; on the embedded database (one connection, a queue) that backlog
    // took longer than the load generator's 10 s time-out, so that every request of the measured run timed
    // out behind it (the PGlite figure was "none answered"). Wait until the server has answered them all.
    const drainedMs = await drained(server.base, residents[0]!, ids[0]!);
    console.log(`${storage.kind}: the warm-up's requests answered ${drainedMs.toFixed(0)} ms after it`);
    const loadBefore = loadNow();
    const meter = cpuMeter(server, storage.url);
    const waits = storage.url ? waitSampler(storage.url) : undefined;
    await meter.start();
    const s = await supports(DURATION_S, 1);
    const supportCpu = await meter.stop(s.requests);
    const supportWaits = await waits?.stop();
    // what one resident sent in the warm-up and the measured run together (the requests go round the
    // residents in turn), against an account's limit of supports a minute
    const perResident = Math.ceil((warm.requests + s.requests) / ACCOUNTS);
    const loadAfter = loadNow();
    // the reference in the same run, on the same server: bench:api's authenticated, audited write (an import
    // profile saved on the version last seen) by the administrator
    const writes = (seconds: number, prefix: string) =>
      cannon({
        base: server.base,
        connections: CONNECTIONS,
        seconds,
        requestsModule: REQUESTS,
        requestsExport: "writes",
        session: admin,
        data: { prefix },
      });
    await writes(WARMUP_S, "warm");
    await drained(server.base, residents[0]!, ids[0]!);
    const w = await writes(DURATION_S, "bench");
    const loadAfterWrites = loadNow();
    // the first page of 50 threads of a consultation with 1,000 comments, one request at a time
    const page = `/api/tenants/jeonju/consultations/${CONSULTATION}/comments?sort=newest&page=1`;
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const r = await fetch(`${server.base}${page}`);
      await r.arrayBuffer();
      if (i >= 5) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.floor(times.length * 0.95)]!;
    // supports counted once: each comment's count is between 0 and the number of its connection's accounts
    const counts = await Promise.all(
      ids.slice(0, 2 * CONNECTIONS).map(async (id) => {
        const r = (await (await fetch(`${server.base}/api/tenants/jeonju/contributions/${id}`)).json()) as {
          contribution: { supports: number };
        };
        return r.contribution.supports;
      }),
    );
    return {
      supports: s,
      writes: w,
      load: { before: loadBefore, after_supports: loadAfter, after_writes: loadAfterWrites },
      perResident,
      supportCpu,
      supportWaits,
      pageMedianMs: median,
      pageP95Ms: p95,
      countsOk: counts.every((n) => n >= 0 && n <= Math.ceil(ACCOUNTS / CONNECTIONS)),
    };
  } finally {
    await server.stop();
    await storage.drop();
    await sink.close();
  }
}

const fmt = (name: string, c: CannonResult) =>
  `${name.padEnd(22)} ${c.rps.toFixed(0).padStart(8)} req/s   p50 ${c.p50} ms   p99 ${c.p99} ms   ` +
  `(${c.requests} requests, ${c.non2xx} non-2xx, ${c.errors} errors)`;

async function main() {
  if (ACCOUNTS < 2 * CONNECTIONS)
    throw new Error(
      `ACCOUNTS=${ACCOUNTS}: at least twice CONNECTIONS (${CONNECTIONS}), so no resident sends two at once`,
    );
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  if (ONLY !== "pglite") {
    const pg = await postgresStorage();
    if (pg) results.postgres = await measure(pg);
    else console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  }
  if (ONLY !== "postgres") results.pglite = await measure(await embeddedStorage());
  console.log(
    `${CONNECTIONS} connections, ${ACCOUNTS} residents, ${WARMUP_S} s warm-up, ${DURATION_S} s measured; load average at start ${load.join(" ")}`,
  );
  const flat: Record<string, unknown> = {
    bench: "participation",
    connections: CONNECTIONS,
    accounts: ACCOUNTS,
    duration_s: DURATION_S,
    load_average: load,
  };
  for (const [db, r] of Object.entries(results)) {
    console.log(`\n${db}`);
    console.log(fmt("  supports", r.supports));
    console.log(
      `  answers by status: ${JSON.stringify(r.supports.statuses)}; each resident sent at most ${r.perResident} ` +
        `in the warm-up and the run together (an account may send 60 a minute)`,
    );
    console.log(
      `  CPU per support: ${r.supportCpu.server_cpu_ms_per_request} ms in the server, ` +
        `${r.supportCpu.db_cpu_ms_per_request} ms in the database`,
    );
    if (r.supportWaits)
      console.log(
        `  the database's connections during the supports (mean): ${JSON.stringify(r.supportWaits)}`,
      );
    console.log(fmt("  reference: writes", r.writes));
    console.log(
      `  supports / writes: ${(r.supports.rps / r.writes.rps).toFixed(2)} a second, p99 ${(r.supports.p99 / r.writes.p99).toFixed(2)}; ` +
        `load average (1 min) ${r.load.before} before the supports, ${r.load.after_supports} after, ${r.load.after_writes} after the writes`,
    );
    console.log(
      `  first page of ${COMMENTS} comments: median ${r.pageMedianMs.toFixed(1)} ms, p95 ${r.pageP95Ms.toFixed(1)} ms ` +
        `(goal <= 50 ms); supports ${r.supports.rps.toFixed(0)}/s p99 ${r.supports.p99} ms ` +
        `(goal >= 300/s, p99 <= 200 ms on PostgreSQL); counts within bounds after the run: ${r.countsOk}`,
    );
    Object.assign(flat, {
      [`${db}_supports_rps`]: Math.round(r.supports.rps),
      [`${db}_supports_p50_ms`]: r.supports.p50,
      [`${db}_supports_p99_ms`]: r.supports.p99,
      [`${db}_supports_non2xx`]: r.supports.non2xx,
      [`${db}_supports_per_resident`]: r.perResident,
      [`${db}_supports_cpu`]: r.supportCpu,
      [`${db}_supports_connections`]: r.supportWaits,
      [`${db}_writes_rps`]: Math.round(r.writes.rps),
      [`${db}_writes_p99_ms`]: r.writes.p99,
      [`${db}_supports_per_write`]: Math.round((r.supports.rps / r.writes.rps) * 100) / 100,
      [`${db}_load`]: r.load,
      [`${db}_page_median_ms`]: Math.round(r.pageMedianMs * 10) / 10,
      [`${db}_page_p95_ms`]: Math.round(r.pageP95Ms * 10) / 10,
      [`${db}_counts_ok`]: r.countsOk,
    });
  }
  console.log(JSON.stringify(flat));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
