import { describe, expect, it } from "vitest";
import { CONTRACT_VIOLATION, createClient, noContent, result } from "./client.ts";

const respond = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("API client", () => {
  it("returns the typed data on 200", async () => {
    const c = createClient("", respond(200, { tenants: [{ slug: "jeonju", name: "전주시" }] }));
    expect(await result(c.http.GET("/api/tenants"))).toEqual({
      ok: true,
      data: { tenants: [{ slug: "jeonju", name: "전주시" }] },
    });
  });
  it("returns the server's error with its code and details", async () => {
    const body = {
      error: { code: "not_found", message: "no such tenant", details: [{ path: "tenant", message: "x" }] },
    };
    const c = createClient("", respond(404, body));
    const r = await result(c.http.GET("/api/tenants/{tenant}", { params: { path: { tenant: "nowhere" } } }));
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
  it("a delete answered 204 without a body is a success; its refusal keeps the server's error", async () => {
    const del = (fetchImpl: () => Promise<Response>) =>
      noContent(
        createClient("", fetchImpl).http.DELETE("/api/tenants/{tenant}/import-profiles/{id}", {
          params: { path: { tenant: "jeonju", id: "seoul-lines" }, query: { version: 2 } },
        }),
      );
    expect(await del(async () => new Response(null, { status: 204 }))).toEqual({ ok: true, data: null });
    const stale = await del(respond(409, { error: { code: "CONFLICT", message: "at version 3, not 2" } }));
    expect(stale).toEqual({
      ok: false,
      error: { status: 409, code: "CONFLICT", message: "at version 3, not 2" },
    });
  });
  it("an error body that is not ours still gives the status", async () => {
    const r = await result(createClient("", respond(502, { oops: 1 })).http.GET("/api/tenants"));
    expect(r).toEqual({ ok: false, error: { status: 502, code: "http_502", message: "HTTP 502" } });
  });
  it("a network failure is a value, not an exception", async () => {
    const r = await result(
      createClient("", async () => {
        throw new TypeError("fetch failed");
      }).http.GET("/api/tenants"),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.status).toBe(0);
  });
  it("an answer outside its declared schema becomes a contract violation when answers are checked", async () => {
    const c = createClient("", respond(200, { tenants: "none" }));
    const seen: string[] = [];
    c.checkAnswers((route, method, status) => {
      seen.push(`${method} ${route} ${status}`);
      return ["/tenants must be array"];
    });
    const r = await result(c.http.GET("/api/tenants"));
    expect(seen).toEqual(["get /api/tenants 200"]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(CONTRACT_VIOLATION);
      expect(r.error.details).toEqual([{ path: "/api/tenants", message: "/tenants must be array" }]);
    }
  });
  it("builds URLs under /api", () => {
    expect(createClient("").url("tenants")).toBe("/api/tenants");
    expect(createClient("http://x/").url("/openapi.json")).toBe("http://x/api/openapi.json");
  });
});
