/**
 * What it takes: for each target year, the gap to a target split by Korea's 7 plan sectors, so that a
 * planner sees in which sector more is needed and how much.
 *
 * Each sector's share of the target path is set by the target's split rule (`sector_split`, part of the
 * target's definition; default: the national plan's sector reductions):
 *   allowance weight_s(Y) = E_s(base) × (1 − r_s(Y))      E_s(base): the sector's base-year emissions on the
 *                                                           target's basis; r_s(Y): the rule's reduction
 *   allowance_s(Y) = target(Y) × weight_s / Σ weights      (the sectors' allowances add up to the target path)
 *   gap_s(Y) = remaining_s(Y) − allowance_s(Y)             remaining: the scenario's emissions of the sector
 *                                                           on the basis; + = more is needed there
 * The sector gaps add up to the scenario's gap to the target. Rules: `plan_sector_reductions` (reductions by
 * sector for some years, linear from 0 in the model's base year between them, the last held after) or
 * `equal_reduction` (every sector cut by the same share: allowances in proportion to base emissions). A
 * sector with no base emissions (sinks, a new line) has no allowance: its remaining emissions count in full
 * (a sink's removals lower the gap). Lines of the basis outside the plan sectors count as "other".
 * Pure: no I/O.
 */
import { z } from "zod";
import { KrSectorIdSchema, Scope2MethodSchema } from "../vocabulary/schemas.ts";
import type { Scope2Method } from "../vocabulary/scope2.ts";
import { KR_SECTOR_IDS, type KrSectorId } from "../vocabulary/sectors.ts";
import { TextAnswerSchema } from "../vocabulary/text.ts";
import { type CompiledModel, type PathwayResult, targetFigures } from "./model.ts";
import type { Target } from "./schema.ts";

/** A sector's reduction from the base year, by year (fractions: 0.328 = −32.8 %). */
export type SectorReductions = Readonly<Record<string, Partial<Readonly<Record<KrSectorId, number>>>>>;

export interface SectorSplitRule {
  readonly rule: "plan_sector_reductions" | "equal_reduction";
  readonly reductions?: SectorReductions;
  readonly source?: string;
  readonly note?: string;
}

/**
 * The national plans' sector reductions against 2018, the default split rule.
 * 2030: 1st National Basic Plan for carbon neutrality (2023-04), fsc.go.kr 79643 (FACTS §2).
 * 2035: 2035 NDC at its 53 % target (Cabinet 2025-11-11): power −68.8 %, transport −60.2 %, industry −24.3 %,
 *   buildings −53.6 % (newsis NISX20251110_0003397077), waste −52.6 %, agriculture −26.1 % (tf.co.kr 2259650,
 *   the government proposal of 2025-11-06, low ends).
 * 2050: 2050 carbon-neutral scenario A (2021-10-18; KTV 634977): buildings 6.2 Mt of 52.1 (−88.1 %),
 *   transport 2.8 of 98.1 (−97.1 %), industry 51.1 of 260.5 (−80.4 %), power 0 (−100 %), agriculture 15.0 of
 *   24.7 (−39.3 %), waste 4.4 of 17.1 (−74.3 %); 2018 bases from FACTS §2 [derived].
 */
export const NATIONAL_SECTOR_REDUCTIONS: SectorSplitRule = {
  rule: "plan_sector_reductions",
  reductions: {
    "2030": {
      buildings: 0.328,
      transport: 0.378,
      industry: 0.114,
      conversion: 0.459,
      agriculture: 0.271,
      waste: 0.468,
    },
    "2035": {
      buildings: 0.536,
      transport: 0.602,
      industry: 0.243,
      conversion: 0.688,
      agriculture: 0.261,
      waste: 0.526,
    },
    "2050": {
      buildings: 0.881,
      transport: 0.971,
      industry: 0.804,
      conversion: 1,
      agriculture: 0.393,
      waste: 0.743,
    },
  },
  source:
    "National plans against 2018: 1st National Basic Plan 2030 (fsc.go.kr 79643, 2023-03-22); 2035 NDC at 53 % (newsis NISX20251110_0003397077; tf.co.kr 2259650); 2050 carbon-neutral scenario A (KTV 634977, 2021-10-18) over the 2018 sector bases of FACTS §2",
  note: "The national sectors' reductions applied to the city's sectors; sinks have no base emissions here, so their removals count in full",
};

export interface SectorGap {
  /** A plan sector, or "other" for basis lines outside them. */
  readonly sector: KrSectorId | "other";
  readonly base_tco2e: number;
  /** The rule's reduction of the sector in the year (null where the sector has no base emissions). */
  readonly reduction: number | null;
  /** The sector's share of the target path (0..1). */
  readonly share: number;
  readonly allowance_tco2e: number;
  readonly remaining_tco2e: number;
  /** remaining − allowance: + = the sector is above its share of the path. */
  readonly gap_tco2e: number;
}

export interface WhatItTakesYear {
  readonly year: number;
  readonly target_tco2e: number;
  readonly remaining_tco2e: number;
  readonly gap_tco2e: number;
  readonly sectors: readonly SectorGap[];
}

export interface WhatItTakes {
  readonly target: string;
  readonly basis: string;
  readonly rule: SectorSplitRule;
  readonly years: readonly WhatItTakesYear[];
}

/** The rule's reduction of a sector in a year: linear from 0 in the base year between the rule's years. */
export function ruleReduction(
  rule: SectorSplitRule,
  sector: KrSectorId,
  year: number,
  baseYear: number,
): number {
  if (rule.rule === "equal_reduction") return 0;
  const pts: [number, number][] = [[baseYear, 0]];
  for (const [y, by] of Object.entries(rule.reductions ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const r = by[sector];
    if (r !== undefined) pts.push([Number(y), r]);
  }
  if (year <= pts[0]![0]) return 0;
  const last = pts[pts.length - 1]!;
  if (year >= last[0]) return last[1];
  for (let i = 1; i < pts.length; i++) {
    const [y1, v1] = pts[i]!;
    const [y0, v0] = pts[i - 1]!;
    if (year <= y1) return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
  }
  return last[1];
}

/** The split rule a target uses: its own, else the national plans' sector reductions. */
export function targetSplitRule(t: Pick<Target, "sector_split">): SectorSplitRule {
  return (t.sector_split as SectorSplitRule | undefined) ?? NATIONAL_SECTOR_REDUCTIONS;
}

/**
 * What it takes to meet target `targetId` in `years` (default: the target's point years), for the scenario
 * whose result `r` is given (evaluated on `m`).
 */
export function whatItTakes(
  m: CompiledModel,
  r: PathwayResult,
  targetId: string,
  years?: readonly number[],
): WhatItTakes {
  const ti = m.targets.findIndex((t) => t.id === targetId);
  if (ti < 0) throw new RangeError(`no target "${targetId}"`);
  const t = m.targets[ti]!;
  const src = m.source.instance.targets!.find((x) => x.id === targetId)!;
  const rule = targetSplitRule(src);
  const basis = m.bases[t.basis]!;
  const Y = m.nYears;
  const keys: (KrSectorId | "other")[] = [...KR_SECTOR_IDS, "other"];
  const keyOf = (l: number): KrSectorId | "other" => m.lines[l]!.kr_sector ?? "other";
  const base = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const l of basis.lines) base.set(keyOf(l), base.get(keyOf(l))! + m.base[l]!);
  const out: WhatItTakesYear[] = [];
  // the scenario's figures by the Scope 2 method the target is measured on
  const emissions = targetFigures(m, r, ti).emissions;
  for (const year of years ?? src.points.map((p) => p.year)) {
    const y = year - m.baseYear;
    if (y < 0 || y >= Y) throw new RangeError(`${year} is outside the model's years`);
    const target = t.path[y]!;
    const remaining = new Map<string, number>(keys.map((k) => [k, 0]));
    for (const l of basis.lines)
      remaining.set(keyOf(l), remaining.get(keyOf(l))! + emissions[y * m.nLines + l]!);
    const weights = keys.map((k) => {
      const b = base.get(k)!;
      if (!(b > 0) || k === "other") return { k, w: k === "other" ? Math.max(0, b) : 0, red: null };
      const red = ruleReduction(rule, k, year, m.baseYear);
      return { k, w: b * (1 - red), red };
    });
    const sumW = weights.reduce((s, x) => s + x.w, 0);
    let total = 0;
    const sectors: SectorGap[] = weights.map(({ k, w, red }) => {
      const share = sumW > 0 ? w / sumW : 0;
      const allowance = target * share;
      const rem = remaining.get(k)!;
      total += rem;
      return {
        sector: k,
        base_tco2e: base.get(k)!,
        reduction: red,
        share,
        allowance_tco2e: allowance,
        remaining_tco2e: rem,
        gap_tco2e: rem - allowance,
      };
    });
    out.push({
      year,
      target_tco2e: target,
      remaining_tco2e: total,
      gap_tco2e: total - target,
      sectors: sectors.filter((s) => s.sector !== "other" || s.base_tco2e !== 0 || s.remaining_tco2e !== 0),
    });
  }
  return { target: t.id, basis: basis.id, rule, years: out };
}

/** Version 2 added the target's scope2_method (docs/what-it-takes-json.md). */
export const WHAT_IT_TAKES_FORMAT = "citypath-what-it-takes/2";

/** The JSON contract (docs/what-it-takes-json.md): what the CLI prints and the API answers. */
export interface WhatItTakesJson {
  readonly format: typeof WHAT_IT_TAKES_FORMAT;
  readonly instance: { readonly id: string; readonly version: string };
  readonly scenario: string;
  /** Whose driver paths (grid factor...) were used: "bau" or a scenario that sets its own. */
  readonly drivers: string;
  readonly target: {
    readonly id: string;
    readonly name: { ko: string; en: string };
    readonly basis: string;
    /** The Scope 2 method the target (and so every figure here) is measured on. */
    readonly scope2_method: Scope2Method;
  };
  readonly rule: SectorSplitRule;
  readonly unit: "tCO2e";
  readonly years: readonly WhatItTakesYear[];
}

export function whatItTakesJson(m: CompiledModel, scenario: string, w: WhatItTakes): WhatItTakesJson {
  const t = m.targets.find((x) => x.id === w.target)!;
  return {
    format: WHAT_IT_TAKES_FORMAT,
    instance: { id: m.instanceId, version: m.instanceVersion },
    scenario,
    drivers: m.driverScenario,
    target: { id: t.id, name: t.name, basis: w.basis, scope2_method: t.method },
    rule: w.rule,
    unit: "tCO2e",
    years: w.years,
  };
}

/** The zod schema of the contract (what the API declares it answers). */
export const whatItTakesSchema = z.object({
  format: z.literal(WHAT_IT_TAKES_FORMAT),
  instance: z.object({ id: z.string(), version: z.string() }),
  scenario: z.string(),
  drivers: z.string(),
  target: z.object({
    id: z.string(),
    name: TextAnswerSchema,
    basis: z.string(),
    scope2_method: Scope2MethodSchema,
  }),
  rule: z.object({
    rule: z.enum(["plan_sector_reductions", "equal_reduction"]),
    reductions: z.record(z.string(), z.record(z.string(), z.number())).optional(),
    source: z.string().optional(),
    note: z.string().optional(),
  }),
  unit: z.literal("tCO2e"),
  years: z.array(
    z.object({
      year: z.number().int(),
      target_tco2e: z.number(),
      remaining_tco2e: z.number(),
      gap_tco2e: z.number(),
      sectors: z.array(
        z.object({
          sector: z.union([KrSectorIdSchema, z.literal("other")]),
          base_tco2e: z.number(),
          reduction: z.number().nullable(),
          share: z.number(),
          allowance_tco2e: z.number(),
          remaining_tco2e: z.number(),
          gap_tco2e: z.number(),
        }),
      ),
    }),
  ),
});
