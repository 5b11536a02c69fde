import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { ActionSchema, AgendaSchema, GoalSchema, IndicatorSchema } from "./schema.ts";
import { action } from "./test-fixtures.ts";

describe("agenda schemas", () => {
  test("a figure needs a source, or illustrative: true with a note; not both", () => {
    assert.equal(GoalSchema.safeParse({ year: 2030, value: 1 }).success, false);
    assert.equal(
      GoalSchema.safeParse({ year: 2030, value: 1, source: "s", illustrative: true, note: "test figure" })
        .success,
      false,
    );
    assert.ok(GoalSchema.safeParse({ year: 2030, value: 1, source: "s" }).success);
    assert.ok(
      GoalSchema.safeParse({ year: 2030, value: 1, illustrative: true, note: "test figure" }).success,
    );
    const noNote = GoalSchema.safeParse({ year: 2030, value: 1, illustrative: true });
    assert.equal(noNote.success, false);
    assert.deepEqual(noNote.error?.issues[0]?.path, ["note"]);
  });

  test("status changes go oldest first; two observations of one year and district are refused", () => {
    const a = action({ id: "a" });
    const back = ActionSchema.safeParse({
      ...a,
      status: "delayed",
      status_history: [
        { ...a.status_history[0]!, date: "2026-05-01" },
        {
          status: "delayed",
          date: "2026-01-01",
          reason: { ko: "지연", en: "Late" },
          illustrative: true,
          note: "test figure",
        },
      ],
    });
    assert.equal(back.success, false);
    assert.deepEqual(
      back.error?.issues.map((i) => i.path.join(".")),
      ["status_history.1.date"],
    );
    const twice = IndicatorSchema.safeParse({
      id: "i",
      name: { ko: "지표", en: "Ind" },
      kind: "outcome",
      unit: "count",
      unit_label: { ko: "개", en: "count" },
      direction: "increase",
      aggregation: "annual",
      goals: [],
      observed: [
        { year: 2024, value: 1, district: "완산구", illustrative: true, note: "test figure" },
        { year: 2024, value: 2, district: "덕진구", illustrative: true, note: "test figure" },
        { year: 2024, value: 3, district: "완산구", illustrative: true, note: "test figure" },
      ],
    });
    assert.deepEqual(
      twice.error?.issues.map((i) => i.path.join(".")),
      ["observed.2.year"],
    );
  });

  test("the model link's indicator must be one of the action's", () => {
    const r = ActionSchema.safeParse({
      ...action({ id: "a" }),
      model_link: {
        scenario: "s",
        scenario_action: "x",
        model: "brt_corridor",
        indicator: "other",
        parameter: "p",
      },
    });
    assert.deepEqual(
      r.error?.issues.map((i) => i.path.join(".")),
      ["model_link.indicator"],
    );
  });

  test("the schemas convert to JSON Schema, as the API's OpenAPI description needs", () => {
    const j = z.toJSONSchema(AgendaSchema) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(j.properties), [
      "sources",
      "departments",
      "categories",
      "plans",
      "indicators",
      "actions",
    ]);
  });
});
