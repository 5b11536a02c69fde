import { describe, expect, it } from "vitest";
import { formatDate, formatKt, formatPercent, formatTonnes, formatYear } from "./format.ts";

describe("locale formatting", () => {
  it("emissions in thousand tonnes: 1,234,500 t = 1,234.5 천톤 / kt", () => {
    expect(formatKt(1_234_500, "ko")).toBe("1,234.5 천톤");
    expect(formatKt(1_234_500, "en")).toBe("1,234.5 kt");
    // 4,371 kt (Jeonju 2018, municipal-control basis) = 4,371,000 t
    expect(formatKt(4_371_000, "ko", 0)).toBe("4,371 천톤");
  });
  it("tonnes", () => {
    expect(formatTonnes(3848, "ko")).toBe("3,848 톤");
    expect(formatTonnes(3848, "en")).toBe("3,848 t");
  });
  it("years and dates", () => {
    expect(formatYear(2030, "ko")).toBe("2030년");
    expect(formatYear(2030, "en")).toBe("2030");
    expect(formatDate("2021-07-01", "ko")).toBe("2021년 7월 1일");
    expect(formatDate("2021-07-01", "en")).toBe("1 July 2021");
  });
  it("shares keep their sign: -44.5% on the base year", () => {
    expect(formatPercent(-0.445, "ko")).toBe("-44.5%");
    expect(formatPercent(0.1, "en")).toBe("+10.0%");
  });
});
