import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type InventoryJson, InventoryJsonSchema } from "@citypath/core";
import { main } from "../main.ts";

const ROOT = new URL("../../../../", import.meta.url).pathname;

async function cli(args: string[], cwd = ROOT) {
  let out = "";
  let err = "";
  const code = await main(args, {
    cwd,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe("citypath inventory", () => {
  test("the demo file as JSON: the contract's shape and figures", async () => {
    const r = await cli(["inventory", "--activity", "packages/data/demo/activity.csv", "--format", "json"]);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as InventoryJson;
    assert.equal(doc.gwp_set, "AR5");
    assert.deepEqual(
      doc.years.map((y) => y.year),
      [2018, 2023],
    );
    const y = doc.years[0]!;
    assert.deepEqual(Object.keys(y.totals_tco2e), ["basic", "basic_plus", "territorial"]);
    assert.deepEqual(Object.keys(y.kr_sectors_tco2e), [
      "buildings",
      "transport",
      "industry",
      "conversion",
      "agriculture",
      "waste",
      "sinks",
    ]);
    const l = y.lines.find((x) => x.gpc_ref === "I.1.2")!;
    // 1,212,000 MWh x 0.45941 tCO2e/MWh (2018: the 2014-16 average in force) = 556,804.92
    assert.ok(Math.abs(l.tco2e - 556804.92) < 1e-6);
    assert.equal(l.factors[0]!.factor_id, "builtin:electricity:CO2e:2018");
    // no residual mix is published: the market-based figures take the grid average, stated once a year
    assert.equal(l.market_based_tco2e, l.tco2e);
    assert.deepEqual(y.market_based.totals_tco2e, y.totals_tco2e);
    assert.deepEqual(
      doc.problems.map((p) => [p.code, p.severity, p.path]),
      [
        ["NO_FACTOR", "warning", "market_based.2018.electricity"],
        ["NO_FACTOR", "warning", "market_based.2023.electricity"],
      ],
    );
    assert.ok(InventoryJsonSchema.safeParse(doc).success);
  });

  test("--gwp changes the CO2e of CH4 and N2O", async () => {
    const ar5 = JSON.parse(
      (await cli(["inventory", "--activity", "packages/data/demo/activity.csv", "--format", "json"])).out,
    );
    const sar = JSON.parse(
      (
        await cli([
          "inventory",
          "--activity",
          "packages/data/demo/activity.csv",
          "--format",
          "json",
          "--gwp",
          "SAR",
        ])
      ).out,
    );
    assert.equal(sar.gwp_set, "SAR");
    const v1 = (d: InventoryJson) => d.years[0]!.lines.find((l) => l.gpc_ref === "V.1")!;
    // V.1 is CH4 only: the same tonnes, x 21 instead of x 28
    assert.equal(v1(sar).gases_t.CH4, v1(ar5).gases_t.CH4);
    assert.ok(Math.abs(v1(sar).tco2e / v1(ar5).tco2e - 21 / 28) < 1e-12);
  });

  test("relative paths resolve against the current directory; CSV output", async () => {
    const r = await cli(
      ["inventory", "--activity", "activity.csv", "--format", "csv"],
      `${ROOT}packages/data/demo`,
    );
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split("\n");
    assert.equal(lines[0], "year,gpc_ref,scope,level,kr_sector,gas,gas_t,tco2e,gwp_set,scope2_method");
    assert.ok(
      lines.includes(
        "2018,I.1.2,2,basic,buildings,CO2e,556804.9199999999,556804.9199999999,AR5,location_based",
      ),
    );
    assert.ok(lines.includes("2018,I.1.2,2,basic,buildings,CO2e,,556804.9199999999,AR5,market_based"));
  });

  test("the table names the totals and the Korean sectors", async () => {
    const r = await cli(["inventory", "--activity", "packages/data/demo/activity.csv"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /BASIC\+\s+5,037,823\.5/);
    assert.match(r.out, /건물 Buildings/);
    assert.match(r.out, /Notation keys: I\.4\.4 NO, II\.2\.1 IE, III\.1\.1 NE/);
  });

  test("bad input: exit 2, every problem with file, line, column and code, no totals", async () => {
    const file = "packages/data/src/fixtures/activity-bad.csv";
    const r = await cli(["inventory", "--activity", file, "--format", "json"]);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.out) as InventoryJson;
    assert.deepEqual(doc.years, []);
    assert.ok(InventoryJsonSchema.safeParse(doc).success, "the failure document follows the contract too");
    assert.deepEqual(
      doc.problems.map((p) => [p.code, p.file, p.line, p.column]),
      [
        ["UNKNOWN_UNIT", file, 2, "unit"],
        ["UNKNOWN_GPC_REF", file, 3, "gpc_ref"],
        ["BAD_NUMBER", file, 4, "amount"],
        ["NO_FACTOR", file, 5, "activity"],
        ["NCV_REQUIRED", file, 6, "unit"],
      ],
    );
    // The parser's problems and the calculation's come together.
    const text = await cli(["inventory", "--activity", file]);
    assert.equal(text.code, 2);
    assert.match(
      text.err,
      /error BAD_NUMBER at packages\/data\/src\/fixtures\/activity-bad\.csv:4 \[amount\]/,
    );
    assert.equal(text.out, "");
  });

  test("calculation problems all at once, in the JSON shape", async () => {
    const r = await cli([
      "inventory",
      "--activity",
      "packages/data/src/fixtures/activity-utf8.csv",
      "--factors",
      "packages/data/src/fixtures/activity-utf8.csv",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.out) as InventoryJson;
    assert.ok(doc.problems.some((p) => p.code === "MISSING_COLUMN" && p.column === "gas" && p.line === 1));
  });

  test("unknown GWP set and bad options", async () => {
    const r = await cli(["inventory", "--activity", "packages/data/demo/activity.csv", "--gwp", "AR9"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /UNKNOWN_GWP_SET/);
    assert.equal((await cli(["inventory"])).code, 2);
    assert.equal((await cli(["inventory", "--activity", "x.csv", "--bogus", "1"])).code, 2);
  });

  test("a CP949 file, detected", async () => {
    const r = await cli([
      "inventory",
      "--activity",
      "packages/data/src/fixtures/activity-cp949.csv",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as InventoryJson;
    // 1,000 천Nm3 of city gas for housing, worked in data/src/factors/builtin.test.ts: 2,164.948790418 tCO2e
    const l = doc.years[0]!.lines.find((x) => x.gpc_ref === "I.1.1")!;
    assert.ok(Math.abs(l.tco2e - 2164.948790418) < 1e-9);
    assert.deepEqual(Object.keys(l.districts ?? {}), ["완산구"]);
  });

  test("user factors replace the built-in factors of the activities they name", async () => {
    const dir = `${ROOT}packages/data/demo`;
    const r = await cli(
      [
        "inventory",
        "--activity",
        "activity.csv",
        "--factors",
        "../src/fixtures/factors-grid.csv",
        "--format",
        "json",
      ],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as InventoryJson;
    const l = doc.years[0]!.lines.find((x) => x.gpc_ref === "I.1.2")!;
    // 1,212,000 MWh x 0.5 (the user's factor for every year) = 606,000
    assert.equal(l.tco2e, 606000);
    assert.equal(l.factors[0]!.origin, "user");
    assert.equal(l.factors[0]!.flagged, true);
    assert.ok(doc.problems.some((p) => p.code === "FACTOR_WITHOUT_SOURCE" && p.severity === "warning"));
  });
});

describe("citypath inventory --explain", () => {
  test("the arithmetic of each row of a line", async () => {
    const r = await cli(["inventory", "--activity", "packages/data/demo/activity.csv", "--explain", "I.1.2"]);
    assert.equal(r.code, 0, r.err);
    // 2018: 1,212,000 MWh x 0.45941 tCO2e/MWh = 556,804.92 tCO2e
    assert.match(r.out, /I\.1\.2 2018 .* 556,804\.92 tCO2e · 1 row/);
    assert.match(r.out, /activity\.csv:6 {2}전력 1,212,000 MWh = 556,804\.92 tCO2e/);
    assert.match(
      r.out,
      /CO2e {2}1,212,000 MWh x 0\.45941 tCO2e\/MWh = 556,804\.92 t x GWP 1 = 556,804\.92 tCO2e/,
    );
    const missing = await cli([
      "inventory",
      "--activity",
      "packages/data/demo/activity.csv",
      "--explain",
      "I.7.1",
    ]);
    assert.equal(missing.code, 2);
  });
});

describe("citypath factors", () => {
  test("lists built-in activities with Korean names, aliases and sources", async () => {
    const r = await cli(["factors", "--activity", "경유"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^diesel {2}경유/);
    assert.match(r.out, /Table 3\.2\.2/);
    assert.match(r.out, /NCV 8420 kcal\/L/);
    const all = await cli(["factors", "--format", "json"]);
    const doc = JSON.parse(all.out) as { activities: Array<{ id: string; factors: unknown[] }> };
    assert.ok(doc.activities.find((a) => a.id === "electricity")!.factors.length >= 8);
    assert.equal((await cli(["factors", "--activity", "plutonium"])).code, 2);
  });
});
