/**
 * The expected reduction of each line, counted once. A line either carries its own estimate (formula,
 * activity, factor) or takes a share of its linked action's modelled reduction (the action library's
 * figure). When several lines fund one action, the action's reduction is split between them by the city's
 * stated rule:
 * - `by_amount`: in proportion to the lines' budgets (final, else supplementary, else original);
 * - `explicit_shares`: each line states its share; the shares of an action add up to at most 1 (the rest
 *   is funded outside the budget and not counted).
 * Either way the lines' shares of an action add up to at most the action's reduction, and a line with its
 * own estimate may not also link an action whose reduction is attributed (that would count it twice).
 *
 * A quantitative line without an estimate is `not_estimated` (shown "정성 (미산정)"), never 0.
 */
import { type Problem, problem } from "../errors.ts";
import type { AttributionRule, BudgetLine, LocalText, ReductionMethod } from "./schema.ts";

/** An action's modelled reduction (tCO2e a year in the budget year), as the action library gives it. */
export interface ActionReduction {
  readonly tco2e_per_year: number;
  readonly method: ReductionMethod;
  /** The action's name, for the explanation. */
  readonly name: LocalText;
  /**
   * The first year the model gives the action a reduction, when that is after the budget year: its modelled
   * effect starts then (a corridor opening, a programme's first works), so the year's modelled reduction is 0
   * and the explanation says why.
   */
  readonly first_year?: number;
}

/** Why a modelled reduction is 0 in the budget year: the action's modelled effect starts later. */
export function laterEffect(act: Pick<ActionReduction, "first_year">): LocalText | undefined {
  if (act.first_year === undefined) return undefined;
  return {
    ko: `계획 시나리오의 모형에서 이 과제의 효과는 ${act.first_year}년부터 나므로 이 해의 모형 감축량은 0`,
    en: `in the plan's scenario the action's modelled effect starts in ${act.first_year}, so its modelled reduction this year is 0`,
  };
}

export type LineReduction =
  | {
      readonly kind: "estimated";
      readonly tco2e_per_year: number;
      readonly method: ReductionMethod;
      readonly origin: "own" | "action";
      /** The share of the action's reduction (origin "action"). */
      readonly share?: number;
      /** The year the action's modelled effect starts, when after the budget year (origin "action"). */
      readonly effect_from?: number;
      readonly explanation: LocalText;
    }
  /** A quantitative reduction line with no estimate: "정성 (미산정)". */
  | { readonly kind: "not_estimated"; readonly explanation: LocalText }
  /** A qualitative or R&D line without an estimate. */
  | { readonly kind: "qualitative" };

/**
 * The key under which a line's reduction is attributed: its modelled action (`model:SCENARIO/ACTION`) when
 * it names one, else its plan action (`action:ID`, resolved through the action's model link).
 */
export function reductionKey(l: Pick<BudgetLine, "action" | "model">): string | undefined {
  if (l.model) return `model:${l.model.scenario}/${l.model.action}`;
  if (l.action) return `action:${l.action}`;
  return undefined;
}

export const NOT_ESTIMATED_LABEL: LocalText = { ko: "정성 (미산정)", en: "Qualitative (not estimated)" };

/** The amount a line is counted at: final, else supplementary, else original. */
export function lineAmount(line: Pick<BudgetLine, "amount">): number {
  return line.amount.final_krw ?? line.amount.supplementary_krw ?? line.amount.original_krw;
}

const fmt = (x: number, digits = 1) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export interface Attribution {
  /** By line code. Lines without a reduction part are absent. */
  readonly lines: ReadonlyMap<string, LineReduction>;
  readonly problems: Problem[];
  readonly rule: AttributionRule;
}

export const ATTRIBUTION_RULE_TEXT: Record<AttributionRule, LocalText> = {
  by_amount: {
    ko: "여러 예산사업이 한 과제를 지원하면 과제의 모형 감축량을 사업별 예산액 비율로 나누어 한 번만 셈",
    en: "When several lines fund one action, the action's modelled reduction is split in proportion to their budgets and counted once",
  },
  explicit_shares: {
    ko: "여러 예산사업이 한 과제를 지원하면 과제의 모형 감축량을 사업별로 정한 비율(합계 100% 이하)로 나누어 한 번만 셈",
    en: "When several lines fund one action, the action's modelled reduction is split by each line's stated share (at most 100% in all) and counted once",
  },
};

/**
 * Works out every reduction line's expected reduction for one year's lines. `actions` holds the modelled
 * reduction of each action by `reductionKey` (absent: no modelled reduction for that year).
 */
export function attributeReductions(
  lines: readonly BudgetLine[],
  actions: ReadonlyMap<string, ActionReduction>,
  rule: AttributionRule,
): Attribution {
  const out = new Map<string, LineReduction>();
  const problems: Problem[] = [];
  const byAction = new Map<string, BudgetLine[]>();
  const ownByAction = new Map<string, BudgetLine[]>();
  for (const l of lines) {
    const r = l.reduction;
    if (!r) continue;
    const key = reductionKey(l);
    if (r.expected?.kind === "action" && key) {
      const list = byAction.get(key) ?? [];
      list.push(l);
      byAction.set(key, list);
    } else if (r.expected?.kind === "own") {
      out.set(l.code, {
        kind: "estimated",
        tco2e_per_year: r.expected.tco2e_per_year,
        method: r.expected.method,
        origin: "own",
        explanation: { ko: r.expected.method.formula, en: r.expected.method.formula },
      });
      if (key) {
        const list = ownByAction.get(key) ?? [];
        list.push(l);
        ownByAction.set(key, list);
      }
    } else if (r.expected?.kind === "remainder") {
      // worked out last, from the others
    } else if (r.type === "quantitative") {
      out.set(l.code, {
        kind: "not_estimated",
        explanation: {
          ko: "정량 감축사업이나 감축량 산정 근거가 없음",
          en: "A quantitative reduction line without an estimate of its reduction",
        },
      });
    } else {
      out.set(l.code, { kind: "qualitative" });
    }
  }

  for (const [actionId, funded] of byAction) {
    const act = actions.get(actionId);
    for (const own of ownByAction.get(actionId) ?? [])
      problems.push(
        problem(
          "DUPLICATE",
          `line ${own.code} has its own estimate and funds action "${actionId}", whose modelled reduction is attributed to ${funded.map((f) => f.code).join(", ")}: the reduction would be counted twice`,
          { path: `lines[${own.code}].reduction.expected` },
        ),
      );
    if (!act) {
      for (const l of funded) {
        out.set(l.code, {
          kind: "not_estimated",
          explanation: {
            ko: `연계 과제(${actionId})의 모형 감축량이 없음`,
            en: `The linked action (${actionId}) has no modelled reduction`,
          },
        });
        if (l.reduction?.type === "quantitative")
          problems.push(
            problem("MISSING_VALUE", `action "${actionId}" has no modelled reduction for ${l.year}`, {
              path: `lines[${l.code}].action`,
              severity: "warning",
            }),
          );
      }
      continue;
    }
    const shares = new Map<string, number>();
    if (rule === "by_amount") {
      const total = funded.reduce((s, l) => s + lineAmount(l), 0);
      for (const l of funded) shares.set(l.code, total > 0 ? lineAmount(l) / total : 1 / funded.length);
    } else {
      let sum = 0;
      for (const l of funded) {
        const s = l.reduction?.expected?.kind === "action" ? l.reduction.expected.share : undefined;
        if (s === undefined) {
          problems.push(
            problem(
              "MISSING_VALUE",
              `line ${l.code} funds "${actionId}" but states no share of its reduction`,
              {
                path: `lines[${l.code}].reduction.expected.share`,
              },
            ),
          );
          continue;
        }
        shares.set(l.code, s);
        sum += s;
      }
      if (sum > 1 + 1e-9)
        problems.push(
          problem(
            "BAD_VALUE",
            `the shares of action "${actionId}" add up to ${fmt(sum * 100)}%, more than 100%: the reduction would be counted more than once`,
            { path: `actions[${actionId}]` },
          ),
        );
    }
    for (const l of funded) {
      const share = shares.get(l.code);
      if (share === undefined) {
        out.set(l.code, {
          kind: "not_estimated",
          explanation: {
            ko: "과제 감축량의 배분 비율이 없음",
            en: "No share of the action's reduction stated",
          },
        });
        continue;
      }
      const value = act.tco2e_per_year * share;
      const later = laterEffect(act);
      const pct = fmt(share * 100);
      const basis =
        rule === "by_amount"
          ? {
              ko: `예산액 비율 ${pct}% (${funded.length}개 사업 중)`,
              en: `budget share ${pct}% (of ${funded.length} lines)`,
            }
          : { ko: `정한 비율 ${pct}%`, en: `stated share ${pct}%` };
      out.set(l.code, {
        kind: "estimated",
        tco2e_per_year: value,
        method: act.method,
        origin: "action",
        share,
        ...(act.first_year === undefined ? {} : { effect_from: act.first_year }),
        explanation: {
          ko: `과제 "${act.name.ko}" 모형 감축량 ${fmt(act.tco2e_per_year)} tCO2eq/년 × ${basis.ko} = ${fmt(value)}${later ? ` (${later.ko})` : ""}`,
          en: `action "${act.name.en ?? act.name.ko}" modelled reduction ${fmt(act.tco2e_per_year)} tCO2e/yr × ${basis.en} = ${fmt(value)}${later ? ` (${later.en})` : ""}`,
        },
      });
    }
  }
  // the remainder row: a sourced total less everything estimated on the other lines of the year
  const remainders = lines.filter((l) => l.reduction?.expected?.kind === "remainder");
  for (const [i, l] of remainders.entries()) {
    const exp = l.reduction!.expected as {
      kind: "remainder";
      total_tco2e_per_year: number;
      method: ReductionMethod;
    };
    if (i > 0) {
      problems.push(
        problem(
          "DUPLICATE",
          `line ${l.code} is a second remainder row for ${l.year} (the first is ${remainders[0]!.code})`,
          {
            path: `lines[${l.code}].reduction.expected`,
          },
        ),
      );
      out.set(l.code, {
        kind: "not_estimated",
        explanation: { ko: "두 번째 잔여 행", en: "A second remainder row" },
      });
      continue;
    }
    let others = 0;
    for (const [code, r] of out) if (code !== l.code && r.kind === "estimated") others += r.tco2e_per_year;
    const value = exp.total_tco2e_per_year - others;
    if (value < 0) {
      problems.push(
        problem(
          "BAD_VALUE",
          `the lines listed item by item estimate ${fmt(others)} t, more than the total of ${fmt(exp.total_tco2e_per_year)} t the remainder row ${l.code} starts from`,
          { path: `lines[${l.code}].reduction.expected.total_tco2e_per_year` },
        ),
      );
      out.set(l.code, {
        kind: "not_estimated",
        explanation: { ko: "합계보다 항목 합이 큼", en: "The items exceed the total" },
      });
      continue;
    }
    out.set(l.code, {
      kind: "estimated",
      tco2e_per_year: value,
      method: exp.method,
      origin: "own",
      explanation: {
        ko: `출처의 합계 ${fmt(exp.total_tco2e_per_year)} tCO2eq/년 − 개별 사업 산정 합계 ${fmt(others)} = ${fmt(value)}`,
        en: `the source's total ${fmt(exp.total_tco2e_per_year)} tCO2e/yr − the lines estimated item by item ${fmt(others)} = ${fmt(value)}`,
      },
    });
  }
  return { lines: out, problems, rule };
}
