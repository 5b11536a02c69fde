import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "@citypath/db";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

// biome-ignore lint/suspicious/noExplicitAny: the answers are read loosely; the assertions check their shape
type Json = Record<string, any>;

describe("an action import that changes nothing", () => {
  let t: TestApp;
  let editor: Session;
  before(async () => {
    t = await createTestApp();
    editor = await signIn(t, "transport@example.kr");
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    await t.store.memberships.put(j.id, editor.userId, "editor", [
      "transport-policy",
      "public-transport-bureau",
    ]);
  });
  after(() => t.close());

  const call = async (path: string, body?: unknown) => {
    const r = await t.app.request(path, {
      method: body === undefined ? "GET" : "POST",
      headers: editor.headers(body !== undefined),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Json };
  };

  it("reports 'same' (stored keys in another order are the same document), stores nothing, bumps no version", async () => {
    const before = await call("/api/tenants/jeonju/actions/brt");
    const csv = `id,departments\nbrt,${before.body.action.departments.join(";")}\n`;
    const file = { file_name: "same.csv", content_base64: Buffer.from(csv).toString("base64") };
    const preview = await call("/api/tenants/jeonju/actions/import/preview", file);
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(
      preview.body.changes.map((c: Json) => [c.action, c.kind, c.fields]),
      [["brt", "same", []]],
    );
    const tenantId = (await t.store.tenants.bySlug("jeonju"))!.id;
    const audits = (await listAudit(t.store.db, tenantId)).length;
    const commit = await call("/api/tenants/jeonju/actions/import/commit", file);
    assert.equal(commit.status, 200, JSON.stringify(commit.body));
    assert.deepEqual(commit.body.actions, []);
    assert.equal((await call("/api/tenants/jeonju/actions/brt")).body.version, before.body.version);
    assert.equal((await listAudit(t.store.db, tenantId)).length, audits);
  });
});
