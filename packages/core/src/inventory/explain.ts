/**
 * Explaining a line: for each of its activity rows, the factors applied and what each produced, so that a
 * reader can redo the arithmetic by hand. Computed with the same engine, one row at a time.
 */
import { fail, ok, problem, type Result } from "../errors.ts";
import { gwpOf } from "../gwp/index.ts";
import { computeInventory, type InventoryInput } from "./compute.ts";
import type { InventoryLine } from "./types.ts";

export interface TermExplanation {
  readonly gas: string;
  readonly factor_id: string;
  readonly factor: number;
  readonly unit: string;
  readonly ncv: number | null;
  readonly ncv_unit: string | null;
  readonly ncv_source: string | null;
  readonly source: string | null;
  readonly gas_t: number;
  readonly gwp: number;
  readonly tco2e: number;
}

export interface RowExplanation {
  /** Index into the input activities. */
  readonly index: number;
  readonly file?: string;
  readonly line?: number;
  readonly activity: string;
  readonly amount: number;
  readonly unit: string;
  readonly district?: string;
  readonly terms: readonly TermExplanation[];
  readonly tco2e: number;
}

export interface LineExplanation {
  readonly year: number;
  readonly line: InventoryLine;
  readonly rows: readonly RowExplanation[];
  /** Rows of the line not explained (beyond maxRows). */
  readonly more: number;
}

/** Explains the line `gpcRef` of every year (or of `year`), up to `maxRows` rows each. */
export function explainLine(
  input: InventoryInput,
  gpcRef: string,
  opts: { readonly year?: number; readonly maxRows?: number } = {},
): Result<LineExplanation[]> {
  const inv = computeInventory(input);
  if (!inv.ok) return inv;
  const maxRows = opts.maxRows ?? 50;
  const out: LineExplanation[] = [];
  for (const y of inv.value.years) {
    if (opts.year !== undefined && y.year !== opts.year) continue;
    const line = y.lines.find((l) => l.gpc_ref === gpcRef);
    if (!line) continue;
    const rows: RowExplanation[] = [];
    for (const index of line.activity_rows.slice(0, maxRows)) {
      const r = input.activities[index]!;
      const one = computeInventory({ ...input, activities: [r] });
      if (!one.ok) return one;
      const l = one.value.years[0]!.lines[0]!;
      rows.push({
        index,
        ...(r.file !== undefined ? { file: r.file } : {}),
        ...(r.line !== undefined ? { line: r.line } : {}),
        activity: r.activity,
        amount: r.amount as number,
        unit: r.unit,
        ...(r.district ? { district: r.district } : {}),
        terms: l.factors.map((f) => {
          const g = gwpOf(input.gwp, f.gas);
          return {
            gas: f.gas,
            factor_id: f.factor_id,
            factor: f.factor,
            unit: f.unit,
            ncv: f.ncv,
            ncv_unit: f.ncv_unit,
            ncv_source: f.ncv_source,
            source: f.source,
            gas_t: f.gas_t,
            gwp: g.ok ? g.value : Number.NaN,
            tco2e: f.tco2e,
          };
        }),
        tco2e: l.tco2e,
      });
    }
    out.push({ year: y.year, line, rows, more: Math.max(0, line.activity_rows.length - maxRows) });
  }
  if (out.length === 0)
    return fail([
      problem(
        "NOT_FOUND",
        `no line ${gpcRef}${opts.year !== undefined ? ` in ${opts.year}` : ""}: the activity data have no rows for it`,
        { path: "--explain" },
      ),
    ]);
  return ok(out, inv.warnings);
}

const n = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 6 });

/** The explanation as text: one block per year, the arithmetic of each row and factor. */
export function explanationText(list: readonly LineExplanation[]): string {
  const out: string[] = [];
  for (const e of list) {
    out.push(
      `${e.line.gpc_ref} ${e.year} · ${e.line.subsector_name} · scope ${e.line.scope} · ${n(e.line.tco2e)} tCO2e · ${e.line.activity_rows.length} row(s)`,
    );
    for (const r of e.rows) {
      const where = r.file !== undefined ? `${r.file}:${r.line}` : `activities[${r.index}]`;
      out.push(
        `  ${where}  ${r.activity} ${n(r.amount)} ${r.unit}${r.district ? ` (${r.district})` : ""} = ${n(r.tco2e)} tCO2e`,
      );
      for (const t of r.terms) {
        const ncv = t.ncv !== null ? ` x NCV ${n(t.ncv)} ${t.ncv_unit}` : "";
        out.push(
          `    ${t.gas.padEnd(5)} ${n(r.amount)} ${r.unit}${ncv} x ${n(t.factor)} ${t.unit} = ${n(t.gas_t)} t x GWP ${n(t.gwp)} = ${n(t.tco2e)} tCO2e  [${t.factor_id}]`,
        );
        if (t.source) out.push(`          source: ${t.source}`);
        if (t.ncv_source) out.push(`          NCV source: ${t.ncv_source}`);
      }
    }
    if (e.more) out.push(`  ... and ${e.more} more row(s)`);
    out.push("");
  }
  return out.join("\n");
}
