import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { previewObservationImport } from "./import.ts";
import { indicator } from "./test-fixtures.ts";

const ghg = indicator({
  id: "ghg",
  kind: "emissions",
  unit: "ktCO2e",
  unit_label: { ko: "천톤", en: "kt" },
  direction: "decrease",
  observed: [{ year: 2018, value: 4371, source: "s1" }],
});
const riders = indicator({ id: "riders", unit: "rider/d", unit_label: { ko: "명/일", en: "riders/day" } });
const opts = { file: "values.csv", firstLine: 2, sources: new Set(["s1"]) };

describe("importing indicator values", () => {
  test("a clean table previews adds, replacements and unchanged values, converting units", () => {
    const r = previewObservationImport(
      [
        // 4,371,000 tCO2e = 4,371 ktCO2e: the same as stored
        { Indicator: "ghg", Year: "2018", Value: "4,371,000", Unit: "tCO2e", Source: "s1" },
        { Indicator: "ghg", Year: "2019", Value: "4300", Source: "s1" },
        {
          Indicator: "riders",
          Year: "2027",
          Value: "9500",
          District: "완산구",
          Illustrative: "yes",
          Note: "test figure",
        },
      ],
      [ghg, riders],
      opts,
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((c) => [c.line, c.kind, c.observation.value, c.previous]),
      [
        [2, "same", 4371, 4371],
        [3, "add", 4300, undefined],
        [4, "add", 9500, undefined],
      ],
    );
    assert.equal(r.value[2]!.observation.district, "완산구");
  });

  test("every bad row at once, each with its line and column", () => {
    const r = previewObservationImport(
      [
        { indicator: "ghg", year: "2020", value: "4200", source: "s1" },
        { indicator: "nope", year: "2020", value: "1", source: "s1" },
        { indicator: "ghg", year: "20x", value: "n/a", source: "s1" },
        { indicator: "ghg", year: "2021", value: "4100", source: "" },
        { indicator: "ghg", year: "2020", value: "4200", source: "s1" },
        { indicator: "ghg", year: "2022", value: "5", unit: "%", source: "s1" },
        { indicator: "ghg", year: "2023", value: "", source: "s9" },
      ],
      [ghg],
      opts,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => `${p.file}:${p.line} [${p.column ?? ""}] ${p.code}`),
      [
        "values.csv:3 [indicator] UNKNOWN_REFERENCE",
        "values.csv:4 [year] BAD_NUMBER",
        "values.csv:4 [value] BAD_NUMBER",
        "values.csv:5 [source] BAD_VALUE",
        "values.csv:6 [] DUPLICATE",
        "values.csv:7 [unit] UNIT_MISMATCH",
        "values.csv:8 [value] MISSING_VALUE",
        "values.csv:8 [source] UNKNOWN_REFERENCE",
      ],
    );
  });

  test("a table without a required column says so once", () => {
    const r = previewObservationImport([{ indicator: "ghg", value: "1" }], [ghg], opts);
    assert.deepEqual(!r.ok && r.problems.map((p) => [p.code, p.column]), [["MISSING_COLUMN", "year"]]);
  });
});
