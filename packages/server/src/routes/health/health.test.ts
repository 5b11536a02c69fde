import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../testing.ts";

describe("GET /api/health and /api/ready", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(() => t.close());

  it("health answers 200 whatever the state; ready 503 until ready, and other routes 503 NOT_READY", async () => {
    const { state } = t.deps;
    state.ready = false;
    state.checks.demo = false;
    assert.equal((await t.app.request("/api/health")).status, 200);
    assert.deepEqual(await (await t.app.request("/api/health")).json(), { status: "ok" });
    const r = await t.app.request("/api/ready");
    assert.equal(r.status, 503);
    assert.deepEqual(await r.json(), { status: "starting", checks: { migrations: true, demo: false } });
    const blocked = await t.app.request("/api/tenants");
    assert.equal(blocked.status, 503);
    assert.equal(blocked.headers.get("retry-after"), "2");
    assert.equal(((await blocked.json()) as { error: { code: string } }).error.code, "NOT_READY");
    // the API document and its page stay reachable
    assert.equal((await t.app.request("/api/openapi.json")).status, 200);

    state.ready = true;
    state.checks.demo = true;
    const ok = await t.app.request("/api/ready");
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { status: string }).status, "ready");
    assert.equal((await t.app.request("/api/tenants")).status, 200);

    state.stopping = true;
    assert.equal((await t.app.request("/api/ready")).status, 503);
    assert.equal((await t.app.request("/api/tenants")).status, 503);
    assert.equal((await t.app.request("/api/health")).status, 200);
    state.stopping = false;
  });

  it("every request is logged as one structured line with its request id", async () => {
    const r = await t.app.request("/api/health", { headers: { "x-request-id": "abc-123" } });
    assert.equal(r.headers.get("x-request-id"), "abc-123");
    const line = t.log.lines.find((l) => l.req === "abc-123");
    assert.ok(line);
    assert.equal(line.msg, "request");
    assert.equal(line.method, "GET");
    assert.equal(line.path, "/api/health");
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, "number");
    assert.equal(line.level, "info");
  });
});
