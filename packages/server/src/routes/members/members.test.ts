import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "@citypath/db";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

describe("members", () => {
  let t: TestApp;
  let admin: Session;
  let tenantId: string;
  before(async () => {
    t = await createTestApp();
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    tenantId = j.id;
    admin = await signIn(t, "admin@jeonju.example");
    await t.store.memberships.put(j.id, admin.userId, "admin");
    await signIn(t, "staff@jeonju.example");
  });
  after(() => t.close());

  const put = (body: unknown) =>
    t.app.request("/api/tenants/jeonju/members", {
      method: "PUT",
      headers: admin.headers(true),
      body: JSON.stringify(body),
    });

  it("an editor works for departments of the tenant's settings; every problem is named", async () => {
    const none = await put({ email: "staff@jeonju.example", role: "editor", departments: [] });
    assert.equal(none.status, 400);
    const bad = await put({
      email: "staff@jeonju.example",
      role: "editor",
      departments: ["기후변화대응과", "우주과"],
    });
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { error: { details: { path: string; code: string }[] } };
    assert.deepEqual(
      body.error.details.map((d) => [d.path, d.code]),
      [["json.departments.1", "UNKNOWN_REFERENCE"]],
    );
    const citizen = await put({ email: "staff@jeonju.example", role: "citizen", departments: ["건축과"] });
    assert.equal(citizen.status, 400);
    assert.equal((await put({ email: "nobody@jeonju.example", role: "citizen" })).status, 404);
  });

  it("gives a role, lists it, and records the change", async () => {
    const r = await put({
      email: "staff@jeonju.example",
      role: "editor",
      departments: ["건축과", "대중교통과"],
    });
    assert.equal(r.status, 200);
    const m = (await r.json()) as { user_id: string; role: string; departments: string[] };
    assert.equal(m.role, "editor");
    const list = (await (
      await t.app.request("/api/tenants/jeonju/members", { headers: admin.headers() })
    ).json()) as {
      members: { email: string; role: string; departments: string[] }[];
    };
    assert.deepEqual(
      list.members.map((x) => [x.email, x.role, x.departments]),
      [
        ["admin@jeonju.example", "admin", []],
        ["staff@jeonju.example", "editor", ["건축과", "대중교통과"]],
      ],
    );
    const [rec] = await listAudit(t.store.db, tenantId, { entity: "membership", entityId: m.user_id });
    assert.equal(rec!.actorId, admin.userId);
    assert.deepEqual(rec!.after, { role: "editor", departments: ["건축과", "대중교통과"] });
  });
});
