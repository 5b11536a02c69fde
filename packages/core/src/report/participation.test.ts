import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FigureContribution } from "../participation/figures.ts";
import { participationByMeasure } from "./participation.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const name = (s: string) => ({ ko: s, en: s });

/** A top-level comment or proposal, made at T0 and due 30 days later. */
const c = (
  id: string,
  consultation: string,
  author: string,
  answer: FigureContribution["answer"],
  answeredDay?: number,
  parentId: string | null = null,
): FigureContribution & { consultation: string } => ({
  id,
  consultation,
  kind: "comment",
  author,
  parentId,
  moderation: "visible",
  answer,
  ...(answeredDay === undefined ? {} : { answeredAt: T0 + answeredDay * DAY }),
  dueAt: T0 + 30 * DAY,
});

describe("section IV per measure (worked by hand)", () => {
  // Measures brt and bike; the indicator ridership is used by both, cycling only by bike.
  // Consultations: k-brt on the action brt, k-ride on the shared indicator, k-cycle on bike's own indicator,
  // k-transport on the transport sector, k-plan on the plan, k-other on another plan's action (left out),
  // k-scenario on a scenario (left out).
  const rows = participationByMeasure({
    consultations: [
      { id: "k-brt", subject: { kind: "action", id: "brt" } },
      { id: "k-ride", subject: { kind: "indicator", id: "ridership" } },
      { id: "k-cycle", subject: { kind: "indicator", id: "cycling" } },
      { id: "k-transport", subject: { kind: "sector", id: "transport" } },
      { id: "k-plan", subject: { kind: "plan", id: "basic" } },
      { id: "k-other", subject: { kind: "action", id: "not-in-this-plan" } },
      { id: "k-scenario", subject: { kind: "scenario", id: "s1" } },
      // the 2025 report's draft put to consultation; last year's report's consultation is left out
      { id: "k-report", subject: { kind: "plan", id: "basic", report_year: 2025 } },
      { id: "k-report-2024", subject: { kind: "plan", id: "basic", report_year: 2024 } },
    ],
    contributions: [
      c("b1", "k-brt", "A", "accepted", 10), // on time, taken up
      c("b2", "k-brt", "B", "rejected", 40), // late
      c("b3", "k-brt", "C", "not_answered", undefined, "b1"), // a reply: not answerable
      c("r1", "k-ride", "A", "partly_accepted", 20),
      c("r2", "k-ride", "D", "evaluating"), // overdue at day 45
      c("y1", "k-cycle", "E", "accepted", 30),
      c("t1", "k-transport", "F", "not_answered"),
      c("p1", "k-plan", "G", "withdrawn", 5),
      c("o1", "k-other", "H", "accepted", 1),
      c("q1", "k-report", "A", "accepted", 3),
      c("q2", "k-report", "J", "evaluating"),
      c("q3", "k-report-2024", "K", "accepted", 2),
    ],
    supports: [
      { contributionId: "b1", supporter: "D" },
      { contributionId: "b1", supporter: "E" },
      { contributionId: "r1", supporter: "B" },
      { contributionId: "o1", supporter: "Z" },
    ],
    measures: [
      { id: "brt", name: name("BRT"), indicators: ["ridership"] },
      { id: "bike", name: name("Bike"), indicators: ["ridership", "cycling"] },
      { id: "heat", name: name("Heat"), indicators: [] },
    ],
    sectors: [
      { id: "power", name: name("Power") },
      { id: "transport", name: name("Transport") },
    ],
    plan: { id: "basic", name: name("Basic plan") },
    year: 2025,
    now: T0 + 45 * DAY,
  });

  it("rows in the report's order: measures with a consultation, then the sector, then the plan", () => {
    assert.deepEqual(
      rows.map((r) => [r.scope, r.id, r.consultations]),
      [
        ["measure", "brt", ["k-brt", "k-ride"]],
        ["measure", "bike", ["k-ride", "k-cycle"]],
        ["sector", "transport", ["k-transport"]],
        ["plan", "basic", ["k-plan"]],
        ["report", "basic", ["k-report"]],
      ],
    );
  });

  it("the report's own consultation: q1 accepted on day 3, q2 still evaluated and overdue at day 45", () => {
    const r = rows[4]!;
    assert.equal(r.name.ko, "2025년 이행점검 결과보고서 (초안)");
    assert.deepEqual(r.figures.contributions, { comments: 2, proposals: 0, total: 2 });
    assert.equal(r.figures.participants, 2);
    assert.equal(r.figures.answered, 1);
    assert.deepEqual(r.figures.share_accepted, { numerator: 1, denominator: 1, share: 1 });
    assert.equal(r.figures.overdue, 1);
  });

  it("brt: b1 b2 b3 r1 r2; participants A B C D E; 3 supports; 4 answerable, 3 answered, 2 on time, 2 taken up, 1 overdue", () => {
    const f = rows[0]!.figures;
    assert.deepEqual(f.contributions, { comments: 5, proposals: 0, total: 5 });
    assert.equal(f.participants, 5); // authors A B C D, supporters D E B
    assert.equal(f.supports, 3);
    assert.equal(f.answerable, 4);
    assert.equal(f.answered, 3); // b1 accepted, b2 rejected, r1 partly accepted
    assert.deepEqual(f.share_answered_on_time, { numerator: 2, denominator: 3, share: 2 / 3 }); // b2 on day 40
    assert.deepEqual(f.share_accepted, { numerator: 2, denominator: 3, share: 2 / 3 });
    assert.equal(f.overdue, 1); // r2
    assert.equal(f.by_state.rejected, 1);
  });

  it("bike: the shared indicator's r1 r2 and its own y1; participants A D E B; 1 support; 3 answerable, 2 answered", () => {
    const f = rows[1]!.figures;
    assert.equal(f.contributions.total, 3);
    assert.equal(f.participants, 4); // authors A D E, supporter B
    assert.equal(f.supports, 1);
    assert.equal(f.answerable, 3);
    assert.equal(f.answered, 2); // r1, y1
    assert.deepEqual(f.share_answered_on_time, { numerator: 2, denominator: 2, share: 1 });
    assert.deepEqual(f.share_accepted, { numerator: 2, denominator: 2, share: 1 });
    assert.equal(f.overdue, 1);
  });

  it("the sector and the plan rows: t1 overdue and unanswered; p1 withdrawn on time, not taken up", () => {
    const t = rows[2]!.figures;
    assert.equal(t.answered, 0);
    assert.equal(t.overdue, 1);
    assert.equal(t.share_accepted.share, null);
    const p = rows[3]!.figures;
    assert.equal(p.answered, 1);
    assert.deepEqual(p.share_accepted, { numerator: 0, denominator: 1, share: 0 });
    assert.deepEqual(p.share_answered_on_time, { numerator: 1, denominator: 1, share: 1 });
  });

  it("no consultation on the plan's items: no rows", () => {
    const none = participationByMeasure({
      consultations: [],
      contributions: [],
      supports: [],
      measures: [{ id: "brt", name: name("BRT"), indicators: [] }],
      sectors: [],
      plan: { id: "basic", name: name("Basic plan") },
      year: 2025,
      now: T0,
    });
    assert.deepEqual(none, []);
  });
});
