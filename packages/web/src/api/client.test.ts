import { describe, expect, it } from "vitest";
import { createClient } from "./client.ts";

const respond = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("API client", () => {
  it("returns data on 200", async () => {
    const c = createClient("/api", respond(200, { tenants: [{ slug: "jeonju", name: "전주시" }] }));
    expect(await c.get("/tenants")).toEqual({
      ok: true,
      data: { tenants: [{ slug: "jeonju", name: "전주시" }] },
    });
  });
  it("returns the server's error with its code and details", async () => {
    const body = {
      error: { code: "not_found", message: "no such tenant", details: [{ path: "tenant", message: "x" }] },
    };
    const r = await createClient("/api", respond(404, body)).get("/tenants/nowhere");
    expect(r).toEqual({
      ok: false,
      error: {
        status: 404,
        code: "not_found",
        message: "no such tenant",
        details: [{ path: "tenant", message: "x" }],
      },
    });
  });
  it("a network failure is a value, not an exception", async () => {
    const r = await createClient("/api", async () => {
      throw new TypeError("fetch failed");
    }).get("/x");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.status).toBe(0);
  });
  it("builds URLs under the base", () => {
    expect(createClient("/api/").url("tenants")).toBe("/api/tenants");
  });
});
