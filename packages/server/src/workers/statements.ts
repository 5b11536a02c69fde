/**
 * Statements (HTML, XLSX, PDF) and implementation reports (built, then HTML, XLSX, DOCX, PDF) are rendered off
 * the event loop: a small pool of worker threads (piscina),
 * started on first use, idle workers stopping after a minute. A full queue is answered 503 (NOT_READY).
 */
import { CitypathError, problem } from "@citypath/core";
import type { ImplementationReport } from "@citypath/core/report/index";
import { Piscina } from "piscina";
import type { Lang } from "../report/document.ts";
import type { ReportSources } from "../report/sources.ts";
import type { RenderRequest } from "../statements/render.ts";
import { workerExecArgv } from "./exec-argv.ts";

const MAX_QUEUE = 16;
let pool: Piscina | undefined;

function statementPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL("./statements-worker.mjs", import.meta.url).href,
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
  if (p.queueSize >= MAX_QUEUE)
    throw new CitypathError(
      problem("NOT_READY", "The server is rendering too many documents; try again shortly."),
    );
  try {
    return await p.run(req);
  } catch (e) {
    if (/queue is at limit/i.test((e as Error).message))
      throw new CitypathError(
        problem("NOT_READY", "The server is rendering too many documents; try again shortly."),
      );
    throw e;
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
  const p = statementPool();
  if (p.queueSize >= MAX_QUEUE)
    throw new CitypathError(
      problem("NOT_READY", "The server is rendering too many statements; try again shortly."),
    );
  try {
    const out = (await p.run(req)) as Uint8Array;
    return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBufferLike);
  } catch (e) {
    if (/queue is at limit/i.test((e as Error).message))
      throw new CitypathError(
        problem("NOT_READY", "The server is rendering too many statements; try again shortly."),
      );
    throw e;
  }
}

/** Stops the workers (server shutdown, CLI exit). */
export async function closeStatementPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
