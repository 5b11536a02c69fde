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

/**
 * Opens a scenario; a scenario or driver set the instance does not have (an old shared address) falls back
 * to the defaults rather than failing the page.
 */
function openShared(instance: unknown, scenarioId: string | null, drivers: string | null): Session {
  try {
    return open(instance, scenarioId, drivers);
  } catch (e) {
    if (!(e instanceof EngineError) || (scenarioId === null && drivers === null)) throw e;
    if (e.code !== "no_scenario" && e.code !== "bad_drivers") throw e;
    return open(instance, null, null);
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    if (m.type === "load") {
      session = openShared(m.instance, m.scenarioId, m.drivers);
      const baseLevels = Object.fromEntries(session.levers.map((l) => [l.id, l.value]));
      const keep = m.levels;
      if (keep)
        session.levers = session.levers.map((l) => {
          const kept = keep[l.id];
          if (kept === undefined || !Number.isFinite(kept)) return l;
          // a level from a shared address stays within the slider's range
          const v = Math.min(l.max, Math.max(l.min, kept));
          (session as Session).levels[l.index] = v;
          return { ...l, value: v };
        });
      post({
        type: "loaded",
        scenarioId: session.scenarioId,
        scenarioName: session.scenarioName,
        scenarios: session.scenarios,
        levers: session.levers,
        baseLevels,
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
