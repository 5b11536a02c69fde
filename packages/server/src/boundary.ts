/**
 * The request boundary: what no route may receive. A string the database cannot store or compare (the NUL
 * character, a lone surrogate) anywhere in the path, the query or the JSON body is refused with 400 naming
 * where it is, before any route looks anything up. Checked once here for every route, so that no schema can
 * forget it; lengths, integer ranges and dates are each field's schema's business.
 */
import { type Problem, problem } from "@citypath/core";
import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env.ts";
import { problemResponse } from "./errors.ts";
import { scan, shown, unstorable } from "./storable.ts";

/**
 * Routes that check their own JSON body off the event loop (the tenant import, up to 64 MB, in the file
 * worker: workers/tenant-import.ts, which looks for the same unstorable strings): not parsed here.
 */
const BODY_CHECKED_BY_ROUTE = new Set(["/api/tenants/import"]);

/** The path's and the query's unstorable strings (no await: a read needs nothing more). */
function pathAndQueryProblems(c: Context<AppEnv>): Problem[] {
  const out: Problem[] = [];
  const why = unstorable(c.req.path);
  if (why) out.push(problem("BAD_VALUE", `the path ${why}`, { path: "param" }));
  // most requests have no query: no URL to parse for them
  const url = c.req.url;
  const q = url.indexOf("?");
  const query = q < 0 ? "" : url.slice(q + 1).split("#")[0]!;
  for (const [k, v] of new URLSearchParams(query)) {
    const w = unstorable(k) ?? unstorable(v);
    if (w)
      out.push(
        problem("BAD_VALUE", `the query parameter ${w}`, {
          path: `query.${shown(k)}`,
        }),
      );
  }
  return out;
}

/** Whether the request carries a JSON body this middleware checks. */
const checksBody = (c: Context<AppEnv>) => {
  const m = c.req.method;
  return (
    (m === "POST" || m === "PUT" || m === "PATCH") &&
    !BODY_CHECKED_BY_ROUTE.has(c.req.path) &&
    /^application\/json\b/i.test(c.req.header("content-type") ?? "")
  );
};

async function problemsOf(c: Context<AppEnv>): Promise<Problem[]> {
  const out = pathAndQueryProblems(c);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return out; // not JSON: the route's validator says so
  }
  scan(body, "json", out);
  return out;
}

/** The middleware: 400 with every unstorable string and where it is. */
export const storableInput = createMiddleware<AppEnv>((c, next) => {
  // a request without a body (every read) is checked without a promise of its own: each costs a turn of
  // the microtask queue and, with async hooks on (better-auth's AsyncLocalStorage), their hooks
  if (!checksBody(c)) {
    const problems = pathAndQueryProblems(c);
    return problems.length ? Promise.resolve(problemResponse(c, problems)) : next();
  }
  return checkBody(c, next);
});

async function checkBody(c: Context<AppEnv>, next: Next) {
  const problems = await problemsOf(c);
  if (problems.length) return problemResponse(c, problems);
  await next();
}
