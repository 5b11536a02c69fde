/**
 * Sums of inventory lines for the tables. Pure; tCO2e in, tCO2e out. Totals and the 7 sectors are never
 * summed here: they come from the core (InventoryYear.totals, .krSectors), which knows which lines each
 * basis counts (summing every line would count grid electricity twice, at generation and at use).
 */

import { KR_SECTOR_IDS, type KrSectorId } from "@citypath/core/vocabulary/sectors";
import type { EmissionLine, InventoryRef, InventoryYear } from "../api/model.ts";

export type SectorKey = KrSectorId | "unassigned";

/** The 7 sectors of a year in plan order, as the core computed them. */
export function sectorsOf(y: InventoryYear): Array<[KrSectorId, number]> {
  return KR_SECTOR_IDS.filter((s) => y.krSectors[s] !== undefined).map((s) => [s, y.krSectors[s] as number]);
}

/** The plan basis of a year: the sum of its 7 sectors (the core defines them to add up to BASIC + IV + V). */
export function planTotal(y: InventoryYear): number {
  return sectorsOf(y).reduce((a, [, v]) => a + v, 0);
}

/** Each sector's series over the inventory's years; null where a year has no value (a gap, not a zero). */
export function sectorSeries(
  years: readonly InventoryYear[],
): Partial<Record<KrSectorId, Array<number | null>>> {
  const out: Partial<Record<KrSectorId, Array<number | null>>> = {};
  for (const s of KR_SECTOR_IDS) {
    if (years.some((y) => y.krSectors[s] !== undefined)) out[s] = years.map((y) => y.krSectors[s] ?? null);
  }
  return out;
}

/** GPC sector (the reference's roman numeral) x scope, summed over lines: the GPC reporting table. */
export function byGpcScope(
  lines: readonly EmissionLine[],
): Array<{ gpcSector: string; scope: number; tco2e: number }> {
  const m = new Map<string, { gpcSector: string; scope: number; tco2e: number }>();
  for (const l of lines) {
    const gpcSector = l.gpcRef.split(".")[0] ?? l.gpcRef;
    const k = `${gpcSector}|${l.scope}`;
    const cur = m.get(k) ?? { gpcSector, scope: l.scope, tco2e: 0 };
    cur.tco2e += l.tco2e;
    m.set(k, cur);
  }
  const order = ["I", "II", "III", "IV", "V", "VI"];
  return [...m.values()].sort(
    (a, b) => order.indexOf(a.gpcSector) - order.indexOf(b.gpcSector) || a.scope - b.scope,
  );
}

/**
 * Emissions by district on the Korean plan basis: the lines that count in one of the 7 sectors, split by
 * the districts their activity rows name. "" (rows without a district) is kept as its own entry.
 */
export function byDistrict(lines: readonly EmissionLine[]): Array<{ district: string; tco2e: number }> {
  const m = new Map<string, number>();
  for (const l of lines) {
    if (l.sector === null || !l.districts) continue;
    for (const [d, v] of Object.entries(l.districts)) m.set(d, (m.get(d) ?? 0) + v);
  }
  return [...m.entries()].map(([district, tco2e]) => ({ district, tco2e }));
}

/** The inventory version to show: the newest published one, else the newest draft. */
export function currentVersion(refs: readonly InventoryRef[]): InventoryRef | null {
  const pub = refs.filter((r) => r.status === "published");
  const pool = pub.length ? pub : refs;
  return pool.reduce<InventoryRef | null>((best, r) => (!best || r.version > best.version ? r : best), null);
}
