import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { unwrap } from "../errors.ts";
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import { tinyInstance } from "./fixtures.ts";
import {
  type CompiledModel,
  createResult,
  enginePreset,
  evaluate,
  explain,
  explainTotal,
  newVersionProblems,
  pathwayJson,
  pathwayRegistry,
  scenarioLevels,
  validateInstance,
} from "./index.ts";
import { BINARY_RANGE_NOTE, DEFAULT_RANGE_NOTE, rangeProvenance } from "./levers.ts";
import { RANGE_PROVENANCE_MISSING, RANGE_PROVENANCE_WITHOUT_RANGE, RANGE_SOURCE_YEAR } from "./schema.ts";

const registry = pathwayRegistry();
const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} is not ${b}`);

function tiny(driverScenario?: string): CompiledModel {
  return unwrap(enginePreset({ registry }).model(tinyInstance(), driverScenario ? { driverScenario } : {}));
}
const at = (m: CompiledModel, year: number, ref: string) =>
  (year - m.baseYear) * m.nLines + m.lines.findIndex((l) => l.gpc_ref === ref);

describe("business as usual", () => {
  it("follows drivers, intensity and trend (hand-worked)", () => {
    const m = tiny();
    // 2023: population 100 + (90 − 100) × 3/5 = 94; grid 0.5 + (0.4 − 0.5) × 3/5 = 0.44
    // I.1.2 = 1000 × 94/100 × 0.44/0.5 = 827.2
    close(m.bau[at(m, 2023, "I.1.2")]!, 827.2);
    // II.1.1 = 2000 × 0.94 × 0.99^3 = 2000 × 0.94 × 0.970299 = 1824.16212
    close(m.bau[at(m, 2023, "II.1.1")]!, 1824.16212);
    // V.2 constant −100
    assert.equal(m.bau[at(m, 2025, "V.2")], -100);
  });

  it("equals the inventory in the base year", () => {
    const m = tiny();
    const r = evaluate(m, unwrap(scenarioLevels(m, "all")));
    const inst = tinyInstance();
    inst.inventory.lines.forEach((l, i) => {
      assert.equal(r.emissions[i], l.tco2e);
    });
  });

  it("no action: every scenario number equals business as usual, bit for bit", () => {
    const m = tiny();
    const r = evaluate(m, new Float64Array(m.nActions));
    assert.deepEqual(Array.from(r.emissions), Array.from(m.bau));
    assert.ok(r.abatement.every((x) => x === 0));
  });
});

describe("actions combine in the documented order", () => {
  it("scale effects multiply, fixed abatements subtract (hand-worked 2023)", () => {
    const m = tiny();
    const r = evaluate(m, unwrap(scenarioLevels(m, "all")));
    // S = (1 − 0.5) × (1 − 0.2) = 0.4 (ev at full effect from 2022, eco from 2023)
    // D = −200 (brt: 100 in 2022, 300 in 2024, linear -> 200)
    // E = 1824.16212 × 0.4 − 200 = 529.664848
    close(r.emissions[at(m, 2023, "II.1.1")]!, 529.664848);
    // 2021: ev ramp 1/2 -> S = 1 − 0.5 × 0.5 = 0.75; BAU = 2000 × 0.98 × 0.99 = 1940.4; brt 0 before 2022
    close(r.emissions[at(m, 2021, "II.1.1")]!, 1940.4 * 0.75);
    // 2025: brt held at 300
    const bau25 = 2000 * 0.9 * 0.99 ** 5;
    close(r.emissions[at(m, 2025, "II.1.1")]!, bau25 * 0.4 - 300);
  });

  it("attributes abatement so that it sums to BAU − scenario (log shares)", () => {
    const m = tiny();
    const r = evaluate(m, unwrap(scenarioLevels(m, "all")));
    const y = 2023 - m.baseYear;
    // M = 1824.16212 × 0.6 = 1094.497272; ev share ln 0.5 / (ln 0.5 + ln 0.8)
    const M = 1824.16212 * 0.6;
    const share = Math.log(0.5) / (Math.log(0.5) + Math.log(0.8));
    close(r.abatement[0 * m.nYears + y]!, M * share);
    close(r.abatement[2 * m.nYears + y]!, M * (1 - share));
    close(r.abatement[1 * m.nYears + y]!, 200);
    for (let yy = 0; yy < m.nYears; yy++) {
      let total = 0;
      for (let a = 0; a < m.nActions; a++) total += r.abatement[a * m.nYears + yy]!;
      let diff = 0;
      for (let l = 0; l < m.nLines; l++) diff += m.bau[yy * m.nLines + l]! - r.emissions[yy * m.nLines + l]!;
      close(total, diff);
    }
  });

  it("caps a line at zero unless it is a sink, and scales the abatement back", () => {
    const m = tiny();
    const r = evaluate(m, unwrap(scenarioLevels(m, "big_brt")));
    // 2024: brt 300 × 10 = 3000 > BAU 2000 × 0.92 × 0.99^4 = 1767.5…: the line stops at 0
    const bau24 = m.bau[at(m, 2024, "II.1.1")]!;
    assert.equal(r.emissions[at(m, 2024, "II.1.1")], 0);
    close(r.abatement[1 * m.nYears + 4]!, bau24);
  });

  it("a sink line may go below zero", () => {
    const inst = tinyInstance();
    inst.actions!.push({
      id: "trees",
      type: "fixed_abatement",
      name: { ko: "나무", en: "Trees" },
      params: { line: "V.2", tco2e_avoided: { "2021": 50 }, after_last: "hold" },
      illustrative: true,
      note: "test",
    });
    inst.scenarios!.push({
      id: "trees",
      name: { ko: "나무", en: "Trees" },
      actions: [{ action: "trees", level: 1 }],
    });
    const m = unwrap(enginePreset({ registry }).model(inst));
    const r = evaluate(m, unwrap(scenarioLevels(m, "trees")));
    assert.equal(r.emissions[at(m, 2022, "V.2")], -150);
  });
});

describe("totals, targets, gaps", () => {
  it("bases, sectors, cumulative and the linear target path (hand-worked)", () => {
    const m = tiny();
    const r = evaluate(m, new Float64Array(m.nActions));
    const Y = m.nYears;
    const bi = (id: string) => m.bases.findIndex((b) => b.id === id);
    // basic = I.1.2 + II.1.1 = 3000 in 2020; territorial = II.1.1 + V.2 = 1900; basic_plus adds V.2
    assert.equal(r.basis[bi("basic") * Y], 3000);
    assert.equal(r.basis[bi("territorial") * Y], 1900);
    assert.equal(r.basis[bi("basic_plus") * Y], 2900);
    // target: 3000 -> 1500 in 2025, linear: 2023 = 3000 − 1500 × 3/5 = 2100
    close(m.targets[0]!.path[3]!, 2100);
    // gap 2023 = (827.2 + 1824.16212) − 2100 = 551.36212
    close(r.gap[3]!, 551.36212);
    // cumulative basic 2020 + 2021 = 3000 + (1000 × 0.98 × 0.48/0.5 + 2000 × 0.98 × 0.99)
    close(r.cumulative[bi("basic") * Y + 1]!, 3000 + 1000 * 0.98 * 0.96 + 2000 * 0.98 * 0.99);
    // sectors: buildings I.1.2, transport II.1.1, sinks V.2
    assert.equal(r.sector[0 * Y], 1000);
    assert.equal(r.sector[1 * Y], 2000);
    assert.equal(r.sector[6 * Y], -100);
  });

  it("a scenario that replaces a driver is evaluated on its own compiled model", () => {
    const m = tiny();
    assert.equal(scenarioLevels(m, "clean_grid").ok, false);
    const mc = tiny("clean_grid");
    const r = evaluate(mc, unwrap(scenarioLevels(mc, "clean_grid")));
    // 2025: 1000 × 0.9 × 0.25/0.5 = 450
    close(r.emissions[at(mc, 2025, "I.1.2")]!, 450);
  });
});

describe("explanation path", () => {
  it("equals the fast path for every line and year, bit for bit", () => {
    for (const sc of ["bau", "all", "big_brt"]) {
      const m = tiny();
      const levels = unwrap(scenarioLevels(m, sc));
      const r = evaluate(m, levels);
      for (let y = 0; y < m.nYears; y++)
        for (let l = 0; l < m.nLines; l++) {
          const e = unwrap(explain(m, levels, m.lines[l]!.gpc_ref, m.baseYear + y, sc));
          assert.equal(
            e.value,
            r.emissions[y * m.nLines + l],
            `${sc} ${m.lines[l]!.gpc_ref} ${m.baseYear + y}`,
          );
          assert.equal(e.bau, m.bau[y * m.nLines + l]);
        }
    }
  });

  it("shows the chain: base, drivers with sources, BAU, actions, combination", () => {
    const m = tiny();
    const e = unwrap(explain(m, unwrap(scenarioLevels(m, "all")), "II.1.1", 2023, "all"));
    assert.deepEqual(
      e.steps.map((s) => s.key),
      [
        "base_tco2e",
        "activity_ratio",
        "trend_ratio",
        "bau_tco2e",
        "scale_factor",
        "delta_tco2e",
        "emissions_tco2e",
      ],
    );
    assert.equal(e.steps[1]!.inputs![0]!.value, 94);
    assert.deepEqual(
      e.actions.map((a) => a.id),
      ["ev", "brt", "eco"],
    );
    close(e.steps.find((s) => s.key === "scale_factor")!.value, 0.4);
  });

  it("names an unknown line or year", () => {
    const m = tiny();
    const lv = new Float64Array(m.nActions);
    const a = explain(m, lv, "I.3.1", 2023);
    assert.equal(a.ok, false);
    if (!a.ok) assert.equal(a.problems[0]!.code, "UNKNOWN_REFERENCE");
    const b = explain(m, lv, "I.1.2", 2070);
    assert.equal(b.ok, false);
  });
});

describe("determinism and reuse", () => {
  it("gives the same bits on every run and with a reused result", () => {
    const m = tiny();
    const levels = unwrap(scenarioLevels(m, "all"));
    const a = evaluate(m, levels);
    const out = createResult(m);
    evaluate(m, new Float64Array(m.nActions), out);
    evaluate(m, levels, out);
    assert.deepEqual(Array.from(out.emissions), Array.from(a.emissions));
    assert.deepEqual(Array.from(out.abatement), Array.from(a.abatement));
    assert.deepEqual(Array.from(out.basis), Array.from(a.basis));
    const j1 = JSON.stringify(
      pathwayJson([{ id: "all", name: { ko: "a", en: "a" }, levels, model: m, result: a }]),
    );
    const j2 = JSON.stringify(
      pathwayJson([{ id: "all", name: { ko: "a", en: "a" }, levels, model: m, result: out }]),
    );
    assert.equal(j1, j2);
  });
});

describe("validation", () => {
  it("reports every problem at once, each with its path", () => {
    const inst = tinyInstance() as unknown as Record<string, unknown> & ReturnType<typeof tinyInstance>;
    inst.bau[0]!.activity = { driver: "people", elasticity: 1 };
    inst.actions![1]!.params = { line: "II.1.1", tco2e_avoided: { "2022": "many" }, after_last: "hold" };
    inst.actions![0]!.type = "teleport";
    inst.scenarios![0]!.actions.push({ action: "nothing", level: 1 });
    inst.targets![0]!.basis = "municipal";
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const got = r.problems.map((p) => `${p.code} ${p.path}`).sort();
    assert.deepEqual(got, [
      "INVALID_INSTANCE actions[1].params.tco2e_avoided.2022",
      "UNKNOWN_REFERENCE actions[0].type",
      "UNKNOWN_REFERENCE bau[0].activity.driver",
      "UNKNOWN_REFERENCE scenarios[0].actions[3].action",
      "UNKNOWN_REFERENCE targets[0].basis",
    ]);
  });

  it("checks the meaning of what parsed when the shape is wrong elsewhere: one run lists all", () => {
    const inst = tinyInstance() as unknown as Record<string, unknown> & ReturnType<typeof tinyInstance>;
    inst.inventory.lines[0]!.tco2e = -5; // a negative line that is not a sink: a check of meaning
    (inst.drivers[0] as unknown as Record<string, unknown>).unit = 5; // two type errors
    (inst.targets![0]!.points[0] as unknown as Record<string, unknown>).year = "2025";
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.problems.map((p) => `${p.code} ${p.path}`).sort(), [
      "BAD_VALUE inventory.lines[0].tco2e",
      "BAD_VALUE inventory.published_total.tco2e", // the lines no longer add up to it: also true
      "INVALID_INSTANCE drivers[0].unit",
      "INVALID_INSTANCE targets[0].points[0].year",
    ]);
  });

  it("refuses a target point after the end year, saying why", () => {
    const inst = tinyInstance();
    inst.targets![0]!.points.push({ year: 2030, reduction: 0.8 });
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.path, "targets[0].points[1].year");
    assert.match(r.problems[0]!.message, /target year 2030 is after the model's end year 2025/);
  });

  it("reports a missing input of an action once", () => {
    const inst = tinyInstance();
    inst.drivers = inst.drivers.filter((d) => d.id !== "grid");
    inst.bau[0]!.intensity = undefined;
    inst.actions = [
      {
        id: "ppa",
        type: "renewable_ppa",
        name: { ko: "전력 구매", en: "Power purchase" },
        params: { mwh_per_yr: 100, buyer: "residential", schedule: { start_year: 2021 }, price_year: 2024 },
        illustrative: true,
        note: "test",
      },
    ];
    inst.scenarios = [];
    const r = enginePreset().model(inst);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => `${p.code} ${p.path}`),
      ["UNKNOWN_REFERENCE actions[0]"],
    );
    assert.match(r.problems[0]!.message, /needs grid_tco2e_per_mwh/);
  });

  it("requires a source or an illustrative note on every figure", () => {
    const inst = tinyInstance();
    inst.inventory.lines[0] = { gpc_ref: "I.1.2", tco2e: 1000 };
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.problems[0]!.path, "inventory.lines[0].source");
  });

  it("requires a lever's range to be sourced with its year or illustrative with a note, naming the action", () => {
    const inst = tinyInstance();
    const acts = inst.scenarios![0]!.actions;
    acts[0] = { action: "ev", level: 1, min: 0, max: 2 };
    acts[1] = { action: "brt", level: 1, max: 2, source: "the city's bus plan" };
    acts[2] = { action: "eco", level: 1, illustrative: true, note: "a note without a range" };
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.message]),
      [
        ["scenarios[0].actions[0].source", `action "ev": ${RANGE_PROVENANCE_MISSING}`],
        ["scenarios[0].actions[1].source", `action "brt": ${RANGE_SOURCE_YEAR}`],
        ["scenarios[0].actions[2].illustrative", `action "eco": ${RANGE_PROVENANCE_WITHOUT_RANGE}`],
      ],
    );
    acts[0] = {
      action: "ev",
      level: 1,
      min: 0,
      max: 2,
      illustrative: true,
      note: "twice the plan, a what-if",
    };
    acts[1] = { action: "brt", level: 1, max: 2, source: "the city's bus plan (2024)" };
    acts[2] = { action: "eco", level: 1 };
    // a note as versions before decision 0085 stored it (one English string) is still read
    assert.ok(validateInstance(inst, registry).ok);
    // where the range comes from, as the portfolio and the sliders show it: the string as English alone
    assert.deepEqual(rangeProvenance(acts[1], false), { source: "the city's bus plan (2024)" });
    assert.deepEqual(rangeProvenance(acts[0], false), {
      illustrative: true,
      note: { en: "twice the plan, a what-if" },
    });
    assert.deepEqual(rangeProvenance(acts[2], false), { illustrative: true, note: DEFAULT_RANGE_NOTE });
    assert.deepEqual(rangeProvenance(acts[0], true), { yes_no: true, note: BINARY_RANGE_NOTE });
    // ... but a new version needs each note's Korean, naming the scenario and the lever
    assert.deepEqual(
      newVersionProblems(inst).map((p) => [p.path, p.message]),
      [
        [
          "scenarios[0].actions[0].note.ko",
          `scenario "${inst.scenarios![0]!.id}", lever "ev": the note on its range has no Korean; write it as { ko: "…", en: "…" } (a version saved before Korean was required is read as English only; a new version needs the Korean)`,
        ],
      ],
    );
    acts[0] = { ...acts[0], note: { en: "twice the plan, a what-if" } };
    assert.ok(validateInstance(inst, registry).ok);
    assert.equal(newVersionProblems(inst)[0]?.path, "scenarios[0].actions[0].note.ko");
    acts[0] = { ...acts[0], note: { ko: "계획의 두 배, 가정", en: "twice the plan, a what-if" } };
    assert.ok(validateInstance(inst, registry).ok);
    assert.deepEqual(newVersionProblems(inst), []);
    assert.deepEqual(rangeProvenance(acts[0], false), {
      illustrative: true,
      note: { ko: "계획의 두 배, 가정", en: "twice the plan, a what-if" },
    });
    // a note in neither shape is refused by the format
    acts[0] = { ...acts[0], note: { ko: "", en: "x" } as never };
    assert.equal(validateInstance(inst, registry).ok, false);
  });

  it("requires a BAU rule for every line and a published total that matches", () => {
    const inst = tinyInstance();
    inst.bau.pop();
    inst.inventory.published_total!.tco2e = 3000;
    const r = validateInstance(inst, registry);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.problems.map((p) => `${p.code} ${p.path}`).sort(), [
      "BAD_VALUE inventory.published_total.tco2e",
      "MISSING_VALUE inventory.lines[2].gpc_ref",
    ]);
  });
});

describe("levels", () => {
  it("rejects a level that is not a finite number ≥ 0, naming the action", () => {
    const m = tiny();
    assert.throws(() => evaluate(m, [1, Number.NaN, 0]), /"brt"/);
    assert.throws(() => evaluate(m, [-1, 0, 0]), /"ev"/);
    assert.throws(() => evaluate(m, [1, 1]), /3 actions/);
  });

  it("scales an action's response with its level (half the BRT, 2023: 100 t)", () => {
    const m = tiny();
    const r = evaluate(m, [0, 0.5, 0]);
    // BAU 1824.16212 − 0.5 × 200
    close(r.emissions[at(m, 2023, "II.1.1")]!, 1824.16212 - 100);
    close(r.abatement[1 * m.nYears + 3]!, 100);
  });
});

describe("explaining totals", () => {
  it("a basis or sector total and each target's path and gap equal the fast path, bit for bit", () => {
    const m = tiny();
    const levels = unwrap(scenarioLevels(m, "all"));
    const r = evaluate(m, levels);
    const Y = m.nYears;
    for (let y = 0; y < Y; y++) {
      m.bases.forEach((b, bi) => {
        const e = unwrap(explainTotal(m, levels, b.id, m.baseYear + y, "all"));
        assert.equal(e.value, r.basis[bi * Y + y]);
        for (const t of e.targets) {
          const ti = m.targets.findIndex((x) => x.id === t.id);
          assert.equal(t.path_tco2e, m.targets[ti]!.path[y]);
          assert.equal(t.gap_tco2e, r.gap[ti * Y + y]);
        }
      });
      KR_SECTOR_IDS.forEach((s, si) => {
        assert.equal(unwrap(explainTotal(m, levels, s, m.baseYear + y)).value, r.sector[si * Y + y]);
      });
    }
    // target "half" on basic: 2023 linear between 2020 (3,000) and 2025 (1,500) = 2,100
    const e = unwrap(explainTotal(m, levels, "basic", 2023));
    assert.match(e.targets[0]!.formula, /^linear between 2020 \(3,000\) and 2025 \(1,500\)/);
    assert.equal(explainTotal(m, levels, "nowhere", 2023).ok, false);
  });
});

describe("properties over random levels (fast-check)", () => {
  it("non-sink lines stay ≥ 0, abatement sums to BAU − scenario, explanation equals the fast path", () => {
    const m = tiny();
    const out = createResult(m);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: m.nYears - 1 }),
        fc.integer({ min: 0, max: m.nLines - 1 }),
        (levels, y, l) => {
          const r = evaluate(m, levels, out);
          for (let i = 0; i < m.nYears * m.nLines; i++)
            if (!m.lines[i % m.nLines]!.sink) assert.ok(r.emissions[i]! >= 0);
          for (let yy = 0; yy < m.nYears; yy++) {
            let ab = 0;
            for (let a = 0; a < m.nActions; a++) ab += r.abatement[a * m.nYears + yy]!;
            let diff = 0;
            for (let li = 0; li < m.nLines; li++)
              diff += m.bau[yy * m.nLines + li]! - r.emissions[yy * m.nLines + li]!;
            close(ab, diff, 1e-9);
          }
          const e = unwrap(explain(m, levels, m.lines[l]!.gpc_ref, m.baseYear + y));
          assert.equal(e.value, r.emissions[y * m.nLines + l]);
        },
      ),
      { seed: 20261125, numRuns: 300 },
    );
  });
});
