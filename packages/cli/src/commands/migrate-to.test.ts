import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createStore, exportTenant, migrate, openDatabase } from "@citypath/db";
import { postgresSkipReason } from "@citypath/db/testing";
import { loadReferenceData } from "@citypath/server";
import { loadDemoTenant } from "@citypath/server/services/demo";
import pg from "pg";
import { main } from "../main.ts";

function capture() {
  let out = "";
  let err = "";
  return {
    io: {
      cwd: process.cwd(),
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}

describe("citypath migrate-to", { skip: postgresSkipReason() }, () => {
  it("moves the demo tenant and the accounts to PostgreSQL, verified by its export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-move-"));
    const url = process.env.TEST_DATABASE_URL!;
    const name = `citypath_move_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    try {
      const src = await openDatabase({ dataDir: dir });
      await migrate(src);
      const s = createStore(src);
      await loadReferenceData(s);
      await loadDemoTenant(s);
      await s.users.create({ name: "관리자", email: "admin@example.org", role: "admin" });
      const before = await exportTenant(s, "jeonju");
      await src.close();

      const c = capture();
      const code = await main(["migrate-to", "--database-url", target.toString(), "--data-dir", dir], c.io);
      assert.equal(code, 0, c.err());
      assert.match(c.out(), /tenant jeonju: .* moved and verified/);
      assert.match(c.out(), /1 users/);

      const dst = await openDatabase({ databaseUrl: target.toString() });
      try {
        const after = await exportTenant(createStore(dst), "jeonju");
        assert.deepEqual({ ...after, exportedAt: "" }, { ...before, exportedAt: "" });
        assert.equal((await createStore(dst).users.byEmail("admin@example.org"))?.role, "admin");
      } finally {
        await dst.close();
      }
      // a second move finds the tenant there and refuses, changing nothing
      const again = capture();
      assert.equal(
        await main(["migrate-to", "--database-url", target.toString(), "--data-dir", dir], again.io),
        1,
      );
      assert.match(again.err(), /already exists/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a directory without an embedded database", async () => {
    const c = capture();
    const code = await main(
      ["migrate-to", "--database-url", "postgres://x@127.0.0.1:1/x", "--data-dir", tmpdir()],
      c.io,
    );
    assert.equal(code, 2);
    assert.match(c.err(), /no embedded database/);
  });
});
