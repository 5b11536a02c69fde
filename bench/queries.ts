/**
 * What one request costs (`npm run bench:queries`): the database round trips (each statement and its time)
 * and the CPU time of the server's thread for an anonymous public read, an authenticated audited write (an
 * import profile updated on its version) and a support of a verified resident, on the real app over the
 * Jeonju demo on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a database made for the run and
 * dropped). The requests go to the app in this process, one at a time, so the figures are the server's work
 * without HTTP sockets or a load generator. Then the first page of a consultation with COMMENTS comments
 * (default 1,000; a fifth of them replies): anonymous (from the response cache after the first) and signed in
 * (read each time), with the plan PostgreSQL chose for each statement of the latter (EXPLAIN ANALYZE). Settings: REPEAT (requests per kind for the CPU figure, default 200). Ends with one line
 * of JSON.
 */
import { randomBytes } from "node:crypto";
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import pg from "pg";

const REPEAT = Number(process.env.REPEAT ?? 200);
const COMMENTS = Number(process.env.COMMENTS ?? 1000);

/** Every statement sent to PostgreSQL while `recording`: its text and how long until its answer. */
const statements: { text: string; sql: string; values: unknown[]; ms: number }[] = [];
let recording = false;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (!recording) return query.apply(this, args);
  const first = args[0] as string | { text?: string; values?: unknown[] };
  const sql = typeof first === "string" ? first : (first?.text ?? "?");
  const values = (typeof first === "string" ? undefined : first?.values) ?? args[1] ?? [];
  const text = sql.replace(/\s+/g, " ").slice(0, 140);
  const t0 = performance.now();
  const note = () =>
    statements.push({ text, sql, values: Array.isArray(values) ? values : [], ms: performance.now() - t0 });
  // pg's pool passes a callback; drizzle awaits the promise
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === "function") {
    args[last] = (...r: unknown[]) => {
      note();
      return (callback as (...a: unknown[]) => unknown)(...r);
    };
    return query.apply(this, args);
  }
  const result = query.apply(this, args);
  if (!(result instanceof Promise)) return result;
  return result.then(
    (v) => {
      note();
      return v;
    },
    (e: unknown) => {
      note();
      throw e;
    },
  );
} as typeof pg.Client.prototype.query;

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Milliseconds of a CPU profile not idle. */
function busy(profile: Profile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  (profile.samples ?? []).forEach((id, i) => {
    if (!idle.has(id)) us += profile.timeDeltas?.[i] ?? 0;
  });
  return us / 1000;
}

/** The functions with the most self time in a CPU profile, per request (idle left out), heaviest first. */
function heaviest(profile: Profile, requests: number, top = 15): [string, number][] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const f = frames.get(samples[i]!)!;
    if (f.functionName === "(idle)") continue;
    const where = f.url.replace(/^.*\/node_modules\//, "").replace(/^.*\/packages\//, "");
    const key = `${f.functionName || "(anonymous)"} ${where}${where ? `:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => [k, ms / requests]);
}

async function main() {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    console.log(JSON.stringify({ bench: "queries", skipped: true }));
    return;
  }
  const { createFromPostgresTemplate } = await import("@citypath/db/testing");
  const { openDatabase } = await import("@citypath/db");
  const { createTestApp, signIn } = await import("../packages/server/src/testing.ts");
  const { corePathwayEngine, jeonjuDemoInstance } = await import("../packages/server/src/services/engine.ts");
  const name = `citypath_bench_${randomBytes(5).toString("hex")}`;
  await createFromPostgresTemplate(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  const { DEFAULT_RATE_LIMITS } = await import("../packages/server/src/security/rate-limit.ts");
  // the limits still count every request (their statements are part of the cost), they only never refuse
  const limits = {
    ...DEFAULT_RATE_LIMITS,
    writesPerUser: 1e9,
    supportsPerMinute: 1e9,
    contributionsPerMinute: 1e9,
    contributionsPerDay: 1e9,
    participationPostsPerAddress: 1e9,
  };
  const t = await createTestApp({
    database,
    limits,
    engine: corePathwayEngine(),
    demoInstance: jeonjuDemoInstance,
  });
  try {
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    const adminS = await signIn(t, "admin@bench.example");
    await t.store.memberships.put(jeonju, adminS.userId, "admin");
    const resident = await signIn(t, "resident@bench.example");
    const send = (
      method: string,
      path: string,
      s?: { headers(b?: boolean): Record<string, string> },
      body?: unknown,
    ) =>
      t.app.request(`/api/tenants/jeonju${path}`, {
        method,
        headers: s ? s.headers(body !== undefined) : {},
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const ok = async (r: Response | Promise<Response>) => {
      const res = await r;
      if (res.status >= 300) throw new Error(`answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    await ok(
      send("PUT", "/census", adminS, {
        entries: [{ name: "벤치 주민", birth_date: "1970-01-01", district: "효자동" }],
      }),
    );
    await ok(
      send("POST", "/residents/verify", resident, {
        name: "벤치 주민",
        birth_date: "1970-01-01",
        district: "효자동",
      }),
    );
    const author = await signIn(t, "author@bench.example");
    const posted = await ok(
      send("POST", "/consultations/baekje-brt/comments", author, { text: "벤치마크 의견입니다" }),
    );
    const contribution = (posted.contribution as { id: string }).id;

    let version = 0;
    const kinds = {
      "public read": () => send("GET", "/inventories/latest/summary"),
      "authenticated write": async () => {
        const r = await ok(
          send("PUT", "/import-profiles/probe", adminS, {
            base_version: version,
            name: `probe v${version + 1}`,
            kind: "activity",
            mapping: { amount: "사용량", unit: "단위" },
          }),
        );
        version = r.version as number;
        return r;
      },
      support: (() => {
        let on = false;
        return () => {
          on = !on;
          return ok(send(on ? "PUT" : "DELETE", `/contributions/${contribution}/support`, resident));
        };
      })(),
    };
    const profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 100 });
    const out: Record<string, unknown> = { bench: "queries", load_average: loadavg()[0] };
    for (const [kind, run] of Object.entries(kinds)) {
      for (let i = 0; i < 20; i++) await run(); // warm caches and code
      statements.length = 0;
      recording = true;
      const t0 = performance.now();
      await run();
      const wall = performance.now() - t0;
      recording = false;
      const one = [...statements];
      await profiler.post("Profiler.start");
      const cpu0 = process.cpuUsage();
      const w0 = performance.now();
      for (let i = 0; i < REPEAT; i++) await run();
      const cpu = process.cpuUsage(cpu0);
      const perMs = (cpu.user + cpu.system) / 1000 / REPEAT;
      const wallPer = (performance.now() - w0) / REPEAT;
      const { profile } = await profiler.post("Profiler.stop");
      console.log(`\n${kind}: ${one.length} statements, ${wall.toFixed(1)} ms for one request`);
      for (const s of one) console.log(`  ${s.ms.toFixed(2).padStart(7)} ms  ${s.text}`);
      console.log(
        `  over ${REPEAT} requests one at a time: ${perMs.toFixed(2)} ms of CPU and ${wallPer.toFixed(2)} ms each`,
      );
      const threadMs = busy(profile) / REPEAT;
      console.log(
        `  of which the server's thread (CPU profile, not idle): ${threadMs.toFixed(2)} ms; heaviest:`,
      );
      for (const [fn, ms] of heaviest(profile, REPEAT))
        console.log(`  ${ms.toFixed(3).padStart(7)} ms  ${fn}`);
      const key = kind.replace(/ /g, "_");
      Object.assign(out, {
        [`${key}_statements`]: one.length,
        [`${key}_db_ms`]: Math.round(one.reduce((a, s) => a + s.ms, 0) * 100) / 100,
        [`${key}_cpu_ms`]: Math.round(perMs * 100) / 100,
        [`${key}_thread_ms`]: Math.round(threadMs * 100) / 100,
        [`${key}_wall_ms`]: Math.round(wallPer * 100) / 100,
      });
    }

    // a consultation with COMMENTS comments (a fifth replies to the newest top-level ones), its first page
    const big = "baekje-brt";
    const tops: string[] = [];
    const top = Math.round(COMMENTS * 0.8);
    for (let i = 0; i < COMMENTS; i += 8) {
      const batch = Array.from({ length: Math.min(8, COMMENTS - i) }, async (_, k) => {
        const n = i + k;
        const parent = n >= top ? tops[tops.length - 1 - (n % 50)] : undefined;
        const r = await ok(
          send("POST", `/consultations/${big}/comments`, author, {
            text: `벤치마크 의견 ${n + 1}번입니다`,
            ...(parent ? { parent } : {}),
          }),
        );
        if (!parent) tops.push((r.contribution as { id: string }).id);
      });
      await Promise.all(batch);
    }
    // anonymous: from the response cache after the first; signed in: read each time (it says what the caller
    // supported), so its statements are the page's
    const pageTimes = async (as?: typeof resident) => {
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        await ok(send("GET", `/consultations/${big}/comments`, as));
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    const cached = await pageTimes();
    const times = await pageTimes(resident);
    statements.length = 0;
    recording = true;
    await ok(send("GET", `/consultations/${big}/comments`, resident));
    recording = false;
    const pageStatements = [...statements];
    console.log(
      `\nfirst page of ${COMMENTS} comments: anonymous (cached) median ${cached[25]!.toFixed(1)} ms, ` +
        `p95 ${cached[47]!.toFixed(1)} ms; signed in (read each time) median ${times[25]!.toFixed(1)} ms, ` +
        `p95 ${times[47]!.toFixed(1)} ms (50 each); ${pageStatements.length} statements:`,
    );
    const explain = new pg.Client({ connectionString: url.toString() });
    await explain.connect();
    try {
      for (const st of pageStatements) {
        console.log(`  ${st.ms.toFixed(2).padStart(7)} ms  ${st.text}`);
        const plan = await explain.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.values);
        for (const row of plan.rows) console.log(`      ${row["QUERY PLAN"]}`);
      }
    } finally {
      await explain.end();
    }
    Object.assign(out, {
      comments: COMMENTS,
      first_page_cached_median_ms: Math.round(cached[25]! * 10) / 10,
      first_page_cached_p95_ms: Math.round(cached[47]! * 10) / 10,
      first_page_median_ms: Math.round(times[25]! * 10) / 10,
      first_page_p95_ms: Math.round(times[47]! * 10) / 10,
      first_page_statements: pageStatements.length,
      first_page_db_ms: Math.round(pageStatements.reduce((a, s) => a + s.ms, 0) * 100) / 100,
    });
    console.log(JSON.stringify(out));
  } finally {
    await t.close();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
