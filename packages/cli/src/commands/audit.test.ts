import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { appendAudit, createStore, migrate, openDatabase } from "@citypath/db";
import { main } from "../main.ts";

function capture() {
  let out = "";
  let err = "";
  return {
    io: {
      cwd: process.cwd(),
      stdout: {
        write: (s: string) => {
          out += s;
          return true;
        },
      },
      stderr: {
        write: (s: string) => {
          err += s;
          return true;
        },
      },
    },
    out: () => out,
    err: () => err,
  };
}

describe("citypath audit verify", () => {
  it("says every chain is intact, then finds the record changed behind the trigger's back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-audit-"));
    try {
      const d = await openDatabase({ dataDir: dir });
      await migrate(d);
      const store = createStore(d);
      const t = await store.tenants.create({ slug: "audited", name: "감사시", nameEn: "Audited" });
      for (let v = 1; v <= 3; v++)
        await appendAudit(store, {
          tenantId: t.id,
          actorId: "u",
          action: "update",
          entity: "tenant",
          entityId: t.id,
          version: v,
          after: { v },
        });
      await d.close();
      const ok = capture();
      assert.equal(await main(["audit", "verify", "--data-dir", dir], ok.io as never), 0, ok.err());
      assert.match(ok.out(), /ok {6}audited: 3 records, chain intact/);
      const d2 = await openDatabase({ dataDir: dir });
      await d2.withSession((s) =>
        s.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
                UPDATE audit_log SET after = '{"v": 20}' WHERE seq = 2;
                ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`),
      );
      await d2.close();
      const bad = capture();
      assert.equal(await main(["audit", "verify", "--data-dir", dir], bad.io as never), 1);
      assert.match(
        bad.out(),
        /BROKEN {2}audited: 3 records; record \d+-2: its content does not match its hash/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
