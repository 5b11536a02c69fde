import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { hasCitus } from "./citus.ts";
import type { Database, RawSession } from "./connect.ts";
import { migrate, readMigrations } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

/**
 * The schema as the catalogue describes it: tables, columns, constraints, indexes, triggers; on Citus also how
 * each table is placed. A Citus coordinator holds shard relations too (reference tables have a placement on
 * it): only the relations pg_class lists, where Citus hides shards, are described.
 */
async function describeSchema(s: RawSession): Promise<string[]> {
  const citus = await hasCitus(s);
  const rows = await s.query<{ d: string }>(`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' ' || coalesce(column_default, '') AS d
      FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
       AND conrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
    UNION ALL
    SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'trigger ' || tgname || ' ' || tgrelid::regclass::text FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%'
       AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
    ${
      citus
        ? `UNION ALL
    SELECT 'citus ' || logicalrelid::regclass::text || ' ' || partmethod::text || ' ' || repmodel::text || ' '
           || coalesce(column_to_column_name(logicalrelid, partkey), '')
           || ' colocated ' || (colocationid = (SELECT min(colocationid) FROM pg_dist_partition WHERE partmethod = 'h'))::text
      FROM pg_dist_partition`
        : ""
    }`);
  return rows.map((r) => r.d).sort();
}

const migrations = readMigrations();

for (const kind of testDatabaseKinds()) {
  describe(`migrations on ${kind.name}`, { skip: kind.skip }, () => {
    // The database the first test migrates from empty is the fresh database the others compare with, place
    // and refuse on (a Citus database costs seconds on every node to make, and its migrations many more).
    let fromEmpty: Promise<{ d: Database; applied: string[] }> | undefined;
    const migratedFromEmpty = () => {
      fromEmpty ??= (async () => {
        const d = await kind.open({ migrated: false });
        return { d, applied: (await migrate(d)).applied };
      })();
      return fromEmpty;
    };
    after(async () => {
      if (fromEmpty) await (await fromEmpty).d.close();
    });

    it("apply from empty, and a second run applies nothing", async () => {
      const { d, applied } = await migratedFromEmpty();
      assert.deepEqual(
        applied,
        migrations.map((m) => m.tag),
      );
      const again = await migrate(d);
      assert.deepEqual(again.applied, []);
      assert.equal(again.current, migrations.at(-1)!.tag);
    });

    // Every earlier version on PostgreSQL. A database costs seconds to make on the embedded database and
    // many more on Citus (a database and the extension on every node): there, the version before the latest
    // (the one a running city is on) and, on the embedded database, the first as well.
    const earlier = migrations.slice(0, -1);
    const from =
      kind.name === "postgres"
        ? earlier
        : kind.name === "pglite"
          ? [...new Set([earlier[0]!, earlier.at(-1)!])]
          : [earlier.at(-1)!];
    const fromWhat =
      kind.name === "postgres"
        ? "every earlier version upgrades"
        : kind.name === "pglite"
          ? "the first and the latest earlier versions upgrade"
          : "the latest earlier version upgrades";
    it(`${fromWhat} to the same schema as a fresh database, keeping its data`, async () => {
      const expected = await (await migratedFromEmpty()).d.withSession(describeSchema);
      for (const m of from) {
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

    if (kind.name === "citus")
      it("places every tenant-owned table distributed by tenant_id, colocated, and every other as a reference table", async () => {
        const { d } = await migratedFromEmpty();
        const placed = await d.withSession((s) =>
          s.query<{
            name: string;
            tenant: boolean;
            kind: string | null;
            col: string | null;
            group: number | null;
          }>(
            `SELECT c.relname AS name,
                      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
                                 AND NOT a.attisdropped) AS tenant,
                      (SELECT CASE WHEN p.partmethod = 'h' THEN 'distributed'
                                   WHEN p.repmodel = 't' THEN 'reference' ELSE 'local' END
                         FROM pg_dist_partition p WHERE p.logicalrelid = c.oid) AS kind,
                      (SELECT column_to_column_name(p.logicalrelid, p.partkey)
                         FROM pg_dist_partition p WHERE p.logicalrelid = c.oid AND p.partmethod = 'h') AS col,
                      (SELECT p.colocationid FROM pg_dist_partition p WHERE p.logicalrelid = c.oid AND p.partmethod = 'h') AS "group"
                 FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                ORDER BY c.relname`,
          ),
        );
        const tenantOwned = placed.filter((t) => t.tenant && t.name !== "tenant");
        assert.ok(tenantOwned.length >= 16, `${tenantOwned.length} tenant-owned tables`);
        for (const t of tenantOwned) {
          assert.equal(t.kind, "distributed", t.name);
          assert.equal(t.col, "tenant_id", t.name);
        }
        assert.equal(new Set(tenantOwned.map((t) => t.group)).size, 1, "all colocated");
        for (const t of placed.filter((t) => !(t.tenant && t.name !== "tenant")))
          assert.equal(t.kind, t.name === "citypath_migration" ? null : "reference", t.name);
        // the foreign keys between tenant-owned tables came back after distribution
        const keys = await d.withSession((s) =>
          s.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_constraint
                WHERE contype = 'f' AND conrelid = 'activity_row'::regclass AND confrelid = 'activity_dataset'::regclass`,
          ),
        );
        assert.equal(keys[0]!.n, 1);
      });

    it("refuses a database changed by a newer version or an edited migration", async () => {
      const { d } = await migratedFromEmpty();
      await d.withSession((s) =>
        s.exec("INSERT INTO citypath_migration (idx, tag, hash) VALUES (9999, '9999_future', 'x')"),
      );
      try {
        await assert.rejects(migrate(d), /newer version/);
      } finally {
        await d.withSession((s) => s.exec("DELETE FROM citypath_migration WHERE idx = 9999"));
      }
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, hash: "different" } : m));
      await assert.rejects(migrate(d, { migrations: edited }), /changed after it was applied/);
    });
  });
}
