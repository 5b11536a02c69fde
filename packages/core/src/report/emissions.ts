/**
 * Section II of the implementation report: emissions against targets, per sector and in total.
 *
 * - The target's path in a year: the base year's emissions, then the target's points (a reduction from the
 *   base or a tonnage), linear between points or held (step), held after the last point.
 * - "Target met" (목표 부합 여부): emissions at or below the year's target. A sector without a target of its own
 *   has no answer (undefined), never a guessed one.
 * - The provisional estimate for a year after the latest inventory: the inventory's sector emissions moved by
 *   the plan scenario's change between the inventory year and that year, plus the shortfall of the linked
 *   measures (abatement the scenario expected less the abatement implied by the observed indicators), so a
 *   measure that delivers less than planned raises the estimate. Labelled provisional wherever shown.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";

export interface TargetPath {
  readonly base_year: number;
  readonly base_tco2e: number;
  readonly points: readonly { readonly year: number; readonly reduction?: number; readonly tco2e?: number }[];
  readonly interpolation: "linear" | "step";
}

/** The target's emissions in `year` (tCO2e); undefined before the base year. */
export function targetPathValue(t: TargetPath, year: number): number | undefined {
  if (year < t.base_year) return undefined;
  const anchors: [number, number][] = [[t.base_year, t.base_tco2e]];
  for (const p of [...t.points].sort((a, b) => a.year - b.year))
    anchors.push([p.year, p.tco2e !== undefined ? p.tco2e : t.base_tco2e * (1 - (p.reduction ?? 0))]);
  let k = 0;
  while (k + 1 < anchors.length && anchors[k + 1]![0] <= year) k++;
  const [y0, v0] = anchors[k]!;
  if (k + 1 >= anchors.length || year === y0 || t.interpolation === "step") return v0;
  const [y1, v1] = anchors[k + 1]!;
  return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
}

export interface SectorEmissions {
  /** A plan sector id, or `total`. */
  readonly sector: string;
  /** Emissions in the base year, tCO2e (net: sinks are negative). */
  readonly base_tco2e: number | undefined;
  /** Emissions in the year checked (inventory or provisional estimate). */
  readonly tco2e: number | undefined;
  /** The year's target from the target's path; undefined where the sector has none. */
  readonly target_tco2e: number | undefined;
  readonly provisional: boolean;
  /**
   * Where the year's figure comes from: the inventory, the provisional estimate, or the scenario's modelled
   * value for a sector the inventory does not cover.
   */
  readonly basis?: "inventory" | "estimate" | "model";
}

export interface EmissionsCheckRow extends SectorEmissions {
  /** (emissions − base) / |base|; undefined without both. */
  readonly change_on_base: number | undefined;
  /** Emissions − target: positive = above the target. */
  readonly gap_tco2e: number | undefined;
  /** At or below the target: Y/N; undefined without a target or emissions. */
  readonly met: boolean | undefined;
}

export function checkRow(s: SectorEmissions): EmissionsCheckRow {
  const change =
    s.base_tco2e !== undefined && s.tco2e !== undefined && s.base_tco2e !== 0
      ? (s.tco2e - s.base_tco2e) / Math.abs(s.base_tco2e)
      : undefined;
  const gap = s.target_tco2e !== undefined && s.tco2e !== undefined ? s.tco2e - s.target_tco2e : undefined;
  return { ...s, change_on_base: change, gap_tco2e: gap, met: gap === undefined ? undefined : gap <= 0 };
}

/**
 * Rows per sector and a total row. The total's emissions are the sum of the sectors (net of sinks); its
 * base is the target's own base where given (the basis the target names), else the sum of the sectors'; the
 * total's target is the city's target path (not a sum of sector targets).
 */
export function emissionsCheck(
  sectors: readonly SectorEmissions[],
  totalTarget: number | undefined,
  totalBase?: number,
): EmissionsCheckRow[] {
  const rows = sectors.map(checkRow);
  const sum = (f: (s: SectorEmissions) => number | undefined) =>
    sectors.some((s) => f(s) === undefined) ? undefined : sectors.reduce((a, s) => a + f(s)!, 0);
  rows.push(
    checkRow({
      sector: "total",
      base_tco2e: totalBase ?? sum((s) => s.base_tco2e),
      tco2e: sum((s) => s.tco2e),
      target_tco2e: totalTarget,
      provisional: sectors.some((s) => s.provisional),
    }),
  );
  return rows;
}

export interface ProvisionalInput {
  readonly inventory_year: number;
  readonly year: number;
  /** The inventory's emissions per sector in its year. */
  readonly inventory: Readonly<Record<string, number>>;
  /** The plan scenario's modelled emissions per sector and year (both the inventory year and `year`). */
  readonly scenario: Readonly<Record<string, Readonly<Record<number, number>>>>;
  /** Per sector: the linked measures' expected minus implied abatement in `year` (tCO2e; 0 where none). */
  readonly shortfall?: Readonly<Record<string, number>>;
}

export interface ProvisionalSector {
  readonly sector: string;
  readonly tco2e: number;
  readonly inventory_tco2e: number;
  readonly scenario_change_tco2e: number;
  readonly shortfall_tco2e: number;
  readonly formula: string;
}

/**
 * The provisional estimate of every inventory sector in `year` (after the inventory year):
 * inventory + (scenario(year) − scenario(inventory year)) + shortfall. A sector the scenario does not cover
 * in either year is an error naming the sector and year, never a silent zero.
 */
export function provisionalEstimate(input: ProvisionalInput): Result<ProvisionalSector[]> {
  const problems: Problem[] = [];
  if (input.year <= input.inventory_year)
    return fail([
      problem(
        "BAD_VALUE",
        `a provisional estimate is for a year after the inventory (${input.inventory_year}); ${input.year} has the inventory itself`,
        { path: "year" },
      ),
    ]);
  const out: ProvisionalSector[] = [];
  for (const [sector, inv] of Object.entries(input.inventory)) {
    const s = input.scenario[sector];
    const from = s?.[input.inventory_year];
    const to = s?.[input.year];
    if (from === undefined || to === undefined) {
      problems.push(
        problem(
          "MISSING_YEAR",
          `the scenario has no ${sector} emissions for ${from === undefined ? input.inventory_year : input.year}`,
          { path: `scenario.${sector}` },
        ),
      );
      continue;
    }
    const shortfall = input.shortfall?.[sector] ?? 0;
    const change = to - from;
    const tco2e = inv + change + shortfall;
    out.push({
      sector,
      tco2e,
      inventory_tco2e: inv,
      scenario_change_tco2e: change,
      shortfall_tco2e: shortfall,
      formula: `${round(inv)} + (${round(to)} − ${round(from)}) + ${round(shortfall)} = ${round(tco2e)}`,
    });
  }
  return problems.length ? fail(problems) : ok(out);
}

const round = (n: number) => (Math.round(n * 10) / 10).toLocaleString("en-US");
