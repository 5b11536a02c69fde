/**
 * Tree planting: trees planted each year × survival × the uptake of a tree of that age and species.
 * Uptake counts from the first full year after planting (the planting year itself adds none).
 * Uptake curve: kgCO2 per tree per year by age, linear between the given points, 0 at age 0 unless said
 * otherwise, flat after the last point. The species presets anchor on the NIFoS standard figures (FACTS §6);
 * the linear rise from planting to the anchor age is an illustrative shape (urban-tree allometries are a
 * research gap). Chain per cohort: planted × survival × (1 − mortality)^(years since planting) = trees
 * alive; age = years since planting + age at planting; × uptake(age) / 1000 = tCO2 taken up. The total is a
 * negative delta on V.2 (land: settlements, which the national inventory does not estimate, FACTS §3).
 * Costs: KRW per tree planted; care per living tree per year.
 */
import { z } from "zod";
import {
  addedByYearSchema,
  type CommonParams,
  calcStep,
  commonShape,
  directCosts,
  FACTS_SOURCES,
  fmt,
  inputStep,
  nonZero,
  numberShape,
  sumCosts,
  tonnesOf,
  totalStep,
  unitCapex,
} from "./common.ts";
import type { ActionType, DeltaEffect, ExplainStep, ParamMeta } from "./types.ts";

/** Uptake curves, kgCO2 per tree per year by age in years, with the figure they anchor on. */
export const SPECIES_CURVES = {
  pine: {
    points: [
      [0, 0],
      [30, 6.6],
    ] as [number, number][],
    source: FACTS_SOURCES.pine_30yr,
  },
  sawtooth_oak: {
    points: [
      [0, 0],
      [50, 16.2],
      [60, 16.6],
    ] as [number, number][],
    source:
      "FACTS §6: NIFoS 2012, 상수리나무 50-year 16.2 and 60-year 16.6 kgCO2/tree/yr (joongdo 20121114000003196)",
  },
  larch: {
    points: [
      [0, 0],
      [50, 15.8],
    ] as [number, number][],
    source: "FACTS §6: NIFoS 2012, 50-year larch 15.8 kgCO2/tree/yr (joongdo 20121114000003196)",
  },
} as const;

export const TREE_PARAMS = {
  survival_share: {
    unit: "1",
    description: "Share of planted trees that survive establishment",
    min: 0,
    max: 1,
  },
  annual_mortality: {
    unit: "1",
    description: "Share of living trees lost each later year",
    min: 0,
    max: 1,
  },
  age_at_planting_yr: { unit: "yr", description: "Age of the trees when planted", min: 0 },
} as const satisfies Record<string, ParamMeta>;

const curveSchema = z
  .array(z.tuple([z.number().min(0), z.number().min(0)]))
  .min(1)
  .refine((pts) => pts.every((p, i) => i === 0 || p[0] > pts[i - 1]![0]), { message: "ages must increase" });

export const treesSchema = z
  .object({
    ...numberShape(TREE_PARAMS),
    /** A preset of SPECIES_CURVES, or `custom` with `uptake_curve`. */
    species: z.enum(["pine", "sawtooth_oak", "larch", "custom"]),
    /** [age yr, kgCO2/tree/yr] points, for `custom`. */
    uptake_curve: curveSchema.optional(),
    uptake_source: z.string().optional(),
    trees_by_year: addedByYearSchema,
    krw_per_tree: z.number().finite().min(0).optional(),
    care_krw_per_tree_yr: z.number().finite().min(0).optional(),
    ...commonShape,
  })
  .strict()
  .superRefine((p, c) => {
    if (p.species === "custom" && !p.uptake_curve)
      c.addIssue({
        code: "custom",
        path: ["uptake_curve"],
        message: "uptake_curve is required when species is custom",
      });
  });
export type TreesParams = z.output<typeof treesSchema> & CommonParams;

/** kgCO2 per tree per year at `age` on a piecewise-linear curve; flat after the last point. */
export function uptakeAt(points: readonly (readonly [number, number])[], age: number): number {
  const first = points[0]!;
  if (age <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [a1, u1] = points[i]!;
    const [a0, u0] = points[i - 1]!;
    if (age <= a1) return u0 + ((u1 - u0) * (age - a0)) / (a1 - a0);
  }
  return points[points.length - 1]![1];
}

function curveOf(p: TreesParams): { points: readonly (readonly [number, number])[]; source: string } {
  if (p.species === "custom")
    return { points: p.uptake_curve!, source: p.uptake_source ?? "instance parameter" };
  return SPECIES_CURVES[p.species];
}

function cohorts(p: TreesParams, year: number) {
  const curve = curveOf(p);
  const steps: ExplainStep[] = [];
  let alive = 0;
  let kg = 0;
  for (const [y, planted] of Object.entries(p.trees_by_year).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const since = year - Number(y);
    if (since < 1 || planted === 0) continue; // uptake counts from the first full year after planting
    const n = planted * p.survival_share * (1 - p.annual_mortality) ** since;
    const age = since + p.age_at_planting_yr;
    const u = uptakeAt(curve.points, age);
    alive += n;
    kg += n * u;
    steps.push(
      calcStep(
        `cohort_${y}_uptake_kg`,
        `Trees planted in ${y}: uptake`,
        n * u,
        "kgCO2/yr",
        `${fmt(planted)} × ${fmt(p.survival_share)} × ${fmt(1 - p.annual_mortality)}^${since} trees × ${fmt(u)} kg (age ${fmt(age)})`,
      ),
    );
  }
  return { alive, kg, steps, curve };
}

export const treePlanting: ActionType<TreesParams> = {
  type: "tree_planting",
  label: { ko: "나무 심기", en: "Tree planting" },
  sector: "sinks",
  params: TREE_PARAMS,
  schema: treesSchema,
  needs: [],
  model(p, year) {
    const m = TREE_PARAMS;
    const active = year >= p.schedule.start_year; // trees keep growing after the planting programme ends
    const c = active ? cohorts(p, year) : { alive: 0, kg: 0, steps: [], curve: curveOf(p) };
    const t = c.kg / 1000;
    const lines: DeltaEffect[] = [{ gpc_ref: "V.2", delta_tco2e: -t, scope_tag: p.scope_tag }];
    return {
      lines: nonZero(lines),
      chain: [
        inputStep("survival_share", p.survival_share, m.survival_share, p),
        inputStep("annual_mortality", p.annual_mortality, m.annual_mortality, p),
        inputStep("age_at_planting_yr", p.age_at_planting_yr, m.age_at_planting_yr, p),
        {
          key: "uptake_curve",
          label: `Uptake curve (${p.species})`,
          value: c.curve.points[c.curve.points.length - 1]![1],
          unit: "kgCO2/tree/yr",
          formula: `linear through ${c.curve.points.map(([a, u]) => `(${a} yr, ${u})`).join(", ")}; flat after`,
          source: c.curve.source,
        },
        ...c.steps,
        calcStep("trees_alive", "Trees alive", c.alive, "tree", "Σ cohorts"),
        calcStep("uptake_tco2", "CO2 taken up", t, "tCO2/yr", `${fmt(c.kg)} kg / 1000`),
        totalStep(tonnesOf(lines), "Change in emissions (uptake, negative)"),
      ],
    };
  },
  costs(p, year) {
    const planted = p.trees_by_year[String(year)] ?? 0;
    const alive = cohorts(p, year).alive;
    return sumCosts(directCosts(p, year), {
      capex: [unitCapex(planted, p.krw_per_tree, "krw_per_tree", "planting_krw", "Planting")],
      opex: [
        unitCapex(alive, p.care_krw_per_tree_yr, "care_krw_per_tree_yr", "care_krw", "Care of living trees"),
      ],
    });
  },
};
