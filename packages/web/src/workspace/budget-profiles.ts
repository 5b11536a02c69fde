/**
 * The budget import's mapping profiles as the workspace edits them: a profile (which of a department's
 * spreadsheet columns fill which of the budget layout's columns, the values a city writes its own way, the
 * factor its amounts are multiplied by) written as lines of text, one entry a line, and read back into the
 * profile the import-profile route stores. The layout's columns are the core's (LINE_COLUMNS,
 * SETTLEMENT_COLUMNS); a line that names another column, or is not of its field's form, is an error of that
 * field with its line number.
 *
 * - mapping: `column=the file's header` (`original_krw=예산액(천원)`)
 * - scale: `column=factor` (`original_krw=1000`: thousand won to won)
 * - value map: `column: the file's value=ours` (`class: 친화=reduction`)
 * - constants: `column=one value for every row` (`account=일반`)
 */
import { LINE_COLUMNS, SETTLEMENT_COLUMNS } from "@citypath/core/budget/import";
import { NAME_MAX_LENGTH } from "@citypath/core/vocabulary/boundary";
import { ID_PATTERN } from "@citypath/core/vocabulary/ids";
import { z } from "zod";

export const BUDGET_PROFILE_KINDS = ["budget_lines", "budget_settlements"] as const;
export type BudgetProfileKind = (typeof BUDGET_PROFILE_KINDS)[number];

/** The layout's columns of a kind: [English name, Korean header, what it holds]. */
export function layoutColumns(kind: BudgetProfileKind): readonly (readonly [string, string, string])[] {
  return kind === "budget_lines" ? LINE_COLUMNS : SETTLEMENT_COLUMNS;
}

/** The largest factor the route takes for a column's numbers. */
const MAX_SCALE = 1e12;
/** What the route takes for a header or a value (1 to 200 characters). */
const MAX_VALUE = 200;

export interface ProfileFields {
  mapping: Record<string, string>;
  constants: Record<string, string>;
  scale: Record<string, number>;
  value_map: Record<string, Record<string, string>>;
}

type Parsed<T> = { value: T; bad: number[] };

const nonEmptyLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line !== "");

/** `column=value` lines (mapping, constants); `bad` lists the lines (from 1) that are not, or name no column. */
export function parsePairs(text: string, columns: ReadonlySet<string>): Parsed<Record<string, string>> {
  const value: Record<string, string> = {};
  const bad: number[] = [];
  for (const { line, n } of nonEmptyLines(text)) {
    const at = line.indexOf("=");
    const k = line.slice(0, at).trim();
    const v = line.slice(at + 1).trim();
    if (at < 1 || !columns.has(k) || !v || v.length > MAX_VALUE || k in value) bad.push(n);
    else value[k] = v;
  }
  return { value, bad };
}

/** `column=factor` lines: a positive number up to 10^12 ("1,000" is read as 1000). */
export function parseScale(text: string, columns: ReadonlySet<string>): Parsed<Record<string, number>> {
  const pairs = parsePairs(text, columns);
  const value: Record<string, number> = {};
  const bad = [...pairs.bad];
  for (const { line, n } of nonEmptyLines(text)) {
    const k = line.slice(0, line.indexOf("=")).trim();
    const raw = pairs.value[k];
    if (raw === undefined || k in value) continue;
    const f = Number(raw.replaceAll(",", ""));
    if (Number.isFinite(f) && f > 0 && f <= MAX_SCALE) value[k] = f;
    else bad.push(n);
  }
  return { value, bad: bad.sort((a, b) => a - b) };
}

/** `column: the file's value=ours` lines, gathered per column. */
export function parseValueMap(
  text: string,
  columns: ReadonlySet<string>,
): Parsed<Record<string, Record<string, string>>> {
  const value: Record<string, Record<string, string>> = {};
  const bad: number[] = [];
  for (const { line, n } of nonEmptyLines(text)) {
    const m = /^([a-z_]{2,30})\s*:\s*(.+?)\s*=\s*(.+)$/.exec(line);
    const [, k = "", from = "", to = ""] = m ?? [];
    if (!m || !columns.has(k) || from.length > MAX_VALUE || to.length > MAX_VALUE || value[k]?.[from])
      bad.push(n);
    else value[k] = { ...value[k], [from]: to };
  }
  return { value, bad };
}

/** A profile's fields as the form's lines of text (the inverse of `profileFields`). */
export function profileText(p: ProfileFields): {
  mapping: string;
  constants: string;
  scale: string;
  value_map: string;
} {
  const pairs = (r: Record<string, string | number>) =>
    Object.entries(r)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
  return {
    mapping: pairs(p.mapping),
    constants: pairs(p.constants),
    scale: pairs(p.scale),
    value_map: Object.entries(p.value_map)
      .flatMap(([k, m]) => Object.entries(m).map(([from, to]) => `${k}: ${from}=${to}`))
      .join("\n"),
  };
}

/** The profile form: react-hook-form validates with it; each text field's bad lines are its error. */
export const budgetProfileForm = z
  .object({
    id: z.string().regex(ID_PATTERN, "wk.err.id"),
    name: z.string().trim().min(1, "wk.err.required").max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    kind: z.enum(BUDGET_PROFILE_KINDS),
    encoding: z.enum(["auto", "utf-8", "cp949"]),
    sheet: z.string().trim().max(100, "wk.err.tooLong"),
    mapping: z.string(),
    constants: z.string(),
    scale: z.string(),
    value_map: z.string(),
  })
  .superRefine((v, ctx) => {
    const columns = new Set(layoutColumns(v.kind).map((c) => c[0]));
    const checks = [
      ["mapping", parsePairs(v.mapping, columns).bad, "rp.prof.badPairs"],
      ["constants", parsePairs(v.constants, columns).bad, "rp.prof.badPairs"],
      ["scale", parseScale(v.scale, columns).bad, "rp.prof.badScale"],
      ["value_map", parseValueMap(v.value_map, columns).bad, "rp.prof.badValueMap"],
    ] as const;
    for (const [path, bad, message] of checks)
      if (bad.length)
        ctx.addIssue({ code: "custom", path: [path], message: `${message}?lines=${bad.join(",")}` });
  });
export type BudgetProfileForm = z.infer<typeof budgetProfileForm>;

/** The form's fields read into the profile's (only once the form is valid). */
export function profileFields(v: BudgetProfileForm): ProfileFields {
  const columns = new Set(layoutColumns(v.kind).map((c) => c[0]));
  return {
    mapping: parsePairs(v.mapping, columns).value,
    constants: parsePairs(v.constants, columns).value,
    scale: parseScale(v.scale, columns).value,
    value_map: parseValueMap(v.value_map, columns).value,
  };
}
