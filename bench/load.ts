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
import { activityRows, activityXlsx } from "./lib/activity-file.ts";
import {
  type CannonResult,
  cannon,
  embeddedStorage,
  loadSettings,
  postgresStorage,
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

async function mixedLoad(server: Server, pathway: string) {
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
  const health = watchHealth(server.base, 500);
  const r: CannonResult = await cannon({
    ...common,
    seconds: DURATION_S,
    data: { pathway, prefix: "load" },
    reasons: true,
  });
  const h = await health.stop();
  const rssEnd = rssMb(server.child.pid);
  const first = r.perSecond.slice(0, 10);
  const last = r.perSecond.slice(-10);
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
    ...h,
  };
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
  const server = await startServer(storage);
  try {
    const pathway = await firstPathway(server.base);
    const load = await mixedLoad(server, pathway);
    const heavy = await heavyWork(server, pathway);
    return { load, heavy };
  } finally {
    await server.stop();
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
  for (const [db, { load: l, heavy: h }] of Object.entries(results)) {
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
      `  heavy work (3 bands of 5,000 samples, 2 previews of 10,000 rows; answers ${h.statuses.join(", ")}) ` +
        `took ${h.work_ms} ms; meanwhile /api/health p50 ${h.health_p50_ms} ms, p99 ${h.health_p99_ms} ms, ` +
        `max ${h.health_max_ms} ms (goal 50 ms), loop max ${h.loop_max_ms} ms`,
    );
  }
  const flat: Record<string, unknown> = { bench: "load", connections: CONNECTIONS, duration_s: DURATION_S };
  for (const [db, r] of Object.entries(results)) {
    for (const [k, v] of Object.entries(r.load)) if (typeof v === "number") flat[`${db}_${k}`] = v;
    for (const [k, v] of Object.entries(r.heavy)) if (typeof v === "number") flat[`${db}_heavy_${k}`] = v;
  }
  console.log(JSON.stringify(flat));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
