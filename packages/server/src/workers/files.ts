/**
 * Table files are parsed off the event loop: a small pool of worker threads (piscina) runs the bounded
 * readers, so that the server answers other requests (and /api/health) while a large file is read. The
 * pool starts on first use, or at the server's start (`warmFilePool`): a worker's start (the TypeScript
 * loader and the readers' modules) takes seconds on a busy machine, which the first import would otherwise
 * wait for. A warmed pool keeps one worker for the process's life; the others stop after a minute idle, and
 * idle workers do not keep the process alive. A worker that runs out of its memory allowance fails only its
 * own task; a full queue is answered 503 BUSY with Retry-After.
 */
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { CitypathError, type CsvRecords, problem, type Result } from "@citypath/core";
import type { TableFileRequest } from "@citypath/data/table-file";
import { Piscina } from "piscina";
import { busy } from "../errors.ts";
import type { CensusFileRead, CensusFileTask } from "./census-file.ts";
import { workerEntry, workerExecArgv } from "./exec-argv.ts";
import type { PathwayWriteTask, TableWriteTask } from "./table-write.ts";
import type { TenantExportCheck } from "./tenant-import.ts";

/** Heap allowed to one worker: a file within FILE_LIMITS needs well under this. */
const WORKER_HEAP_MB = 1024;
/** Files waiting for a worker before new ones are refused. */
const MAX_QUEUE = 32;

let pool: Piscina | undefined;

function filePool(keepOne = false): Piscina {
  pool ??= new Piscina({
    filename: workerEntry(new URL("./files-worker.mjs", import.meta.url)),
    execArgv: workerExecArgv(),
    minThreads: keepOne ? 1 : 0,
    maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return pool;
}

/**
 * Starts one file worker and keeps it, so that the first import after a start does not wait for a worker to
 * start; resolves with the milliseconds until the worker had loaded its modules. The server calls it once it
 * is ready (not before: readiness is not delayed). A pool already started on first use is warmed as it is.
 */
export async function warmFilePool(): Promise<number> {
  const started = performance.now();
  await filePool(true).run(null, { name: "warm" });
  return performance.now() - started;
}

/** Reads a table file in a worker thread; the answer is the reader's Result (problems with their lines). */
export function readTableFileInWorker(req: TableFileRequest): Promise<Result<CsvRecords>> {
  return runInPool(req.file, (p) => p.run(req) as Promise<Result<CsvRecords>>);
}

/** Writes a table as a CSV or XLSX file in a worker thread (table-write.ts). */
export function writeTableInWorker(task: TableWriteTask): Promise<Uint8Array> {
  return runInPool(
    `${task.sheetName}.${task.format}`,
    (p) => p.run(task, { name: "writeTable" }) as Promise<Uint8Array>,
  );
}

/** Writes a pathway as a CSV or XLSX file in a worker thread, its rows built there (table-write.ts). */
export function writePathwayInWorker(task: PathwayWriteTask): Promise<Uint8Array> {
  return runInPool(
    `${task.sheetName}.${task.format}`,
    (p) => p.run(task, { name: "writePathway" }) as Promise<Uint8Array>,
  );
}

/**
 * Parses and checks a tenant import's body in a worker thread (tenant-import.ts). The bytes are moved to the
 * worker, not copied: the caller must not use them afterwards.
 */
export function checkTenantExportInWorker(bytes: Uint8Array<ArrayBuffer>): Promise<TenantExportCheck> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return runInPool(
    "the tenant export",
    (p) =>
      p.run(bytes, {
        name: "tenantExport",
        ...(whole ? { transferList: [bytes.buffer] } : {}),
      }) as Promise<TenantExportCheck>,
  );
}

/** Checks a census file in a worker thread, streaming it from disk (census-file.ts). */
export function checkCensusFileInWorker(
  task: Omit<CensusFileTask, "port" | "secret">,
): Promise<CensusFileRead> {
  return runInPool(task.file, (p) => p.run(task, { name: "census" }) as Promise<CensusFileRead>);
}

/**
 * The residents' keyed hashes of a census file, in batches, streamed from disk in a worker thread: the
 * worker reads on only when the next batch is asked for, so the hashes in memory are one batch or two
 * whatever the file. Leaving the loop early stops the worker. Meant for a file checked without a problem.
 */
export async function* censusHashesInWorker(
  task: Omit<CensusFileTask, "port"> & { readonly secret: Uint8Array },
): AsyncGenerator<string[]> {
  const { port1, port2 } = new MessageChannel();
  const queue: string[][] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let error: unknown;
  port1.on("message", (hashes: string[]) => {
    queue.push(hashes);
    wake?.();
  });
  const run = runInPool(task.file, (p) =>
    p.run({ ...task, port: port2 }, { name: "census", transferList: [port2] }),
  ).then(
    () => undefined,
    (e: unknown) => {
      error = e;
    },
  );
  void run.finally(() => {
    ended = true;
    wake?.();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        port1.postMessage("next");
      } else if (ended) break;
      else
        await new Promise<void>((r) => {
          wake = r;
        });
    }
    if (error !== undefined) throw error;
  } finally {
    port1.close();
    await run;
  }
}

async function runInPool<T>(file: string, run: (p: Piscina) => Promise<T>): Promise<T> {
  const p = filePool();
  if (p.queueSize >= MAX_QUEUE)
    throw busy("The server is reading too many files at once; try again in a few seconds.");
  try {
    return await run(p);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === "ERR_WORKER_OUT_OF_MEMORY")
      throw new CitypathError(
        problem(
          "FILE_TOO_LARGE",
          `reading the file needs more than the ${WORKER_HEAP_MB} MB of memory a file may use; split it into smaller files`,
          { file },
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
