import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { comparePartialDates, firstDay, lastDay, PartialDateSchema } from "./schema.ts";

const day = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partial = fc.tuple(day, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));

describe("partial dates", () => {
  test("worked cases", () => {
    assert.equal(lastDay("2024-02"), "2024-02-29");
    assert.equal(lastDay("2026-02"), "2026-02-28");
    assert.equal(lastDay("2026"), "2026-12-31");
    assert.equal(firstDay("2022-06"), "2022-06-01");
    assert.ok(comparePartialDates("2022", "2022-06") < 0);
    assert.equal(comparePartialDates("2022-06", "2022-06-01"), 0);
  });

  test("every partial date is valid, and covers firstDay..lastDay in order", () => {
    fc.assert(
      fc.property(partial, (p) => {
        assert.ok(PartialDateSchema.safeParse(p).success);
        assert.ok(firstDay(p) <= lastDay(p));
        assert.ok(!Number.isNaN(Date.parse(`${lastDay(p)}T00:00:00Z`)));
        assert.equal(lastDay(p).slice(0, p.length), p);
      }),
    );
  });

  test("the order is the order of first days, antisymmetric", () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        assert.ok(Math.sign(comparePartialDates(a, b)) + Math.sign(comparePartialDates(b, a)) === 0);
        assert.equal(comparePartialDates(a, b) < 0, firstDay(a) < firstDay(b));
      }),
    );
  });
});
