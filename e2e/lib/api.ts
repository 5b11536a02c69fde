/**
 * A signed-in API session (the session cookies and the CSRF header), as a script would hold one: the browser
 * tests set up what a journey needs (a consultation, a census, a membership) through the real API.
 */
import assert from "node:assert/strict";

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Response>;

export async function apiSession(url: string, email: string, password: string): Promise<ApiCall> {
  const r = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(r.status, 200, `sign-in of ${email}: ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith("citypath_csrf="))?.split("=")[1] ?? "");
  return (method, path, body) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie: cookies.join("; "), "x-citypath-csrf": csrf, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
