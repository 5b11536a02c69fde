// A node:test reporter for scripts/run-tests.mjs: one JSON line per test file, with the wall seconds from the
// file's start (its process spawned) to its end and whether it passed. The runner prints the slowest files.
export default async function* fileDurations(source) {
  const started = new Map();
  for await (const event of source) {
    const { name, file, details } = event.data ?? {};
    // a file's own events are the ones named after the file (its tests are named after themselves)
    if (file === undefined || name !== file || event.data.nesting !== 0) continue;
    if (event.type === "test:dequeue") started.set(file, performance.now());
    else if (event.type === "test:complete" && started.has(file)) {
      const s = (performance.now() - started.get(file)) / 1000;
      yield `${JSON.stringify({ file, s: Math.round(s * 10) / 10, passed: details?.passed === true })}\n`;
    }
  }
}
