/**
 * The response cache keyed on the generations of what each read reads: a write ends the cached reads of its
 * own domain and leaves the others cached (the real app over PGlite with the Jeonju demo).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createResponseCache } from "./cache.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "./services/engine.ts";
import { createTestApp, type Session, signIn, type TestApp } from "./testing.ts";

describe("cached reads and the writes that end them", () => {
  let t: TestApp;
  let admin: Session;
  const PATHWAY = "/api/tenants/jeonju/instances/jeonju/scenarios/bau/pathway";
  const ACTIONS = "/api/tenants/jeonju/actions";
  before(async () => {
    t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    admin = await signIn(t, "cache-admin@example.kr");
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!;
    await t.store.memberships.put(jeonju.id, admin.userId, "admin");
  });
  after(() => t.close());

  /** A read and whether the cache answered it. */
  const read = async (path: string) => {
    const before = t.deps.cache.stats();
    const r = await t.app.request(path, { headers: admin.headers() });
    assert.equal(r.status, 200, path);
    return {
      body: (await r.json()) as Record<string, unknown>,
      cached: t.deps.cache.stats().hits > before.hits,
    };
  };
  const write = async (method: string, path: string, body: unknown) => {
    const r = await t.app.request(path, { method, headers: admin.headers(true), body: JSON.stringify(body) });
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as Record<string, unknown>;
  };

  it("a write to an import profile leaves the pathway and the agenda cached", async () => {
    const first = await read(PATHWAY);
    assert.equal((await read(PATHWAY)).cached, true);
    await read(ACTIONS);
    await write("PUT", "/api/tenants/jeonju/import-profiles/cache-test", {
      base_version: 0,
      name: "전력",
      kind: "activity",
      mapping: { amount: "사용량" },
    });
    const again = await read(PATHWAY);
    assert.equal(again.cached, true);
    assert.deepEqual(again.body, first.body);
    assert.equal((await read(ACTIONS)).cached, true);
  });

  it("a write to an action ends the agenda's cached reads at once and leaves the pathway cached", async () => {
    const listed = await read(ACTIONS);
    assert.equal((await read(ACTIONS)).cached, true);
    const brt = (await read(`${ACTIONS}/brt`)).body as { version: number; action: { status: string } };
    assert.notEqual(brt.action.status, "delayed");
    await read(PATHWAY);
    await write("POST", `${ACTIONS}/brt/status`, {
      base_version: brt.version,
      status: "delayed",
      date: "2026-11-20",
      reason: { ko: "공사 지연", en: "Construction delayed" },
      illustrative: true,
      note: "test figure",
    });
    const after = await read(ACTIONS);
    assert.equal(after.cached, false);
    const status = (body: Record<string, unknown>) =>
      (body.actions as { id: string; status: string }[]).find((a) => a.id === "brt")?.status;
    assert.notEqual(status(listed.body), "delayed");
    assert.equal(status(after.body), "delayed");
    assert.equal((await read(PATHWAY)).cached, true);
  });
});

describe("the response cache", () => {
  it("produces a body once for all who ask for the same key meanwhile; a failure is not kept", async () => {
    const cache = createResponseCache();
    let made = 0;
    let release: (body: string) => void = () => {};
    const slow = () => {
      made++;
      return new Promise<string>((r) => {
        release = r;
      });
    };
    const waiting = Array.from({ length: 5 }, () => cache.produce("k", slow));
    release('{"a":1}');
    const got = await Promise.all(waiting);
    assert.equal(made, 1);
    for (const e of got) assert.equal(e, got[0]);
    assert.equal(cache.get("k")?.body, '{"a":1}');
    await assert.rejects(
      cache.produce("bad", () => Promise.reject(new Error("no"))),
      /no/,
    );
    assert.equal(cache.get("bad"), undefined);
    assert.equal((await cache.produce("bad", async () => "[]")).body, "[]");
  });
});
