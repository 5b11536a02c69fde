/**
 * An instance's base inventory computed from its activity data: reads the activity CSV (and optional factor
 * CSVs) named by `inventory.kind: activity`, runs the inventory engine (computeInventory) with the built-in
 * factors and the named GWP set, and returns the inventory as lines (`kind: lines`), each line citing the
 * computation. Problems of the files (with file and line) and of the calculation are returned together.
 */
import { isAbsolute, join } from "node:path";
import {
  activityInventorySchema,
  computeInventory,
  type FactorRow,
  mergeFactors,
  type Problem,
  problem,
} from "@citypath/core";
import { readActivityCsvRows, readFactorCsvRows } from "./csv.ts";
import { builtinActivities, builtinFactors } from "./factors/builtin.ts";
import { GWP_SETS } from "./gwp.ts";

export type ResolvedInventory =
  | { ok: true; inventory: Record<string, unknown> }
  | { ok: false; problems: Problem[] };

/** Computes the lines of an activity inventory; `dir` is the instance folder the file names are relative to. */
export function resolveActivityInventory(raw: unknown, dir: string): ResolvedInventory {
  const parsed = activityInventorySchema.safeParse(raw);
  // A shape problem is reported by the instance's validation, with its path: leave the inventory as it is.
  if (!parsed.success) return { ok: true, inventory: raw as Record<string, unknown> };
  const inv = parsed.data;
  const problems: Problem[] = [];
  const gwp = (GWP_SETS as Record<string, (typeof GWP_SETS)[keyof typeof GWP_SETS]>)[inv.gwp_set];
  if (!gwp)
    problems.push(
      problem(
        "UNKNOWN_GWP_SET",
        `GWP set "${inv.gwp_set}" is not one of ${Object.keys(GWP_SETS).join(", ")}`,
        {
          path: "inventory.gwp_set",
        },
      ),
    );
  const at = (f: string) => (isAbsolute(f) ? f : join(dir, f));
  const activities = readActivityCsvRows(at(inv.activity_file));
  problems.push(...activities.problems);
  const user: FactorRow[] = [];
  for (const f of inv.factor_files ?? []) {
    const r = readFactorCsvRows(at(f));
    user.push(...r.rows);
    problems.push(...r.problems);
  }
  if (!gwp || problems.some((p) => p.severity === "error")) return { ok: false, problems };
  const defs = builtinActivities();
  const result = computeInventory({
    activities: activities.rows,
    factors: mergeFactors(builtinFactors(), user, defs),
    gwp,
    activityDefs: defs,
    trace: false,
  });
  if (!result.ok) return { ok: false, problems: result.problems };
  const year = result.value.years.find((y) => y.year === inv.year);
  if (!year)
    return {
      ok: false,
      problems: [
        problem(
          "MISSING_YEAR",
          `${inv.activity_file} has no activity for ${inv.year} (years: ${result.value.years.map((y) => y.year).join(", ") || "none"})`,
          { path: "inventory.year" },
        ),
      ],
    };
  const files = [inv.activity_file, ...(inv.factor_files ?? [])].join(", ");
  const lines = year.lines.map((l) => {
    const settings = inv.line_settings?.[l.gpc_ref];
    return {
      gpc_ref: l.gpc_ref,
      tco2e: l.tco2e,
      ...(settings?.label ? { label: settings.label } : {}),
      ...(settings?.kr_sector ? { kr_sector: settings.kr_sector } : {}),
      ...(settings?.sink !== undefined ? { sink: settings.sink } : {}),
      source: `computed by the inventory engine from ${files} (${inv.gwp_set}); ${inv.source}`,
    };
  });
  return {
    ok: true,
    inventory: {
      kind: "lines",
      year: inv.year,
      coverage: inv.coverage,
      ...(inv.published_total ? { published_total: inv.published_total } : {}),
      lines,
      computed_from: {
        activity_file: inv.activity_file,
        factor_files: inv.factor_files ?? [],
        gwp_set: inv.gwp_set,
        rows: activities.rows.length,
      },
    },
  };
}
