/**
 * Test helpers: fresh, migrated databases of each kind. PGlite always; PostgreSQL when TEST_DATABASE_URL is
 * set (each test database is a new database on that server, dropped afterwards; the role needs CREATEDB);
 * Citus when TEST_CITUS_URL (the coordinator) and TEST_CITUS_WORKERS (host:port,host:port) are set (each test
 * database is on every node, a copy of a migrated template there, or made with the extension and the workers
 * registered when it is to start empty; dropped afterwards; the role is a superuser on every node, as in
 * .ci/run's cluster). Without their variables the PostgreSQL and Citus runs
 * are skipped with a message locally and fail when CI=true.
 */
import { createHash, randomBytes } from "node:crypto";
import { openAsBlob, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Database, openDatabase } from "./connect.ts";
import { migrate, readMigrations } from "./migrate.ts";

/**
 * A freshly migrated in-memory PGlite. Creating a PGlite runs initdb (seconds on a busy machine), so the first
 * call in a checkout saves the migrated data directory as a tarball in the temporary directory, keyed by
 * the migrations; later calls start from it (about a second).
 */
export async function migratedPglite(): Promise<Database> {
  const d = await pgliteFromTarball(`citypath-pglite-template-${migrationsKey()}.tar`, migrate);
  await migrate(d); // a no-op unless the template is behind
  return d;
}

/**
 * An in-memory PGlite with no migration applied, for the migration tests. It is a copy of the data directory
 * initdb made (saved once per PGlite release as a tarball in the temporary directory, as migratedPglite's
 * template): initdb costs about 7 s of CPU, starting from its tarball under 2 s. Decision 78.
 */
export function emptyPglite(): Promise<Database> {
  return pgliteFromTarball(`citypath-pglite-empty-${pgliteKey()}.tar`, async () => {});
}

/**
 * An in-memory PGlite started from the tarball `name` in the temporary directory; when there is none yet, a
 * new one (initdb) that `fill` fills, saved as that tarball (written aside and renamed, so that test processes
 * running side by side never read half a file).
 */
async function pgliteFromTarball(name: string, fill: (d: Database) => Promise<unknown>): Promise<Database> {
  const file = join(tmpdir(), name);
  let tarball: Blob | undefined;
  try {
    // the file as a Blob, read once when PGlite reads it (not read, copied and copied again into a Blob)
    tarball = await openAsBlob(file);
  } catch {
    // no template yet
  }
  if (tarball) return openDatabase({ memory: true, from: tarball });
  const d = await openDatabase({ memory: true });
  await fill(d);
  const dump = await d.dump!();
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return d;
}

/** PGlite's release (its package's version): what initdb makes, so the empty template's key. */
function pgliteKey(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "@electric-sql/pglite" && pkg.version) return pkg.version.replace(/[^\w.-]/g, "_");
    } catch {
      // not here
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("@electric-sql/pglite's package.json was not found above its entry");
    dir = up;
  }
}

/** The migrations' identity: templates and tarballs made from an older set are not reused. */
function migrationsKey(): string {
  return createHash("sha256")
    .update(
      readMigrations()
        .map((m) => m.hash)
        .join(),
    )
    .digest("hex")
    .slice(0, 16);
}

/** Serialises making the PostgreSQL template database across test processes. */
const POSTGRES_TEMPLATE_LOCK = 4242_2052;

/**
 * A new migrated database `name`, copied from a template database on the PostgreSQL server
 * (`CREATE DATABASE ... TEMPLATE`, a file copy instead of running every migration for each test database).
 * The template is made once per set of migrations; templates of another set (an older checkout) are dropped
 * then. Everything happens under an advisory lock, so that parallel test processes make the template once and
 * never drop one while another copies it.
 */
export async function createFromPostgresTemplate(url: string, name: string): Promise<void> {
  const template = `citypath_tpl_${migrationsKey()}`;
  await onNode(url, async (c) => {
    await c.query("SELECT pg_advisory_lock($1)", [POSTGRES_TEMPLATE_LOCK]);
    try {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (!found.rowCount) await makePostgresTemplate(c, url, template);
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [POSTGRES_TEMPLATE_LOCK]);
    }
  });
}

async function makePostgresTemplate(c: pg.Client, url: string, name: string): Promise<void> {
  const old = await c.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'citypath\\_tpl\\_%'",
  );
  const create = async (building: string) => {
    await c.query(`CREATE DATABASE ${building}`);
  };
  await replaceTemplate(c, url, name, old.rows, create, migrate);
}

/**
 * Drops the template databases `old`, then makes the template `name`: `create` makes a database under a
 * passing name, `fill` fills it, and it is renamed to `name` and marked a template.
 */
async function replaceTemplate(
  c: pg.Client,
  url: string,
  name: string,
  old: ReadonlyArray<{ datname: string }>,
  create: (building: string) => Promise<void>,
  fill: (d: Database) => Promise<unknown>,
): Promise<void> {
  for (const { datname } of old) {
    await c.query(`ALTER DATABASE ${datname} IS_TEMPLATE false`);
    await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  const building = `${name.slice(0, 50)}_${process.pid}`;
  await create(building);
  const d = await openDatabase({ databaseUrl: withDatabase(url, building), poolSize: 1 });
  try {
    await fill(d);
  } finally {
    await d.close();
  }
  await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  await c.query(`ALTER DATABASE ${name} IS_TEMPLATE true`);
}

/** Serialises making filled template databases (postgresFromTemplate) across test processes. */
const POSTGRES_FILLED_TEMPLATE_LOCK = 4242_2053;

/**
 * A new database on the PostgreSQL server at `url`, copied from the template database `template` (a name
 * that says what it holds, e.g. the demo and its content's key), which `fill` fills once, starting from a
 * migrated database, the first time it is asked for; templates of the same `family` (a name prefix) with
 * another name are dropped then. Serialised across test processes by an advisory lock. Closing the database
 * drops it.
 */
export async function postgresFromTemplate(
  url: string,
  family: string,
  template: string,
  fill: (d: Database) => Promise<void>,
): Promise<Database> {
  const name = `citypath_t_${randomBytes(6).toString("hex")}`;
  await onNode(url, async (c) => {
    await c.query("SELECT pg_advisory_lock($1)", [POSTGRES_FILLED_TEMPLATE_LOCK]);
    try {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (!found.rowCount) {
        const old = await c.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2",
          [family, template],
        );
        const create = (building: string) => createFromPostgresTemplate(url, building);
        await replaceTemplate(c, url, template, old.rows, create, fill);
      }
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [POSTGRES_FILLED_TEMPLATE_LOCK]);
    }
  });
  return openDropped(url, name);
}

/** Opens the test database `name` (migrated: a no-op when it is at the latest version); closing drops it. */
async function openDropped(url: string, name: string, migrated = true): Promise<Database> {
  const d = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  if (migrated) await migrate(d);
  const close = d.close.bind(d);
  return {
    ...d,
    async close() {
      await close();
      await onNode(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

export interface TestDatabaseKind {
  readonly name: "pglite" | "postgres" | "citus";
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

const HOW_CITUS =
  "build Citus and start its three nodes as .ci/run does (docs/scaling.md), then set " +
  "TEST_CITUS_URL=postgres://USER:PASSWORD@127.0.0.1:5442/postgres and TEST_CITUS_WORKERS=127.0.0.1:5443,127.0.0.1:5444";

export function citusSkipReason(): string | undefined {
  if (process.env.TEST_CITUS_URL && process.env.TEST_CITUS_WORKERS) return undefined;
  if (process.env.CI === "true")
    throw new Error(
      `TEST_CITUS_URL or TEST_CITUS_WORKERS is not set, and CI=true: the Citus tests must run in CI; ${HOW_CITUS}`,
    );
  return `Citus tests skipped: TEST_CITUS_URL and TEST_CITUS_WORKERS are not set; ${HOW_CITUS}`;
}

/** Serialises making Citus databases across test processes: registering the workers in two new databases at
 * once fails ("tuple concurrently updated"). A session lock on the coordinator's maintenance database. */
const CITUS_CREATEDB_LOCK = 4242_2051;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onNode<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface CitusNodes {
  /** The coordinator first, then the workers. */
  readonly all: ReadonlyArray<{ host: string; port: number }>;
  url(node: { host: string; port: number }, db: string): string;
}

function citusNodes(coordinatorUrl: string, workers: string): CitusNodes {
  const coordinator = new URL(coordinatorUrl);
  const nodes = workers
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => {
      const [host, port] = w.split(":");
      return { host: host!, port: Number(port) };
    });
  return {
    all: [{ host: coordinator.hostname, port: Number(coordinator.port || 5432) }, ...nodes],
    url(n, db) {
      const u = new URL(coordinatorUrl);
      u.hostname = n.host;
      u.port = String(n.port);
      u.pathname = `/${db}`;
      return u.toString();
    },
  };
}

/** Runs `fn` under the cluster-wide lock on making Citus databases (a session lock on the coordinator). */
async function underCitusLock<T>(coordinatorUrl: string, fn: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: withDatabase(coordinatorUrl, "postgres") });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [CITUS_CREATEDB_LOCK]);
    return await fn();
  } finally {
    await lock.end();
  }
}

/** Makes `name` on every node with the extension, and registers the workers in it (under the lock). */
async function makeCitusDatabase(nodes: CitusNodes, name: string): Promise<void> {
  const [coordinator, ...workers] = nodes.all;
  for (const n of nodes.all) {
    await onNode(nodes.url(n, "postgres"), (c) => c.query(`CREATE DATABASE ${name}`));
    await onNode(nodes.url(n, name), (c) => c.query("CREATE EXTENSION citus"));
  }
  await onNode(nodes.url(coordinator!, name), async (c) => {
    await c.query("SELECT citus_set_coordinator_host($1, $2)", [coordinator!.host, coordinator!.port]);
    for (const n of workers) await c.query("SELECT citus_add_node($1, $2)", [n.host, n.port]);
  });
}

/** A new database on the coordinator and every worker, with the workers registered in it. Returns its URL. */
export async function createCitusDatabase(
  coordinatorUrl: string,
  workers: string,
  name: string,
): Promise<string> {
  const nodes = citusNodes(coordinatorUrl, workers);
  await underCitusLock(coordinatorUrl, async () => {
    try {
      await makeCitusDatabase(nodes, name);
    } catch (e) {
      await dropCitusDatabase(coordinatorUrl, workers, name).catch(() => {});
      throw e;
    }
  });
  return withDatabase(coordinatorUrl, name);
}

/**
 * A new migrated Citus database `name`, copied on every node from a template made once per set of migrations
 * (`CREATE DATABASE ... TEMPLATE` on each node: the coordinator's copy holds the same metadata, the workers'
 * copies the same shards, and each node reaches the others' copies by the database's new name). The template
 * is a migrated Citus database whose connections are then refused (`ALLOW_CONNECTIONS false`, which also keeps
 * Citus' maintenance daemon out of it, as copying needs); a template missing on a node or still allowing
 * connections (its maker stopped half way) is made again, and templates of another set are dropped. Returns the
 * copy's URL. Decision 68.
 */
export async function createCitusFromTemplate(
  coordinatorUrl: string,
  workers: string,
  name: string,
): Promise<string> {
  const nodes = citusNodes(coordinatorUrl, workers);
  const template = `citypath_ctpl_${migrationsKey()}`;
  await underCitusLock(coordinatorUrl, async () => {
    let ready = true;
    for (const n of nodes.all) {
      const r = await onNode(nodes.url(n, "postgres"), (c) =>
        c.query("SELECT datallowconn FROM pg_database WHERE datname = $1", [template]),
      );
      if (r.rows[0]?.datallowconn !== false) ready = false;
    }
    if (!ready) {
      for (const n of nodes.all)
        await onNode(nodes.url(n, "postgres"), async (c) => {
          const old = await c.query<{ datname: string }>(
            "SELECT datname FROM pg_database WHERE datname LIKE 'citypath\\_ctpl\\_%'",
          );
          for (const { datname } of old.rows) await c.query(`DROP DATABASE ${datname} WITH (FORCE)`);
        });
      await makeCitusDatabase(nodes, template);
      const d = await openDatabase({ databaseUrl: nodes.url(nodes.all[0]!, template), poolSize: 4 });
      try {
        await migrate(d);
      } finally {
        await d.close();
      }
      for (const n of nodes.all)
        await onNode(nodes.url(n, "postgres"), async (c) => {
          await c.query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
          await c.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [template],
          );
        });
    }
    try {
      // CREATE DATABASE waits a few seconds for the template's terminated sessions to end
      for (const n of nodes.all)
        await onNode(nodes.url(n, "postgres"), (c) =>
          c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`),
        );
    } catch (e) {
      await dropCitusDatabase(coordinatorUrl, workers, name).catch(() => {});
      throw e;
    }
  });
  return withDatabase(coordinatorUrl, name);
}

/** DROP DATABASE on every node, the coordinator first (its connections to the workers go with it). */
export async function dropCitusDatabase(
  coordinatorUrl: string,
  workers: string,
  name: string,
): Promise<void> {
  const urls = [withDatabase(coordinatorUrl, "postgres")];
  for (const w of workers.split(",").filter((x) => x.trim())) {
    const [host, port] = w.trim().split(":");
    const u = new URL(coordinatorUrl);
    u.hostname = host!;
    u.port = port!;
    u.pathname = "/postgres";
    urls.push(u.toString());
  }
  for (const url of urls) await onNode(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  const url = process.env.TEST_DATABASE_URL;
  const pgSkip = postgresSkipReason();
  return [
    {
      name: "pglite",
      skip: undefined,
      async open(opts = {}) {
        return opts.migrated === false ? emptyPglite() : migratedPglite();
      },
    },
    {
      name: "postgres",
      skip: pgSkip,
      async open(opts = {}) {
        const name = `citypath_t_${randomBytes(6).toString("hex")}`;
        if (opts.migrated === false) await onNode(url!, (c) => c.query(`CREATE DATABASE ${name}`));
        else await createFromPostgresTemplate(url!, name);
        // migrating is a no-op: the template is at the latest version
        return openDropped(url!, name, opts.migrated !== false);
      },
    },
    {
      name: "citus",
      skip: citusSkipReason(),
      async open(opts = {}) {
        const coordinator = process.env.TEST_CITUS_URL!;
        const workers = process.env.TEST_CITUS_WORKERS!;
        const name = `citypath_c_${randomBytes(6).toString("hex")}`;
        const migrated = opts.migrated !== false;
        const d = await openDatabase({
          databaseUrl: await (migrated ? createCitusFromTemplate : createCitusDatabase)(
            coordinator,
            workers,
            name,
          ),
          poolSize: 4,
        });
        // a no-op unless the template is behind
        if (migrated) await migrate(d);
        const close = d.close.bind(d);
        return {
          ...d,
          async close() {
            await close();
            await dropCitusDatabase(coordinator, workers, name);
          },
        };
      },
    },
  ];
}
