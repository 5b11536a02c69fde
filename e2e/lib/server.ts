/**
 * The real server for the browser tests: `citypath serve --demo` on a fresh embedded database (a temporary
 * CITYPATH_DATA_DIR) and a free port, with the web app built from the current sources first. The data
 * directory is a copy of one where the reference data and the demo are loaded already (as a first `serve
 * --demo` loads them; decision 40): the server starts as on its second start, and creates the first
 * administrator as on its first (there is no user yet).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { timed } from "./profile.ts";

// from import.meta.url, which the test build keeps as this source file's own address (decision 0077)
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WEB = join(ROOT, "packages/web");

function newest(dir: string): number {
  let t = 0;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Whether packages/web/dist is there and newer than the sources. */
function webBuilt(): boolean {
  const index = join(WEB, "dist/index.html");
  const srcTime = Math.max(newest(join(WEB, "src")), statSync(join(WEB, "index.html")).mtimeMs);
  return existsSync(index) && statSync(index).mtimeMs > srcTime;
}

/**
 * Builds packages/web/dist when it is missing or older than the sources (the server serves that folder). One
 * test process builds at a time (a lock directory beside the temporary files): the test files that start
 * together (two at a time in CI, on a clean clone with no build) wait for the first one's build instead of
 * building again, and no build empties dist/ under a server another file has started on it.
 */
export function buildWebIfStale(): void {
  if (webBuilt()) return;
  const lock = join(
    tmpdir(),
    `citypath-web-build-${createHash("sha256").update(WEB).digest("hex").slice(0, 12)}`,
  );
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another process builds: wait for its end, then look again (a lock left by a killed process is
      // taken after 5 minutes)
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(pause, 0, 0, 250);
    }
  }
  try {
    if (webBuilt()) return;
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
      {
        cwd: WEB,
        encoding: "utf8",
      },
    );
    if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

/**
 * A data directory with the demo loaded (PGlite's, as `serve` keeps it), made once per demo template
 * (packages/server/src/demo-template.ts) from its tarball; servers start on copies of it (never on it).
 */
export async function demoDataDir(): Promise<string> {
  const { demoTemplateFile } = await import("@citypath/server/demo-template");
  const file = await demoTemplateFile("instance");
  const dir = file.replace(/\.tar$/, ".dir");
  if (existsSync(join(dir, "pgdata", "PG_VERSION"))) return dir;
  const { openDatabase } = await import("@citypath/db");
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  await (await openDatabase({ dataDir: building, from: new Blob([readFileSync(file)]) })).close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another test process made it first
  }
  return dir;
}

export interface RunningServer {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * `adminPassword: null` lets the server generate the first administrator's one-time password (printed in its
 * log, as on a city's first start); by default a fixed one is set.
 */
export function startServer(
  timeoutMs = 180_000,
  opts: { adminPassword?: string | null; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  return timed("server start", () => start(timeoutMs, opts));
}

async function start(
  timeoutMs: number,
  opts: { adminPassword?: string | null; env?: Record<string, string> },
): Promise<RunningServer> {
  buildWebIfStale();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "citypath-e2e-"));
  cpSync(await demoDataDir(), join(dataDir, "db"), { recursive: true });
  let out = "";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    CITYPATH_DATA_DIR: join(dataDir, "db"),
    CITYPATH_ADMIN_EMAIL: "admin@example.org",
    CITYPATH_ADMIN_PASSWORD: "e2e-admin-password-not-secret",
  };
  Object.assign(env, opts.env ?? {});
  if (opts.adminPassword === null) delete env.CITYPATH_ADMIN_PASSWORD;
  else if (opts.adminPassword !== undefined) env.CITYPATH_ADMIN_PASSWORD = opts.adminPassword;
  delete env.DATABASE_URL; // the embedded database, a fresh copy
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, "packages/cli/bin/citypath.js"), "serve", "--demo"],
    {
      cwd: dataDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`citypath serve exited with ${child.exitCode}:\n${out}`);
    }
    try {
      const r = await fetch(`${url}/api/ready`);
      if (r.status === 200) return { url, log: () => out, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`citypath serve was not ready within ${timeoutMs} ms:\n${out}`);
}
