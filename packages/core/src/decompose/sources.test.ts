import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { near } from "../actions/library/test-helpers.ts";
import type { GwpSet } from "../gwp/index.ts";
import { computeInventory } from "../inventory/compute.ts";
import type { ActivityRow, FactorRow } from "../inventory/types.ts";
import { compileInstance } from "../pathway/compile.ts";
import { tinyInstance } from "../pathway/fixtures.ts";
import { defaultRegistry } from "../pathway/index.ts";
import { validateInstance } from "../pathway/validate.ts";
import { LMDI_EFFECTS, logMean } from "./lmdi.ts";
import { decomposeInventory, decomposePathway } from "./sources.ts";

const GWP: GwpSet = {
  name: "TEST-AR5",
  title: "AR5 values for tests",
  year: 2013,
  gases: {
    CO2: { value: 1, source: "AR5" },
    CH4: { value: 28, source: "AR5" },
    N2O: { value: 265, source: "AR5" },
  },
};
const factor = (p: Pick<FactorRow, "activity" | "gas" | "factor" | "unit">): FactorRow => ({
  id: `${p.activity}:${p.gas}`,
  origin: "user",
  source: "test",
  ...p,
});
const row = (year: number, gpc_ref: string, activity: string, amount: number, unit: string): ActivityRow => ({
  year,
  gpc_ref,
  activity,
  amount,
  unit,
});

describe("decomposition from an activity-data inventory", () => {
  test("energy by carrier comes from the factor per energy; the sum is the inventory's change", () => {
    // electricity 0.1 tCO2e/GJ would be 0.36 t/MWh: written as 0.36 tCO2e/MWh; gas 50 t/TJ = 0.05 t/GJ.
    // The same two-carrier buildings case as lmdi.test.ts, in activity units: 1,000 GJ = 277.78 MWh.
    const factors = [
      factor({ activity: "electricity", gas: "CO2e", factor: 0.36, unit: "tCO2e/MWh" }),
      factor({ activity: "gas", gas: "CO2", factor: 50, unit: "t/TJ" }),
    ];
    const inv = computeInventory({
      activities: [
        row(2020, "I.1.2", "electricity", 1000 / 3.6, "MWh"),
        row(2020, "I.1.1", "gas", 1, "TJ"),
        row(2025, "I.1.2", "electricity", 1300 / 3.6, "MWh"),
        row(2025, "I.1.1", "gas", 0.9, "TJ"),
      ],
      factors,
      gwp: GWP,
    });
    assert.ok(inv.ok, JSON.stringify(!inv.ok && inv.problems));
    const r = decomposeInventory(inv.value, 2020, 2025, { "*": { "2020": 100, "2025": 110 } });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const b = r.value.sectors.find((s) => s.sector === "buildings")!;
    near(b.from_tco2e, 150);
    near(b.to_tco2e, 0.36 * (1300 / 3.6) + 45);
    const e = b.carriers.find((c) => c.carrier === "electricity")!;
    assert.equal(e.energy_known, true);
    // the factor did not change (0.36 both years): no emission-factor effect; structure as in lmdi.test.ts
    near(e.effects.structure, logMean(130, 100) * Math.log(1300 / 2200 / 0.5));
    assert.ok(Math.abs(e.effects.emission_factor) < 1e-9);
    near(
      LMDI_EFFECTS.reduce((s, k) => s + r.value.effects[k], 0),
      r.value.change_tco2e,
      1e-12,
    );
  });

  test("a missing driver year is an error that names the sector and year", () => {
    const inv = computeInventory({
      activities: [row(2020, "I.1.1", "gas", 1, "TJ"), row(2025, "I.1.1", "gas", 1, "TJ")],
      factors: [factor({ activity: "gas", gas: "CO2", factor: 50, unit: "t/TJ" })],
      gwp: GWP,
    });
    assert.ok(inv.ok);
    const r = decomposeInventory(inv.value, 2020, 2025, { buildings: { "2020": 1 } });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /no activity driver for sector buildings in 2025/);
    const y = decomposeInventory(inv.value, 2020, 2030, { "*": { "2020": 1, "2030": 1 } });
    assert.ok(!y.ok);
    assert.match(y.problems[0]!.message, /no year 2030/);
  });
});

describe("decomposition of a pathway", () => {
  test("the tiny town, business as usual 2020 -> 2025: population and the grid factor, worked by hand", () => {
    // buildings (I.1.2, scope 2): 1,000 t -> 720 t; grid energy 1,000 / 0.5 × 3.6 = 7,200 GJ -> 720 / 0.4 ×
    // 3.6 = 6,480 GJ; population 100 -> 90, so energy per person stays 72 GJ (no intensity effect).
    // L(720, 1,000) = −280 / ln 0.72 = 852.35; activity 852.35 × ln 0.9 = −89.80; emission factor
    // 852.35 × ln 0.8 = −190.20; sum −280.
    const v = validateInstance(tinyInstance(), defaultRegistry());
    assert.ok(v.ok);
    const m = compileInstance(v.value, defaultRegistry());
    assert.ok(m.ok);
    const r = decomposePathway(m.value, new Float64Array(m.value.nActions), 2020, 2025);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const b = r.value.sectors.find((s) => s.sector === "buildings")!;
    const L = logMean(720, 1000);
    near(L, 852.3494, 1e-6);
    near(b.effects.activity, L * Math.log(0.9));
    near(b.effects.emission_factor, L * Math.log(0.8));
    assert.ok(Math.abs(b.effects.intensity) < 1e-9);
    near(b.change_tco2e, -280);
    assert.equal(r.value.activity_drivers.buildings, "population");
    assert.deepEqual(r.value.modelled_actions, []);
    // with every action on, the modelled abatement is reported beside the effects
    const all = decomposePathway(m.value, m.value.scenarios[0]!.levels, 2020, 2025);
    assert.ok(all.ok);
    assert.ok(all.value.modelled_to_tco2e > 0);
    assert.equal(all.value.modelled_from_tco2e, 0);
    near(
      LMDI_EFFECTS.reduce((s, k) => s + all.value.effects[k], 0),
      all.value.change_tco2e,
      1e-12,
    );
    const bad = decomposePathway(m.value, new Float64Array(m.value.nActions), 2020, 2040);
    assert.ok(!bad.ok);
    assert.equal(bad.problems[0]!.path, "to");
  });
});
