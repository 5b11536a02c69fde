/**
 * Statements (HTML, XLSX, PDF) and implementation reports (built, then HTML, XLSX, DOCX, PDF) are rendered off
 * the event loop: a small pool of worker threads (piscina),
 * started on first use, idle workers stopping after a minute. A full queue is answered 503 BUSY with
 * Retry-After; a task that runs past its deadline (CITYPATH_RENDER_DEADLINE_S, default 120 s: a PDF of the
 * largest report takes about 12 s on a busy 2-core machine) is stopped with its worker and answered the same,
 * so no request waits for ever on a stuck renderer.
 */

import type { ImplementationReport } from "@citypath/core/report/index";
import { Piscina } from "piscina";
import { busy } from "../errors.ts";
import type { Lang } from "../report/document.ts";
import type { ReportSources } from "../report/sources.ts";
import type { RenderRequest } from "../statements/render.ts";
import { workerEntry, workerExecArgv } from "./exec-argv.ts";

const MAX_QUEUE = 16;
const DEADLINE_MS = Number(process.env.CITYPATH_RENDER_DEADLINE_S ?? 120) * 1000;
const TOO_MANY = "The server is rendering too many documents at once; try again in a few seconds.";
let pool: Piscina | undefined;

function statementPool(): Piscina {
  pool ??= new Piscina({
    filename: workerEntry(new URL("./statements-worker.mjs", import.meta.url)),
    execArgv: workerExecArgv(),
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return pool;
}

async function run(req: unknown): Promise<unknown> {
  const p = statementPool();
  if (p.queueSize >= MAX_QUEUE) throw busy(TOO_MANY);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), DEADLINE_MS);
  try {
    return await p.run(req, { signal: deadline.signal });
  } catch (e) {
    if (deadline.signal.aborted)
      throw busy(
        `Rendering took longer than ${DEADLINE_MS / 1000} s and was stopped; try again shortly.`,
        30,
      );
    if (/queue is at limit/i.test((e as Error).message)) throw busy(TOO_MANY);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

const bytes = (out: unknown) => (out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBufferLike));

/** An implementation report built from its sources in a worker (pathway run, decomposition, assembly). */
export async function buildReportInWorker(sources: ReportSources): Promise<ImplementationReport> {
  return (await run({ task: "build", sources })) as ImplementationReport;
}

/** An implementation report (frozen, or built from its sources) rendered in a worker. */
export async function renderReportInWorker(req: {
  format: "html" | "xlsx" | "docx" | "pdf";
  lang: Lang;
  report?: ImplementationReport | undefined;
  sources?: ReportSources | undefined;
}): Promise<Uint8Array> {
  return bytes(await run({ task: "render", ...req }));
}

export async function renderStatementInWorker(req: RenderRequest): Promise<Uint8Array> {
  return bytes(await run(req));
}

/** Stops the workers (server shutdown, CLI exit). */
export async function closeStatementPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
