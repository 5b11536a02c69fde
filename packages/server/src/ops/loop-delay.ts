/**
 * How long the event loop was held up: `perf_hooks.monitorEventLoopDelay` sampled every 10 ms, read and reset
 * once a second. `/api/health` answers with the last full second's figures, so that a load test (or an
 * operator's probe) sees a stall in the second it happened, not averaged into the process's life.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface LoopDelaySecond {
  /** 99th percentile and maximum of the delays measured in the last full second, milliseconds. */
  readonly p99_ms: number;
  readonly max_ms: number;
  /** Worst single delay since the process started, milliseconds (start-up included). */
  readonly max_since_start_ms: number;
}

export interface LoopDelayMonitor {
  last(): LoopDelaySecond;
  stop(): void;
}

const NS_PER_MS = 1e6;
const round = (ns: number) => Math.round((ns / NS_PER_MS) * 10) / 10;

/** What is read of a delay histogram (node's IntervalHistogram, in nanoseconds). */
export interface DelayHistogram {
  readonly count: number;
  readonly max: number;
  percentile(p: number): number;
  reset(): void;
}

/** Turns a histogram into one-second windows: `close()` ends a window (read, then reset). */
export function loopDelayWindows(h: DelayHistogram) {
  let lastSecond: LoopDelaySecond = { p99_ms: 0, max_ms: 0, max_since_start_ms: 0 };
  let maxEver = 0;
  return {
    close(): void {
      // an empty window (no sample yet) reads as 0, which is what it is
      const max = h.count > 0 ? h.max : 0;
      maxEver = Math.max(maxEver, max);
      lastSecond = {
        p99_ms: round(h.count > 0 ? h.percentile(99) : 0),
        max_ms: round(max),
        max_since_start_ms: round(maxEver),
      };
      h.reset();
    },
    last: (): LoopDelaySecond => lastSecond,
  };
}

export function startLoopDelayMonitor(windowMs = 1000): LoopDelayMonitor {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const w = loopDelayWindows(h);
  const timer = setInterval(w.close, windowMs);
  timer.unref();
  return {
    last: w.last,
    stop: () => {
      clearInterval(timer);
      h.disable();
    },
  };
}
