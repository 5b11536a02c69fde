/// <reference lib="webworker" />
/**
 * The scenario explorer's worker: compiles the instance once, then evaluates the deterministic pathway for
 * each set of slider levels. No server round trip; the main thread only draws.
 */
import { engine, type InstanceLike, leversOf } from "./engine.ts";
import type { FromWorker, PathwayFrame, ToWorker } from "./protocol.ts";
import { toFrame } from "./result.ts";

declare const self: DedicatedWorkerGlobalScope;

let compiled: unknown = null;
let instance: InstanceLike | null = null;
let scenarioId = "";

function post(m: FromWorker): void {
  self.postMessage(m);
}

function run(levels: Record<string, number>): PathwayFrame {
  const e = engine();
  if (!e || !instance) throw new Error("no engine");
  const result = e.evaluate(compiled, { scenario: scenarioId, levels });
  return toFrame(result, instance);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    if (m.type === "load") {
      const e = engine();
      if (!e) {
        post({
          type: "error",
          code: "engine_unavailable",
          message: "@citypath/core exports no pathway engine",
        });
        return;
      }
      instance = m.instance as InstanceLike;
      compiled = e.compileInstance(m.instance);
      const sc = m.scenarioId ?? instance.scenarios?.[0]?.id ?? null;
      if (!sc) {
        post({ type: "error", code: "no_scenario", message: "the instance has no scenario" });
        return;
      }
      scenarioId = sc;
      const levers = leversOf(instance, sc);
      const levels = Object.fromEntries(levers.map((l) => [l.id, l.value]));
      const name = instance.scenarios?.find((s) => s.id === sc)?.name ?? { ko: sc, en: sc };
      post({ type: "loaded", scenarioId: sc, scenarioName: name, levers, frame: run(levels) });
    } else if (m.type === "eval") {
      const t0 = performance.now();
      const frame = run(m.levels);
      post({ type: "result", seq: m.seq, frame, evalMs: performance.now() - t0 });
    }
  } catch (err) {
    post({ type: "error", code: "engine_error", message: err instanceof Error ? err.message : String(err) });
  }
};
