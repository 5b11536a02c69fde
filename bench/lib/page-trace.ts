/**
 * Where one page load's time went, from Chromium's trace (the devtools.timeline categories, as the browser's
 * Performance panel records them): the renderer's main thread, from the navigation's start to a moment the
 * caller names, split by kind of work (self time: an event's time less its children's), the gaps when the
 * thread waited, and the milestones (the HTML parsed, each script compiled and run, each style sheet, the
 * first paints). Used by bench/participation-page.ts with TRACE=1.
 */

import type { CDPSession } from "playwright-core";

/** The categories a trace is recorded with. */
export const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "toplevel",
  "v8.execute",
  "blink.user_timing",
  "loading",
];

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string };
}

/** The kind of work an event of the main thread is (its self time is counted under it). */
function kind(name: string): string {
  if (name === "ParseHTML") return "HTML parse";
  if (/^v8\.(compile|compileModule|parseOnBackground|produceCache|produceModuleCache)$/.test(name))
    return "script compile";
  if (/GC|Scavenge|Sweep|Mark/i.test(name)) return "garbage collection";
  if (
    /^(EvaluateScript|v8\.evaluateModule|v8\.run|v8\.callFunction|FunctionCall|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|XHRReadyStateChange|v8\.newInstance)$/.test(
      name,
    )
  )
    return "script run";
  if (/^(UpdateLayoutTree|RecalcStyle|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/.test(name))
    return "style";
  if (name === "Layout" || name === "InvalidateLayout") return "layout";
  if (/^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage|RasterTask|Decode)/.test(name))
    return "paint and commit";
  if (/Font/i.test(name)) return "fonts";
  return "other (the task's own work)";
}

interface Span {
  e: TraceEvent;
  start: number;
  end: number;
  children: Span[];
}

/**
 * The summary, as lines of text. `until` is the moment (ms from the navigation's start, as the page measured
 * it) the caller's figure ends at; the main thread's work is counted up to it.
 */
export function traceSummary(events: TraceEvent[], pagePath: string, until: number): string {
  // the renderer that loaded the page: the one whose navigationStart names its address
  const nav = events.find(
    (e) =>
      e.name === "navigationStart" &&
      String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? "").includes(
        pagePath,
      ),
  );
  if (!nav) return "trace: no navigationStart for the page";
  const main = events.find(
    (e) => e.ph === "M" && e.name === "thread_name" && e.pid === nav.pid && e.args?.name === "CrRendererMain",
  );
  const tid = main?.tid ?? nav.tid;
  const t0 = nav.ts;
  const ms = (ts: number) => (ts - t0) / 1000;
  const end = until;
  const mine = events
    .filter((e) => e.pid === nav.pid && e.tid === tid && e.ph === "X" && e.dur !== undefined)
    .filter((e) => ms(e.ts) < end && ms(e.ts + (e.dur ?? 0)) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // nest the complete events by time (children lie within their parent)
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const e of mine) {
    const s: Span = { e, start: ms(e.ts), end: ms(e.ts + (e.dur ?? 0)), children: [] };
    while (stack.length && (stack[stack.length - 1] as Span).end <= s.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(s);
    else roots.push(s);
    stack.push(s);
  }
  const clip = (a: number, b: number) => Math.max(0, Math.min(b, end) - Math.max(a, 0));
  const byKind = new Map<string, number>();
  const add = (k: string, v: number) => byKind.set(k, (byKind.get(k) ?? 0) + v);
  const walk = (s: Span, inherited: string | undefined) => {
    const own = kind(s.e.name);
    // a task's own bookkeeping counts under what it ran; a script's inner events keep their own kind
    const k = own === "other (the task's own work)" && inherited ? inherited : own;
    const total = clip(s.start, s.end);
    const inner = s.children.reduce((n, c) => n + clip(c.start, c.end), 0);
    add(k, Math.max(0, total - inner));
    for (const c of s.children) walk(c, k === "other (the task's own work)" ? undefined : k);
  };
  for (const r of roots) walk(r, undefined);
  const busy = roots.reduce((n, r) => n + clip(r.start, r.end), 0);
  const lines: string[] = [];
  lines.push(
    `main thread from the navigation's start to ${Math.round(end)} ms: busy ${Math.round(busy)} ms, waiting ${Math.round(end - busy)} ms`,
  );
  for (const [k, v] of [...byKind].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${v.toFixed(0).padStart(5)} ms  ${k}`);
  // milestones: what happened when (ms from the navigation's start, and how long)
  const url = (e: TraceEvent) => {
    const d = (e.args?.data ?? {}) as { url?: string; stackTrace?: { url?: string }[] };
    const beginData = (e.args as { beginData?: { url?: string } } | undefined)?.beginData;
    const u = d.url ?? beginData?.url ?? d.stackTrace?.[0]?.url ?? "";
    try {
      return u ? new URL(u).pathname : "";
    } catch {
      return u;
    }
  };
  const notable = mine.filter(
    (e) =>
      ["ParseHTML", "v8.compileModule", "v8.evaluateModule", "EvaluateScript", "v8.compile"].includes(
        e.name,
      ) ||
      ((e.dur ?? 0) >= 8000 &&
        [
          "FunctionCall",
          "RunMicrotasks",
          "Layout",
          "UpdateLayoutTree",
          "Paint",
          "MajorGC",
          "MinorGC",
        ].includes(e.name)),
  );
  const marks = events.filter(
    (e) =>
      e.pid === nav.pid &&
      ["firstPaint", "firstContentfulPaint", "domContentLoadedEventStart", "loadEventStart"].includes(
        e.name,
      ) &&
      ms(e.ts) >= 0,
  );
  lines.push("milestones (start, duration in ms; a script's cache: the bytes V8 took from its code cache):");
  const rows = [
    ...notable.map((e) => {
      const d = (e.args?.data ?? {}) as Record<string, unknown>;
      const cache =
        d.consumedCacheSize !== undefined
          ? ` cache ${d.consumedCacheSize} B${d.cacheRejected ? " rejected" : ""}`
          : d.notStreamedReason
            ? ` not streamed: ${d.notStreamedReason}`
            : d.streamed !== undefined
              ? ` streamed ${d.streamed}`
              : "";
      return { at: ms(e.ts), text: `${(e.dur ?? 0) / 1000}`, what: `${e.name} ${url(e)}${cache}` };
    }),
    ...marks.map((e) => ({ at: ms(e.ts), text: "", what: e.name })),
  ].sort((a, b) => a.at - b.at);
  for (const r of rows)
    lines.push(
      `  ${r.at.toFixed(0).padStart(5)} ${r.text ? Number(r.text).toFixed(1).padStart(6) : "      "}  ${r.what}`,
    );
  return lines.join("\n");
}

/** Starts recording a trace through the page's DevTools session. */
export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: "recordAsMuchAsPossible" },
    transferMode: "ReturnAsStream",
  });
}

/** Ends the trace and reads its events. */
export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (e) => resolve(e.stream ?? "")),
  );
  await cdp.send("Tracing.end");
  const handle = await done;
  let text = "";
  for (;;) {
    const chunk = await cdp.send("IO.read", { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, "base64").toString("utf8") : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send("IO.close", { handle });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}
