import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openDatabase } from "@citypath/db";
import { main } from "../main.ts";

function capture(cwd = process.cwd()) {
  let out = "";
  let err = "";
  return {
    io: { cwd, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

describe("citypath serve", () => {
  it("refuses a bad port or an unknown option with exit code 2", async () => {
    const a = capture();
    assert.equal(await main(["serve", "--port", "http"], a.io), 2);
    assert.match(a.err(), /port must be a number/);
    const b = capture();
    assert.equal(await main(["serve", "--demoo"], b.io), 2);
    assert.match(b.err(), /unknown option --demoo/);
  });

  it("a flag beats the environment, and a locked data directory is refused with exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-serve-cli-"));
    const holder = await openDatabase({ dataDir: join(dir, "flag") });
    const saved = process.env.CITYPATH_DATA_DIR;
    process.env.CITYPATH_DATA_DIR = join(dir, "env");
    try {
      const c = capture(dir);
      // --data-dir names the locked directory; the environment names a free one: the flag must win
      assert.equal(await main(["serve", "--data-dir", "flag", "--port", "0"], c.io), 1);
      assert.match(c.err(), /LOCKED/);
      assert.match(c.err(), /in use by process/);
    } finally {
      if (saved === undefined) delete process.env.CITYPATH_DATA_DIR;
      else process.env.CITYPATH_DATA_DIR = saved;
      await holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
