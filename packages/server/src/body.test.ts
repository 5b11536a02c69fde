/**
 * JSON bodies through Node's HTTP server (the adapter the server runs on, not `app.request`): a body of a
 * declared length is limited by that length and read without a full Request being built (decision 0088); a
 * chunked one is counted as it streams in. Each answer is the one `app.request` gives for the same request.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { listAudit } from "@citypath/db";
import { type ServerType, serve } from "@hono/node-server";
import { BODY_LIMIT } from "./app.ts";
import { createTestApp, type Session, signIn, type TestApp } from "./testing.ts";

type Err = { error: { code: string; message: string; details: { path: string; message: string }[] } };

describe("JSON bodies over HTTP", () => {
  let t: TestApp;
  let editor: Session;
  let server: ServerType;
  let base: string;
  let tenantId: string;
  before(async () => {
    t = await createTestApp();
    editor = await signIn(t, "editor@jeonju.example");
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    tenantId = j.id;
    await t.store.memberships.put(j.id, editor.userId, "editor", ["기후변화대응과"]);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  const path = "/api/tenants/jeonju/import-profiles/over-http";
  const profile = (base_version: number, name: string) =>
    JSON.stringify({ base_version, name, kind: "activity", mapping: { amount: "사용량", unit: "단위" } });
  const put = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: "PUT",
      headers: { ...editor.headers(true), ...headers },
      body,
      duplex: "half",
    } as RequestInit);
  /** The same request through `app.request` (no Node adapter). */
  const inApp = (body: string) => t.app.request(path, { method: "PUT", headers: editor.headers(true), body });

  it("a profile saved and replaced on its version, audited; a stale version 409 with the current one", async () => {
    const created = await put(profile(0, "HTTP 프로필"));
    assert.equal(created.status, 200, await created.clone().text());
    assert.equal(((await created.json()) as { version: number }).version, 1);
    const replaced = await put(profile(1, "HTTP 프로필 (고침)"));
    assert.equal(replaced.status, 200);
    assert.equal(((await replaced.json()) as { version: number }).version, 2);
    const stale = await put(profile(1, "늦은 저장"));
    assert.equal(stale.status, 409);
    const e = (await stale.json()) as Err & { error: { current_version: number } };
    assert.equal(e.error.current_version, 2);
    const audit = await listAudit(t.store.db, tenantId, { entity: "import_profile", entityId: "over-http" });
    assert.deepEqual(
      audit.map((a) => [a.action, a.version, (a.before as { name?: string } | null)?.name ?? null]),
      [
        ["create", 1, null],
        ["update", 2, "HTTP 프로필"],
      ],
    );
    assert.deepEqual(await t.store.audit.verifyChains({ tenantId }), [{ tenantId, records: audit.length }]);
  });

  it("a field out of its schema: 400 naming it; malformed JSON and an unstorable string: 400, as app.request answers", async () => {
    const bad = JSON.stringify({ base_version: 0, name: "x", kind: "nope", mapping: {} });
    const field = await put(bad);
    assert.equal(field.status, 400);
    const fieldBody = (await field.json()) as Err;
    assert.ok(
      fieldBody.error.details.some((d) => d.path === "json.kind"),
      JSON.stringify(fieldBody),
    );
    for (const body of [bad, '{"base_version": 0, "name": ', profile(0, "nul \u0000 here")]) {
      const over = await put(body);
      const inside = await inApp(body);
      assert.equal(over.status, 400, body);
      assert.equal(inside.status, 400, body);
      const a = (await over.json()) as Err;
      const b = (await inside.json()) as Err;
      assert.deepEqual({ ...a.error, request_id: undefined }, { ...b.error, request_id: undefined });
    }
  });

  it("a body over the limit: 413 naming it, whether its length is declared or it comes in chunks", async () => {
    const big = JSON.stringify({
      base_version: 0,
      name: "x".repeat(BODY_LIMIT),
      kind: "activity",
      mapping: {},
    });
    const declared = await put(big);
    assert.equal(declared.status, 413);
    assert.match(((await declared.json()) as Err).error.message, /larger than 2 MB/);
    const bytes = new TextEncoder().encode(big);
    const chunked = await put(
      new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.subarray(i, i + 64 * 1024));
          c.close();
        },
      }),
    );
    assert.equal(chunked.status, 413);
    assert.match(((await chunked.json()) as Err).error.message, /larger than 2 MB/);
    // a chunked body under the limit is read as any other
    const small = new TextEncoder().encode(profile(0, "조각난 본문"));
    const ok = await fetch(`${base}/api/tenants/jeonju/import-profiles/chunked`, {
      method: "PUT",
      headers: editor.headers(true),
      body: new ReadableStream({
        start(c) {
          c.enqueue(small.subarray(0, 10));
          c.enqueue(small.subarray(10));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    assert.equal(ok.status, 200, await ok.clone().text());
  });
});
