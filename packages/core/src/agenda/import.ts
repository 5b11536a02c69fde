/**
 * Indicator values from a table (a CSV or XLSX sheet read by the layer above): every row checked, every
 * problem reported with its line and column, and a preview of what would change, before anything is
 * stored. Columns (header names, case-insensitive):
 *
 *   indicator, year, value           required
 *   unit                             optional; converted to the indicator's unit when both parse as units
 *   district                         optional; empty = the whole city
 *   source | illustrative            one of them (a registered source id, or true)
 *   note, reported_by, reported_on   optional
 *
 * A value is never guessed: an empty or non-numeric value is a problem, not a zero.
 */
import { fail, ok, type Problem, problem, type Result } from "../errors.ts";
import { conversionFactor, parseUnit } from "../units/unit.ts";
import type { IndicatorId } from "../vocabulary/ids.ts";
import { type Indicator, type Observation, ObservationSchema } from "./schema.ts";

export interface ObservationChange {
  readonly indicator: IndicatorId;
  readonly line: number;
  readonly observation: Observation;
  /** The value stored now for the same year and district, if any. */
  readonly previous?: number;
  readonly kind: "add" | "replace" | "same";
}

export interface ObservationImportOptions {
  /** The file name, for problems. */
  readonly file?: string;
  /** The line of the first data row (the header is line 1, so usually 2). */
  readonly firstLine: number;
  /** Registered source ids. */
  readonly sources: ReadonlySet<string>;
}

const TRUE = new Set(["true", "yes", "y", "1", "예"]);

function num(raw: string): number | undefined {
  const t = raw.trim().replace(/,/g, "");
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Checks rows of indicator values and previews the changes; fails with every problem found. */
export function previewObservationImport(
  rows: readonly Readonly<Record<string, string>>[],
  indicators: readonly Indicator[],
  opts: ObservationImportOptions,
): Result<ObservationChange[]> {
  const problems: Problem[] = [];
  const changes: ObservationChange[] = [];
  const byId = new Map(indicators.map((i) => [i.id as string, i]));
  const seen = new Map<string, number>();
  const where = (line: number, column?: string) => ({
    ...(opts.file !== undefined ? { file: opts.file } : {}),
    line,
    ...(column !== undefined ? { column } : {}),
  });

  if (rows.length > 0) {
    const cols = new Set(Object.keys(rows[0]!).map((k) => k.trim().toLowerCase()));
    for (const c of ["indicator", "year", "value"])
      if (!cols.has(c))
        problems.push(
          problem("MISSING_COLUMN", `the table has no '${c}' column`, { ...where(1, c), line: 1 }),
        );
    if (problems.length) return fail(problems);
  }

  rows.forEach((raw, i) => {
    const line = opts.firstLine + i;
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) row[k.trim().toLowerCase()] = (v ?? "").trim();
    const rowProblems: Problem[] = [];
    const id = row.indicator ?? "";
    const ind = byId.get(id);
    if (!id) rowProblems.push(problem("MISSING_VALUE", "no indicator id", where(line, "indicator")));
    else if (!ind)
      rowProblems.push(problem("UNKNOWN_REFERENCE", `no indicator '${id}'`, where(line, "indicator")));
    const year = num(row.year ?? "");
    if (year === undefined || !Number.isInteger(year))
      rowProblems.push(problem("BAD_NUMBER", `'${row.year ?? ""}' is not a year`, where(line, "year")));
    let value = num(row.value ?? "");
    if (value === undefined)
      rowProblems.push(
        problem(
          row.value ? "BAD_NUMBER" : "MISSING_VALUE",
          row.value ? `'${row.value}' is not a number` : "the value is empty",
          where(line, "value"),
        ),
      );
    if (ind && value !== undefined && row.unit && row.unit !== ind.unit) {
      const from = parseUnit(row.unit, { allowCustom: true });
      const to = parseUnit(ind.unit, { allowCustom: true });
      const f = from.ok && to.ok ? conversionFactor(from.value, to.value) : undefined;
      if (f?.ok) value *= f.value;
      else
        rowProblems.push(
          problem(
            "UNIT_MISMATCH",
            `'${row.unit}' does not convert to the indicator's unit '${ind.unit}'`,
            where(line, "unit"),
          ),
        );
    }
    const source = row.source || undefined;
    const illustrative = row.illustrative ? TRUE.has(row.illustrative.toLowerCase()) : undefined;
    if (source && !opts.sources.has(source))
      rowProblems.push(problem("UNKNOWN_REFERENCE", `no source '${source}'`, where(line, "source")));
    if (rowProblems.length || !ind || year === undefined || value === undefined) {
      problems.push(...rowProblems);
      return;
    }
    const candidate = {
      year,
      value,
      ...(row.district ? { district: row.district } : {}),
      ...(source ? { source } : {}),
      ...(illustrative ? { illustrative: true } : {}),
      ...(row.note ? { note: row.note } : {}),
      ...(row.reported_by ? { reported_by: row.reported_by } : {}),
      ...(row.reported_on ? { reported_on: row.reported_on } : {}),
    };
    const parsed = ObservationSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(problem("BAD_VALUE", issue.message, where(line, String(issue.path[0] ?? "value"))));
      return;
    }
    const key = `${id}|${year}|${row.district ?? ""}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      problems.push(
        problem(
          "DUPLICATE",
          `${id} ${year}${row.district ? ` ${row.district}` : ""} is also on line ${dup}`,
          where(line),
        ),
      );
      return;
    }
    seen.set(key, line);
    const prev = ind.observed.find((o) => o.year === year && (o.district ?? "") === (row.district ?? ""));
    changes.push({
      indicator: ind.id,
      line,
      observation: parsed.data,
      ...(prev ? { previous: prev.value } : {}),
      kind: !prev ? "add" : prev.value === value ? "same" : "replace",
    });
  });
  return problems.length ? fail(problems) : ok(changes);
}
