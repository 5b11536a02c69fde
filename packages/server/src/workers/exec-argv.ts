/**
 * The Node.js options a worker thread inherits. A worker takes its parent's `execArgv` (so that `--import tsx`
 * reaches it), but some options are the parent's alone and make a worker fail at start: `--input-type`
 * (allowed only with `--eval`), and `--eval`/`--print` with their code. Every pool passes this list.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PARENT_ONLY = /^(--input-type(=.*)?|--eval(=.*)?|-e|--print(=.*)?|-p)$/;
const TAKES_VALUE = new Set(["--input-type", "--eval", "-e", "--print", "-p"]);

export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (PARENT_ONLY.test(a)) {
      if (TAKES_VALUE.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The checkout's root (this file's own address, which the test build keeps: decision 0077). */
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Where a pool starts its threads: the worker entry `source` (a file beside the pool's module), or the test
 * run's build of it when the run built one (decision 0100: the folder in CITYPATH_TEST_BUNDLE holds each
 * worker entry built with our sources into plain modules, which start without compiling TypeScript).
 */
export function workerEntry(source: URL, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CITYPATH_TEST_BUNDLE;
  if (dir) {
    const built = join(dir, relative(ROOT, fileURLToPath(source)));
    if (existsSync(built)) return pathToFileURL(built).href;
  }
  return source.href;
}
