/**
 * Distribution on Citus (distributed PostgreSQL). When the database has the `citus` extension, the migration
 * runner calls `distributeTables` at the end of every migration, inside its transaction, so that each table a
 * migration creates is placed before the migration counts as applied. One rule, no list of tables to keep up:
 *
 * - a table with a `tenant_id` column (other than `tenant` itself) is tenant-owned: distributed by `tenant_id`,
 *   colocated with the other tenant-owned tables, so a tenant's joins and cascades stay on one node;
 * - every other table (`tenant`, accounts, reference data, the mail outbox) is a reference table, copied to
 *   every node; `citypath_migration` stays a plain table on the coordinator.
 *
 * Citus' rules (docs/scaling.md) fix the order: a table linked by a foreign key to a reference table turns into
 * a "Citus local" table, which cannot then be distributed, so the foreign keys of the tables being placed are
 * dropped first, the tables placed (reference tables first), and the keys added again. Triggers (the frozen
 * published inventory, the append-only audit trail) need `citus.enable_unsafe_triggers`, which `migrate` turns
 * on for its session: they run on the shards and touch only their own row.
 */
import type { RawSession } from "./connect.ts";

/** Tables never handed to Citus: the migration ledger lives on the coordinator only. */
const LOCAL_TABLES = new Set(["citypath_migration"]);

/** The column every tenant-owned table is distributed by. */
export const DISTRIBUTION_COLUMN = "tenant_id";

/**
 * A migration statement as Citus can run it. drizzle-kit writes CHECK constraints with the table's name before
 * each column (`CHECK ("t"."c" is null)`); on a distributed table Citus sends the constraint to each shard,
 * where that name means nothing ("missing FROM-clause entry"). Within `ALTER TABLE "t" ADD CONSTRAINT ...
 * CHECK`, `"t".` is dropped: the constraint is the same (the catalogue stores it unqualified). The migration's
 * text, and so its hash, is unchanged.
 */
export function forCitus(statement: string): string {
  const m = /^\s*ALTER TABLE "([^"]+)" ADD CONSTRAINT "[^"]+" CHECK\b/i.exec(statement);
  if (!m) return statement;
  return statement.replaceAll(`"${m[1]}".`, "");
}

export async function hasCitus(s: RawSession): Promise<boolean> {
  const rows = await s.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'",
  );
  return rows[0]!.n > 0;
}

export interface Placement {
  readonly table: string;
  readonly kind: "distributed" | "reference";
}

/**
 * Places every table of the current schema that Citus does not yet hold as distributed or reference table.
 * Returns what it placed (nothing when all tables are already placed).
 */
export async function distributeTables(s: RawSession): Promise<Placement[]> {
  const tables = await s.query<{
    oid: number;
    name: string;
    ref: string;
    tenant: boolean;
    placed: string | null;
  }>(
    `SELECT c.oid::int8 AS oid, c.relname AS name, c.oid::regclass::text AS ref,
            EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped) AS tenant,
            (SELECT CASE WHEN p.partmethod = 'h' THEN 'distributed'
                         WHEN p.repmodel = 't' THEN 'reference' ELSE 'local' END
               FROM pg_dist_partition p WHERE p.logicalrelid = c.oid) AS placed
       FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [DISTRIBUTION_COLUMN],
  );
  const pending = tables.filter(
    (t) => !LOCAL_TABLES.has(t.name) && t.placed !== "distributed" && t.placed !== "reference",
  );
  if (pending.length === 0) return [];
  const oids = pending.map((t) => String(t.oid));

  // every foreign key with a pending table on either side, to be added again once both sides are placed
  const keys = await s.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
        AND (conrelid = ANY($1::oid[]) OR confrelid = ANY($1::oid[]))
      ORDER BY conrelid::regclass::text, conname`,
    [oids],
  );
  for (const k of keys) await s.exec(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${quoteIdent(k.name)}`);
  // a table a foreign key had made "Citus local" goes back to a plain table before it is placed (Citus does
  // so itself when the key it was made for is dropped; one made local otherwise is undone here)
  for (const t of pending) {
    if (t.placed !== "local") continue;
    const still = await s.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_dist_partition WHERE logicalrelid = $1::oid",
      [String(t.oid)],
    );
    if (still[0]!.n > 0) await s.query("SELECT undistribute_table($1)", [t.ref]);
  }

  const placed: Placement[] = [];
  for (const t of pending.filter((p) => !isTenantOwned(p))) {
    await s.query("SELECT create_reference_table($1)", [t.ref]);
    placed.push({ table: t.name, kind: "reference" });
  }
  let anchor = tables.find((t) => t.placed === "distributed")?.ref;
  for (const t of pending.filter(isTenantOwned)) {
    await s.query("SELECT create_distributed_table($1, $2, colocate_with => $3)", [
      t.ref,
      DISTRIBUTION_COLUMN,
      anchor ?? "none",
    ]);
    anchor ??= t.ref;
    placed.push({ table: t.name, kind: "distributed" });
  }
  for (const k of keys) await s.exec(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.def}`);
  return placed;
}

function isTenantOwned(t: { name: string; tenant: boolean }): boolean {
  return t.tenant && t.name !== "tenant";
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
