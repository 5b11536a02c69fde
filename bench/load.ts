/**
 * Load (`npm run bench:load`): the real `citypath serve --demo` under 200 connections for 60 s of mixed
 * traffic (per connection, four public reads and one authenticated, audited write in turn), on the embedded
 * database and, when `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` names a PostgreSQL server, on a database made
 * for the run. Reported per database: errors and non-2xx answers, p50/p99, the server's resident memory at the
 * start and the end, its event-loop delay (the worst second's p99 and max, read from /api/health twice a
 * second), and the throughput of the first and the last 10 s (a server that slows as history grows shows it
 * here). Then, on the same server, heavy work at once (three uncached 5,000-sample uncertainty bands and two
 * 10,000-row XLSX previews) while /api/health is asked every 50 ms: its latency and the loop's delay.
 * Settings: CONNECTIONS (200), DURATION (60), WARMUP (5), ONLY (pglite or postgres). Ends with one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { activityRows, activityXlsx } from "./lib/activity-file.ts";
import {
  type CannonResult,
  cannon,
  cpuMeter,
  embeddedStorage,
  loadSettings,
  type ProbeReport,
  type ProbeStall,
  postgresStorage,
  probeReport,
  round1,
  rssMb,
  type Server,
  type Storage,
  signInAdmin,
  startServer,
  watchHealth,
} from "./lib/server.ts";

const {
  connections: CONNECTIONS,
  durationS: DURATION_S,
  warmupS: WARMUP_S,
  only: ONLY,
} = loadSettings({ connections: 200, durationS: 60, warmupS: 5 });
const REQUESTS = new URL("./lib/requests.mjs", import.meta.url).href;
/** Seconds each request of the mixed load runs alone afterwards, for its cost (0: not run). */
const ROUTE_S = Number(process.env.ROUTE_SECONDS ?? 5);
const ROUTE_NAMES = ["inventory summary", "actions", "pathway", "plans", "audited write"];
const PROBE_DIR = mkdtempSync(join(tmpdir(), "citypath-load-probe-"));
const load1 = () => round1(loadavg()[0]!);

async function firstPathway(base: string): Promise<string> {
  const list = (await (await fetch(`${base}/api/tenants/jeonju/instances`)).json()) as {
    instances: { id: string }[];
  };
  const inst = list.instances[0]?.id;
  if (!inst) throw new Error("the demo has no model instance");
  const sc = (await (await fetch(`${base}/api/tenants/jeonju/instances/${inst}/scenarios`)).json()) as {
    scenarios: { id: string }[];
  };
  return `/api/tenants/jeonju/instances/${inst}/scenarios/${sc.scenarios[0]!.id}/pathway`;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * What a stall over 50 ms is made of, from the probe's figures: the main thread waiting for a core (d) when
 * that is at least half of it; else garbage collection (c) when collections overlapping it paused the thread
 * for at least half of it; else the thread on the CPU running many requests' parts back to back (b, ten or
 * more requests begun or answers finished in it) or few (a, one long callback); what is none of these
 * (the thread blocked off the CPU) is "blocked".
 */
function stallCause(st: ProbeStall): "core" | "gc" | "many" | "one" | "blocked" {
  const gcMs = Object.values(st.gc).reduce((a, g) => a + g.ms, 0);
  if (st.wait_ms >= st.ms / 2) return "core";
  if (gcMs >= st.ms / 2) return "gc";
  if (st.cpu_ms >= st.ms / 2) return st.requests_begun + st.answers_finished >= 10 ? "many" : "one";
  return "blocked";
}
const gcMsOf = (st: ProbeStall) => round1(Object.values(st.gc).reduce((a, g) => a + g.ms, 0));

async function mixedLoad(server: Server, pathway: string, storage: Storage, probeFile: string) {
  const session = await signInAdmin(server.base);
  const common = {
    base: server.base,
    requestsModule: REQUESTS,
    requestsExport: "mixed",
    session,
    connections: CONNECTIONS,
  };
  await cannon({ ...common, seconds: WARMUP_S, data: { pathway, prefix: "warm" } });
  const rssStart = rssMb(server.child.pid);
  const loadStart = load1();
  await probeReport(server, probeFile); // the warm-up's figures are dropped: the probe starts afresh
  const cpu = cpuMeter(server, storage.url);
  await cpu.start();
  const health = watchHealth(server.base, 500);
  const r: CannonResult = await cannon({
    ...common,
    seconds: DURATION_S,
    data: { pathway, prefix: "load" },
    reasons: true,
  });
  const h = await health.stop();
  const probe = await probeReport(server, probeFile);
  const c = await cpu.stop(r.requests);
  const rssEnd = rssMb(server.child.pid);
  const loadEnd = load1();
  const first = r.perSecond.slice(0, 10);
  const last = r.perSecond.slice(-10);
  const causes = { core: 0, gc: 0, many: 0, one: 0, blocked: 0 };
  for (const st of probe.stalls) causes[stallCause(st)]++;
  const longestCallback = Math.max(0, ...probe.stalls.map((st) => st.longest_callback?.ms ?? 0));
  return {
    requests: r.requests,
    rps: Math.round(r.rps),
    p50_ms: r.p50,
    p99_ms: r.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    statuses: r.statuses,
    not_2xx: r.reasons,
    rps_first_10s: Math.round(sum(first) / Math.max(1, first.length)),
    rps_last_10s: Math.round(sum(last) / Math.max(1, last.length)),
    rss_start_mb: rssStart,
    rss_end_mb: rssEnd,
    load_average_start: loadStart,
    load_average_end: loadEnd,
    ...h,
    ...c,
    thread_cpu_ms_per_request: probe.thread_cpu_ms_per_request ?? Number.NaN,
    thread_wait_ms_per_s: round1(probe.thread_wait_ms / probe.seconds),
    generator_cpu_ms_per_request: Math.round((r.generatorCpuMs / r.requests) * 100) / 100,
    stalls_over_50ms: probe.stalls.length,
    stall_max_ms: Math.max(0, ...probe.stalls.map((st) => st.ms)),
    stalls_core: causes.core,
    stalls_gc: causes.gc,
    stalls_many: causes.many,
    stalls_one: causes.one,
    stalls_blocked: causes.blocked,
    ...(longestCallback ? { longest_callback_ms: longestCallback } : {}),
    ...gcFigures(probe),
    probe,
  };
}

function gcFigures(p: ProbeReport) {
  const s = p.gc.scavenge;
  const m = p.gc["mark-compact"];
  return {
    gc_scavenges: s?.count ?? 0,
    gc_scavenge_ms: s?.ms ?? 0,
    gc_scavenge_max_ms: s?.max_ms ?? 0,
    gc_mark_compacts: m?.count ?? 0,
    gc_mark_compact_ms: m?.ms ?? 0,
    gc_mark_compact_max_ms: m?.max_ms ?? 0,
  };
}

/** Each request of the mixed load alone for ROUTE_S seconds: the server thread's CPU per request, its stalls. */
async function perRoute(server: Server, pathway: string, probeFile: string) {
  if (!(ROUTE_S > 0)) return [];
  const session = await signInAdmin(server.base);
  const out: {
    route: string;
    rps: number;
    p99_ms: number;
    thread_cpu_ms: number;
    generator_cpu_ms: number;
    stalls: number;
    stall_max_ms: number;
    gc_ms_per_s: number;
    load: number;
    top_self?: string[];
  }[] = [];
  for (const [index, route] of ROUTE_NAMES.entries()) {
    const load = load1();
    await probeReport(server, probeFile);
    const r = await cannon({
      base: server.base,
      requestsModule: REQUESTS,
      requestsExport: "one",
      session,
      connections: CONNECTIONS,
      seconds: ROUTE_S,
      data: { pathway, prefix: `route${index}`, index },
    });
    const p = await probeReport(server, probeFile);
    const gcMs = Object.values(p.gc).reduce((a, g) => a + g.ms, 0);
    out.push({
      route,
      rps: Math.round(r.rps),
      p99_ms: r.p99,
      thread_cpu_ms: p.thread_cpu_ms_per_request ?? Number.NaN,
      generator_cpu_ms: Math.round((r.generatorCpuMs / r.requests) * 100) / 100,
      stalls: p.stalls.length,
      stall_max_ms: Math.max(0, ...p.stalls.map((st) => st.ms)),
      gc_ms_per_s: round1(gcMs / p.seconds),
      load,
      top_self: p.top_self,
    });
  }
  return out;
}

/** Three uncached bands and two large previews at once; /api/health asked every 50 ms meanwhile. */
async function heavyWork(server: Server, pathway: string) {
  const session = await signInAdmin(server.base);
  const xlsx = await activityXlsx(activityRows(10_000));
  const body = JSON.stringify({
    kind: "activity",
    file_name: "activity.xlsx",
    content_base64: Buffer.from(xlsx).toString("base64"),
  });
  const health = watchHealth(server.base, 50);
  const t0 = performance.now();
  const band = (seed: number) =>
    fetch(`${server.base}${pathway.replace(/\/pathway$/, "/band")}?samples=5000&seed=${seed}`).then(
      (r) => r.status,
    );
  const preview = () =>
    fetch(`${server.base}/api/tenants/jeonju/imports/preview`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: session.cookie,
        "x-citypath-csrf": session.csrf,
      },
      body,
    }).then((r) => r.status);
  const statuses = await Promise.all([band(7), band(8), band(9), preview(), preview()]);
  const ms = performance.now() - t0;
  const h = await health.stop();
  return { statuses, work_ms: Math.round(ms), ...h };
}

async function run(storage: Storage) {
  const probeFile = join(PROBE_DIR, `${storage.kind}.json`);
  let server: Server | undefined;
  try {
    server = await startServer(storage, { probe: probeFile });
    const pathway = await firstPathway(server.base);
    const load = await mixedLoad(server, pathway, storage, probeFile);
    const routes = await perRoute(server, pathway, probeFile);
    const heavy = await heavyWork(server, pathway);
    return { load, routes, heavy };
  } finally {
    await server?.stop();
    await storage.drop();
  }
}

async function main() {
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  if (ONLY !== "postgres") results.pglite = await run(await embeddedStorage());
  if (ONLY !== "pglite") {
    const pg = await postgresStorage();
    if (pg) results.postgres = await run(pg);
    else console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  }
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s, four public reads and one audited write in turn`);
  for (const [db, { load: l, routes, heavy: h }] of Object.entries(results)) {
    console.log(`\n${db}`);
    console.log(
      `  ${l.requests} requests, ${l.rps} req/s; p50 ${l.p50_ms} ms, p99 ${l.p99_ms} ms; ` +
        `${l.errors} errors, ${l.non2xx} non-2xx ${JSON.stringify(l.statuses)}`,
    );
    if (l.non2xx) console.log(`  not 2xx by answer and request: ${JSON.stringify(l.not_2xx)}`);
    console.log(`  throughput first 10 s ${l.rps_first_10s} req/s, last 10 s ${l.rps_last_10s} req/s`);
    console.log(`  resident memory ${l.rss_start_mb} MB at the start, ${l.rss_end_mb} MB at the end`);
    console.log(
      `  event loop (worst second): p99 ${l.loop_p99_ms} ms, max ${l.loop_max_ms} ms (goal: max 50 ms); ` +
        `/api/health p99 ${l.health_p99_ms} ms, max ${l.health_max_ms} ms`,
    );
    console.log(
      `  load average ${l.load_average_start} at the start of the load, ${l.load_average_end} at its end`,
    );
    printStalls(l);
    if (routes.length) {
      console.log(`  each request alone, ${ROUTE_S} s at ${CONNECTIONS} connections:`);
      for (const x of routes)
        console.log(
          `    ${x.route}: ${x.rps} req/s, p99 ${x.p99_ms} ms; server thread ${x.thread_cpu_ms} ms CPU a request, ` +
            `load generator ${x.generator_cpu_ms} ms; GC ${x.gc_ms_per_s} ms a second; ` +
            `${x.stalls} stalls over 50 ms (max ${x.stall_max_ms}); load average ${x.load}`,
        );
      for (const x of routes)
        if (x.top_self) console.log(`    ${x.route}, most self time: ${x.top_self.slice(0, 10).join("; ")}`);
    }
    console.log(
      `  heavy work (3 bands of 5,000 samples, 2 previews of 10,000 rows; answers ${h.statuses.join(", ")}) ` +
        `took ${h.work_ms} ms; meanwhile /api/health p50 ${h.health_p50_ms} ms, p99 ${h.health_p99_ms} ms, ` +
        `max ${h.health_max_ms} ms (goal 50 ms), loop max ${h.loop_max_ms} ms`,
    );
  }
  const flat: Record<string, unknown> = { bench: "load", connections: CONNECTIONS, duration_s: DURATION_S };
  for (const [db, r] of Object.entries(results)) {
    for (const [k, v] of Object.entries(r.load)) if (typeof v === "number") flat[`${db}_${k}`] = v;
    for (const [i, x] of r.routes.entries()) {
      flat[`${db}_route${i}_thread_cpu_ms`] = x.thread_cpu_ms;
      flat[`${db}_route${i}_rps`] = x.rps;
    }
    for (const [k, v] of Object.entries(r.heavy)) if (typeof v === "number") flat[`${db}_heavy_${k}`] = v;
  }
  console.log(JSON.stringify(flat));
}

/** Every stall over 50 ms of the mixed load, with what it was made of, and the totals. */
function printStalls(l: Awaited<ReturnType<typeof mixedLoad>>) {
  const p = l.probe;
  console.log(
    `  server thread: ${l.thread_cpu_ms_per_request} ms CPU a request, ${l.thread_wait_ms_per_s} ms a second ` +
      `waiting for a core; process ${l.server_cpu_ms_per_request} ms a request (all threads), database ` +
      `${l.db_cpu_ms_per_request} ms, load generator ${l.generator_cpu_ms_per_request} ms`,
  );
  const gc = Object.entries(p.gc)
    .map(([k, g]) => `${g.count} ${k} (${g.ms} ms, max ${g.max_ms})`)
    .join(", ");
  console.log(`  garbage collection over ${p.seconds} s: ${gc || "none"}`);
  if (p.top_self) console.log(`  most self time of the server's thread: ${p.top_self.join("; ")}`);
  console.log(
    `  stretches over 50 ms without the probe's 10 ms timer: ${l.stalls_over_50ms} (max ${l.stall_max_ms} ms): ` +
      `${l.stalls_core} waiting for a core, ${l.stalls_gc} garbage collection, ${l.stalls_many} many requests ` +
      `back to back, ${l.stalls_one} few requests (one long callback), ${l.stalls_blocked} blocked off the CPU`,
  );
  const worst = [...p.stalls].sort((a, b) => b.ms - a.ms).slice(0, 12);
  for (const st of worst) {
    const routes = Object.entries(st.routes)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([r, n]) => `${n} ${r.replace("/api/tenants/jeonju", "")}`)
      .join(", ");
    console.log(
      `    ${st.ms} ms [${stallCause(st)}]: thread on CPU ${st.cpu_ms} ms (GC ${gcMsOf(st)}), waiting for a core ` +
        `${st.wait_ms} ms; ${st.requests_begun} requests begun ` +
        `(${routes || "none"}), ${st.answers_finished} answers finished; heap ${st.heap_mb} MB; ` +
        `${st.runnable_threads} threads runnable on the machine`,
    );
    if (st.longest_callback)
      console.log(
        `      longest run in one callback ${st.longest_callback.ms} ms (${st.longest_callback.entry}); ` +
          `most self time: ${st.top_self?.slice(0, 4).join("; ")}`,
      );
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(PROBE_DIR, { recursive: true, force: true }));
