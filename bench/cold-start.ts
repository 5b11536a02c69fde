/**
 * The home page's first chart after a cold start of the server (`npm run bench:cold-start`; goal: within
 * 1.5 s). For each storage (the embedded database, and PostgreSQL when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set; ONLY=pglite|postgres for one): the demo is loaded once by a first start, then
 * RUNS times (default 3) a plain `citypath serve` starts on that existing data (no demo loading) and, as
 * soon as /api/ready answers, Debian's Chromium (a fresh profile: nothing cached) opens the home page. The
 * figures: the process's start to ready, the navigation's start to the first chart's `finished` event, and
 * when each API answer the page waited on arrived (Resource Timing). The reference, measured in the same run:
 * the same page opened in a fresh browser on the last server once its start-up warm-up has finished (a warm
 * server), so that a loaded machine shows as a ratio. Prints the figures and ends with one line of JSON;
 * nothing is asserted.
 */
import { loadavg } from "node:os";
import { browserUnavailable, launch } from "../e2e/lib/chromium.ts";
import { buildWebIfStale } from "../e2e/lib/server.ts";
import {
  embeddedStorage,
  loadSettings,
  postgresStorage,
  type Server,
  type Storage,
  startServer,
} from "./lib/server.ts";

const RUNS = Number(process.env.RUNS ?? 3);
const { only } = loadSettings({ connections: 1, durationS: 1, warmupS: 1 });

interface Run {
  ready_ms: number;
  first_chart_ms: number;
  api_ms: Record<string, number>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The home page opened in a fresh browser on `base`: the first chart and the API answers, ms after navigation. */
async function firstChart(base: string) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstChartMs?: number };
      document.addEventListener("chart-finished", () => {
        w.__firstChartMs ??= performance.now();
      });
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(
      () => (window as unknown as { __firstChartMs?: number }).__firstChartMs,
      null,
      {
        timeout: 120_000,
        polling: 20,
      },
    );
    const t = await page.evaluate(() => ({
      chart: (window as unknown as { __firstChartMs: number }).__firstChartMs,
      api: (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((e) => e.name.includes("/api/"))
        .map((e) => [new URL(e.name).pathname, e.responseEnd] as const),
    }));
    const api: Record<string, number> = {};
    for (const [path, end] of t.api) {
      const short = path.replace(/^\/api\/tenants\/[^/]+/, "…").replace(/\/instances\/[^/]+/, "/i");
      api[short] ??= Math.round(end);
    }
    return { first_chart_ms: Math.round(t.chart), api_ms: api };
  } finally {
    await browser.close();
  }
}

/** A plain start on the existing data; the page opened as soon as /api/ready answers. */
async function coldRun(storage: Storage, keep: boolean): Promise<Run & { server?: Server }> {
  const t0 = performance.now();
  const server = await startServer(storage, { demo: false, pollMs: 10, env: { CITYPATH_LOG_LEVEL: "info" } });
  const ready = Math.round(performance.now() - t0);
  try {
    return { ready_ms: ready, ...(await firstChart(server.base)), ...(keep ? { server } : {}) };
  } finally {
    if (!keep) await server.stop();
  }
}

async function measure(storage: Storage) {
  // the first start loads the demo (and computes what it stores); the measured starts find it there
  const first = await startServer(storage);
  await first.stop();
  const runs: Run[] = [];
  let last: Server | undefined;
  for (let i = 0; i < RUNS; i++) {
    const { server, ...r } = await coldRun(storage, i === RUNS - 1);
    last = server;
    console.log(
      `  ${storage.kind} run ${i + 1}: ready ${r.ready_ms} ms, first chart ${r.first_chart_ms} ms after navigation`,
    );
    console.log(`    API answers (ms after navigation): ${JSON.stringify(r.api_ms)}`);
    runs.push(r);
  }
  // the reference: the same server once its warm-up has finished
  let warm: number;
  try {
    const deadline = Date.now() + 300_000;
    while (!last!.output().includes("public reads warmed") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    warm = (await firstChart(last!.base)).first_chart_ms;
  } finally {
    await last!.stop();
  }
  const cold = median(runs.map((r) => r.first_chart_ms));
  return {
    ready_ms: median(runs.map((r) => r.ready_ms)),
    first_chart_ms: cold,
    first_chart_max_ms: Math.max(...runs.map((r) => r.first_chart_ms)),
    warm_server_first_chart_ms: warm,
    cold_to_warm_ratio: Math.round((cold / warm) * 100) / 100,
    runs,
  };
}

const why = browserUnavailable();
if (why) {
  console.log(`skipped: ${why}`);
  process.exit(0);
}
buildWebIfStale();
const out: Record<string, unknown> = {
  bench: "cold-start",
  runs: RUNS,
  goal_first_chart_ms: 1500,
  load_average_start: loadavg()[0],
};
for (const make of [embeddedStorage, postgresStorage]) {
  const storage = await make();
  if (!storage || (only && only !== storage.kind)) {
    await storage?.drop();
    continue;
  }
  try {
    const m = await measure(storage);
    console.log(
      `${storage.kind}: ready ${m.ready_ms} ms (median), first chart ${m.first_chart_ms} ms (median), ${m.first_chart_max_ms} ms (max); on the warm server ${m.warm_server_first_chart_ms} ms (ratio ${m.cold_to_warm_ratio})`,
    );
    out[storage.kind] = m;
    console.log(
      `  load average: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await storage.drop();
  }
}
console.log(JSON.stringify(out));
