import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consultationFigures, type FigureContribution } from "./figures.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const due = (created: number) => created + 30 * DAY;

describe("consultation figures (worked by hand)", () => {
  // Six people contribute; one comment is deleted by its author; one is hidden by a moderator.
  const contributions: FigureContribution[] = [
    {
      id: "p1",
      kind: "proposal",
      author: "A",
      parentId: null,
      moderation: "visible",
      answer: "accepted",
      answeredAt: T0 + 10 * DAY,
      dueAt: due(T0),
    },
    {
      id: "p2",
      kind: "proposal",
      author: "B",
      parentId: null,
      moderation: "visible",
      answer: "rejected",
      answeredAt: T0 + 31 * DAY,
      dueAt: due(T0),
    },
    {
      id: "c1",
      kind: "comment",
      author: "A",
      parentId: null,
      moderation: "visible",
      answer: "partly_accepted",
      answeredAt: T0 + 30 * DAY,
      dueAt: due(T0),
    },
    {
      id: "c2",
      kind: "comment",
      author: "C",
      parentId: "c1",
      moderation: "visible",
      answer: "not_answered",
      dueAt: due(T0),
    },
    {
      id: "c3",
      kind: "comment",
      author: "D",
      parentId: null,
      moderation: "visible",
      answer: "evaluating",
      dueAt: due(T0),
    },
    {
      id: "c4",
      kind: "comment",
      author: "E",
      parentId: null,
      moderation: "deleted",
      answer: "not_answered",
      dueAt: due(T0),
    },
    {
      id: "c5",
      kind: "comment",
      author: "F",
      parentId: null,
      moderation: "hidden",
      answer: "not_answered",
      dueAt: due(T0 + 20 * DAY),
    },
  ];
  const supports = [
    { contributionId: "p1", supporter: "G" },
    { contributionId: "p1", supporter: "A" },
    { contributionId: "c1", supporter: "B" },
    { contributionId: "c4", supporter: "H" }, // on the deleted comment: not counted
  ];
  const f = consultationFigures(contributions, supports, T0 + 40 * DAY);

  it("counts contributions without the deleted one, and the hidden one among them", () => {
    assert.deepEqual(f.contributions, { comments: 4, proposals: 2, total: 6 });
    assert.equal(f.hidden, 1);
  });

  it("counts participants once each: authors A B C D F and supporter G", () => {
    assert.equal(f.participants, 6);
    assert.equal(f.supports, 3);
  });

  it("answers: 5 answerable (replies are not), 3 answered, 2 on time, 2 taken up, 1 overdue", () => {
    assert.equal(f.answerable, 5);
    assert.equal(f.answered, 3);
    assert.deepEqual(f.share_answered, { numerator: 3, denominator: 5, share: 0.6 });
    // p1 on day 10 and c1 on day 30 exactly are on time; p2 on day 31 is late
    assert.deepEqual(f.share_answered_on_time, { numerator: 2, denominator: 3, share: 2 / 3 });
    assert.deepEqual(f.share_accepted, { numerator: 2, denominator: 3, share: 2 / 3 });
    // c3 is only being evaluated, due day 30; c5 is due day 50
    assert.equal(f.overdue, 1);
    assert.deepEqual(f.by_state, {
      not_answered: 1,
      evaluating: 1,
      accepted: 1,
      partly_accepted: 1,
      rejected: 1,
      withdrawn: 0,
    });
  });

  it("a consultation without contributions has no shares (null), not 0%", () => {
    const e = consultationFigures([], [], T0);
    assert.equal(e.share_answered.share, null);
    assert.equal(e.share_accepted.share, null);
    assert.equal(e.participants, 0);
  });
});
