#!/usr/bin/env node
// Runs every package's node:test files (*.test.ts) in one node --test process. The files are built first into
// plain ES modules (scripts/test-bundle.mjs, decisions 0077 and 0099), the browser journeys (e2e/) too;
// CITYPATH_TEST_FROM_SOURCE=1 runs every file from the sources with tsx as the loader.
// Node 20's test runner does not expand globs, so the files are found here. With --checks (`npm test`), lint, the
// type check and the web app's tests run first, at the same time (decision 0091).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { bundleTests, sourceFile } from "./test-bundle.mjs";

const root = new URL("..", import.meta.url).pathname;
const roots = [
  "packages/core",
  "packages/data",
  "packages/cli",
  "packages/db",
  "packages/server",
  "e2e",
  "bench",
  "scripts",
];
// `--checks` (what `npm test` runs): lint and the type check too, at the same time as the web app's tests
const withChecks = process.argv.includes("--checks");
const only = process.argv.slice(2).filter((a) => a !== "--checks");

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

/**
 * CPU seconds (user + system) of the finished child processes of this one and their descendants (Linux:
 * /proc/self/stat's cutime and cstime, in clock ticks of 1/100 s); undefined elsewhere. PostgreSQL's and
 * Citus' own processes are not children, so their work is not counted.
 */
function childCpuSeconds() {
  try {
    const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return undefined;
  }
}

/** The machine's busy and total CPU seconds since boot, all cores (Linux: /proc/stat's first line); undefined elsewhere. */
function machineCpuSeconds() {
  try {
    const v = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    // idle and iowait are the idle time
    return { busy: (total - v[3] - v[4]) / 100, total: total / 100 };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by PostgreSQL's processes (the plain server's and Citus' nodes): each postmaster's own
 * and its finished children's (it waits for its backends), and its live children's. Linux only; 0 elsewhere.
 */
function postgresCpuSeconds() {
  const procs = new Map();
  let names = [];
  try {
    names = readdirSync("/proc").filter((n) => /^\d+$/.test(n));
  } catch {
    return 0;
  }
  for (const n of names) {
    try {
      if (readFileSync(`/proc/${n}/comm`, "utf8").trim() !== "postgres") continue;
      const f = readFileSync(`/proc/${n}/stat`, "utf8").split(") ")[1].split(" ");
      procs.set(Number(n), {
        ppid: Number(f[1]),
        own: Number(f[11]) + Number(f[12]),
        kids: Number(f[13]) + Number(f[14]),
      });
    } catch {
      // ended meanwhile
    }
  }
  let ticks = 0;
  for (const p of procs.values()) ticks += p.own + (procs.has(p.ppid) ? 0 : p.kids);
  return ticks / 100;
}

/**
 * Starts measuring a part of the run; the function it returns prints the part's wall and CPU seconds (the load
 * average beside them) and how busy the machine was meanwhile: its busy share, and who used the busy time (the
 * run's processes, PostgreSQL's, the rest: Chromium's processes, which leave the process tree and so are not
 * counted as the run's, and any other work on the machine). The CPU seconds are those of the children that
 * ended meanwhile.
 */
function measure() {
  const t0 = Date.now();
  const cpu0 = childCpuSeconds();
  const m0 = machineCpuSeconds();
  const pg0 = postgresCpuSeconds();
  return (what) => {
    const cpu = childCpuSeconds();
    const m1 = machineCpuSeconds();
    const pg = postgresCpuSeconds() - pg0;
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(" ");
    console.log(
      `# run-tests: ${what}: ${((Date.now() - t0) / 1000).toFixed(0)} s` +
        (cpu === undefined ? "" : `, ${(cpu - cpu0).toFixed(0)} s of CPU`) +
        ` (load average ${load})`,
    );
    if (m0 && m1 && cpu !== undefined) {
      const busy = m1.busy - m0.busy;
      const total = m1.total - m0.total;
      const rest = Math.max(0, busy - (cpu - cpu0) - pg);
      console.log(
        `# run-tests:   the machine (${cpus().length} cores) was busy ${((100 * busy) / total).toFixed(0)} % ` +
          `(${busy.toFixed(0)} of ${total.toFixed(0)} CPU seconds): the run's processes ${(cpu - cpu0).toFixed(0)} s, ` +
          `PostgreSQL and Citus ${pg.toFixed(0)} s, the rest ${rest.toFixed(0)} s (Chromium, other work)`,
      );
    }
  };
}

/** Runs a child to its end, its output on this one's, and prints what `measure` prints. */
function timed(what, args) {
  const end = measure();
  const res = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  end(what);
  return res;
}

/**
 * Runs the jobs at the same time, each one's output (stdout and stderr as they came) kept and printed in one
 * piece when it ends, under a line naming it, its wall seconds and how it ended. Resolves with the names of
 * the jobs that failed.
 */
async function together(jobs) {
  const failed = [];
  await Promise.all(
    jobs.map(
      (job) =>
        new Promise((done) => {
          const t0 = Date.now();
          const out = [];
          const child = spawn(job.command, job.args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
          child.stdout.on("data", (d) => out.push(d));
          child.stderr.on("data", (d) => out.push(d));
          let ended = false;
          // a child that could not start reports 'error', then 'close': told once
          const finish = (how, ok) => {
            if (ended) return;
            ended = true;
            const s = ((Date.now() - t0) / 1000).toFixed(0);
            console.log(
              `# run-tests: ${job.name} (${job.what}): ${ok ? "passed" : `FAILED (${how})`} in ${s} s`,
            );
            process.stdout.write(Buffer.concat(out));
            if (!ok) failed.push(job.name);
            done();
          };
          child.on("error", (e) => finish(e.message, false));
          child.on("close", (code, signal) =>
            finish(signal ? `signal ${signal}` : `exit code ${code}`, code === 0),
          );
        }),
    ),
  );
  return failed;
}

// Two files at a time (a two-core CI machine); CITYPATH_TEST_CONCURRENCY changes it (docs/testing.md).
const concurrency = process.env.CITYPATH_TEST_CONCURRENCY ?? "2";
if (!/^[1-9]\d*$/.test(concurrency)) {
  console.error(`CITYPATH_TEST_CONCURRENCY must be a positive whole number (got "${concurrency}")`);
  process.exit(2);
}

function readJsonLines(file) {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

/**
 * The `n` slowest test files: wall seconds from a file's start to its end (files running side by side), and
 * the CPU seconds of its process and of the processes it started and waited for (scripts/test-cpu.mjs).
 */
function printSlowest(jsonl, cpuJsonl, n) {
  const rows = readJsonLines(jsonl);
  if (rows.length === 0) return;
  const cpu = new Map(readJsonLines(cpuJsonl).map((r) => [sourceFile(r.file), r.cpu + r.children]));
  rows.sort((a, b) => b.s - a.s);
  const sum = rows.reduce((a, r) => a + r.s, 0);
  const cpuSum = rows.reduce((a, r) => a + (cpu.get(sourceFile(r.file)) ?? 0), 0);
  console.log(
    `# run-tests: slowest files (of ${rows.length}; their seconds add up to ${sum.toFixed(0)} s, ` +
      `their CPU seconds to ${cpuSum.toFixed(0)} s)`,
  );
  for (const r of rows.slice(0, n)) {
    const c = cpu.get(sourceFile(r.file));
    console.log(
      `#   ${r.s.toFixed(1).padStart(7)} s ${((100 * r.s) / sum).toFixed(1).padStart(5)} %` +
        `${c === undefined ? "            " : `${c.toFixed(1).padStart(7)} s CPU`}  ${sourceFile(r.file)}${r.passed ? "" : "  (failed)"}`,
    );
  }
}

const files = [];
for (const r of roots) walk(join(root, r), files);
// an argument that names a test file runs that file, wherever it is; the others select by part of a path
const named = only.filter((o) => /\.test\.[cm]?[jt]s$/.test(o) && existsSync(o)).map((o) => resolve(o));
const parts = only.filter((o) => !named.includes(resolve(o)));
const selected = [
  ...named,
  ...(parts.length ? files.filter((f) => parts.some((o) => f.includes(o))) : named.length ? [] : files),
];
const wantsWeb = !only.length || parts.some((o) => o.includes("web"));
if (selected.length === 0 && !wantsWeb) {
  console.error("no test files found");
  process.exit(1);
}
const VITEST = ["node_modules/vitest/vitest.mjs", "run", "--root", "packages/web"];
/** The jobs that failed before the node:test files ran (reported again at the end). */
let failedBefore = [];
// With --checks, lint (biome and knip), the type check (tsc, one thread) and the web app's tests (vitest) run
// at the same time before the node:test files (decision 0091): one after another they left a core idle. A
// failed lint or type check stops the run there, as `npm run lint && npm run typecheck && ...` did.
if (withChecks) {
  const end = measure();
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const jobs = [
    { name: "lint", what: "npm run lint", command: npm, args: ["run", "lint"] },
    { name: "typecheck", what: "npm run typecheck", command: npm, args: ["run", "typecheck"] },
  ];
  if (wantsWeb) jobs.push({ name: "vitest", what: "packages/web", command: process.execPath, args: VITEST });
  failedBefore = await together(jobs);
  end(`${jobs.map((j) => j.name).join(", ")}, at the same time`);
  const stop = failedBefore.filter((n) => n !== "vitest");
  if (stop.length > 0) {
    console.log(`# run-tests: failed: ${failedBefore.join(", ")}; the test files did not run`);
    process.exit(1);
  }
}
// (`run-tests.mjs packages/web` selects no node:test file: only the vitest run below)
if (selected.length > 0) {
  const reports = mkdtempSync(join(tmpdir(), "citypath-test-reports-"));
  const durations = join(reports, "files.jsonl");
  const failures = join(reports, "failures.txt");
  const cpuFile = join(reports, "cpu.jsonl");
  process.env.CITYPATH_TEST_CPU_FILE = cpuFile;
  // every project file is built first, the browser journeys too (decision 0099); files outside it run from
  // their sources (tsx)
  let bundle;
  const toBuild = selected.map((f) => relative(root, resolve(root, f))).filter((f) => !f.startsWith(".."));
  if (process.env.CITYPATH_TEST_FROM_SOURCE !== "1" && toBuild.length > 0) {
    const t0 = Date.now();
    const own0 = process.cpuUsage();
    const kids0 = childCpuSeconds();
    try {
      bundle = await bundleTests(toBuild);
      const own = process.cpuUsage(own0);
      const kids = childCpuSeconds();
      // esbuild's CPU: its service process, ended by then, is a finished child of this one
      const cpu = (own.user + own.system) / 1e6 + (kids === undefined ? 0 : kids - kids0);
      console.log(
        `# run-tests: built ${toBuild.length} test files into plain modules (decision 0077): ` +
          `${((Date.now() - t0) / 1000).toFixed(1)} s, ${cpu.toFixed(1)} s of CPU`,
      );
    } catch (e) {
      // a build that fails runs every file from the sources, as before; the files' own errors then say where
      console.log(
        `# run-tests: the test files could not be built, so they run from the sources: ${e.message}`,
      );
    }
  }
  const runFiles = selected.map((f) => bundle?.built.get(relative(root, resolve(root, f))) ?? f);
  const res = timed(`node:test, ${selected.length} files, ${concurrency} at a time`, [
    "--enable-source-maps",
    "--import",
    join(root, "scripts/test-tsx.mjs"),
    "--import",
    join(root, "scripts/test-cpu.mjs"),
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${join(root, "scripts/test-durations.mjs")}`,
    `--test-reporter-destination=${durations}`,
    `--test-reporter=${join(root, "scripts/test-failures.mjs")}`,
    `--test-reporter-destination=${failures}`,
    ...runFiles,
  ]);
  printSlowest(durations, cpuFile, 15);
  // last, so that the tail of the output CI keeps says why each failed file failed
  if (existsSync(failures)) process.stdout.write(readFileSync(failures, "utf8"));
  rmSync(reports, { recursive: true, force: true });
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  if (res.status !== 0) {
    if (failedBefore.length > 0)
      console.log(`# run-tests: failed before the test files: ${failedBefore.join(", ")}`);
    process.exit(res.status ?? 1);
  }
}

// The web package's component tests run under vitest (with --checks, they ran already).
if (wantsWeb && !withChecks) {
  const web = timed("vitest, packages/web", VITEST);
  process.exit(web.status ?? 1);
}
if (failedBefore.length > 0) {
  console.log(
    `# run-tests: failed: ${failedBefore.join(", ")} (its output is above, before the test files')`,
  );
  process.exit(1);
}
