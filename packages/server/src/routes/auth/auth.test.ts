import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { outbox } from "@citypath/db";
import { sql } from "drizzle-orm";
import { betterAuthStorageState, randomSecret, SESSION_DAYS } from "../../security/auth.ts";
import { DEFAULT_RATE_LIMITS } from "../../security/rate-limit.ts";
import {
  createTestApp,
  routeTestKinds,
  type Session,
  signIn,
  TEST_CONSENT,
  type TestApp,
} from "../../testing.ts";

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("accounts: sign-up, sign-in, sessions, password reset", () => {
      let t: TestApp;
      before(async () => {
        t = await createTestApp({ on: kind.name, demo: false });
      });
      after(() => t.close());

      it("signs up by mail: the confirmed account has an argon2id hash; sign-in sets HttpOnly SameSite cookies", async () => {
        const up = await t.app.request(
          "/api/auth/sign-up/email",
          json({
            email: "Lee@Jeonju.go.kr",
            password: "paper lanterns over hanok roofs",
            name: "이순신",
            consent: TEST_CONSENT,
          }),
        );
        assert.equal(up.status, 202);
        assert.deepEqual(await up.json(), { status: "check-mail" });
        assert.deepEqual(up.headers.getSetCookie(), []); // not signed in, no account yet
        assert.equal(await t.store.users.byEmail("lee@jeonju.go.kr"), undefined);
        const [m] = await outbox(t.store, { email: "lee@jeonju.go.kr" });
        assert.equal(m!.kind, "account-confirm");
        const token = new URL(m!.link).searchParams.get("token")!;
        assert.equal(new URL(m!.link).pathname, "/ko/workspace/confirm");
        const confirm = await t.app.request("/api/auth/confirm-account", json({ token }));
        assert.equal(confirm.status, 200);
        assert.deepEqual(await confirm.json(), { status: true, email: "lee@jeonju.go.kr" });
        // the link works once
        assert.equal((await t.app.request("/api/auth/confirm-account", json({ token }))).status, 400);
        const u = await t.store.users.byEmail("lee@jeonju.go.kr");
        assert.equal(u!.name, "이순신");
        assert.match((await t.store.users.passwordHash(u!.id))!, /^\$argon2id\$/);
        const r = await t.app.request(
          "/api/auth/sign-in/email",
          json({ email: "lee@jeonju.go.kr", password: "paper lanterns over hanok roofs" }),
        );
        assert.equal(r.status, 200);
        const cookies = r.headers.getSetCookie();
        const session = cookies.find((c) => c.startsWith("better-auth.session_token="))!;
        assert.match(session, /HttpOnly/);
        assert.match(session, /SameSite=Lax/);
        assert.doesNotMatch(session, /Secure/); // http: not Secure; https public URLs add it
        assert.match(cookies.find((c) => c.startsWith("citypath_csrf="))!, /SameSite=Strict/);
        const body = (await r.json()) as { user: Record<string, unknown> };
        assert.deepEqual(Object.keys(body.user).sort(), [
          "email",
          "id",
          "must_change_password",
          "name",
          "platform_admin",
        ]);
        assert.equal(body.user.email, "lee@jeonju.go.kr");
        const cookie = cookies.map((c) => c.split(";")[0]).join("; ");
        const s = (await (await t.app.request("/api/auth/session", { headers: { cookie } })).json()) as {
          user: { email: string };
        };
        assert.equal(s.user.email, "lee@jeonju.go.kr");
      });

      it("signUpTellsNothing: an email with an account gets the very same answer; the mail says so instead", async () => {
        await signIn(t, "kim@example.kr", { password: "my own long phrase here" });
        const ask = (email: string, address: string) =>
          t.app.request(
            "/api/auth/sign-up/email",
            json(
              { email, password: "someone else's long phrase", name: "guess", consent: TEST_CONSENT },
              { "x-forwarded-for": address },
            ),
          );
        const known = await ask("kim@example.kr", "198.51.100.201");
        const unknown = await ask("nobody-yet@example.kr", "198.51.100.202");
        const shape = async (r: Response) => ({
          status: r.status,
          body: await r.text(),
          cookies: r.headers.getSetCookie(),
          headers: [...r.headers.keys()].filter((k) => k !== "date" && k !== "x-request-id").sort(),
        });
        assert.deepEqual(await shape(known), await shape(unknown));
        // the owner's mailbox hears of it; the account and its password are untouched
        const [m] = await outbox(t.store, { email: "kim@example.kr" });
        assert.equal(m!.kind, "account-exists");
        assert.equal(new URL(m!.link).pathname, "/ko/workspace/reset-password");
        assert.doesNotMatch(m!.link, /token/);
        await signIn(t, "kim@example.kr", { password: "my own long phrase here", signUp: false });
        await assert.rejects(
          signIn(t, "kim@example.kr", { password: "someone else's long phrase", signUp: false }),
          /401/,
        );
        const [n] = await outbox(t.store, { email: "nobody-yet@example.kr" });
        assert.equal(n!.kind, "account-confirm");
      });

      it("refuses common and short passwords, with the reason and the path", async () => {
        for (const password of [
          "password1234",
          "Qwerty123456!",
          "123456789012",
          "P@ssw0rd2024",
          "aaaaaaaaaaaaaaaa",
          "short",
        ]) {
          const r = await t.app.request(
            "/api/auth/sign-up/email",
            json(
              { email: `p${password.length}@example.kr`, password, name: "x", consent: TEST_CONSENT },
              { "x-forwarded-for": `9.9.9.${password.length}` },
            ),
          );
          assert.equal(r.status, 400, password);
          const b = (await r.json()) as { error: { details: { path: string }[] } };
          assert.equal(b.error.details[0]!.path, "json.password", password);
        }
      });

      it("a password reset goes through the outbox; the new password works and the old one does not", async () => {
        await signIn(t, "park@example.kr", { password: "first long phrase of mine" });
        const r = await t.app.request("/api/auth/request-password-reset", json({ email: "park@example.kr" }));
        assert.equal(r.status, 200);
        const [m] = await outbox(t.store, { email: "park@example.kr" });
        assert.equal(m!.kind, "password-reset");
        const token = new URL(m!.link).searchParams.get("token")!;
        const reset = await t.app.request(
          "/api/auth/reset-password",
          json({ token, new_password: "second long phrase of mine" }),
        );
        assert.equal(reset.status, 200);
        await assert.rejects(
          signIn(t, "park@example.kr", { password: "first long phrase of mine", signUp: false }),
          /401/,
        );
        await signIn(t, "park@example.kr", { password: "second long phrase of mine", signUp: false });
        // an unknown email gets the same answer and queues nothing
        const none = await t.app.request(
          "/api/auth/request-password-reset",
          json({ email: "nobody@example.kr" }),
        );
        assert.equal(none.status, 200);
        assert.deepEqual(await outbox(t.store, { email: "nobody@example.kr" }), []);
      });
    });

    describe("CSRF", () => {
      let t: TestApp;
      let admin: Session;
      before(async () => {
        t = await createTestApp({ on: kind.name });
        admin = await signIn(t, "admin@jeonju.example");
        const j = (await t.store.tenants.bySlug("jeonju"))!;
        await t.store.memberships.put(j.id, admin.userId, "admin");
      });
      after(() => t.close());

      const patch = async (headers: Record<string, string>) =>
        t.app.request("/api/tenants/jeonju", {
          method: "PATCH",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({
            base_version: (await t.store.tenants.bySlug("jeonju"))!.version,
            name_en: "Forged",
          }),
        });

      it("refuses a signed-in write without the CSRF header, with a wrong one, from another origin or site", async () => {
        const { cookie, csrf } = admin;
        const attempts: Record<string, string>[] = [
          { cookie },
          { cookie, "x-citypath-csrf": "guessed" },
          { cookie, "x-citypath-csrf": csrf, origin: "https://evil.example" },
          { cookie, "x-citypath-csrf": csrf, "sec-fetch-site": "cross-site" },
        ];
        for (const headers of attempts) {
          const r = await patch(headers);
          assert.equal(r.status, 403, JSON.stringify(Object.keys(headers)));
          assert.match(((await r.json()) as { error: { message: string } }).error.message, /CSRF/);
        }
        assert.equal((await t.store.tenants.bySlug("jeonju"))!.nameEn, "Jeonju");
        const ok = await patch({ cookie, "x-citypath-csrf": csrf, origin: "http://localhost" });
        assert.equal(ok.status, 200);
        assert.equal((await t.store.tenants.bySlug("jeonju"))!.nameEn, "Forged");
      });

      it("refuses a sign-in posted from another origin (login CSRF)", async () => {
        const r = await t.app.request(
          "/api/auth/sign-in/email",
          json(
            { email: "admin@jeonju.example", password: "a long and unusual phrase 7" },
            { origin: "https://evil.example" },
          ),
        );
        assert.equal(r.status, 403);
      });
    });

    describe("rate limits at their documented values", () => {
      let t: TestApp;
      let clock = 1_000_000;
      const L = DEFAULT_RATE_LIMITS;
      before(async () => {
        t = await createTestApp({ on: kind.name, demo: false, now: () => clock });
      });
      after(() => t.close());

      const signInFrom = (address: string, email: string, password: string, app: TestApp = t) =>
        app.app.request("/api/auth/sign-in/email", json({ email, password }, { "x-forwarded-for": address }));

      it(`sign-in: ${L.signInPerAddress} failures per address per ${L.signInWindowMs / 60000} minutes, then 429 with Retry-After`, async () => {
        for (let i = 0; i < L.signInPerAddress; i++)
          assert.equal(
            (await signInFrom("198.51.100.1", `x${i}@example.kr`, "wrong password here")).status,
            401,
          );
        const r = await signInFrom("198.51.100.1", "another@example.kr", "wrong password here");
        assert.equal(r.status, 429);
        assert.equal(r.headers.get("retry-after"), String(L.signInWindowMs / 1000));
        clock += L.signInWindowMs;
        assert.equal(
          (await signInFrom("198.51.100.1", "another@example.kr", "wrong password here")).status,
          401,
        );
      });

      it(`signInBurstCountedBeforeHash: 20 parallel wrong passwords, at most ${L.signInPerAddress} (one address) or ${L.signInPerAccountAddress} (one account) reach the hash`, async () => {
        await signIn(t, "burst@example.kr", {
          password: "many quiet lanterns tonight",
          address: "203.0.113.99",
        });
        // a 401 is an answer from the password check: each one cost a hash verification
        const statuses = async (requests: (Response | Promise<Response>)[]) =>
          (await Promise.all(requests)).map((r) => r.status);
        const manyAccounts = await statuses(
          Array.from({ length: 20 }, (_, i) =>
            signInFrom("198.51.100.20", `burst${i}@example.kr`, "wrong guess"),
          ),
        );
        assert.equal(manyAccounts.filter((s) => s === 401).length, L.signInPerAddress);
        assert.equal(manyAccounts.filter((s) => s === 429).length, 20 - L.signInPerAddress);
        const oneAccount = await statuses(
          Array.from({ length: 20 }, () => signInFrom("198.51.100.21", "burst@example.kr", "wrong guess")),
        );
        assert.equal(oneAccount.filter((s) => s === 401).length, L.signInPerAccountAddress);
        assert.equal(oneAccount.filter((s) => s === 429).length, 20 - L.signInPerAccountAddress);
      });

      it(`ownerNotLockedOut: after ${L.signInPerAccount} strangers' failures new addresses wait growing delays; the owner's known address never waits`, async () => {
        const owner = "owner@example.kr";
        const password = "a lantern by the river";
        await signIn(t, owner, { password, address: "203.0.113.7" });
        for (let i = 0; i < L.signInPerAccount; i++)
          assert.equal((await signInFrom(`192.0.2.${i}`, owner, "guess number one")).status, 401);
        // the next attempt from a new address waits 1 s, even with the right password: no hard block
        const early = await signInFrom("192.0.2.200", owner, password);
        assert.equal(early.status, 429);
        assert.equal(early.headers.get("retry-after"), String(L.signInDelayBaseMs / 1000));
        // the owner at home is not slowed at all
        assert.equal((await signInFrom("203.0.113.7", owner, password)).status, 200);
        // strangers keep guessing: each wait doubles, up to the maximum
        const waits: number[] = [];
        for (let i = 0; i < 12; i++) {
          const r = await signInFrom(`192.0.2.${50 + i}`, owner, "another guess");
          assert.equal(r.status, 429);
          const w = Number(r.headers.get("retry-after"));
          waits.push(w);
          clock += w * 1000;
          assert.equal((await signInFrom(`192.0.2.${50 + i}`, owner, "another guess")).status, 401);
        }
        assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
        assert.equal((await signInFrom("203.0.113.7", owner, password)).status, 200, "home still works");
        // the owner at a new address gets in once the current wait has passed
        const away = await signInFrom("198.51.100.77", owner, password);
        assert.equal(away.status, 429);
        clock += Number(away.headers.get("retry-after")) * 1000;
        assert.equal((await signInFrom("198.51.100.77", owner, password)).status, 200);
      });

      it("limitsSurviveRestart: a new server process on the same database keeps the counts and the owner's addresses", async () => {
        clock += L.signInWindowMs;
        const owner = "restart@example.kr";
        const password = "a kite above the stream";
        await signIn(t, owner, { password, address: "203.0.113.8" });
        for (let i = 0; i < L.signInPerAddress; i++)
          assert.equal((await signInFrom("198.51.100.30", `r${i}@example.kr`, "wrong")).status, 401);
        for (let i = 0; i < L.signInPerAccount; i++)
          assert.equal((await signInFrom(`192.0.2.${100 + i}`, owner, "wrong")).status, 401);
        const restarted = await createTestApp({
          on: kind.name,
          database: t.database,
          demo: false,
          now: () => clock,
        });
        assert.equal((await signInFrom("198.51.100.30", "r99@example.kr", "wrong", restarted)).status, 429);
        assert.equal((await signInFrom("192.0.2.150", owner, password, restarted)).status, 429);
        assert.equal((await signInFrom("203.0.113.8", owner, password, restarted)).status, 200);
      });

      const signUpFrom = (address: string, email: string) =>
        t.app.request(
          "/api/auth/sign-up/email",
          json(
            { email, password: "a long and unusual phrase 7", name: "x", consent: TEST_CONSENT },
            { "x-forwarded-for": address },
          ),
        );

      it(`sign-up: ${L.signUpPerAddress} per address per hour (a public hearing in one hall behind one address)`, async () => {
        // the first ones through the route, the rest counted straight on the shared counter (each sign-up through
        // the route costs a password hash), then the route refuses the next one
        for (let i = 0; i < 3; i++)
          assert.equal((await signUpFrom("198.51.100.50", `new${i}@example.kr`)).status, 202);
        for (let i = 3; i < L.signUpPerAddress; i++)
          assert.equal(await t.deps.limiter!.signUp("198.51.100.50"), 0, `sign-up ${i + 1}`);
        const r = await signUpFrom("198.51.100.50", "one-more@example.kr");
        assert.equal(r.status, 429);
        assert.equal(r.headers.get("retry-after"), String(L.signUpWindowMs / 1000));
        assert.equal((await outbox(t.store, { email: "one-more@example.kr" })).length, 0);
        // another address is not touched; after the window the same address signs up again
        assert.equal((await signUpFrom("198.51.100.51", "elsewhere@example.kr")).status, 202);
        clock += L.signUpWindowMs;
        assert.equal((await signUpFrom("198.51.100.50", "one-more@example.kr")).status, 202);
      });

      it(`sign-up mails: ${L.signUpMailsPerEmail} per recipient per hour; beyond, the same answer and no mail`, async () => {
        const email = "flooded@example.kr";
        for (let i = 0; i < L.signUpMailsPerEmail + 2; i++) {
          const r = await signUpFrom(`198.51.100.${70 + i}`, email);
          assert.equal(r.status, 202);
          assert.deepEqual(await r.json(), { status: "check-mail" });
        }
        assert.equal((await outbox(t.store, { email })).length, L.signUpMailsPerEmail);
      });

      it(`password resets: ${L.passwordResetsPerAddress} per address per hour, counted apart from sign-ups`, async () => {
        const reset = () =>
          t.app.request(
            "/api/auth/request-password-reset",
            json({ email: "nobody@example.kr" }, { "x-forwarded-for": "198.51.100.52" }),
          );
        for (let i = 0; i < L.passwordResetsPerAddress; i++)
          assert.equal((await reset()).status, 200, `reset ${i + 1}`);
        const r = await reset();
        assert.equal(r.status, 429);
        assert.equal(r.headers.get("retry-after"), String(L.passwordResetWindowMs / 1000));
        // the resets used up their own counter only: the same address still signs up
        assert.equal((await signUpFrom("198.51.100.52", "after-resets@example.kr")).status, 202);
      });

      it(`writes: ${L.writesPerUser} per user per minute`, async () => {
        const s = await signIn(t, "writer@example.kr", { address: "198.51.100.60" });
        const write = () =>
          t.app.request("/api/tenants", { method: "POST", headers: s.headers(true), body: "{}" });
        for (let i = 0; i < L.writesPerUser; i++)
          assert.notEqual((await write()).status, 429, `write ${i + 1}`);
        const r = await write();
        assert.equal(r.status, 429);
        assert.ok(Number(r.headers.get("retry-after")) <= L.writesWindowMs / 1000);
        clock += L.writesWindowMs;
        assert.notEqual((await write()).status, 429);
      });

      it("a forged write (no CSRF token, or another site's origin) is refused before it counts against the victim's write limit", async () => {
        const s = await signIn(t, "victim@example.kr", { address: "198.51.100.61" });
        const { "x-citypath-csrf": _, ...noToken } = s.headers(true);
        for (const headers of [noToken, { ...s.headers(true), origin: "https://evil.example" }])
          for (let i = 0; i < L.writesPerUser + 1; i++) {
            const r = await t.app.request("/api/tenants", { method: "POST", headers, body: "{}" });
            assert.equal(r.status, 403);
          }
        // the victim's own writes of the minute are all there
        for (let i = 0; i < L.writesPerUser; i++) {
          const r = await t.app.request("/api/tenants", {
            method: "POST",
            headers: s.headers(true),
            body: "{}",
          });
          assert.notEqual(r.status, 429, `write ${i + 1}`);
        }
      });
    });

    describe("sessions end at once", () => {
      const secret = "a test secret of at least thirty-two characters";
      let a: TestApp;
      let b: TestApp;
      before(async () => {
        a = await createTestApp({ on: kind.name, secret });
        // a second server process on the same database: its own better-auth instance, the same secret
        b = await createTestApp({ on: kind.name, database: a.database, secret, demo: false });
        const j = (await a.store.tenants.bySlug("jeonju"))!;
        for (const email of ["out@jeonju.example", "reset@jeonju.example"]) {
          const s = await signIn(a, email);
          await a.store.memberships.put(j.id, s.userId, "admin");
        }
      });
      after(() => a.close());

      const whoIs = async (t: TestApp, s: Session) =>
        (
          (await (await t.app.request("/api/auth/session", { headers: s.headers() })).json()) as {
            user: { email: string } | null;
          }
        ).user?.email ?? null;
      const rename = async (t: TestApp, s: Session, name: string) =>
        t.app.request("/api/tenants/jeonju", {
          method: "PATCH",
          headers: s.headers(true),
          body: JSON.stringify({
            base_version: (await t.store.tenants.bySlug("jeonju"))!.version,
            name_en: name,
          }),
        });

      it("sessionRevokedAtOnceAfterSignOut: a copied cookie neither reads nor writes after sign-out", async () => {
        const s = await signIn(a, "out@jeonju.example", { signUp: false });
        const copy = { ...s }; // what an attacker copied from the browser
        assert.equal(await whoIs(a, copy), "out@jeonju.example");
        assert.equal(await whoIs(b, copy), "out@jeonju.example");
        const out = await a.app.request("/api/auth/sign-out", { method: "POST", headers: s.headers() });
        assert.equal(out.status, 200);
        // the next request, on this process and on the other
        for (const t of [a, b]) {
          assert.equal(await whoIs(t, copy), null);
          assert.equal((await rename(t, copy, "Copied")).status, 401);
        }
        assert.equal((await a.store.tenants.bySlug("jeonju"))!.nameEn, "Jeonju");
      });

      it("better-auth's request storages are off while none of its requests is in flight, and its next request works", async () => {
        // two at once: the storages stay on until the second has answered
        const [s1, s2] = await Promise.all(
          ["out@jeonju.example", "reset@jeonju.example"].map((e) => signIn(a, e, { signUp: false })),
        );
        const state = betterAuthStorageState();
        assert.ok(state.storages >= 1, "better-auth made its storages");
        assert.equal(state.enabled, 0);
        // better-auth's own reads of the session run in its storage, enabled again for them
        assert.equal(await whoIs(a, s1!), "out@jeonju.example");
        assert.equal(await whoIs(a, s2!), "reset@jeonju.example");
        assert.equal(betterAuthStorageState().enabled, 0);
        // and our own writes go on without it
        assert.equal((await rename(a, s1!, "Jeonju")).status, 200);
      });

      it("a cookie whose signature is not the server's, or an expired session, is no session", async () => {
        const s = await signIn(a, "out@jeonju.example", { signUp: false });
        const [name, value] = s.cookie
          .split("; ")
          .find((c) => c.includes("session_token="))!
          .split("=") as [string, string];
        const token = decodeURIComponent(value).split(".")[0]!;
        // the right token under another secret's signature, and the bare token
        const other = await createTestApp({
          on: kind.name,
          database: a.database,
          demo: false,
          secret: randomSecret(),
        });
        const forged = (await signIn(other, "out@jeonju.example", { signUp: false })).cookie;
        const forgedValue = forged
          .split("; ")
          .find((c) => c.includes("session_token="))!
          .split("=")[1]!;
        const signature = decodeURIComponent(forgedValue).split(".")[1]!;
        for (const cookie of [
          `${name}=${encodeURIComponent(`${token}.${signature}`)}`,
          `${name}=${token}`,
          `${name}=%E0%A4%A`,
        ])
          assert.equal(await whoIs(a, { ...s, cookie, headers: () => ({ cookie }) }), null);
        assert.equal(await whoIs(a, s), "out@jeonju.example");
        await a.store.db.execute(
          sql`update "session" set expires_at = now() - interval '1 second' where token = ${token}`,
        );
        assert.equal(await whoIs(a, s), null);
        assert.equal((await rename(a, s, "Expired")).status, 401);
      });

      it(`a session in use is kept ${SESSION_DAYS} days from its last day of use`, async () => {
        const s = await signIn(a, "out@jeonju.example", { signUp: false });
        const token = decodeURIComponent(
          s.cookie
            .split("; ")
            .find((c) => c.includes("session_token="))!
            .split("=")[1]!,
        ).split(".")[0]!;
        const expiry = async () => (await a.store.users.bySession(token))!.expiresAt;
        // used within a day of sign-in: left as it is; used later (expiry 5 days away): moved to 7 days from now
        const first = new Date(await expiry()).getTime();
        assert.equal(await whoIs(a, s), "out@jeonju.example");
        assert.equal(new Date(await expiry()).getTime(), first);
        await a.store.db.execute(
          sql`update "session" set expires_at = now() + interval '5 days' where token = ${token}`,
        );
        const before = Date.now();
        assert.equal(await whoIs(a, s), "out@jeonju.example");
        const moved = new Date(await expiry()).getTime();
        assert.ok(moved >= before + SESSION_DAYS * 86_400_000 - 1000, `${new Date(moved).toISOString()}`);
      });

      it("passwordResetEndsSessionsOnEveryProcess: both processes refuse the old sessions at once", async () => {
        const s1 = await signIn(a, "reset@jeonju.example", { signUp: false });
        const s2 = await signIn(b, "reset@jeonju.example", { signUp: false });
        for (const t of [a, b])
          for (const s of [s1, s2]) assert.equal(await whoIs(t, s), "reset@jeonju.example");
        const req = await a.app.request(
          "/api/auth/request-password-reset",
          json({ email: "reset@jeonju.example" }),
        );
        assert.equal(req.status, 200);
        const [m] = await outbox(a.store, { email: "reset@jeonju.example" });
        const token = new URL(m!.link).searchParams.get("token")!;
        const r = await a.app.request(
          "/api/auth/reset-password",
          json({ token, new_password: "an entirely new long phrase" }),
        );
        assert.equal(r.status, 200);
        for (const t of [a, b])
          for (const s of [s1, s2]) {
            assert.equal(await whoIs(t, s), null);
            assert.equal((await rename(t, s, "After reset")).status, 401);
          }
        assert.equal((await a.store.tenants.bySlug("jeonju"))!.nameEn, "Jeonju");
      });
    });

    describe("CSRF token bound to the session, origin from the public URL", () => {
      let t: TestApp;
      let admin: Session;
      before(async () => {
        t = await createTestApp({ on: kind.name, publicUrl: "https://city.example" });
        admin = await signIn(t, "proxy@jeonju.example");
        const j = (await t.store.tenants.bySlug("jeonju"))!;
        await t.store.memberships.put(j.id, admin.userId, "admin");
      });
      after(() => t.close());

      const patch = async (headers: Record<string, string>, name: string) =>
        t.app.request("/api/tenants/jeonju", {
          method: "PATCH",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({
            base_version: (await t.store.tenants.bySlug("jeonju"))!.version,
            name_en: name,
          }),
        });
      const sessionCookie = () => admin.cookie.split("; ").find((c) => c.includes("session_token="))!;

      it("csrfCookieTossingRefused: a planted cookie with a matching header is refused", async () => {
        assert.match(sessionCookie(), /^__Secure-better-auth\.session_token=/);
        const r = await patch(
          {
            cookie: `${sessionCookie()}; citypath_csrf=planted-by-sibling`,
            "x-citypath-csrf": "planted-by-sibling",
          },
          "Tossed",
        );
        assert.equal(r.status, 403);
        // the attacker's own session's token (a real one) does not fit the victim's session either
        const other = await signIn(t, "other@jeonju.example");
        const r2 = await patch(
          { cookie: `${sessionCookie()}; citypath_csrf=${other.csrf}`, "x-citypath-csrf": other.csrf },
          "Swapped",
        );
        assert.equal(r2.status, 403);
        assert.equal((await t.store.tenants.bySlug("jeonju"))!.nameEn, "Jeonju");
      });

      it("publicUrlIsTheOrigin: behind a TLS proxy a write from https://city.example is accepted", async () => {
        // the proxy forwards to http://localhost; the browser's origin is the public URL
        const ok = await patch({ ...admin.headers(), origin: "https://city.example" }, "Behind proxy");
        assert.equal(ok.status, 200, await ok.clone().text());
        assert.equal((await t.store.tenants.bySlug("jeonju"))!.nameEn, "Behind proxy");
        const direct = await patch({ ...admin.headers(), origin: "http://localhost" }, "Direct");
        assert.equal(direct.status, 403);
      });

      it("the session route hands out the session's token when the cookie is missing or planted", async () => {
        const r = await t.app.request("/api/auth/session", {
          headers: { cookie: `${sessionCookie()}; citypath_csrf=planted` },
        });
        const set = r.headers.getSetCookie().find((c) => c.startsWith("citypath_csrf="))!;
        assert.equal(set.split(";")[0], `citypath_csrf=${admin.csrf}`);
        assert.match(set, /Secure/);
      });
    });
  });
