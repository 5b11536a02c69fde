import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { UNIT_TABLE } from "./table.ts";
import { conversionFactor, convert, parseUnit, unit } from "./unit.ts";

describe("units", () => {
  test("exact conversions worked by hand", () => {
    assert.equal(convert(1, "toe", "GJ"), 41.868);
    assert.equal(convert(1, "Mcal", "MJ"), 4.1868);
    assert.equal(convert(1000, "kcal", "MJ"), 4.1868);
    assert.equal(convert(1, "MWh", "GJ"), 3.6);
    assert.equal(convert(2.5, "kt", "t"), 2500);
    assert.equal(convert(1, "Mt", "kg"), 1e9);
    assert.equal(convert(1, "TJ", "GJ"), 1000);
    assert.equal(convert(3, "kL", "L"), 3000);
    assert.equal(convert(1, "m3", "kL"), 1);
  });

  test("천 prefix multiplies by a thousand", () => {
    assert.equal(convert(2, "천kWh", "MWh"), 2);
    assert.equal(convert(1, "천Nm3", "Nm3"), 1000);
  });

  test("m³ is read as m3", () => {
    assert.equal(unit("m³").symbol, "m3");
    assert.equal(convert(1, "m³", "L"), 1000);
  });

  test("Nm3 is not a volume", () => {
    const r = conversionFactor(unit("Nm3"), unit("m3"));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.problems[0]!.message : "", /"Nm3".*"m3"/);
  });

  test("units are case-sensitive", () => {
    assert.equal(parseUnit("mwh").ok, false);
    assert.equal(parseUnit("MWh").ok, true);
  });

  test("compound units: factor per energy, per volume, per area and year", () => {
    const f = unit("kg/TJ");
    assert.deepEqual(f.dims, { mass: 1, energy: -1 });
    assert.equal(f.scale, 1e-3 / 1e6);
    assert.deepEqual(unit("t/ha/yr").dims, { mass: 1, area: -1, time: -1 });
    assert.deepEqual(unit("tCO2e/MWh").dims, { co2e: 1, energy: -1 });
    assert.equal(unit("kgCH4/TJ").gas, "CH4");
  });

  test("CO2e mass is its own dimension", () => {
    assert.equal(conversionFactor(unit("tCO2e"), unit("t")).ok, false);
  });

  test("custom count units only when allowed", () => {
    assert.equal(parseUnit("head").ok, false);
    const h = parseUnit("kg/head", { allowCustom: true });
    assert.ok(h.ok);
    assert.deepEqual(h.ok && h.value.custom, ["head"]);
  });

  test("round trips within a dimension (property)", () => {
    const byDim = new Map<string, string[]>();
    for (const [sym, d] of Object.entries(UNIT_TABLE)) {
      byDim.set(d.dimension, [...(byDim.get(d.dimension) ?? []), sym]);
    }
    const pairs = [...byDim.values()].filter((l) => l.length > 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.nat(),
        fc.nat(),
        (syms, x, i, j) => {
          const a = syms[i % syms.length]!;
          const b = syms[j % syms.length]!;
          const back = convert(convert(x, a, b), b, a);
          return Math.abs(back - x) <= Math.abs(x) * 1e-12 + 1e-300;
        },
      ),
      { numRuns: 500 },
    );
  });
});
