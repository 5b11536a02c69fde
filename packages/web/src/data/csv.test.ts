import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("CSV", () => {
  it("quotes what must be quoted, keeps numbers whole, marks UTF-8", () => {
    const csv = toCsv(
      ["이름", "tco2e"],
      [
        ["건물, 주거", 702606.25],
        ['say "hi"', null],
      ],
    );
    expect(csv).toBe('\uFEFF이름,tco2e\r\n"건물, 주거",702606.25\r\n"say ""hi""",\r\n');
  });

  it("escapes formula cells as the server does (OWASP CSV injection), keeps negative numbers", () => {
    const out = toCsv(
      ["name", "value"],
      [
        ["=cmd|' /C calc'!A0", -3],
        ["@x", null],
      ],
    );
    expect(out).toBe("\uFEFFname,value\r\n'=cmd|' /C calc'!A0,-3\r\n'@x,\r\n");
  });
});
