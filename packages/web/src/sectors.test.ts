import { describe, expect, it } from "vitest";
import { KOREAN_SECTORS, SECTOR_COLOURS, toKoreanSector } from "./sectors.ts";

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("sector colours", () => {
  it("are distinct and have at least 3:1 contrast on white (WCAG 1.4.11)", () => {
    const colours = KOREAN_SECTORS.map((s) => SECTOR_COLOURS[s]);
    expect(new Set(colours).size).toBe(7);
    for (const c of colours) expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(3);
  });
  it("map the data's names to sector ids, and nothing else", () => {
    expect(toKoreanSector("수송")).toBe("transport");
    expect(toKoreanSector("conversion")).toBe("conversion");
    expect(toKoreanSector("전환")).toBe("conversion");
    expect(toKoreanSector("other")).toBeNull();
  });
});
