/**
 * When the server has been quiet: the background warm-ups after ready wait for it (decision 0082), since a
 * first visitor's page asks for its files and first reads in a burst right after a start.
 */

/**
 * Watches the HTTP server's requests: `after(quietMs, maxMs)` resolves once no request has been in flight
 * for `quietMs` (a first visitor's page asks for its files and first reads in a burst), or after `maxMs`.
 */
export function quietWatch(server: {
  on(event: "request", f: (req: unknown, res: NodeJS.EventEmitter) => void): unknown;
}) {
  let inFlight = 0;
  let last = performance.now();
  server.on("request", (_req, res) => {
    inFlight++;
    last = performance.now();
    res.once("close", () => {
      inFlight--;
      last = performance.now();
    });
  });
  return {
    after: (quietMs: number, maxMs: number) =>
      new Promise<void>((resolve) => {
        const until = performance.now() + maxMs;
        const look = () => {
          const now = performance.now();
          if ((inFlight === 0 && now - last >= quietMs) || now >= until) return resolve();
          setTimeout(look, 100).unref();
        };
        look();
      }),
  };
}
