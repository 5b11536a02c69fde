/**
 * The worker threads' CPU priority. On a machine with few cores, a thread computing a band, rendering a PDF or
 * reading a large file takes a core from the server's own thread, which answers every request: /api/health
 * waited 140-160 ms while heavy work ran. Each worker thread lowers its own priority at start (Linux: a
 * thread's nice value, set on its thread id), so that the server's thread, PostgreSQL and the other requests
 * go first and the heavy work takes what is left. CITYPATH_WORKER_NICE sets by how much (default 10; 0 keeps
 * the threads at the process's priority); decision 0045. A lower priority cannot be raised again without
 * privileges, which a worker does not need.
 */
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

export const DEFAULT_WORKER_NICE = 10;

/** The nice value to add: CITYPATH_WORKER_NICE (0-19), else the default; a bad value is an error. */
export function workerNice(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.CITYPATH_WORKER_NICE;
  if (v === undefined || v === "") return DEFAULT_WORKER_NICE;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 19)
    throw new Error(`CITYPATH_WORKER_NICE must be an integer from 0 to 19, not "${v}".`);
  return n;
}

/**
 * Lowers the calling thread's priority by `by` (its nice value, at most 19). Returns the new nice value, or
 * undefined where a thread's own id cannot be found (not Linux) or the system refuses: then nothing changes.
 */
export function lowerThreadPriority(): number | undefined {
  try {
    // a bad CITYPATH_WORKER_NICE stops the server's start (server.ts), not a worker's
    const by = workerNice();
    if (by === 0) return undefined;
    // "/proc/thread-self" links to "<pid>/task/<tid>": the thread's own id, which setpriority takes
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return undefined;
    const nice = Math.min(19, getPriority(tid) + by);
    setPriority(tid, nice);
    return nice;
  } catch {
    return undefined;
  }
}
