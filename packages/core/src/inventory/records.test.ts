import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { activityRowsFromRecords, factorRowsFromRecords, parseNumber } from "./records.ts";

describe("CSV records", () => {
  test("numbers, with thousands separators, never a silent zero", () => {
    assert.equal(parseNumber("1234.5"), 1234.5);
    assert.equal(parseNumber(" -3e6 "), -3e6);
    assert.equal(parseNumber("1,234,567.8"), 1234567.8);
    assert.equal(parseNumber(".5"), 0.5);
    for (const bad of ["", "1,23", "12,3456", "1.2.3", "abc", "1 000", "NaN", "Infinity", "0x10"])
      assert.equal(parseNumber(bad), undefined, bad);
  });

  test("the Korean headers Citypath's exports write are read as their columns", () => {
    const r = activityRowsFromRecords({
      file: "활동.csv",
      header: ["연도", "GPC 번호", "활동", "활동량", "단위", "행정구역", "비고"],
      rows: [["2021", "I.1.1", "도시가스", "1,000", "천Nm3", "완산구", "검침 합계"]],
      lines: [2],
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value[0], {
      year: 2021,
      gpc_ref: "I.1.1",
      activity: "도시가스",
      amount: 1000,
      unit: "천Nm3",
      district: "완산구",
      note: "검침 합계",
      file: "활동.csv",
      line: 2,
    });
    // the same column twice, once in each language, is a duplicate
    const twice = activityRowsFromRecords({
      file: "a.csv",
      header: ["year", "연도", "gpc_ref", "activity", "amount", "unit"],
      rows: [["2021", "2021", "I.1.1", "x", "1", "MWh"]],
      lines: [2],
    });
    assert.ok(!twice.ok);
    assert.deepEqual(
      twice.problems.map((p) => [p.code, p.column]),
      [["DUPLICATE", "year"]],
    );
  });

  test("grouped numbers round-trip (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => parseNumber(n.toLocaleString("en-US")) === n),
    );
  });

  test("activity rows: optional and extra columns kept, notation keys, quality words", () => {
    const r = activityRowsFromRecords({
      file: "a.csv",
      header: ["year", "gpc_ref", "activity", "amount", "unit", "district", "quality", "담당자"],
      rows: [
        ["2021", "I.1.1", "도시가스", "1,000", "천Nm3", "완산구", "상", "x"],
        ["2021", "I.4.4", "", "NO", "", "", "", ""],
      ],
      lines: [2, 4],
    });
    assert.ok(r.ok);
    assert.deepEqual(r.value[0], {
      year: 2021,
      gpc_ref: "I.1.1",
      activity: "도시가스",
      amount: 1000,
      unit: "천Nm3",
      district: "완산구",
      quality: "H",
      extra: { 담당자: "x" },
      file: "a.csv",
      line: 2,
    });
    assert.equal(r.value[1]!.notation, "NO");
    assert.equal(r.value[1]!.amount, null);
    assert.equal(r.value[1]!.line, 4);
  });

  test("activity rows: every problem at once with line and column", () => {
    const r = activityRowsFromRecords({
      file: "a.csv",
      header: ["year", "gpc_ref", "activity", "amount", "unit", "quality"],
      rows: [
        ["20x1", "I.1.1", "diesel", "1", "L", ""],
        ["2021", "", "diesel", "one", "L", "best"],
        ["2021", "I.1.1", "", "1", "", ""],
      ],
      lines: [2, 3, 4],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code]),
      [
        [2, "year", "BAD_VALUE"],
        [3, "amount", "BAD_NUMBER"],
        [3, "quality", "BAD_VALUE"],
        [3, "gpc_ref", "MISSING_VALUE"],
        [4, "activity", "MISSING_VALUE"],
        [4, "unit", "MISSING_VALUE"],
      ],
    );
  });

  test("an unquoted thousands separator splits the row: the problem says so", () => {
    const r = activityRowsFromRecords({
      file: "a.csv",
      header: ["year", "gpc_ref", "activity", "amount", "unit"],
      rows: [["2021", "I.1.1", "diesel", "1", "000", "kL"]],
      lines: [2],
    });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "BAD_VALUE");
    assert.match(r.problems[0]!.message, /6 fields but the header 5.*must be quoted/);
  });

  test("missing columns are named, at line 1", () => {
    const r = activityRowsFromRecords({
      file: "a.csv",
      header: ["year", "activity", "amount"],
      rows: [],
      lines: [],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line, p.column]),
      [
        ["MISSING_COLUMN", 1, "gpc_ref"],
        ["MISSING_COLUMN", 1, "unit"],
      ],
    );
  });

  test("factor rows", () => {
    const r = factorRowsFromRecords({
      file: "f.csv",
      header: ["activity", "gas", "factor", "unit", "gpc_ref", "year", "ncv", "ncv_unit", "source"],
      rows: [
        ["city_gas", "CO2", "56,100", "kg/TJ", "I", "", "38.5", "MJ/Nm3", "IPCC"],
        ["electricity", "CO2e", "0.4173", "tCO2e/MWh", "", "2023", "", "", ""],
        ["x", "CO2", "abc", "t/t", "", "19", "", "", ""],
      ],
      lines: [2, 3, 4],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code]),
      [
        [4, "factor", "BAD_NUMBER"],
        [4, "year", "BAD_VALUE"],
      ],
    );
    const good = factorRowsFromRecords({
      file: "f.csv",
      header: ["activity", "gas", "factor", "unit", "gpc_ref", "year", "ncv", "ncv_unit", "source"],
      rows: [["city_gas", "CO2", "56,100", "kg/TJ", "I", "", "38.5", "MJ/Nm3", "IPCC"]],
      lines: [2],
    });
    assert.ok(good.ok);
    assert.deepEqual(good.value[0], {
      id: "f.csv:2",
      activity: "city_gas",
      gas: "CO2",
      factor: 56100,
      unit: "kg/TJ",
      gpc_ref: "I",
      ncv: 38.5,
      ncv_unit: "MJ/Nm3",
      source: "IPCC",
      origin: "user",
      file: "f.csv",
      line: 2,
    });
  });
});
