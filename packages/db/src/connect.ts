/**
 * Opening a database: PGlite (embedded, a data directory or memory) or PostgreSQL (a URL). Both give the same
 * drizzle database type and the same raw session interface, so everything above this file is the same code.
 */
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./lock.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** One connection, for statements that must run on the same session (migrations, advisory locks). */
export interface RawSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  /** PGlite only: the data directory as a tarball (test templates, backups). */
  readonly dump?: () => Promise<Blob>;
  /** Where the data lives, for logs (a directory, "memory", or the URL without its password). */
  readonly location: string;
  readonly db: Db;
  /** Set when a stale lock of a crashed process was taken over. */
  readonly staleLock?: DataDirLock["staleHolder"];
  withSession<T>(fn: (s: RawSession) => Promise<T>): Promise<T>;
  /** PostgreSQL: sends `payload` to every session listening on `channel` (pg_notify). */
  readonly notify?: (channel: string, payload: string) => Promise<void>;
  /**
   * PostgreSQL: calls `onMessage` with each payload sent on `channel`, on a connection of its own kept
   * until `close`; when that connection fails it is made again and `onReset` is called (messages sent
   * meanwhile were missed). Resolves once listening.
   */
  readonly listen?: (
    channel: string,
    onMessage: (payload: string) => void,
    onReset: () => void,
  ) => Promise<void>;
  close(): Promise<void>;
}

export type OpenOptions =
  | { readonly databaseUrl: string; readonly poolSize?: number }
  | {
      readonly dataDir: string;
      /** A new data directory starts from this dump (PGlite's dumpDataDir); one with a database refuses it. */
      readonly from?: Blob;
    }
  | {
      readonly memory: true /** Start from a dump of a data directory (PGlite's dumpDataDir). */;
      readonly from?: Blob;
    };

/** The URL with its password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if ("databaseUrl" in opts) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  if ("dataDir" in opts) {
    const dir = resolve(opts.dataDir);
    const lock = lockDataDir(dir);
    try {
      const client = new PGlite({
        dataDir: join(dir, "pgdata"),
        ...(opts.from ? { loadDataDir: opts.from } : {}),
      });
      await client.waitReady;
      return wrapPglite(client, dir, lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  const client = new PGlite(opts.from ? { loadDataDir: opts.from } : {});
  await client.waitReady;
  return wrapPglite(client, "memory", undefined);
}

function wrapPglite(client: PGlite, location: string, lock: DataDirLock | undefined): Database {
  const db = drizzlePglite({ client, schema });
  const session: RawSession = {
    async query<T>(text: string, params?: unknown[]) {
      return (await client.query<T>(text, params as unknown[])).rows;
    },
    async exec(text: string) {
      await client.exec(text);
    },
  };
  return {
    kind: "pglite",
    location,
    db,
    staleLock: lock?.staleHolder,
    dump: async () => (await client.dumpDataDir("none")) as Blob,
    // PGlite is a single connection: every call already runs on the one session.
    withSession: (fn) => fn(session),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // pg-pool's end() resolves once it has asked each connection to end, not once they have ended: a DROP
  // DATABASE ... WITH (FORCE) or a server stop right after close() then terminated sessions still ending, and
  // the server's "terminating connection" reached the pool as an 'error' event. close() waits for every
  // connection's end, so whoever comes next finds none of this database's sessions on the server.
  const open = new Set<pg.PoolClient>();
  pool.on("connect", (c) => {
    open.add(c);
    c.once("end", () => open.delete(c));
  });
  // An idle connection the server ends (a restart, an administrator's termination) is an 'error' event of the
  // pool, and an 'error' event nobody listens to stops the process. The pool has already dropped that
  // connection and the next query opens another; a query in flight gets the error itself.
  pool.on("error", (e) => {
    console.warn(
      `citypath: an idle connection to ${redactUrl(url)} ended (${e.message}); the next query opens another`,
    );
  });
  // Fail now, with the reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema });
  const listeners = new Set<pg.Client>();
  let closed = false;
  const listen = async (channel: string, onMessage: (payload: string) => void, onReset: () => void) => {
    const client = new pg.Client({ connectionString: url });
    let live = false;
    listeners.add(client);
    client.on("notification", (m) => {
      if (m.channel === channel && m.payload !== undefined) onMessage(m.payload);
    });
    client.on("error", () => {
      listeners.delete(client);
      client.end().catch(() => {});
      if (closed || !live) return;
      live = false;
      // again, until it works; each new connection first tells that messages may have been missed
      const retry = () =>
        listen(channel, onMessage, onReset).then(onReset, () => {
          if (!closed) setTimeout(retry, 1000).unref();
        });
      setTimeout(retry, 200).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      live = true;
    } catch (e) {
      listeners.delete(client);
      await client.end().catch(() => {});
      throw e;
    }
  };
  return {
    kind: "postgres",
    location: redactUrl(url),
    db,
    async notify(channel, payload) {
      await pool.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    listen,
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async query<T>(text: string, params?: unknown[]) {
            return (await client.query(text, params)).rows as T[];
          },
          async exec(text: string) {
            await client.query(text);
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      const ended = [...open].map((c) => new Promise((resolve) => c.once("end", resolve)));
      await pool.end();
      await Promise.all(ended);
    },
  };
}
