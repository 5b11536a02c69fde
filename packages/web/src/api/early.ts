/**
 * The first answers a page needs, asked for before the page's code is loaded, run and mounted. index.html
 * asks for the list of cities (`/api/tenants`) in its first bytes; the entry (main.tsx, early-start.ts) asks
 * for the rest once it knows the city and the route. The typed client then takes an answer asked for early
 * instead of asking again: the same method (GET), the same path and the same query (in any order), once,
 * and only within EARLY_TTL_MS of the request, so a page opened later never gets an old answer.
 */

/** How long an answer asked for early may be handed out (ms after it was asked for). */
export const EARLY_TTL_MS = 10_000;

interface Early {
  at: number;
  response: Promise<Response>;
}

const pending = new Map<string, Early>();

/** The key of a GET: its path and its query's parameters in a fixed order. */
export function earlyKey(url: string | URL): string {
  const u = new URL(url, "http://localhost");
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const q = new URLSearchParams(params).toString();
  return `${u.pathname}${q ? `?${q}` : ""}`;
}

/**
 * Asks for `path` (under /api, with its query) now, unless it was asked for already; the answer waits for
 * the client to take it. `started` is when it was asked for (performance.now()), for an answer started
 * before this module ran (index.html's).
 */
export function askEarly(
  path: string,
  response?: Promise<Response>,
  started = performance.now(),
  doFetch: (path: string) => Promise<Response> = (p) =>
    fetch(p, { headers: { accept: "application/json" }, credentials: "same-origin" }),
): void {
  const key = earlyKey(path);
  if (pending.has(key)) return;
  const r = response ?? doFetch(path);
  // a failed early request is not an error of the page: the client asks again when it takes nothing
  r.catch(() => pending.delete(key));
  pending.set(key, { at: started, response: r });
}

/** The early answer to this request, once, while it is fresh; undefined when there is none. */
export function takeEarly(request: Request, now = performance.now()): Promise<Response> | undefined {
  if (request.method !== "GET") return undefined;
  // index.html may have asked for more since the entry took its first answers (the inventory, once the list
  // of cities named the city)
  adoptPageEarly();
  const key = earlyKey(request.url);
  const e = pending.get(key);
  if (!e) return undefined;
  pending.delete(key);
  if (now - e.at > EARLY_TTL_MS) return undefined;
  return e.response;
}

/** fetch, taking an early answer where there is one (a failed early request is asked again). */
export function fetchTakingEarly(request: Request): Promise<Response> {
  const early = takeEarly(request);
  if (!early) return fetch(request);
  return early.catch(() => fetch(request));
}

/**
 * Takes in what index.html asked for (window.__citypathEarly): at the entry, and again whenever an answer is
 * looked for, since index.html adds to it later. Each is taken once, and counts as asked at the page's start.
 */
export function adoptPageEarly(): void {
  if (typeof window === "undefined") return;
  const asked = window.__citypathEarly;
  if (!asked) return;
  for (const [path, response] of Object.entries(asked)) {
    delete asked[path];
    askEarly(path, response, 0);
  }
}

/** Forgets every early answer (tests). */
export function clearEarly(): void {
  pending.clear();
}
