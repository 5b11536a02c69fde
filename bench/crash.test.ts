/**
 * The small version of `npm run bench:crash` that CI runs: two SIGKILLs during concurrent audited writes, on
 * the embedded database and on PostgreSQL; nothing acknowledged is lost and the audit chain stays intact.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { postgresSkipReason } from "@citypath/db/testing";
import { crashCycles } from "./lib/crash.ts";
import { embeddedStorage, postgresStorage } from "./lib/server.ts";

const check = async (storage: Awaited<ReturnType<typeof postgresStorage>>) => {
  assert.ok(storage);
  try {
    const f = await crashCycles(storage, { cycles: 2, writers: 4, killAfterMs: [1500, 3000], seed: 7 });
    assert.ok(f.acknowledged > 0, "some writes were acknowledged before the kills");
    assert.equal(f.lost, 0, "no acknowledged write is lost");
    assert.equal(f.auditIntact, 2, "the audit chain verifies after each restart");
    assert.ok(
      f.auditRecords >= f.acknowledged,
      `${f.auditRecords} audit records for ${f.acknowledged} writes`,
    );
  } finally {
    await storage.drop();
  }
};

describe("crash safety: SIGKILL during writes", () => {
  it("embedded database: two kills, nothing acknowledged lost, audit intact", () => check(embeddedStorage()));
  it(
    "PostgreSQL: two kills, nothing acknowledged lost, audit intact",
    { skip: postgresSkipReason() },
    async () => check(await postgresStorage()),
  );
});
