/**
 * The migration runner. Reads the SQL migrations drizzle-kit generated (../migrations, listed in
 * meta/_journal.json), applies the pending ones in order, each in its own transaction, and records them in
 * `citypath_migration`. The same code runs on PGlite and PostgreSQL; on PostgreSQL an advisory lock keeps two
 * servers starting at once from applying the same migration twice. On Citus each migration's new tables are
 * distributed (tenant-owned) or made reference tables in the same transaction (citus.ts).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CitypathError, problem } from "@citypath/core";
import { distributeTables, forCitus, hasCitus } from "./citus.ts";
import type { Database, RawSession } from "./connect.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations/", import.meta.url));
const ADVISORY_KEY = 4242_2050;

export interface Migration {
  readonly idx: number;
  readonly tag: string;
  readonly statements: readonly string[];
  readonly hash: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(`${dir}/meta/_journal.json`, "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = readFileSync(`${dir}/${e.tag}.sql`, "utf8");
      return {
        idx: e.idx,
        tag: e.tag,
        statements: text
          .split("--> statement-breakpoint")
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
        hash: createHash("sha256").update(text).digest("hex"),
      };
    });
}

export interface MigrateResult {
  /** Tags applied by this call, in order. */
  readonly applied: string[];
  /** The tag of the newest migration now in the database. */
  readonly current: string | undefined;
}

export interface MigrateOptions {
  /** Apply only up to and including this index (tests of upgrades from earlier versions). */
  readonly upTo?: number;
  readonly migrations?: readonly Migration[];
}

async function appliedMigrations(s: RawSession) {
  await s.exec(
    `CREATE TABLE IF NOT EXISTS citypath_migration (
       idx integer PRIMARY KEY,
       tag text NOT NULL,
       hash text NOT NULL,
       applied_at timestamp with time zone NOT NULL DEFAULT now()
     )`,
  );
  return s.query<{ idx: number; tag: string; hash: string }>(
    "SELECT idx, tag, hash FROM citypath_migration ORDER BY idx",
  );
}

export async function migrate(database: Database, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const all = opts.migrations ?? readMigrations();
  const wanted = opts.upTo === undefined ? all : all.filter((m) => m.idx <= opts.upTo!);
  return database.withSession(async (s) => {
    if (database.kind === "postgres") await s.query("SELECT pg_advisory_lock($1)", [ADVISORY_KEY]);
    let citus = false;
    try {
      citus = database.kind === "postgres" && (await hasCitus(s));
      if (citus) {
        // Citus refuses to distribute a table with triggers, or to add one to it, unless this is on (citus.ts)
        await s.exec("SET citus.enable_unsafe_triggers = on");
        // a migration changes reference and distributed tables in one transaction: shard by shard
        await s.exec("SET citus.multi_shard_modify_mode = 'sequential'");
      }
      const done = await appliedMigrations(s);
      const known = new Map(all.map((m) => [m.idx, m]));
      for (const d of done) {
        const m = known.get(d.idx);
        if (!m)
          throw new CitypathError(
            problem(
              "CONFLICT",
              `The database has migration ${d.tag}, which this version of Citypath does not know: it was ` +
                `written by a newer version. Upgrade Citypath before opening this database.`,
            ),
          );
        if (m.hash !== d.hash)
          throw new CitypathError(
            problem(
              "CONFLICT",
              `Migration ${d.tag} changed after it was applied to this database; released migrations ` +
                `must never be edited. Add a new migration instead.`,
            ),
          );
      }
      const doneIdx = new Set(done.map((d) => d.idx));
      const applied: string[] = [];
      for (const m of wanted) {
        if (doneIdx.has(m.idx)) continue;
        await s.exec("BEGIN");
        try {
          for (const stmt of m.statements) await s.exec(citus ? forCitus(stmt) : stmt);
          if (citus) await distributeTables(s);
          await s.query("INSERT INTO citypath_migration (idx, tag, hash) VALUES ($1, $2, $3)", [
            m.idx,
            m.tag,
            m.hash,
          ]);
          await s.exec("COMMIT");
        } catch (e) {
          await s.exec("ROLLBACK");
          throw new CitypathError(
            problem("INTERNAL", `Migration ${m.tag} failed and was rolled back: ${(e as Error).message}`),
          );
        }
        applied.push(m.tag);
      }
      const last = await s.query<{ tag: string }>(
        "SELECT tag FROM citypath_migration ORDER BY idx DESC LIMIT 1",
      );
      return { applied, current: last[0]?.tag };
    } finally {
      if (citus) await s.exec("RESET citus.enable_unsafe_triggers; RESET citus.multi_shard_modify_mode");
      if (database.kind === "postgres") await s.query("SELECT pg_advisory_unlock($1)", [ADVISORY_KEY]);
    }
  });
}

const STARTUP_KEY = 4242_2052;

/**
 * Runs `fn` while no other process holds the start-up lock of this database (PostgreSQL: a session advisory
 * lock; PGlite has one process). Server processes starting together load reference data, the demo tenant
 * and the first administrator one after the other, so each finds what the first one made.
 */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.kind !== "postgres") return fn();
  return database.withSession(async (s) => {
    await s.query("SELECT pg_advisory_lock($1)", [STARTUP_KEY]);
    try {
      return await fn();
    } finally {
      await s.query("SELECT pg_advisory_unlock($1)", [STARTUP_KEY]);
    }
  });
}
