/**
 * The national grid path of the Jeonju demo (scenario national_policy): its plan-year factors are derived
 * from the published figures their sources cite, worked here by hand, and the engine uses them.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explain, unwrap } from "@citypath/core";
import { JEONJU_INSTANCE_DIR, loadInstance, runLoaded } from "./instance.ts";

const load = unwrap(loadInstance(JEONJU_INSTANCE_DIR));
const inst = load.valid.instance;
const national = inst.scenarios!.find((s) => s.id === "national_policy")!;
const grid = national.drivers!.grid_factor!;

// Published inputs (each cited in scenarios.yaml).
const F2018 = 0.45941; // tCO2e/MWh, ME notice 2020-304
const GEN_2019_GWH = 562239; // KEPCO, 2019, 1.5 % below 2018
const GEN_2018_TWH = GEN_2019_GWH / 0.985 / 1000; // 570.80
const GEN_2030_TWH = 201.7 / 0.328; // nuclear 201.7 TWh at 32.8 %: 614.94
const GEN_2035_TWH = (705 + 711) / 2; // 708

describe("Jeonju demo: the national grid path", () => {
  it("the 2018 generation and the plan years' generation are what the sources give", () => {
    assert.equal(GEN_2018_TWH.toFixed(2), "570.80");
    assert.equal(GEN_2030_TWH.toFixed(2), "614.94");
  });

  it("2030 = 0.45941 × (1 − 0.459) / (614.94 / 570.80) = 0.2307 (1st national basic plan)", () => {
    // by hand: 614.94 / 570.80 = 1.07733; 0.541 / 1.07733 = 0.502166; × 0.45941 = 0.230700
    const f = (F2018 * (1 - 0.459)) / (GEN_2030_TWH / GEN_2018_TWH);
    assert.ok(Math.abs(f - 0.2307) < 5e-5, String(f));
    assert.equal(grid.values["2030"], 0.2307);
  });

  it("2035 = 0.45941 × (1 − 0.688) / (708 / 570.80) = 0.1156 (2035 NDC, power at the 53 % target)", () => {
    // by hand: 708 / 570.80 = 1.240364; 0.312 / 1.240364 = 0.251539; × 0.45941 = 0.115559
    const f = (F2018 * (1 - 0.688)) / (GEN_2035_TWH / GEN_2018_TWH);
    assert.ok(Math.abs(f - 0.1156) < 5e-5, String(f));
    assert.equal(grid.values["2035"], 0.1156);
  });

  it("2050 is zero (net-zero scenario A) and the published years are the business-as-usual driver's", () => {
    assert.equal(grid.values["2050"], 0);
    const bauGrid = inst.drivers.find((d) => d.id === "grid_factor")!;
    for (const y of ["2018", "2021", "2022", "2023"]) assert.equal(grid.values[y], bauGrid.values[y], y);
    for (const y of Object.keys(grid.values))
      assert.ok(grid.value_sources?.[y], `the ${y} value names its source`);
  });

  it("the engine interpolates the path and the explanation cites the scenario's sources", () => {
    const runs = unwrap(runLoaded(load));
    const run = runs.find((r) => r.id === "national_policy")!;
    const m = run.model;
    // 2027 lies 4/7 of the way from 2023 (0.4173) to 2030 (0.2307): 0.4173 − 4/7 × 0.1866 = 0.310671
    const e = unwrap(explain(m, run.levels, "I.3.2", 2027, "national_policy"));
    const intensity = e.steps.find((s) => s.key === "intensity_ratio")!;
    const at = intensity.inputs![0]!;
    assert.ok(Math.abs(at.value - (0.4173 - (4 / 7) * (0.4173 - 0.2307))) < 1e-12);
    const e30 = unwrap(explain(m, run.levels, "I.3.2", 2030, "national_policy"));
    const at30 = e30.steps.find((s) => s.key === "intensity_ratio")!.inputs![0]!;
    assert.equal(at30.value, 0.2307);
    assert.match(at30.source ?? "", /fsc\.go\.kr 79643/);
    // Industrial electricity stays at its 2018 level: 262,260 × 0.2307 / 0.45941 = 131,699.2 t
    assert.ok(Math.abs(e30.value - (262260 * 0.2307) / 0.45941) < 1e-6);
  });
});
