/**
 * The inputs of the LMDI decomposition (lmdi.ts) from what Citypath computes:
 *
 * - an inventory computed from activity data (computeInventory): per Korean plan sector, one carrier per
 *   activity (도시가스, 경유, 전력...); its energy is the CO2 (or CO2e) emitted divided by the factor per
 *   energy that produced it (GJ), and its emissions are every gas of that activity on the sector's lines.
 *   An activity whose factor is not per energy (livestock, waste, land) has no energy: activity and
 *   intensity only. The activity of each sector is a driver the caller gives per sector and year.
 * - two years of a pathway (a compiled model evaluated at some levels): per sector, the grid-supplied lines
 *   (scope 2) form one carrier whose energy is their emissions / the grid factor of the year (MWh × 3.6 GJ),
 *   so the grid factor's path is the emission-factor effect; every other line is its own carrier whose
 *   energy the pathway does not carry (activity and intensity only). The activity of a sector is the
 *   driver its business-as-usual rules grow with, when they share one, else `population`. The abatement
 *   the engine attributes to modelled actions in both years is reported beside the effects.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import type { Inventory } from "../inventory/types.ts";
import { createResult, evaluate } from "../pathway/evaluate.ts";
import type { CompiledModel } from "../pathway/model.ts";
import { seriesValue } from "../pathway/series.ts";
import { convert } from "../units/index.ts";
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import { type LmdiCarrier, type LmdiInput, type LmdiResult, type LmdiSector, lmdi } from "./lmdi.ts";

/** A sector's activity by year; `*` applies to every sector without its own. */
export type ActivityBySector = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Energy (GJ) of a factor use, from the gas it produced and its factor per energy, or null. */
function energyOf(gasT: number, factor: number, unit: string, gas: string): number | null {
  if (!(factor > 0)) return null;
  try {
    const perGj = convert(factor, unit, gas === "CO2e" ? "tCO2e/GJ" : "t/GJ");
    return perGj > 0 ? gasT / perGj : null;
  } catch {
    return null;
  }
}

function activityOf(
  a: ActivityBySector,
  sector: string,
  year: number,
  problems: Problem[],
): number | undefined {
  const v = a[sector]?.[String(year)] ?? a["*"]?.[String(year)];
  if (v === undefined || !(v > 0) || !Number.isFinite(v)) {
    problems.push(
      problem(
        v === undefined ? "MISSING_YEAR" : "BAD_VALUE",
        v === undefined
          ? `no activity driver for sector ${sector} in ${year} (give it for the sector or for "*")`
          : `the activity of sector ${sector} in ${year} must be a number above 0, got ${v}`,
        { path: `drivers.${sector}.${year}` },
      ),
    );
    return undefined;
  }
  return v;
}

/** The sectors of one inventory year as LMDI input. */
function inventorySectors(
  inv: Inventory,
  year: number,
  act: ActivityBySector,
  problems: Problem[],
): LmdiSector[] {
  const y = inv.years.find((x) => x.year === year);
  if (!y) {
    problems.push(
      problem(
        "MISSING_YEAR",
        `the inventory has no year ${year} (years: ${inv.years.map((x) => x.year).join(", ")})`,
        {
          path: "from",
        },
      ),
    );
    return [];
  }
  const bySector = new Map<string, Map<string, { e: number | null; t: number }>>();
  for (const l of y.lines) {
    if (!l.kr_sector) continue;
    const carriers = bySector.get(l.kr_sector) ?? new Map<string, { e: number | null; t: number }>();
    bySector.set(l.kr_sector, carriers);
    const byActivity = new Map<string, { e: number | null; t: number }>();
    for (const f of l.factors) {
      const cur = byActivity.get(f.activity) ?? { e: null, t: 0 };
      cur.t += f.tco2e;
      if (f.gas === "CO2" || f.gas === "CO2e") {
        const e = energyOf(f.gas_t, f.factor, f.unit, f.gas);
        if (e !== null) cur.e = (cur.e ?? 0) + e;
      }
      byActivity.set(f.activity, cur);
    }
    for (const [activity, v] of byActivity) {
      // An activity measured in energy on one line and not on another is kept apart per line.
      const key = v.e === null ? `${activity} (${l.gpc_ref})` : activity;
      const cur = carriers.get(key) ?? { e: v.e === null ? null : 0, t: 0 };
      if (cur.e !== null && v.e !== null) cur.e += v.e;
      cur.t += v.t;
      carriers.set(key, cur);
    }
  }
  const out: LmdiSector[] = [];
  for (const [sector, carriers] of bySector) {
    const q = activityOf(act, sector, year, problems);
    if (q === undefined) continue;
    out.push({
      sector,
      activity: q,
      carriers: [...carriers].map(([carrier, v]): LmdiCarrier => ({ carrier, energy_gj: v.e, tco2e: v.t })),
    });
  }
  return out;
}

/** The decomposition of an inventory computed from activity data between two of its years. */
export function decomposeInventory(
  inv: Inventory,
  from: number,
  to: number,
  activity: ActivityBySector,
): Result<LmdiResult> {
  const problems: Problem[] = [];
  const input: LmdiInput = {
    from: { year: from, sectors: inventorySectors(inv, from, activity, problems) },
    to: { year: to, sectors: inventorySectors(inv, to, activity, problems) },
  };
  if (problems.length) return fail(problems);
  return ok(lmdi(input));
}

export interface PathwayDecomposition extends LmdiResult {
  /** The driver used as each sector's activity. */
  readonly activity_drivers: Readonly<Record<string, string>>;
  /** Abatement the engine attributes to the modelled actions, by action, in each year, tCO2e. */
  readonly modelled_actions: ReadonlyArray<{ id: string; from_tco2e: number; to_tco2e: number }>;
  readonly modelled_from_tco2e: number;
  readonly modelled_to_tco2e: number;
}

/** The driver each sector's activity follows: its BAU rules' shared activity driver, else `population`. */
export function sectorActivityDrivers(m: CompiledModel): Result<Record<string, string>> {
  const inst = m.source.instance;
  const lineIdx = new Map(m.lines.map((l, i) => [l.gpc_ref, i] as const));
  const drivers = new Map<string, Set<string>>();
  for (const rule of inst.bau) {
    const d = rule.activity?.driver;
    if (!d) continue;
    for (const ref of rule.lines) {
      const s = m.lines[lineIdx.get(ref) ?? -1]?.kr_sector;
      if (!s) continue;
      const set = drivers.get(s) ?? new Set<string>();
      set.add(d);
      drivers.set(s, set);
    }
  }
  const out: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const s of KR_SECTOR_IDS) {
    const set = drivers.get(s);
    if (set && set.size === 1) out[s] = [...set][0]!;
    else if (m.source.drivers.has("population")) out[s] = "population";
    else if (m.lines.some((l) => l.kr_sector === s))
      problems.push(
        problem(
          "UNKNOWN_REFERENCE",
          `sector ${s}: its business-as-usual rules grow with ${set ? [...set].join(", ") : "no driver"} and the instance has no "population" driver to use as its activity`,
          { path: "bau" },
        ),
      );
  }
  return problems.length ? fail(problems) : ok(out);
}

/** The decomposition of a pathway (at `levels`) between two of its years, with the modelled abatement beside. */
export function decomposePathway(
  m: CompiledModel,
  levels: ArrayLike<number>,
  from: number,
  to: number,
): Result<PathwayDecomposition> {
  const problems: Problem[] = [];
  for (const [k, y] of [
    ["from", from],
    ["to", to],
  ] as const)
    if (y < m.baseYear || y > m.endYear)
      problems.push(
        problem("MISSING_YEAR", `${y} is outside the model's years ${m.baseYear}–${m.endYear}`, { path: k }),
      );
  const drivers = sectorActivityDrivers(m);
  if (!drivers.ok) problems.push(...drivers.problems);
  const grid = m.source.instance.drivers.find((d) => d.role === "grid_factor");
  if (problems.length || !drivers.ok) return fail(problems);
  const r = evaluate(m, levels, createResult(m));
  const gridOf = (year: number): number | null => {
    if (!grid) return null;
    const s = m.source.drivers.get(grid.id);
    if (!s) return null;
    return convert(seriesValue(s, year, grid.id), grid.unit, "tCO2e/MWh");
  };
  const sectorsOf = (year: number): LmdiSector[] => {
    const y = year - m.baseYear;
    const g = gridOf(year);
    const out: LmdiSector[] = [];
    for (const s of KR_SECTOR_IDS) {
      const lines = m.lines.map((l, i) => ({ l, i })).filter((x) => x.l.kr_sector === s);
      if (!lines.length) continue;
      const d = drivers.value[s]!;
      const series = m.source.drivers.get(d)!;
      const q = seriesValue(series, year, d);
      const carriers: LmdiCarrier[] = [];
      let gridT = 0;
      let anyGrid = false;
      for (const { l, i } of lines) {
        const t = r.emissions[y * m.nLines + i]!;
        if (l.scope === 2 && g !== null && g > 0) {
          gridT += t;
          anyGrid = true;
        } else carriers.push({ carrier: l.gpc_ref, energy_gj: null, tco2e: t });
      }
      if (anyGrid) carriers.unshift({ carrier: "grid_energy", energy_gj: (gridT / g!) * 3.6, tco2e: gridT });
      out.push({ sector: s, activity: q, carriers });
    }
    return out;
  };
  let res: LmdiResult;
  try {
    res = lmdi({ from: { year: from, sectors: sectorsOf(from) }, to: { year: to, sectors: sectorsOf(to) } });
  } catch (e) {
    return fail([problem("BAD_VALUE", e instanceof Error ? e.message : String(e))]);
  }
  const Y = m.nYears;
  const modelled = m.actions.map((a, k) => ({
    id: a.id,
    from_tco2e: r.abatement[k * Y + (from - m.baseYear)]!,
    to_tco2e: r.abatement[k * Y + (to - m.baseYear)]!,
  }));
  return ok({
    ...res,
    activity_drivers: drivers.value,
    modelled_actions: modelled.filter((x) => x.from_tco2e !== 0 || x.to_tco2e !== 0),
    modelled_from_tco2e: modelled.reduce((s, x) => s + x.from_tco2e, 0),
    modelled_to_tco2e: modelled.reduce((s, x) => s + x.to_tco2e, 0),
  });
}
