import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inactivityStep } from "./privacy.ts";

const DAY = 86_400_000;
const LAST = Date.UTC(2025, 0, 1);
const DELETE_AT = LAST + 365 * DAY; // 2026-01-01

describe("the inactivity rule (365 days, warnings 30 and 7 days before)", () => {
  it("does nothing before the 30-day warning", () => {
    assert.deepEqual(inactivityStep(LAST, DELETE_AT - 30 * DAY - 1, []), { kind: "none" });
  });
  it("warns 30 days before, once", () => {
    assert.deepEqual(inactivityStep(LAST, DELETE_AT - 30 * DAY, []), {
      kind: "warn",
      daysBefore: 30,
      deleteAt: DELETE_AT,
    });
    assert.deepEqual(inactivityStep(LAST, DELETE_AT - 8 * DAY, [30]), { kind: "none" });
  });
  it("warns 7 days before, then deletes at 365 days when the 7-day warning is 7 days old", () => {
    assert.deepEqual(inactivityStep(LAST, DELETE_AT - 7 * DAY, [30]), {
      kind: "warn",
      daysBefore: 7,
      deleteAt: DELETE_AT,
    });
    assert.deepEqual(inactivityStep(LAST, DELETE_AT - 1, [30, 7], DELETE_AT - 7 * DAY), { kind: "none" });
    assert.deepEqual(inactivityStep(LAST, DELETE_AT, [30, 7], DELETE_AT - 7 * DAY), { kind: "delete" });
  });
  it("a job that did not run for months warns first and deletes 7 days after its warning at the earliest", () => {
    const late = DELETE_AT + 100 * DAY;
    assert.deepEqual(inactivityStep(LAST, late, []), {
      kind: "warn",
      daysBefore: 7,
      deleteAt: late + 7 * DAY,
    });
    assert.deepEqual(inactivityStep(LAST, late + DAY, [7], late), { kind: "none" });
    assert.deepEqual(inactivityStep(LAST, late + 7 * DAY, [7], late), { kind: "delete" });
  });
});
