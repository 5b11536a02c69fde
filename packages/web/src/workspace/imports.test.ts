import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { wkEn, wkKo } from "../i18n/workspace.ts";
import { refusedProblems } from "./Imports.tsx";
import { problemReason, quotedValues } from "./ProblemTable.tsx";

async function i18n(lng: "ko" | "en") {
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: { ko: { translation: { wk: wkKo } }, en: { translation: { wk: wkEn } } },
    interpolation: { escapeValue: false },
  });
  return i;
}

describe("import problems in the page's language", () => {
  it("a Korean page says the reason by its code, with the values the server quoted", async () => {
    const ko = await i18n("ko");
    expect(problemReason(ko, { code: "UNKNOWN_REFERENCE", reason: "no indicator 'brt-speed'" })).toBe(
      "등록되지 않은 것을 가리킵니다. (brt-speed)",
    );
    expect(problemReason(ko, { code: "MISSING_VALUE", reason: "the value is empty" })).toBe(
      "필요한 값이 비어 있습니다.",
    );
    // a code the page does not know: the server's words
    expect(problemReason(ko, { code: "SOMETHING_NEW", reason: "as written" })).toBe("as written");
  });

  it("an English page shows the server's own reason", async () => {
    const en = await i18n("en");
    expect(problemReason(en, { code: "BAD_NUMBER", reason: "'many' is not a number" })).toBe(
      "'many' is not a number",
    );
  });

  it("quoted values are taken from single or double quotes", () => {
    expect(quotedValues(`'a' is not one of x; "b c" too`)).toEqual(["a", "b c"]);
    expect(quotedValues("no quotes")).toEqual([]);
  });

  it("a refused commit's details are located by row and column", () => {
    const problems = refusedProblems({
      status: 403,
      code: "FORBIDDEN",
      message: "refused",
      details: [
        { path: "actions.csv:3 [id]", message: "action 'tourism-tram' belongs to another department" },
        { path: "line 4 [value]", message: "the value is empty", code: "MISSING_VALUE" },
        { path: "json.target", message: "Name the dataset" },
      ],
    });
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, "id", "FORBIDDEN"],
      [4, "value", "MISSING_VALUE"],
      [null, "json.target", "FORBIDDEN"],
    ]);
  });
});
