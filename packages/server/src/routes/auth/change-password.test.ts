import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AUDIT_PLATFORM, listAudit } from "@citypath/db";
import { ensureFirstAdmin } from "../../services/admin.ts";
import { createTestApp, routeTestKinds, signIn, type TestApp } from "../../testing.ts";

type SessionAnswer = { user: { email: string; must_change_password: boolean } | null };

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("password change and the first administrator's one-time password", () => {
      let t: TestApp;
      let oneTime = "";
      before(async () => {
        t = await createTestApp({ on: kind.name, demo: false });
        const first = await ensureFirstAdmin(t.store, { email: "admin@jeonju.example" });
        assert.ok(first.created && first.generatedPassword);
        oneTime = first.generatedPassword;
      });
      after(() => t.close());

      const session = async (cookie: string) =>
        (await (await t.app.request("/api/auth/session", { headers: { cookie } })).json()) as SessionAnswer;
      const change = (headers: Record<string, string>, current: string, next: string) =>
        t.app.request("/api/auth/change-password", {
          method: "POST",
          headers,
          body: JSON.stringify({ current_password: current, new_password: next }),
        });

      it("marks a printed one-time password as to be changed, and a chosen one not", async () => {
        const admin = await signIn(t, "admin@jeonju.example", { password: oneTime, signUp: false });
        assert.equal((await session(admin.cookie)).user?.must_change_password, true);
        const other = await signIn(t, "officer@jeonju.example");
        assert.equal((await session(other.cookie)).user?.must_change_password, false);
      });

      it("refuses an anonymous caller, a wrong current password, the same password and a weak one, each on its field", async () => {
        const anon = await change({ "content-type": "application/json" }, "x", "y");
        assert.equal(anon.status, 401);
        const admin = await signIn(t, "admin@jeonju.example", { password: oneTime, signUp: false });
        const wrong = await change(
          admin.headers(true),
          "not the password at all",
          "a brand new long phrase 42",
        );
        assert.equal(wrong.status, 400);
        const w = (await wrong.json()) as { error: { details: Array<{ path: string }> } };
        assert.equal(w.error.details[0]?.path, "json.current_password");
        const same = await change(admin.headers(true), oneTime, oneTime);
        assert.equal(same.status, 400);
        const weak = await change(admin.headers(true), oneTime, "short");
        assert.equal(weak.status, 400);
        assert.equal((await session(admin.cookie)).user?.must_change_password, true);
      });

      it("changes the password, clears the flag, ends the other sessions; the old password no longer signs in", async () => {
        const elsewhere = await signIn(t, "admin@jeonju.example", { password: oneTime, signUp: false });
        const admin = await signIn(t, "admin@jeonju.example", { password: oneTime, signUp: false });
        const res = await change(admin.headers(true), oneTime, "river willows by the hanok village 9");
        assert.equal(res.status, 200);
        const body = (await res.json()) as SessionAnswer;
        assert.equal(body.user?.must_change_password, false);
        // the answer carries the new session's cookies
        const cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        assert.equal((await session(cookie)).user?.must_change_password, false);
        assert.equal((await session(elsewhere.cookie)).user, null, "the other session ended");
        await assert.rejects(signIn(t, "admin@jeonju.example", { password: oneTime, signUp: false }), /401/);
        await signIn(t, "admin@jeonju.example", {
          password: "river willows by the hanok village 9",
          signUp: false,
        });
        const trail = await listAudit(t.store.db, AUDIT_PLATFORM);
        const u = await t.store.users.byEmail("admin@jeonju.example");
        assert.ok(trail.some((e) => e.entity === "user" && e.action === "update" && e.entityId === u?.id));
      });
    });
  });
