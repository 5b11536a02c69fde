import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { scheduleFraction, scheduleSchema } from "./schedule.ts";

describe("schedule", () => {
  test("ramp: start 2027, 2 ramp years -> 1/3, 2/3, 1", () => {
    const s = scheduleSchema.parse({ start_year: 2027, ramp_years: 2 });
    assert.equal(scheduleFraction(s, 2026), 0);
    assert.equal(scheduleFraction(s, 2027), 1 / 3);
    assert.equal(scheduleFraction(s, 2028), 2 / 3);
    assert.equal(scheduleFraction(s, 2029), 1);
    assert.equal(scheduleFraction(s, 2050), 1);
  });

  test("opening in November counts 2/12 of the first year", () => {
    // (13 - 11) / 12 = 2/12 in 2026, full effect from 2027 (no ramp)
    const s = scheduleSchema.parse({ start_year: 2026, start_month: 11 });
    assert.equal(scheduleFraction(s, 2026), 2 / 12);
    assert.equal(scheduleFraction(s, 2027), 1);
  });

  test("end year is inclusive", () => {
    const s = scheduleSchema.parse({ start_year: 2020, end_year: 2025 });
    assert.equal(scheduleFraction(s, 2025), 1);
    assert.equal(scheduleFraction(s, 2026), 0);
  });

  test("an end before the start is refused with its path", () => {
    const r = scheduleSchema.safeParse({ start_year: 2030, end_year: 2020 });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues[0]?.path, ["end_year"]);
  });
});
