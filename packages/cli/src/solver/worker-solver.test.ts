import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LpModel } from "@citypath/core";
import { workerSolver } from "./worker-solver.ts";

function smallLp(): string {
  // min x + 2 y  s.t.  x + y >= 3, y >= 1  ->  x = 2, y = 1, objective 4.
  const lp = new LpModel();
  lp.addVar("x", 0, 10);
  lp.addVar("y", 0, 10);
  lp.cost("x", 1);
  lp.cost("y", 2);
  lp.addRow(
    "sum",
    [
      { v: "x", c: 1 },
      { v: "y", c: 1 },
    ],
    ">=",
    3,
  );
  lp.addRow("ymin", [{ v: "y", c: 1 }], ">=", 1);
  return lp.toString();
}

describe("HiGHS in a worker thread", () => {
  it("solves, and starts a fresh worker after the solver throws", async () => {
    const s = workerSolver();
    try {
      const a = await s.solve(smallLp(), { timeLimitSeconds: 10 });
      assert.equal(a.status, "optimal");
      assert.equal(a.objective, 4);
      assert.equal(a.values!.get("x"), 2);
      assert.equal(a.rows!.get("sum"), 3);
      const bad = await s.solve("Minimize\n obj: x +\nSubject To\n c: x >= \nEnd\n", {});
      assert.equal(bad.status, "error");
      assert.match(bad.message!, /HiGHS failed/);
      const b = await s.solve(smallLp(), {});
      assert.equal(b.status, "optimal");
      assert.equal(b.objective, 4);
    } finally {
      await s.close();
    }
  });
  it("stops a worker that does not answer in time, and starts a fresh one for the next solve", async () => {
    const s = workerSolver({
      graceMs: 0,
      workerUrl: new URL("./fixtures/stuck-worker.mjs", import.meta.url),
    });
    try {
      const stuck = await s.solve("\\ stuck\nMinimize\n obj: x\nEnd\n", { timeLimitSeconds: 0.2 });
      assert.equal(stuck.status, "time-limit");
      assert.match(stuck.message!, /stopped and will be restarted/);
      const next = await s.solve("Minimize\n obj: x\nEnd\n", { timeLimitSeconds: 5 });
      assert.equal(next.status, "optimal");
      assert.equal(next.values!.get("x"), 1);
    } finally {
      await s.close();
    }
  });
});
