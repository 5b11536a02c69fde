import { describe, expect, it } from "vitest";
import type { EmissionLine, InventoryYear } from "../api/model.ts";
import { byDistrict, byGpcScope, currentVersion, planTotal, sectorSeries, sectorsOf } from "./aggregate.ts";

const line = (
  gpcRef: string,
  sector: EmissionLine["sector"],
  scope: number,
  t: number,
  districts: Record<string, number> | null = null,
): EmissionLine => ({
  id: `2018:${gpcRef}`,
  year: 2018,
  gpcRef,
  name: gpcRef,
  scope,
  level: "basic",
  sector,
  tco2e: t,
  marketTco2e: t,
  gasesT: {},
  factors: [],
  districts,
  quality: null,
});

describe("aggregates", () => {
  const lines = [
    line("I.1.1", "buildings", 1, 100, { 완산구: 60, 덕진구: 40 }),
    line("I.1.2", "buildings", 2, 250.5, { 완산구: 200, 덕진구: 50.5 }),
    line("I.4.4", null, 1, 900, { 덕진구: 900 }),
    line("II.1.1", "transport", 1, 400),
    line("V.2", "sinks", 1, -50),
  ];
  it("GPC sector x scope, in GPC order", () => {
    expect(byGpcScope(lines)).toEqual([
      { gpcSector: "I", scope: 1, tco2e: 1000 }, // 100 + 900
      { gpcSector: "I", scope: 2, tco2e: 250.5 },
      { gpcSector: "II", scope: 1, tco2e: 400 },
      { gpcSector: "V", scope: 1, tco2e: -50 },
    ]);
  });
  it("districts count only lines of the plan basis (grid generation I.4.4 is counted at the users)", () => {
    // 완산구 60 + 200 = 260; 덕진구 40 + 50.5 = 90.5 (the 900 of I.4.4 is left out)
    expect(byDistrict(lines)).toEqual([
      { district: "완산구", tco2e: 260 },
      { district: "덕진구", tco2e: 90.5 },
    ]);
  });
  it("sectors and the plan total come from the core's sector figures, in plan order", () => {
    const y: InventoryYear = {
      year: 2018,
      totals: { basic: 1, basicPlus: 2, territorial: 3 },
      krSectors: { transport: 400, buildings: 350.5, sinks: -50 },
      market: { totals: { basic: 1, basicPlus: 2, territorial: 3 }, krSectors: {} },
      lines,
    };
    expect(sectorsOf(y)).toEqual([
      ["buildings", 350.5],
      ["transport", 400],
      ["sinks", -50],
    ]);
    expect(planTotal(y)).toBe(700.5); // 350.5 + 400 - 50
    const y2 = { ...y, year: 2019, krSectors: { buildings: 300 } };
    // a missing value is a gap (null), never a zero
    expect(sectorSeries([y, y2])).toEqual({
      buildings: [350.5, 300],
      transport: [400, null],
      sinks: [-50, null],
    });
  });
  it("shows the newest published version; a draft only when nothing is published", () => {
    const ref = (version: number, status: "draft" | "published") => ({
      version,
      status,
      label: { ko: "" },
      firstYear: 2018,
      lastYear: 2018,
      createdAt: "",
      publishedAt: null,
      verification: {
        status: "provisional" as const,
        verifiedBy: null,
        verifiedOn: null,
        basis: null,
        illustrative: false,
      },
    });
    expect(currentVersion([ref(1, "published"), ref(2, "published"), ref(3, "draft")])?.version).toBe(2);
    expect(currentVersion([ref(1, "draft"), ref(2, "draft")])?.version).toBe(2);
    expect(currentVersion([])).toBeNull();
  });
});
