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

/**
 * Invites `person` to the demo city with a role (and departments) as its admin, and accepts the invitation
 * with the link from the city's mail (no SMTP server in these tests): the person can sign in afterwards.
 */
export async function addMember(
  url: string,
  admin: ApiCall,
  person: { email: string; name: string; password: string },
  role: string,
  departments: readonly string[] = [],
): Promise<void> {
  const m = await admin("PUT", "/api/tenants/jeonju/members", { email: person.email, role, departments });
  assert.equal(m.status, 200, await m.text());
  const mail = (await (await admin("GET", "/api/tenants/jeonju/mail")).json()) as {
    messages: Array<{ email: string; link: string | null }>;
  };
  const link = mail.messages.find((x) => x.email === person.email)?.link;
  assert.ok(link, `no invitation link for ${person.email}: ${JSON.stringify(mail)}`);
  const r = await fetch(`${url}/api/tenants/jeonju/invitations/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token: new URL(link).searchParams.get("token"),
      name: person.name,
      password: person.password,
    }),
  });
  assert.equal(r.status, 200, await r.text());
}
