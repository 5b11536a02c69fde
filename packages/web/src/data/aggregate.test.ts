import { describe, expect, it } from "vitest";
import type { EmissionLine } from "../api/model.ts";
import { byGpcScope, bySector, latestPerYear, total } from "./aggregate.ts";

const line = (
  id: string,
  sector: EmissionLine["sector"],
  gpcSector: string,
  scope: number | null,
  t: number,
): EmissionLine => ({
  id,
  label: id,
  gpcSector,
  scope,
  sector,
  district: null,
  year: 2018,
  tco2e: t,
});

describe("aggregates", () => {
  const lines = [
    line("a", "buildings", "I", 1, 100),
    line("b", "buildings", "I", 2, 250.5),
    line("c", "transport", "II", 1, 400),
    line("d", null, "VI", 3, 10),
    line("e", "sinks", "V", 1, -50),
  ];
  it("parts add up to the total; an unmapped line is shown, not dropped", () => {
    // 100 + 250.5 + 400 + 10 - 50 = 710.5
    expect(total(lines)).toBe(710.5);
    const s = bySector(lines);
    expect(s.get("buildings")).toBe(350.5);
    expect(s.get("unassigned")).toBe(10);
    expect([...s.values()].reduce((a, b) => a + b, 0)).toBe(710.5);
    // sectors come in plan order
    expect([...s.keys()]).toEqual(["buildings", "transport", "sinks", "unassigned"]);
  });
  it("GPC sector x scope", () => {
    expect(byGpcScope(lines)).toEqual([
      { gpcSector: "I", scope: "1", tco2e: 100 },
      { gpcSector: "I", scope: "2", tco2e: 250.5 },
      { gpcSector: "II", scope: "1", tco2e: 400 },
      { gpcSector: "V", scope: "1", tco2e: -50 },
      { gpcSector: "VI", scope: "3", tco2e: 10 },
    ]);
  });
  it("the newest published version of each year", () => {
    const refs = [
      { id: "1", year: 2018, version: 1, status: "published" },
      { id: "2", year: 2018, version: 2, status: "published" },
      { id: "3", year: 2018, version: 3, status: "draft" },
      { id: "4", year: 2017, version: 1, status: "published" },
    ];
    expect(latestPerYear(refs).map((r) => r.id)).toEqual(["4", "2"]);
  });
});
