/**
 * What the database cannot store or compare: the NUL character and lone surrogates (boundary.ts refuses them
 * in every request; the tenant import checks its body for them in a worker thread). Pure, no HTTP.
 */
import { type Problem, problem } from "@citypath/core";

const LONE_SURROGATE = /\p{Cs}/u;

/** A key as it can be shown in a path: NUL and lone surrogates as "?". */
export const shown = (k: string) => k.replaceAll("\u0000", "?").replace(/\p{Cs}/gu, "?");

/** Why a string cannot be stored, or undefined. */
export function unstorable(s: string): string | undefined {
  if (s.includes("\u0000")) return "contains the NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(s))
    return "contains a lone surrogate (half of a UTF-16 pair), which is not valid Unicode";
  return undefined;
}

/** Every unstorable string (keys too) of a JSON value, with its path; at most `max` of them. */
export function scan(v: unknown, path: string, out: Problem[], max = 20): void {
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
