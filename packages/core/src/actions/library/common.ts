/**
 * Pieces every action type shares: the numeric-parameter schema built from metadata (unit, range, default
 * with source), the common fields of an action (schedule, scope tag, price year, generic costs), steps of
 * explanation chains, and factors derived from the sourced figures in FACTS.md.
 */
import { z } from "zod";
import { convert } from "../../units/index.ts";
import { type Schedule, scheduleFraction, scheduleSchema } from "../schedule.ts";
import type { DeltaEffect, ExplainStep, ParamMeta, ScopeTag, YearCosts } from "./types.ts";

/** Builds a zod shape of finite numbers from parameter metadata; a parameter with a default is optional. */
export function numberShape<K extends string>(
  meta: Readonly<Record<K, ParamMeta>>,
): Record<K, z.ZodNumber | z.ZodDefault<z.ZodNumber>> {
  const shape = {} as Record<K, z.ZodNumber | z.ZodDefault<z.ZodNumber>>;
  for (const key of Object.keys(meta) as K[]) {
    const m = meta[key];
    let s = z.number().finite();
    if (m.min !== undefined) s = s.min(m.min);
    if (m.max !== undefined) s = s.max(m.max);
    // A defaulted number is optional in the input and always present in the output.
    shape[key] = m.default ? s.default(m.default.value) : s;
  }
  return shape;
}

/** Costs written directly (on top of a type's own cost model), constant KRW of the action's price year. */
export const directCostsSchema = z
  .object({
    /** Capital spending by year, e.g. { "2025": 22.4e9 }. */
    capex_krw_by_year: z
      .record(z.string().regex(/^\d{4}$/, "a year such as 2026"), z.number().finite())
      .optional(),
    /** Operating cost per year at full effect (scaled by the schedule fraction). */
    opex_krw_per_yr: z.number().finite().optional(),
    /** Savings per year at full effect (scaled by the schedule fraction). */
    savings_krw_per_yr: z.number().finite().optional(),
    source: z.string().optional(),
    illustrative: z.boolean().optional(),
  })
  .strict();

/** Fields every action's parameters carry besides its mechanism. */
export const commonShape = {
  schedule: scheduleSchema,
  scope_tag: z.enum(["community", "municipal_operations"]).default("community"),
  /** Price year of every KRW figure of the action (constant won of that year). */
  price_year: z.number().int().min(1990).max(2100),
  direct_costs: directCostsSchema.optional(),
  /** Citation of each parameter given, by name (shown in the explanation chain). */
  sources: z.record(z.string(), z.string().min(1)).optional(),
  /** Parameters whose value is illustrative (no published figure), by name, with the reason. */
  illustrative: z.record(z.string(), z.string().min(1)).optional(),
};

/** Per-parameter provenance written in the instance. */
export interface Provenance {
  readonly sources?: Readonly<Record<string, string>>;
  readonly illustrative?: Readonly<Record<string, string>>;
}

export interface CommonParams {
  readonly schedule: Schedule;
  readonly scope_tag: ScopeTag;
  readonly price_year: number;
  readonly direct_costs?: z.output<typeof directCostsSchema>;
  readonly sources?: Readonly<Record<string, string>>;
  readonly illustrative?: Readonly<Record<string, string>>;
}

/**
 * Formats a number for formulas: up to 6 significant digits, thousands separated with commas. Written by
 * hand (not toLocaleString): models are called for every year of every action when a model compiles.
 */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(6));
  const a = Math.abs(r);
  if (a < 1000 || a >= 1e21) return String(r);
  const text = String(a);
  const dot = text.indexOf(".");
  const int = dot < 0 ? text : text.slice(0, dot);
  let grouped = "";
  for (let k = int.length; k > 0; k -= 3)
    grouped = int.slice(Math.max(0, k - 3), k) + (grouped ? `,${grouped}` : "");
  return `${r < 0 ? "-" : ""}${grouped}${dot < 0 ? "" : text.slice(dot)}`;
}

/**
 * An explanation step for an input parameter: its source is the instance's citation of it, or its reason
 * for being illustrative, or (when the value is the type's default) the default's source.
 */
export function inputStep(key: string, value: number, meta: ParamMeta, prov: Provenance = {}): ExplainStep {
  const base = { key, label: meta.description, value, unit: meta.unit, formula: "input" };
  const cited = prov.sources?.[key];
  const why = prov.illustrative?.[key];
  if (why !== undefined) return { ...base, source: `illustrative: ${why}`, illustrative: true };
  if (cited !== undefined) return { ...base, source: cited };
  const d = meta.default;
  if (d !== undefined && d.value === value)
    return {
      ...base,
      source: d.source ?? `default: ${d.note ?? "illustrative"}`,
      ...(d.illustrative ? { illustrative: true } : {}),
    };
  return { ...base, source: "instance parameter (no source given)" };
}

/**
 * Numeric parameters of `meta` that have neither a citation nor an illustrative note in the instance and
 * are not the type's sourced default: what a data reviewer must fix.
 */
export function unsourcedParams(
  p: Record<string, unknown> & Provenance,
  meta: Readonly<Record<string, ParamMeta>>,
): string[] {
  const out: string[] = [];
  for (const [key, m] of Object.entries(meta)) {
    const v = p[key];
    if (typeof v !== "number") continue;
    if (p.sources?.[key] !== undefined || p.illustrative?.[key] !== undefined) continue;
    if (
      m.default !== undefined &&
      m.default.value === v &&
      (m.default.source !== undefined || m.default.illustrative)
    )
      continue;
    out.push(key);
  }
  return out;
}

export function calcStep(
  key: string,
  label: string,
  value: number,
  unit: string,
  formula: string,
): ExplainStep {
  return { key, label, value, unit, formula: `${formula} = ${fmt(value)}` };
}

/** A contribution to an action's total: tonnes on a line (a scale effect's tonnes are fraction × BAU). */
export interface Tonnes {
  readonly gpc_ref: string;
  readonly tco2e: number;
}

/** The step a chain must end with: the total change in tCO2e/yr, the sum of the contributions. */
export function totalStep(parts: readonly Tonnes[], label = "Change in emissions"): ExplainStep {
  const value = parts.reduce((s, l) => s + l.tco2e, 0);
  const formula = parts.map((l) => `${fmt(l.tco2e)} [${l.gpc_ref}]`).join(" + ");
  return { key: "delta_tco2e", label, value, unit: "tCO2e/yr", formula: `${formula || "0"} = ${fmt(value)}` };
}

/** Tonnes of delta effects (for totalStep). */
export function tonnesOf(lines: readonly DeltaEffect[]): Tonnes[] {
  return lines.map((l) => ({ gpc_ref: l.gpc_ref, tco2e: l.delta_tco2e }));
}

export function scheduleStep(s: Schedule, year: number): ExplainStep {
  const f = scheduleFraction(s, year);
  const parts = [`min(1, (${year} − ${s.start_year} + 1) / (${s.ramp_years} + 1))`];
  if (year === s.start_year && s.start_month !== 1) parts.push(`(13 − ${s.start_month}) / 12`);
  const outside = year < s.start_year || (s.end_year !== undefined && year > s.end_year);
  return {
    key: "schedule_fraction",
    label: "Share of full effect in the year (schedule)",
    value: f,
    unit: "1",
    formula: outside
      ? `${year} outside ${s.start_year}–${s.end_year ?? "…"} = 0`
      : `${parts.join(" × ")} = ${fmt(f)}`,
  };
}

/**
 * Costs of a type whose only cost model is the written one: when the instance gives no `direct_costs`, the
 * cost is unknown (reported as missing), not zero.
 */
export function onlyDirectCosts(p: CommonParams, year: number): YearCosts {
  const c = directCosts(p, year);
  return p.direct_costs ? c : { ...c, missing: ["direct_costs"] };
}

/** Drops effects that are exactly zero (a line the action does not touch in that year). */
export function nonZero<T extends { delta_tco2e: number }>(lines: readonly T[]): T[] {
  return lines.filter((l) => l.delta_tco2e !== 0);
}

/**
 * Generic direct costs of a year: capex written for the year, opex and savings at full effect times the
 * schedule fraction. Added by the library to every type's own cost model.
 */
export function directCosts(p: CommonParams, year: number): YearCosts {
  const c = p.direct_costs;
  if (!c) return { capex_krw: 0, opex_krw: 0, savings_krw: 0, chain: [], missing: [] };
  const f = scheduleFraction(p.schedule, year);
  const capex = c.capex_krw_by_year?.[String(year)] ?? 0;
  const opex = (c.opex_krw_per_yr ?? 0) * f;
  const savings = (c.savings_krw_per_yr ?? 0) * f;
  const chain: ExplainStep[] = [];
  const src = {
    ...(c.source ? { source: c.source } : {}),
    ...(c.illustrative ? { illustrative: true as const } : {}),
  };
  if (capex)
    chain.push({
      ...calcStep("direct_capex_krw", "Capital (written by year)", capex, "KRW", "input"),
      ...src,
    });
  if (c.opex_krw_per_yr !== undefined)
    chain.push({
      ...calcStep("direct_opex_krw", "Operating cost", opex, "KRW", `${fmt(c.opex_krw_per_yr)} × ${fmt(f)}`),
      ...src,
    });
  if (c.savings_krw_per_yr !== undefined)
    chain.push({
      ...calcStep(
        "direct_savings_krw",
        "Savings",
        savings,
        "KRW",
        `${fmt(c.savings_krw_per_yr)} × ${fmt(f)}`,
      ),
      ...src,
    });
  return { capex_krw: capex, opex_krw: opex, savings_krw: savings, chain, missing: [] };
}

/** Linear interpolation in a path { year: value }; flat before the first and after the last point. */
export function interpolatePath(path: Readonly<Record<string, number>>, year: number): number {
  const pts = Object.entries(path)
    .map(([y, v]) => [Number(y), v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (pts.length === 0) throw new RangeError("empty path");
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (year <= first[0]) return first[1];
  if (year >= last[0]) return last[1];
  for (let i = 1; i < pts.length; i++) {
    const [y1, v1] = pts[i]!;
    const [y0, v0] = pts[i - 1]!;
    if (year <= y1) return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
  }
  return last[1];
}

export const yearPathSchema = z
  .record(z.string().regex(/^\d{4}$/, "a year such as 2030"), z.number().finite())
  .refine((r) => Object.keys(r).length > 0, { message: "the path needs at least one year" });

// ---------------------------------------------------------------------------------------------------------
// Factors derived from FACTS.md §4 (net calorific values of the 에너지법 시행규칙 annex, 2022-11-21, and the
// IPCC 2006 default CO2 factors). Tailpipe CH4 and N2O are not included (no Korean mobile table in FACTS).

const KCAL_TO_MJ = convert(1, "kcal", "MJ");

/** Diesel: 8,420 kcal/L × 4.1868e-3 MJ/kcal × 74,100 kgCO2/TJ / 1e6 = 2.61224 kgCO2/L → tCO2e/L. */
export const DIESEL_TCO2E_PER_L = (8420 * KCAL_TO_MJ * 74100) / 1e6 / 1e3;
/** City gas (also CNG): 9,190 kcal/Nm3 × 4.1868e-3 × 56,100 kgCO2/TJ / 1e6 = 2.15854 kgCO2/Nm3 → t. */
export const CITY_GAS_TCO2E_PER_NM3 = (9190 * KCAL_TO_MJ * 56100) / 1e6 / 1e3;
/**
 * Natural gas burnt in buildings, tCO2e per MJ: CO2 56,100 + CH4 5 × 28 + N2O 0.1 × 265 (AR5) kg/TJ
 * = 56,266.5 kgCO2e/TJ = 5.62665e-5 tCO2e/MJ.
 */
export const GAS_BUILDINGS_TCO2E_PER_MJ = (56100 + 5 * 28 + 0.1 * 265) / 1e9;

/**
 * Fuels burnt in buildings' boilers, tCO2e per MJ (net), IPCC 2006 Vol. 2 Table 1.4 CO2 and Table 2.5
 * (residential) CH4 and N2O defaults with AR5 GWPs (CH4 28, N2O 265), kg/TJ:
 *   city gas 56,100 + 5 × 28 + 0.1 × 265 = 56,266.5; kerosene 71,900 + 10 × 28 + 0.6 × 265 = 72,339;
 *   LPG 63,100 + 5 × 28 + 0.1 × 265 = 63,266.5.
 */
export const BUILDING_FUELS = {
  city_gas: {
    tco2e_per_mj: GAS_BUILDINGS_TCO2E_PER_MJ,
    label: { ko: "도시가스", en: "city gas" },
    source: "FACTS §4: IPCC 2006 natural gas CO2 56,100, CH4 5, N2O 0.1 kg/TJ with AR5 GWPs 28/265 [derived]",
  },
  kerosene: {
    tco2e_per_mj: (71900 + 10 * 28 + 0.6 * 265) / 1e9,
    label: { ko: "등유", en: "kerosene (heating oil)" },
    source:
      "FACTS §4: IPCC 2006 kerosene CO2 71,900 (Table 1.4), residential oil CH4 10, N2O 0.6 kg/TJ (Table 2.5) with AR5 GWPs 28/265 [derived]",
  },
  lpg: {
    tco2e_per_mj: (63100 + 5 * 28 + 0.1 * 265) / 1e9,
    label: { ko: "LPG", en: "LPG" },
    source:
      "FACTS §4: IPCC 2006 LPG CO2 63,100 (Table 1.4), residential CH4 5, N2O 0.1 kg/TJ (Table 2.5) with AR5 GWPs 28/265 [derived]",
  },
} as const;
export type BuildingFuel = keyof typeof BUILDING_FUELS;
export const buildingFuelSchema = z.enum(["city_gas", "kerosene", "lpg"]);

export const FACTS_SOURCES = {
  car_occupancy:
    "FACTS §6: 1.22 persons per car, 2016 national transport survey (MOLIT/KOTI; tbnews 2018-05-16)",
  car_g_per_km:
    "FACTS §6 [derived]: ≈160 gCO2/vkm, NIFoS 2.4 tCO2 per car-year over ≈15,000 km (kmib 0006627464)",
  diesel:
    "FACTS §4: diesel NCV 8,420 kcal/L (에너지법 시행규칙 annex 2022-11-21) × IPCC 2006 74,100 kgCO2/TJ [derived]",
  city_gas:
    "FACTS §4: city gas NCV 9,190 kcal/Nm3 (에너지법 시행규칙 annex 2022-11-21) × IPCC 2006 56,100 kgCO2/TJ [derived]",
  gas_buildings:
    "FACTS §4: IPCC 2006 natural gas CO2 56,100, CH4 5, N2O 0.1 kg/TJ with AR5 GWPs 28/265 [derived]",
  grid: "driver: grid electricity factor of the year (tCO2e/MWh), FACTS §4 (e.g. 0.4173 for 2023)",
  pine_30yr: "FACTS §6: NIFoS standard carbon uptake 2012, 30-year pine 6.6 kgCO2/tree/yr (kmib 0006627464)",
} as const;

/** Sums delta effects with the same GPC reference, scope tag, basis and intensity rule. */
export function mergeLines(lines: readonly DeltaEffect[]): DeltaEffect[] {
  const out = new Map<string, DeltaEffect>();
  for (const l of lines) {
    const k = `${l.gpc_ref}|${l.scope_tag}|${l.basis ?? "location"}|${l.follows_intensity === true}`;
    const prev = out.get(k);
    out.set(k, prev ? { ...prev, delta_tco2e: prev.delta_tco2e + l.delta_tco2e } : l);
  }
  return [...out.values()];
}

/** The parameters of a car trip that a rider no longer makes (BRT, tram, walking and cycling). */
export const CAR_TRIP_PARAMS = {
  car_occupancy: {
    unit: "person/vehicle",
    description: "Car occupancy",
    min: 1,
    default: { value: 1.22, source: FACTS_SOURCES.car_occupancy },
  },
  trip_km: { unit: "km", description: "Average length of the car trip replaced", min: 0 },
  car_kgco2e_per_vkm: {
    unit: "kgCO2e/vkm",
    description: "Car emissions per vehicle-km",
    min: 0,
    default: { value: 0.16, source: FACTS_SOURCES.car_g_per_km },
  },
} as const satisfies Record<string, ParamMeta>;

/** The input steps of the car-trip parameters, in the order the explanation shows them. */
export function carTripInputSteps(
  p: Provenance & { car_occupancy: number; trip_km: number; car_kgco2e_per_vkm: number },
): ExplainStep[] {
  const m = CAR_TRIP_PARAMS;
  return [
    inputStep("car_occupancy", p.car_occupancy, m.car_occupancy, p),
    inputStep("trip_km", p.trip_km, m.trip_km, p),
    inputStep("car_kgco2e_per_vkm", p.car_kgco2e_per_vkm, m.car_kgco2e_per_vkm, p),
  ];
}

export interface CarShiftInput {
  readonly people_per_day: number;
  readonly share_from_car: number;
  readonly car_occupancy: number;
  readonly trip_km: number;
  readonly car_kgco2e_per_vkm: number;
  /** Schedule fraction of the year. */
  readonly fraction: number;
}

/**
 * People who leave a car: trips/day × share from car / occupancy = car trips avoided; × trip length =
 * vehicle-km/day; × 365 × fraction = vkm/yr; × kgCO2e/vkm / 1000 = tCO2e/yr avoided (returned positive).
 */
export function carShift(x: CarShiftInput): {
  avoided_tco2e: number;
  vkm_per_yr: number;
  steps: ExplainStep[];
} {
  const people = x.people_per_day * x.share_from_car;
  const carTrips = people / x.car_occupancy;
  const vkmDay = carTrips * x.trip_km;
  const vkmYr = vkmDay * 365 * x.fraction;
  const t = (vkmYr * x.car_kgco2e_per_vkm) / 1000;
  return {
    avoided_tco2e: t,
    vkm_per_yr: vkmYr,
    steps: [
      calcStep(
        "people_from_car_per_day",
        "People per day who left a car",
        people,
        "person-trip/d",
        `${fmt(x.people_per_day)} × ${fmt(x.share_from_car)}`,
      ),
      calcStep(
        "car_trips_avoided_per_day",
        "Car trips avoided per day",
        carTrips,
        "vehicle-trip/d",
        `${fmt(people)} / ${fmt(x.car_occupancy)} person/vehicle`,
      ),
      calcStep(
        "car_vkm_avoided_per_day",
        "Car vehicle-km avoided per day",
        vkmDay,
        "vkm/d",
        `${fmt(carTrips)} × ${fmt(x.trip_km)} km`,
      ),
      calcStep(
        "car_vkm_avoided_per_yr",
        "Car vehicle-km avoided in the year",
        vkmYr,
        "vkm/yr",
        `${fmt(vkmDay)} × 365 d × ${fmt(x.fraction)}`,
      ),
      calcStep(
        "car_tco2e_avoided",
        "Car emissions avoided",
        t,
        "tCO2e/yr",
        `${fmt(vkmYr)} × ${fmt(x.car_kgco2e_per_vkm)} kgCO2e/vkm / 1000`,
      ),
    ],
  };
}

/**
 * Units added by year (buses, m2, kWp, lights) in service in `year`: earlier cohorts in full, this year's
 * cohort × the share of its first year. Returns the count and the formula with its numbers.
 */
export function cohortsInService(
  added: Readonly<Record<string, number>>,
  year: number,
  firstYearShare: number,
): { n: number; formula: string } {
  let n = 0;
  const terms: string[] = [];
  for (const [y, count] of Object.entries(added).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const yy = Number(y);
    if (yy < year) {
      n += count;
      terms.push(fmt(count));
    } else if (yy === year) {
      n += count * firstYearShare;
      terms.push(`${fmt(count)} × ${fmt(firstYearShare)}`);
    }
  }
  return { n, formula: terms.join(" + ") || "0" };
}

export const firstYearShareMeta: ParamMeta = {
  unit: "1",
  description: "Share of its first year a unit added that year is in service",
  min: 0,
  max: 1,
  default: { value: 0.5, illustrative: true, note: "mid-year convention: units arrive through the year" },
};

/** Count-by-year record, e.g. { "2025": 1200 } (m2, units, kWp added in each year). */
export const addedByYearSchema = z
  .record(z.string().regex(/^\d{4}$/, "a year such as 2026"), z.number().finite().min(0))
  .refine((r) => Object.keys(r).length > 0, { message: "at least one year" });

/** Building use: which GPC lines the energy belongs to (x.1 fuel, scope 1; x.2 grid energy, scope 2). */
export const BUILDING_USE = {
  residential: { fuel: "I.1.1", grid: "I.1.2" },
  commercial_public: { fuel: "I.2.1", grid: "I.2.2" },
  industrial: { fuel: "I.3.1", grid: "I.3.2" },
} as const;
export const buildingUseSchema = z.enum(["residential", "commercial_public", "industrial"]);

/** A capital item: units added in the year × price; a missing price is reported, never taken as zero. */
export function unitCapex(
  added: number,
  price: number | undefined,
  priceName: string,
  key: string,
  label: string,
): { krw: number; steps: ExplainStep[]; missing: string[] } {
  if (added === 0) return { krw: 0, steps: [], missing: [] };
  if (price === undefined) return { krw: 0, steps: [], missing: [priceName] };
  const krw = added * price;
  return { krw, steps: [calcStep(key, label, krw, "KRW", `${fmt(added)} × ${fmt(price)}`)], missing: [] };
}

/** Energy saved × price as savings; a missing price is reported. */
export function energySavings(
  amount: number,
  price: number | undefined,
  priceName: string,
  key: string,
  label: string,
): { krw: number; steps: ExplainStep[]; missing: string[] } {
  if (amount === 0) return { krw: 0, steps: [], missing: [] };
  if (price === undefined) return { krw: 0, steps: [], missing: [priceName] };
  const krw = amount * price;
  return { krw, steps: [calcStep(key, label, krw, "KRW", `${fmt(amount)} × ${fmt(price)}`)], missing: [] };
}

/** Adds cost items to the direct costs of the year. */
export function sumCosts(
  base: YearCosts,
  items: {
    capex?: ReturnType<typeof unitCapex>[];
    opex?: ReturnType<typeof unitCapex>[];
    savings?: ReturnType<typeof unitCapex>[];
  },
): YearCosts {
  const sum = (xs: ReturnType<typeof unitCapex>[] = []) => xs.reduce((s, x) => s + x.krw, 0);
  const all = [...(items.capex ?? []), ...(items.opex ?? []), ...(items.savings ?? [])];
  return {
    capex_krw: base.capex_krw + sum(items.capex),
    opex_krw: base.opex_krw + sum(items.opex),
    savings_krw: base.savings_krw + sum(items.savings),
    chain: [...base.chain, ...all.flatMap((x) => x.steps)],
    missing: [...base.missing, ...all.flatMap((x) => x.missing)],
  };
}

export function gridStep(grid: number): ExplainStep {
  return {
    ...calcStep("grid_factor", "Grid electricity factor of the year", grid, "tCO2e/MWh", "driver"),
    source: FACTS_SOURCES.grid,
  };
}
