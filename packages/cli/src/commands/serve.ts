/**
 * `citypath serve`: the server, on the embedded database (CITYPATH_DATA_DIR, default .citypath/ in the
 * current directory) or PostgreSQL (--database-url / DATABASE_URL). A flag beats the environment.
 */
import { resolve } from "node:path";
import { CitypathError, formatProblem } from "@citypath/core";
import { parseArgs } from "../args.ts";
import type { Command, CommandIO } from "../io.ts";

const usage = `citypath serve [--database-url URL] [--data-dir DIR] [--host HOST] [--port PORT] [--demo]

  --database-url URL  PostgreSQL (env DATABASE_URL); without it the embedded database is used
  --data-dir DIR      the embedded database's directory (env CITYPATH_DATA_DIR; default .citypath/)
  --host HOST         address to listen on (env HOST; default 127.0.0.1)
  --port PORT         port (env PORT; default 3000)
  --demo              load the Jeonju demo tenant if it is not there (a restart keeps edits)

Environment: CITYPATH_ADMIN_EMAIL and CITYPATH_ADMIN_PASSWORD set the first administrator (first start
only); CITYPATH_LOG_LEVEL (debug, info, warn, error); CITYPATH_DEV_WRITES=1 lets every caller write
(development only, until accounts and roles exist). Stop with Ctrl-C: requests in flight finish first.`;

export const command: Command = { name: "serve", summary: "start the web server and API", usage, run };

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv, {
    values: ["database-url", "data-dir", "host", "port"],
    booleans: ["demo"],
  });
  if (!parsed.ok || parsed.args.positional.length) {
    io.stderr.write(
      `citypath serve: ${parsed.ok ? `unexpected argument "${parsed.args.positional[0]}"` : parsed.error}\n\n${usage}\n`,
    );
    return 2;
  }
  const v = parsed.args.values;
  const env = process.env;
  const portText = v.port ?? env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    io.stderr.write(`citypath serve: the port must be a number from 0 to 65535 (got "${portText}")\n`);
    return 2;
  }
  const { batchedWriter, createLogger, parseLogLevel, startServer } = await import("@citypath/server");
  const logOut = batchedWriter((s) => io.stdout.write(s));
  const log = createLogger({
    level: parseLogLevel(env.CITYPATH_LOG_LEVEL),
    write: logOut.write,
  });
  const databaseUrl = v["database-url"] ?? (env.DATABASE_URL || undefined);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      databaseUrl,
      dataDir: resolve(io.cwd, v["data-dir"] ?? env.CITYPATH_DATA_DIR ?? ".citypath"),
      host: v.host ?? env.HOST ?? "127.0.0.1",
      port,
      demo: parsed.args.booleans.has("demo"),
      devWrites: env.CITYPATH_DEV_WRITES === "1",
      adminEmail: env.CITYPATH_ADMIN_EMAIL || undefined,
      adminPassword: env.CITYPATH_ADMIN_PASSWORD || undefined,
      log,
      out: io.stdout,
    });
  } catch (e) {
    logOut.flush();
    if (e instanceof CitypathError)
      for (const p of e.problems) io.stderr.write(`citypath serve: ${formatProblem(p)}\n`);
    else io.stderr.write(`citypath serve: ${(e as Error).message}\n`);
    return 1;
  }
  const stop = (signal: string) => {
    void server.close(signal);
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  let failed = false;
  server.ready.catch(() => {
    failed = true;
    void server.close("startup failed");
  });
  await server.closed;
  logOut.flush();
  return failed ? 1 : 0;
}
