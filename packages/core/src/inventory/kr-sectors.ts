/**
 * Korea's seven local plan sectors (탄소중립 기본계획 of a 시·군·구) formed from GPC lines. One rule keeps
 * electricity from being counted twice: the Korean sectors are formed on the consumption basis, so grid
 * electricity and heat count where they are used (the x.x.2 scope-2 lines), and generation supplied to the grid
 * (I.4.4, territorial only) is left out. Scope-3 lines of stationary energy and transport (transmission and
 * distribution losses, the out-of-boundary part of transboundary journeys), waste from outside the city
 * (III.x.3) and other scope 3 (VI.1) are left out too. So the sum of the seven sectors is BASIC + IV + V.
 */
import type { GpcReference } from "./gpc.ts";

export type KrSectorId =
  | "buildings"
  | "transport"
  | "industry"
  | "conversion"
  | "agriculture"
  | "waste"
  | "sinks";

export interface KrSector {
  readonly id: KrSectorId;
  readonly name_ko: string;
  readonly name: string;
  /** GPC sub-sectors or reference prefixes that form the sector (before the exclusions above). */
  readonly gpc: readonly string[];
  readonly note?: string;
}

/** The seven sectors in the order Korean plans list them. */
export const KR_SECTORS: readonly KrSector[] = [
  {
    id: "buildings",
    name_ko: "건물",
    name: "Buildings",
    gpc: ["I.1", "I.2", "I.6"],
    note: "I.6 (non-specified stationary energy) is counted with buildings; it is usually small and mostly buildings.",
  },
  { id: "transport", name_ko: "수송", name: "Transport", gpc: ["II"] },
  { id: "industry", name_ko: "산업", name: "Industry", gpc: ["I.3", "IV"] },
  {
    id: "conversion",
    name_ko: "전환",
    name: "Energy conversion",
    gpc: ["I.4", "I.7", "I.8"],
    note: "Only the energy industries' own use (I.4.1, I.4.2) and fugitive emissions; generation supplied to the grid (I.4.4) is counted at the users.",
  },
  { id: "agriculture", name_ko: "농축산", name: "Agriculture and livestock", gpc: ["I.5", "V.1", "V.3"] },
  { id: "waste", name_ko: "폐기물", name: "Waste", gpc: ["III"] },
  {
    id: "sinks",
    name_ko: "흡수원",
    name: "Sinks (land)",
    gpc: ["V.2"],
    note: "V.2 net: removals negative, land-use emissions positive.",
  },
];

export const KR_SECTOR_IDS: readonly KrSectorId[] = KR_SECTORS.map((s) => s.id);

/** Why a line is left out of the Korean sectors, or undefined when it is counted. */
export function krExclusion(ref: GpcReference): string | undefined {
  if (ref.ref === "I.4.4") return "generation supplied to the grid is counted at the users (scope 2)";
  if (ref.level === "other") return "other scope 3 is in no total";
  if ((ref.sector === "I" || ref.sector === "II") && ref.scope === 3)
    return "scope 3 of energy and transport (losses, transboundary journeys) is outside the plan basis";
  if (ref.sector === "III" && ref.level === "territorial")
    return "waste from outside the city is counted by the city it comes from";
  return undefined;
}

/** The Korean sector a GPC line counts in, or undefined when it is left out (see krExclusion). */
export function krSectorOf(ref: GpcReference): KrSectorId | undefined {
  if (krExclusion(ref)) return undefined;
  let best: { id: KrSectorId; depth: number } | undefined;
  for (const s of KR_SECTORS) {
    for (const p of s.gpc) {
      if (ref.ref === p || ref.ref.startsWith(`${p}.`)) {
        const depth = p.split(".").length;
        if (!best || depth > best.depth) best = { id: s.id, depth };
      }
    }
  }
  return best?.id;
}
