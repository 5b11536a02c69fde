#!/usr/bin/env node
// Runs every package's node:test files (*.test.ts) in one node --test process, with tsx as the loader.
// Node 20's test runner does not expand globs, so the files are found here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const roots = [
  "packages/core",
  "packages/data",
  "packages/cli",
  "packages/db",
  "packages/server",
  "e2e",
  "bench",
];
const only = process.argv.slice(2);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, p));
  }
}

const files = [];
for (const r of roots) walk(join(root, r), files);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
const wantsWeb = !only.length || only.some((o) => o.includes("web"));
if (selected.length === 0 && !wantsWeb) {
  console.error("no test files found");
  process.exit(1);
}
// (`run-tests.mjs packages/web` selects no node:test file: only the vitest run below)
if (selected.length > 0) {
  const res = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...selected],
    { stdio: "inherit", cwd: root },
  );
  if (res.status !== 0) process.exit(res.status ?? 1);
}

// The web package's component tests run under vitest.
if (wantsWeb) {
  const web = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--root", "packages/web"],
    {
      stdio: "inherit",
      cwd: root,
    },
  );
  process.exit(web.status ?? 1);
}
