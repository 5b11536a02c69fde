import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { MemoRouter } from "./app.ts";

describe("MemoRouter", () => {
  it("answers each path with its own route and parameters, asked once or many times", async () => {
    const app = new Hono({ router: new MemoRouter() });
    app.use("*", async (c, next) => {
      await next();
      c.header("x-seen", "yes");
    });
    app.get("/t/:tenant/items/:id", (c) => c.json({ tenant: c.req.param("tenant"), id: c.req.param("id") }));
    app.get("/t/:tenant", (c) => c.json({ tenant: c.req.param("tenant") }));
    app.put("/t/:tenant", (c) => c.json({ put: c.req.param("tenant") }));
    for (let round = 0; round < 3; round++) {
      const a = await app.request("/t/jeonju/items/7");
      assert.deepEqual(await a.json(), { tenant: "jeonju", id: "7" });
      assert.equal(a.headers.get("x-seen"), "yes");
      assert.deepEqual(await (await app.request("/t/seoul/items/8")).json(), { tenant: "seoul", id: "8" });
      assert.deepEqual(await (await app.request("/t/seoul")).json(), { tenant: "seoul" });
      assert.deepEqual(await (await app.request("/t/seoul", { method: "PUT" })).json(), { put: "seoul" });
      assert.equal((await app.request("/t/seoul", { method: "DELETE" })).status, 404);
      assert.equal((await app.request("/nothing")).status, 404);
    }
  });

  it("keeps a bounded number of matches: many distinct paths still match right", async () => {
    const app = new Hono({ router: new MemoRouter() });
    app.get("/a/:id", (c) => c.text(c.req.param("id")));
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 2500; i++) assert.equal(await (await app.request(`/a/${i}`)).text(), String(i));
  });
});
