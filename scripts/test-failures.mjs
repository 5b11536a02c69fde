// A node:test reporter for scripts/run-tests.mjs: what each failed test file printed and why it failed, written
// once the run has ended, so that the runner can print it last (CI keeps the tail of the output, and a file
// that failed minutes before the end had its reasons scrolled out of it).
//
// For each failed file: its failing tests with their location and error (the error's stack, bounded), the
// diagnostics the file's process reported (an error thrown after a test ended is one: the file fails with no
// failing test), the exit code or signal of a file that failed as a whole, and the tail of its stderr and
// stdout. Files that passed cost only their last lines of output, kept until they end.
import { sourceFile } from "./test-bundle.mjs";

const TAIL_LINES = 60; // of stderr and of stdout, per file
const STACK_LINES = 25; // of each error
const MAX_FAILURES = 20; // failing tests shown per file (all are counted)

/** The last `n` lines of a text kept as a list of lines, appended to as it comes. */
function tail(n) {
  const lines = [];
  let partial = "";
  return {
    add(text) {
      const parts = (partial + text).split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      if (lines.length > n) lines.splice(0, lines.length - n);
    },
    lines: () => (partial ? [...lines, partial] : [...lines]).slice(-n),
  };
}

function errorText(error) {
  if (error === undefined || error === null) return ["(no error given)"];
  const cause = error.cause ?? error;
  let text;
  if (cause instanceof Error || (typeof cause === "object" && typeof cause.stack === "string"))
    text = cause.stack ?? `${cause.name}: ${cause.message}`;
  else text = typeof cause === "string" ? cause : JSON.stringify(cause);
  // the runner's own frames say nothing about the test
  const lines = String(text)
    .split("\n")
    .filter((l) => !/^\s*at .*\(?node:(internal|async_hooks)/.test(l));
  // a hook's failure says which hook
  if (error.failureType === "hookFailed" && error.message) lines.unshift(`(${error.message})`);
  if (lines.length > STACK_LINES)
    return [...lines.slice(0, STACK_LINES), `... (${lines.length - STACK_LINES} more lines)`];
  return lines;
}

export default async function* testFailures(source) {
  const files = new Map();
  const of = (file) => {
    let f = files.get(file);
    if (!f) {
      f = {
        failures: [],
        failureCount: 0,
        diagnostics: [],
        stderr: tail(TAIL_LINES),
        stdout: tail(TAIL_LINES),
      };
      files.set(file, f);
    }
    return f;
  };
  // Node 20 gives a child's diagnostics no file. A file's events are reported together, and a diagnostic of a
  // file that failed outside its tests comes after its tests and before the file's own failure: the ones not
  // yet given to a file go to the file whose own failure comes next, or else, once another file's tests
  // start, to the file reported before them.
  let pending = [];
  let lastFile;
  const failed = [];
  for await (const event of source) {
    const data = event.data ?? {};
    switch (event.type) {
      case "test:stderr":
        if (data.file) of(data.file).stderr.add(data.message);
        break;
      case "test:stdout":
        if (data.file) of(data.file).stdout.add(data.message);
        break;
      case "test:diagnostic":
        if (data.file) of(data.file).diagnostics.push(data.message);
        else pending.push(data.message);
        break;
      case "test:start":
      case "test:pass":
      case "test:fail": {
        if (data.file === undefined) break;
        const f = of(data.file);
        const fileItself = data.name === data.file && data.nesting === 0;
        if (!fileItself && data.file !== lastFile) {
          if (lastFile !== undefined) of(lastFile).diagnostics.push(...pending);
          pending = [];
        }
        if (!fileItself) lastFile = data.file;
        if (event.type !== "test:fail") break;
        if (!failed.includes(data.file)) failed.push(data.file);
        const error = data.details?.error;
        if (fileItself) {
          f.diagnostics.push(...pending);
          pending = [];
          f.exitCode = error?.exitCode;
          f.signal = error?.signal;
        } else if (error?.failureType !== "subtestsFailed") {
          // a suite that failed only because a test in it did says nothing more than that test
          f.failureCount++;
          if (f.failures.length < MAX_FAILURES)
            f.failures.push({ name: data.name, line: data.line, column: data.column, error });
        }
        break;
      }
      case "test:complete":
        // a file that passed: its output is not needed
        if (
          data.name === data.file &&
          data.nesting === 0 &&
          data.details?.passed &&
          !failed.includes(data.file)
        )
          files.delete(data.file);
        break;
    }
  }
  if (failed.length === 0) return;
  const out = [];
  out.push(
    `# run-tests: ${failed.length} test file${failed.length === 1 ? "" : "s"} failed; why, file by file:`,
  );
  for (const file of failed) {
    const f = files.get(file);
    // a built file is named by its test file (scripts/test-bundle.mjs)
    const name = sourceFile(file);
    out.push("", `✖ ${name}`);
    if (f.failureCount === 0) {
      const how = f.signal ? `was stopped by ${f.signal}` : `ended with exit code ${f.exitCode ?? "?"}`;
      out.push(
        `  no test of it failed, but its process ${how}: an error outside any test (thrown after a test ended,`,
        "  in a hook, or at the file's top level), or the process was killed. Its diagnostics and output follow.",
      );
    } else {
      out.push(`  ${f.failureCount} failing test${f.failureCount === 1 ? "" : "s"}:`);
      for (const t of f.failures) {
        out.push(`  ✖ ${t.name} (${name}:${t.line}:${t.column})`);
        for (const l of errorText(t.error)) out.push(`      ${l}`);
      }
      if (f.failureCount > f.failures.length)
        out.push(`  ... and ${f.failureCount - f.failures.length} more`);
    }
    // the summary's counters are diagnostics too, of the whole run: not this file's
    const diagnostics = f.diagnostics.filter(
      (d) => !/^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(d),
    );
    if (diagnostics.length) {
      out.push("  diagnostics:");
      for (const d of diagnostics) for (const l of String(d).split("\n")) out.push(`    ${l}`);
    }
    for (const [what, t] of [
      ["stderr", f.stderr],
      ["stdout", f.stdout],
    ]) {
      const lines = t.lines();
      if (lines.length === 0) continue;
      out.push(`  ${what} (its last ${lines.length} lines at most ${TAIL_LINES}):`);
      for (const l of lines) out.push(`    | ${l}`);
    }
  }
  yield `${out.join("\n")}\n`;
}
