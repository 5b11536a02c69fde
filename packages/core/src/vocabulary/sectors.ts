/**
 * Korea's seven local plan sectors (탄소중립 기본계획 of a 시·군·구): the one declaration of their ids, order,
 * names, the GPC lines that form them and the colour every chart, legend and badge uses. The inventory
 * (inventory/kr-sectors.ts decides which GPC line counts in which sector), the pathway engine, the agenda's
 * categories and actions, the action library, the server and the web site all take them from here.
 *
 * Colours: colour-blind safe (Okabe-Ito based), each with at least 3:1 contrast on white, as WCAG 2.2 asks
 * of graphical objects.
 */
import type { Text } from "./text.ts";

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
  readonly name: Text;
  /** GPC sub-sectors or reference prefixes that form the sector (before the exclusions of kr-sectors.ts). */
  readonly gpc: readonly string[];
  /** The sector's colour in charts (a hex colour). */
  readonly colour: string;
  /**
   * Its place (1 to 7) in the order budget statements list the sectors, that of the national reduction
   * targets: conversion, industry, buildings, transport, agriculture, waste, sinks.
   */
  readonly statement_order: number;
  /**
   * Other codes the sector goes by in data: its Korean name, the singular ids an earlier agenda format
   * used (`building`, `sink`) and common short codes. `sectorFromCode` reads them; nothing writes them.
   */
  readonly aliases: readonly string[];
  readonly note?: string;
}

/** The seven sectors in the order Korean plans list them. */
export const KR_SECTORS: readonly KrSector[] = [
  {
    id: "buildings",
    name: { ko: "건물", en: "Buildings" },
    gpc: ["I.1", "I.2", "I.6"],
    colour: "#c2561a", // orange
    statement_order: 3,
    aliases: ["건물", "building"],
    note: "I.6 (non-specified stationary energy) is counted with buildings; it is usually small and mostly buildings.",
  },
  {
    id: "transport",
    name: { ko: "수송", en: "Transport" },
    gpc: ["II"],
    colour: "#0b6fa4", // blue
    statement_order: 4,
    aliases: ["수송"],
  },
  {
    id: "industry",
    name: { ko: "산업", en: "Industry" },
    gpc: ["I.3", "IV"],
    colour: "#4d5b6a", // slate
    statement_order: 2,
    aliases: ["산업"],
  },
  {
    id: "conversion",
    name: { ko: "전환", en: "Energy conversion" },
    gpc: ["I.4", "I.7", "I.8"],
    colour: "#b8860b", // dark gold
    statement_order: 1,
    aliases: ["전환", "power", "energy", "supply"],
    note: "Only the energy industries' own use (I.4.1, I.4.2) and fugitive emissions; generation supplied to the grid (I.4.4) is counted at the users.",
  },
  {
    id: "agriculture",
    name: { ko: "농축산", en: "Agriculture and livestock" },
    gpc: ["I.5", "V.1", "V.3"],
    colour: "#6b7f1a", // olive
    statement_order: 5,
    aliases: ["농축산", "agri", "afolu"],
  },
  {
    id: "waste",
    name: { ko: "폐기물", en: "Waste" },
    gpc: ["III"],
    colour: "#8a5a9e", // purple
    statement_order: 6,
    aliases: ["폐기물"],
  },
  {
    id: "sinks",
    name: { ko: "흡수원", en: "Sinks (land)" },
    gpc: ["V.2"],
    colour: "#00806b", // green-teal
    statement_order: 7,
    aliases: ["흡수원", "sink", "lulucf"],
    note: "V.2 net: removals negative, land-use emissions positive.",
  },
];

/** The sector ids in KR_SECTORS order, as a tuple zod's enum takes. */
export const KR_SECTOR_IDS = KR_SECTORS.map((s) => s.id) as [KrSectorId, ...KrSectorId[]];

const BY_ID = new Map<string, KrSector>(KR_SECTORS.map((s) => [s.id, s]));
const BY_ALIAS = new Map<string, KrSectorId>(
  KR_SECTORS.flatMap((s) => s.aliases.map((a) => [a.toLowerCase(), s.id] as const)),
);

export function krSector(id: KrSectorId): KrSector {
  return BY_ID.get(id)!;
}

/** The sector id for an id, a Korean name or a code from the data, or null when it is none of the 7 (never a guess). */
export function sectorFromCode(code: string): KrSectorId | null {
  const c = code.trim().toLowerCase();
  if (BY_ID.has(c)) return c as KrSectorId;
  return BY_ALIAS.get(c) ?? null;
}

/** The sectors' names in one language, by id (for label tables such as the web site's). */
export function sectorNames(lang: keyof Text): Record<KrSectorId, string> {
  return Object.fromEntries(KR_SECTORS.map((s) => [s.id, s.name[lang]])) as Record<KrSectorId, string>;
}

/** The sector ids in the order budget statements list them (`statement_order`). */
export const KR_SECTOR_IDS_IN_STATEMENT_ORDER: readonly KrSectorId[] = [...KR_SECTORS]
  .sort((a, b) => a.statement_order - b.statement_order)
  .map((s) => s.id);
