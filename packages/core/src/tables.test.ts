import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { csvCell, escapeFormula, unescapeFormula } from "./tables.ts";

describe("the CSV cell writer", () => {
  it("neutralises cells that start with =, +, -, @, tab or carriage return (OWASP), and quotes as RFC 4180", () => {
    assert.equal(csvCell("=1+1"), "'=1+1");
    assert.equal(csvCell("+1"), "'+1");
    assert.equal(csvCell("-1"), "'-1");
    assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvCell("\tx"), "'\tx");
    assert.equal(csvCell("\rx"), `"'\rx"`);
    assert.equal(csvCell('=HYPERLINK("a")'), `"'=HYPERLINK(""a"")"`);
    assert.equal(csvCell("a,b"), `"a,b"`);
    assert.equal(csvCell("'=x"), "''=x");
    assert.equal(csvCell("'x"), "'x");
    assert.equal(csvCell("전력"), "전력");
    assert.equal(csvCell(-12.5), "-12.5");
    assert.equal(csvCell(null), "");
  });

  it("whatever the text, reading back what was escaped gives the text", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "a", "1") }),
    );
    fc.assert(
      fc.property(text, (s) => {
        const e = escapeFormula(s);
        assert.ok(!/^[=+\-@\t\r]/.test(e));
        assert.equal(unescapeFormula(e), s);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});
