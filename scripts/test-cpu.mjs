// Imported by scripts/run-tests.mjs into each node:test file's process: when the process exits, appends a JSON
// line with the file and its CPU seconds (its own, and those of the child processes it waited for: servers,
// Chromium) to the file named by CITYPATH_TEST_CPU_FILE. The runner prints them beside the files' wall seconds.
import { appendFileSync, readFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const out = process.env.CITYPATH_TEST_CPU_FILE;
// only a test file's own process (node --test sets NODE_TEST_CONTEXT in those), not the runner's, and its main
// thread (worker threads are started with the same imports; the process's CPU is counted once, at its end)
if (out && process.env.NODE_TEST_CONTEXT && process.argv[1] && isMainThread) {
  const file = process.argv[1];
  process.on("exit", () => {
    const own = process.cpuUsage();
    let children = 0;
    try {
      // Linux: cutime and cstime, in clock ticks of 1/100 s
      const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
      children = (Number(f[13]) + Number(f[14])) / 100;
    } catch {
      // elsewhere: the process's own CPU only
    }
    const cpu = (own.user + own.system) / 1e6;
    appendFileSync(out, `${JSON.stringify({ file, cpu: Math.round(cpu * 10) / 10, children })}\n`);
  });
}
