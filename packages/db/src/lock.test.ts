import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { CitypathError } from "@citypath/core";
import { openDatabase } from "./connect.ts";
import { migrate } from "./migrate.ts";

const connectModule = fileURLToPath(new URL("./connect.ts", import.meta.url));

/** Starts a second process that opens the data directory and holds it until killed. */
function holder(dir: string): Promise<ChildProcess> {
  const script = `import { openDatabase } from ${JSON.stringify(connectModule)};
    await openDatabase({ dataDir: ${JSON.stringify(dir)} });
    process.stdout.write("open\\n");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      if (b.toString().includes("open")) resolve(child);
    });
    child.on("exit", (c) => reject(new Error(`holder exited with ${c}`)));
  });
}

describe("the embedded database's data-directory lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "citypath-lock-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a second process with a message naming the holder, and recovers after the holder is killed", async () => {
    const child = await holder(dir);
    try {
      await assert.rejects(openDatabase({ dataDir: dir }), (e) => {
        assert.ok(e instanceof CitypathError);
        assert.equal(e.code, "LOCKED");
        assert.match(e.message, new RegExp(`in use by process ${child.pid}`));
        assert.match(e.message, /migrate-to/);
        return true;
      });
    } finally {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    // The killed process left its lock behind: it is taken over, and the database opens and works.
    const d = await openDatabase({ dataDir: dir });
    try {
      assert.equal(d.staleLock?.pid, child.pid);
      await migrate(d);
      const rows = await d.withSession((s) =>
        s.query<{ n: number }>("SELECT count(*)::int AS n FROM tenant"),
      );
      assert.deepEqual(rows, [{ n: 0 }]);
      // and this process's own second open is refused too
      await assert.rejects(openDatabase({ dataDir: dir }), /in use by process/);
    } finally {
      await d.close();
    }
    // closed: the lock is released
    const again = await openDatabase({ dataDir: dir });
    assert.equal(again.staleLock, undefined);
    await again.close();
  });
});
