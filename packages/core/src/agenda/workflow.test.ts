import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_LEGAL_CALENDAR, legalCalendarOf, legalDeadlines } from "./calendar.ts";
import { PlanSchema } from "./schema.ts";
import { plan } from "./test-fixtures.ts";
import { advancePlan, planDueDates } from "./workflow.ts";

describe("plan workflow", () => {
  const p = plan({ id: "plan" });

  test("moves forward one stage at a time, with dates", () => {
    const a = advancePlan(p, "committee_deliberation", "2025-03-01", {
      illustrative: true,
      note: "test figure",
    });
    assert.ok(a.ok);
    const b = advancePlan(a.value, "reported_to_council", "2025-03-20", {
      illustrative: true,
      note: "test figure",
    });
    assert.ok(b.ok);
    const c = advancePlan(b.value, "published", "2025-04-24", { illustrative: true, note: "test figure" });
    assert.ok(c.ok);
    assert.deepEqual(
      c.value.stage_history.map((s) => s.stage),
      ["draft", "committee_deliberation", "reported_to_council", "published"],
    );
    assert.ok(PlanSchema.safeParse(c.value).success);
    assert.equal(p.stage, "draft"); // the input is unchanged
  });

  test("a city with a committee cannot skip deliberation; one without can", () => {
    const skip = advancePlan(p, "reported_to_council", "2025-03-01", {
      illustrative: true,
      note: "test figure",
    });
    assert.equal(skip.ok, false);
    assert.match(!skip.ok ? skip.problems[0]!.message : "", /committee/);
    assert.ok(
      advancePlan({ ...p, has_committee: false }, "reported_to_council", "2025-03-01", {
        illustrative: true,
        note: "test figure",
      }).ok,
    );
  });

  test("going back in time or without provenance is refused, all problems at once", () => {
    const r = advancePlan(p, "committee_deliberation", "2024-12-31", {});
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.problems.map((x) => x.code), ["BAD_VALUE", "MISSING_VALUE"]);
  });

  test("a history that goes backwards does not validate", () => {
    const bad = PlanSchema.safeParse({
      ...p,
      stage: "draft",
      stage_history: [
        { stage: "committee_deliberation", date: "2025-01-01", illustrative: true, note: "test figure" },
        { stage: "draft", date: "2025-02-01", illustrative: true, note: "test figure" },
      ],
    });
    assert.equal(bad.success, false);
  });
});

describe("legal deadlines", () => {
  test("every date the law sets, with the year each covers", () => {
    assert.deepEqual(
      legalDeadlines(2026).map((d) => [d.kind, d.due, d.covers_year, d.party]),
      [
        ["regional_statistics", "2026-03-31", 2025, "city"],
        ["public_sector_results", "2026-03-31", 2025, "city"],
        ["adaptation_report", "2026-04-30", 2025, "city"],
        ["implementation_report", "2026-05-31", 2025, "city"],
        ["national_compilation", "2026-07-31", 2025, "ministry"],
        ["council_report", "2026-12-31", 2025, "city"],
        ["public_sector_target", "2026-12-31", 2027, "city"],
      ],
    );
    assert.equal(legalDeadlines(2026)[3]!.title.ko, "2025년 기본계획 이행점검 결과보고서 제출");
  });

  test("only the years the plan covers", () => {
    // period 2025–2034: the 2025-03-31 results cover 2024, before the plan; 2025-05-31 likewise
    const due = planDueDates(plan({ id: "plan" }), "2025-01-01", "2026-06-30");
    assert.deepEqual(
      due.map((d) => d.due),
      ["2025-12-31", "2026-03-31", "2026-03-31", "2026-04-30", "2026-05-31"],
    );
    assert.deepEqual(planDueDates(plan({ id: "x", legal_deadlines: false }), "2025-01-01", "2026-12-31"), []);
  });

  test("the calendar is a setting: a city's own date replaces the law's, a wrong one is refused", () => {
    const own = {
      entries: DEFAULT_LEGAL_CALENDAR.entries.map((e) =>
        e.kind === "implementation_report" ? { ...e, month: 5, day: 15 } : e,
      ),
    };
    const r = legalCalendarOf({ legal_calendar: own });
    assert.ok(r.ok);
    assert.equal(
      legalDeadlines(2026, r.value).find((d) => d.kind === "implementation_report")!.due,
      "2026-05-15",
    );
    const none = legalCalendarOf({});
    assert.ok(none.ok);
    assert.equal(none.value, DEFAULT_LEGAL_CALENDAR);
    const bad = legalCalendarOf({ legal_calendar: { entries: [{ ...own.entries[0], month: 2, day: 30 }] } });
    assert.ok(!bad.ok);
    assert.equal(bad.problems[0]!.path, "settings.legal_calendar.entries.0.day");
  });
});
