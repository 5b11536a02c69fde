import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { AUDIT_GENESIS, appendAudit, auditHash, listAudit, verifyAuditChains } from "./audit.ts";
import type { Database } from "./connect.ts";
import { createStore } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

for (const kind of testDatabaseKinds()) {
  describe(`audit trail on ${kind.name}`, { skip: kind.skip }, () => {
    // One database for the file's tests, each on tenants of its own (a Citus database costs seconds on every
    // node to make and migrate). The first test runs on it while it is still empty, as it checks every chain.
    let d: Database;
    before(async () => {
      d = await kind.open();
    });
    after(async () => {
      await d?.close();
    });

    it("chains records per tenant, refuses UPDATE, DELETE and TRUNCATE, and verifies", async () => {
      {
        const store = createStore(d);
        for (let i = 1; i <= 3; i++)
          await appendAudit(store, {
            tenantId: "t-a",
            actorId: "u1",
            action: "update",
            entity: "factor_set",
            entityId: "fs",
            version: i,
            before: i === 1 ? null : { name: `이름 ${i - 1}` },
            after: { name: `이름 ${i}`, nested: { b: 2, a: [1, 2.5] } },
          });
        await appendAudit(store, {
          tenantId: "t-b",
          actorId: null,
          action: "create",
          entity: "tenant",
          entityId: "t-b",
        });
        const a = await listAudit(d.db, "t-a");
        assert.deepEqual(
          a.map((r) => r.seq),
          [1, 2, 3],
        );
        assert.equal(a[0]!.prevHash, AUDIT_GENESIS);
        assert.equal(a[1]!.prevHash, a[0]!.hash);
        assert.deepEqual(a[2]!.after, { name: "이름 3", nested: { b: 2, a: [1, 2.5] } });
        // the database computes the hash (migration 0030): the same as auditHash over what was stored, with a
        // given time, a null actor and text to escape, and what appendAudit returns is what is stored
        const given = await appendAudit(store, {
          tenantId: "t-c",
          actorId: null,
          action: "import",
          entity: "activity_dataset",
          entityId: 'ds "전주" \\ 2024',
          version: null,
          before: { "키\n": ["\u0001", -0.5, 1e21, true, null] },
          after: { z: {}, a: [] },
          at: new Date("2026-03-01T09:30:00.123Z"),
        });
        assert.equal(given.at.toISOString(), "2026-03-01T09:30:00.123Z");
        // both forms of the hashed text: stream 0 leaves the stream out, stream 14 has it
        assert.deepEqual([a[0]!.stream, given.stream], [0, 14]);
        assert.equal(given.hash, auditHash(given));
        assert.equal(given.prevHash, AUDIT_GENESIS);
        assert.deepEqual(await listAudit(d.db, "t-c"), [given]);
        const later = await appendAudit(store, { ...given, at: undefined, before: undefined });
        assert.equal(later.hash, auditHash(later));
        assert.equal(later.prevHash, given.hash);
        assert.ok(Math.abs(later.at.getTime() - Date.now()) < 60_000);
        assert.deepEqual(await verifyAuditChains(d.db), [
          { tenantId: "t-a", records: 3 },
          { tenantId: "t-b", records: 1 },
          { tenantId: "t-c", records: 2 },
        ]);
        for (const stmt of [
          "UPDATE audit_log SET action = 'x'",
          "DELETE FROM audit_log WHERE seq = 2",
          "TRUNCATE audit_log",
        ])
          await assert.rejects(
            d.withSession((s) => s.exec(stmt)),
            /append-only/,
            stmt,
          );
        assert.equal((await listAudit(d.db, "t-a")).length, 3);
      }
    });

    it("concurrent appends to one chain keep it unbroken", async () => {
      {
        const store = createStore(d);
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            appendAudit(store, {
              tenantId: "t-concurrent",
              actorId: "u",
              action: "update",
              entity: "x",
              entityId: `${i}`,
            }),
          ),
        );
        assert.deepEqual(await verifyAuditChains(d.db, { tenantId: "t-concurrent" }), [
          { tenantId: "t-concurrent", records: 12 },
        ]);
      }
    });

    if (kind.name === "pglite")
      it("verification finds a tampered record and a deleted one (the trigger disabled to tamper)", async () => {
        {
          const store = createStore(d);
          for (let i = 1; i <= 4; i++)
            await appendAudit(store, {
              tenantId: "t-tampered",
              actorId: "u1",
              action: "update",
              entity: "tenant",
              entityId: "t-tampered",
              version: i,
              after: { settings: { departments: ["기후"] }, n: i },
            });
          await d.withSession((s) =>
            s.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
                    UPDATE audit_log SET after = '{"settings":{"departments":["기후"]},"n":99}'
                      WHERE tenant_id = 't-tampered' AND seq = 3;
                    ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`),
          );
          const [r] = await verifyAuditChains(d.db, { tenantId: "t-tampered" });
          assert.equal(r!.records, 4);
          assert.equal(r!.broken?.seq, 3);
          assert.match(r!.broken!.reason, /content does not match its hash/);
          // a forger who also rewrites the hash breaks the link from the next record
          await d.withSession((s) =>
            s.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
                    DELETE FROM audit_log WHERE tenant_id = 't-tampered' AND seq = 3;
                    ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`),
          );
          const [r2] = await verifyAuditChains(d.db, { tenantId: "t-tampered" });
          assert.equal(r2!.broken?.seq, 3);
          assert.match(r2!.broken!.reason, /missing/);
        }
      });

    if (kind.name !== "pglite")
      it("the application's role, granted as docs/operations.md says, may only read and insert", async () => {
        const role = `citypath_app_${randomBytes(4).toString("hex")}`;
        try {
          await d.withSession(async (s) => {
            // the statements of docs/operations.md, "The audit trail"
            // LOGIN: on Citus the statements reach the workers as this role, which must be allowed to log in
            await s.exec(`CREATE ROLE ${role} LOGIN`);
            await s.exec(`GRANT USAGE ON SCHEMA public TO ${role}`);
            await s.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
            await s.exec(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role}`);
            await s.exec(`SET ROLE ${role}`);
            try {
              await s.exec(
                `INSERT INTO audit_log (tenant_id, seq, at, action, entity, entity_id, prev_hash, hash)
                 VALUES ('t-role', 1, now(), 'create', 'x', 'x', '${AUDIT_GENESIS}', 'h')`,
              );
              await assert.rejects(s.exec("UPDATE audit_log SET action = 'y'"), /permission denied/);
              await assert.rejects(s.exec("DELETE FROM audit_log"), /permission denied/);
              await assert.rejects(s.exec("TRUNCATE audit_log"), /permission denied/);
              const rows = await s.query<{ n: string }>(
                "SELECT count(*)::text AS n FROM audit_log WHERE tenant_id = 't-role'",
              );
              assert.equal(rows[0]!.n, "1");
            } finally {
              await s.exec("RESET ROLE");
            }
          });
        } finally {
          await d.withSession(async (s) => {
            await s.exec(`DROP OWNED BY ${role}`);
            await s.exec(`DROP ROLE ${role}`);
          });
        }
      });
  });
}
