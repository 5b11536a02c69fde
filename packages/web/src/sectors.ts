/**
 * The 7 sectors of Korea's local carbon-neutrality basic plans (건물·수송·산업·전환·농축산·폐기물·흡수원), with the
 * ids and order of @citypath/core (inventory/kr-sectors.ts), each with ONE colour used by every chart, legend and badge of the site.
 * The palette is colour-blind safe (Okabe-Ito based) and every colour has at least 3:1 contrast on white,
 * as WCAG 2.2 asks of graphical objects.
 */
export const KOREAN_SECTORS = [
  "buildings",
  "transport",
  "industry",
  "conversion",
  "agriculture",
  "waste",
  "sinks",
] as const;
export type KoreanSector = (typeof KOREAN_SECTORS)[number];

export const SECTOR_COLOURS: Record<KoreanSector, string> = {
  buildings: "#c2561a", // orange
  transport: "#0b6fa4", // blue
  agriculture: "#6b7f1a", // olive
  waste: "#8a5a9e", // purple
  sinks: "#00806b", // green-teal
  conversion: "#b8860b", // dark gold
  industry: "#4d5b6a", // slate
};

/** Korean names and common codes the data may use for a sector, mapped to the site's sector ids. */
const ALIASES: Record<string, KoreanSector> = {
  건물: "buildings",
  수송: "transport",
  농축산: "agriculture",
  폐기물: "waste",
  흡수원: "sinks",
  전환: "conversion",
  산업: "industry",
  building: "buildings",
  agri: "agriculture",
  afolu: "agriculture",
  lulucf: "sinks",
  sink: "sinks",
  power: "conversion",
  energy: "conversion",
};

/** The site's id for a sector code or name from the data, or null when it is not one of the 7 (never a guess). */
export function toKoreanSector(code: string): KoreanSector | null {
  const c = code.trim();
  if ((KOREAN_SECTORS as readonly string[]).includes(c.toLowerCase())) return c.toLowerCase() as KoreanSector;
  return ALIASES[c] ?? ALIASES[c.toLowerCase()] ?? null;
}

export function sectorColour(code: string): string {
  const s = toKoreanSector(code);
  return s ? SECTOR_COLOURS[s] : "#6b6b6b";
}
