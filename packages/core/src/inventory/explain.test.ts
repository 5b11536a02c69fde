import assert from "node:assert/strict";
import { test } from "node:test";
import type { GwpSet } from "../gwp/index.ts";
import { explainLine, explanationText } from "./explain.ts";
import type { ActivityRow, FactorRow } from "./types.ts";

const GWP: GwpSet = {
  name: "T",
  title: "test",
  year: 2013,
  gases: { CO2: { value: 1, source: "t" }, CH4: { value: 28, source: "t" } },
};
const factors: FactorRow[] = [
  {
    id: "co2",
    activity: "diesel",
    gas: "CO2",
    factor: 74100,
    unit: "kg/TJ",
    ncv: 8420,
    ncv_unit: "kcal/L",
    origin: "user",
    source: "IPCC",
  },
  {
    id: "ch4",
    activity: "diesel",
    gas: "CH4",
    factor: 3.9,
    unit: "kg/TJ",
    ncv: 8420,
    ncv_unit: "kcal/L",
    origin: "user",
    source: "IPCC",
  },
];
const rows: ActivityRow[] = [
  { year: 2021, gpc_ref: "II.1.1", activity: "diesel", amount: 1000, unit: "L", file: "a.csv", line: 2 },
  { year: 2021, gpc_ref: "II.1.1", activity: "diesel", amount: 3, unit: "kL", file: "a.csv", line: 3 },
  { year: 2021, gpc_ref: "I.1.1", activity: "diesel", amount: 1, unit: "kL", file: "a.csv", line: 4 },
];

test("a line explained row by row, adding up to the line", () => {
  const r = explainLine({ activities: rows, factors, gwp: GWP }, "II.1.1");
  assert.ok(r.ok);
  const [e] = r.value;
  assert.equal(e!.rows.length, 2);
  // 1,000 L x 8,420 kcal/L x 4.1868e-3 MJ/kcal = 35,252.856 MJ = 0.035252856 TJ
  // CO2 x 74,100 kg/TJ = 2,612.2366296 kg; CH4 x 3.9 = 0.1374861384 kg x 28 = 3.8496118752 kg CO2e
  const first = e!.rows[0]!;
  assert.deepEqual([first.file, first.line], ["a.csv", 2]);
  assert.ok(Math.abs(first.terms[0]!.gas_t - 2.6122366296) < 1e-12);
  assert.ok(Math.abs(first.terms[1]!.tco2e - 0.0038496118752) < 1e-15);
  assert.equal(first.terms[1]!.gwp, 28);
  // the second row is 3 times the first; together 4 times
  assert.ok(Math.abs(e!.rows[1]!.tco2e - 3 * first.tco2e) < 1e-9);
  assert.ok(Math.abs(e!.line.tco2e - 4 * first.tco2e) < 1e-9);
  assert.match(explanationText(r.value), /a\.csv:2 {2}diesel 1,000 L = 2\.616086 tCO2e/);
});

test("a line that has no rows is a problem", () => {
  const r = explainLine({ activities: rows, factors, gwp: GWP }, "III.1.1");
  assert.ok(!r.ok);
  assert.equal(r.problems[0]!.code, "NOT_FOUND");
});
