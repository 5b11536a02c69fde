import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ActivityRow, computeInventory, type FactorRow, parseUnit } from "@citypath/core";
import { GWP_SETS, gwpSet } from "../gwp.ts";
import { builtinActivities, builtinFactors, FUELS, GRID_FACTORS } from "./builtin.ts";

const defs = builtinActivities();
const row = (p: Partial<ActivityRow> & Pick<ActivityRow, "activity" | "amount" | "unit">): ActivityRow => ({
  year: 2023,
  gpc_ref: "I.1.1",
  ...p,
});
function inv(rows: ActivityRow[], gwp = "AR5", factors: FactorRow[] = builtinFactors()) {
  const r = computeInventory({ activities: rows, factors, gwp: gwpSet(gwp), activityDefs: defs });
  if (!r.ok) assert.fail(r.problems.map((p) => p.message).join("\n"));
  return r;
}
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= Math.abs(b) * 1e-12, `${a} is not ${b}`);

describe("built-in factors", () => {
  test("every factor has a source, a publication year and a unit the table reads", () => {
    for (const f of builtinFactors()) {
      assert.ok(f.source && f.source.length > 10, f.id);
      assert.ok(Number.isInteger(f.source_year) && f.source_year! >= 2006 && f.source_year! <= 2026, f.id);
      assert.ok(parseUnit(f.unit, { allowCustom: true }).ok, f.id);
      assert.ok(
        defs.some((d) => d.id === f.activity),
        f.id,
      );
    }
    const ids = builtinFactors().map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
    // and every GWP set accepts every built-in factor
    for (const name of Object.keys(GWP_SETS)) inv([], name);
  });

  test("every name and alias points to one activity", () => {
    const seen = new Map<string, string>();
    for (const d of defs)
      for (const n of new Set([d.id, d.name, d.name_ko, ...d.aliases].map((x) => x.trim().toLowerCase()))) {
        assert.ok(!seen.has(n) || seen.get(n) === d.id, `"${n}" names both ${seen.get(n)} and ${d.id}`);
        seen.set(n, d.id);
      }
  });

  test("coverage: every fuel x stationary/mobile x gas, every grid year from 2018", () => {
    const all = builtinFactors();
    const has = (a: string, gas: string, ref: string | undefined) =>
      all.filter((f) => f.activity === a && f.gas === gas && f.gpc_ref === ref).length;
    for (const fuel of FUELS) {
      assert.equal(has(fuel.id, "CO2", undefined), 1, `${fuel.id} CO2`);
      for (const gas of ["CH4", "N2O"]) {
        for (const ref of ["I", "I.1", "I.2", "I.5"])
          assert.equal(has(fuel.id, gas, ref), 1, `${fuel.id} ${gas} ${ref}`);
        for (const [ref] of fuel.mobile) assert.equal(has(fuel.id, gas, ref), 1, `${fuel.id} ${gas} ${ref}`);
      }
    }
    // Mobile factors exist for every fuel but kerosene (not a transport fuel here).
    assert.deepEqual(
      FUELS.filter((f) => f.mobile.length === 0).map((f) => f.id),
      ["kerosene"],
    );
    const gridYears = all.filter((f) => f.activity === "electricity").map((f) => f.year);
    assert.deepEqual(gridYears, [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    assert.deepEqual(
      GRID_FACTORS.map((g) => g.value),
      [0.45941, 0.45941, 0.4541, 0.4509, 0.4312, 0.4173, 0.4173, 0.4173],
    );
  });

  test("city gas for housing, 1,000 천Nm3, AR5", () => {
    // 1,000 천Nm3 = 1,000,000 Nm3 x 9,190 kcal/Nm3 x 4.1868e-3 MJ/kcal = 38,476,692 MJ = 38.476692 TJ
    // CO2 38.476692 x 56,100 kg = 2,158,542.4212 kg; CH4 x 5 = 192.38346 kg; N2O x 0.1 = 3.8476692 kg (Table 2.5)
    // tCO2e = 2,158.5424212 + 0.19238346 x 28 + 0.0038476692 x 265 = 2,164.948790418
    const r = inv([row({ activity: "도시가스", amount: 1000, unit: "천Nm3" })]);
    const l = r.value.years[0]!.lines[0]!;
    close(l.gases_t.CO2!, 2158.5424212);
    close(l.gases_t.CH4!, 0.19238346);
    close(l.tco2e, 2164.948790418);
  });

  test("road diesel, 1,000 kL, AR5 (mobile CH4 and N2O)", () => {
    // 1,000,000 L x 8,420 kcal/L x 4.1868e-3 = 35,252,856 MJ = 35.252856 TJ
    // CO2 x 74,100 = 2,612,236.6296 kg; CH4 and N2O x 3.9 (Table 3.2.2) = 137.4861384 kg each
    // tCO2e = 2,612.2366296 + 0.1374861384 x (28 + 265) = 2,612.2366296 + 40.2834385512 = 2,652.5200681512
    const r = inv([row({ gpc_ref: "II.1.1", activity: "경유", amount: 1000, unit: "kL" })]);
    const l = r.value.years[0]!.lines[0]!;
    close(l.gases_t.N2O!, 0.1374861384);
    close(l.tco2e, 2652.5200681512);
    // the same diesel burnt in a boiler at home: CH4 10, N2O 0.6 kg/TJ (Table 2.5)
    const h = inv([row({ activity: "diesel", amount: 1000, unit: "kL" })]).value.years[0]!.lines[0]!;
    close(h.gases_t.CH4!, 0.35252856);
    close(h.gases_t.N2O!, 0.0211517136); // 35.252856 TJ x 0.6 kg
  });

  test("grid electricity per year, with stand-ins", () => {
    const r = inv(
      [2018, 2020, 2023, 2025].map((year) =>
        row({ year, gpc_ref: "I.2.2", activity: "전력", amount: 1000, unit: "MWh" }),
      ),
    );
    // 1,000 MWh x 0.45941 / 0.4541 / 0.4173 / 0.4173 (2025: the 2023 value stands in)
    assert.deepEqual(
      r.value.years.map((y) => [y.year, Math.round(y.lines[0]!.tco2e * 1e6) / 1e6]),
      [
        [2018, 459.41],
        [2020, 454.1],
        [2023, 417.3],
        [2025, 417.3],
      ],
    );
    const bad = computeInventory({
      activities: [row({ year: 2017, gpc_ref: "I.2.2", activity: "전력", amount: 1, unit: "MWh" })],
      factors: builtinFactors(),
      gwp: gwpSet("AR5"),
      activityDefs: defs,
    });
    assert.ok(!bad.ok && bad.problems[0]!.code === "NO_FACTOR");
  });

  test("gasoline in litres needs an NCV; in toe it does not", () => {
    const bad = computeInventory({
      activities: [row({ gpc_ref: "II.1.1", activity: "휘발유", amount: 1, unit: "L" })],
      factors: builtinFactors(),
      gwp: gwpSet("AR5"),
      activityDefs: defs,
    });
    assert.ok(!bad.ok);
    assert.deepEqual([...new Set(bad.problems.map((p) => p.code))], ["NCV_REQUIRED"]);
    // 1 toe = 41,868 MJ = 0.041868 TJ x 69,300 kg = 2,901.4524 kg CO2
    const l = inv([row({ gpc_ref: "II.1.1", activity: "휘발유", amount: 1, unit: "toe" })]).value.years[0]!
      .lines[0]!;
    close(l.gases_t.CO2!, 2.9014524);
  });

  test("count units and removals: cattle and pines", () => {
    // 100 head x 47 kg CH4 = 4.7 t CH4 x 28 = 131.6; 1,000 pines x -6.6 kg CO2 = -6.6 t
    const r = inv([
      row({ gpc_ref: "V.1", activity: "한우", amount: 100, unit: "head" }),
      row({ gpc_ref: "V.2", activity: "소나무", amount: 1000, unit: "tree" }),
    ]);
    const y = r.value.years[0]!;
    close(y.lines[0]!.tco2e, 131.6);
    close(y.lines[1]!.tco2e, -6.6);
    close(y.kr_sectors_tco2e.sinks, -6.6);
  });
});

describe("GWP sets", () => {
  // 1 t CH4 + 1 t N2O in each set: SAR 21 + 310 = 331; AR4 25 + 298 = 323; AR5 28 + 265 = 293; AR6 27 + 273 = 300
  const user: FactorRow[] = [
    { id: "u1", activity: "x", gas: "CH4", factor: 1, unit: "t/t", origin: "user", source: "test" },
    { id: "u2", activity: "x", gas: "N2O", factor: 1, unit: "t/t", origin: "user", source: "test" },
    { id: "u3", activity: "y", gas: "CH4-fossil", factor: 1, unit: "t/t", origin: "user", source: "test" },
  ];
  for (const [name, expected, fossil] of [
    ["SAR", 331, 21],
    ["AR4", 323, 25],
    ["AR5", 293, 30],
    ["AR6", 300, 29.8],
  ] as const) {
    test(name, () => {
      const r = inv(
        [
          row({ gpc_ref: "V.3", activity: "x", amount: 1, unit: "t" }),
          row({ gpc_ref: "I.8.1", activity: "y", amount: 1, unit: "t" }),
        ],
        name,
        user,
      );
      const y = r.value.years[0]!;
      close(y.lines.find((l) => l.gpc_ref === "V.3")!.tco2e, expected);
      close(y.lines.find((l) => l.gpc_ref === "I.8.1")!.tco2e, fossil);
      assert.equal(r.value.gwp_set, name);
    });
  }

  test("every set has the gases the format names, each with a source", () => {
    for (const s of Object.values(GWP_SETS)) {
      for (const g of [
        "CO2",
        "CH4",
        "CH4-fossil",
        "N2O",
        "SF6",
        "HFC-134a",
        "HFC-32",
        "HFC-125",
        "HFC-143a",
        "CF4",
        "C2F6",
      ])
        assert.ok(s.gases[g]?.source, `${s.name} ${g}`);
      if (s.name !== "SAR") assert.ok(s.gases.NF3, `${s.name} NF3`);
    }
    assert.equal(GWP_SETS.SAR.gases.NF3, undefined); // NF3 has no SAR value
    assert.throws(() => gwpSet("AR7"), /UNKNOWN_GWP_SET|not one of/);
  });
});
