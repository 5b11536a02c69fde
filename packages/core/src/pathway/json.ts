/**
 * The pathway JSON contract (`citypath-pathway/3`, docs/pathway-json.md): what the CLI prints with
 * `--format json` and the server returns. Arrays run over `years`; every figure is tCO2e (a year's flow, or
 * a running sum for cumulative); a gap is null where the target path is not defined (before its base year).
 */
import type { Problem } from "../errors.ts";
import { SCOPE2_METHOD_TEXT, type Scope2Method } from "../vocabulary/scope2.ts";
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import type { CompiledModel, PathwayResult } from "./model.ts";

/**
 * Version 2 added the market-based Scope 2 figures beside the location-based ones; version 3 each target's
 * Scope 2 method (docs/pathway-json.md).
 */
export const PATHWAY_FORMAT = "citypath-pathway/3";

/** Which Scope 2 method each figure of the document uses. */
export const SCOPE2_METHODS = {
  totals: "location_based",
  market_based:
    "market_based: contractual instruments (renewable purchases, certificates) applied to the location-based emissions, GHG Protocol Scope 2 Guidance",
  targets: `each target is measured on its scope2_method (${SCOPE2_METHOD_TEXT.location_based.split(":")[0]} unless it says otherwise): its gap is gap_tco2e (location_based) or market_based.gap_tco2e`,
} as const;

/** The figures that exist for both Scope 2 methods. */
interface MethodFigures {
  totals_tco2e: Record<string, number[]>;
  kr_sectors_tco2e: Record<string, number[]>;
  cumulative_tco2e: Record<string, number[]>;
  abatement_by_action_tco2e: Record<string, number[]>;
  gap_tco2e: Record<string, Array<number | null>>;
}

export interface ScenarioRun {
  readonly id: string;
  readonly name: { ko: string; en: string };
  readonly levels: ArrayLike<number>;
  readonly model: CompiledModel;
  readonly result: PathwayResult;
}

export interface PathwayJson {
  readonly format: typeof PATHWAY_FORMAT;
  readonly instance: { readonly id: string; readonly version: string };
  readonly base_year: number;
  readonly end_year: number;
  readonly years: number[];
  readonly unit: "tCO2e";
  readonly lines: Array<{ gpc_ref: string; scope: number; kr_sector: string | null; sink: boolean }>;
  readonly bases: Array<{ id: string; name: { ko: string; en: string }; lines: string[] }>;
  readonly targets: Array<{
    id: string;
    name: { ko: string; en: string };
    basis: string;
    /** The Scope 2 method the target is measured on. */
    scope2_method: Scope2Method;
    base_year: number;
    base_tco2e: number;
    path_tco2e: Array<number | null>;
  }>;
  readonly actions: Array<{ id: string; type: string; name: { ko: string; en: string } }>;
  /** Scope 2: every figure outside `market_based` is location-based (the grid average factor). */
  readonly scope2: typeof SCOPE2_METHODS;
  /** Warnings of the instance (visible assumptions), when the caller passes them. */
  readonly warnings?: Problem[];
  readonly scenarios: Array<{
    id: string;
    name: { ko: string; en: string };
    drivers: string;
    levels: Record<string, number>;
    emissions_by_line_tco2e: Record<string, number[]>;
    totals_tco2e: Record<string, number[]>;
    kr_sectors_tco2e: Record<string, number[]>;
    cumulative_tco2e: Record<string, number[]>;
    abatement_by_action_tco2e: Record<string, number[]>;
    gap_tco2e: Record<string, Array<number | null>>;
    /** The same totals, sectors, cumulative sums, abatement and gaps by the market-based method. */
    market_based: MethodFigures;
  }>;
}

function figures(
  r: ScenarioRun,
  res: Pick<PathwayResult, "basis" | "sector" | "cumulative" | "abatement" | "gap">,
): MethodFigures {
  const Y = r.model.nYears;
  return {
    totals_tco2e: Object.fromEntries(r.model.bases.map((b, i) => [b.id, slice(res.basis, i, Y)])),
    kr_sectors_tco2e: Object.fromEntries(KR_SECTOR_IDS.map((s, i) => [s, slice(res.sector, i, Y)])),
    cumulative_tco2e: Object.fromEntries(r.model.bases.map((b, i) => [b.id, slice(res.cumulative, i, Y)])),
    abatement_by_action_tco2e: Object.fromEntries(
      r.model.actions.flatMap((a, i) => (r.levels[i] !== 0 ? [[a.id, slice(res.abatement, i, Y)]] : [])),
    ),
    gap_tco2e: Object.fromEntries(
      r.model.targets.map((t, i) => [t.id, nullable(res.gap.subarray(i * Y, i * Y + Y))]),
    ),
  };
}

const slice = (a: Float64Array, row: number, n: number): number[] =>
  Array.from(a.subarray(row * n, row * n + n));
const nullable = (xs: ArrayLike<number>): Array<number | null> =>
  Array.from(xs, (x) => (Number.isNaN(x) ? null : x));

/**
 * `warnings` are the instance's visible assumptions and other warnings (e.g. a driver held after its last
 * year), with file, line and path where known; they are included when given.
 */
export function pathwayJson(runs: readonly ScenarioRun[], warnings?: readonly Problem[]): PathwayJson {
  const m = runs[0]!.model;
  const Y = m.nYears;
  const L = m.nLines;
  return {
    format: PATHWAY_FORMAT,
    instance: { id: m.instanceId, version: m.instanceVersion },
    base_year: m.baseYear,
    end_year: m.endYear,
    years: Array.from({ length: Y }, (_, y) => m.baseYear + y),
    unit: "tCO2e",
    lines: m.lines.map((l) => ({
      gpc_ref: l.gpc_ref,
      scope: l.scope,
      kr_sector: l.kr_sector ?? null,
      sink: l.sink,
    })),
    bases: m.bases.map((b) => ({
      id: b.id,
      name: b.name,
      lines: Array.from(b.lines, (i) => m.lines[i]!.gpc_ref),
    })),
    targets: m.targets.map((t) => ({
      id: t.id,
      name: t.name,
      basis: m.bases[t.basis]!.id,
      scope2_method: t.method,
      base_year: t.baseYear,
      base_tco2e: t.baseTco2e,
      path_tco2e: nullable(t.path),
    })),
    actions: m.actions.map((a) => ({ id: a.id, type: a.type, name: a.name })),
    scope2: SCOPE2_METHODS,
    ...(warnings ? { warnings: [...warnings] } : {}),
    scenarios: runs.map((r) => {
      const em = r.result.emissions;
      const byLine: Record<string, number[]> = {};
      r.model.lines.forEach((l, li) => {
        byLine[l.gpc_ref] = Array.from({ length: Y }, (_, y) => em[y * L + li]!);
      });
      const levels: Record<string, number> = {};
      r.model.actions.forEach((a, i) => {
        if (r.levels[i] !== 0) levels[a.id] = r.levels[i]!;
      });
      return {
        id: r.id,
        name: r.name,
        drivers: r.model.driverScenario,
        levels,
        emissions_by_line_tco2e: byLine,
        ...figures(r, r.result),
        market_based: figures(r, r.result.market),
      };
    }),
  };
}

/** The columns of a pathway one value per row (`citypath pathway --format csv` and the API's export). */
export const PATHWAY_ROW_COLUMNS = ["scenario", "year", "scope2_method", "series", "key", "tco2e"] as const;

export type PathwayRow = [string, number, Scope2Method, string, string, number | null];

/** The parts of the pathway JSON the rows need (the server holds the document as it was stored). */
type RowsDoc = {
  readonly years: readonly number[];
  readonly targets: readonly {
    id: string;
    scope2_method?: Scope2Method;
    path_tco2e: readonly (number | null)[];
  }[];
  readonly scenarios: readonly ({
    id: string;
    emissions_by_line_tco2e: Record<string, readonly (number | null)[]>;
    market_based?: Record<keyof MethodFigures, Record<string, readonly (number | null)[]>>;
  } & Record<keyof MethodFigures, Record<string, readonly (number | null)[]>>)[];
};

/**
 * The pathway JSON one value per row, each labelled with its Scope 2 method: lines (location-based), then
 * totals by basis, cumulative sums, sectors and abatement by each method, then each target's path (labelled
 * with the method it is measured on) and its gap by each method. A null value is a gap with no path.
 */
export function pathwayRows(doc: RowsDoc, scenarioId?: string): PathwayRow[] {
  const rows: PathwayRow[] = [];
  const series = [
    ["basis", "totals_tco2e"],
    ["cumulative", "cumulative_tco2e"],
    ["sector", "kr_sectors_tco2e"],
    ["abatement", "abatement_by_action_tco2e"],
  ] as const;
  for (const s of doc.scenarios) {
    if (scenarioId !== undefined && s.id !== scenarioId) continue;
    const blocks = [
      ["location_based", s] as const,
      ...(s.market_based ? [["market_based", s.market_based] as const] : []),
    ];
    doc.years.forEach((year, y) => {
      const put = (method: Scope2Method, name: string, m: Record<string, readonly (number | null)[]>) => {
        for (const [k, v] of Object.entries(m)) rows.push([s.id, year, method, name, k, v[y] ?? null]);
      };
      put("location_based", "line", s.emissions_by_line_tco2e);
      for (const [method, b] of blocks) for (const [name, key] of series) put(method, name, b[key]);
      for (const t of doc.targets) {
        rows.push([s.id, year, t.scope2_method ?? "location_based", "target", t.id, t.path_tco2e[y] ?? null]);
        for (const [method, b] of blocks)
          rows.push([s.id, year, method, "gap", t.id, b.gap_tco2e[t.id]?.[y] ?? null]);
      }
    });
  }
  return rows;
}
