/**
 * Test helpers: fresh, migrated databases of each kind. PGlite always; PostgreSQL when TEST_DATABASE_URL is
 * set (each test database is a new database on that server, dropped afterwards; the role needs CREATEDB). Without TEST_DATABASE_URL the PostgreSQL runs
 * are skipped with a message locally and fail when CI=true.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "./connect.ts";
import { migrate, readMigrations } from "./migrate.ts";

/**
 * A freshly migrated in-memory PGlite. Creating a PGlite runs initdb (seconds on a busy machine), so the first
 * call in a checkout saves the migrated data directory as a tarball in the temporary directory, keyed by
 * the migrations; later calls start from it (about a second).
 */
export async function migratedPglite(): Promise<Database> {
  const key = createHash("sha256")
    .update(
      readMigrations()
        .map((m) => m.hash)
        .join(),
    )
    .digest("hex")
    .slice(0, 16);
  const file = join(tmpdir(), `citypath-pglite-template-${key}.tar`);
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(file);
  } catch {
    // no template yet
  }
  if (bytes) {
    const d = await openDatabase({ memory: true, from: new Blob([new Uint8Array(bytes)]) });
    await migrate(d); // a no-op unless the template is behind
    return d;
  }
  const d = await openDatabase({ memory: true });
  await migrate(d);
  const dump = await d.dump!();
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return d;
}

export interface TestDatabaseKind {
  readonly name: "pglite" | "postgres";
  /** Why the kind cannot run here, or undefined when it can. */
  readonly skip: string | undefined;
  /** A fresh database, migrated unless `migrated: false`. */
  open(opts?: { migrated?: boolean }): Promise<Database>;
}

const HOW =
  "set TEST_DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB to run them (.ci/run shows how to start a local server)";

export function postgresSkipReason(): string | undefined {
  if (process.env.TEST_DATABASE_URL) return undefined;
  if (process.env.CI === "true")
    throw new Error(`TEST_DATABASE_URL is not set, and CI=true: the PostgreSQL tests must run in CI; ${HOW}`);
  return `PostgreSQL tests skipped: TEST_DATABASE_URL is not set; ${HOW}`;
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  const url = process.env.TEST_DATABASE_URL;
  const pgSkip = postgresSkipReason();
  return [
    {
      name: "pglite",
      skip: undefined,
      async open(opts = {}) {
        if (opts.migrated !== false) return migratedPglite();
        return openDatabase({ memory: true });
      },
    },
    {
      name: "postgres",
      skip: pgSkip,
      async open(opts = {}) {
        const name = `citypath_t_${randomBytes(6).toString("hex")}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${name}`);
        } finally {
          await admin.end();
        }
        const u = new URL(url!);
        u.pathname = `/${name}`;
        const d = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
        if (opts.migrated !== false) await migrate(d);
        const close = d.close.bind(d);
        return {
          ...d,
          async close() {
            await close();
            const a = new pg.Client({ connectionString: url });
            await a.connect();
            try {
              await a.query(`DROP DATABASE IF EXISTS ${name}`);
            } finally {
              await a.end();
            }
          },
        };
      },
    },
  ];
}
