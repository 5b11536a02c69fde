/**
 * The agenda's own per-action budget rows turned into budget lines (decision 0058). Migration 0026 does this
 * in SQL for a stored database; `linesFromAgendaRows` does the same for a tenant export written before it,
 * and the migration's test holds the two to the same answer.
 *
 * Each row becomes one line of the row's year, linked to its action, with placeholders the city replaces
 * (code `900-999-AGENDA-A{n}-R{k}`: n the action's place among the tenant's actions with rows, by id; k the
 * row's place in the action's list; bureau and account unknown; class 중립 awaiting validation) and the row
 * kept as it was (`migrated`). A row with a spent amount gets a settlement that is not closed (provisional).
 * Nothing is counted twice: where budget lines already fund the action in the row's year, the new line is
 * not linked to the action (the lines that fund it are its money), and it says why.
 */
import type { AgendaBudgetRow } from "../agenda/schema.ts";
import type { ActionId } from "../vocabulary/ids.ts";
import type { BudgetLine, Settlement } from "./schema.ts";

export interface ActionWithRows {
  readonly id: ActionId;
  readonly name: { readonly ko: string; readonly en?: string };
  readonly departments: readonly string[];
  readonly budget: readonly AgendaBudgetRow[];
}

export interface DepartmentName {
  readonly id: string;
  readonly name: { readonly ko: string };
  readonly parent?: string;
}

export const MIGRATED_CLASS_REASON =
  "분류 전: 이행과제의 예산 행에서 옮겨 온 금액입니다. 예산과목 코드, 실국, 회계와 분류를 확인하세요. " +
  "(Moved from the plan action's own budget row: check the budget code, bureau, account and class.)";
export const UNKNOWN_BUREAU = "미상 (이행과제에서 옮김)";

const pad4 = (n: number) => String(n).padStart(4, "0");

export function migratedLineCode(actionNo: number, rowNo: number): string {
  return `900-999-AGENDA-A${pad4(actionNo)}-R${rowNo}`;
}

/** The lines and settlements the agenda's rows become (see the module's comment). */
export function linesFromAgendaRows(
  actions: readonly ActionWithRows[],
  departments: readonly DepartmentName[],
  existing: readonly Pick<BudgetLine, "year" | "action">[],
): { lines: BudgetLine[]; settlements: Settlement[] } {
  const dept = new Map(departments.map((d) => [d.id, d]));
  const funded = new Set(existing.flatMap((l) => (l.action ? [`${l.action}|${l.year}`] : [])));
  const withRows = actions.filter((a) => a.budget.length > 0).sort((x, y) => (x.id < y.id ? -1 : 1));
  const lines: BudgetLine[] = [];
  const settlements: Settlement[] = [];
  withRows.forEach((a, i) => {
    const lead = a.departments[0];
    const d = lead === undefined ? undefined : dept.get(lead);
    const bureau = d?.parent === undefined ? undefined : dept.get(d.parent);
    a.budget.forEach((row, k) => {
      const code = migratedLineCode(i + 1, k + 1);
      const linked = !funded.has(`${a.id}|${row.year}`);
      const provenance = row.source !== undefined ? { source: row.source } : { illustrative: true as const };
      const stated = row.planned_krw ?? row.spent_krw;
      // the row's schema asks for one of the two
      if (stated === undefined) throw new Error(`the ${row.year} budget row of ${a.id} has no amount`);
      const amount = Math.round(stated);
      lines.push({
        year: row.year,
        code,
        name: a.name.en === undefined ? { ko: a.name.ko } : { ko: a.name.ko, en: a.name.en },
        bureau: bureau?.name.ko ?? UNKNOWN_BUREAU,
        department: d?.name.ko ?? lead ?? UNKNOWN_BUREAU,
        ...(lead === undefined ? {} : { department_id: lead }),
        account: "general",
        cost_kind: "project",
        amount: { original_krw: amount },
        class: "neutral",
        class_reason: MIGRATED_CLASS_REASON,
        ...(linked ? { action: a.id } : {}),
        migrated: { from: "agenda", action: a.id, row },
        ...provenance,
        note: linked
          ? `이행과제 ${a.id}의 ${row.year}년 예산 행에서 옮김 (moved from the action's ${row.year} budget row)`
          : `이행과제 ${a.id}의 ${row.year}년 예산 행에서 옮김: 그 해에는 이미 이 과제에 연결된 예산 사업이 있어 연결하지 않음 (not linked: budget lines already fund the action in ${row.year})`,
      });
      if (row.spent_krw !== undefined) {
        const spent = Math.round(row.spent_krw);
        settlements.push({
          year: row.year,
          code,
          available_krw: Math.max(amount, spent),
          executed_krw: spent,
          closed: false,
          as_of: `${row.year}-12-31`,
          ...provenance,
          note: "이행과제의 예산 행(집행액)에서 옮김; 결산 확인 전 (moved from the action's budget row; not a closed settlement)",
        });
      }
    });
  });
  return { lines, settlements };
}

/**
 * A budget line as stored before its performance indicator's name and unit were local names (migration 0029
 * does the same in SQL; its test holds the two to one answer): a string becomes `{ ko }`, and the English
 * stays absent, the visible missing value, never a copy of the Korean. Anything else is returned as given
 * (the schema checks it next). For a tenant export written before the change.
 */
export function withLocalIndicatorNames(line: unknown): unknown {
  const ind = (line as { reduction?: { indicator?: unknown } } | null)?.reduction?.indicator;
  if (ind === null || typeof ind !== "object") return line;
  const { name, unit } = ind as { name?: unknown; unit?: unknown };
  if (typeof name !== "string" && typeof unit !== "string") return line;
  const l = line as { reduction: object };
  return {
    ...l,
    reduction: {
      ...l.reduction,
      indicator: {
        ...ind,
        ...(typeof name === "string" ? { name: { ko: name } } : {}),
        ...(typeof unit === "string" ? { unit: { ko: unit } } : {}),
      },
    },
  };
}
