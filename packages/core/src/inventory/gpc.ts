/**
 * The GPC v1.1 reference list (Global Protocol for Community-Scale Greenhouse Gas Inventories, WRI, C40 and
 * ICLEI, 2021): every reference number with its sector, sub-sector, scope and reporting level, as the GPC's
 * reporting tables define them. This table is the single source for the inventory's totals, for the Korean
 * plan sectors (kr-sectors.ts) and for docs/methodology/inventory.md, which is generated from it.
 *
 * Reporting levels
 * - `basic`: BASIC = scope 1 and 2 of stationary energy and transport, scope 1 and 3 of waste.
 * - `basic_plus`: added by BASIC+ = scope 3 of stationary energy (transmission and distribution losses) and of
 *   transport (transboundary journeys), IPPU and AFOLU.
 * - `territorial`: counted only in the territorial (scope 1) total, not in BASIC or BASIC+: energy generation
 *   supplied to the grid (I.4.4, counted at the users as scope 2) and waste from outside the city treated
 *   inside it (III.x.3, counted by the city it comes from).
 * - `other`: other scope 3 (VI.1), reported but in no total.
 * The territorial total is the sum of every scope-1 line, whatever its level.
 */

export type GpcScope = 1 | 2 | 3;
export type GpcLevel = "basic" | "basic_plus" | "territorial" | "other";
export type GpcSectorId = "I" | "II" | "III" | "IV" | "V" | "VI";

export interface GpcSector {
  readonly id: GpcSectorId;
  readonly name: string;
  readonly name_ko: string;
}

export interface GpcReference {
  /** The reference number, e.g. "I.1.1", "IV.1", "VI.1". */
  readonly ref: string;
  readonly sector: GpcSectorId;
  /** The sub-sector's reference number, e.g. "I.1" (the same as ref for IV, V and VI lines). */
  readonly subsector: string;
  readonly subsector_name: string;
  readonly subsector_name_ko: string;
  readonly scope: GpcScope;
  readonly level: GpcLevel;
  /** What the line holds, in the GPC's words shortened. */
  readonly description: string;
}

export const GPC_SECTORS: readonly GpcSector[] = [
  { id: "I", name: "Stationary energy", name_ko: "고정 에너지" },
  { id: "II", name: "Transportation", name_ko: "수송" },
  { id: "III", name: "Waste", name_ko: "폐기물" },
  { id: "IV", name: "Industrial processes and product use (IPPU)", name_ko: "산업공정 및 제품 사용" },
  {
    id: "V",
    name: "Agriculture, forestry and other land use (AFOLU)",
    name_ko: "농업·임업 및 기타 토지이용",
  },
  { id: "VI", name: "Other scope 3", name_ko: "기타 Scope 3" },
];

interface SubsectorSpec {
  readonly id: string;
  readonly name: string;
  readonly name_ko: string;
  readonly lines: ReadonlyArray<
    readonly [suffix: string, scope: GpcScope, level: GpcLevel, description: string]
  >;
}

const energyLines = (what: string): SubsectorSpec["lines"] => [
  ["1", 1, "basic", `fuel combustion within the city boundary (${what})`],
  ["2", 2, "basic", `consumption of grid-supplied energy (${what})`],
  ["3", 3, "basic_plus", `transmission and distribution losses of grid-supplied energy (${what})`],
];

const transportLines = (what: string, withThird = true): SubsectorSpec["lines"] => [
  ["1", 1, "basic", `${what}: fuel combustion within the city boundary`],
  ["2", 2, "basic", `${what}: grid-supplied energy consumed within the city boundary`],
  ...(withThird
    ? ([["3", 3, "basic_plus", `${what}: the out-of-boundary part of transboundary journeys`]] as const)
    : []),
];

const wasteLines = (what: string): SubsectorSpec["lines"] => [
  ["1", 1, "basic", `${what} of waste generated in the city, treated within the city boundary`],
  ["2", 3, "basic", `${what} of waste generated in the city, treated outside the city boundary`],
  ["3", 1, "territorial", `${what} of waste generated outside the city, treated within the city boundary`],
];

const SUBSECTORS: readonly SubsectorSpec[] = [
  { id: "I.1", name: "Residential buildings", name_ko: "가정 건물", lines: energyLines("residential") },
  {
    id: "I.2",
    name: "Commercial and institutional buildings and facilities",
    name_ko: "상업·공공 건물 및 시설",
    lines: energyLines("commercial and institutional"),
  },
  {
    id: "I.3",
    name: "Manufacturing industries and construction",
    name_ko: "제조업 및 건설업",
    lines: energyLines("manufacturing and construction"),
  },
  {
    id: "I.4",
    name: "Energy industries",
    name_ko: "에너지산업",
    lines: [
      ["1", 1, "basic", "energy used in power plant auxiliary operations within the city boundary"],
      ["2", 2, "basic", "grid-supplied energy consumed in power plant auxiliary operations"],
      ["3", 3, "basic_plus", "transmission and distribution losses of that grid-supplied energy"],
      ["4", 1, "territorial", "energy generation supplied to the grid"],
    ],
  },
  {
    id: "I.5",
    name: "Agriculture, forestry and fishing activities",
    name_ko: "농림어업",
    lines: energyLines("agriculture, forestry and fishing"),
  },
  { id: "I.6", name: "Non-specified sources", name_ko: "기타(미분류)", lines: energyLines("non-specified") },
  {
    id: "I.7",
    name: "Fugitive emissions from mining, processing, storage and transportation of coal",
    name_ko: "탈루(석탄)",
    lines: [["1", 1, "basic", "fugitive emissions within the city boundary"]],
  },
  {
    id: "I.8",
    name: "Fugitive emissions from oil and natural gas systems",
    name_ko: "탈루(석유·천연가스)",
    lines: [["1", 1, "basic", "fugitive emissions within the city boundary"]],
  },
  { id: "II.1", name: "On-road transportation", name_ko: "도로", lines: transportLines("on-road") },
  { id: "II.2", name: "Railways", name_ko: "철도", lines: transportLines("railways") },
  {
    id: "II.3",
    name: "Waterborne navigation",
    name_ko: "수운",
    lines: transportLines("waterborne navigation"),
  },
  { id: "II.4", name: "Aviation", name_ko: "항공", lines: transportLines("aviation") },
  {
    id: "II.5",
    name: "Off-road transportation",
    name_ko: "비도로",
    lines: transportLines("off-road", false),
  },
  { id: "III.1", name: "Solid waste disposal", name_ko: "고형폐기물 매립", lines: wasteLines("disposal") },
  {
    id: "III.2",
    name: "Biological treatment of waste",
    name_ko: "폐기물 생물학적 처리",
    lines: wasteLines("biological treatment"),
  },
  {
    id: "III.3",
    name: "Incineration and open burning",
    name_ko: "소각 및 노천소각",
    lines: wasteLines("incineration and open burning"),
  },
  {
    id: "III.4",
    name: "Wastewater treatment and discharge",
    name_ko: "하·폐수 처리 및 방류",
    lines: wasteLines("treatment and discharge"),
  },
  {
    id: "IV.1",
    name: "Industrial processes",
    name_ko: "산업공정",
    lines: [["", 1, "basic_plus", "industrial processes within the city boundary"]],
  },
  {
    id: "IV.2",
    name: "Product use",
    name_ko: "제품 사용",
    lines: [["", 1, "basic_plus", "product use within the city boundary"]],
  },
  {
    id: "V.1",
    name: "Livestock",
    name_ko: "축산",
    lines: [["", 1, "basic_plus", "livestock within the city boundary"]],
  },
  {
    id: "V.2",
    name: "Land",
    name_ko: "토지(흡수원 포함)",
    lines: [["", 1, "basic_plus", "land use and land-use change, removals negative"]],
  },
  {
    id: "V.3",
    name: "Aggregate sources and non-CO2 emission sources on land",
    name_ko: "토지의 통합 배출원 및 비CO2 배출원",
    lines: [["", 1, "basic_plus", "aggregate and non-CO2 sources on land within the city boundary"]],
  },
  {
    id: "VI.1",
    name: "Other scope 3",
    name_ko: "기타 Scope 3",
    lines: [["", 3, "other", "other scope 3 emissions"]],
  },
];

/** The complete GPC v1.1 reference list, in the GPC's order. */
export const GPC_REFERENCES: readonly GpcReference[] = SUBSECTORS.flatMap((s) =>
  s.lines.map(([suffix, scope, level, description]) => ({
    ref: suffix ? `${s.id}.${suffix}` : s.id,
    sector: s.id.split(".")[0] as GpcSectorId,
    subsector: s.id,
    subsector_name: s.name,
    subsector_name_ko: s.name_ko,
    scope,
    level,
    description,
  })),
);

const BY_REF: ReadonlyMap<string, GpcReference> = new Map(GPC_REFERENCES.map((r) => [r.ref, r]));

/** The reference, or undefined when `ref` is not a GPC v1.1 reference number. */
export function gpcReference(ref: string): GpcReference | undefined {
  return BY_REF.get(ref);
}

/** True when `prefix` is a reference number, a sub-sector ("I.1") or a sector ("II") of the GPC list. */
export function isGpcPrefix(prefix: string): boolean {
  return GPC_REFERENCES.some((r) => gpcRefMatches(prefix, r.ref));
}

/** True when `prefix` ("II", "I.1", "I.1.1") covers `ref` ("I" covers "I.1.1" but not "II.1.1"). */
export function gpcRefMatches(prefix: string, ref: string): boolean {
  return ref === prefix || ref.startsWith(`${prefix}.`);
}

/** Depth of a prefix: "II" 1, "I.1" 2, "I.1.1" 3; a more specific factor has a greater depth. */
export function gpcDepth(prefix: string): number {
  return prefix.split(".").length;
}

/** Which totals a line counts in. */
export function countsIn(ref: GpcReference): { basic: boolean; basic_plus: boolean; territorial: boolean } {
  return {
    basic: ref.level === "basic",
    basic_plus: ref.level === "basic" || ref.level === "basic_plus",
    territorial: ref.scope === 1,
  };
}
