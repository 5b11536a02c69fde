/**
 * Table files are parsed off the event loop: a small pool of worker threads (piscina) runs the bounded
 * readers, so that the server answers other requests (and /api/health) while a large file is read. The
 * pool starts on first use; idle workers do not keep the process alive and stop after a minute. A worker
 * that runs out of its memory allowance fails only its own task; a full queue is answered 503 BUSY with Retry-After.
 */
import { availableParallelism } from "node:os";
import { CitypathError, type CsvRecords, problem, type Result } from "@citypath/core";
import type { TableFileRequest } from "@citypath/data/table-file";
import { Piscina } from "piscina";
import { busy } from "../errors.ts";
import { workerExecArgv } from "./exec-argv.ts";

/** Heap allowed to one worker: a file within FILE_LIMITS needs well under this. */
const WORKER_HEAP_MB = 1024;
/** Files waiting for a worker before new ones are refused. */
const MAX_QUEUE = 32;

let pool: Piscina | undefined;

function filePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL("./files-worker.mjs", import.meta.url).href,
    execArgv: workerExecArgv(),
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return pool;
}

/** Reads a table file in a worker thread; the answer is the reader's Result (problems with their lines). */
export async function readTableFileInWorker(req: TableFileRequest): Promise<Result<CsvRecords>> {
  const p = filePool();
  if (p.queueSize >= MAX_QUEUE)
    throw busy("The server is reading too many files at once; try again in a few seconds.");
  try {
    return (await p.run(req)) as Result<CsvRecords>;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === "ERR_WORKER_OUT_OF_MEMORY")
      throw new CitypathError(
        problem(
          "FILE_TOO_LARGE",
          `reading the file needs more than the ${WORKER_HEAP_MB} MB of memory a file may use; split it into smaller files`,
          { file: req.file },
        ),
      );
    if (/queue is at limit/i.test(err.message))
      throw busy("The server is reading too many files at once; try again in a few seconds.");
    throw e;
  }
}

/** Stops the workers (server shutdown). */
export async function closeFilePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
