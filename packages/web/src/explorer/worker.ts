/// <reference lib="webworker" />
/**
 * The scenario explorer's worker: compiles the instance once, then evaluates the deterministic pathway for
 * each set of slider levels. No server round trip; the main thread only draws.
 */
import { EngineError, frame, open, type Session } from "./engine.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

let session: Session | null = null;

function post(m: FromWorker): void {
  self.postMessage(m);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    if (m.type === "load") {
      session = open(m.instance, m.scenarioId, m.drivers);
      const keep = m.levels;
      if (keep)
        session.levers = session.levers.map((l) => {
          const v = keep[l.id];
          if (v === undefined) return l;
          (session as Session).levels[l.index] = v;
          return { ...l, value: v };
        });
      post({
        type: "loaded",
        scenarioId: session.scenarioId,
        scenarioName: session.scenarioName,
        scenarios: session.scenarios,
        levers: session.levers,
        frame: frame(session),
        drivers: session.drivers,
        driverChoices: session.driverChoices,
        allTargets: session.model.targets.map((t) => ({ id: t.id, name: t.name })),
      });
    } else if (m.type === "eval") {
      const s = session;
      if (!s) throw new EngineError("not_loaded", "no instance loaded");
      const t0 = performance.now();
      for (const l of s.levers) {
        const v = m.levels[l.id];
        if (v !== undefined) s.levels[l.index] = v;
      }
      const f = frame(s);
      post({ type: "result", seq: m.seq, frame: f, evalMs: performance.now() - t0 });
    }
  } catch (err) {
    post({
      type: "error",
      code: err instanceof EngineError ? err.code : "engine_error",
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
