/**
 * `citypath migrate-to --database-url URL`: moves every tenant of the embedded database to PostgreSQL through
 * the tenant export, with the accounts, then checks that each tenant exports identically from the new
 * database. The embedded database is only read (and locked, so the server must be stopped first); it stays
 * as it was, to fall back to.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CitypathError, formatProblem } from "@citypath/core";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath migrate-to --database-url URL [--data-dir DIR]

  --database-url URL  the PostgreSQL database to move to (it is migrated first; it must not already hold
                      a tenant of the same slug)
  --data-dir DIR      the embedded database (env CITYPATH_DATA_DIR; default .citypath/)

Stop the server first: the embedded database admits one process. Afterwards start the server with
DATABASE_URL=URL (or --database-url). docs/operations.md describes the whole move.`;

export const command: Command = {
  name: "migrate-to",
  summary: "move every tenant from the embedded database to PostgreSQL",
  usage,
  run,
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, { values: ["database-url", "data-dir"] });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath migrate-to: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const url = parsed.args.values["database-url"];
  if (!url) {
    io.stderr.write(`citypath migrate-to: --database-url is required\n\n${usage}\n`);
    return 2;
  }
  const dataDir = resolve(
    io.cwd,
    parsed.args.values["data-dir"] ?? process.env.CITYPATH_DATA_DIR ?? ".citypath",
  );
  if (!existsSync(join(dataDir, "pgdata"))) {
    io.stderr.write(`citypath migrate-to: there is no embedded database in ${dataDir}\n`);
    return 2;
  }
  const db = await import("@citypath/db");
  const { loadReferenceData } = await import("@citypath/server");
  let source: Awaited<ReturnType<typeof db.openDatabase>> | undefined;
  let target: Awaited<ReturnType<typeof db.openDatabase>> | undefined;
  try {
    source = await db.openDatabase({ dataDir });
    target = await db.openDatabase({ databaseUrl: url });
    io.stdout.write(`from ${source.location}\nto   ${target.location}\n`);
    await db.migrate(source);
    const m = await db.migrate(target);
    io.stdout.write(`target migrations: ${m.applied.length ? m.applied.join(", ") : "up to date"}\n`);
    const from = db.createStore(source);
    const to = db.createStore(target);
    await loadReferenceData(to);
    const accounts = await db.copyAccounts(source, target);
    io.stdout.write(`accounts: ${accounts.users} users, ${accounts.accounts} sign-in accounts copied\n`);
    const tenants = await from.tenants.list();
    for (const t of tenants) {
      const doc = await db.exportTenant(from, t.slug);
      await db.importTenant(to, doc);
      const back = await db.exportTenant(to, t.slug);
      const same = JSON.stringify({ ...back, exportedAt: "" }) === JSON.stringify({ ...doc, exportedAt: "" });
      if (!same) {
        io.stderr.write(
          `citypath migrate-to: ${t.slug} differs after the move; the target keeps it for inspection\n`,
        );
        return 1;
      }
      io.stdout.write(
        `tenant ${t.slug}: ${doc.activityDatasets.length} activity datasets, ${doc.factorSets.length} factor sets, ` +
          `${doc.inventories.length} inventory versions, ${doc.modelInstances.length} model instances — moved and verified\n`,
      );
    }
    io.stdout.write(
      `done: ${tenants.length} tenant(s). Start the server with DATABASE_URL set to the new database; ` +
        `${dataDir} is unchanged.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof CitypathError)
      for (const p of e.problems) io.stderr.write(`citypath migrate-to: ${formatProblem(p)}\n`);
    else io.stderr.write(`citypath migrate-to: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await source?.close();
    await target?.close();
  }
}
