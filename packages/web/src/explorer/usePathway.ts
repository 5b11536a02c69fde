import { useEffect, useState } from "react";
import type { FromWorker, PathwayFrame, ToWorker } from "./protocol.ts";
import { useInstanceDocument } from "./useInstance.ts";

export type PathwayState =
  | { state: "loading" }
  | { state: "error"; code: string; message: string; status?: number }
  | { state: "ready"; frame: PathwayFrame; scenarioName: { ko: string; en: string } };

/** The default scenario's pathway, computed by the core in a worker (the same engine as the explorer's). */
export function usePathway(): PathwayState {
  const doc = useInstanceDocument();
  const [st, setSt] = useState<PathwayState>({ state: "loading" });
  useEffect(() => {
    if (doc.state === "error") {
      setSt({ state: "error", code: doc.error.code, message: doc.error.message, status: doc.error.status });
      return;
    }
    if (doc.state !== "ready") return;
    const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === "loaded") setSt({ state: "ready", frame: m.frame, scenarioName: m.scenarioName });
      else if (m.type === "error") setSt({ state: "error", code: m.code, message: m.message });
      w.terminate();
    };
    const msg: ToWorker = { type: "load", instance: doc.data, scenarioId: null };
    w.postMessage(msg);
    return () => w.terminate();
  }, [doc]);
  return st;
}
