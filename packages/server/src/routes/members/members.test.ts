import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { listAudit, outbox } from "@citypath/db";
import {
  createTestApp,
  routeTestKinds,
  type Session,
  sessionFrom,
  signIn,
  type TestApp,
} from "../../testing.ts";

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("members and invitations", () => {
      let t: TestApp;
      let admin: Session;
      let staff: Session;
      let tenantId: string;
      before(async () => {
        t = await createTestApp({ on: kind.name });
        const j = (await t.store.tenants.bySlug("jeonju"))!;
        tenantId = j.id;
        admin = await signIn(t, "admin@jeonju.example");
        await t.store.memberships.put(j.id, admin.userId, "admin");
        staff = await signIn(t, "staff@jeonju.example");
      });
      after(() => t.close());

      const put = (body: unknown, as: Session = admin) =>
        t.app.request("/api/tenants/jeonju/members", {
          method: "PUT",
          headers: as.headers(true),
          body: JSON.stringify(body),
        });
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        t.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        });
      const members = async () =>
        (
          (await (
            await t.app.request("/api/tenants/jeonju/members", { headers: admin.headers() })
          ).json()) as {
            members: { user_id: string; email: string; role: string; departments: string[] }[];
          }
        ).members.map((m) => [m.email, m.role, m.departments]);
      const linkOf = async (email: string) => {
        const m = (await outbox(t.store, { email })).find((x) => x.kind === "invitation")!;
        const u = new URL(m.link);
        return {
          tenant: u.searchParams.get("tenant")!,
          token: u.searchParams.get("token")!,
          path: u.pathname,
        };
      };

      it("an editor works for departments of the tenant's register, by id; every problem is named", async () => {
        assert.equal(
          (await put({ email: "staff@jeonju.example", role: "editor", departments: [] })).status,
          400,
        );
        const bad = await put({
          email: "staff@jeonju.example",
          role: "editor",
          departments: ["climate-change-response", "우주과", "건축과"],
        });
        assert.equal(bad.status, 400);
        const body = (await bad.json()) as {
          error: { details: { path: string; code: string; message: string }[] };
        };
        assert.deepEqual(
          body.error.details.map((d) => [d.path, d.code]),
          [
            ["json.departments.1", "UNKNOWN_REFERENCE"],
            ["json.departments.2", "UNKNOWN_REFERENCE"],
          ],
        );
        // a department's Korean name is not its identity: the answer names the id to use
        assert.match(body.error.details[1]!.message, /name it by its id, "architecture"/);
        const citizen = await put({
          email: "staff@jeonju.example",
          role: "citizen",
          departments: ["architecture"],
        });
        assert.equal(citizen.status, 400);
      });

      it("the department register: admins add and rename (both languages), ids stay, names are refused as strings", async () => {
        const dept = (id: string, body: unknown, as: Session = admin) =>
          t.app.request(`/api/tenants/jeonju/departments/${id}`, {
            method: "PUT",
            headers: as.headers(true),
            body: JSON.stringify(body),
          });
        // a plain string where a name in two languages is expected: 400 naming the field
        const plain = await dept("architecture", { name: "건축과" });
        assert.equal(plain.status, 400);
        const err = (await plain.json()) as { error: { details: { path: string }[] } };
        assert.ok(
          err.error.details.some((d) => d.path.startsWith("json.name")),
          JSON.stringify(err),
        );
        assert.equal((await dept("architecture", { name: { ko: "건축과" } }, staff)).status, 403);
        // an editor of the department, before the rename
        await t.store.memberships.put(tenantId as TenantId, staff.userId, "editor", ["architecture"]);
        const renamed = await dept("architecture", {
          name: { ko: "건축디자인과", en: "Architecture and Design Division" },
        });
        assert.equal(renamed.status, 200, await renamed.clone().text());
        assert.deepEqual(((await renamed.json()) as { created: boolean }).created, false);
        const added = await dept("carbon-support", {
          name: { ko: "탄소중립지원과" },
          parent: "welfare-environment",
        });
        assert.equal(added.status, 200);
        const list = (await (await t.app.request("/api/tenants/jeonju/departments")).json()) as {
          departments: {
            id: string;
            name: { ko: string; en?: string };
            source?: string;
            illustrative?: boolean;
          }[];
        };
        const byId = new Map(list.departments.map((d) => [d.id, d]));
        // the rename keeps the entry's provenance; the new one cites the city's own register
        assert.deepEqual(byId.get("architecture")?.name, {
          ko: "건축디자인과",
          en: "Architecture and Design Division",
        });
        assert.equal(byId.get("architecture")?.illustrative, true);
        assert.deepEqual(byId.get("carbon-support")?.name, { ko: "탄소중립지원과" });
        assert.equal(byId.get("carbon-support")?.source, "city-department-register");
        // the membership still names the renamed department, and the change is in the trail
        assert.deepEqual((await members()).find(([e]) => e === "staff@jeonju.example")?.[2], [
          "architecture",
        ]);
        const recs = await listAudit(t.store.db, tenantId, {
          entity: "department",
          entityId: "architecture",
        });
        assert.equal(recs.at(-1)?.action, "update");
        const badParent = await dept("x-unit", { name: { ko: "가" }, parent: "nowhere" });
        assert.equal(badParent.status, 400);
        await t.store.memberships.remove(tenantId as TenantId, staff.userId);
      });

      it("membersPutTellsNothing: an address with an account and one without get the same answer, an invitation by mail", async () => {
        const shape = async (r: Response) => {
          const b = (await r.json()) as Record<string, unknown> & { invitation: Record<string, unknown> };
          return {
            status: r.status,
            keys: Object.keys(b).sort(),
            invitationKeys: Object.keys(b.invitation).sort(),
            what: [b.status, b.role, b.departments, b.member],
          };
        };
        const withAccount = await put({
          email: "staff@jeonju.example",
          role: "editor",
          departments: ["architecture"],
        });
        const without = await put({
          email: "new.person@jeonju.example",
          role: "editor",
          departments: ["architecture"],
        });
        assert.deepEqual(await shape(withAccount), await shape(without));
        // nobody became a member yet: an invitation is accepted by the address's holder
        assert.deepEqual(await members(), [["admin@jeonju.example", "admin", []]]);
        for (const email of ["staff@jeonju.example", "new.person@jeonju.example"]) {
          const [m] = await outbox(t.store, { email });
          assert.equal(m!.kind, "invitation");
          assert.equal(m!.forTenant, tenantId);
          assert.equal((await linkOf(email)).path, "/ko/workspace/invitation");
        }
        // the trail records the invitation without the address
        const recs = await listAudit(t.store.db, tenantId, { entity: "invitation" });
        assert.equal(recs.length, 2);
        assert.doesNotMatch(JSON.stringify(recs), /jeonju\.example/);
      });

      it("a new address sets its name and password through the link and is signed in as a member", async () => {
        const email = "invitee@jeonju.example";
        const invited = await put({ email, role: "editor", departments: ["transport-policy"] });
        assert.equal(invited.status, 200, await invited.clone().text());
        const { tenant, token } = await linkOf(email);
        assert.equal(tenant, "jeonju");
        const look = await post("/api/tenants/jeonju/invitations/lookup", { token });
        assert.equal(look.status, 200);
        const view = (await look.json()) as Record<string, unknown>;
        assert.equal(view.email, email);
        assert.equal(view.account_exists, false);
        assert.deepEqual(view.departments, ["transport-policy"]);
        // name and password are asked for, each on its field
        const missing = await post("/api/tenants/jeonju/invitations/accept", { token });
        assert.equal(missing.status, 400);
        const paths = (
          (await missing.json()) as { error: { details: { path: string }[] } }
        ).error.details.map((d) => d.path);
        assert.deepEqual(paths, ["json.name", "json.password"]);
        const weak = await post("/api/tenants/jeonju/invitations/accept", {
          token,
          name: "최",
          password: "password1234",
        });
        assert.equal(weak.status, 400);
        const ok = await post(
          "/api/tenants/jeonju/invitations/accept",
          { token, name: "최민수", password: "buses along the river at dawn" },
          { "x-forwarded-for": "10.9.9.9" },
        );
        assert.equal(ok.status, 200, await ok.clone().text());
        const session = await sessionFrom(ok.clone(), email);
        const b = (await ok.json()) as { role: string; user: { email: string; name: string } };
        assert.equal(b.role, "editor");
        assert.equal(b.user.name, "최민수");
        // the session works, with the role
        const who = (await (
          await t.app.request("/api/auth/session", { headers: session.headers() })
        ).json()) as {
          memberships: { tenant: string; role: string; departments: string[] }[];
        };
        assert.deepEqual(who.memberships, [
          { tenant: "jeonju", role: "editor", departments: ["transport-policy"] },
        ]);
        // the link works once
        assert.equal(
          (await post("/api/tenants/jeonju/invitations/accept", { token, name: "x", password: "y" })).status,
          400,
        );
        assert.equal((await post("/api/tenants/jeonju/invitations/lookup", { token })).status, 400);
        // and signs in with the password chosen
        await signIn(t, email, { password: "buses along the river at dawn", signUp: false });
      });

      it("an existing account accepts only when signed in as itself", async () => {
        const { token } = await linkOf("staff@jeonju.example");
        const view = (await (await post("/api/tenants/jeonju/invitations/lookup", { token })).json()) as {
          account_exists: boolean;
        };
        assert.equal(view.account_exists, true);
        assert.equal((await post("/api/tenants/jeonju/invitations/accept", { token })).status, 401);
        const other = await signIn(t, "other@jeonju.example");
        const wrong = await t.app.request("/api/tenants/jeonju/invitations/accept", {
          method: "POST",
          headers: other.headers(true),
          body: JSON.stringify({ token }),
        });
        assert.equal(wrong.status, 403);
        const right = await t.app.request("/api/tenants/jeonju/invitations/accept", {
          method: "POST",
          headers: staff.headers(true),
          body: JSON.stringify({ token }),
        });
        assert.equal(right.status, 200, await right.clone().text());
        assert.deepEqual(
          (await members()).find(([e]) => e === "staff@jeonju.example"),
          ["staff@jeonju.example", "editor", ["architecture"]],
        );
        const [rec] = await listAudit(t.store.db, tenantId, { entity: "membership", entityId: staff.userId });
        assert.equal(rec!.actorId, staff.userId);
      });

      it("a member's role and departments change at once; the change is recorded", async () => {
        const r = await put({
          email: "staff@jeonju.example",
          role: "editor",
          departments: ["architecture", "public-transport-division"],
        });
        assert.equal(r.status, 200);
        const b = (await r.json()) as { status: string; member: { user_id: string } };
        assert.equal(b.status, "updated");
        const recs = await listAudit(t.store.db, tenantId, { entity: "membership", entityId: staff.userId });
        assert.deepEqual(recs.at(-1)!.after, {
          role: "editor",
          departments: ["architecture", "public-transport-division"],
        });
        assert.equal(recs.at(-1)!.actorId, admin.userId);
        const auditor = await put({ email: "staff@jeonju.example", role: "auditor" });
        assert.equal(auditor.status, 200);
        assert.deepEqual(
          (await members()).find(([e]) => e === "staff@jeonju.example"),
          ["staff@jeonju.example", "auditor", []],
        );
      });

      it("a withdrawn invitation's link stops working; pending ones are listed", async () => {
        await put({ email: "late@jeonju.example", role: "council" });
        const list = (await (
          await t.app.request("/api/tenants/jeonju/invitations", { headers: admin.headers() })
        ).json()) as { invitations: { id: string; email: string }[] };
        const inv = list.invitations.find((i) => i.email === "late@jeonju.example")!;
        assert.ok(inv);
        assert.ok(
          !list.invitations.some((i) => i.email === "invitee@jeonju.example"),
          "accepted ones are gone",
        );
        const { token } = await linkOf("late@jeonju.example");
        const del = await t.app.request(`/api/tenants/jeonju/invitations/${inv.id}`, {
          method: "DELETE",
          headers: admin.headers(),
        });
        assert.equal(del.status, 200);
        assert.equal((await post("/api/tenants/jeonju/invitations/lookup", { token })).status, 400);
      });

      it("the city's mail: its admins see the invitation links while no SMTP sends them; an auditor sees the state only", async () => {
        const read = async (s: Session) =>
          (await (await t.app.request("/api/tenants/jeonju/mail", { headers: s.headers() })).json()) as {
            smtp: boolean;
            messages: { email: string; kind: string; link: string | null; state: string }[];
          };
        const mine = await read(admin);
        assert.equal(mine.smtp, false);
        const m = mine.messages.find((x) => x.email === "late@jeonju.example")!;
        assert.equal(m.kind, "invitation");
        assert.equal(m.state, "waiting");
        assert.match(m.link!, /\/ko\/workspace\/invitation\?tenant=jeonju&token=/);
        // only this city's messages: sign-up confirmations and resets belong to no city
        assert.ok(mine.messages.every((x) => x.kind === "invitation"));
        const auditor = await signIn(t, "reader@jeonju.example");
        await t.store.memberships.put(tenantId as never, auditor.userId, "auditor");
        const theirs = await read(auditor);
        assert.equal(theirs.messages.length, mine.messages.length);
        assert.ok(theirs.messages.every((x) => x.link === null));
      });

      it("removes a member, never the last admin", async () => {
        const del = (user: string) =>
          t.app.request(`/api/tenants/jeonju/members/${user}`, {
            method: "DELETE",
            headers: admin.headers(),
          });
        assert.equal((await del(admin.userId)).status, 409);
        assert.equal(
          (await put({ email: "admin@jeonju.example", role: "editor", departments: ["architecture"] }))
            .status,
          409,
        );
        const r = await del(staff.userId);
        assert.equal(r.status, 200);
        assert.ok(!(await members()).some(([e]) => e === "staff@jeonju.example"));
        assert.equal((await del(staff.userId)).status, 404);
        // the removal ends the access at once
        const read = await t.app.request("/api/tenants/jeonju/audit", { headers: staff.headers() });
        assert.equal(read.status, 403);
        const [rec] = (
          await listAudit(t.store.db, tenantId, { entity: "membership", entityId: staff.userId })
        ).filter((x) => x.action === "delete");
        assert.deepEqual(rec!.before, { role: "auditor", departments: [] });
      });
    });
  });
