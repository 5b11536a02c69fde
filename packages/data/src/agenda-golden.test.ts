/**
 * Golden summary of the Jeonju agenda: counts by plan and policy area, the reminders of a fixed day and the
 * 2022 implementation check. Any change to the data or to the functions that changes these shows up as a
 * diff that someone must explain (UPDATE_GOLDEN=1 rewrites the file).
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { implementationCheck, planTree, reminders, statusCounts } from "@citypath/core/agenda/index";
import { loadJeonjuAgenda } from "./agenda.ts";

const GOLDEN = fileURLToPath(new URL("../agenda/golden/jeonju-summary.json", import.meta.url));

test("Jeonju agenda: golden summary", () => {
  const r = loadJeonjuAgenda();
  assert.ok(r.ok);
  const agenda = r.value;
  const summary = {
    actions: agenda.actions.length,
    indicators: agenda.indicators.length,
    indicators_with_observed_values: agenda.indicators.filter((i) => i.observed.length > 0).length,
    indicators_with_goals: agenda.indicators.filter((i) => i.goals.length > 0).length,
    sources: agenda.sources.length,
    departments: agenda.departments.length,
    illustrative_departments: agenda.departments.filter((d) => d.illustrative).length,
    status: statusCounts(agenda.actions),
    plans: agenda.plans.map((p) => {
      const t = planTree(p, agenda.actions);
      return {
        id: p.id,
        stage: p.stage,
        counts: t.counts,
        areas: t.areas.map((a) => ({ id: a.id, counts: a.counts })),
      };
    }),
    reminders_2026_11_25: reminders(agenda, {
      now: "2026-11-25",
      due_soon_days: 14,
      stale_after_days: 90,
      indicator_year: 2025,
      deadline_soon_days: 40,
    }).map((m) => ({
      department: m.department,
      items: m.items.map((i) =>
        i.kind === "indicator_missing"
          ? `${i.kind} ${i.indicator}`
          : i.kind === "legal_deadline"
            ? `${i.kind} ${i.deadline.due}`
            : i.kind === "milestone_late"
              ? `${i.kind} ${i.action}/${i.milestone}`
              : `${i.kind} ${"action" in i ? i.action : ""}`,
      ),
    })),
    check_2022: agenda.plans.map((p) => {
      const c = implementationCheck(p, agenda.actions, agenda.indicators, 2022);
      return { plan: p.id, counts: c.counts, goals: c.goals };
    }),
  };
  const actual = `${JSON.stringify(summary, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, actual);
  assert.equal(
    actual,
    readFileSync(GOLDEN, "utf8"),
    "the Jeonju agenda summary differs from the golden file; explain the change or run with UPDATE_GOLDEN=1",
  );
});
