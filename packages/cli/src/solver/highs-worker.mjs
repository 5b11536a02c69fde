// The HiGHS worker thread: loads the WebAssembly solver once and answers one solve per message.
// Plain JavaScript so that it starts without a TypeScript loader; the parent maps the result (core/optimize/highs.ts).
import { parentPort } from "node:worker_threads";
import loadHighs from "highs";

const highs = await loadHighs();
parentPort.postMessage({ ready: true });
parentPort.on("message", ({ id, lp, options }) => {
  try {
    const r = highs.solve(lp, options);
    parentPort.postMessage({
      id,
      result: { Status: r.Status, ObjectiveValue: r.ObjectiveValue, Columns: r.Columns, Rows: r.Rows },
    });
  } catch (e) {
    // The parent stops this worker and starts a fresh one: a WebAssembly instance that threw is not reused.
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
