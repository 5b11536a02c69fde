import { describeYears } from "@citypath/core/inventory/factors";
import type { FactorRow } from "@citypath/core/inventory/types";
import { describe, expect, it } from "vitest";
import { matchedYears } from "./LinePage.tsx";

const factor = (years: Pick<FactorRow, "year" | "valid_from" | "valid_to">): FactorRow => ({
  id: "f",
  activity: "city_gas",
  gas: "CO2",
  factor: 56_100,
  unit: "kg/TJ",
  origin: "builtin",
  ...years,
});

describe("the years a factor matched, in the page's language", () => {
  it("reads core's three descriptions in Korean and English", () => {
    const all = describeYears(factor({}));
    expect(matchedYears(all, "ko", "모든 연도")).toBe("모든 연도");
    expect(matchedYears(all, "en", "All years")).toBe("All years");
    const one = describeYears(factor({ year: 2021 }));
    expect(matchedYears(one, "ko", "모든 연도")).toBe("2021년");
    expect(matchedYears(one, "en", "All years")).toBe("2021");
    const range = describeYears(factor({ valid_from: 2018, valid_to: 2020 }));
    expect(matchedYears(range, "ko", "모든 연도")).toBe("2018-2020");
  });
});
