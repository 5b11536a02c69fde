/**
 * The long fuzz run (`npm run bench:fuzz`): requests generated from /api/openapi.json for every operation
 * (packages/server/src/fuzz), sent to the real app in-process (PGlite, the Jeonju demo, anonymous, a signed-in
 * editor and a malformed cookie), then malformed CSV and XLSX files sent to the import preview: random bytes,
 * truncated workbooks, wrong encodings, huge stated ranges, formula cells. Every answer is checked (no 5xx, no
 * thrown request, errors in the catalogue's shape, refused writes change nothing); a failure is counted and
 * its first examples printed. Prints counts per route and status and ends with one JSON line.
 * A request not answered within ANSWER_S seconds (default 120) is a failed check ("no answer"), naming the request.
 * REQUESTS (default 100,000), FILES (default 1,000), FUZZ_SEED; FUZZ_OPS (a comma-separated list of substrings
 * of "METHOD /path") limits the run to the operations that match one. FUZZ_DATABASE=postgres runs it on a
 * PostgreSQL database made for the run (BENCH_DATABASE_URL or TEST_DATABASE_URL) instead of PGlite.
 * The event loop is watched throughout (monitorEventLoopDelay, and a 5 ms timer that names the route in flight
 * whenever the loop was held more than 50 ms): the slowest stretches are printed with their route and with the
 * CPU time the server's thread spent in them (a stretch with more than 50 ms of it is code holding the loop;
 * the rest is a loaded machine leaving the thread waiting for a core). Generating the requests (on the same thread) is named as such.
 */

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { openDatabase } from "@citypath/db";
import { createFromPostgresTemplate } from "@citypath/db/testing";
import ExcelJS from "exceljs";
import fc from "fast-check";
import pg from "pg";
import { bigSheetXlsx, sheetXml, workbookParts, zip } from "../packages/data/src/testing/xlsx-build.ts";
import { fuzzHarness } from "../packages/server/src/fuzz/harness.ts";
import { type FuzzRequest, requestsFor } from "../packages/server/src/fuzz/openapi-fuzz.ts";
import { closeFilePool } from "../packages/server/src/workers/files.ts";

const REQUESTS = Number(process.env.REQUESTS ?? 100_000);
const FILES = Number(process.env.FILES ?? 1_000);
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const ANSWER_MS = Number(process.env.ANSWER_S ?? 120) * 1000;
const ONLY_OPS = (process.env.FUZZ_OPS ?? "").split(",").filter(Boolean);

const ON_POSTGRES = process.env.FUZZ_DATABASE === "postgres";
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (ON_POSTGRES && !adminUrl)
  throw new Error("FUZZ_DATABASE=postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
const dbName = `citypath_fuzz_${randomBytes(5).toString("hex")}`;
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
if (ON_POSTGRES) {
  await createFromPostgresTemplate(adminUrl!, dbName);
  const u = new URL(adminUrl!);
  u.pathname = `/${dbName}`;
  database = await openDatabase({ databaseUrl: u.toString() });
}
const h = await fuzzHarness({ database });

/**
 * The route in flight, and every stretch above 50 ms in which the loop ran no timer, with that route, the
 * CPU time this thread spent in it and its time waiting for a core (Linux: /proc/self/task/<pid>/schedstat,
 * nanoseconds), and the garbage collections' pauses in it (perf_hooks 'gc' entries). A stretch the thread
 * spent mostly waiting for a core is the machine's doing, not code holding the loop (decision 0097).
 */
let inFlight = "(none)";
const stalls: { from: number; to: number; ms: number; cpuMs: number; waitMs: number; route: string }[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const gcs: { start: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ["gc"] });
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
/** This thread's CPU time and run-queue wait since it began, ms (NaN off Linux). */
const threadSched = (): { run: number; wait: number } => {
  try {
    const [run, wait] = readFileSync(schedstat, "utf8").split(" ");
    return { run: Number(run) / 1e6, wait: Number(wait) / 1e6 };
  } catch {
    return { run: Number.NaN, wait: Number.NaN };
  }
};
let lastTick = performance.now();
let lastSched = threadSched();
const ticker = setInterval(() => {
  const now = performance.now();
  const sched = threadSched();
  const held = now - lastTick - 5;
  if (held > 50)
    stalls.push({
      from: lastTick,
      to: now,
      ms: held,
      cpuMs: sched.run - lastSched.run,
      waitMs: sched.wait - lastSched.wait,
      route: inFlight,
    });
  lastTick = now;
  lastSched = sched;
}, 5);
const counts = new Map<string, Map<number, number>>();
const failures: string[] = [];
let failed = 0;
const count = (route: string, status: number) => {
  const m = counts.get(route) ?? new Map<number, number>();
  m.set(status, (m.get(status) ?? 0) + 1);
  counts.set(route, m);
};
const send = async (route: string, r: FuzzRequest) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no answer within ${ANSWER_MS / 1000} s: ${route} ${JSON.stringify(r).slice(0, 400)}`),
        ),
      ANSWER_MS,
    );
  });
  inFlight = route;
  try {
    count(route, await Promise.race([h.send(r), late]));
  } catch (e) {
    failed++;
    count(route, -1);
    if (failures.length < 20) failures.push((e as Error).message.slice(0, 600));
  } finally {
    clearTimeout(timer);
  }
};

const start = performance.now();
const perOp = Math.ceil(REQUESTS / h.operations.length);
let sent = 0;
for (const [i, op] of h.operations.entries()) {
  if (ONLY_OPS.length && !ONLY_OPS.some((o) => `${op.method} ${op.path}`.includes(o))) continue;
  // generating the requests runs on this loop too: named as such, not as the route sent last
  inFlight = `(generating requests for ${op.method} ${op.path})`;
  const samples = fc.sample(requestsFor(op, h.doc), { seed: SEED + i, numRuns: perOp });
  await new Promise((r) => setTimeout(r, 10)); // the ticker sees the generation under its own name
  for (const r of samples) {
    await send(`${op.method} ${op.path}`, r);
    sent++;
  }
  process.stderr.write(`\r${sent} requests`);
}
const requestMs = performance.now() - start;

// malformed files through the import preview
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("활동");
ws.addRow(["year", "gpc_ref", "activity", "amount", "unit"]);
for (let i = 0; i < 50; i++) ws.addRow([2022, "I.1.2", "전력", i, "MWh"]);
const goodXlsx = new Uint8Array(await wb.xlsx.writeBuffer());
const rand = fc.uint8Array({ minLength: 0, maxLength: 4096 });
const fileKinds = fc.oneof(
  rand.map((b) => ({ name: "random.xlsx", bytes: b })),
  rand.map((b) => ({ name: "random.csv", bytes: b })),
  fc.nat({ max: goodXlsx.length }).map((n) => ({ name: "truncated.xlsx", bytes: goodXlsx.subarray(0, n) })),
  fc.tuple(fc.nat({ max: goodXlsx.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
    const b = new Uint8Array(goodXlsx);
    b[i] = v;
    return { name: "flipped.xlsx", bytes: b };
  }),
  fc.constantFrom(
    {
      name: "dimension.xlsx",
      bytes: zip(workbookParts(sheetXml('<row r="1"><c><v>1</v></c></row>', "A1:XFD1048576"))),
    },
    { name: "wide.xlsx", bytes: bigSheetXlsx(3, 250) },
    {
      name: "formula.xlsx",
      bytes: zip(
        workbookParts(
          sheetXml(
            '<row r="1"><c t="inlineStr"><is><t>year</t></is></c><c t="inlineStr"><is><t>amount</t></is></c></row><row r="2"><c><f>1/0</f><v>#DIV/0!</v></c><c t="e"><v>#REF!</v></c></row>',
          ),
        ),
      ),
    },
    { name: "cp949.csv", bytes: new Uint8Array([0xc0, 0xfc, 0xb7, 0xc2, 0x2c, 0x0a, 0xff, 0xfe, 0x00]) },
    {
      name: "formula.csv",
      bytes: new TextEncoder().encode("year,gpc_ref,activity,amount,unit\n=1+1,@x,-2,+3,\t\n"),
    },
    { name: "utf16.csv", bytes: new Uint8Array([0xff, 0xfe, 0x79, 0x00, 0x65, 0x00]) },
  ),
);
const fileStart = performance.now();
inFlight = "(generating files)";
const files = fc.sample(fc.tuple(fileKinds, fc.constantFrom("activity", "factors")), {
  seed: SEED,
  numRuns: FILES,
});
await new Promise((r) => setTimeout(r, 10));
let filesSent = 0;
for (const [f, kind] of files) {
  await send("POST /api/tenants/{tenant}/imports/preview (files)", {
    op: h.operations[0]!,
    url: "/api/tenants/jeonju/imports/preview",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      kind,
      file_name: f.name,
      content_base64: Buffer.from(f.bytes).toString("base64"),
    }),
    caller: "editor",
  });
  filesSent++;
  if (filesSent % 50 === 0) process.stderr.write(`\r${filesSent} files   `);
}
const fileMs = performance.now() - fileStart;
process.stderr.write("\n");
clearInterval(ticker);
loop.disable();
await closeFilePool();
await h.close();
if (ON_POSTGRES) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
}
const byRoute = new Map<string, { n: number; max: number; total: number; maxCpu: number; onCpu: number }>();
/**
 * A stretch in which this thread used more than 50 ms of CPU: code (or its garbage collection) held the loop,
 * and on a quiet machine the stretch would last about that long. On a machine loaded 10-20 on two cores a
 * thread gets a tenth of a core or so, so the stretch's length says more about the machine than the code.
 */
const onCpu = (st: { ms: number; cpuMs: number }) => st.cpuMs > 50;
for (const st of stalls) {
  const e = byRoute.get(st.route) ?? { n: 0, max: 0, total: 0, maxCpu: 0, onCpu: 0 };
  byRoute.set(st.route, {
    n: e.n + 1,
    max: Math.max(e.max, st.ms),
    total: e.total + st.ms,
    maxCpu: Math.max(e.maxCpu, onCpu(st) ? st.cpuMs : 0),
    onCpu: e.onCpu + (onCpu(st) ? 1 : 0),
  });
}
const cpuStalls = stalls.filter(onCpu);
/** The garbage collections' pauses that overlap a stretch, ms. */
const gcMsIn = (st: { from: number; to: number }) =>
  gcs
    .filter((g) => g.start < st.to && g.start + g.ms > st.from)
    .reduce((a, g) => a + Math.min(g.start + g.ms, st.to) - Math.max(g.start, st.from), 0);
const waiting = stalls.filter((st) => st.waitMs >= st.ms / 2);
const collecting = stalls.filter((st) => st.waitMs < st.ms / 2 && gcMsIn(st) >= st.ms / 2);
const longestOnCpu = [...cpuStalls].sort((a, b) => b.cpuMs - a.cpuMs)[0];
console.log(
  `event loop (${ON_POSTGRES ? "PostgreSQL" : "PGlite"}): p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, ` +
    `max ${(loop.max / 1e6).toFixed(1)} ms; ${stalls.length} stretches above 50 ms, ${cpuStalls.length} of ` +
    "them in which this thread used more than 50 ms of CPU (code holding the loop; the rest is the thread waiting for a core), by route (worst first):",
);
for (const [route, e] of [...byRoute]
  .sort((a, b) => b[1].maxCpu - a[1].maxCpu || b[1].max - a[1].max)
  .slice(0, 15))
  console.log(
    `  ${e.max.toFixed(0).padStart(6)} ms max, ${e.n} times; over 50 ms of CPU: ${e.onCpu} times, max ${e.maxCpu.toFixed(0)} ms  ${route}`,
  );
console.log(
  `  of the ${stalls.length} stretches: ${waiting.length} mostly waiting for a core (at least half of the stretch), ` +
    `${collecting.length} mostly garbage collection` +
    (longestOnCpu
      ? `; the longest on the CPU ${longestOnCpu.cpuMs.toFixed(0)} ms of CPU in ${longestOnCpu.ms.toFixed(0)} ms ` +
        `(GC ${gcMsIn(longestOnCpu).toFixed(0)} ms, waiting ${longestOnCpu.waitMs.toFixed(0)} ms): ${longestOnCpu.route}`
      : ""),
);

const byStatus = new Map<number, number>();
for (const [route, m] of [...counts].sort()) {
  console.log(
    `${route}: ${[...m]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s === -1 ? "FAILED" : s} ${n}`)
      .join(", ")}`,
  );
  for (const [s, n] of m) byStatus.set(s, (byStatus.get(s) ?? 0) + n);
}
for (const f of failures) console.log(`failure: ${f}`);
const fivexx = [...byStatus].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
console.log(
  `${sent} requests over ${h.operations.length} operations in ${Math.round(requestMs / 1000)} s; ${filesSent} files in ${Math.round(fileMs / 1000)} s; ${failed} failed checks; ${fivexx} answers 5xx`,
);
console.log(
  JSON.stringify({
    requests: sent,
    operations: h.operations.length,
    files: filesSent,
    failed_checks: failed,
    answers_5xx: fivexx,
    by_status: Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])),
    request_s: Math.round(requestMs / 1000),
    file_s: Math.round(fileMs / 1000),
    seed: SEED,
    database: ON_POSTGRES ? "postgres" : "pglite",
    loop_p99_ms: Math.round(loop.percentile(99) / 1e5) / 10,
    loop_max_ms: Math.round(loop.max / 1e5) / 10,
    stalls_over_50ms: stalls.length,
    stalls_over_50ms_on_cpu: cpuStalls.length,
    stalls_over_50ms_waiting_for_a_core: waiting.length,
    stalls_over_50ms_gc: collecting.length,
    worst_stalls: [...byRoute]
      .sort((a, b) => b[1].maxCpu - a[1].maxCpu || b[1].max - a[1].max)
      .slice(0, 5)
      .map(([route, e]) => ({
        route,
        max_ms: Math.round(e.max),
        times: e.n,
        on_cpu_max_ms: Math.round(e.maxCpu),
        on_cpu_times: e.onCpu,
      })),
  }),
);
