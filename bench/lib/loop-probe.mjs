// What a stall of the event loop is made of, seen from inside the server's process (loaded there with
// `node --import`, by bench/lib/server.ts's `startServer(storage, { probe })`; the server's code is not
// changed). A 10 ms timer notes every stretch in which it could not run for more than 50 ms, and for each:
//   - the main thread's own CPU time and its time waiting for a core (Linux /proc/self/task/<tid>/schedstat:
//     run time and run-queue wait), the rest being time blocked off the CPU;
//   - the garbage collections that overlap it (perf_hooks 'gc' entries: scavenges, mark-compacts, their ms);
//   - the HTTP requests that began and the answers that finished in it, by route: many short requests run back
//     to back show as a large count, one long callback as a small one;
//   - the heap in use, and the machine's runnable threads at its end (/proc/loadavg).
// With BENCH_LOOP_PROFILE=1 a CPU profile of the main thread is taken too (node:inspector, 1 ms samples), and
// for each stall the functions with the most self time in it and the longest unbroken run of samples in one
// callback (a run of samples under one entry frame with no idle sample between, so an upper bound of the
// longest single callback).
// SIGUSR2 writes everything since the last SIGUSR2 (or the start) to BENCH_LOOP_PROBE_FILE and starts afresh.
import diagnostics from "node:diagnostics_channel";
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { PerformanceObserver, performance } from "node:perf_hooks";

const OUT = process.env.BENCH_LOOP_PROBE_FILE;
const PROFILE = process.env.BENCH_LOOP_PROFILE === "1";
const TICK_MS = 10;
const OVER_MS = 50;
const SCHED = `/proc/self/task/${process.pid}/schedstat`;

/** The main thread's CPU time and run-queue wait since it began, ms (NaN off Linux). */
function sched() {
  try {
    const [run, wait] = readFileSync(SCHED, "utf8").split(" ");
    return { run: Number(run) / 1e6, wait: Number(wait) / 1e6 };
  } catch {
    return { run: Number.NaN, wait: Number.NaN };
  }
}
const procCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round1 = (x) => Math.round(x * 10) / 10;

/** A request's route: its method and path, every segment with a digit in it as `*`. */
function routeOf(req) {
  const path = (req.url ?? "").split("?")[0];
  return `${req.method} ${path
    .split("/")
    .map((s) => (/\d/.test(s) ? "*" : s))
    .join("/")}`;
}

let window0;
let stalls;
let gcs;
let started;
let finished;
let routes;
let recent; // routes of the requests begun since the last tick
let finishedSinceTick;
let ticks;
function reset() {
  const s = sched();
  window0 = { at: performance.now(), run: s.run, wait: s.wait, proc: procCpuMs() };
  stalls = [];
  gcs = [];
  started = 0;
  finished = 0;
  routes = new Map();
  recent = [];
  finishedSinceTick = 0;
  ticks = 0;
  // the report's own time (reading a profile takes tens of ms) is not a stall of the next window
  last = performance.now();
  lastSched = s;
}
let last;
let lastSched;
reset();

diagnostics.subscribe("http.server.request.start", ({ request }) => {
  started++;
  const r = routeOf(request);
  routes.set(r, (routes.get(r) ?? 0) + 1);
  recent.push(r);
});
diagnostics.subscribe("http.server.response.finish", () => {
  finished++;
  finishedSinceTick++;
});

new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    gcs.push({ start: e.startTime, ms: e.duration, kind: e.detail?.kind ?? e.kind });
}).observe({ entryTypes: ["gc"] });

// the profile: started now and at every SIGUSR2, stopped and read at the next
let session;
const post = (method, params) =>
  new Promise((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
async function startProfile() {
  if (!PROFILE) return;
  if (!session) {
    session = new Session();
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 1000 });
  }
  await post("Profiler.start");
}
startProfile();

setInterval(() => {
  const now = performance.now();
  const s = sched();
  const held = now - last - TICK_MS;
  ticks++;
  if (held > OVER_MS) {
    const byRoute = {};
    for (const r of recent) byRoute[r] = (byRoute[r] ?? 0) + 1;
    const load = readFileSync("/proc/loadavg", "utf8").split(" ");
    stalls.push({
      from: last,
      to: now,
      ms: round1(held),
      cpu_ms: round1(s.run - lastSched.run),
      wait_ms: round1(s.wait - lastSched.wait),
      requests_begun: recent.length,
      answers_finished: finishedSinceTick,
      routes: byRoute,
      heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      runnable_threads: Number(load[3]?.split("/")[0]),
    });
  }
  recent = [];
  finishedSinceTick = 0;
  last = now;
  lastSched = s;
}, TICK_MS).unref();

/** GC kinds as perf_hooks numbers them. */
const GC_KIND = {
  1: "scavenge",
  2: "minor mark-compact",
  4: "mark-compact",
  8: "incremental",
  16: "weak callbacks",
};
function gcSummary(entries) {
  const out = {};
  for (const g of entries) {
    const k = GC_KIND[g.kind] ?? String(g.kind);
    out[k] ??= { count: 0, ms: 0, max_ms: 0 };
    const o = out[k];
    o.count++;
    o.ms += g.ms;
    o.max_ms = Math.max(o.max_ms, g.ms);
  }
  for (const o of Object.values(out)) {
    o.ms = round1(o.ms);
    o.max_ms = round1(o.max_ms);
  }
  return out;
}

/**
 * A stall's samples in the profile: the functions with the most self time and the longest run of samples
 * under one entry frame (the frame just below the root) with no idle or program sample between.
 */
function profileOf(profile, fromMs, toMs, keep = 8) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const root = profile.nodes[0].id;
  const entryOf = (id) => {
    let cur = id;
    while (parent.get(cur) !== undefined && parent.get(cur) !== root) cur = parent.get(cur);
    return cur;
  };
  const name = (n) => {
    const f = n.callFrame;
    const where = f.url ? ` ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}` : "";
    return `${f.functionName || "(anonymous)"}${where}`;
  };
  const self = new Map();
  let t = profile.startTime;
  let runEntry;
  let runStart = 0;
  let longest = { ms: 0, entry: "" };
  let prevT = t;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const ms = (t - prevT) / 1000;
    prevT = t;
    const atMs = t / 1000;
    if (atMs < fromMs || atMs > toMs) continue;
    const n = nodes.get(profile.samples[i]);
    const fn = n.callFrame.functionName;
    self.set(name(n), (self.get(name(n)) ?? 0) + ms);
    const busy = fn !== "(idle)" && fn !== "(program)";
    const gc = fn === "(garbage collector)";
    const entry = busy && !gc ? entryOf(n.id) : undefined;
    if (gc && runEntry !== undefined) continue; // a collection inside a callback belongs to it
    if (entry !== runEntry) {
      runEntry = entry;
      runStart = atMs - ms;
    }
    if (runEntry !== undefined && atMs - runStart > longest.ms)
      longest = { ms: round1(atMs - runStart), entry: name(nodes.get(runEntry)) };
  }
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, keep)
    .map(([f, ms]) => `${round1(ms)} ms ${f}`);
  return { top_self: top, longest_callback: longest };
}

let profileOffsetMs = 0;
async function report() {
  const s = sched();
  const now = performance.now();
  const proc = procCpuMs();
  let profile;
  if (PROFILE) {
    profile = (await post("Profiler.stop")).profile;
    // the profile's clock is the monotonic one of process.hrtime, in µs; performance.now() counts from the
    // process's start on it
    profileOffsetMs = Number(process.hrtime.bigint() / 1000n) / 1000 - performance.now();
  }
  const gcOf = (from, to) => gcs.filter((g) => g.start < to && g.start + g.ms > from);
  const out = {
    seconds: round1((now - window0.at) / 1000),
    ticks,
    requests_begun: started,
    answers_finished: finished,
    routes: Object.fromEntries(routes),
    thread_cpu_ms: round1(s.run - window0.run),
    thread_wait_ms: round1(s.wait - window0.wait),
    process_cpu_ms: round1(proc - window0.proc),
    thread_cpu_ms_per_request: started ? Math.round(((s.run - window0.run) / started) * 1000) / 1000 : null,
    gc: gcSummary(gcs),
    ...(profile ? { top_self: profileOf(profile, 0, Number.POSITIVE_INFINITY, 12).top_self } : {}),
    stalls: stalls.map(({ from, to, ...st }) => ({
      ...st,
      gc: gcSummary(gcOf(from, to)),
      ...(profile ? profileOf(profile, from + profileOffsetMs, to + profileOffsetMs) : {}),
    })),
  };
  if (OUT) writeFileSync(OUT, JSON.stringify(out));
  reset();
  await startProfile();
}
process.on("SIGUSR2", () => {
  report().catch((e) => {
    if (OUT) writeFileSync(OUT, JSON.stringify({ error: String(e) }));
  });
});
