import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CitypathError } from "@citypath/core";
import { createStore, openDatabase } from "@citypath/db";
import { verify } from "@node-rs/argon2";
import { memoryLogger } from "./log.ts";
import { DEFAULT_DATABASE_POOL, databasePoolFromEnv, type ServeOptions, startServer } from "./server.ts";

describe("the PostgreSQL pool's size", () => {
  it("is CITYPATH_DATABASE_POOL, 10 when unset; anything but a whole number from 1 to 1000 is refused by name", () => {
    assert.equal(databasePoolFromEnv({}), DEFAULT_DATABASE_POOL);
    assert.equal(DEFAULT_DATABASE_POOL, 10);
    assert.equal(databasePoolFromEnv({ CITYPATH_DATABASE_POOL: "" }), 10);
    assert.equal(databasePoolFromEnv({ CITYPATH_DATABASE_POOL: "40" }), 40);
    for (const bad of ["0", "-3", "2.5", "ten", "1001"])
      assert.throws(
        () => databasePoolFromEnv({ CITYPATH_DATABASE_POOL: bad }),
        new RegExp(`CITYPATH_DATABASE_POOL must be a whole number from 1 to 1000, not "${bad}"`),
      );
  });
});

describe("startServer on the embedded database", () => {
  const dir = mkdtempSync(join(tmpdir(), "citypath-serve-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const options = (out: string[]): ServeOptions => ({
    dataDir: dir,
    host: "127.0.0.1",
    port: 0,
    demo: true,
    devWrites: true,
    web: false,
    adminEmail: "first@example.org",
    log: memoryLogger(),
    out: { write: (s: string) => out.push(s) },
  });

  it("serves health at once, ready after loading; a restart keeps edits; the first admin is made once", async () => {
    const out: string[] = [];
    const log = memoryLogger();
    const s1 = await startServer({ ...options(out), log });
    try {
      assert.equal((await fetch(`${s1.url}/api/health`)).status, 200);
      await s1.ready;
      // the file worker starts once the server is ready (so that the first import does not wait for it),
      // not before: readiness does not wait for it
      const at = (msg: string) => log.lines.findIndex((l) => l.msg === msg);
      for (let i = 0; at("file worker started") < 0 && i < 1500; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(at("ready") >= 0 && at("file worker started") > at("ready"), JSON.stringify(log.lines));
      // before ready, the server read once through itself what a first visitor's page reads: each of those
      // reads passed the readiness check (none was refused as "starting") and found its data
      const warmed = log.lines.find((l) => l.msg === "first reads warmed");
      assert.ok(warmed, JSON.stringify(log.lines));
      assert.ok(at("first reads warmed") < at("ready"));
      assert.deepEqual(warmed.statuses, { 200: 6 }, JSON.stringify(warmed));
      const ready = await fetch(`${s1.url}/api/ready`);
      assert.equal(ready.status, 200);
      assert.deepEqual(((await ready.json()) as { checks: unknown }).checks, {
        migrations: true,
        reference_data: true,
        demo: true,
      });
      // the one-time password, printed once, is the admin's password
      const printed = out.join("").match(/One-time password:\s+(\S+)/);
      assert.ok(printed, out.join(""));
      // the demo load may have changed the tenant already (its budget settings): edit on its current version
      const current = (await (await fetch(`${s1.url}/api/tenants/jeonju`)).json()) as { version: number };
      const edit = await fetch(`${s1.url}/api/tenants/jeonju`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ base_version: current.version, name_en: "Jeonju (edited)" }),
      });
      assert.equal(edit.status, 200);
      // a second process is refused while this one runs
      await assert.rejects(
        openDatabase({ dataDir: dir }),
        (e) => e instanceof CitypathError && e.code === "LOCKED",
      );
    } finally {
      await s1.close();
    }
    const check = await openDatabase({ dataDir: dir });
    try {
      const store = createStore(check);
      const admin = await store.users.byEmail("first@example.org");
      assert.equal(admin?.role, "admin");
      const hash = await store.users.passwordHash(admin!.id);
      assert.ok(hash?.startsWith("$argon2id$"));
      assert.ok(await verify(hash!, out.join("").match(/One-time password:\s+(\S+)/)![1]!));
    } finally {
      await check.close();
    }

    const out2: string[] = [];
    const s2 = await startServer(options(out2));
    try {
      await s2.ready;
      const t = (await (await fetch(`${s2.url}/api/tenants/jeonju`)).json()) as { name_en: string };
      assert.equal(t.name_en, "Jeonju (edited)", "the demo is not reloaded over edits");
      assert.doesNotMatch(out2.join(""), /One-time password/);
    } finally {
      await s2.close();
    }
  });

  it("stopping lets a request in flight finish, then refuses new ones", async () => {
    const log = memoryLogger();
    const s = await startServer({ ...options([]), log, adminPassword: "a long enough password" });
    await s.ready;
    // the start-up warm-up's own requests over first, so that the one request in flight is the test's
    while (!log.lines.some((l) => /public reads warm/.test(String(l.msg))))
      await new Promise((r) => setTimeout(r, 20));
    // a band not computed at start-up takes a while: start it, and stop the server once it is being answered
    const inFlight = fetch(
      `${s.url}/api/tenants/jeonju/instances/jeonju/scenarios/bau/band?samples=5000&seed=10`,
    );
    while (!s.state.inFlight) await new Promise((r) => setTimeout(r, 5));
    const closing = s.close("test");
    const r = await inFlight;
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { samples: number }).samples, 5000);
    await closing;
    await assert.rejects(fetch(`${s.url}/api/health`));
  });
});
