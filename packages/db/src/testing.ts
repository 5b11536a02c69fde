/**
 * Test helpers: fresh, migrated databases of each kind. PGlite always; PostgreSQL when TEST_DATABASE_URL is
 * set (each test database is a new database on that server, dropped afterwards; the role needs CREATEDB). Without TEST_DATABASE_URL the PostgreSQL runs
 * are skipped with a message locally and fail when CI=true.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "./connect.ts";
import { migrate } from "./migrate.ts";

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
        const d = await openDatabase({ memory: true });
        if (opts.migrated !== false) await migrate(d);
        return d;
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
