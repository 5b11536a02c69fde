import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "./testing.ts";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { "x-citypath-access"?: string; responses: Record<string, unknown> }>>;
};

describe("the OpenAPI document and access declarations", () => {
  let t: TestApp;
  let doc: Doc;
  before(async () => {
    t = await createTestApp();
    doc = (await (await t.app.request("/api/openapi.json")).json()) as Doc;
  });
  after(() => t.close());

  it("is OpenAPI 3.1.0 and lists the API", () => {
    assert.equal(doc.openapi, "3.1.0");
    for (const p of [
      "/api/health",
      "/api/ready",
      "/api/tenants",
      "/api/tenants/{tenant}/inventories/{version}/summary",
      "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/pathway",
      "/api/tenants/{tenant}/export",
    ])
      assert.ok(doc.paths[p], p);
  });

  it("every operation declares who may call it", () => {
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        assert.match(
          op["x-citypath-access"] ?? "",
          /^(public|signed-in|platform-admin|member:[a-z,]+)$/,
          `${method} ${path}`,
        );
  });

  it("deny by default: without sign-in, every operation that is not public answers 401", async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        if (op["x-citypath-access"] === "public") continue;
        const url = path
          .replace("{tenant}", "jeonju")
          .replace("{version}", "1")
          .replace("{instance}", "jeonju")
          .replace("{id}", "demo-activity");
        const r = await t.app.request(url, {
          method: method.toUpperCase(),
          ...(method === "get" || method === "delete"
            ? {}
            : { headers: { "content-type": "application/json" }, body: "{}" }),
        });
        assert.equal(r.status, 401, `${method} ${url}`);
        checked++;
      }
    assert.ok(checked >= 10, `checked ${checked} operations`);
  });

  it("serves the docs page without external resources", async () => {
    const r = await t.app.request("/api/docs");
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.match(html, /\/api\/openapi\.json/);
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)="https?:/);
  });
});
