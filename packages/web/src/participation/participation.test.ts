import { describe, expect, it } from "vitest";
import type { ApiError } from "../api/client.ts";
import { safeNext } from "./Account.tsx";
import type { Consultation } from "./api.ts";
import { splitConsultations } from "./Consultations.tsx";
import { readPageQuery } from "./page-query.ts";
import { explorerQuery, readExplorerQuery } from "./share.ts";
import { LIMITS, lengthProblem, refusalReasons, textCheck } from "./text-check.ts";
import { editTimeLeft, mayReplyTo, pageCount, threads } from "./thread.ts";

describe("the explorer's state as an address", () => {
  it("writes only the levels that differ from the scenario's own, sorted, and reads them back", () => {
    const q = explorerQuery(
      { scenario: "agenda_2021", drivers: "bau", levels: { solar: 1, brt: 0.8, ev: 0.3333333 } },
      { solar: 1, brt: 0.5, ev: 0 },
    );
    expect(q.toString()).toBe("scenario=agenda_2021&levels=brt%3A0.8%2Cev%3A0.3333");
    expect(readExplorerQuery(q)).toEqual({
      scenario: "agenda_2021",
      drivers: null,
      levels: { brt: 0.8, ev: 0.3333 },
    });
  });
  it("keeps a driver set other than business as usual", () => {
    const q = explorerQuery({ scenario: "a", drivers: "net_zero", levels: {} });
    expect(q.get("drivers")).toBe("net_zero");
    expect(readExplorerQuery(q).drivers).toBe("net_zero");
  });
  it("drops malformed parts instead of guessing", () => {
    const s = readExplorerQuery(
      new URLSearchParams("scenario=Bad Id&drivers=../x&levels=brt:0.5,ok:abc,:1,Up:1,neg:-1,big:5000,x:2"),
    );
    expect(s).toEqual({ scenario: null, drivers: null, levels: { brt: 0.5, x: 2 } });
  });
});

describe("threads of a comment page", () => {
  const c = (id: string, parent: string | null, depth: number) => ({ id, parent, depth });
  it("nests replies under their parents in the server's order", () => {
    const tree = threads([
      c("a", null, 0),
      c("a1", "a", 1),
      c("a11", "a1", 2),
      c("a2", "a", 1),
      c("b", null, 0),
    ]);
    expect(tree.map((n) => n.item.id)).toEqual(["a", "b"]);
    expect(tree[0]?.replies.map((n) => n.item.id)).toEqual(["a1", "a2"]);
    expect(tree[0]?.replies[0]?.replies.map((n) => n.item.id)).toEqual(["a11"]);
  });
  it("keeps a reply whose parent is not on the page at the top level", () => {
    expect(threads([c("r", "gone", 1)]).map((n) => n.item.id)).toEqual(["r"]);
  });
  it("replies go two levels deep", () => {
    expect(mayReplyTo({ depth: 0 })).toBe(true);
    expect(mayReplyTo({ depth: 1 })).toBe(true);
    expect(mayReplyTo({ depth: 2 })).toBe(false);
  });
  it("one's own visible contribution is editable for 5 minutes", () => {
    const at = Date.parse("2026-03-10T00:00:00Z");
    const mine = { created_at: "2026-03-10T00:00:00Z", author: { me: true }, moderation: "visible" };
    expect(editTimeLeft(mine, at + 60_000)).toBe(4 * 60_000);
    expect(editTimeLeft(mine, at + 5 * 60_000 + 1)).toBe(0);
    expect(editTimeLeft({ ...mine, author: { me: false } }, at)).toBe(0);
    expect(editTimeLeft({ ...mine, moderation: "hidden" }, at)).toBe(0);
  });
  it("counts pages of 50", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(1000, 50)).toBe(20);
    expect(pageCount(1001, 50)).toBe(21);
  });
});

describe("the text check before posting", () => {
  it("refuses a resident registration number and warns about phones and emails", () => {
    expect(textCheck("제 번호는 900101-1234567 입니다")).toEqual({
      refused: ["resident_registration_number"],
      warnings: [],
    });
    expect(textCheck("연락은 010-1234-5678", "mail me at a.b@example.kr")).toEqual({
      refused: [],
      warnings: ["phone", "email"],
    });
    expect(textCheck("2030년까지 BRT 노선을 송천동까지 연장")).toEqual({ refused: [], warnings: [] });
  });
  it("counts lengths as the core does (5 to 1,000 for a comment)", () => {
    expect(lengthProblem("  네 ", LIMITS.comment)).toBe("short");
    expect(lengthProblem("다섯 글자요", LIMITS.comment)).toBeNull();
    expect(lengthProblem("가".repeat(1001), LIMITS.comment)).toBe("long");
  });
  it("says the server's reasons in the page's language where it knows them", () => {
    const e = (details: string[], status = 400): ApiError => ({
      status,
      code: "BAD_VALUE",
      message: "invalid",
      details: details.map((message) => ({ path: "json.text", message })),
    });
    expect(refusalReasons(e(["the comment is at least 5 characters (it has 2)"]))).toEqual([
      { key: "pt.reason.short", values: { limit: "5", n: "2" } },
    ]);
    expect(
      refusalReasons(
        e([
          "the text contains a resident registration number; remove it (resident registration numbers are never collected)",
          "the text seems to contain a phone number, which would become public; send confirm_personal_data: true to post it anyway",
        ]),
      ),
    ).toEqual([{ key: "pt.reason.rrn" }, { key: "pt.reason.phone" }]);
    expect(
      refusalReasons({ status: 403, code: "FORBIDDEN", message: "the consultation has closed" }),
    ).toEqual([{ key: "pt.reason.closed" }]);
    expect(refusalReasons({ status: 429, code: "RATE_LIMITED", message: "x" })).toEqual([
      { key: "pt.reason.tooMany" },
    ]);
    expect(refusalReasons({ status: 400, code: "X", message: "something new" })).toEqual([
      { text: "something new" },
    ]);
  });
});

describe("the consultation pages", () => {
  const cons = (id: string, shown: Consultation["shown_status"], closes: string) =>
    ({ id, shown_status: shown, closes_at: closes }) as Consultation;
  it("lists open ones closing soonest first, past ones newest first, never drafts", () => {
    const r = splitConsultations([
      cons("late", "open", "2026-05-01T00:00:00Z"),
      cons("soon", "open", "2026-04-01T00:00:00Z"),
      cons("old", "answered", "2025-01-01T00:00:00Z"),
      cons("recent", "closed", "2026-02-01T00:00:00Z"),
      cons("draft", "draft", "2026-06-01T00:00:00Z"),
    ]);
    expect(r.open.map((c) => c.id)).toEqual(["soon", "late"]);
    expect(r.past.map((c) => c.id)).toEqual(["recent", "old"]);
  });
  it("reads the list's sort, badge and page from the address", () => {
    expect(readPageQuery(new URLSearchParams("sort=most_supported&badge=council&page=3"))).toEqual({
      sort: "most_supported",
      badge: "council",
      page: 3,
    });
    expect(readPageQuery(new URLSearchParams("sort=oldest&badge=mayor&page=-2"))).toEqual({
      sort: "newest",
      page: 1,
    });
    expect(readPageQuery(new URLSearchParams("psort=official_first&page=2"), "p")).toEqual({
      sort: "official_first",
      page: 1,
    });
  });
  it("goes back after signing in only to a path on this site", () => {
    expect(safeNext("/ko/consultations/brt-phase-2?sort=newest")).toBe(
      "/ko/consultations/brt-phase-2?sort=newest",
    );
    expect(safeNext("//evil.example/")).toBeNull();
    expect(safeNext("https://evil.example/")).toBeNull();
    expect(safeNext("/\\evil.example")).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
