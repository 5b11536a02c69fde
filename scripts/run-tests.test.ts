import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { bundleTests } from "./test-bundle.mjs";

const runner = new URL("./run-tests.mjs", import.meta.url).pathname;
/** Stays as written when the file is built (decision 0077). */
const NAMED = "a string that names import.meta.url";

describe("the test runner's last lines", () => {
  // test files of their own, outside the project's test folders, so that no other run picks them up
  const dir = mkdtempSync(join(tmpdir(), "citypath-runner-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("say for each failed file which tests failed and why, and why a file failed outside its tests", () => {
    const failing = file(
      "sums.test.ts",
      `import assert from "node:assert/strict";
import { it } from "node:test";
it("adds", () => assert.equal(1 + 1, 2));
it("adds wrongly", () => assert.equal(1 + 1, 3, "one and one make"));
`,
    );
    const late = file(
      "late.test.ts",
      `import { it } from "node:test";
it("ends before its timer", () => {
  setTimeout(() => {
    process.stderr.write("written by the timer\\n");
    throw new Error("thrown after the test ended");
  }, 20);
});
`,
    );
    // a passing file's output goes before the report: the report is about failures
    const passing = file(
      "fine.test.ts",
      `import { it } from "node:test";
it("passes", () => console.log("the passing file's own line"));
`,
    );
    // NODE_TEST_CONTEXT would make the runner's node --test a child of this one, reporting to it
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const res = spawnSync(process.execPath, [runner, failing, late, passing], {
      encoding: "utf8",
      env: { ...env, CITYPATH_TEST_CONCURRENCY: "2" },
    });
    assert.notEqual(res.status, 0, "a failed file fails the run");
    const out = res.stdout;
    const report = out.slice(out.indexOf("# run-tests: 2 test files failed"));
    assert.ok(report.length < out.length, `the report is there:\n${out}`);
    // it is the end of the output: nothing else follows it
    assert.ok(out.lastIndexOf("# run-tests: slowest files") < out.indexOf(report));
    const sections = report.split(/\n(?=✖ )/).slice(1);
    const first = sections.find((s) => s.includes("sums.test.ts\n"));
    const second = sections.find((s) => s.includes("late.test.ts\n"));
    assert.match(first!, /sums\.test\.ts\n {2}1 failing test:\n {2}✖ adds wrongly/);
    assert.match(first!, /one and one make\n\s*\n\s*2 !== 3/);
    assert.match(second!, /late\.test\.ts\n {2}no test of it failed, but its process ended with exit code 1/);
    assert.match(
      second!,
      /generated asynchronous activity after the test ended.*thrown after the test ended/,
    );
    assert.match(second!, /stderr \(its last 1 lines at most 60\):\n {4}\| written by the timer/);
    assert.doesNotMatch(report, /fine\.test\.ts|the passing file's own line/);
  });

  it("run a project's test file built into a plain module, named by its source, and one outside it from the source", () => {
    // a project file (the vocabulary's, quick) is built (decision 0077); the file outside the project runs as it is
    const project = "packages/core/src/vocabulary/vocabulary.test.ts";
    const outside = file("outside.test.ts", `import { it } from "node:test";\nit("runs", () => {});\n`);
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const res = spawnSync(process.execPath, [runner, project, outside], {
      encoding: "utf8",
      cwd: new URL("..", import.meta.url).pathname,
      env: { ...env, CITYPATH_TEST_CONCURRENCY: "2" },
    });
    assert.equal(res.status, 0, res.stdout + res.stderr);
    assert.match(res.stdout, /# run-tests: built 1 test files into plain modules/);
    const slowest = res.stdout.slice(res.stdout.indexOf("# run-tests: slowest files"));
    assert.match(slowest, / packages\/core\/src\/vocabulary\/vocabulary\.test\.ts\n/);
    assert.doesNotMatch(slowest, /\.mjs/);
    assert.match(slowest, /outside\.test\.ts/);
  });

  it("build the file address into code only: a string that names it stays, so every project file builds", async () => {
    // the command's bundler names it in a string (its test imports it), and so does this file
    const built = await bundleTests(["packages/cli/src/bundle.test.ts", "scripts/run-tests.test.ts"]);
    try {
      assert.equal(built.built.size, 2);
      const code = readFileSync(built.built.get("scripts/run-tests.test.ts")!, "utf8");
      assert.ok(code.includes(JSON.stringify(NAMED)));
      assert.ok(
        code.includes(
          JSON.stringify(
            new URL("./run-tests.mjs", import.meta.url).href.replace("run-tests.mjs", "run-tests.test.ts"),
          ),
        ),
      );
    } finally {
      rmSync(built.dir, { recursive: true, force: true });
    }
  });
});
