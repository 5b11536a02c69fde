/**
 * When the server has been quiet: the background warm-ups after ready wait for it (decision 0082), since a
 * first visitor's page asks for its files and first reads in a burst right after a start.
 */

/** Requests that are not a visitor's: health and readiness checks (a load balancer's, a start script's). */
const CHECKS = new Set(["/api/health", "/api/ready"]);

/**
 * Watches the HTTP server's requests, leaving out health and readiness checks. `after(quietMs, maxMs)`
 * resolves once a visitor's request has come since the call and none has been in flight for `quietMs` (the
 * first page's burst of files and reads is over), or after `maxMs` in any case.
 */
export function quietWatch(server: {
  on(event: "request", f: (req: { url?: string }, res: NodeJS.EventEmitter) => void): unknown;
}) {
  let inFlight = 0;
  let seen = 0;
  let last = performance.now();
  server.on("request", (req, res) => {
    if (CHECKS.has((req.url ?? "").split("?")[0] ?? "")) return;
    inFlight++;
    seen++;
    last = performance.now();
    res.once("close", () => {
      inFlight--;
      last = performance.now();
    });
  });
  return {
    after: (quietMs: number, maxMs: number) =>
      new Promise<void>((resolve) => {
        const from = seen;
        const until = performance.now() + maxMs;
        const look = () => {
          const now = performance.now();
          if ((seen > from && inFlight === 0 && now - last >= quietMs) || now >= until) return resolve();
          setTimeout(look, 100).unref();
        };
        look();
      }),
  };
}
