import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { GwpSet } from "../gwp/index.ts";
import { UNIT_TABLE } from "../units/table.ts";
import { computeInventory, type InventoryInput } from "./compute.ts";
import { mergeFactors } from "./factors.ts";
import type { ActivityRow, FactorRow, Inventory, InventoryYear } from "./types.ts";

// A GWP set written here so that these tests do not depend on the data package (AR5 values).
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

let n = 0;
const f = (p: Partial<FactorRow> & Pick<FactorRow, "activity" | "gas" | "factor" | "unit">): FactorRow => ({
  id: `f${++n}`,
  origin: "user",
  source: "test",
  ...p,
});
const row = (
  p: Partial<ActivityRow> & Pick<ActivityRow, "activity" | "amount" | "unit">,
  line?: number,
): ActivityRow => ({
  year: 2021,
  gpc_ref: "I.1.1",
  ...(line !== undefined ? { file: "a.csv", line } : {}),
  ...p,
});

function run(
  activities: ActivityRow[],
  factors: FactorRow[],
  extra: Partial<InventoryInput> = {},
): Inventory {
  const r = computeInventory({ activities, factors, gwp: GWP, ...extra });
  if (!r.ok) assert.fail(r.problems.map((p) => `${p.code} ${p.line ?? ""} ${p.message}`).join("\n"));
  return r.value;
}
const year = (inv: Inventory, y: number): InventoryYear => inv.years.find((x) => x.year === y)!;
const line = (inv: Inventory, y: number, ref: string) => year(inv, y).lines.find((l) => l.gpc_ref === ref)!;
const close = (a: number, b: number, rel = 1e-12) =>
  assert.ok(Math.abs(a - b) <= Math.abs(b) * rel + 1e-15, `${a} is not ${b}`);

const CITY_GAS = [
  f({ activity: "city_gas", gas: "CO2", factor: 56100, unit: "kg/TJ", ncv: 9190, ncv_unit: "kcal/Nm3" }),
  f({ activity: "city_gas", gas: "CH4", factor: 5, unit: "kg/TJ", ncv: 9190, ncv_unit: "kcal/Nm3" }),
  f({ activity: "city_gas", gas: "N2O", factor: 0.1, unit: "kg/TJ", ncv: 9190, ncv_unit: "kcal/Nm3" }),
];

describe("inventory: factor paths worked by hand", () => {
  test("per energy with NCV: 1,000 Nm3 of city gas", () => {
    // 1,000 Nm3 x 9,190 kcal/Nm3 = 9,190,000 kcal x 4.1868e-3 MJ/kcal = 38,476.692 MJ = 0.038476692 TJ
    // CO2 0.038476692 TJ x 56,100 kg/TJ = 2,158.5424212 kg = 2.1585424212 t
    // CH4 x 5 kg/TJ = 0.19238346 kg; N2O x 0.1 = 0.0038476692 kg
    // tCO2e = 2.1585424212 + 0.00019238346 x 28 + 0.0000038476692 x 265 = 2.1585424212 + 0.00538673688 + 0.001019632338
    const inv = run([row({ activity: "city_gas", amount: 1000, unit: "Nm3" })], CITY_GAS);
    const l = line(inv, 2021, "I.1.1");
    close(l.gases_t.CO2!, 2.1585424212);
    close(l.gases_t.CH4!, 0.00019238346);
    close(l.gases_t.N2O!, 0.0000038476692);
    close(l.tco2e, 2.1585424212 + 0.00538673688 + 0.001019632338);
    // 천Nm3 is a thousand Nm3: the same row as 1 천Nm3.
    const inv2 = run([row({ activity: "city_gas", amount: 1, unit: "천Nm3" })], CITY_GAS);
    close(line(inv2, 2021, "I.1.1").tco2e, l.tco2e);
  });

  test("per energy, activity already in energy: no NCV needed", () => {
    // 2 toe = 2 x 41,868 MJ = 83,736 MJ = 0.083736 TJ x 69,300 kg/TJ = 5,802.9048 kg
    const inv = run(
      [row({ gpc_ref: "II.1.1", activity: "gasoline", amount: 2, unit: "toe" })],
      [f({ activity: "gasoline", gas: "CO2", factor: 69300, unit: "kg/TJ" })],
    );
    close(line(inv, 2021, "II.1.1").gases_t.CO2!, 5.8029048);
  });

  test("per volume: 1,500 L of diesel at 2.6 kg/L, given in kL", () => {
    // 1.5 kL = 1,500 L x 2.6 kg/L = 3,900 kg = 3.9 t
    const inv = run(
      [row({ gpc_ref: "II.1.1", activity: "diesel", amount: 1.5, unit: "kL" })],
      [f({ activity: "diesel", gas: "CO2", factor: 2.6, unit: "kg/L" })],
    );
    close(line(inv, 2021, "II.1.1").gases_t.CO2!, 3.9);
  });

  test("per MWh: 2,000 kWh at 0.4173 tCO2e/MWh", () => {
    // 2,000 kWh = 2 MWh x 0.4173 = 0.8346 tCO2e
    const inv = run(
      [row({ gpc_ref: "I.1.2", activity: "electricity", amount: 2000, unit: "kWh" })],
      [f({ activity: "electricity", gas: "CO2e", factor: 0.4173, unit: "tCO2e/MWh" })],
    );
    const l = line(inv, 2021, "I.1.2");
    close(l.tco2e, 0.8346);
    assert.deepEqual(Object.keys(l.gases_t), ["CO2e"]);
    assert.equal(year(inv, 2021).totals_tco2e.territorial, 0); // scope 2 is not territorial
  });

  const GRID = [
    f({ activity: "electricity", gas: "CO2e", factor: 0.5, unit: "tCO2e/MWh" }),
    f({
      activity: "electricity",
      gas: "CO2e",
      factor: 0.45941,
      unit: "tCO2e/MWh",
      valid_from: 2018,
      valid_to: 2020,
    }),
    f({ activity: "electricity", gas: "CO2e", factor: 0.4509, unit: "tCO2e/MWh", year: 2021 }),
    f({ activity: "electricity", gas: "CO2e", factor: 0.4, unit: "tCO2e/MWh", year: 2020 }),
  ];
  const elec = (y: number) =>
    row({ year: y, gpc_ref: "I.2.2", activity: "electricity", amount: 100, unit: "MWh" });

  test("year-specific beats validity range beats all years", () => {
    const inv = run([elec(2019), elec(2020), elec(2021), elec(2024)], GRID);
    // 100 MWh x 0.45941 (range 2018-2020) = 45.941
    close(line(inv, 2019, "I.2.2").tco2e, 45.941);
    // 2020: the exact year (0.4) beats the range: 40
    close(line(inv, 2020, "I.2.2").tco2e, 40);
    // 2021: exact year 0.4509: 45.09
    close(line(inv, 2021, "I.2.2").tco2e, 45.09);
    // 2024: only the all-years factor: 50
    close(line(inv, 2024, "I.2.2").tco2e, 50);
    assert.equal(line(inv, 2019, "I.2.2").factors[0]!.years, "2018-2020");
  });

  test("validity range with an open end", () => {
    const inv = run(
      [elec(2017), elec(2030)],
      [
        f({ activity: "electricity", gas: "CO2e", factor: 0.5, unit: "tCO2e/MWh", valid_to: 2017 }),
        f({ activity: "electricity", gas: "CO2e", factor: 0.3, unit: "tCO2e/MWh", valid_from: 2018 }),
      ],
    );
    close(line(inv, 2017, "I.2.2").tco2e, 50);
    close(line(inv, 2030, "I.2.2").tco2e, 30);
  });

  test("the deeper GPC reference wins: stationary vs mobile CH4", () => {
    const factors = [
      f({ activity: "diesel", gas: "CO2", factor: 74100, unit: "kg/TJ" }),
      f({ activity: "diesel", gas: "CH4", factor: 3, unit: "kg/TJ", gpc_ref: "I" }),
      f({ activity: "diesel", gas: "CH4", factor: 10, unit: "kg/TJ", gpc_ref: "I.1" }),
      f({ activity: "diesel", gas: "CH4", factor: 3.9, unit: "kg/TJ", gpc_ref: "II.1" }),
    ];
    const inv = run(
      [
        row({ gpc_ref: "I.1.1", activity: "diesel", amount: 1, unit: "TJ" }),
        row({ gpc_ref: "I.3.1", activity: "diesel", amount: 1, unit: "TJ" }),
        row({ gpc_ref: "II.1.1", activity: "diesel", amount: 1, unit: "TJ" }),
      ],
      factors,
    );
    // 1 TJ: CH4 10 kg (I.1), 3 kg (I), 3.9 kg (II.1)
    close(line(inv, 2021, "I.1.1").gases_t.CH4!, 0.01);
    close(line(inv, 2021, "I.3.1").gases_t.CH4!, 0.003);
    close(line(inv, 2021, "II.1.1").gases_t.CH4!, 0.0039);
    close(line(inv, 2021, "II.1.1").gases_t.CO2!, 74.1);
  });

  test("count units: head and tree, named by the factor", () => {
    // 100 head x 47 kg CH4/head = 4,700 kg = 4.7 t CH4 x 28 = 131.6 tCO2e
    const inv = run(
      [row({ gpc_ref: "V.1", activity: "cattle", amount: 100, unit: "head" })],
      [f({ activity: "cattle", gas: "CH4", factor: 47, unit: "kg/head" })],
    );
    close(line(inv, 2021, "V.1").gases_t.CH4!, 4.7);
    close(line(inv, 2021, "V.1").tco2e, 131.6);
  });

  test("removals: negative lines under V.2 count in BASIC+ and territorial, not in BASIC", () => {
    // 1,000 trees x -6.6 kg CO2 = -6,600 kg = -6.6 t; 10 ha x -10.8 t/ha = -108 t
    const inv = run(
      [
        row({ gpc_ref: "V.2", activity: "pine", amount: 1000, unit: "tree" }),
        row({ gpc_ref: "V.2", activity: "forest", amount: 10, unit: "ha" }),
        row({ gpc_ref: "I.1.2", activity: "electricity", amount: 1000, unit: "MWh" }),
      ],
      [
        f({ activity: "pine", gas: "CO2", factor: -6.6, unit: "kg/tree" }),
        f({ activity: "forest", gas: "CO2", factor: -10.8, unit: "t/ha" }),
        f({ activity: "electricity", gas: "CO2e", factor: 0.5, unit: "tCO2e/MWh" }),
      ],
    );
    const y = year(inv, 2021);
    close(line(inv, 2021, "V.2").tco2e, -114.6);
    // BASIC 500 (electricity); BASIC+ 500 - 114.6 = 385.4; territorial -114.6 (scope 1 only)
    close(y.totals_tco2e.basic, 500);
    close(y.totals_tco2e.basic_plus, 385.4);
    close(y.totals_tco2e.territorial, -114.6);
    close(y.kr_sectors_tco2e.sinks, -114.6);
    close(y.kr_sectors_tco2e.buildings, 500);
  });

  test("totals: territorial-only lines and scope 3", () => {
    const ef = [f({ activity: "x", gas: "CO2e", factor: 1, unit: "t/t" })];
    const refs = ["I.1.1", "I.1.3", "I.4.4", "III.1.2", "III.1.3", "IV.1", "VI.1"];
    // each ref gets (index + 1) x 10 t
    const inv = run(
      refs.map((r, i) => row({ gpc_ref: r, activity: "x", amount: (i + 1) * 10, unit: "t" })),
      ef,
    );
    // I.1.1 10 (basic, s1), I.1.3 20 (basic+, s3), I.4.4 30 (territorial, s1), III.1.2 40 (basic, s3),
    // III.1.3 50 (territorial, s1), IV.1 60 (basic+, s1), VI.1 70 (other, s3)
    // BASIC = 10 + 40 = 50; BASIC+ = 50 + 20 + 60 = 130; territorial = 10 + 30 + 50 + 60 = 150
    assert.deepEqual(year(inv, 2021).totals_tco2e, { basic: 50, basic_plus: 130, territorial: 150 });
    // Korean sectors: buildings 10, waste 40, industry 60; I.1.3, I.4.4, III.1.3, VI.1 left out
    const kr = year(inv, 2021).kr_sectors_tco2e;
    assert.deepEqual(kr, {
      buildings: 10,
      transport: 0,
      industry: 60,
      conversion: 0,
      agriculture: 0,
      waste: 40,
      sinks: 0,
    });
  });

  test("trace, districts, quality and completeness", () => {
    const inv = run(
      [
        row({ activity: "city_gas", amount: 1000, unit: "Nm3", district: "완산구", quality: "H" }, 2),
        row({ activity: "city_gas", amount: 3000, unit: "Nm3", district: "덕진구", quality: "L" }, 3),
        row({ gpc_ref: "I.4.4", activity: "", amount: null, unit: "", notation: "NO" }, 4),
        row({ gpc_ref: "III.1.1", activity: "", amount: null, unit: "", notation: "NE" }, 5),
      ],
      CITY_GAS,
    );
    const l = line(inv, 2021, "I.1.1");
    assert.deepEqual(l.activity_rows, [0, 1]);
    assert.equal(l.quality, "L");
    const one = 2.1585424212 + 0.00538673688 + 0.001019632338; // tCO2e per 1,000 Nm3, worked above
    close(l.districts!.완산구!, one);
    close(l.districts!.덕진구!, 3 * one);
    const y = year(inv, 2021);
    close(y.data_quality.H, one);
    close(y.data_quality.L, 3 * one);
    assert.equal(y.completeness["I.1.1"], "reported");
    assert.equal(y.completeness["I.4.4"], "NO");
    assert.equal(y.completeness["III.1.1"], "NE");
    assert.equal(y.completeness["II.1.1"], "missing");
    assert.equal(l.factors.length, 3);
    assert.deepEqual(
      l.factors.map((x) => [x.gas, x.rows]),
      [
        ["CO2", 2],
        ["CH4", 2],
        ["N2O", 2],
      ],
    );
  });

  test("aliases: a Korean name finds the factor", () => {
    const inv = run([row({ activity: "도시가스", amount: 1000, unit: "Nm3" })], CITY_GAS, {
      activityDefs: [{ id: "city_gas", name: "City gas", name_ko: "도시가스", aliases: [], kind: "fuel" }],
    });
    close(line(inv, 2021, "I.1.1").gases_t.CO2!, 2.1585424212);
  });

  test("user factors replace the built-in factors of the activities they name", () => {
    const builtin = [
      ...CITY_GAS,
      f({ activity: "diesel", gas: "CO2", factor: 74100, unit: "kg/TJ", origin: "builtin" }),
    ];
    const user = [f({ activity: "도시가스", gas: "CO2e", factor: 2, unit: "kg/Nm3" })];
    const merged = mergeFactors(builtin, user, [
      { id: "city_gas", name: "City gas", name_ko: "도시가스", aliases: [], kind: "fuel" },
    ]);
    assert.deepEqual(
      merged.map((x) => `${x.activity}:${x.gas}`),
      ["diesel:CO2", "도시가스:CO2e"],
    );
  });

  test("a factor without a source is used and flagged", () => {
    const r = computeInventory({
      activities: [row({ activity: "x", amount: 1, unit: "t" })],
      factors: [
        {
          id: "nosrc",
          activity: "x",
          gas: "CO2",
          factor: 1,
          unit: "t/t",
          origin: "user",
          file: "f.csv",
          line: 2,
        },
      ],
      gwp: GWP,
    });
    assert.ok(r.ok);
    assert.equal(r.value.years[0]!.lines[0]!.factors[0]!.flagged, true);
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.file, w.line]),
      [["FACTOR_WITHOUT_SOURCE", "f.csv", 2]],
    );
  });
});

describe("inventory: bad input", () => {
  test("every problem at once, each with file, line, column and code", () => {
    const r = computeInventory({
      activities: [
        row({ activity: "city_gas", amount: 1, unit: "mwh" }, 2), // unknown unit (case-sensitive)
        row({ activity: "city_gas", amount: 1, unit: "m3" }, 3), // Nm3 NCV, m3 activity
        row({ activity: "nothing", amount: 1, unit: "t" }, 4), // no factor
        row({ gpc_ref: "I.9.1", activity: "city_gas", amount: 1, unit: "Nm3" }, 5), // unknown ref
        row({ activity: "city_gas", amount: Number.NaN, unit: "Nm3" }, 6), // bad number
        row({ activity: "noncv", amount: 1, unit: "L" }, 7), // per energy, no NCV
        row({ activity: "amb", amount: 1, unit: "t" }, 8), // two equal CO2 factors
        row({ activity: "mixed", amount: 1, unit: "t" }, 9), // CO2e and CO2
        row({ activity: "cattle", amount: 1, unit: "tree" }, 10), // count units differ
        row({ activity: "nothing", amount: 1, unit: "t" }, 11), // the same problem again
      ],
      factors: [
        ...CITY_GAS,
        f({ activity: "noncv", gas: "CO2", factor: 1, unit: "kg/TJ" }),
        f({ activity: "amb", gas: "CO2", factor: 1, unit: "t/t" }),
        f({ activity: "amb", gas: "CO2", factor: 2, unit: "t/t" }),
        f({ activity: "mixed", gas: "CO2", factor: 1, unit: "t/t" }),
        f({ activity: "mixed", gas: "CO2e", factor: 2, unit: "tCO2e/t", year: 2021 }),
        f({ activity: "cattle", gas: "CH4", factor: 47, unit: "kg/head" }),
        f({ activity: "tree", gas: "CO2", factor: -6.6, unit: "kg/tree" }),
      ],
      gwp: GWP,
    });
    assert.ok(!r.ok);
    const got = r.problems.map((p) => [p.code, p.file, p.line, p.column]);
    assert.deepEqual(got, [
      ["UNKNOWN_UNIT", "a.csv", 2, "unit"],
      ["UNIT_MISMATCH", "a.csv", 3, "unit"],
      ["NO_FACTOR", "a.csv", 4, "activity"],
      ["UNKNOWN_GPC_REF", "a.csv", 5, "gpc_ref"],
      ["BAD_NUMBER", "a.csv", 6, "amount"],
      ["NCV_REQUIRED", "a.csv", 7, "unit"],
      ["AMBIGUOUS_FACTOR", "a.csv", 8, "activity"],
      ["AMBIGUOUS_FACTOR", "a.csv", 9, "activity"],
      ["UNIT_MISMATCH", "a.csv", 10, "unit"],
    ]);
    const byLine = (l: number) => r.problems.find((p) => p.line === l)!.message;
    assert.match(byLine(2), /"mwh"/);
    assert.match(byLine(3), /"m3".*"kg\/TJ".*"kcal\/Nm3".*so do its CH4 and N2O factors/);
    assert.match(byLine(4), /also on line 11/);
    assert.match(byLine(9), /CO2e factor and per-gas factors/);
    assert.match(byLine(10), /"tree".*"kg\/head"/);
  });

  test("bad factors are reported at their file and line", () => {
    const r = computeInventory({
      activities: [],
      factors: [
        { id: "a", activity: "x", gas: "XX", factor: 1, unit: "t/t", origin: "user", file: "f.csv", line: 2 },
        {
          id: "b",
          activity: "x",
          gas: "CO2",
          factor: 1,
          unit: "t/t",
          gpc_ref: "VII",
          origin: "user",
          file: "f.csv",
          line: 3,
        },
        {
          id: "c",
          activity: "x",
          gas: "CO2",
          factor: 1,
          unit: "MWh/t",
          origin: "user",
          file: "f.csv",
          line: 4,
        },
        {
          id: "d",
          activity: "x",
          gas: "CH4",
          factor: 1,
          unit: "tCO2e/t",
          origin: "user",
          file: "f.csv",
          line: 5,
        },
        {
          id: "e",
          activity: "x",
          gas: "CO2",
          factor: 1,
          unit: "kg/TJ",
          ncv: 5,
          origin: "user",
          file: "f.csv",
          line: 6,
        },
        {
          id: "g",
          activity: "x",
          gas: "CO2",
          factor: 1,
          unit: "kg/L",
          ncv: 5,
          ncv_unit: "MJ/L",
          origin: "user",
          file: "f.csv",
          line: 7,
        },
        {
          id: "h",
          activity: "x",
          gas: "N2O",
          factor: 1,
          unit: "kgCH4/TJ",
          origin: "user",
          file: "f.csv",
          line: 8,
        },
      ],
      gwp: GWP,
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line, p.column]),
      [
        ["UNKNOWN_GAS", 2, "gas"],
        ["UNKNOWN_GPC_REF", 3, "gpc_ref"],
        ["UNIT_MISMATCH", 4, "unit"],
        ["UNIT_MISMATCH", 5, "unit"],
        ["MISSING_VALUE", 6, "ncv_unit"],
        ["UNIT_MISMATCH", 7, "ncv"],
        ["BAD_VALUE", 8, "unit"],
      ],
    );
  });
});

describe("inventory: properties", () => {
  const energyUnits = Object.entries(UNIT_TABLE)
    .filter(([, d]) => d.dimension === "energy")
    .map(([s]) => s);
  const withPrefix = [...energyUnits, ...energyUnits.map((u) => `천${u}`)];

  test("an amount written in any energy unit gives the same tCO2e", () => {
    const ef = [f({ activity: "e", gas: "CO2e", factor: 0.4173, unit: "tCO2e/MWh" })];
    fc.assert(
      fc.property(
        fc.constantFrom(...withPrefix),
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        (u, mwh) => {
          const scale = UNIT_TABLE[u.replace("천", "")]!.scale * (u.startsWith("천") ? 1000 : 1);
          const amount = (mwh * 3600) / scale; // MWh -> MJ -> u
          const inv = run([row({ gpc_ref: "I.1.2", activity: "e", amount, unit: u })], ef);
          const got = inv.years[0]!.lines[0]!.tco2e;
          return Math.abs(got - mwh * 0.4173) <= mwh * 0.4173 * 1e-12;
        },
      ),
      { numRuns: 300 },
    );
  });

  test("totals are linear in the amounts and equal the sum of their lines", () => {
    const refs = ["I.1.1", "I.1.2", "I.4.4", "II.1.3", "III.1.3", "V.2", "VI.1", "IV.1"];
    const ef = [f({ activity: "x", gas: "CH4", factor: 1, unit: "kg/t" })];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...refs), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (rows, k) => {
          const acts = rows.map(([r, a]) => row({ gpc_ref: r, activity: "x", amount: a, unit: "t" }));
          const y1 = run(acts, ef).years[0]!;
          const y2 = run(
            acts.map((a) => ({ ...a, amount: (a.amount as number) * k })),
            ef,
          ).years[0]!;
          const tol = (x: number) => 1e-9 * (Math.abs(x) + 1);
          const sum = (pred: (l: (typeof y1.lines)[number]) => boolean) =>
            y1.lines.filter(pred).reduce((s, l) => s + l.tco2e, 0);
          return (
            Math.abs(y2.totals_tco2e.basic_plus - k * y1.totals_tco2e.basic_plus) <=
              tol(k * y1.totals_tco2e.basic_plus) * 10 &&
            Math.abs(y1.totals_tco2e.basic - sum((l) => l.level === "basic")) <= tol(y1.totals_tco2e.basic) &&
            Math.abs(y1.totals_tco2e.territorial - sum((l) => l.scope === 1)) <=
              tol(y1.totals_tco2e.territorial)
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
