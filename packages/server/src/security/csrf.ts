/**
 * CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE under /api/):
 * 1. a browser's `Sec-Fetch-Site: cross-site` is refused;
 * 2. an `Origin` header must be the server's own origin or one of the trusted origins;
 * 3. a request that carries a session cookie must also carry the `x-citypath-csrf` header with the value of
 *    the `citypath_csrf` cookie (set at sign-in, readable by the page's script, SameSite=Strict): a page on
 *    another site can make the browser send the cookies, but cannot read them to set the header.
 * Requests without cookies (scripts with a token-less API use, sign-in itself) pass rule 3 vacuously and still
 * face rules 1 and 2. JSON-only bodies (415 otherwise) already keep plain HTML forms out.
 */
import { CSRF_COOKIE, CSRF_HEADER } from "./auth.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** Why the request is refused as a possible cross-site forgery, or undefined when it may proceed. */
export function csrfRefusal(
  req: Request,
  opts: { readonly trustedOrigins: readonly string[]; readonly sessionCookie: string },
): string | undefined {
  if (!UNSAFE.has(req.method)) return undefined;
  const h = req.headers;
  if (h.get("sec-fetch-site") === "cross-site")
    return "The request comes from another site (Sec-Fetch-Site).";
  const origin = h.get("origin");
  if (origin !== null) {
    const own = new URL(req.url).origin;
    if (origin !== own && !opts.trustedOrigins.includes(origin))
      return `The request comes from ${origin}, which is not this server's origin.`;
  }
  const cookies = h.get("cookie");
  const hasSession = cookieValue(cookies, opts.sessionCookie) !== undefined;
  if (hasSession) {
    const expected = cookieValue(cookies, CSRF_COOKIE);
    const got = h.get(CSRF_HEADER);
    if (!expected || !got || expected !== got)
      return `A signed-in request that changes data must carry the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie.`;
  }
  return undefined;
}
