import { describe, expect, it } from "vitest";
import type { Contribution } from "../participation/api.ts";
import { answerQueue, answersFor } from "./Answers.tsx";
import { reasonSummary } from "./Moderation.tsx";

describe("the workspace's participation pages", () => {
  const c = (id: string, over: Partial<Contribution>) =>
    ({
      id,
      kind: "comment",
      depth: 0,
      moderation: "visible",
      overdue: false,
      due_at: "2026-04-01T00:00:00Z",
      ...over,
    }) as Contribution;
  it("the answer queue: proposals and top-level comments, overdue first, then by due date", () => {
    const q = answerQueue([
      c("late-due", { due_at: "2026-05-01T00:00:00Z" }),
      c("reply", { depth: 1 }),
      c("overdue", { overdue: true, due_at: "2026-03-01T00:00:00Z" }),
      c("proposal", { kind: "proposal", due_at: "2026-04-15T00:00:00Z" }),
      c("deleted", { moderation: "deleted" }),
      c("early-due", {}),
    ]);
    expect(q.map((x) => x.id)).toEqual(["overdue", "early-due", "proposal", "late-due"]);
  });
  it("who answers: admins every department; editors theirs, by register id (never by a name)", () => {
    const editor = { tenant: "jeonju", role: "editor", departments: ["transport-policy"] };
    expect(answersFor({ ...editor, role: "admin", departments: [] }, "transport-policy")).toBe(true);
    expect(answersFor(editor, "transport-policy")).toBe(true);
    expect(answersFor({ ...editor, departments: ["교통정책과"] }, "transport-policy")).toBe(false);
    expect(answersFor(editor, "climate-change-response")).toBe(false);
    expect(answersFor({ ...editor, role: "council" }, "transport-policy")).toBe(false);
  });
  it("the reports' reasons, most frequent first", () => {
    const r = (reason: "spam" | "off_topic") => ({ reason, created_at: "2026-03-10T00:00:00Z" });
    expect(reasonSummary([r("spam"), r("off_topic"), r("off_topic")], "en")).toMatch(
      /^Off.topic 2, Spam 1$/i,
    );
  });
});
