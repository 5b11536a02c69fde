import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluate, scenarioLevels, unwrap } from "@citypath/core";
import { JEONJU_INSTANCE_DIR, loadInstance, loadModel, parsePath } from "./instance.ts";

function copyJeonju(): string {
  const dir = mkdtempSync(join(tmpdir(), "citypath-instance-"));
  cpSync(JEONJU_INSTANCE_DIR, dir, { recursive: true });
  return dir;
}

describe("instance loader", () => {
  it("loads the Jeonju instance; the base year equals the published inventory", () => {
    const m = unwrap(loadModel(JEONJU_INSTANCE_DIR));
    assert.equal(m.baseYear, 2018);
    assert.equal(m.endYear, 2050);
    const r = evaluate(m, unwrap(scenarioLevels(m, "bau")));
    const b = m.bases.findIndex((x) => x.id === "municipal_control");
    // 4,371 kt on the municipal-control basis (1st basic plan, 2025)
    assert.equal(r.basis[b * m.nYears], 4371000);
  });

  it("reads paths", () => {
    assert.deepEqual(parsePath("actions[3].params.riders_per_day"), [
      "actions",
      3,
      "params",
      "riders_per_day",
    ]);
    assert.deepEqual(parsePath("drivers[0].values.2030"), ["drivers", 0, "values", "2030"]);
  });

  it("reports every problem at once with file, line and path", () => {
    const dir = copyJeonju();
    try {
      const drivers = join(dir, "drivers.yaml");
      writeFileSync(drivers, readFileSync(drivers, "utf8").replace("unit: tCO2e/MWh", "unit: tCO2e/furlong"));
      const targets = join(dir, "targets.yaml");
      writeFileSync(targets, readFileSync(targets, "utf8").replace("reduction: 0.445", "reduction: lots"));
      // a second file adds one more action to the list, with a bad parameter
      writeFileSync(
        join(dir, "zz-more.yaml"),
        [
          "actions:",
          "  - id: extra",
          "    type: fixed_abatement",
          "    name: { ko: 추가, en: Extra }",
          "    params: { line: II.1.1, tco2e_avoided: { 2030: 5 }, after_last: forever }",
          "    illustrative: true",
          "    note: test",
          "",
        ].join("\n"),
      );
      const r = loadInstance(dir);
      assert.equal(r.ok, false);
      if (r.ok) return;
      const got = r.problems.map((p) => `${p.file?.slice(dir.length + 1)}:${p.line} ${p.path}`).sort();
      // the unit's meaning is checked on what parsed, in the same run as the shape problems
      assert.deepEqual(got, [
        "drivers.yaml:33 drivers[1].unit",
        "targets.yaml:17 targets[0].points[0].reduction",
        "zz-more.yaml:5 actions[0].params.after_last",
      ]);
      // fix the shape problems: the unit problem alone remains
      writeFileSync(targets, readFileSync(targets, "utf8").replace("reduction: lots", "reduction: 0.445"));
      writeFileSync(join(dir, "zz-more.yaml"), "");
      const r2 = loadInstance(dir);
      assert.equal(r2.ok, false);
      if (r2.ok) return;
      // (the three held drivers come as warnings beside the error)
      const errors = r2.problems.filter((p) => p.severity === "error");
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.code, "UNIT_MISMATCH");
      assert.equal(errors[0]!.file, drivers);
      assert.equal(errors[0]!.path, "drivers[1].unit");
      assert.equal(errors[0]!.line, 33);
      assert.equal(r2.problems.filter((p) => p.severity === "warning").length, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a file is a new version: a lever's note on its range needs its Korean, named with file, line and lever", () => {
    const load = loadInstance(JEONJU_INSTANCE_DIR);
    assert.ok(load.ok);
    // every note of the demo's levers has its Korean (decision 0085)
    const notes = (load.value.valid.instance.scenarios ?? []).flatMap((s) =>
      s.actions.flatMap((a) => (a.note !== undefined ? [a.note] : [])),
    );
    assert.equal(notes.length, 37); // 23 levers, 14 of them in two scenarios
    for (const n of notes)
      assert.ok(typeof n === "object" && "ko" in n && n.ko.length > 0, JSON.stringify(n));
    const dir = copyJeonju();
    try {
      const scenarios = join(dir, "scenarios.yaml");
      const text = readFileSync(scenarios, "utf8");
      const old =
        "          ko: 엔진의 예시 조치; 2 = 예시 효과의 두 배로, 슬라이더가 움직이는 범위를 보이기 위한 값\n";
      assert.ok(text.includes(old));
      writeFileSync(scenarios, text.replace(old, ""));
      const r = loadInstance(dir);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(
        r.problems.map((p) => [p.file?.slice(dir.length + 1), p.path, p.message]),
        [
          [
            "scenarios.yaml",
            "scenarios[1].actions[1].note.ko",
            'scenario "engine_demo", lever "building_fuel_efficiency": the note on its range has no Korean; write it as { ko: "…", en: "…" } (a version saved before Korean was required is read as English only; a new version needs the Korean)',
          ],
        ],
      );
      assert.equal(typeof r.problems[0]!.line, "number");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a key given in two files and a YAML syntax error, naming both", () => {
    const dir = copyJeonju();
    try {
      writeFileSync(join(dir, "extra.yaml"), "end_year: 2040\n");
      writeFileSync(join(dir, "broken.yaml"), "drivers: [\n");
      const r = loadInstance(dir);
      assert.equal(r.ok, false);
      if (r.ok) return;
      const got = r.problems.map((p) => `${p.code} ${p.file?.slice(dir.length + 1)}:${p.line}`).sort();
      assert.equal(got.length, 2);
      assert.match(got[0]!, /^DUPLICATE instance\.yaml:\d+$|^DUPLICATE extra\.yaml:1$/);
      assert.match(got[1]!, /^INVALID_INSTANCE broken\.yaml:\d+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("computes the base inventory from activity data with the inventory engine", () => {
    const dir = new URL("../instances/golden/computed", import.meta.url).pathname;
    const load = unwrap(loadInstance(dir));
    const inv = load.valid.instance.inventory;
    assert.equal(inv.computed_from?.activity_file, "activity.csv");
    const elec = inv.lines.find((l) => l.gpc_ref === "I.1.2")!;
    // 10,000 MWh × 0.4312 tCO2e/MWh (built-in 2022 grid factor) = 4,312 tCO2e
    assert.ok(Math.abs(elec.tco2e - 4312) < 1e-9);
    assert.match(elec.source!, /computed by the inventory engine from activity\.csv \(AR5\)/);
    const m = unwrap(loadModel(dir));
    const r = evaluate(m, unwrap(scenarioLevels(m, "cars")));
    inv.lines.forEach((l, i) => {
      assert.equal(r.emissions[i], l.tco2e);
    });
  });

  it("names the activity file when it cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-computed-"));
    try {
      cpSync(
        new URL("../instances/golden/computed/instance.yaml", import.meta.url).pathname,
        join(dir, "instance.yaml"),
      );
      const r = loadInstance(dir);
      assert.equal(r.ok, false);
      if (!r.ok)
        assert.ok(
          r.problems.some((p) => p.file?.endsWith("activity.csv")),
          JSON.stringify(r.problems),
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
