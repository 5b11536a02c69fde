import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, jsonInit, type TestApp } from "../../testing.ts";

type Err = {
  error: {
    code: string;
    message: string;
    details: { path: string; message: string }[];
    current_version?: number;
  };
};

describe("tenants", () => {
  let anon: TestApp;
  let dev: TestApp;
  before(async () => {
    anon = await createTestApp();
    dev = await createTestApp({ devWrites: true, shareWith: anon });
  });
  after(async () => {
    await anon.close();
    await dev.close();
  });

  it("lists and gets tenants by slug; settings only for members", async () => {
    const list = (await (await anon.app.request("/api/tenants")).json()) as {
      tenants: { slug: string; settings?: unknown }[];
    };
    assert.deepEqual(
      list.tenants.map((t) => t.slug),
      ["jeonju"],
    );
    assert.equal(list.tenants[0]!.settings, undefined);
    const one = (await (await anon.app.request("/api/tenants/jeonju")).json()) as Record<string, unknown>;
    assert.equal(one.name, "전주시");
    assert.equal(one.name_en, "Jeonju");
    assert.equal(one.settings, undefined);
    const asDev = (await (await dev.app.request("/api/tenants/jeonju")).json()) as {
      settings: { model_owners: string[]; departments?: unknown };
    };
    // the departments are the register's (decision 0083); the settings name the model's owners by id
    assert.deepEqual(asDev.settings.model_owners, ["climate-change-response"]);
    assert.equal(asDev.settings.departments, undefined);
  });

  it("an unknown tenant is 404 in the error shape", async () => {
    const r = await anon.app.request("/api/tenants/nowhere");
    assert.equal(r.status, 404);
    const body = (await r.json()) as Err;
    assert.equal(body.error.code, "NOT_FOUND");
    assert.deepEqual(body.error.details, [
      { path: "tenant", message: 'No tenant "nowhere".', code: "NOT_FOUND" },
    ]);
  });

  it("writes are refused without the development flag (401), allowed with it", async () => {
    const body = { slug: "wanju", name: "완주군", name_en: "Wanju" };
    const r = await anon.app.request("/api/tenants", jsonInit("POST", body));
    assert.equal(r.status, 401);
    assert.equal(((await r.json()) as Err).error.code, "UNAUTHENTICATED");
    assert.equal(await anon.store.tenants.bySlug("wanju"), undefined);
    const c = await dev.app.request("/api/tenants", jsonInit("POST", body));
    assert.equal(c.status, 201);
    assert.equal(((await c.json()) as { slug: string }).slug, "wanju");
    const again = await dev.app.request("/api/tenants", jsonInit("POST", body));
    assert.equal(again.status, 409);
  });

  it("bad input: every problem at once, each with its path (400)", async () => {
    const r = await dev.app.request("/api/tenants", jsonInit("POST", { slug: "Bad Slug", name: "" }));
    assert.equal(r.status, 400);
    const e = (await r.json()) as Err;
    assert.deepEqual(e.error.details.map((d) => d.path).sort(), ["json.name", "json.name_en", "json.slug"]);
    assert.match(e.error.message, /^3 problems/);
  });

  it("a change on a stale version is 409 with the current version", async () => {
    const v = (await dev.store.tenants.bySlug("jeonju"))!.version;
    const first = await dev.app.request(
      "/api/tenants/jeonju",
      jsonInit("PATCH", { base_version: v, name_en: "Jeonju City" }),
    );
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as { version: number }).version, v + 1);
    const stale = await dev.app.request(
      "/api/tenants/jeonju",
      jsonInit("PATCH", { base_version: v, name_en: "Lost" }),
    );
    assert.equal(stale.status, 409);
    const e = (await stale.json()) as Err;
    assert.equal(e.error.code, "CONFLICT");
    assert.equal(e.error.current_version, v + 1);
    assert.equal((await dev.store.tenants.bySlug("jeonju"))?.nameEn, "Jeonju City");
  });

  it("415 for a body that is not JSON, 413 for one that is too large", async () => {
    const r = await dev.app.request("/api/tenants", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "slug,name\nx,y\n",
    });
    assert.equal(r.status, 415);
    assert.equal(((await r.json()) as Err).error.code, "UNSUPPORTED_MEDIA_TYPE");
    const big = JSON.stringify({ slug: "big", name: "x".repeat(3 * 1024 * 1024), name_en: "x" });
    const r2 = await dev.app.request("/api/tenants", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(big.length) },
      body: big,
    });
    assert.equal(r2.status, 413);
    assert.equal(((await r2.json()) as Err).error.code, "PAYLOAD_TOO_LARGE");
  });

  it("an unknown API path is a 404 in the error shape", async () => {
    const r = await anon.app.request("/api/nothing/here");
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as Err).error.code, "NOT_FOUND");
  });
});
