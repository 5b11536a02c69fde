/**
 * What a statement is rendered from: plain, serialisable data (it crosses into the rendering worker), and
 * the core's statement built from it. The server gathers the input (services/budget.ts); the renderers
 * (html.ts, xlsx.ts, pdf.ts) present the core's statement as it is.
 */
import {
  type ActionReduction,
  type BudgetLine,
  type BudgetSettings,
  type BudgetStatement,
  type BudgetYear,
  budgetStatement,
  classScheme,
  type LocalText,
  type Settlement,
  type SettlementStatement,
  settlementStatement,
} from "@citypath/core/budget/index";

export type StatementKind = "budget" | "settlement";
export type StatementFormat = "html" | "xlsx" | "pdf";
export type Lang = "ko" | "en";

export interface StatementInput {
  readonly kind: StatementKind;
  readonly tenant: { readonly slug: string; readonly name: string; readonly nameEn: string };
  readonly year: number;
  readonly settings: BudgetSettings;
  readonly lines: readonly BudgetLine[];
  readonly lastYear: readonly BudgetLine[];
  readonly settlements: readonly Settlement[];
  readonly budgetYear?: BudgetYear | undefined;
  /** Modelled reductions by reduction key (core's `reductionKey`). */
  readonly actions: readonly (readonly [string, ActionReduction])[];
  readonly actionNames: readonly (readonly [string, LocalText])[];
  /** The department register's names by id (decision 0083), for a line's department in the page's language. */
  readonly departmentNames?: readonly (readonly [string, LocalText])[] | undefined;
  /** Where the modelled reductions come from (instance and version), for the overview. */
  readonly modelSource?: string | undefined;
  /** When the figures were read (ISO time), printed on every statement. */
  readonly asOf: string;
}

export type BuiltStatement =
  | { readonly kind: "budget"; readonly input: StatementInput; readonly statement: BudgetStatement }
  | {
      readonly kind: "settlement";
      readonly input: StatementInput;
      readonly statement: SettlementStatement;
      /** The budget statement of the same year, for the reductions expected. */
      readonly budget: BudgetStatement;
    };

export function buildStatement(input: StatementInput): BuiltStatement {
  const scheme = classScheme(input.settings.scheme);
  const budget = budgetStatement({
    year: input.year,
    settings: input.settings,
    scheme,
    lines: input.lines,
    lastYear: input.lastYear,
    ...(input.budgetYear ? { budgetYear: input.budgetYear } : {}),
    actions: new Map(input.actions),
    actionNames: new Map(input.actionNames),
  });
  if (input.kind === "budget") return { kind: "budget", input, statement: budget };
  return {
    kind: "settlement",
    input,
    budget,
    statement: settlementStatement({
      year: input.year,
      settings: input.settings,
      scheme,
      lines: input.lines,
      settlements: input.settlements,
    }),
  };
}
