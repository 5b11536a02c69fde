import { describe, expect, it } from "vitest";
import {
  type BudgetProfileForm,
  budgetProfileForm,
  layoutColumns,
  parsePairs,
  parseScale,
  parseValueMap,
  profileFields,
  profileText,
} from "./budget-profiles.ts";

const lines = new Set(layoutColumns("budget_lines").map((c) => c[0]));

const form = (over: Partial<BudgetProfileForm>): BudgetProfileForm => ({
  id: "seoul-lines",
  name: "서울식 예산서",
  kind: "budget_lines",
  encoding: "auto",
  sheet: "",
  mapping: "",
  constants: "",
  scale: "",
  value_map: "",
  ...over,
});

describe("the budget import profile's lines of text", () => {
  it("reads column=header lines, naming the lines that are not (from 1, blank lines counted)", () => {
    const r = parsePairs("code=과목코드\n\noriginal_krw = 예산액(천원)\nnope=x\nname=\ncode=again", lines);
    expect(r.value).toEqual({ code: "과목코드", original_krw: "예산액(천원)" });
    // line 4 names no column of the layout, line 5 has no header, line 6 repeats a column
    expect(r.bad).toEqual([4, 5, 6]);
  });

  it("reads factors: thousand won is 1,000; zero, negative and over 10^12 are refused", () => {
    const r = parseScale("original_krw=1,000\nfinal_krw=0\nlast_year_krw=-1\nsupplementary_krw=1e13", lines);
    expect(r.value).toEqual({ original_krw: 1000 });
    expect(r.bad).toEqual([2, 3, 4]);
  });

  it("reads a city's own class set into the layout's, per column", () => {
    const r = parseValueMap(
      "class: 친화=reduction\nclass: 부정 = emission\naccount: 일반회계=일반\nclass 잠재",
      lines,
    );
    expect(r.value).toEqual({
      class: { 친화: "reduction", 부정: "emission" },
      account: { 일반회계: "일반" },
    });
    expect(r.bad).toEqual([4]);
  });

  it("writes a stored profile back as the same lines", () => {
    const p = {
      mapping: { code: "과목코드", original_krw: "예산액(천원)" },
      constants: { account: "일반" },
      scale: { original_krw: 1000 },
      value_map: { class: { 친화: "reduction", 부정: "emission" } },
    };
    const text = profileText(p);
    expect(text.value_map).toBe("class: 친화=reduction\nclass: 부정=emission");
    expect(profileFields(form(text))).toEqual(p);
  });

  it("the form puts each bad line on its field, with the line numbers, by the kind's columns", () => {
    const ok = budgetProfileForm.safeParse(
      form({ mapping: "original_krw=예산액", scale: "original_krw=1000" }),
    );
    expect(ok.success).toBe(true);
    // executed_krw is a settlement column, not a line column
    const bad = budgetProfileForm.safeParse(
      form({ mapping: "code=코드\nexecuted_krw=집행액", scale: "original_krw=천", value_map: "class 친화" }),
    );
    expect(bad.success).toBe(false);
    const issues = bad.error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["mapping", "rp.prof.badPairs?lines=2"],
      ["scale", "rp.prof.badScale?lines=1"],
      ["value_map", "rp.prof.badValueMap?lines=1"],
    ]);
    const settlements = budgetProfileForm.safeParse(
      form({ kind: "budget_settlements", mapping: "executed_krw=집행액" }),
    );
    expect(settlements.success).toBe(true);
  });
});
