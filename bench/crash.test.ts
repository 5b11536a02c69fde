/**
 * The small version of `npm run bench:crash` that CI runs: a SIGKILL during concurrent audited writes, on the
 * embedded database and on PostgreSQL; nothing acknowledged is lost and the audit chain stays intact after
 * the restart. The servers start on prepared databases (the demo loaded, or migrated), since what is proven
 * is the restart after the kill; the bench runs many cycles on databases loaded by the server itself.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { postgresSkipReason } from "@citypath/db/testing";
import { crashCycles } from "./lib/crash.ts";
import { embeddedStorage, postgresStorage } from "./lib/server.ts";

const CYCLES = 1;

const check = async (storage: Awaited<ReturnType<typeof postgresStorage>>) => {
  assert.ok(storage);
  try {
    const f = await crashCycles(storage, { cycles: CYCLES, writers: 4, killAfterMs: [1500, 3000], seed: 7 });
    assert.ok(f.acknowledged > 0, "some writes were acknowledged before the kills");
    assert.equal(f.lost, 0, "no acknowledged write is lost");
    assert.equal(f.auditIntact, CYCLES, "the audit chain verifies after each restart");
    assert.ok(
      f.auditRecords >= f.acknowledged,
      `${f.auditRecords} audit records for ${f.acknowledged} writes`,
    );
  } finally {
    await storage.drop();
  }
};

describe("crash safety: SIGKILL during writes", () => {
  it("embedded database: a kill, nothing acknowledged lost, audit intact", async () =>
    check(await embeddedStorage({ demo: true })));
  it(
    "PostgreSQL: a kill, nothing acknowledged lost, audit intact",
    { skip: postgresSkipReason() },
    async () => check(await postgresStorage({ migrated: true })),
  );
});
