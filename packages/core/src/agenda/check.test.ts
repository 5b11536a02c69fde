import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { implementationCheck, indicatorStanding, statusAsOf } from "./check.ts";
import { action, indicator, plan } from "./test-fixtures.ts";

const change = (status: string, date: string) => ({
  status,
  date,
  reason: { ko: "사유", en: "Reason" },
  illustrative: true,
  note: "test figure",
});

const a = action({
  id: "a",
  indicators: ["i", "j"],
  status: "delayed",
  status_history: [change("in_progress", "2025-03-01"), change("delayed", "2026-02-01")],
  milestones: [
    {
      id: "m1",
      name: { ko: "1", en: "1" },
      target: "2025-06",
      reached_on: "2025-05-20",
      illustrative: true,
      note: "test figure",
    },
    { id: "m2", name: { ko: "2", en: "2" }, target: "2025-11", illustrative: true, note: "test figure" },
    { id: "m3", name: { ko: "3", en: "3" }, target: "2026-03", illustrative: true, note: "test figure" },
  ],
  progress: [
    {
      id: "p",
      date: "2025-07-01",
      author: { name: "담당" },
      text: { ko: "진행", en: "Going" },
      evidence: [],
    },
  ],
});
const b = action({ id: "b", status_history: [change("in_progress", "2026-01-05")] });
const i = indicator({
  id: "i",
  goals: [
    { year: 2025, value: 100, illustrative: true, note: "test figure" },
    { year: 2027, value: 300, illustrative: true, note: "test figure" },
  ],
  observed: [
    { year: 2024, value: 50, illustrative: true, note: "test figure" },
    { year: 2025, value: 120, illustrative: true, note: "test figure" },
  ],
});
const j = indicator({
  id: "j",
  direction: "decrease",
  goals: [{ year: 2025, value: 10, illustrative: true, note: "test figure" }],
  observed: [{ year: 2025, value: 12, illustrative: true, note: "test figure" }],
});
const p = plan({
  id: "plan",
  policy_areas: [{ id: "area", name: { ko: "분야", en: "Area" }, actions: ["a", "b"] }],
});

describe("the annual implementation check", () => {
  test("status in force on a day", () => {
    assert.equal(statusAsOf(a, "2025-12-31")?.status, "in_progress");
    assert.equal(statusAsOf(a, "2026-02-01")?.status, "delayed");
    assert.equal(statusAsOf(a, "2025-01-01"), undefined);
  });

  test("an indicator against its goal, in its direction", () => {
    // 120 ≥ 100: met; from 50 (2024) towards 300 (2027): (120 − 50) / (300 − 50) = 0.28 of the way
    const s = indicatorStanding(i, 2025);
    assert.equal(s.met, true);
    assert.deepEqual(s.next_goal, { year: 2027, value: 300 });
    assert.ok(Math.abs(s.share_of_way! - 0.28) < 1e-12);
    // lower is better: 12 > 10 is not met
    assert.equal(indicatorStanding(j, 2025).met, false);
  });

  test("2025: statuses at the year's end, changes, milestones, goals", () => {
    const c = implementationCheck(p, [a, b], [i, j], 2025);
    assert.equal(c.due, "2026-05-31");
    // a was in progress on 31 Dec 2025 (delayed only from Feb 2026); b had not begun
    assert.deepEqual(
      [c.counts.total, c.counts.on_track, c.counts.not_started, c.counts.delayed],
      [2, 1, 1, 0],
    );
    const ca = c.actions[0]!;
    assert.deepEqual(
      ca.changes_in_year.map((x) => x.date),
      ["2025-03-01"],
    );
    assert.deepEqual(
      ca.milestones_reached.map((m) => m.id),
      ["m1"],
    );
    assert.deepEqual(
      ca.milestones_missed.map((m) => m.id),
      ["m2"],
    );
    assert.equal(ca.progress_updates_in_year, 1);
    assert.deepEqual(c.goals, { set: 2, met: 1, not_met: 1, no_value: 0 });
  });
});
