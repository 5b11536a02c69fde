/**
 * API throughput (`npm run bench:api`): a real database-backed public read (Jeonju's latest inventory
 * summary) and an authenticated, audited write (an import profile updated on the version last seen), served by
 * `citypath serve --demo` on the embedded database and (when `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` names
 * a PostgreSQL server) on PostgreSQL, beside a bare Hono "hello" server on the same machine in the same run.
 * Each server runs in its own process; autocannon runs in another: 50 connections, a warm-up, then 10 s
 * measured. Goals (measured, not gates): the read at least half the bare server's throughput with p99 under
 * 50 ms; the write's p99 at most 200 ms on PostgreSQL. Settings: CONNECTIONS, DURATION, WARMUP, ONLY (pglite or
 * postgres). Ends with one line of JSON.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { loadavg } from "node:os";
import {
  type CannonResult,
  cannon,
  cpuMeter,
  embeddedStorage,
  loadSettings,
  postgresStorage,
  ROOT,
  type Storage,
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
const READ_PATH = "/api/tenants/jeonju/inventories/latest/summary";
const REQUESTS = new URL("./lib/requests.mjs", import.meta.url).href;

const BARE_SERVER = `
import { serve } from "@hono/node-server";
import { Hono } from "hono";
const app = new Hono();
app.get("/", (c) => c.text("hello"));
const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  process.stdout.write("PORT " + info.port + "\\n");
});
process.on("SIGTERM", () => s.close(() => process.exit(0)));
`;

function startBare(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", BARE_SERVER], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (b: Buffer) => {
      buf += b.toString();
      const m = buf.match(/PORT (\d+)/);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
}

/** The load average over the last minute (what `uptime` shows first). */
const loadNow = () => Math.round(loadavg()[0]! * 100) / 100;

const fmt = (name: string, c: CannonResult) =>
  `${name.padEnd(22)} ${c.rps.toFixed(0).padStart(8)} req/s   p50 ${c.p50} ms   p99 ${c.p99} ms   ` +
  `(${c.requests} requests, ${c.non2xx} non-2xx, ${c.errors} errors)` +
  (c.non2xx
    ? `\n${"".padEnd(24)}not 2xx: ${JSON.stringify(Object.keys(c.reasons).length ? c.reasons : c.statuses)}`
    : "");

async function measure(storage: Storage, bare: { child: ChildProcess; base: string }) {
  const bareBase = bare.base;
  const server = await startServer(storage);
  try {
    const session = await signInAdmin(server.base);
    const common = { connections: CONNECTIONS, requestsModule: REQUESTS, session };
    const read = (base: string, seconds: number) =>
      cannon({
        ...common,
        base,
        seconds,
        requestsExport: "get",
        data: { path: base === bareBase ? "/" : READ_PATH },
      });
    const write = (seconds: number, prefix: string) =>
      cannon({
        ...common,
        base: server.base,
        seconds,
        requestsExport: "writes",
        data: { prefix },
        reasons: true,
      });
    const meter = cpuMeter(server, storage.url);
    await read(server.base, WARMUP_S);
    await read(bareBase, WARMUP_S);
    await meter.start();
    const r = await read(server.base, DURATION_S);
    const readCpu = await meter.stop(r.requests);
    const bareMeter = cpuMeter(bare, undefined);
    await bareMeter.start();
    const hello = await read(bareBase, DURATION_S);
    const bareCpu = await bareMeter.stop(hello.requests);
    await write(WARMUP_S, "warm");
    const waits = storage.url ? waitSampler(storage.url) : undefined;
    await meter.start();
    const w = await write(DURATION_S, "bench");
    const writeCpu = await meter.stop(w.requests);
    return {
      read: r,
      hello,
      write: w,
      readCpu,
      bareCpu,
      writeCpu,
      waits: await waits?.stop(),
      load: loadNow(),
    };
  } finally {
    await server.stop();
    await storage.drop();
  }
}

async function main() {
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const bare = await startBare();
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  try {
    if (ONLY !== "postgres") results.pglite = await measure(await embeddedStorage(), bare);
    if (ONLY !== "pglite") {
      const pg = await postgresStorage();
      if (pg) results.postgres = await measure(pg, bare);
      else console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    }
  } finally {
    bare.child.kill("SIGTERM");
  }
  console.log(
    `${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s measured; read: ${READ_PATH}; ` +
      `load average at start ${load.join(" ")}`,
  );
  const flat: Record<string, unknown> = {
    bench: "api",
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    load_average_at_start: load,
  };
  for (const [
    db,
    { read, hello, write, readCpu, bareCpu, writeCpu, waits, load: loadAfter },
  ] of Object.entries(results)) {
    const ratio = read.rps / hello.rps;
    console.log(`\n${db}`);
    console.log(fmt("  public read", read));
    console.log(fmt("  bare hono (same run)", hello));
    console.log(fmt("  authenticated write", write));
    console.log(
      `  read / bare = ${ratio.toFixed(2)} (goal >= 0.5); read p99 ${read.p99} ms (goal < 50 ms); ` +
        `write p99 ${write.p99} ms (goal <= 200 ms on PostgreSQL)`,
    );
    console.log(
      `  CPU per request: read ${readCpu.server_cpu_ms_per_request} ms in the server, ${readCpu.db_cpu_ms_per_request} ms in ` +
        `the database; bare ${bareCpu.server_cpu_ms_per_request} ms (bare / read CPU ` +
        `${(bareCpu.server_cpu_ms_per_request / readCpu.server_cpu_ms_per_request).toFixed(2)}); ` +
        `write ${writeCpu.server_cpu_ms_per_request} ms and ${writeCpu.db_cpu_ms_per_request} ms`,
    );
    if (waits) console.log(`  the database's connections during the writes (mean): ${JSON.stringify(waits)}`);
    console.log(`  load average (1 min) after the writes: ${loadAfter}`);
    Object.assign(flat, {
      [`${db}_read_cpu`]: readCpu,
      [`${db}_bare_cpu_ms_per_request`]: bareCpu.server_cpu_ms_per_request,
      [`${db}_read_cpu_ratio`]:
        Math.round((bareCpu.server_cpu_ms_per_request / readCpu.server_cpu_ms_per_request) * 1000) / 1000,
      [`${db}_write_cpu`]: writeCpu,
      [`${db}_write_connections`]: waits,
      [`${db}_load_after`]: loadAfter,
      [`${db}_public_read_rps`]: Math.round(read.rps),
      [`${db}_bare_rps`]: Math.round(hello.rps),
      [`${db}_read_ratio`]: Math.round(ratio * 1000) / 1000,
      [`${db}_public_read_p50_ms`]: read.p50,
      [`${db}_public_read_p99_ms`]: read.p99,
      [`${db}_public_read_non2xx`]: read.non2xx,
      [`${db}_write_rps`]: Math.round(write.rps),
      [`${db}_write_p50_ms`]: write.p50,
      [`${db}_write_p99_ms`]: write.p99,
      [`${db}_write_non2xx`]: write.non2xx,
      [`${db}_write_not_2xx`]: write.reasons,
    });
  }
  console.log(JSON.stringify(flat));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
