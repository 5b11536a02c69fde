import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CONSENT_TEXT_VERSION,
  CONSENT_TEXTS,
  consentRefusal,
  consentsGiven,
  inactivityStep,
} from "./privacy.ts";

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

describe("the consent answer at sign-up", () => {
  const ok = { version: CONSENT_TEXT_VERSION, required: true, age14OrOlder: true, optional: [] } as const;
  it("accepts the required consent and the age declaration, recording the optional consents given apart", () => {
    assert.equal(consentRefusal(ok), undefined);
    assert.deepEqual(consentsGiven(ok), ["required_processing", "age_14_or_older"]);
    assert.deepEqual(consentsGiven({ ...ok, optional: ["optional_mail_notices"] }), [
      "required_processing",
      "age_14_or_older",
      "optional_mail_notices",
    ]);
  });
  it("refuses under 14, without the required consent, and texts of another version", () => {
    assert.equal(consentRefusal({ ...ok, age14OrOlder: false })?.path, "age_14_or_older");
    assert.equal(consentRefusal({ ...ok, required: false })?.path, "required");
    assert.equal(consentRefusal({ ...ok, version: "2020-01-01" })?.path, "version");
  });
  it("the texts give the four items the law lists, the age rule and the rule after deletion, in both languages", () => {
    for (const t of [
      ...Object.values(CONSENT_TEXTS.required),
      CONSENT_TEXTS.age,
      CONSENT_TEXTS.afterDeletion,
      ...Object.values(CONSENT_TEXTS.optional),
    ]) {
      assert.ok(t.ko.length > 20 && t.en.length > 20);
    }
    assert.match(CONSENT_TEXTS.required.retention.ko, /365일/);
    assert.match(CONSENT_TEXTS.afterDeletion.en, /deleted account/);
  });
});
