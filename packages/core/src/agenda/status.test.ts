import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { statusCounts, statusSummary } from "./status.ts";
import { action } from "./test-fixtures.ts";

const change = (status: string, date: string, extra: object = {}) => ({
  status,
  date,
  reason: { ko: "사유", en: "Reason" },
  illustrative: true,
  note: "test figure",
  ...extra,
});

describe("status summary", () => {
  const actions = [
    action({ id: "a", departments: ["d1"] }),
    action({
      id: "b",
      departments: ["d1", "d2"],
      status: "delayed",
      status_history: [change("delayed", "2026")],
    }),
    action({
      id: "c",
      departments: ["d2"],
      status: "completed",
      status_history: [change("completed", "2025")],
    }),
    action({
      id: "d",
      departments: ["d2"],
      status: "cancelled",
      status_history: [change("in_progress", "2021"), change("cancelled", "2022-07")],
    }),
    action({
      id: "e",
      departments: ["d3"],
      status: "not_started",
      status_history: [change("not_started", "2021-07-01", { needs_verification: true })],
    }),
  ];

  test("counts", () => {
    assert.deepEqual(statusCounts(actions), {
      total: 5,
      not_started: 1,
      on_track: 1,
      delayed: 1,
      completed: 1,
      cancelled: 1,
      unverified: 1,
    });
  });

  test("by department: an action of two departments counts in both", () => {
    const s = statusSummary(actions, "department");
    assert.deepEqual(Object.keys(s.groups), ["d1", "d2", "d3"]);
    assert.equal(s.groups.d1!.total, 2);
    assert.equal(s.groups.d2!.total, 3);
    assert.equal(s.groups.d2!.delayed, 1);
    assert.equal(statusSummary(actions, "lead_department").groups.d2!.total, 2);
  });

  test("a status that disagrees with its history is refused", () => {
    assert.throws(() => action({ id: "x", status: "completed" }), /latest status change says 'in_progress'/);
  });
});
