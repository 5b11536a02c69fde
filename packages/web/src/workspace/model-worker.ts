/// <reference lib="webworker" />
/**
 * The Model page's worker: the scenario explorer's engine bridge (explorer/engine.ts, the core's own
 * pathway code) run on the saved version and on the edited one, so the page compares the two pathways
 * before anything is saved. The saved version's frame is kept per (version, scenario); the edited one is
 * compiled on each request (the latest request wins on the page).
 */
import { EngineError, frame, open } from "../explorer/engine.ts";
import type { ModelFromWorker, ModelToWorker } from "./model-protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

let saved: { key: string; document: unknown } | null = null;
const savedFrames = new Map<string, ReturnType<typeof frame>>();

self.onmessage = (ev: MessageEvent<ModelToWorker>) => {
  const m = ev.data;
  const post = (x: ModelFromWorker) => self.postMessage(x);
  try {
    if (m.saved) {
      saved = m.saved;
      savedFrames.clear();
    }
    if (!saved) throw new EngineError("not_loaded", "no saved version loaded");
    const edited = open(m.draft, m.scenario, null);
    const key = edited.scenarioId;
    let base = savedFrames.get(key);
    if (!base) {
      base = frame(open(saved.document, key, null));
      savedFrames.set(key, base);
    }
    const now = frame(edited);
    post({
      type: "preview",
      seq: m.seq,
      scenarioId: edited.scenarioId,
      scenarios: edited.scenarios,
      years: now.years,
      saved: base.scenario,
      draft: now.scenario,
      bau: now.bau,
    });
  } catch (err) {
    post({
      type: "error",
      seq: m.seq,
      code: err instanceof EngineError ? err.code : "engine_error",
      message: err instanceof Error ? err.message : String(err),
    });
  }
};
