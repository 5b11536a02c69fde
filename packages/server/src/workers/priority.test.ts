/**
 * Worker threads run below the server's thread: CITYPATH_WORKER_NICE is read as documented (a bad value is an
 * error), and on Linux a compute thread's nice value is the process's plus that amount.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createComputePool } from "../compute/pool.ts";
import { DEFAULT_WORKER_NICE, workerNice } from "./priority.ts";

/** The nice value of every thread of this process (Linux: /proc/self/task/<tid>/stat, the 19th field). */
function threadNices(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[16]);
  });
}

describe("worker threads' priority", () => {
  it("reads CITYPATH_WORKER_NICE: 10 by default, 0 to 19, anything else refused", () => {
    assert.equal(DEFAULT_WORKER_NICE, 10);
    assert.equal(workerNice({}), 10);
    assert.equal(workerNice({ CITYPATH_WORKER_NICE: "0" }), 0);
    assert.equal(workerNice({ CITYPATH_WORKER_NICE: "19" }), 19);
    for (const bad of ["20", "-1", "2.5", "low"])
      assert.throws(() => workerNice({ CITYPATH_WORKER_NICE: bad }), /CITYPATH_WORKER_NICE/);
  });

  it("a compute thread runs at the process's nice value plus the default", {
    skip: process.platform !== "linux",
  }, async () => {
    const own = threadNices()[0]!;
    const pool = createComputePool({ threads: 1 });
    try {
      await pool.sleep(1);
      const expected = Math.min(19, own + DEFAULT_WORKER_NICE);
      assert.ok(
        threadNices().includes(expected),
        `a thread at nice ${expected}: ${threadNices().join(", ")}`,
      );
    } finally {
      await pool.close();
    }
  });
});
