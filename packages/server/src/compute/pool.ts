/**
 * The compute pool: worker threads (piscina) that run the server's CPU-heavy steps (tasks.ts), so that the
 * event loop only moves requests and bytes. The queue is bounded: when every thread is busy and `maxQueue`
 * tasks wait, a new task is refused at once with a ServerBusyError (503 with Retry-After), never queued
 * without limit. docs/operations.md gives the settings and the measured figures.
 */
import { availableParallelism } from "node:os";
import {
  CitypathError,
  type DecompositionJson,
  type Explanation,
  type PathwayJson,
  problem,
  type WhatItTakesJson,
} from "@citypath/core";
import type { ModelledVsObserved } from "@citypath/core/agenda/index";
import type { ProposalEffect } from "@citypath/core/participation/index";
import { Piscina } from "piscina";
import { RetryLaterError } from "../errors.ts";
import type { ScenarioBand } from "../services/band.ts";
import type { ReductionsInput, reductionsInline } from "../services/budget.ts";
import type { InstanceInfo } from "../services/instances.ts";
import { workerEntry, workerExecArgv } from "../workers/exec-argv.ts";
import type {
  BandTask,
  DecomposeTask,
  ExplainTask,
  InventoryTask,
  InventoryTaskValue,
  ModelledTask,
  PathwayTask,
  ProposalEffectTask,
  StatementTask,
  TaskResult,
  WhatItTakesTask,
} from "./tasks.ts";

/** Refused because the pool's queue is full; the answer is 503 with Retry-After (errors.ts). */
export class ServerBusyError extends RetryLaterError {
  constructor(retryAfterS: number) {
    super(
      problem(
        "BUSY",
        `The server is computing as much as it can (the queue of computations is full); try again in ${retryAfterS} seconds.`,
      ),
      retryAfterS,
    );
  }
}

export interface ComputePoolOptions {
  /** Worker threads (default: CPU count - 1, at least 1, at most 4; CITYPATH_COMPUTE_THREADS). */
  readonly threads?: number;
  /** Tasks that may wait for a thread (default 16 per thread; CITYPATH_COMPUTE_QUEUE). */
  readonly maxQueue?: number;
  /** Retry-After when refused, in seconds (default 2). */
  readonly retryAfterS?: number;
}

export interface ComputePool {
  pathway(t: PathwayTask): Promise<PathwayJson>;
  instanceInfo(t: { readonly document: unknown }): Promise<InstanceInfo>;
  explain(t: ExplainTask): Promise<Explanation>;
  decompose(t: DecomposeTask): Promise<DecompositionJson>;
  whatItTakes(t: WhatItTakesTask): Promise<WhatItTakesJson>;
  band(t: BandTask): Promise<ScenarioBand>;
  inventory(t: InventoryTask): Promise<InventoryTaskValue>;
  proposalEffect(t: ProposalEffectTask): Promise<ProposalEffect>;
  modelled(t: ModelledTask): Promise<ModelledVsObserved>;
  reductions(t: ReductionsInput): Promise<ReturnType<typeof reductionsInline>>;
  /** A budget or settlement statement's tables, as JSON text. */
  statement(t: StatementTask): Promise<string>;
  /** Holds a thread for `ms` (tests of the queue). */
  sleep(ms: number): Promise<null>;
  readonly threads: number;
  readonly maxQueue: number;
  /** Tasks waiting for a thread now. */
  queued(): number;
  close(): Promise<void>;
}

export function computePoolOptionsFromEnv(env: NodeJS.ProcessEnv): ComputePoolOptions {
  const int = (name: string) => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${v}".`);
    return n;
  };
  return { threads: int("CITYPATH_COMPUTE_THREADS"), maxQueue: int("CITYPATH_COMPUTE_QUEUE") };
}

export function createComputePool(opts: ComputePoolOptions = {}): ComputePool {
  const threads = opts.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const maxQueue = opts.maxQueue ?? 16 * threads;
  const retryAfterS = opts.retryAfterS ?? 2;
  const piscina = new Piscina({
    filename: workerEntry(new URL("./worker.mjs", import.meta.url)),
    execArgv: workerExecArgv(),
    minThreads: threads,
    maxThreads: threads,
    // the pool checks its own bound first (below); piscina's is a backstop
    maxQueue: maxQueue + threads,
    idleTimeout: 60_000,
  });
  let closed = false;
  async function run<T>(name: string, task: unknown): Promise<T> {
    if (closed) throw new CitypathError(problem("NOT_READY", "The server is stopping."));
    if (piscina.queueSize >= maxQueue) throw new ServerBusyError(retryAfterS);
    const r = (await piscina.run(task, { name })) as TaskResult<T>;
    if (!r.ok) throw new CitypathError(r.problems);
    return r.value;
  }
  return {
    pathway: (t) => run("pathway", t),
    instanceInfo: (t) => run("instanceInfo", t),
    explain: (t) => run("explain", t),
    decompose: (t) => run("decompose", t),
    whatItTakes: (t) => run("whatItTakes", t),
    band: (t) => run("band", t),
    inventory: (t) => run("inventory", t),
    proposalEffect: (t) => run("proposalEffect", t),
    modelled: (t) => run("modelled", t),
    reductions: (t) => run("reductions", t),
    statement: (t) => run("statement", t),
    sleep: (ms) => run("sleep", { ms }),
    threads,
    maxQueue,
    queued: () => piscina.queueSize,
    async close() {
      closed = true;
      await piscina.close({ force: false });
    },
  };
}
