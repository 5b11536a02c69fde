/**
 * Costs of actions: capital, operating cost and savings by year in constant KRW of a stated price year; net
 * present value at a stated discount rate; cost per tonne avoided; and the marginal abatement cost (MAC)
 * curve as data the CLI and the web draw.
 *
 * Conventions (docs/methodology/actions.md):
 * - Net cost of a year = capex + opex − savings (KRW of the price year; positive = the action costs money).
 * - NPV = Σ_y net_y / (1 + r)^(y − y0), with r the real discount rate and y0 the year discounted to.
 * - Abatement of a year = −(the action's change in emissions), tCO2e; positive = fewer emissions.
 * - Cost per tonne, `levelised` (default): NPV / Σ_y abatement_y / (1 + r)^(y − y0), the constant price per
 *   tonne whose present value pays the net cost. `undiscounted`: NPV / Σ_y abatement_y.
 * - MAC curve: actions ordered by cost per tonne (ties by id); each bar's width is its abatement in a chosen
 *   year or cumulated over the period; x0/x1 are the running sums. Actions without abatement, or whose costs
 *   are incomplete (a price not given), are listed as excluded with the reason, never drawn at zero cost.
 * Pure: no I/O. Figures in other price years are converted only through a price index the caller gives.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import type { ActionContext, ActionType as EngineActionType } from "./interface.ts";
import type { YearCosts } from "./library/types.ts";

export interface CashFlow {
  readonly year: number;
  readonly capex_krw: number;
  readonly opex_krw: number;
  readonly savings_krw: number;
  /** capex + opex − savings. */
  readonly net_krw: number;
}

/** How costs are appraised: the price year of every KRW figure, the real discount rate and the years. */
export interface Appraisal {
  readonly price_year: number;
  /** Real discount rate per year, e.g. 0.045. */
  readonly discount_rate: number;
  /** Year values are discounted to (year 0). */
  readonly discount_to_year: number;
  readonly from_year: number;
  readonly to_year: number;
  /** Price index by year (any base), to bring figures of another price year to `price_year`. */
  readonly price_index?: Readonly<Record<string, number>>;
}

/** A value in KRW of `from` price year expressed in KRW of `to`: value × index[to] / index[from]. */
export function rebasePrice(
  value: number,
  from: number,
  to: number,
  index: Readonly<Record<string, number>> | undefined,
  where = "",
): Result<number> {
  if (from === to) return ok(value);
  const a = index?.[String(from)];
  const b = index?.[String(to)];
  if (a === undefined || b === undefined || !(a > 0) || !(b > 0))
    return fail([
      problem(
        "MISSING_YEAR",
        `costs are in KRW of ${from} and the appraisal is in KRW of ${to}: the price index needs positive values for both years${a === undefined ? ` (no ${from})` : ""}${b === undefined ? ` (no ${to})` : ""}`,
        where ? { path: where } : {},
      ),
    ]);
  return ok((value * b) / a);
}

export function cashFlow(
  year: number,
  c: Pick<YearCosts, "capex_krw" | "opex_krw" | "savings_krw">,
  scale = 1,
): CashFlow {
  const capex = c.capex_krw * scale;
  const opex = c.opex_krw * scale;
  const savings = c.savings_krw * scale;
  return { year, capex_krw: capex, opex_krw: opex, savings_krw: savings, net_krw: capex + opex - savings };
}

/** Discount factor of a year: 1 / (1 + r)^(y − y0). */
export function discountFactor(year: number, rate: number, toYear: number): number {
  return 1 / (1 + rate) ** (year - toYear);
}

/** Net present value of the flows' net cost (positive = a net cost). */
export function npv(flows: readonly CashFlow[], rate: number, toYear: number): number {
  let s = 0;
  for (const f of flows) s += f.net_krw * discountFactor(f.year, rate, toYear);
  return s;
}

/**
 * `levelised` and `undiscounted`: over a chosen period; `life_cycle`: levelised over each measure's own life
 * from its start (actions/lifecycle.ts), what the MAC curve of a scenario and the least-cost portfolio use.
 */
export type CostPerTonneMethod = "levelised" | "undiscounted" | "life_cycle";

export interface CostPerTonne {
  /** KRW per tCO2e avoided, or null when the action avoids nothing over the period. */
  readonly krw_per_tco2e: number | null;
  readonly npv_krw: number;
  /** The denominator: discounted (levelised) or plain sum of the tonnes avoided. */
  readonly tonnes: number;
  readonly method: CostPerTonneMethod;
  readonly reason?: string;
}

/** Cost per tonne from the flows and the abatement by year (tCO2e avoided, positive = fewer emissions). */
export function costPerTonne(
  flows: readonly CashFlow[],
  abatement: ReadonlyArray<{ year: number; tco2e: number }>,
  a: Pick<Appraisal, "discount_rate" | "discount_to_year">,
  method: CostPerTonneMethod = "levelised",
): CostPerTonne {
  const value = npv(flows, a.discount_rate, a.discount_to_year);
  let tonnes = 0;
  for (const x of abatement)
    tonnes +=
      method !== "undiscounted"
        ? x.tco2e * discountFactor(x.year, a.discount_rate, a.discount_to_year)
        : x.tco2e;
  if (!(tonnes > 0))
    return {
      krw_per_tco2e: null,
      npv_krw: value,
      tonnes,
      method,
      reason: `the action avoids ${tonnes} tCO2e over the period: a cost per tonne is not defined`,
    };
  return { krw_per_tco2e: value / tonnes, npv_krw: value, tonnes, method };
}

/** A function that gives the action context of a year (the engine's, or a test's). */
export type ContextOf = (year: number) => ActionContext;

export interface ActionAppraisal {
  readonly flows: CashFlow[];
  /** tCO2e avoided by year (the action alone, at its level). */
  readonly abatement: { year: number; tco2e: number }[];
  /** Cost parameters not given, with the years they were needed in. */
  readonly missing: { param: string; years: number[] }[];
  readonly npv_krw: number;
  readonly cost_per_tonne: CostPerTonne;
}

/**
 * Appraises one action on its own: its cost model and its emissions model for every year of the period,
 * at `level` (costs and abatement both scale with it), in KRW of the appraisal's price year.
 * The action alone: interactions with other actions are the pathway engine's (pass its attributed
 * abatement to `costPerTonne` instead when appraising a scenario).
 */
export function appraiseAction<P extends { price_year: number }>(
  type: EngineActionType<P>,
  params: P,
  ctxOf: ContextOf,
  a: Appraisal,
  opts: { level?: number; method?: CostPerTonneMethod; path?: string } = {},
): Result<ActionAppraisal> {
  const level = opts.level ?? 1;
  const scale = rebasePrice(1, params.price_year, a.price_year, a.price_index, opts.path ?? "");
  if (!scale.ok) return scale;
  const flows: CashFlow[] = [];
  const abatement: { year: number; tco2e: number }[] = [];
  const missing = new Map<string, number[]>();
  for (let y = a.from_year; y <= a.to_year; y++) {
    const ctx = ctxOf(y);
    // A type without a cost model (an engine built-in) has unknown costs, never zero ones.
    const c: Pick<YearCosts, "capex_krw" | "opex_krw" | "savings_krw"> & { missing?: readonly string[] } =
      type.costs?.(params, y, ctx) ?? { capex_krw: 0, opex_krw: 0, savings_krw: 0, missing: ["cost model"] };
    flows.push(cashFlow(y, c, level * scale.value));
    for (const m of c.missing ?? []) missing.set(m, [...(missing.get(m) ?? []), y]);
    const r = type.model(params, y, ctx);
    const last = r.chain[r.chain.length - 1];
    if (last?.key !== "delta_tco2e")
      return fail([problem("INTERNAL", `action type ${type.type} returned no total for ${y}`)]);
    abatement.push({ year: y, tco2e: -last.value * level });
  }
  const cpt = costPerTonne(flows, abatement, a, opts.method);
  return ok({
    flows,
    abatement,
    missing: [...missing].map(([param, years]) => ({ param, years })),
    npv_krw: cpt.npv_krw,
    cost_per_tonne: cpt,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Marginal abatement cost curve

export interface MacInput {
  readonly id: string;
  readonly label: { readonly ko: string; readonly en: string };
  readonly cost_per_tonne: CostPerTonne;
  /** tCO2e avoided by year. */
  readonly abatement: ReadonlyArray<{ year: number; tco2e: number }>;
  /** Cost parameters not given: the action is excluded from the curve. */
  readonly missing?: ReadonlyArray<{ param: string }>;
}

export type MacWidth = { readonly kind: "year"; readonly year: number } | { readonly kind: "cumulative" };

export interface MacBar {
  readonly id: string;
  readonly label: { readonly ko: string; readonly en: string };
  /** Height: KRW per tCO2e (negative = saves money). */
  readonly krw_per_tco2e: number;
  /** Width: tCO2e avoided (in the chosen year, or cumulated over the period). */
  readonly width_tco2e: number;
  readonly x0: number;
  readonly x1: number;
}

export interface MacCurve {
  readonly width: MacWidth;
  readonly method: CostPerTonneMethod;
  readonly bars: MacBar[];
  readonly excluded: { id: string; reason: string }[];
  readonly total_tco2e: number;
}

/** Orders actions by cost per tonne and lays out their widths; excluded actions say why. */
export function macCurve(items: readonly MacInput[], width: MacWidth): MacCurve {
  const bars: Omit<MacBar, "x0" | "x1">[] = [];
  const excluded: { id: string; reason: string }[] = [];
  let method: CostPerTonneMethod = "levelised";
  for (const it of items) {
    method = it.cost_per_tonne.method;
    if (it.missing && it.missing.length > 0) {
      excluded.push({
        id: it.id,
        reason: `costs incomplete: ${it.missing.map((m) => m.param).join(", ")} not given`,
      });
      continue;
    }
    if (it.cost_per_tonne.krw_per_tco2e === null) {
      excluded.push({ id: it.id, reason: it.cost_per_tonne.reason ?? "no cost per tonne" });
      continue;
    }
    const w =
      width.kind === "cumulative"
        ? it.abatement.reduce((s, x) => s + x.tco2e, 0)
        : (it.abatement.find((x) => x.year === width.year)?.tco2e ?? Number.NaN);
    if (Number.isNaN(w)) {
      excluded.push({
        id: it.id,
        reason: `no abatement computed for ${width.kind === "year" ? width.year : ""}`,
      });
      continue;
    }
    if (!(w > 0)) {
      excluded.push({
        id: it.id,
        reason: `avoids ${w} tCO2e ${width.kind === "year" ? `in ${width.year}` : "over the period"}`,
      });
      continue;
    }
    bars.push({ id: it.id, label: it.label, krw_per_tco2e: it.cost_per_tonne.krw_per_tco2e, width_tco2e: w });
  }
  bars.sort((a, b) => a.krw_per_tco2e - b.krw_per_tco2e || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let x = 0;
  const laid: MacBar[] = bars.map((b) => {
    const x0 = x;
    x += b.width_tco2e;
    return { ...b, x0, x1: x };
  });
  return { width, method, bars: laid, excluded, total_tco2e: x };
}

/** Problems for appraisal inputs that make no sense (a rate of −100 % or less, an empty period). */
export function checkAppraisal(a: Appraisal): Problem[] {
  const out: Problem[] = [];
  if (!(a.discount_rate > -1) || !Number.isFinite(a.discount_rate))
    out.push(
      problem("BAD_VALUE", `discount rate ${a.discount_rate} must be a number above −1 (e.g. 0.045)`, {
        path: "discount_rate",
      }),
    );
  if (!(a.to_year >= a.from_year))
    out.push(
      problem("BAD_VALUE", `appraisal period ${a.from_year}–${a.to_year} is empty`, { path: "to_year" }),
    );
  return out;
}

/** An action to place on a MAC curve: its id, label, type and parsed parameters. */
export interface MacAction {
  readonly id: string;
  readonly label: { readonly ko: string; readonly en: string };
  // biome-ignore lint/suspicious/noExplicitAny: each action carries the parameter type of its own type
  readonly type: EngineActionType<any>;
  readonly params: { readonly price_year: number };
  readonly level?: number;
}

/**
 * Appraises each action on its own and lays out the MAC curve. An action that cannot be appraised (a price
 * year without an index, a model error) is excluded with the reason; the curve is still drawn.
 */
export function macFromActions(
  actions: readonly MacAction[],
  ctxOf: ContextOf,
  a: Appraisal,
  width: MacWidth,
  method: CostPerTonneMethod = "levelised",
): MacCurve & { appraisals: Record<string, ActionAppraisal> } {
  const inputs: MacInput[] = [];
  const failed: { id: string; reason: string }[] = [];
  const appraisals: Record<string, ActionAppraisal> = {};
  for (const x of actions) {
    let r: Result<ActionAppraisal>;
    try {
      r = appraiseAction(x.type, x.params, ctxOf, a, { level: x.level ?? 1, method, path: x.id });
    } catch (e) {
      failed.push({ id: x.id, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (!r.ok) {
      failed.push({ id: x.id, reason: r.problems.map((p) => p.message).join("; ") });
      continue;
    }
    appraisals[x.id] = r.value;
    inputs.push({
      id: x.id,
      label: x.label,
      cost_per_tonne: r.value.cost_per_tonne,
      abatement: r.value.abatement,
      missing: r.value.missing,
    });
  }
  const curve = macCurve(inputs, width);
  return { ...curve, method, excluded: [...failed, ...curve.excluded], appraisals };
}
