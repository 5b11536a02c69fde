// The document-rendering worker thread: budget and settlement statements (HTML, XLSX, PDF) and the
// implementation report (built from its sources, then HTML, XLSX, DOCX or PDF; Chromium in its own
// process). Plain JavaScript that registers the TypeScript loader itself, as files-worker.mjs does.
import { register } from "tsx/esm/api";

register();
// below the server's own thread: heavy work takes the cores that requests leave (priority.ts)
(await import("./priority.ts")).lowerThreadPriority();
const { renderStatement } = await import("../statements/render.ts");
const { runReportTask } = await import("../report/render.ts");

/** Piscina calls the default export once per task. */
export default function render(req) {
  return req.task === "build" || req.task === "render" ? runReportTask(req) : renderStatement(req);
}
