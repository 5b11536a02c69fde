/**
 * `citypath audit verify`: recomputes the hash chain of every tenant's audit trail (and the platform's) and
 * says where a chain breaks: a changed record, a missing one, or a record whose link does not match.
 * Exit code 0 when every chain is intact, 1 when one is broken, 2 on a usage error.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CitypathError, formatProblem } from "@citypath/core";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath audit verify [--tenant SLUG] [--database-url URL] [--data-dir DIR]

  --tenant SLUG       verify this tenant's chain only (default: every chain)
  --database-url URL  a PostgreSQL database (env DATABASE_URL; default: the embedded database)
  --data-dir DIR      the embedded database (env CITYPATH_DATA_DIR; default .citypath/)

The embedded database admits one process: stop the server first, or verify through the API
(GET /api/tenants/SLUG/audit/verify). docs/operations.md describes the audit trail.`;

export const command: Command = {
  name: "audit",
  summary: "verify the tamper-evident audit trail (audit verify)",
  usage,
  run,
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, { values: ["database-url", "data-dir", "tenant"] });
  if (!parsed.ok || parsed.args.positional[0] !== "verify" || parsed.args.positional.length > 1) {
    io.stderr.write(
      `citypath audit: ${parsed.ok ? "the only subcommand is verify" : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const url = parsed.args.values["database-url"] ?? process.env.DATABASE_URL;
  const dataDir = resolve(
    io.cwd,
    parsed.args.values["data-dir"] ?? process.env.CITYPATH_DATA_DIR ?? ".citypath",
  );
  if (!url && !existsSync(join(dataDir, "pgdata"))) {
    io.stderr.write(`citypath audit: there is no embedded database in ${dataDir}\n`);
    return 2;
  }
  const db = await import("@citypath/db");
  let database: Awaited<ReturnType<typeof db.openDatabase>> | undefined;
  try {
    database = url ? await db.openDatabase({ databaseUrl: url }) : await db.openDatabase({ dataDir });
    await db.migrate(database);
    const store = db.createStore(database);
    const tenants = await store.tenants.list();
    const slugOf = new Map<string, string>(tenants.map((t) => [t.id, t.slug]));
    let only: string | undefined;
    if (parsed.args.values.tenant) {
      const t = tenants.find((x) => x.slug === parsed.args.values.tenant);
      if (!t) {
        io.stderr.write(`citypath audit: no tenant "${parsed.args.values.tenant}"\n`);
        return 2;
      }
      only = t.id;
    }
    const reports = await db.verifyAuditChains(database.db, only ? { tenantId: only } : {});
    let broken = 0;
    for (const r of reports) {
      const name =
        r.tenantId === db.AUDIT_PLATFORM
          ? "platform (accounts)"
          : (slugOf.get(r.tenantId) ?? `${r.tenantId} (deleted tenant)`);
      if (r.broken) {
        broken++;
        io.stdout.write(
          `BROKEN  ${name}: ${r.records} records; record ${r.broken.stream}-${r.broken.seq}: ${r.broken.reason}\n`,
        );
      } else io.stdout.write(`ok      ${name}: ${r.records} records, chain intact\n`);
    }
    if (reports.length === 0) io.stdout.write("the audit trail is empty\n");
    io.stdout.write(broken ? `${broken} chain(s) broken\n` : "every chain is intact\n");
    return broken ? 1 : 0;
  } catch (e) {
    if (e instanceof CitypathError)
      for (const p of e.problems) io.stderr.write(`citypath audit: ${formatProblem(p)}\n`);
    else io.stderr.write(`citypath audit: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await database?.close();
  }
}
