import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { workerEntry, workerExecArgv } from "./exec-argv.ts";

describe("workerExecArgv", () => {
  it("keeps the loader and drops what only the parent may use", () => {
    assert.deepEqual(
      workerExecArgv(["--import", "tsx", "--input-type=module", "-e", "code()", "--max-old-space-size=512"]),
      ["--import", "tsx", "--max-old-space-size=512"],
    );
    assert.deepEqual(workerExecArgv(["--input-type", "module", "--eval=x", "--print", "1", "-p", "2"]), []);
  });
});

describe("workerEntry", () => {
  it("is the test run's build of a worker entry when the run built it, else the entry itself", () => {
    const source = new URL("../compute/worker.mjs", import.meta.url);
    assert.equal(workerEntry(source, {}), source.href);
    const dir = mkdtempSync(join(tmpdir(), "citypath-worker-entry-"));
    try {
      // a run's folder without the entry (a build of some test files only): the source
      assert.equal(workerEntry(source, { CITYPATH_TEST_BUNDLE: dir }), source.href);
      const built = join(dir, "packages/server/src/compute/worker.mjs");
      mkdirSync(join(dir, "packages/server/src/compute"), { recursive: true });
      writeFileSync(built, "");
      assert.equal(workerEntry(source, { CITYPATH_TEST_BUNDLE: dir }), pathToFileURL(built).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
