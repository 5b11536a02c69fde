// The node:test files as plain ES modules, built once per run by scripts/run-tests.mjs (decision 0077).
//
// Run from the sources, each test file's process loads tsx and asks it for every module the file imports
// (about a thousand for a server test: tsx answers each from a hooks thread and compiles our TypeScript, from
// its disk cache after the first time). esbuild builds every test file with the workspace's sources it imports
// into one module each (the parts two files share in shared modules), and Node loads those without a
// TypeScript loader. npm packages stay outside and load from node_modules as usual.
//
// The bundle is built from the sources as they are at the start of every run, into a new folder that the run
// removes at its end: a test never runs older code than the checkout's. A source file's `import.meta.url`
// stays its own address (files beside it, worker entries and child scripts are found through it); worker
// threads start from their entries built beside the test files (decision 0100), child processes as before.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_OPTIONS, sourcesPlugin } from "../packages/cli/bin/sources-plugin.js";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
/** Where the bundles are built (inside node_modules, so that their npm imports resolve as the sources' do). */
const BUNDLES = join(ROOT, "node_modules", ".cache", "citypath-tests");
/** The run's bundle folder, told to the reporters (which run in the runner's `node --test` process). */
const ENV = "CITYPATH_TEST_BUNDLE";
/**
 * The worker threads' entries, built beside the test files (decision 0100): a pool starts its threads from the
 * built entry when the run has one (packages/server/src/workers/exec-argv.ts, `workerEntry`).
 */
const WORKER_ENTRIES = [
  "packages/server/src/compute/worker.mjs",
  "packages/server/src/workers/files-worker.mjs",
  "packages/server/src/workers/statements-worker.mjs",
];

/**
 * Builds `files` (test files, relative to the root) into a new folder. Returns the built file for each source
 * file, and the folder (to remove at the end); throws esbuild's errors when the build fails.
 */
export async function bundleTests(files) {
  const { build, stop } = await import("esbuild");
  const outdir = join(BUNDLES, `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  mkdirSync(outdir, { recursive: true });
  // a run stopped before its end leaves its folder: removed a day later (a run may be going on beside this one)
  for (const old of readdirSync(BUNDLES)) {
    const p = join(BUNDLES, old);
    try {
      if (p !== outdir && Date.now() - statSync(p).mtimeMs > 86_400_000)
        rmSync(p, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
  try {
    await build({
      ...BUILD_OPTIONS,
      absWorkingDir: ROOT,
      // a built worker entry registers no TypeScript loader: the plugin's `register` does nothing
      entryPoints: [...files, ...WORKER_ENTRIES],
      outbase: ROOT,
      outdir,
      chunkNames: "parts/[hash]",
      plugins: [
        sourcesPlugin({
          name: "citypath-tests",
          // the run's build is made afresh and removed at its end: the source's absolute address
          sourceUrl: (path) => JSON.stringify(pathToFileURL(path).href),
        }),
      ],
    });
  } catch (e) {
    rmSync(outdir, { recursive: true, force: true });
    throw e;
  } finally {
    // esbuild's service process ends now (its CPU is then counted among the runner's finished children)
    await stop();
  }
  process.env[ENV] = outdir;
  return {
    dir: outdir,
    built: new Map(files.map((f) => [f, join(outdir, f.replace(/\.ts$/, ".mjs"))])),
  };
}

/**
 * The source file (relative to the root) of a test file as the test runner names it: a built file is named by
 * the test file it was built from, others by themselves.
 */
export function sourceFile(file) {
  const dir = process.env[ENV];
  const abs = resolve(ROOT, file);
  if (dir && abs.startsWith(`${dir}${sep}`)) return relative(dir, abs).replace(/\.mjs$/, ".ts");
  return relative(ROOT, abs);
}
