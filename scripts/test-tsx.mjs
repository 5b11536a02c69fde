// Imported by scripts/run-tests.mjs into each node:test file's process and, through their execArgv, into its
// worker threads: registers tsx (TypeScript) where the sources run. In a process that runs a TypeScript test
// file (files outside the project, every file when the bundle could not be built or is not wanted), and
// in every worker thread: worker entries are the sources' (they import TypeScript), and start as they did
// under `--import tsx`. A built test file's own thread needs no loader (scripts/test-bundle.mjs, decision 0077).
import { isMainThread } from "node:worker_threads";

if (!isMainThread || /\.[cm]?tsx?$/.test(process.argv[1] ?? "")) await import("tsx");
