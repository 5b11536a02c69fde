import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { firstRequests, INVENTORY_FIRST } from "../app/early-start.ts";
import { parseLocation } from "../app/router.ts";
import {
  adoptPageEarly,
  askEarly,
  clearEarly,
  EARLY_TTL_MS,
  earlyKey,
  fetchTakingEarly,
  takeEarly,
} from "./early.ts";

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

  it("takes what index.html asks for after the entry ran, once", async () => {
    const w = globalThis as { window?: { __citypathEarly?: Record<string, Promise<Response>> } };
    const registry: Record<string, Promise<Response>> = { "/api/tenants": answer("cities") };
    w.window = { __citypathEarly: registry };
    try {
      adoptPageEarly();
      expect(Object.keys(registry)).toEqual([]);
      // the inventory, asked for by index.html once the list named the city
      registry["/api/tenants/jeonju/inventories/latest"] = answer("inventory");
      const taken = takeEarly(get("/api/tenants/jeonju/inventories/latest"), 10);
      expect(await (await taken!).text()).toBe("inventory");
      expect(takeEarly(get("/api/tenants/jeonju/inventories/latest"), 20)).toBeUndefined();
      expect(await (await takeEarly(get("/api/tenants"), 30)!).text()).toBe("cities");
    } finally {
      delete w.window;
    }
  });

  it("index.html asks for the inventory on the pages whose first figure it is, and only there", () => {
    const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
    const pattern = /if \((\/\^.*\$\/)\.test\(location\.pathname\)/.exec(html)?.[1];
    expect(pattern).toBeTruthy();
    const re = new Function(`return ${pattern}`)() as RegExp;
    for (const path of [
      "/",
      "/ko",
      "/ko/",
      "/en/",
      "/ko/emissions",
      "/en/emissions/lines/l-1",
      "/ko/districts",
    ]) {
      expect(re.test(path), path).toBe(true);
      expect(firstRequestsNeedInventory(path), path).toBe(true);
    }
    for (const path of [
      "/ko/agenda",
      "/ko/consultations/c-1",
      "/ko/explorer",
      "/ko/data",
      "/ko/emissionsx",
    ]) {
      expect(re.test(path), path).toBe(false);
      expect(firstRequestsNeedInventory(path), path).toBe(false);
    }
  });
});

/** Whether the entry asks for the inventory first on this address (early-start.ts). */
const firstRequestsNeedInventory = (path: string) => INVENTORY_FIRST.has(parseLocation(path).route.page);

/**
 * Runs index.html's first script at an address with a stub fetch that answers the list of cities, and gives
 * the keys of what it asked for (its registry, window.__citypathEarly) once its answers have settled.
 */
async function indexHtmlAsks(
  path: string,
  search = "",
  opts: { remembered?: string; listNeverAnswers?: boolean } = {},
): Promise<string[]> {
  const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error("index.html has no inline script");
  const win: { __citypathEarly?: Record<string, Promise<Response>> } = {};
  const fetchStub = (p: string) =>
    p === "/api/tenants" && opts.listNeverAnswers
      ? new Promise<Response>(() => undefined)
      : Promise.resolve(
          new Response(p === "/api/tenants" ? JSON.stringify({ tenants: [{ slug: "jeonju" }] }) : "{}"),
        );
  const storage = { getItem: (k: string) => (k === "citypath.city" ? (opts.remembered ?? null) : null) };
  new Function("window", "location", "fetch", "localStorage", script)(
    win,
    { pathname: path, search },
    fetchStub,
    storage,
  );
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  return Object.keys(win.__citypathEarly ?? {}).map((k) => earlyKey(k));
}

describe("index.html's first requests", () => {
  it("on a consultation's page: what the entry asks for first, before the entry has loaded", async () => {
    for (const [path, search] of [
      ["/ko/consultations/brt-2", ""],
      ["/en/consultations/brt-2/", ""],
      ["/ko/consultations/brt-2", "?sort=most_supported"],
      ["/ko/consultations/%EB%B2%84%EC%8A%A4", "?page=2"],
    ] as const) {
      const asked = await indexHtmlAsks(path, search);
      const wanted = firstRequests("jeonju", parseLocation(path, search.slice(1)));
      expect(new Set(asked), `${path}${search}`).toEqual(
        new Set(["/api/tenants", ...wanted].map((p) => earlyKey(p))),
      );
    }
  });

  it("on the inventory's pages the inventory; elsewhere only the list of cities, and nothing in the workspace", async () => {
    expect(new Set(await indexHtmlAsks("/ko/emissions"))).toEqual(
      new Set(["/api/tenants", "/api/tenants/jeonju/inventories/latest"]),
    );
    expect(await indexHtmlAsks("/ko/consultations")).toEqual(["/api/tenants"]);
    expect(await indexHtmlAsks("/ko/explorer")).toEqual(["/api/tenants"]);
    expect(await indexHtmlAsks("/ko/workspace/agenda")).toEqual([]);
  });

  it("with the city remembered from a visit before: the page's answers at once, beside the list", async () => {
    const path = "/ko/consultations/brt-2";
    const wanted = firstRequests("jeonju", parseLocation(path)).map((p) => earlyKey(p));
    // the list has not answered: the remembered city's answers are asked for already
    expect(new Set(await indexHtmlAsks(path, "", { remembered: "jeonju", listNeverAnswers: true }))).toEqual(
      new Set(["/api/tenants", ...wanted]),
    );
    // the same city once the list answers: nothing is asked twice
    const asked = await indexHtmlAsks(path, "", { remembered: "jeonju" });
    expect(asked.length).toBe(new Set(asked).size);
    expect(new Set(asked)).toEqual(new Set(["/api/tenants", ...wanted]));
    expect(
      new Set(await indexHtmlAsks("/ko/emissions", "", { remembered: "jeonju", listNeverAnswers: true })),
    ).toEqual(new Set(["/api/tenants", "/api/tenants/jeonju/inventories/latest"]));
  });

  it("a remembered city that the list no longer names first: the list's city is asked for too", async () => {
    const path = "/ko/consultations/brt-2";
    const asked = new Set(await indexHtmlAsks(path, "", { remembered: "elsewhere" }));
    for (const p of firstRequests("jeonju", parseLocation(path)))
      expect(asked.has(earlyKey(p)), p).toBe(true);
    for (const p of firstRequests("elsewhere", parseLocation(path)).filter((p) => p.includes("elsewhere")))
      expect(asked.has(earlyKey(p)), p).toBe(true);
  });
});
