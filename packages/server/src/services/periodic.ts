/**
 * A job the server runs on a timer: a pass at start, then one every `intervalMs` after the previous pass
 * ended (passes never overlap; a failed pass is logged and the next one comes on time). `runOnce` runs a
 * pass now, after any pass under way (tests and the CLI use it with an injected clock).
 */
import type { Logger } from "../log.ts";

export interface PeriodicJob<R> {
  start(): void;
  stop(): Promise<void>;
  /** Runs one pass now (after any pass under way). */
  runOnce(): Promise<R>;
}

export function createPeriodicJob<R>(opts: {
  /** Named in the log when a pass fails. */
  name: string;
  log: Logger;
  intervalMs: number;
  pass: () => Promise<R>;
  /** What a pass that failed counts as, for the passes queued after it. */
  none: R;
  /** Called with each pass's result. */
  after?: (r: R) => void;
}): PeriodicJob<R> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<R> | undefined;
  let stopped = false;
  const pass = (): Promise<R> => {
    const next = (running ?? Promise.resolve(opts.none))
      .catch(() => opts.none)
      .then(() => opts.pass())
      .then((r) => {
        opts.after?.(r);
        return r;
      });
    running = next;
    return next;
  };
  const tick = () => {
    if (stopped) return;
    pass()
      .catch((e: unknown) => opts.log.warn(`the ${opts.name} pass failed`, { error: (e as Error).message }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
      });
  };
  return {
    start() {
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    runOnce: pass,
  };
}
