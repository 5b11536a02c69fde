import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defineActionType } from "../actions/interface.ts";
import { brtCorridor } from "../actions/library/brt.ts";
import { CTX_2028 } from "../actions/library/test-helpers.ts";
import { fail, ok, problem } from "../errors.ts";
import { compareLinkedAction, type ScenarioResolver } from "./linked.ts";
import { action, indicator } from "./test-fixtures.ts";

const phase1 = brtCorridor.schema.parse({
  length_km: 9.5,
  riders_per_day: 20000,
  share_from_car: 0.2,
  trip_km: 5,
  bus_km_change_per_day: -100,
  bus_kgco2e_per_km: 1.08,
  schedule: { start_year: 2026, start_month: 11 },
  price_year: 2025,
});
const link = {
  scenario: "reference",
  scenario_action: "brt-phase1",
  model: "brt_corridor",
  indicator: "brt-riders",
  parameter: "riders_per_day",
};
const brt = action({ id: "brt", indicators: ["brt-riders"], model_link: link });
const riders = indicator({
  id: "brt-riders",
  unit: "rider/d",
  unit_label: { ko: "명/일", en: "riders per day" },
  observed: [{ year: 2028, value: 10_000, illustrative: true, note: "test figure" }],
});
const resolver: ScenarioResolver = (l) =>
  l.scenario_action === "brt-phase1"
    ? ok({ type: defineActionType(brtCorridor), params: phase1, level: 1, ctxFor: () => CTX_2028 })
    : fail([problem("UNKNOWN_REFERENCE", `no action '${l.scenario_action}' in scenario '${l.scenario}'`)]);

describe("modelled against observed through an action's model link", () => {
  test("resolves the scenario action, the mapping and the indicator", () => {
    const r = compareLinkedAction(brt, [riders], resolver, { years: [2028], asOfYear: 2028, tolerance: 0.1 });
    assert.ok(r.ok);
    // 10,000 riders: car part 957.37705 × 0.5 = 478.68852 t, + 39.42 t from fewer bus-km = 518.10852 t
    // against 996.79705 t expected; ratio 0.52: off track
    const y = r.value.years[0]!;
    assert.ok(Math.abs(y.implied_tco2e! - 518.1085245901639) < 1e-9);
    assert.equal(r.value.off_track, true);
  });

  test("every missing piece is named", () => {
    const none = compareLinkedAction(action({ id: "x" }), [riders], resolver, {
      years: [2028],
      asOfYear: 2028,
      tolerance: 0.1,
    });
    assert.equal(!none.ok && none.problems[0]?.path, "model_link");
    const bad = compareLinkedAction(
      action({
        id: "y",
        indicators: ["nope"],
        model_link: { ...link, indicator: "nope", parameter: "speed" },
      }),
      [riders],
      resolver,
      { years: [2028], asOfYear: 2028, tolerance: 0.1 },
    );
    assert.deepEqual(!bad.ok && bad.problems.map((p) => p.path), [
      "model_link.parameter",
      "model_link.indicator",
    ]);
    const gone = compareLinkedAction(
      action({ id: "z", indicators: ["brt-riders"], model_link: { ...link, scenario_action: "other" } }),
      [riders],
      resolver,
      { years: [2028], asOfYear: 2028, tolerance: 0.1 },
    );
    assert.equal(!gone.ok && gone.problems[0]?.code, "UNKNOWN_REFERENCE");
  });
});
