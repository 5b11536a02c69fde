/**
 * CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE under /api/), decision 20:
 * 1. a browser's `Sec-Fetch-Site: cross-site` is refused;
 * 2. an `Origin` header must be the server's origin (the configured public URL's when there is one, else the
 *    request's) or one of the trusted origins;
 * 3. a request that carries a session cookie must also carry the `x-citypath-csrf` header with the session's
 *    CSRF token: an HMAC of the session cookie under the server's secret (AuthService.csrfToken). The server
 *    hands it to the page in the readable `citypath_csrf` cookie, but checks the header against the session,
 *    not against that cookie: a cookie a sibling site plants (cookie tossing) proves nothing.
 * Requests without a session cookie (sign-in itself, scripts) pass rule 3 vacuously and still face rules 1
 * and 2. JSON-only bodies (415 otherwise) already keep plain HTML forms out.
 */
import { timingSafeEqual } from "node:crypto";
import { CSRF_HEADER } from "./auth.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      const raw = part.slice(i + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw; // a malformed escape: compared as sent (it then matches nothing we issued)
      }
    }
  }
  return undefined;
}

export interface CsrfOptions {
  readonly trustedOrigins: readonly string[];
  /** The configured public URL's origin; undefined: the request URL's origin is the server's. */
  readonly publicOrigin?: string | undefined;
  readonly sessionCookie: string;
  /** The CSRF token of a session cookie's value. */
  readonly tokenFor: (sessionCookieValue: string) => string;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why the request is refused as a possible cross-site forgery, or undefined when it may proceed. */
export function csrfRefusal(req: Request, opts: CsrfOptions): string | undefined {
  if (!UNSAFE.has(req.method)) return undefined;
  const h = req.headers;
  if (h.get("sec-fetch-site") === "cross-site")
    return "The request comes from another site (Sec-Fetch-Site).";
  const origin = h.get("origin");
  if (origin !== null) {
    const own = opts.publicOrigin ?? new URL(req.url).origin;
    if (origin !== own && !opts.trustedOrigins.includes(origin))
      return `The request comes from ${origin}, which is not this server's origin.`;
  }
  const session = cookieValue(h.get("cookie"), opts.sessionCookie);
  if (session !== undefined) {
    const got = h.get(CSRF_HEADER);
    if (!got || !same(got, opts.tokenFor(session)))
      return `A signed-in request that changes data must carry the ${CSRF_HEADER} header with this session's token (the citypath_csrf cookie).`;
  }
  return undefined;
}
