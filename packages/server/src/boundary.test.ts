/**
 * Input the database cannot hold, or that names nothing, is refused at the boundary with 4xx: one case per
 * class of input that answered 500 before (NUL and lone surrogates, integers beyond int4, impossible dates,
 * malformed cookies, unique-key conflicts, path parameters looked up before they were checked).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type Session, signIn, type TestApp } from "./testing.ts";

type Err = { error: { code: string; message: string; details: { path: string; message: string }[] } };

describe("no 5xx from input the database cannot hold", () => {
  let t: TestApp;
  let editor: Session;
  let admin: Session;
  before(async () => {
    t = await createTestApp();
    editor = await signIn(t, "editor@jeonju.example");
    admin = await signIn(t, "admin@jeonju.example");
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
    await t.store.memberships.put(j.id, admin.userId, "admin");
  });
  after(() => t.close());

  const req = async (
    method: string,
    path: string,
    as?: Session,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await t.app.request(path, {
      method,
      headers: {
        ...(as
          ? as.headers(body !== undefined)
          : body !== undefined
            ? { "content-type": "application/json" }
            : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    assert.ok(r.status < 500, `${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Err };
  };
  const logHasNoErrors = () => {
    // the log of this test only
    const lines = t.log.lines.splice(0);
    const errors = lines.filter((e) => e.level === "error");
    assert.deepEqual(errors, []);
  };

  it("NUL or a lone surrogate in a path parameter or query: 400 before any lookup", async () => {
    assert.equal((await req("GET", "/api/tenants/%00/plans")).status, 400);
    assert.equal((await req("GET", "/api/tenants/jeonju/audit?user=%00", admin)).status, 400);
    assert.equal((await req("GET", "/api/tenants/jeonju/factor-sets/a%00b")).status, 400);
    assert.equal((await req("GET", "/api/tenants/jeonju/actions/%ED%A0%80")).status, 400);
    logHasNoErrors();
  });

  it("NUL or a lone surrogate in a stored text: 400 naming the field", async () => {
    for (const name of ["a\u0000b", "half \ud800 pair"]) {
      const r = await req("PUT", "/api/tenants/jeonju/import-profiles/nul-test", editor, {
        base_version: 0,
        name,
        kind: "activity",
        mapping: { amount: "사용량" },
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.ok(
        r.body.error.details.some((d) => d.path === "json.name"),
        JSON.stringify(r.body),
      );
    }
    const key = await req("PUT", "/api/tenants/jeonju/import-profiles/nul-test", editor, {
      base_version: 0,
      name: "ok",
      kind: "activity",
      mapping: { "a\u0000": "사용량" },
    });
    assert.equal(key.status, 400);
    logHasNoErrors();
  });

  it("integers beyond PostgreSQL's integer: 400", async () => {
    for (const path of [
      "/api/tenants/jeonju/inventories/latest/diff?against=2147483648",
      "/api/tenants/jeonju/instances/jeonju?version=2147483648",
      "/api/tenants/jeonju/activity-datasets/demo-activity/rows?year=99999999999",
    ])
      assert.equal((await req("GET", path, editor)).status, 400, path);
    assert.equal(
      (await req("POST", "/api/tenants/jeonju/inventories/9999999999999/publish", admin, {})).status,
      400,
    );
    const big = await req("PUT", "/api/tenants/jeonju/import-profiles/big", editor, {
      base_version: 2147483648,
      name: "big",
      kind: "activity",
      mapping: {},
    });
    assert.equal(big.status, 400);
    logHasNoErrors();
  });

  it("an impossible date: 400", async () => {
    const r = await req("GET", "/api/tenants/jeonju/reminders?date=9999-99-99", editor);
    assert.equal(r.status, 400);
    assert.equal((await req("GET", "/api/tenants/jeonju/reminders?date=2025-02-30", editor)).status, 400);
    logHasNoErrors();
  });

  it("a malformed session cookie on a write: 401, not 500", async () => {
    const r = await req(
      "PUT",
      "/api/tenants/jeonju/import-profiles/x",
      undefined,
      { base_version: 0, name: "x", kind: "activity", mapping: {} },
      {
        cookie: "better-auth.session_token=%E0%A4%A; citypath_csrf=%E0%A4%A",
        "x-citypath-csrf": "%E0%A4%A",
      },
    );
    assert.ok(r.status === 401 || r.status === 403, `${r.status}`);
    const g = await req("GET", "/api/tenants/jeonju/plans", undefined, undefined, {
      cookie: "better-auth.session_token=%E0%A4%A",
    });
    assert.equal(g.status, 200);
    logHasNoErrors();
  });

  it("creating what exists (base_version 0 on an existing key): 409 with the current version", async () => {
    const body = { base_version: 0, name: "자체", factors: [] };
    assert.equal((await req("PUT", "/api/tenants/jeonju/factor-sets/dup-test", editor, body)).status, 200);
    const again = await req("PUT", "/api/tenants/jeonju/factor-sets/dup-test", editor, body);
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal((again.body.error as { current_version?: number }).current_version, 1);
    const profile = { base_version: 0, name: "p", kind: "activity", mapping: {} };
    assert.equal((await req("PUT", "/api/tenants/jeonju/import-profiles/dup", editor, profile)).status, 200);
    assert.equal((await req("PUT", "/api/tenants/jeonju/import-profiles/dup", editor, profile)).status, 409);
    logHasNoErrors();
  });
});
