import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { workerExecArgv } from "./exec-argv.ts";

describe("workerExecArgv", () => {
  it("keeps the loader and drops what only the parent may use", () => {
    assert.deepEqual(
      workerExecArgv(["--import", "tsx", "--input-type=module", "-e", "code()", "--max-old-space-size=512"]),
      ["--import", "tsx", "--max-old-space-size=512"],
    );
    assert.deepEqual(workerExecArgv(["--input-type", "module", "--eval=x", "--print", "1", "-p", "2"]), []);
  });
});
