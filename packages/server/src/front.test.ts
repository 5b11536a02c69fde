/**
 * Anonymous public reads answered before the router (decision 0089): the same answer as the route's (body,
 * status, content type, entity tag, 304, request id), and only while nothing the answer was read from changed.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { createTestApp, signIn, type TestApp } from "./testing.ts";

describe("public reads answered before the router", () => {
  let t: TestApp;
  let tenantId: TenantId;
  const path = "/api/tenants/jeonju/inventories/latest/summary";
  before(async () => {
    t = await createTestApp({ demo: true });
    tenantId = (await t.store.tenants.bySlug("jeonju"))!.id;
  });
  after(() => t.close());

  const hits = () => t.deps.cache.front.hits();
  const get = (p: string, headers: Record<string, string> = {}) => t.app.request(p, { headers });
  const shown = async (r: Response) => ({
    status: r.status,
    headers: Object.fromEntries(r.headers),
    body: await r.text(),
  });

  it("the second read of a path is the first's answer, without the router; 304 on its entity tag", async () => {
    const first = await get(path, { "x-request-id": "first" });
    assert.equal(hits(), 0);
    const second = await get(path, { "x-request-id": "second" });
    assert.equal(hits(), 1);
    const a = await shown(first);
    const b = await shown(second);
    assert.equal(a.status, 200);
    assert.deepEqual(
      { ...b, headers: { ...b.headers, "x-request-id": "first" } },
      a,
      "the same status, headers and body",
    );
    assert.equal(b.headers["x-request-id"], "second");
    assert.equal(b.headers["content-type"], "application/json; charset=utf-8");
    assert.match(b.headers.etag!, /^W\/"/);
    // a matching If-None-Match: 304 with the tag, as the route answers it
    const etag = b.headers.etag!;
    const fromFront = await shown(await get(path, { "if-none-match": etag, "x-request-id": "r" }));
    assert.equal(hits(), 2);
    t.deps.cache.front.delete(path);
    const fromRoute = await shown(await get(path, { "if-none-match": etag, "x-request-id": "r" }));
    assert.equal(hits(), 2);
    assert.equal(fromRoute.status, 304);
    assert.deepEqual(fromFront, fromRoute);
  });

  it("a write to the tenant sends the next read through the app; it then answers the new state", async () => {
    await get(path);
    const before = hits();
    await get(path);
    assert.equal(hits(), before + 1);
    const body = (await (await get(path)).json()) as { version: number };
    const cur = (await t.store.inventories.latest(tenantId, { status: "published" }))!;
    await t.store.inventories.create(tenantId, {
      label: cur.label,
      gwpSet: cur.gwpSet,
      result: cur.result,
      firstYear: cur.firstYear,
      lastYear: cur.lastYear,
      status: "published",
    });
    const after = hits();
    const fresh = (await (await get(path)).json()) as { version: number };
    assert.equal(hits(), after, "through the app");
    assert.equal(fresh.version, body.version + 1);
    await get(path);
    assert.equal(hits(), after + 1, "kept again for the front");
  });

  it("a session, a query, an unknown path or a stopping server go through the app, with its answers", async () => {
    await get(path);
    const n = hits();
    const editor = await signIn(t, "editor@jeonju.example");
    await t.store.memberships.put(tenantId, editor.userId, "editor", []);
    assert.equal((await t.app.request(path, { headers: editor.headers() })).status, 200);
    assert.equal((await get(`${path}?lang=ko`)).status, 200);
    assert.equal(hits(), n);
    const nowhere = "/api/tenants/nowhere/inventories/latest/summary";
    const a = await shown(await get(nowhere, { "x-request-id": "x" }));
    const b = await shown(await get(nowhere, { "x-request-id": "x" }));
    assert.equal(a.status, 404);
    assert.deepEqual(b, a);
    assert.equal(hits(), n);
    t.deps.state.stopping = true;
    try {
      const r = await get(path);
      assert.equal(r.status, 503);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, "NOT_READY");
    } finally {
      t.deps.state.stopping = false;
    }
    assert.equal(hits(), n);
  });
});
