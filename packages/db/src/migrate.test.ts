import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RawSession } from "./connect.ts";
import { migrate, readMigrations } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

/** The schema as the catalogue describes it: tables, columns, constraints, indexes, triggers. */
async function describeSchema(s: RawSession): Promise<string[]> {
  const rows = await s.query<{ d: string }>(`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' ' || coalesce(column_default, '') AS d
      FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
    UNION ALL
    SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'trigger ' || tgname || ' ' || tgrelid::regclass::text FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%'`);
  return rows.map((r) => r.d).sort();
}

const migrations = readMigrations();

for (const kind of testDatabaseKinds()) {
  describe(`migrations on ${kind.name}`, { skip: kind.skip }, () => {
    it("apply from empty, and a second run applies nothing", async () => {
      const d = await kind.open({ migrated: false });
      try {
        const first = await migrate(d);
        assert.deepEqual(
          first.applied,
          migrations.map((m) => m.tag),
        );
        const again = await migrate(d);
        assert.deepEqual(again.applied, []);
        assert.equal(again.current, migrations.at(-1)!.tag);
      } finally {
        await d.close();
      }
    });

    it("every earlier version upgrades to the same schema as a fresh database, keeping its data", async () => {
      const fresh = await kind.open();
      const expected = await fresh.withSession(describeSchema);
      await fresh.close();
      for (const m of migrations.slice(0, -1)) {
        const d = await kind.open({ migrated: false });
        try {
          await migrate(d, { upTo: m.idx });
          await d.withSession((s) =>
            s.exec(`INSERT INTO tenant (id, slug, name, name_en) VALUES ('t1', 'kept', '남음', 'Kept')`),
          );
          const up = await migrate(d);
          assert.deepEqual(
            up.applied,
            migrations.filter((x) => x.idx > m.idx).map((x) => x.tag),
          );
          assert.deepEqual(await d.withSession(describeSchema), expected, `upgrade from ${m.tag}`);
          const kept = await d.withSession((s) => s.query<{ slug: string }>("SELECT slug FROM tenant"));
          assert.deepEqual(kept, [{ slug: "kept" }]);
        } finally {
          await d.close();
        }
      }
    });

    it("refuses a database changed by a newer version or an edited migration", async () => {
      const d = await kind.open();
      try {
        await d.withSession((s) =>
          s.exec("INSERT INTO citypath_migration (idx, tag, hash) VALUES (9999, '9999_future', 'x')"),
        );
        await assert.rejects(migrate(d), /newer version/);
        await d.withSession((s) => s.exec("DELETE FROM citypath_migration WHERE idx = 9999"));
        const edited = migrations.map((m, i) => (i === 0 ? { ...m, hash: "different" } : m));
        await assert.rejects(migrate(d, { migrations: edited }), /changed after it was applied/);
      } finally {
        await d.close();
      }
    });
  });
}
