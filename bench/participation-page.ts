/**
 * How fast a consultation with 1,000 comments renders its first page in Chromium (goal: within 1 s).
 *
 * Starts the real server (`citypath serve --demo`, fresh embedded database, the web app built from the
 * sources) with the participation limits raised for the load, opens two consultations through the API and
 * fills one with COMMENTS comments (default 1,000: 80 % top-level, 20 % replies to the newest top-level
 * ones, so that the first page carries 50 threads and their replies) and the other with one comment, the
 * reference measured in the same run. Then in Debian's Chromium, RUNS times each with a cold page
 * (a new page, the browser's cache kept as a returning visitor has it): the milliseconds from the
 * navigation's start to the first page of comments in the document (`[data-testid="comments"]` with its
 * articles), and the server's answer time for that page of comments (Resource Timing). Prints the figures
 * and ends with one line of JSON; nothing is asserted. With TIMELINE=1 it also prints, for the last run of
 * each consultation, when each file and answer was asked for and ended and when the page first painted
 * (milliseconds from the navigation's start, Resource and Paint Timing): the path every page shares.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import { chromium } from "playwright-core";
import { type ApiCall, apiSession } from "../e2e/lib/api.ts";
import { browserUnavailable, CHROMIUM_ARGS, chromiumPath } from "../e2e/lib/chromium.ts";
import { startServer } from "../e2e/lib/server.ts";
import { startSmtpSink } from "../e2e/lib/smtp.ts";
import { startTrace, stopTrace, traceSummary } from "./lib/page-trace.ts";

const COMMENTS = Number(process.env.COMMENTS ?? 1000);
const RUNS = Number(process.env.RUNS ?? 5);
const TIMELINE = process.env.TIMELINE === "1";
/** With PROFILE=1, the last run of each consultation is profiled (V8's sampling profiler through CDP). */
const PROFILE = process.env.PROFILE === "1";
/** With TRACE=1, the last run of each page is traced (Chromium's devtools.timeline) and summarised. */
const TRACE = process.env.TRACE === "1";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a profile's time went: self time by script and by function (ms), the largest first. */
function profileSummary(p: CpuProfile): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const byUrl = new Map<string, number>();
  const byFn = new Map<string, number>();
  (p.samples ?? []).forEach((id, i) => {
    const ms = (p.timeDeltas?.[i] ?? 0) / 1000;
    const f = byId.get(id)?.callFrame;
    const url = f?.url ? new URL(f.url).pathname : `(${f?.functionName || "program"})`;
    byUrl.set(url, (byUrl.get(url) ?? 0) + ms);
    const fn = `${f?.functionName || "(anonymous)"} ${url}:${(f?.lineNumber ?? 0) + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(5)} ms  ${k}`)
      .join("\n");
  return `self time by script:\n${top(byUrl, 12)}\nself time by function:\n${top(byFn, 25)}`;
}
const BIG = "bench-thousand";
const SMALL = "bench-one";

/** The one-minute load average, one decimal. */
const load1 = () => Math.round((loadavg()[0] ?? Number.NaN) * 10) / 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function consultation(admin: ApiCall, id: string): Promise<void> {
  const r = await admin("PUT", `/api/tenants/jeonju/consultations/${id}`, {
    base_version: 0,
    consultation: {
      id,
      title: { ko: `벤치마크 의견수렴 ${id}`, en: `Benchmark consultation ${id}` },
      description: { ko: "측정용 의견수렴 (예시)", en: "A consultation for measuring (illustrative)" },
      subject: { kind: "action", id: "brt" },
      audience: "all",
      status: "open",
      opens_at: new Date(Date.now() - 86_400_000).toISOString(),
      closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      department: "transport-policy",
      illustrative: true,
    },
  });
  if (r.status !== 200) throw new Error(`consultation ${id}: ${r.status} ${await r.text()}`);
}

async function comment(as: ApiCall, id: string, text: string, parent?: string): Promise<string> {
  const r = await as("POST", `/api/tenants/jeonju/consultations/${id}/comments`, {
    text,
    ...(parent ? { parent } : {}),
  });
  if (r.status !== 201) throw new Error(`comment: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { contribution: { id: string } }).contribution.id;
}

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) {
    console.log(`skipped: ${why}`);
    return;
  }
  const limit = "1000000";
  const sink = await startSmtpSink();
  const server = await startServer(300_000, {
    env: {
      CITYPATH_SMTP_URL: sink.url,
      CITYPATH_MAIL_FROM: "Citypath <citypath@jeonju.example>",
      CITYPATH_MAIL_INTERVAL_MS: "500",
      CITYPATH_RATE_CONTRIBUTIONS_PER_MINUTE: limit,
      CITYPATH_RATE_CONTRIBUTIONS_PER_DAY: limit,
      CITYPATH_RATE_PARTICIPATION_POSTS_PER_ADDRESS: limit,
      CITYPATH_RATE_WRITES_PER_USER: limit,
    },
  });
  try {
    const admin = await apiSession(server.url, "admin@example.org", "e2e-admin-password-not-secret");
    await consultation(admin, BIG);
    await consultation(admin, SMALL);
    // the comments come from a citizen's account (signed up with consent, confirmed by the mailed link)
    const email = "bench.citizen@jeonju.example";
    const password = "a bench of many voices 2026";
    const up = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email,
        name: "측정용 시민",
        password,
        consent: { version: CONSENT_TEXT_VERSION, required: true, age_14_or_older: true, optional: [] },
      }),
    });
    if (up.status !== 202) throw new Error(`sign-up: ${up.status} ${await up.text()}`);
    const mail = await sink.waitFor(email, (m) => m.text.includes("confirm"));
    const token = new URL(/^(https?:\/\/\S+)$/m.exec(mail.text)?.[1] ?? "http://x/").searchParams.get(
      "token",
    );
    const confirmed = await fetch(`${server.url}/api/auth/confirm-account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${await confirmed.text()}`);
    const citizen = await apiSession(server.url, email, password);
    await comment(citizen, SMALL, "정류장 위치에 대한 의견입니다 (예시).");
    const t0 = Date.now();
    const top = Math.round(COMMENTS * 0.8);
    const tops: string[] = [];
    // a few at a time, as many people posting would
    for (let i = 0; i < top; i += 8) {
      const batch = Array.from({ length: Math.min(8, top - i) }, (_, k) =>
        comment(
          citizen,
          BIG,
          `의견 ${i + k + 1}: BRT 정류장을 ${(i + k) % 33}번 행정동 가까이 두면 좋겠습니다 (예시).`,
        ),
      );
      tops.push(...(await Promise.all(batch)));
    }
    const newest = tops.slice(-50);
    for (let i = 0; i < COMMENTS - top; i += 8) {
      const batch = Array.from({ length: Math.min(8, COMMENTS - top - i) }, (_, k) =>
        comment(citizen, BIG, `답글 ${i + k + 1}: 동의합니다 (예시).`, newest[(i + k) % newest.length]),
      );
      await Promise.all(batch);
    }
    const fillMs = Date.now() - t0;

    // a returning visitor's browser: a profile on disk (Chromium keeps its HTTP cache and V8's code cache
    // there; a Playwright context of its own is off the record, where Chromium keeps no code cache)
    const profileDir = mkdtempSync(join(tmpdir(), "citypath-bench-profile-"));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      locale: "ko-KR",
      viewport: { width: 1280, height: 900 },
      timezoneId: "Asia/Seoul",
      reducedMotion: "reduce",
    });
    context.setDefaultTimeout(60_000);
    /**
     * RUNS+1 loads of `path` (the first only warms the cache), each in a new page: the milliseconds from the
     * navigation's start to the moment `selector` is in the document (null: to the load event).
     */
    const measure = async (path: string, selector: string | null) => {
      const out: {
        render: number[];
        api: number[];
        after: number[];
        script: number[];
        layout: number[];
        items: number;
      } = {
        render: [],
        api: [],
        after: [],
        script: [],
        layout: [],
        items: 0,
      };
      for (let run = 0; run <= RUNS; run++) {
        const page = await context.newPage();
        // the moment the selector is in the document, taken in the page itself (a mutation observer set
        // before the app's first script), not when the driver next polls: under load a poll lags by
        // hundreds of milliseconds
        if (selector)
          await page.addInitScript((sel: string) => {
            const w = window as unknown as { __drawnAt?: number };
            new MutationObserver((_m, obs) => {
              if (w.__drawnAt === undefined && document.querySelector(sel)) {
                w.__drawnAt = performance.now();
                obs.disconnect();
              }
            }).observe(document, { childList: true, subtree: true });
          }, selector);
        // where the page's main thread spent its time (Chromium's own counters, seconds since the page began)
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable");
        const last = run === RUNS;
        const profiling = PROFILE && last;
        const tracing = TRACE && last;
        if (profiling) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
          await cdp.send("Profiler.start");
        }
        if (tracing) await startTrace(cdp);
        await page.goto(`${server.url}${path}`, { waitUntil: "load" });
        // the page's own mark is polled from here with plain evaluations: Playwright's waitForSelector would
        // load its injected script into the page and poll on the page's main thread, competing with the app
        if (selector) {
          const until = Date.now() + 60_000;
          while (
            !(await page.evaluate(
              () => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined,
            ))
          ) {
            if (Date.now() > until) throw new Error(`${path}: ${selector} not drawn within 60 s`);
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        if (profiling) {
          const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
          console.log(`profile of ${path} (to the page drawn and a poll after):`);
          console.log(profileSummary(profile));
        }
        const trace = tracing ? await stopTrace(cdp) : undefined;
        const counters = new Map(
          (await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value] as const),
        );
        await cdp.detach();
        const m = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as
            | PerformanceNavigationTiming
            | undefined;
          const start = nav ? nav.startTime : 0;
          const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) =>
            /\/comments\?/.test(e.name),
          );
          const at =
            (window as unknown as { __drawnAt?: number }).__drawnAt ??
            (nav ? nav.loadEventEnd : performance.now());
          return {
            render: at - start,
            api: api ? api.responseEnd - api.requestStart : -1,
            // from the page of comments' last byte to the comments in the document: parsing and drawing
            after: api ? at - api.responseEnd : -1,
            items: document.querySelectorAll('[data-testid="comments"] article').length,
            timeline: [
              ...(performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({
                what: new URL(e.name).pathname + new URL(e.name).search,
                start: Math.round(e.startTime - start),
                end: Math.round(e.responseEnd - start),
              })),
              ...performance.getEntriesByType("paint").map((e) => ({
                what: e.name,
                start: Math.round(e.startTime - start),
                end: Math.round(e.startTime - start),
              })),
              ...(nav
                ? [
                    { what: "(document)", start: 0, end: Math.round(nav.responseEnd - start) },
                    {
                      what: "(DOMContentLoaded)",
                      start: Math.round(nav.domContentLoadedEventStart - start),
                      end: Math.round(nav.domContentLoadedEventEnd - start),
                    },
                  ]
                : []),
              { what: "(drawn)", start: Math.round(at - start), end: Math.round(at - start) },
            ].sort((a, b) => a.start - b.start),
          };
        });
        if (TIMELINE && last) {
          console.log(`timeline of ${path} (ms from the navigation's start: asked for, ended):`);
          for (const e of m.timeline)
            console.log(`  ${String(e.start).padStart(5)} ${String(e.end).padStart(5)}  ${e.what}`);
        }
        if (trace) {
          const events = trace;
          console.log(`trace of ${path}, to the page drawn at ${Math.round(m.render)} ms:`);
          console.log(traceSummary(events, path, m.render));
        }
        await page.close();
        if (run === 0) continue; // the first visit warms the browser's cache of the app's files
        out.script.push(1000 * (counters.get("ScriptDuration") ?? Number.NaN));
        out.layout.push(
          1000 *
            ((counters.get("LayoutDuration") ?? Number.NaN) +
              (counters.get("RecalcStyleDuration") ?? Number.NaN)),
        );
        out.render.push(m.render);
        out.api.push(m.api);
        out.after.push(m.after);
        out.items = m.items;
      }
      return out;
    };
    const COMMENTS_DRAWN = '[data-testid="comments"] article';
    const big = await measure(`/ko/consultations/${BIG}`, COMMENTS_DRAWN);
    const small = await measure(`/ko/consultations/${SMALL}`, COMMENTS_DRAWN);
    // the floor, in the same run: a small static file of the same server opened as the page (to its load
    // event: Chromium's new page, the navigation and one answer), and the site's lightest page (the page for
    // an unknown address: the app's entry, the list of cities and one small page's code, to its heading)
    const fileFloor = await measure("/favicon.svg", null);
    const lightest = await measure("/ko/no-such-page", "main h1");
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    const figures = {
      comments: COMMENTS,
      runs: RUNS,
      fill_ms: fillMs,
      first_page_items: big.items,
      render_ms_median: Math.round(median(big.render)),
      render_ms_max: Math.round(Math.max(...big.render)),
      comments_api_ms_median: Math.round(median(big.api)),
      after_answer_ms_median: Math.round(median(big.after)),
      script_ms_median: Math.round(median(big.script)),
      layout_and_style_ms_median: Math.round(median(big.layout)),
      reference_render_ms_median: Math.round(median(small.render)),
      reference_comments_api_ms_median: Math.round(median(small.api)),
      reference_after_answer_ms_median: Math.round(median(small.after)),
      reference_script_ms_median: Math.round(median(small.script)),
      reference_layout_and_style_ms_median: Math.round(median(small.layout)),
      static_file_ms_median: Math.round(median(fileFloor.render)),
      lightest_page_ms_median: Math.round(median(lightest.render)),
      lightest_page_ms_max: Math.round(Math.max(...lightest.render)),
      load_average: load1(),
      render_ratio_to_lightest_page: Math.round((median(big.render) / median(lightest.render)) * 100) / 100,
      render_ratio_to_reference: Math.round((median(big.render) / median(small.render)) * 100) / 100,
    };
    console.log(
      `A consultation with ${COMMENTS} comments: its first page (${big.items} comments and replies) renders in ${figures.render_ms_median} ms (median of ${RUNS}; max ${figures.render_ms_max}; goal within 1,000 ms); the page of comments answers in ${figures.comments_api_ms_median} ms and is drawn ${figures.after_answer_ms_median} ms after its last byte. Reference, one comment: ${figures.reference_render_ms_median} ms (drawn ${figures.reference_after_answer_ms_median} ms after its answer). Main thread until then: script ${figures.script_ms_median} ms, layout and style ${figures.layout_and_style_ms_median} ms (reference ${figures.reference_script_ms_median} and ${figures.reference_layout_and_style_ms_median} ms). Floor: a static file ${figures.static_file_ms_median} ms, the lightest page ${figures.lightest_page_ms_median} ms (max ${figures.lightest_page_ms_max}). Load average ${load1()}.`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await server.stop();
    await sink.close();
  }
}

await main();
