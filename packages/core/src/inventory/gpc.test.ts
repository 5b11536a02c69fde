import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { KR_SECTORS } from "../vocabulary/sectors.ts";
import { countsIn, GPC_REFERENCES, gpcRefMatches, isGpcPrefix } from "./gpc.ts";
import { krSectorOf } from "./kr-sectors.ts";

// The GPC v1.1 reporting tables, written out line by line: reference, scope, level.
const EXPECTED = `
I.1.1 1 basic | I.1.2 2 basic | I.1.3 3 basic_plus
I.2.1 1 basic | I.2.2 2 basic | I.2.3 3 basic_plus
I.3.1 1 basic | I.3.2 2 basic | I.3.3 3 basic_plus
I.4.1 1 basic | I.4.2 2 basic | I.4.3 3 basic_plus | I.4.4 1 territorial
I.5.1 1 basic | I.5.2 2 basic | I.5.3 3 basic_plus
I.6.1 1 basic | I.6.2 2 basic | I.6.3 3 basic_plus
I.7.1 1 basic | I.8.1 1 basic
II.1.1 1 basic | II.1.2 2 basic | II.1.3 3 basic_plus
II.2.1 1 basic | II.2.2 2 basic | II.2.3 3 basic_plus
II.3.1 1 basic | II.3.2 2 basic | II.3.3 3 basic_plus
II.4.1 1 basic | II.4.2 2 basic | II.4.3 3 basic_plus
II.5.1 1 basic | II.5.2 2 basic
III.1.1 1 basic | III.1.2 3 basic | III.1.3 1 territorial
III.2.1 1 basic | III.2.2 3 basic | III.2.3 1 territorial
III.3.1 1 basic | III.3.2 3 basic | III.3.3 1 territorial
III.4.1 1 basic | III.4.2 3 basic | III.4.3 1 territorial
IV.1 1 basic_plus | IV.2 1 basic_plus
V.1 1 basic_plus | V.2 1 basic_plus | V.3 1 basic_plus
VI.1 3 other`;

describe("GPC v1.1 reference list", () => {
  test("every reference with its scope and level, in order", () => {
    const expected = EXPECTED.trim()
      .split(/\s*[|\n]\s*/)
      .map((s) => s.trim().split(" "));
    assert.deepEqual(
      GPC_REFERENCES.map((r) => [r.ref, String(r.scope), r.level]),
      expected,
    );
    assert.equal(GPC_REFERENCES.length, 53);
  });

  test("what counts in which total", () => {
    const c = (ref: string) => countsIn(GPC_REFERENCES.find((r) => r.ref === ref)!);
    // I.4.4 and III.x.3 count in territorial but not in BASIC or BASIC+.
    assert.deepEqual(c("I.4.4"), { basic: false, basic_plus: false, territorial: true });
    assert.deepEqual(c("III.2.3"), { basic: false, basic_plus: false, territorial: true });
    // x.x.3 of I and II are BASIC+ (scope 3, so not territorial).
    assert.deepEqual(c("I.1.3"), { basic: false, basic_plus: true, territorial: false });
    assert.deepEqual(c("II.4.3"), { basic: false, basic_plus: true, territorial: false });
    // IV and V are BASIC+ and scope 1.
    assert.deepEqual(c("IV.2"), { basic: false, basic_plus: true, territorial: true });
    assert.deepEqual(c("V.2"), { basic: false, basic_plus: true, territorial: true });
    // Scope 2 is BASIC but not territorial; waste scope 3 is BASIC.
    assert.deepEqual(c("I.1.2"), { basic: true, basic_plus: true, territorial: false });
    assert.deepEqual(c("III.1.2"), { basic: true, basic_plus: true, territorial: false });
    assert.deepEqual(c("VI.1"), { basic: false, basic_plus: false, territorial: false });
  });

  test("prefixes", () => {
    assert.ok(gpcRefMatches("I", "I.1.1"));
    assert.ok(!gpcRefMatches("I", "II.1.1"));
    assert.ok(gpcRefMatches("I.1", "I.1.3"));
    assert.ok(!gpcRefMatches("I.1", "I.10.1"));
    assert.ok(isGpcPrefix("II") && isGpcPrefix("III.4") && isGpcPrefix("V.2"));
    assert.ok(!isGpcPrefix("II.5.3") && !isGpcPrefix("VII") && !isGpcPrefix("I.9"));
  });
});

describe("Korean plan sectors", () => {
  const sector = (ref: string) => krSectorOf(GPC_REFERENCES.find((r) => r.ref === ref)!);
  test("mapping of GPC lines", () => {
    assert.equal(sector("I.1.1"), "buildings");
    assert.equal(sector("I.2.2"), "buildings");
    assert.equal(sector("II.3.1"), "transport");
    assert.equal(sector("I.3.2"), "industry");
    assert.equal(sector("IV.1"), "industry");
    assert.equal(sector("I.4.1"), "conversion");
    assert.equal(sector("I.8.1"), "conversion");
    assert.equal(sector("I.5.2"), "agriculture");
    assert.equal(sector("V.1"), "agriculture");
    assert.equal(sector("V.3"), "agriculture");
    assert.equal(sector("III.4.2"), "waste");
    assert.equal(sector("V.2"), "sinks");
  });

  test("electricity is not counted twice and the sectors sum to BASIC + IV + V", () => {
    assert.equal(sector("I.4.4"), undefined);
    assert.equal(sector("I.1.3"), undefined);
    assert.equal(sector("II.1.3"), undefined);
    assert.equal(sector("III.1.3"), undefined);
    assert.equal(sector("VI.1"), undefined);
    const counted = GPC_REFERENCES.filter((r) => sector(r.ref) !== undefined).map((r) => r.ref);
    const expected = GPC_REFERENCES.filter(
      (r) => r.level === "basic" || r.sector === "IV" || r.sector === "V",
    ).map((r) => r.ref);
    assert.deepEqual(counted, expected);
    assert.equal(KR_SECTORS.length, 7);
  });
});
