import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addProgressUpdate,
  completeTask,
  reachMilestone,
  recordObservation,
  recordStatusChange,
} from "./ops.ts";
import { action, indicator } from "./test-fixtures.ts";

describe("changes to actions", () => {
  const a = action({
    id: "a",
    tasks: [{ id: "t1", name: { ko: "과업", en: "Task" }, due: "2026-06-30" }],
    milestones: [
      {
        id: "m1",
        name: { ko: "개통", en: "Opening" },
        target: "2026-11",
        illustrative: true,
        note: "test figure",
      },
    ],
  });

  test("a status change is appended with its reason and becomes the status", () => {
    const r = recordStatusChange(a, {
      status: "delayed",
      date: "2026-03-02",
      reason: { ko: "보상 협의 지연", en: "Compensation talks late" },
      illustrative: true,
      note: "test figure",
    });
    assert.ok(r.ok);
    assert.equal(r.value.status, "delayed");
    assert.equal(r.value.status_history.length, 2);
    assert.equal(a.status, "in_progress");
  });

  test("a change dated before the last one, or without a reason, is refused with its path", () => {
    const r = recordStatusChange(a, {
      status: "completed",
      date: "2025-12-31",
      reason: { ko: "완료", en: "Done" },
      illustrative: true,
      note: "test figure",
    });
    assert.equal(!r.ok && r.problems[0]?.path, "status_change.date");
    const noReason = recordStatusChange(a, {
      status: "completed",
      date: "2026-12-31",
      illustrative: true,
      note: "test figure",
    } as unknown as Parameters<typeof recordStatusChange>[1]);
    assert.equal(!noReason.ok && noReason.problems[0]?.path, "status_change.reason");
  });

  test("a progress update with a completion sets the action's completion, citing the update", () => {
    const r = addProgressUpdate(
      a,
      {
        id: "p1",
        date: "2026-05-01",
        author: { user: "u-17" },
        text: { ko: "공정률 40%", en: "40% built" },
        completion_pct: 40,
        evidence: [{ kind: "link", url: "https://example.org/report" }],
      },
      "2026-05-02",
    );
    assert.ok(r.ok);
    assert.deepEqual(r.value.completion_pct, { value: 40, as_of: "2026-05-01", progress_update: "p1" });
    const again = addProgressUpdate(r.value, r.value.progress[0]!, "2026-05-02");
    assert.equal(!again.ok && again.problems[0]?.code, "DUPLICATE");
    const future = addProgressUpdate(
      a,
      { ...r.value.progress[0]!, id: "p2", date: "2026-06-01" },
      "2026-05-02",
    );
    assert.equal(!future.ok && future.problems[0]?.path, "progress_update.date");
  });

  test("tasks and milestones", () => {
    const t = completeTask(a, "t1", "2026-06-15");
    assert.ok(t.ok && t.value.tasks[0]!.done_on === "2026-06-15");
    assert.equal(completeTask(a, "nope", "2026-06-15").ok, false);
    const m = reachMilestone(a, "m1", "2026-11-20", { illustrative: true, note: "test figure" });
    assert.ok(m.ok && m.value.milestones[0]!.reached_on === "2026-11-20");
    const bad = completeTask(a, "t1", "15 June");
    assert.equal(!bad.ok && bad.problems[0]?.path, "tasks[0].done_on");
  });
});

describe("recording observations", () => {
  const ind = indicator({
    id: "i",
    observed: [{ year: 2024, value: 5, illustrative: true, note: "test figure" }],
  });

  test("a new year is added in order", () => {
    const r = recordObservation(ind, { year: 2023, value: 4, source: "s" }, { replace: false });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.observed.map((o) => o.year),
      [2023, 2024],
    );
  });

  test("the same year is a duplicate unless replacing", () => {
    const dup = recordObservation(ind, { year: 2024, value: 6, source: "s" }, { replace: false });
    assert.equal(!dup.ok && dup.problems[0]?.code, "DUPLICATE");
    const rep = recordObservation(ind, { year: 2024, value: 6, source: "s" }, { replace: true });
    assert.ok(rep.ok && rep.value.observed.length === 1 && rep.value.observed[0]!.value === 6);
  });

  test("a value without provenance is refused", () => {
    const r = recordObservation(ind, { year: 2025, value: 1 }, { replace: false });
    assert.equal(!r.ok && r.problems[0]?.path, "observation.source");
  });
});
