/**
 * Statements (HTML, XLSX, PDF) are rendered off the event loop: a small pool of worker threads (piscina),
 * started on first use, idle workers stopping after a minute. A full queue is answered 503 (NOT_READY).
 */
import { CitypathError, problem } from "@citypath/core";
import { Piscina } from "piscina";
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
