import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  answerDueAt,
  answeredOnTime,
  type ConsultationWindow,
  characterCount,
  commentLengthProblem,
  isOverdue,
  mayContribute,
  mayEdit,
  maySupport,
  type Participant,
  proposalLengthProblems,
  replyDepth,
  shownStatus,
  stateAfterModeration,
  stateAfterReports,
} from "./rules.ts";
import { badgeOfRole } from "./vocabulary.ts";

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0); // 2026-03-01T00:00Z
const DAY = 86_400_000;
const open: ConsultationWindow = { status: "open", opensAt: T0, closesAt: T0 + 30 * DAY, audience: "all" };
const citizen: Participant = {
  signedIn: true,
  emailVerified: true,
  blocked: false,
  badge: undefined,
  verifiedResident: false,
};

describe("participation rules", () => {
  it("counts characters as people see them: a Korean syllable and an emoji are one each", () => {
    assert.equal(characterCount("전주시"), 3);
    assert.equal(characterCount("🚌🚌"), 2); // 4 UTF-16 code units
  });

  it("comments are 5 to 1,000 characters, spaces around them not counted", () => {
    assert.match(commentLengthProblem("좋아요")!.message, /it has 3/);
    assert.match(commentLengthProblem("좋아요!")!.message, /at least 5 characters \(it has 4\)/);
    assert.equal(commentLengthProblem("버스가 좋아요"), undefined);
    assert.match(commentLengthProblem("    abcd    ")!.message, /it has 4/);
    assert.equal(commentLengthProblem("가".repeat(1000)), undefined);
    assert.match(commentLengthProblem("가".repeat(1001))!.message, /at most 1000 characters \(it has 1001\)/);
    // 1,000 emoji are 2,000 UTF-16 units and still 1,000 characters
    assert.equal(commentLengthProblem("🚌".repeat(1000)), undefined);
  });

  it("a proposal needs a title of 5-150 and a text of 5-3,000 characters", () => {
    assert.deepEqual(proposalLengthProblems("BRT 2단계 연장", "송천동까지 연장해 주세요."), []);
    const p = proposalLengthProblems("BRT", "x".repeat(3001));
    assert.deepEqual(
      p.map((x) => x.path),
      ["title", "text"],
    );
  });

  it("replies go two levels deep", () => {
    assert.deepEqual(replyDepth(undefined), { ok: true, depth: 0 });
    assert.deepEqual(replyDepth(0), { ok: true, depth: 1 });
    assert.deepEqual(replyDepth(1), { ok: true, depth: 2 });
    const r = replyDepth(2);
    assert.equal(r.ok, false);
  });

  it("edits are allowed for exactly 5 minutes", () => {
    assert.equal(mayEdit(T0, T0 + 5 * 60_000).ok, true);
    const late = mayEdit(T0, T0 + 5 * 60_000 + 1);
    assert.equal(late.ok, false);
    assert.equal(!late.ok && late.code, "FORBIDDEN");
  });

  it("an answer is due 30 days after the contribution, overdue the moment after, unless finally answered", () => {
    const due = answerDueAt(T0);
    assert.equal(due, Date.UTC(2026, 2, 31, 0, 0, 0));
    assert.equal(answerDueAt(T0, 14), Date.UTC(2026, 2, 15));
    assert.throws(() => answerDueAt(T0, 0), RangeError);
    assert.equal(isOverdue("not_answered", due, due), false);
    assert.equal(isOverdue("not_answered", due, due + 1), true);
    // an interim answer does not stop the clock
    assert.equal(isOverdue("evaluating", due, due + 1), true);
    assert.equal(isOverdue("rejected", due, due + 1), false);
    assert.equal(answeredOnTime("accepted", due, due), true);
    assert.equal(answeredOnTime("accepted", due + 1, due), false);
    assert.equal(answeredOnTime("evaluating", due - 1, due), false);
  });

  it("any signed-in, email-verified account takes part in an open consultation, no membership needed", () => {
    assert.deepEqual(mayContribute(open, citizen, T0), { ok: true });
    assert.equal(mayContribute(open, { ...citizen, signedIn: false }, T0).ok, false);
    const r = mayContribute(open, { ...citizen, signedIn: false }, T0);
    assert.equal(!r.ok && r.code, "UNAUTHENTICATED");
    const u = mayContribute(open, { ...citizen, emailVerified: false }, T0);
    assert.equal(!u.ok && u.code, "FORBIDDEN");
    assert.match(!u.ok ? u.reason : "", /verify your email/);
    assert.equal(mayContribute(open, { ...citizen, blocked: true }, T0).ok, false);
  });

  it("takes contributions from the open instant until just before the close instant", () => {
    assert.equal(mayContribute(open, citizen, T0 - 1).ok, false);
    assert.equal(mayContribute(open, citizen, T0 + 30 * DAY - 1).ok, true);
    assert.equal(mayContribute(open, citizen, T0 + 30 * DAY).ok, false);
    assert.equal(mayContribute({ ...open, status: "draft" }, citizen, T0 + DAY).ok, false);
    assert.equal(shownStatus(open, T0 + 30 * DAY), "closed");
    assert.equal(shownStatus(open, T0), "open");
    assert.equal(shownStatus({ ...open, status: "answered" }, T0 + 40 * DAY), "answered");
  });

  it("council and expert consultations admit only the badge their roles give", () => {
    const council = { ...open, audience: "council" as const };
    assert.equal(mayContribute(council, citizen, T0).ok, false);
    assert.equal(mayContribute(council, { ...citizen, badge: badgeOfRole("council") }, T0).ok, true);
    assert.equal(mayContribute(council, { ...citizen, badge: badgeOfRole("expert") }, T0).ok, false);
    const experts = { ...open, audience: "experts" as const };
    assert.equal(mayContribute(experts, { ...citizen, badge: "expert" }, T0).ok, true);
    assert.equal(badgeOfRole("editor"), undefined);
    assert.equal(badgeOfRole("citizen"), undefined);
    assert.equal(badgeOfRole(undefined), undefined);
  });

  it("supports come only from verified residents while the consultation is open", () => {
    const r = maySupport(open, citizen, T0);
    assert.equal(!r.ok && r.reason, "supports count only from verified residents of the city");
    assert.deepEqual(maySupport(open, { ...citizen, verifiedResident: true }, T0), { ok: true });
    assert.equal(maySupport(open, { ...citizen, verifiedResident: true }, T0 + 30 * DAY).ok, false);
  });

  it("three reports hide a visible contribution pending review; moderators hide and restore", () => {
    assert.equal(stateAfterReports("visible", 2), "visible");
    assert.equal(stateAfterReports("visible", 3), "hidden_pending_review");
    assert.equal(stateAfterReports("hidden", 5), "hidden");
    assert.deepEqual(stateAfterModeration("hidden_pending_review", "restore"), {
      ok: true,
      state: "visible",
    });
    assert.deepEqual(stateAfterModeration("visible", "hide"), { ok: true, state: "hidden" });
    assert.equal(stateAfterModeration("visible", "restore").ok, false);
    assert.equal(stateAfterModeration("deleted", "restore").ok, false);
  });
});
