/**
 * Built-in activities and emission factors, each factor with its source, publication year and unit.
 * Markers in sources: [std] a standard IPCC default transcribed from the table named; [law] a Korean legal
 * annex; [pub] a value published by the Korean government as reported in the press (see FACTS in the docs).
 *
 * Paths
 * - Fuels: CO2 per energy (IPCC 2006 Vol. 2 Table 1.4) for every GPC reference, CH4 and N2O per energy that
 *   differ between stationary combustion (GPC I: Tables 2.2 to 2.5) and mobile combustion (GPC II: Tables
 *   3.2.2, 3.3.1, 3.4.1, 3.5.3), each with Korea's net calorific value so that amounts in L, kg or Nm3 work.
 * - Grid electricity: one CO2e factor per year from 2018 (tCO2e/MWh, consumption side).
 * - Livestock (enteric fermentation) per head, trees and forest per tree and per hectare (removals negative).
 * Not built in (supply them with --factors): gasoline's Korean NCV (not found in the annex transcription, so
 * gasoline must be given in energy units or with an NCV), aviation fuels, waste, IPPU, heat and steam
 * (supplier-specific), manure management.
 */
import type { ActivityDef, FactorRow } from "@citypath/core";

const T14 = "IPCC 2006 GL Vol. 2 Ch. 1 Table 1.4 (default CO2 factors for combustion) [std]";
const T22_23 =
  "IPCC 2006 GL Vol. 2 Ch. 2 Tables 2.2 and 2.3 (energy industries; manufacturing and construction) [std]";
const T24_25 =
  "IPCC 2006 GL Vol. 2 Ch. 2 Tables 2.4 and 2.5 (commercial/institutional; residential and agriculture/forestry/fishing) [std]";
const T322 = "IPCC 2006 GL Vol. 2 Ch. 3 Table 3.2.2 (road transport CH4 and N2O) [std]";
const T331 = "IPCC 2006 GL Vol. 2 Ch. 3 Table 3.3.1 (off-road diesel) [std]";
const T341 = "IPCC 2006 GL Vol. 2 Ch. 3 Table 3.4.1 (railway diesel) [std]";
const T353 = "IPCC 2006 GL Vol. 2 Ch. 3 Table 3.5.3 (waterborne navigation) [std]";
const NCV_SRC = "에너지법 시행규칙 별표 에너지열량 환산기준 (2022-11-21 개정), 순발열량 [law]";

export interface FuelSpec {
  readonly id: string;
  readonly name: string;
  readonly name_ko: string;
  readonly aliases: readonly string[];
  /** IPCC fuel class for the CH4/N2O tables. */
  readonly ipcc: "oil" | "gas" | "lpg";
  /** CO2 in kg/TJ (Table 1.4). */
  readonly co2: number;
  /** Korean net calorific value, or undefined where none was found. */
  readonly ncv?: { readonly value: number; readonly unit: string };
  /** Mobile CH4 and N2O (kg/TJ) by GPC sub-sector, with the table. */
  readonly mobile: ReadonlyArray<readonly [gpcRef: string, ch4: number, n2o: number, source: string]>;
  readonly note?: string;
}

/** The fuels Korean cities report, with their IPCC factors and Korean NCVs. */
export const FUELS: readonly FuelSpec[] = [
  {
    id: "city_gas",
    name: "City gas (natural gas)",
    name_ko: "도시가스",
    aliases: ["city gas", "LNG(도시가스)", "도시가스(LNG)", "natural gas"],
    ipcc: "gas",
    co2: 56100,
    ncv: { value: 9190, unit: "kcal/Nm3" },
    mobile: [["II.1", 92, 3, `${T322}, natural gas (CNG buses)`]],
  },
  {
    id: "lng",
    name: "Liquefied natural gas",
    name_ko: "천연가스(LNG)",
    aliases: ["LNG", "액화천연가스"],
    ipcc: "gas",
    co2: 56100,
    ncv: { value: 11800, unit: "kcal/kg" },
    mobile: [["II.1", 92, 3, `${T322}, natural gas`]],
  },
  {
    id: "propane",
    name: "LPG (propane)",
    name_ko: "프로판",
    aliases: ["LPG(프로판)", "propane"],
    ipcc: "lpg",
    co2: 63100,
    ncv: { value: 11040, unit: "kcal/kg" },
    mobile: [["II.1", 62, 0.2, `${T322}, LPG`]],
  },
  {
    id: "butane",
    name: "LPG (butane, the vehicle LPG in Korea)",
    name_ko: "부탄",
    aliases: ["LPG(부탄)", "자동차용 부탄", "butane"],
    ipcc: "lpg",
    co2: 63100,
    ncv: { value: 10880, unit: "kcal/kg" },
    mobile: [["II.1", 62, 0.2, `${T322}, LPG`]],
  },
  {
    id: "kerosene",
    name: "Kerosene",
    name_ko: "등유",
    aliases: ["kerosene", "실내등유", "보일러등유"],
    ipcc: "oil",
    co2: 71900,
    ncv: { value: 8150, unit: "kcal/L" },
    mobile: [],
    note: "Not a transport fuel in Korean city inventories: no mobile CH4/N2O factor (jet kerosene is another fuel).",
  },
  {
    id: "diesel",
    name: "Diesel (gas/diesel oil)",
    name_ko: "경유",
    aliases: ["diesel", "gas/diesel oil", "디젤"],
    ipcc: "oil",
    co2: 74100,
    ncv: { value: 8420, unit: "kcal/L" },
    mobile: [
      ["II.1", 3.9, 3.9, `${T322}, diesel`],
      ["II.2", 4.15, 28.6, T341],
      ["II.3", 7, 2, `${T353}, gas/diesel oil`],
      ["II.5", 4.15, 28.6, T331],
    ],
  },
  {
    id: "gasoline",
    name: "Motor gasoline",
    name_ko: "휘발유",
    aliases: ["gasoline", "motor gasoline", "가솔린"],
    ipcc: "oil",
    co2: 69300,
    mobile: [
      ["II.1", 33, 3.2, `${T322}, motor gasoline, uncontrolled (the Tier 1 row without technology data)`],
    ],
    note: "No Korean NCV built in (not found in the annex transcription): give amounts in energy units (toe, TJ, Gcal) or a factors file with ncv.",
  },
  {
    id: "bunker_c",
    name: "Bunker C (residual fuel oil)",
    name_ko: "B-C유",
    aliases: ["bunker C", "벙커C유", "중유", "residual fuel oil"],
    ipcc: "oil",
    co2: 77400,
    ncv: { value: 9390, unit: "kcal/L" },
    mobile: [["II.3", 7, 2, `${T353}, residual fuel oil`]],
  },
];

/** Stationary CH4 and N2O (kg/TJ) by IPCC fuel class: `I` default (Tables 2.2, 2.3) and I.1, I.2, I.5 (2.4, 2.5). */
const STATIONARY: Record<FuelSpec["ipcc"], { general: [number, number]; buildings: [number, number] }> = {
  oil: { general: [3, 0.6], buildings: [10, 0.6] },
  gas: { general: [1, 0.1], buildings: [5, 0.1] },
  lpg: { general: [1, 0.1], buildings: [5, 0.1] },
};
const BUILDINGS_REFS = ["I.1", "I.2", "I.5"] as const;

export interface GridYear {
  readonly year: number;
  readonly value: number;
  readonly source: string;
  readonly source_year: number;
  /** Which published value stands for the year, and why. */
  readonly basis: string;
}

/** Korea's grid electricity factor (tCO2e/MWh, consumption side) for every year from 2018. */
export const GRID_FACTORS: readonly GridYear[] = [
  ...[2018, 2019].map((year) => ({
    year,
    value: 0.45941,
    source:
      "ETS reporting guideline Annex 6 Table 69 (2014-16 average), used by the public-sector guideline, ME notice 2020-304 [pub]",
    source_year: 2020,
    basis: "no single-year value was published; the 2014-16 average was the factor in force for these years",
  })),
  {
    year: 2020,
    value: 0.4541,
    source: "Korea grid factor, 2020-22 average, published 2025-03 [pub]",
    source_year: 2025,
    basis: "no single-year 2020 value was found; the 2020-22 average covers the year",
  },
  {
    year: 2021,
    value: 0.4509,
    source: "Korea grid factor, single-year reference value for 2021 [pub]",
    source_year: 2025,
    basis: "single-year value",
  },
  {
    year: 2022,
    value: 0.4312,
    source: "Korea grid factor, single-year reference value for 2022 [pub]",
    source_year: 2025,
    basis: "single-year value",
  },
  {
    year: 2023,
    value: 0.4173,
    source: "Korea grid factor, official single-year value for 2023 (published 2025-12) [pub]",
    source_year: 2025,
    basis: "single-year value",
  },
  ...[2024, 2025].map((year) => ({
    year,
    value: 0.4173,
    source: "Korea grid factor, official single-year value for 2023 (published 2025-12) [pub]",
    source_year: 2025,
    basis: "not yet published; the latest single-year value (2023) stands for it until it is",
  })),
];

const OTHER_ACTIVITIES: readonly ActivityDef[] = [
  {
    id: "electricity",
    name: "Grid electricity",
    name_ko: "전력",
    aliases: ["grid electricity", "전기", "전력(계통)"],
    kind: "electricity",
    note: "Scope 2 lines (x.x.2) and losses (x.x.3); the factor is published in CO2e and is not re-weighted by the GWP set.",
  },
  {
    id: "dairy_cattle",
    name: "Dairy cattle (enteric fermentation)",
    name_ko: "젖소",
    aliases: ["dairy cattle"],
    kind: "livestock",
    note: "Head (annual average population). Enteric CH4 only; manure management is not built in.",
  },
  {
    id: "other_cattle",
    name: "Other cattle (enteric fermentation)",
    name_ko: "한육우",
    aliases: ["other cattle", "한우", "육우"],
    kind: "livestock",
    note: "Head (annual average population). Enteric CH4 only; manure management is not built in.",
  },
  {
    id: "swine",
    name: "Swine (enteric fermentation)",
    name_ko: "돼지",
    aliases: ["swine", "pigs"],
    kind: "livestock",
    note: "Head (annual average population). Enteric CH4 only; manure management is not built in.",
  },
  {
    id: "pine_tree_30y",
    name: "Pine tree, 30 years old (annual uptake per tree)",
    name_ko: "소나무(30년생)",
    aliases: ["pine tree", "소나무"],
    kind: "land",
    note: "A removal: the factor is negative. Urban street trees may differ (no per-tree urban factor was found).",
  },
  {
    id: "pine_forest_30y",
    name: "Pine forest, 30 years old (annual uptake per hectare)",
    name_ko: "소나무림(30년생)",
    aliases: ["pine forest", "소나무림"],
    kind: "land",
    note: "A removal: the factor is negative.",
  },
];

/** Every built-in activity with its Korean name and aliases. */
export function builtinActivities(): ActivityDef[] {
  return [
    ...FUELS.map(
      (f): ActivityDef => ({
        id: f.id,
        name: f.name,
        name_ko: f.name_ko,
        aliases: f.aliases,
        kind: "fuel",
        ...(f.note ? { note: f.note } : {}),
      }),
    ),
    ...OTHER_ACTIVITIES,
  ];
}

function fuelRow(
  f: FuelSpec,
  gas: string,
  factor: number,
  gpc: string | undefined,
  source: string,
  note?: string,
): FactorRow {
  return {
    id: `builtin:${f.id}:${gas}:${gpc ?? "*"}`,
    activity: f.id,
    gas,
    factor,
    unit: "kg/TJ",
    ...(gpc ? { gpc_ref: gpc } : {}),
    ...(f.ncv ? { ncv: f.ncv.value, ncv_unit: f.ncv.unit, ncv_source: NCV_SRC } : {}),
    source,
    source_year: 2006,
    ...(note ? { note } : {}),
    origin: "builtin",
  };
}

/** Every built-in factor, each with its source, publication year and unit. A new array on every call. */
export function builtinFactors(): FactorRow[] {
  const rows: FactorRow[] = [];
  for (const f of FUELS) {
    rows.push(fuelRow(f, "CO2", f.co2, undefined, T14));
    const st = STATIONARY[f.ipcc];
    rows.push(fuelRow(f, "CH4", st.general[0], "I", T22_23));
    rows.push(fuelRow(f, "N2O", st.general[1], "I", T22_23));
    for (const ref of BUILDINGS_REFS) {
      rows.push(fuelRow(f, "CH4", st.buildings[0], ref, T24_25));
      rows.push(fuelRow(f, "N2O", st.buildings[1], ref, T24_25));
    }
    for (const [ref, ch4, n2o, src] of f.mobile) {
      rows.push(fuelRow(f, "CH4", ch4, ref, src));
      rows.push(fuelRow(f, "N2O", n2o, ref, src));
    }
  }
  for (const g of GRID_FACTORS) {
    rows.push({
      id: `builtin:electricity:CO2e:${g.year}`,
      activity: "electricity",
      gas: "CO2e",
      factor: g.value,
      unit: "tCO2e/MWh",
      year: g.year,
      source: g.source,
      source_year: g.source_year,
      note: g.basis,
      origin: "builtin",
    });
  }
  const livestock: Array<[string, number, string]> = [
    ["dairy_cattle", 68, "IPCC 2006 GL Vol. 4 Ch. 10 Table 10.11, dairy cattle, Asia [std]"],
    ["other_cattle", 47, "IPCC 2006 GL Vol. 4 Ch. 10 Table 10.11, other cattle, Asia [std]"],
    ["swine", 1.5, "IPCC 2006 GL Vol. 4 Ch. 10 Table 10.10, swine, developed countries [std]"],
  ];
  for (const [activity, value, source] of livestock) {
    rows.push({
      id: `builtin:${activity}:CH4:V.1`,
      activity,
      gas: "CH4",
      factor: value,
      unit: "kg/head",
      gpc_ref: "V.1",
      source,
      source_year: 2006,
      note: "per head and year (annual average population); enteric fermentation only",
      origin: "builtin",
    });
  }
  const nifos = "NIFoS standard carbon uptake of major tree species (2012), as reported in the press [pub]";
  rows.push({
    id: "builtin:pine_tree_30y:CO2:V.2",
    activity: "pine_tree_30y",
    gas: "CO2",
    factor: -6.6,
    unit: "kg/tree",
    gpc_ref: "V.2",
    source: nifos,
    source_year: 2012,
    note: "per tree and year; negative: a removal",
    origin: "builtin",
  });
  rows.push({
    id: "builtin:pine_forest_30y:CO2:V.2",
    activity: "pine_forest_30y",
    gas: "CO2",
    factor: -10.8,
    unit: "t/ha",
    gpc_ref: "V.2",
    source: nifos,
    source_year: 2012,
    note: "per hectare and year; negative: a removal",
    origin: "builtin",
  });
  return rows;
}
