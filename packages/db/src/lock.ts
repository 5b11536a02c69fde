/**
 * The embedded database (PGlite) runs inside one process. Before opening a data directory the process takes
 * a lock file in it; a second process is refused with a message that names the holder. A lock left behind by
 * a process that no longer runs (a crash, a kill -9) is taken over: PostgreSQL's own recovery then replays
 * the write-ahead log when the directory opens (docs/operations.md).
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { CitypathError, problem } from "@citypath/core";

export const LOCK_FILE = "citypath.lock";

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Set when a lock left by a process that no longer runs was taken over. */
  readonly staleHolder: LockHolder | undefined;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof h.pid === "number" && typeof h.hostname === "string")
      return { pid: h.pid, hostname: h.hostname, startedAt: String(h.startedAt ?? "") };
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return undefined;
}

/** Takes the lock on `dir` (created if missing) or throws a LOCKED problem naming the process that holds it. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  let staleHolder: LockHolder | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readHolder(path);
      const sameHost = holder?.hostname === hostname();
      if (holder && (!sameHost || alive(holder.pid))) {
        throw new CitypathError(
          problem(
            "LOCKED",
            `The embedded database in ${dir} is in use by process ${holder.pid} on ${holder.hostname} ` +
              `(started ${holder.startedAt}). Only one process may open it: stop that process first, ` +
              `or move the city to PostgreSQL (citypath migrate-to --database-url ...) to run several. ` +
              `If that process is gone, delete ${path}.`,
            { file: path },
          ),
        );
      }
      staleHolder = holder ?? { pid: -1, hostname: "unknown", startedAt: "" };
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first; retry the exclusive create
      }
      continue;
    }
    const me: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    writeSync(fd, `${JSON.stringify(me)}\n`);
    closeSync(fd);
    let released = false;
    return {
      path,
      staleHolder,
      release() {
        if (released) return;
        released = true;
        const h = readHolder(path);
        if (h?.pid === process.pid) unlinkSync(path);
      },
    };
  }
  throw new CitypathError(
    problem("LOCKED", `Could not take the lock ${path}: another process is starting at the same time.`, {
      file: path,
    }),
  );
}
