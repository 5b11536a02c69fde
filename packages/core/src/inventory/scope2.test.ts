import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GwpSet } from "../gwp/index.ts";
import { computeInventory } from "./compute.ts";
import { mergeFactors } from "./factors.ts";
import { inventoryCsv, inventoryJson, inventoryTable } from "./present.ts";
import { activityRowsFromRecords, factorRowsFromRecords } from "./records.ts";
import { InventoryJsonSchema, upgradeInventoryJson } from "./schema.ts";
import type { FactorRow } from "./types.ts";

const GWP: GwpSet = {
  name: "TEST-AR5",
  title: "AR5 values for tests",
  year: 2013,
  gases: { CO2: { value: 1, source: "AR5" }, CH4: { value: 28, source: "AR5" } },
};

const csv = (file: string, text: string) => {
  const [header, ...rows] = text.trim().split("\n");
  return {
    file,
    header: header!.split(","),
    rows: rows.map((r) => r.split(",")),
    lines: rows.map((_, i) => i + 2),
  };
};

/**
 * Dual reporting worked by hand (GHG Protocol Scope 2 Guidance). 2023, grid average 0.45 tCO2e/MWh; a
 * residual mix of 0.5 tCO2e/MWh published for commercial and public buildings (gpc_ref I.2) only.
 *   I.2.2  1,000 MWh, no instrument      location 1,000 × 0.45 = 450    market 1,000 × 0.5 (residual) = 500
 *          200 MWh, REC at 0                      200 × 0.45 =  90           200 × 0             =   0
 *          300,000 kWh, supplier 0.25 kgCO2e/kWh  300 × 0.45 = 135           300 MWh × 0.25 t    =  75
 *          line                                              675                                    575
 *  I.1.2  100 MWh, no instrument, no residual mix  100 × 0.45 = 45           grid average, stated  =  45
 *  I.1.1  1 TJ of city gas at 56,100 kg CO2/TJ     56.1                      not scope 2: the same =  56.1
 *  BASIC: location 675 + 45 + 56.1 = 776.1; market 575 + 45 + 56.1 = 676.1; buildings the same.
 */
const ACTIVITY = `year,gpc_ref,activity,amount,unit,instrument,instrument_factor,instrument_factor_unit
2023,I.2.2,electricity,1000,MWh,,,
2023,I.2.2,electricity,200,MWh,REC,0,tCO2e/MWh
2023,I.2.2,electricity,300000,kWh,공급자별,0.25,kgCO2e/kWh
2023,I.1.2,electricity,100,MWh,,,
2023,I.1.1,city_gas,1,TJ,,,`;

const FACTORS = `activity,gas,factor,unit,gpc_ref,scope2_method,source
electricity,CO2e,0.45,tCO2e/MWh,,,test grid average
electricity,CO2e,0.5,tCO2e/MWh,I.2,market_based,test residual mix
city_gas,CO2,56100,kg/TJ,,,test`;

function compute(activity = ACTIVITY, factors = FACTORS, builtin: FactorRow[] = []) {
  const a = activityRowsFromRecords(csv("a.csv", activity));
  assert.ok(a.ok, JSON.stringify(!a.ok && a.problems));
  const f = factorRowsFromRecords(csv("f.csv", factors));
  assert.ok(f.ok, JSON.stringify(!f.ok && f.problems));
  return {
    rows: a.value,
    result: computeInventory({ activities: a.value, factors: mergeFactors(builtin, f.value), gwp: GWP }),
  };
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} is not ${b}`);

describe("inventory: Scope 2 both ways, worked by hand", () => {
  test("location-based and market-based lines, totals and sectors", () => {
    const { result: r } = compute();
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const y = r.value.years[0]!;
    const line = (ref: string) => y.lines.find((l) => l.gpc_ref === ref)!;
    close(line("I.2.2").tco2e, 675);
    close(line("I.2.2").market_based_tco2e, 575);
    close(line("I.1.2").tco2e, 45);
    close(line("I.1.2").market_based_tco2e, 45);
    close(line("I.1.1").market_based_tco2e, 56.1);
    assert.equal(line("I.1.1").market_based, undefined);
    close(y.totals_tco2e.basic, 776.1);
    close(y.market_based.totals_tco2e.basic, 676.1);
    close(y.kr_sectors_tco2e.buildings, 776.1);
    close(y.market_based.kr_sectors_tco2e.buildings, 676.1);
    // what made I.2.2's market-based figure
    const d = line("I.2.2").market_based!;
    assert.deepEqual(
      d.instruments.map((x) => [x.instrument, x.factor, x.unit, x.rows]),
      [
        ["rec", 0, "tCO2e/MWh", 1],
        ["supplier_specific", 0.25, "kgCO2e/kWh", 1],
      ],
    );
    close(d.instruments[1]!.tco2e, 75);
    assert.equal(d.residual_mix.length, 1);
    close(d.residual_mix[0]!.tco2e, 500);
    assert.equal(d.grid_average_tco2e, 0);
    close(line("I.1.2").market_based!.grid_average_tco2e, 45);
    // the grid average taken for want of a residual mix is a stated assumption, said once
    const said = r.warnings.filter((w) => w.message.includes("residual-mix"));
    assert.equal(said.length, 1);
    assert.match(said[0]!.message, /"electricity" in 2023: .* grid average factor, an assumption/);
  });

  test("the JSON says which figure is which, validates against the contract, and the CSV and table carry both", () => {
    const { result: r, rows } = compute();
    assert.ok(r.ok);
    const j = inventoryJson("TEST-AR5", r.value, r.warnings, rows);
    assert.equal(j.version, 2);
    assert.equal(j.scope2.totals, "location_based");
    assert.ok(InventoryJsonSchema.safeParse(JSON.parse(JSON.stringify(j))).success);
    const lines = inventoryCsv(r.value).trim().split("\n");
    assert.ok(lines[0]!.endsWith(",scope2_method"));
    const market = lines.filter((l) => l.endsWith(",market_based"));
    assert.deepEqual(
      market.map((l) => l.split(",").slice(1, 2).concat(l.split(",")[7]!)),
      [
        ["I.1.2", "45"],
        ["I.2.2", "575"],
      ],
    );
    const table = inventoryTable(r.value, rows);
    assert.match(table, /location-based .*market-based/);
    assert.match(table, /BASIC +776\.1 +676\.1/);
    assert.match(
      table,
      /시장 기반 market-based 575\.0 +\(REC 구매 0 tCO2e\/MWh: 0\.0; 공급자별 배출계수 0\.25 kgCO2e\/kWh: 75\.0; residual mix 0\.5 tCO2e\/MWh: 500\.0\)/,
    );
  });

  test("without instruments or a residual mix the two methods agree", () => {
    const plain = ACTIVITY.split("\n")
      .filter((l) => !l.includes("REC") && !l.includes("공급자별"))
      .join("\n");
    const { result: r } = compute(
      plain,
      FACTORS.split("\n")
        .filter((l) => !l.includes("market_based"))
        .join("\n"),
    );
    assert.ok(r.ok);
    const y = r.value.years[0]!;
    assert.deepEqual(y.market_based.totals_tco2e, y.totals_tco2e);
    for (const l of y.lines) assert.equal(l.market_based_tco2e, l.tco2e);
  });

  test("a residual-mix factor of the user's does not replace the built-in grid average", () => {
    const builtin: FactorRow[] = [
      {
        id: "builtin:electricity",
        activity: "electricity",
        gas: "CO2e",
        factor: 0.45,
        unit: "tCO2e/MWh",
        origin: "builtin",
        source: "b",
      },
    ];
    const only =
      "activity,gas,factor,unit,scope2_method,source\nelectricity,CO2e,0.5,tCO2e/MWh,residual_mix,test";
    const { result: r } = compute(
      "year,gpc_ref,activity,amount,unit\n2023,I.1.2,electricity,100,MWh",
      only,
      builtin,
    );
    assert.ok(r.ok);
    const l = r.value.years[0]!.lines[0]!;
    close(l.tco2e, 45);
    close(l.market_based_tco2e, 50);
  });

  test("every instrument problem at once, each at its row and column", () => {
    const bad = `year,gpc_ref,activity,amount,unit,instrument,instrument_factor,instrument_factor_unit
2023,I.2.2,electricity,10,MWh,coupon,0,tCO2e/MWh
2023,I.2.2,electricity,10,MWh,,0.1,tCO2e/MWh
2023,I.2.2,electricity,10,MWh,rec,,
2023,I.2.2,electricity,10,MWh,rec,-1,tCO2e/MWh`;
    const a = activityRowsFromRecords(csv("a.csv", bad));
    assert.ok(!a.ok);
    assert.deepEqual(
      a.problems.map((p) => [p.line, p.column, p.code]),
      [
        [2, "instrument", "BAD_VALUE"],
        [3, "instrument", "MISSING_VALUE"],
        [4, "instrument_factor", "MISSING_VALUE"],
        [5, "instrument_factor", "BAD_VALUE"],
      ],
    );
    const wrong = `year,gpc_ref,activity,amount,unit,instrument,instrument_factor,instrument_factor_unit
2023,I.1.1,city_gas,1,TJ,rec,0,tCO2e/TJ
2023,I.2.2,electricity,10,MWh,rec,0,tCO2e/t
2023,I.2.2,electricity,10,MWh,ppa_direct,0,MWh`;
    const { result: r } = compute(wrong);
    assert.ok(!r.ok);
    const errors = r.problems.filter((p) => p.severity === "error");
    assert.deepEqual(
      errors.map((p) => [p.line, p.column, p.code]),
      [
        [2, "instrument", "BAD_VALUE"],
        [3, "instrument_factor_unit", "UNIT_MISMATCH"],
        [4, "instrument_factor_unit", "UNIT_MISMATCH"],
      ],
    );
    assert.match(errors[0]!.message, /scope 2 line .* I\.1\.1 is scope 1/);
  });

  test("a version 1 document reads as version 2: market-based = location-based, all at the grid average", () => {
    const { result: r } = compute(
      "year,gpc_ref,activity,amount,unit\n2023,I.1.2,electricity,100,MWh\n2023,I.1.1,city_gas,1,TJ",
    );
    assert.ok(r.ok);
    const v2 = JSON.parse(JSON.stringify(inventoryJson("TEST-AR5", r.value, [])));
    // the same document as version 1 wrote it: no scope2, no market-based fields
    const v1 = JSON.parse(JSON.stringify(v2));
    v1.version = 1;
    delete v1.scope2;
    for (const y of v1.years) {
      delete y.market_based;
      for (const l of y.lines) {
        delete l.market_based_tco2e;
        delete l.market_based;
      }
    }
    assert.ok(!InventoryJsonSchema.safeParse(v1).success);
    const up = upgradeInventoryJson(v1);
    assert.ok(InventoryJsonSchema.safeParse(up).success);
    assert.deepEqual(up, v2);
  });
});
