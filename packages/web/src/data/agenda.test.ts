import { describe, expect, it } from "vitest";
import type { ActionSummary } from "../api/model.ts";
import { filterFromQuery, filterToQuery, matches } from "./agenda.ts";

const brt: ActionSummary = {
  id: "brt_kirin",
  origin: "agenda",
  name: { ko: "기린대로 간선급행버스체계", en: "Girin-daero bus rapid transit" },
  status: "in_progress",
  sector: "transport",
  department: { ko: "대중교통과", en: "Public Transport Division" },
};
const trees: ActionSummary = {
  id: "ten_million_trees",
  origin: "model",
  name: { ko: "천만그루 정원도시", en: "Ten-million-tree garden city" },
  status: "completed",
  sector: "sinks",
};
const f = (q: string) => ({ ...filterFromQuery(new URLSearchParams()), q });

describe("agenda search and filters", () => {
  it("finds an action by its Korean or English name whatever the page language, ignoring spaces and case", () => {
    expect(matches(brt, f("간선급행"))).toBe(true);
    expect(matches(brt, f("bus RAPID"))).toBe(true);
    expect(matches(trees, f("천만 그루"))).toBe(true);
    expect(matches(trees, f("버스"))).toBe(false);
    expect(matches(brt, f("대중교통과"))).toBe(true);
  });
  it("filters by status and sector", () => {
    const byStatus = { ...f(""), status: "completed" };
    expect([brt, trees].filter((a) => matches(a, byStatus)).map((a) => a.id)).toEqual(["ten_million_trees"]);
    const bySector = { ...f(""), sector: "transport" };
    expect([brt, trees].filter((a) => matches(a, bySector)).map((a) => a.id)).toEqual(["brt_kirin"]);
  });
  it("filters live in the URL", () => {
    const q = filterToQuery({ ...f("BRT"), status: "delayed" });
    expect(q).toBe("?q=BRT&status=delayed");
    expect(filterFromQuery(new URLSearchParams(q)).status).toBe("delayed");
  });
});
