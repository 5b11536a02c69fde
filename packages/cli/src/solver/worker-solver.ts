/**
 * HiGHS in a worker thread: the solve does not block the command's event loop (progress keeps printing),
 * and a hard wall-clock limit is enforced by stopping the worker. After an error, a crash or a time-out the
 * worker is stopped and the next solve starts a fresh one.
 */
import { Worker } from "node:worker_threads";
import {
  fromHighsResult,
  type HighsLike,
  highsOptions,
  type Solver,
  type SolverOptions,
  type SolverSolution,
} from "@citypath/core";

export interface WorkerSolver extends Solver {
  /** Stops the worker (if any); the solver starts a new one on the next solve. */
  close(): Promise<void>;
}

type Reply = { id: number; result?: ReturnType<HighsLike["solve"]>; error?: string } | { ready: true };

export interface WorkerSolverOptions {
  /** Extra time past the solver's own time limit before the worker is stopped, ms (default 2,000). */
  readonly graceMs?: number;
  /** Hard limit when no time limit is asked, ms (default 10 minutes). */
  readonly defaultLimitMs?: number;
  readonly now?: () => number;
  /** The worker script (default: highs-worker.mjs beside this file); tests pass a stand-in. */
  readonly workerUrl?: URL;
}

export function workerSolver(opts: WorkerSolverOptions = {}): WorkerSolver {
  const graceMs = opts.graceMs ?? 2000;
  const now = opts.now ?? (() => performance.now());
  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let nextId = 1;
  let pending: { id: number; resolve: (s: SolverSolution) => void; t0: number } | undefined;

  const stop = async () => {
    const w = worker;
    worker = undefined;
    ready = undefined;
    if (w) await w.terminate();
  };

  const settle = (s: SolverSolution) => {
    const p = pending;
    pending = undefined;
    worker?.unref();
    p?.resolve(s);
  };

  const start = () => {
    const w = new Worker(opts.workerUrl ?? new URL("./highs-worker.mjs", import.meta.url));
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.once("message", (m: Reply) =>
        "ready" in m ? resolve() : reject(new Error("unexpected first message")),
      );
      w.once("error", reject);
    });
    w.on("message", (m: Reply) => {
      if ("ready" in m || !pending || m.id !== pending.id) return;
      const elapsed = now() - pending.t0;
      if (m.error !== undefined) {
        void stop();
        settle({ status: "error", message: `HiGHS failed: ${m.error}`, timeMs: elapsed });
      } else settle(fromHighsResult(m.result!, elapsed));
    });
    w.on("error", (e) => {
      if (worker === w) void stop();
      if (pending)
        settle({
          status: "error",
          message: `the solver worker crashed: ${e.message}`,
          timeMs: now() - pending.t0,
        });
    });
    w.on("exit", (code) => {
      if (worker === w) {
        worker = undefined;
        ready = undefined;
      }
      if (pending && code !== 0)
        settle({
          status: "error",
          message: `the solver worker exited with code ${code}`,
          timeMs: now() - pending.t0,
        });
    });
  };

  return {
    async solve(lp: string, options: SolverOptions): Promise<SolverSolution> {
      if (pending) throw new Error("workerSolver: one solve at a time");
      const t0 = now();
      if (!worker) start();
      const w = worker!;
      w.ref();
      try {
        await ready;
      } catch (e) {
        await stop();
        return {
          status: "error",
          message: `the solver could not start: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
      const limitMs =
        options.timeLimitSeconds !== undefined
          ? options.timeLimitSeconds * 1000 + graceMs
          : (opts.defaultLimitMs ?? 600_000);
      return new Promise<SolverSolution>((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          if (pending?.id !== id) return;
          void stop();
          settle({
            status: "time-limit",
            message: `no answer within ${(limitMs / 1000).toFixed(1)} s; the solver worker was stopped and will be restarted`,
            timeMs: now() - t0,
          });
        }, limitMs);
        pending = {
          id,
          t0,
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
        };
        w.postMessage({ id, lp, options: highsOptions(options) });
      });
    },
    close: stop,
  };
}
