// The statement-rendering worker thread: builds one budget or settlement statement and renders it as HTML,
// XLSX or PDF (Chromium in its own process). Plain JavaScript that registers the TypeScript loader itself,
// as files-worker.mjs does.
import { register } from "tsx/esm/api";

register();
const { renderStatement } = await import("../statements/render.ts");

/** Piscina calls the default export once per task. */
export default function render(req) {
  return renderStatement(req);
}
