import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type DelayHistogram, loopDelayWindows, startLoopDelayMonitor } from "./loop-delay.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A histogram fed by hand (nanoseconds), as node's would be by the loop. */
function handHistogram() {
  let samples: number[] = [];
  const h: DelayHistogram & { add(ms: number): void } = {
    get count() {
      return samples.length;
    },
    get max() {
      return Math.max(...samples);
    },
    percentile(p: number) {
      const s = [...samples].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
    },
    reset() {
      samples = [];
    },
    add(ms: number) {
      samples.push(ms * 1e6);
    },
  };
  return h;
}

describe("event-loop delay monitor", () => {
  it("shows a stall in the window it happened, then forgets it but keeps the worst since start", () => {
    const h = handHistogram();
    const w = loopDelayWindows(h);
    w.close();
    assert.deepEqual(w.last(), { p99_ms: 0, max_ms: 0, max_since_start_ms: 0 }, "no sample yet");
    for (let i = 0; i < 99; i++) h.add(10.04);
    h.add(130.26);
    w.close();
    // 100 samples: the 99th percentile is the 99th smallest (10.04 ms), the maximum the stall
    assert.deepEqual(w.last(), { p99_ms: 10, max_ms: 130.3, max_since_start_ms: 130.3 });
    for (let i = 0; i < 50; i++) h.add(10.5);
    w.close();
    assert.deepEqual(w.last(), { p99_ms: 10.5, max_ms: 10.5, max_since_start_ms: 130.3 });
  });

  it("measures a real stall of the loop", async () => {
    const m = startLoopDelayMonitor(100);
    try {
      await sleep(150);
      const busyUntil = Date.now() + 150;
      while (Date.now() < busyUntil) {
        // hold the loop
      }
      await sleep(250);
      // other work on the machine can only make the measured delay longer
      assert.ok(m.last().max_since_start_ms >= 100, JSON.stringify(m.last()));
    } finally {
      m.stop();
    }
  });
});
