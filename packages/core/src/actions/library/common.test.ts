import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fmt } from "./common.ts";

describe("fmt", () => {
  test("six significant digits, thousands separated", () => {
    assert.equal(fmt(2946926.229508), "2,946,930");
    assert.equal(fmt(-16372.743569), "-16,372.7");
    assert.equal(fmt(1614.754098), "1,614.75");
    assert.equal(fmt(0.4173), "0.4173");
    assert.equal(fmt(1000), "1,000");
    assert.equal(fmt(999.9999), "1,000");
    assert.equal(fmt(Number.NaN), "NaN");
  });

  test("agrees with en-US locale formatting (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        const r = Number(x.toPrecision(6));
        const want =
          Math.abs(r) >= 1000 ? r.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(r);
        assert.equal(fmt(x), want);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
