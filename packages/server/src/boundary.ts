/**
 * The request boundary: what no route may receive. A string the database cannot store or compare (the NUL
 * character, a lone surrogate) anywhere in the path, the query or the JSON body is refused with 400 naming
 * where it is, before any route looks anything up. Checked once here for every route, so that no schema can
 * forget it; lengths, integer ranges and dates are each field's schema's business.
 */
import { type Problem, problem } from "@citypath/core";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env.ts";
import { problemResponse } from "./errors.ts";

const LONE_SURROGATE = /\p{Cs}/u;

/** A key as it can be shown in a path: NUL and lone surrogates as "?". */
const shown = (k: string) => k.replaceAll("\u0000", "?").replace(/\p{Cs}/gu, "?");

/** Why a string cannot be stored, or undefined. */
export function unstorable(s: string): string | undefined {
  if (s.includes("\u0000")) return "contains the NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(s))
    return "contains a lone surrogate (half of a UTF-16 pair), which is not valid Unicode";
  return undefined;
}

/** Every unstorable string (keys too) of a JSON value, with its path; at most `max` of them. */
function scan(v: unknown, path: string, out: Problem[], max = 20): void {
  if (out.length >= max) return;
  if (typeof v === "string") {
    const why = unstorable(v);
    if (why) out.push(problem("BAD_VALUE", `the text ${why}`, { path }));
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length && out.length < max; i++) scan(v[i], `${path}.${i}`, out, max);
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const why = unstorable(k);
      if (why) out.push(problem("BAD_VALUE", `the key ${why}`, { path: `${path}.${shown(k)}` }));
      scan(x, `${path}.${k}`, out, max);
    }
  }
}

async function problemsOf(c: Context<AppEnv>): Promise<Problem[]> {
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
  const m = c.req.method;
  if (
    (m === "POST" || m === "PUT" || m === "PATCH") &&
    /^application\/json\b/i.test(c.req.header("content-type") ?? "")
  ) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return out; // not JSON: the route's validator says so
    }
    scan(body, "json", out);
  }
  return out;
}

/** The middleware: 400 with every unstorable string and where it is. */
export const storableInput = createMiddleware<AppEnv>(async (c, next) => {
  const problems = await problemsOf(c);
  if (problems.length) return problemResponse(c, problems);
  await next();
});
