/**
 * Sums of inventory lines for the charts. Pure; tCO2e in, tCO2e out. A line without a Korean plan sector
 * is counted under "unassigned" (shown, never dropped), so the parts always add up to the total.
 */
import type { EmissionLine, Inventory, InventoryRef } from "../api/model.ts";
import { KOREAN_SECTORS, type KoreanSector } from "../sectors.ts";

export const UNASSIGNED = "unassigned" as const;
export type SectorKey = KoreanSector | typeof UNASSIGNED;

export function total(lines: readonly EmissionLine[]): number {
  let s = 0;
  for (const l of lines) s += l.tco2e;
  return s;
}

export function bySector(lines: readonly EmissionLine[]): Map<SectorKey, number> {
  const m = new Map<SectorKey, number>();
  for (const l of lines) {
    const k: SectorKey = l.sector ?? UNASSIGNED;
    m.set(k, (m.get(k) ?? 0) + l.tco2e);
  }
  return new Map([...KOREAN_SECTORS, UNASSIGNED].filter((k) => m.has(k)).map((k) => [k, m.get(k) as number]));
}

/** GPC sector x scope; keys "sector|scope" where scope is "1", "2", "3" or "-" when the line has none. */
export function byGpcScope(
  lines: readonly EmissionLine[],
): Array<{ gpcSector: string; scope: string; tco2e: number }> {
  const m = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.gpcSector}|${l.scope ?? "-"}`;
    m.set(k, (m.get(k) ?? 0) + l.tco2e);
  }
  return [...m.entries()]
    .map(([k, v]) => {
      const [gpcSector = "", scope = "-"] = k.split("|");
      return { gpcSector, scope, tco2e: v };
    })
    .sort((a, b) => a.gpcSector.localeCompare(b.gpcSector) || a.scope.localeCompare(b.scope));
}

export function byDistrict(
  lines: readonly EmissionLine[],
): Array<{ district: string | null; tco2e: number }> {
  const m = new Map<string | null, number>();
  for (const l of lines) m.set(l.district, (m.get(l.district) ?? 0) + l.tco2e);
  return [...m.entries()].map(([district, tco2e]) => ({ district, tco2e }));
}

/** The newest version of each year's inventory, oldest year first; published ones preferred over drafts. */
export function latestPerYear(refs: readonly InventoryRef[]): InventoryRef[] {
  const best = new Map<number, InventoryRef>();
  const rank = (r: InventoryRef) => (r.status === "published" ? 1 : 0);
  for (const r of refs) {
    const cur = best.get(r.year);
    if (!cur || rank(r) > rank(cur) || (rank(r) === rank(cur) && r.version > cur.version))
      best.set(r.year, r);
  }
  return [...best.values()].sort((a, b) => a.year - b.year);
}

/** Sector series over years from several inventories. */
export function sectorSeries(inventories: readonly Inventory[]): {
  years: number[];
  bySector: Partial<Record<KoreanSector, number[]>>;
} {
  const sorted = [...inventories].sort((a, b) => a.year - b.year);
  const years = sorted.map((i) => i.year);
  const out: Partial<Record<KoreanSector, number[]>> = {};
  for (const s of KOREAN_SECTORS) {
    const vals = sorted.map((inv) => bySector(inv.lines).get(s) ?? 0);
    if (vals.some((v) => v !== 0)) out[s] = vals;
  }
  return { years, bySector: out };
}
