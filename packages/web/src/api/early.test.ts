import { afterEach, describe, expect, it } from "vitest";
import { firstRequests } from "../app/early-start.ts";
import { parseLocation } from "../app/router.ts";
import { askEarly, clearEarly, EARLY_TTL_MS, earlyKey, fetchTakingEarly, takeEarly } from "./early.ts";

const answer = (body: string) => Promise.resolve(new Response(body));
const get = (path: string) => new Request(`http://localhost${path}`);

describe("answers asked for before the code loads", () => {
  afterEach(clearEarly);

  it("keys a request by its path and its query in any order", () => {
    expect(earlyKey("/api/x?sort=newest&page=1")).toBe(earlyKey("http://localhost/api/x?page=1&sort=newest"));
    expect(earlyKey("/api/x?page=1")).not.toBe(earlyKey("/api/x?page=2"));
    expect(earlyKey("/api/x")).toBe("/api/x");
  });

  it("hands an early answer out once, to a GET of the same path", async () => {
    askEarly("/api/tenants", answer("first"), 0);
    expect(takeEarly(new Request("http://localhost/api/tenants", { method: "POST" }), 10)).toBeUndefined();
    const taken = takeEarly(get("/api/tenants"), 10);
    expect(await (await taken!).text()).toBe("first");
    expect(takeEarly(get("/api/tenants"), 20)).toBeUndefined();
  });

  it("never hands out an answer older than the limit", () => {
    askEarly("/api/tenants", answer("old"), 0);
    expect(takeEarly(get("/api/tenants"), EARLY_TTL_MS + 1)).toBeUndefined();
  });

  it("asks again when the early request failed", async () => {
    askEarly("/api/a", Promise.reject(new Error("offline")), 0);
    const seen: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = ((r: Request) => {
      seen.push(new URL(r.url).pathname);
      return answer("again");
    }) as typeof fetch;
    try {
      const r = await fetchTakingEarly(get("/api/a"));
      expect(await r.text()).toBe("again");
      expect(seen).toEqual(["/api/a"]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("asks for a consultation, its first pages of comments and proposals, the session and the names at once", () => {
    const c = "/api/tenants/jeonju/consultations/brt-2";
    expect(firstRequests("jeonju", parseLocation("/ko/consultations/brt-2"))).toEqual([
      c,
      `${c}/comments?sort=newest&page=1`,
      `${c}/proposals?sort=newest&page=1`,
      "/api/auth/session",
      "/api/tenants/jeonju/actions",
    ]);
    // an address that sorts, filters or pages leaves the lists to the page
    expect(firstRequests("jeonju", parseLocation("/ko/consultations/brt-2", "sort=most_supported"))).toEqual([
      c,
      "/api/auth/session",
      "/api/tenants/jeonju/actions",
    ]);
    expect(firstRequests("jeonju", parseLocation("/ko/workspace/agenda"))).toEqual([]);
  });
});
