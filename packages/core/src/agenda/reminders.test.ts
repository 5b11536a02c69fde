import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { daysBetween, defaultReminderOptions, reminders } from "./reminders.ts";
import { action, indicator, plan } from "./test-fixtures.ts";

const now = "2026-05-20";
const opts = { ...defaultReminderOptions(now), indicator_year: 2025 };

describe("reminders", () => {
  const actions = [
    action({
      id: "a1",
      departments: ["dept-a", "dept-b"],
      tasks: [
        { id: "t-late", name: { ko: "늦은 과업", en: "Late task" }, due: "2026-05-01" }, // 19 days late
        { id: "t-soon", name: { ko: "곧 기한", en: "Soon" }, due: "2026-05-30", department: "dept-b" }, // 10 days left
        { id: "t-far", name: { ko: "먼 기한", en: "Far" }, due: "2026-09-01" }, // outside 14 days
        { id: "t-done", name: { ko: "완료", en: "Done" }, due: "2026-04-01", done_on: "2026-03-30" },
      ],
      milestones: [
        {
          id: "m1",
          name: { ko: "개통", en: "Opening" },
          target: "2026-04",
          illustrative: true,
          note: "test figure",
        }, // 30 Apr + 20 d
      ],
      progress: [
        {
          id: "p1",
          date: "2026-05-10",
          author: { name: "담당자" },
          text: { ko: "공사 중", en: "Under construction" },
          evidence: [],
        },
      ],
      indicators: ["i-has", "i-missing"],
    }),
    // stale: last status change 2026-01-01, 139 days before now; no progress updates
    action({ id: "a2", departments: ["dept-b"], indicators: ["i-missing"] }),
    // cancelled: never reminded, and its indicator is not asked for
    action({
      id: "a3",
      status: "cancelled",
      status_history: [
        {
          status: "cancelled",
          date: "2022-07",
          reason: { ko: "중단", en: "Stopped" },
          illustrative: true,
          note: "test figure",
        },
      ],
      tasks: [{ id: "t-x", name: { ko: "x", en: "x" }, due: "2022-01-01" }],
      indicators: ["i-cancelled"],
    }),
  ];
  const indicators = [
    indicator({ id: "i-has", observed: [{ year: 2025, value: 1, illustrative: true, note: "test figure" }] }),
    indicator({ id: "i-missing", reporter: "dept-stat" }),
    indicator({ id: "i-cancelled" }),
  ];
  const plans = [plan({ id: "plan" })];
  const msgs = reminders({ actions, indicators, plans }, opts);
  const by = Object.fromEntries(msgs.map((m) => [m.department, m]));

  test("one message per department, in id order", () => {
    assert.deepEqual(
      msgs.map((m) => m.department),
      ["dept-a", "dept-b", "dept-plan", "dept-stat"],
    );
    assert.equal(by["dept-a"]!.dedupe_key, "agenda.reminder:dept-a:2026-05-20");
  });

  test("late and due tasks, late milestones, stale actions go to the right department", () => {
    assert.deepEqual(
      by["dept-a"]!.items.map((i) => i.kind),
      ["task_late", "milestone_late"],
    );
    const late = by["dept-a"]!.items[0]!;
    assert.ok(late.kind === "task_late" && late.days_late === 19);
    const ms = by["dept-a"]!.items[1]!;
    assert.ok(ms.kind === "milestone_late" && ms.days_late === 20);
    const b = by["dept-b"]!.items;
    assert.deepEqual(
      b.map((i) => i.kind),
      ["task_due", "action_stale"],
    );
    assert.ok(b[0]!.kind === "task_due" && b[0]!.days_left === 10);
    assert.ok(b[1]!.kind === "action_stale" && b[1]!.days_since === 139 && b[1]!.action === "a2");
  });

  test("indicators missing the year's value go to their reporter", () => {
    assert.deepEqual(by["dept-stat"]!.items, [
      { kind: "indicator_missing", indicator: "i-missing", indicator_name: indicators[1]!.name, year: 2025 },
    ]);
  });

  test("the 31 May implementation report is due within 30 days", () => {
    const items = by["dept-plan"]!.items;
    assert.equal(items.length, 1);
    const d = items[0]!;
    assert.ok(d.kind === "legal_deadline" && d.deadline.due === "2026-05-31" && d.days_left === 11);
    assert.equal(d.deadline.covers_year, 2025);
  });

  test("texts in Korean and English", () => {
    assert.match(by["dept-a"]!.body.ko, /19일 지연/);
    assert.match(by["dept-a"]!.body.en, /19 days late/);
    assert.match(by["dept-a"]!.subject.en, /2 items/);
  });

  test("the clock is an input", () => {
    assert.equal(daysBetween("2026-02-28", "2026-03-01"), 1);
    assert.throws(() => reminders({ actions, indicators, plans }, { ...opts, now: "20 May" }), RangeError);
  });
});
