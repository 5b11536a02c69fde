/**
 * The least-cost portfolio on a pathway model: the `citypath-portfolio/1` spec (a YAML file beside the
 * instance, optional) and the `PortfolioModel` over the compiled engine.
 *
 * - Decision: the level of every action of the instance. Its range comes from the spec's `actions`, else
 *   from the chosen scenario's `min`/`max` for the action, else [0, max(1, the scenario's level)]. Action
 *   types that declare `binary` are yes/no.
 * - Targets: the instance's targets in the chosen years (default: each target's point years); the limit is
 *   the target path of that year on the target's basis.
 * - Cost: net present cost = sum over actions of level x the present value of the action's net costs
 *   (capital + operating - savings) over its life from its start (pathway/lifecycle.ts: the appraisal the
 *   MAC curve uses, flows held past the horizon), discounted at r to the discount year, KRW of the
 *   instance's price year; spending (for budget caps) is level x (capital + operating) in the year. Costs
 *   are linear in the level (the engine's contract).
 */
import { z } from "zod";
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { createResult, evaluate } from "../pathway/evaluate.ts";
import { levelRange, type RangeProvenance, rangeNoteSchema, rangeProvenance } from "../pathway/levers.ts";
import { lifeCycleCostPerLevel } from "../pathway/lifecycle.ts";
import type { CompiledModel } from "../pathway/model.ts";
import { requireRangeProvenance } from "../pathway/schema.ts";
import { formatPath } from "../pathway/validate.ts";
import { type SectorGap, whatItTakes } from "../pathway/what-it-takes.ts";
import { ModelKeySchema } from "../vocabulary/ids.ts";
import { provenanceFields } from "../vocabulary/provenance.ts";
import type { PortfolioAction, PortfolioConstraints, PortfolioModel, PortfolioTarget } from "./types.ts";

export const PORTFOLIO_FORMAT = "citypath-portfolio/1";

const id = ModelKeySchema;
const year = z.number().int().min(1990).max(2100);

export const portfolioSpecSchema = z.strictObject({
  format: z.literal(PORTFOLIO_FORMAT),
  instance: id,
  /** The scenario whose action ranges (min/max) apply; default "bau" (every action from 0 to 1). */
  scenario: id.optional(),
  /**
   * Whose driver paths (grid factor...) the portfolio is evaluated on: a scenario that sets drivers (e.g. the
   * national grid path); default the scenario's own when it sets some, else business as usual.
   */
  drivers: id.optional(),
  /** Real discount rate per year (0.045 = 4.5 %), with its source. */
  discount_rate: z.number().min(0).max(0.5),
  discount_rate_source: z.string().min(1),
  /** Year to which costs are discounted; default the instance's price year, else its base year. */
  discount_year: year.optional(),
  targets: z.array(z.strictObject({ target: id, years: z.array(year).min(1).optional() })).optional(),
  /** Spending caps, KRW per year: in one year, or every year when `year` is absent. */
  budgets: z
    .array(z.strictObject({ year: year.optional(), krw: z.number().min(0), note: z.string().optional() }))
    .optional(),
  exclusions: z.array(z.strictObject({ a: id, b: id, reason: z.string().min(1) })).optional(),
  requirements: z.array(z.strictObject({ action: id, requires: id, reason: z.string().min(1) })).optional(),
  /** Ranges that replace the scenario's, each with its provenance (as a scenario's range). */
  actions: z
    .array(
      z
        .strictObject({
          action: id,
          min: z.number().min(0).optional(),
          max: z.number().min(0).optional(),
          optional: z.boolean().optional(),
          ...provenanceFields(z.string().min(1)),
          note: rangeNoteSchema.optional(),
        })
        .superRefine(requireRangeProvenance),
    )
    .optional(),
});

export type PortfolioSpec = z.output<typeof portfolioSpecSchema>;

export function parsePortfolioSpec(raw: unknown): Result<PortfolioSpec> {
  const r = portfolioSpecSchema.safeParse(raw);
  if (!r.success)
    return fail(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: formatPath(i.path as PropertyKey[]) }),
      ),
    );
  return ok(r.data);
}

export interface PathwayPortfolioOptions {
  readonly scenario?: string;
  readonly discountRate: number;
  readonly discountYear?: number;
  readonly targets?: readonly { readonly target: string; readonly years?: readonly number[] }[];
  readonly actions?: PortfolioSpec["actions"];
}

export interface PathwayPortfolio {
  readonly model: PortfolioModel;
  /** Where each action's range comes from (same order as `model.actions`): the spec's, else the scenario's. */
  readonly ranges: readonly RangeProvenance[];
  /** The discount year used. */
  readonly discountYear: number;
}

/** Builds the portfolio model of a compiled pathway model. */
export function pathwayPortfolio(m: CompiledModel, o: PathwayPortfolioOptions): Result<PathwayPortfolio> {
  const problems: Problem[] = [];
  const inst = m.source.instance;
  const scenarioId = o.scenario ?? "bau";
  const scen = inst.scenarios?.find((s) => s.id === scenarioId);
  if (scenarioId !== "bau" && !scen)
    problems.push(
      problem("UNKNOWN_REFERENCE", `scenario "${scenarioId}" is not defined`, { path: "scenario" }),
    );
  const actionIds = new Set(m.actions.map((a) => a.id));
  (o.actions ?? []).forEach((a, i) => {
    if (!actionIds.has(a.action))
      problems.push(
        problem("UNKNOWN_REFERENCE", `no action "${a.action}" in the instance`, {
          path: `actions[${i}].action`,
        }),
      );
  });
  const targets: PortfolioTarget[] = [];
  const sel: PathwayPortfolioOptions["targets"] & object =
    o.targets ?? m.targets.map((t) => ({ target: t.id }));
  sel.forEach((s, i) => {
    const t = m.targets.find((x) => x.id === s.target);
    if (!t) {
      problems.push(
        problem("UNKNOWN_REFERENCE", `no target "${s.target}" in the instance`, {
          path: `targets[${i}].target`,
        }),
      );
      return;
    }
    const src = inst.targets!.find((x) => x.id === t.id)!;
    for (const y of s.years ?? src.points.map((p) => p.year)) {
      const yi = y - m.baseYear;
      if (yi < 0 || yi >= m.nYears || Number.isNaN(t.path[yi]!)) {
        problems.push(
          problem("MISSING_YEAR", `target "${t.id}" has no value in ${y}`, { path: `targets[${i}].years` }),
        );
        continue;
      }
      targets.push({
        id: `${t.id}@${y}`,
        label: `${t.name.en} ${y}`,
        basis: m.bases[t.basis]!.id,
        scope2_method: t.method,
        year: y,
        limit: t.path[yi]!,
      });
    }
  });
  if (problems.length) return fail(problems);

  const overrides = new Map((o.actions ?? []).map((a) => [a.action, a]));
  const ranges: RangeProvenance[] = [];
  const actions: PortfolioAction[] = m.actions.map((a) => {
    const sa = scen?.actions.find((x) => x.action === a.id);
    const ov = overrides.get(a.id);
    const declared = ov && (ov.min !== undefined || ov.max !== undefined) ? { level: 0, ...ov } : sa;
    ranges.push(rangeProvenance(declared, a.binary));
    if (a.binary) return { id: a.id, label: a.name.en, kind: "binary", min: 0, max: 1 };
    const range = levelRange(sa, false);
    const max = ov?.max ?? range.max;
    const min = ov?.min ?? range.min;
    return {
      id: a.id,
      label: a.name.en,
      kind: "continuous",
      min,
      max,
      ...(ov?.optional ? { optional: true } : {}),
    };
  });
  actions.forEach((a, i) => {
    if (a.min > a.max)
      problems.push(
        problem("BAD_VALUE", `action "${a.id}": min ${a.min} is above max ${a.max}`, {
          path: `actions[${i}]`,
        }),
      );
  });
  if (problems.length) return fail(problems);

  const Y = m.nYears;
  const discountYear = o.discountYear ?? inst.price_year ?? m.baseYear;
  const npcPerLevel = lifeCycleCostPerLevel(m, o.discountRate, discountYear);
  const spendPerLevel = new Float64Array(m.nActions * Y);
  for (let a = 0; a < m.nActions; a++)
    for (let y = 0; y < Y; y++) {
      const i = (a * Y + y) * 3;
      spendPerLevel[a * Y + y] = m.costs[i]! + m.costs[i + 1]!;
    }
  const result = createResult(m);
  const tIndex = targets.map((t) => m.bases.findIndex((b) => b.id === t.basis) * Y + (t.year - m.baseYear));
  const model: PortfolioModel = {
    actions,
    targets,
    years: Array.from({ length: Y }, (_, y) => m.baseYear + y),
    evaluate(levels) {
      evaluate(m, levels, result);
      // each target on the figures of the Scope 2 method it is measured on
      const emissions = Float64Array.from(
        tIndex,
        (k, i) => (targets[i]!.scope2_method === "market_based" ? result.market.basis : result.basis)[k]!,
      );
      let npc = 0;
      const spend = new Float64Array(Y);
      for (let a = 0; a < m.nActions; a++) {
        const l = levels[a]!;
        if (l === 0) continue;
        npc += l * npcPerLevel[a]!;
        for (let y = 0; y < Y; y++) spend[y] = spend[y]! + l * spendPerLevel[a * Y + y]!;
      }
      return { emissions, npc, spend };
    },
  };
  return ok({ model, ranges, discountYear });
}

/** The spec's constraints in the optimiser's terms (budgets in KRW). */
export function specConstraints(spec: PortfolioSpec | undefined): PortfolioConstraints {
  return {
    budgets: (spec?.budgets ?? []).map((b) =>
      b.year !== undefined ? { year: b.year, limit: b.krw } : { limit: b.krw },
    ),
    exclusions: (spec?.exclusions ?? []).map((e) => ({ a: e.a, b: e.b })),
    requirements: (spec?.requirements ?? []).map((r) => ({ action: r.action, requires: r.requires })),
  };
}

/**
 * Where a portfolio's targets stand by plan sector: for each target row (id `TARGET@YEAR`), the full
 * model's gap in its year under the portfolio's levels, split by the target's split rule ("what it takes").
 */
export function portfolioSectors(
  m: CompiledModel,
  levels: ArrayLike<number>,
  targets: readonly { readonly id: string; readonly year: number }[],
): SectorGap[][] {
  const run = evaluate(m, Float64Array.from(levels), createResult(m));
  return targets.map((t) => [
    ...whatItTakes(m, run, t.id.slice(0, t.id.lastIndexOf("@")), [t.year]).years[0]!.sectors,
  ]);
}
