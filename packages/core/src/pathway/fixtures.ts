/**
 * A tiny instance for tests, small enough to work by hand (see pathway.test.ts for the arithmetic).
 * Figures are made up for the test and marked illustrative.
 */
import type { z } from "zod";
import type { InstanceInput, linesInventorySchema } from "./schema.ts";

/** An instance input whose inventory is given as lines. */
export type LinesInstanceInput = Omit<InstanceInput, "inventory"> & {
  inventory: z.input<typeof linesInventorySchema>;
};

const ill = { illustrative: true, note: "test figure" } as const;

export function tinyInstance(): LinesInstanceInput {
  return {
    format: "citypath-instance/1",
    id: "tiny",
    version: "1",
    name: { ko: "작은 도시", en: "Tiny town" },
    end_year: 2025,
    inventory: {
      kind: "lines",
      year: 2020,
      coverage: "three lines",
      published_total: { tco2e: 2900, source: "test" },
      lines: [
        { gpc_ref: "I.1.2", tco2e: 1000, ...ill },
        { gpc_ref: "II.1.1", tco2e: 2000, ...ill },
        { gpc_ref: "V.2", tco2e: -100, ...ill },
      ],
    },
    drivers: [
      {
        id: "population",
        name: { ko: "인구", en: "Population" },
        unit: "count",
        values: { "2020": 100, "2025": 90 },
        interpolation: "linear",
        extrapolate: "none",
        ...ill,
      },
      {
        id: "grid",
        name: { ko: "전력 배출계수", en: "Grid factor" },
        unit: "tCO2e/MWh",
        role: "grid_factor",
        values: { "2020": 0.5, "2025": 0.4 },
        interpolation: "linear",
        extrapolate: "none",
        ...ill,
      },
    ],
    bau: [
      {
        id: "elec",
        lines: ["I.1.2"],
        activity: { driver: "population", elasticity: 1 },
        intensity: { driver: "grid" },
        ...ill,
      },
      {
        id: "road",
        lines: ["II.1.1"],
        activity: { driver: "population", elasticity: 1 },
        trend: { rate: -0.01 },
        ...ill,
      },
      { id: "land", lines: ["V.2"], ...ill },
    ],
    actions: [
      {
        id: "ev",
        type: "intensity_change",
        name: { ko: "전기차", en: "Electric cars" },
        params: { lines: ["II.1.1"], change: -0.5, schedule: { start_year: 2021, ramp_years: 1 } },
        ...ill,
      },
      {
        id: "brt",
        type: "fixed_abatement",
        name: { ko: "BRT", en: "BRT" },
        params: { line: "II.1.1", tco2e_avoided: { "2022": 100, "2024": 300 }, after_last: "hold" },
        ...ill,
      },
      {
        id: "eco",
        type: "intensity_change",
        name: { ko: "친환경 운전", en: "Eco-driving" },
        params: { lines: ["II.1.1"], change: -0.2, schedule: { start_year: 2023 } },
        ...ill,
      },
    ],
    scenarios: [
      {
        id: "all",
        name: { ko: "모두", en: "All" },
        actions: [
          { action: "ev", level: 1 },
          { action: "brt", level: 1 },
          { action: "eco", level: 1 },
        ],
      },
      { id: "big_brt", name: { ko: "큰 BRT", en: "Big BRT" }, actions: [{ action: "brt", level: 10 }] },
      {
        id: "clean_grid",
        name: { ko: "청정 전력", en: "Clean grid" },
        actions: [],
        drivers: { grid: { values: { "2020": 0.5, "2025": 0.25 }, ...ill } },
      },
    ],
    targets: [tinyTarget("half", { ko: "절반", en: "Half" }, 2025, 0.5)],
  };
}

/** A city target of the tiny town on BASIC against 2020: `reduction` (0..1) by `year`, illustrative. */
export function tinyTarget(
  id: string,
  name: { ko: string; en: string },
  year: number,
  reduction: number,
): NonNullable<LinesInstanceInput["targets"]>[number] {
  return {
    id,
    name,
    basis: "basic",
    base_year: 2020,
    kind: "city",
    points: [{ year, reduction }],
    interpolation: "linear",
    ...ill,
  };
}
