/**
 * Presenting an inventory: the `--format json` contract, the CSV (one row per year, GPC line and gas) and a
 * plain-text table. Numbers are not rounded in JSON and CSV; the table rounds to 0.1 t for reading only.
 */

import type { Problem } from "../errors.ts";
import { csvCell } from "../tables.ts";
import { KR_SECTORS } from "../vocabulary/sectors.ts";
import { GPC_REFERENCES } from "./gpc.ts";
import type { ActivityRow, Inventory, InventoryJson } from "./types.ts";

/**
 * The JSON document: the inventory, or on failure `years: []` with every problem. With the activities, each
 * line also gets `activity_lines`: the file line of each of its rows (where the rows came from a file).
 */
export function inventoryJson(
  gwpSet: string,
  inventory: Inventory | undefined,
  problems: readonly Problem[],
  activities?: readonly ActivityRow[],
): InventoryJson {
  const years = !inventory
    ? []
    : !activities
      ? inventory.years
      : inventory.years.map((y) => ({
          ...y,
          lines: y.lines.map((l) => {
            const lines = l.activity_rows.map((i) => activities[i]?.line);
            return lines.every((n) => n !== undefined) ? { ...l, activity_lines: lines as number[] } : l;
          }),
        }));
  return {
    format: "citypath.inventory",
    version: 1,
    gwp_set: inventory?.gwp_set ?? gwpSet,
    years,
    problems,
  };
}

/** The file lines of a line's activity rows, where the rows came from a file. */
export function activityLines(rows: readonly number[], activities: readonly ActivityRow[]): string[] {
  return rows.map((i) => {
    const r = activities[i];
    return r?.file !== undefined ? `${r.file}:${r.line}` : `activities[${i}]`;
  });
}

export const INVENTORY_CSV_COLUMNS = [
  "year",
  "gpc_ref",
  "scope",
  "level",
  "kr_sector",
  "gas",
  "gas_t",
  "tco2e",
  "gwp_set",
] as const;

/** One row per year, GPC line and gas (gas `CO2e` for factors already in CO2e). */
export function inventoryCsv(inv: Inventory): string {
  const out = [INVENTORY_CSV_COLUMNS.join(",")];
  for (const y of inv.years) {
    for (const l of y.lines) {
      for (const gas of Object.keys(l.gases_t)) {
        out.push(
          [
            y.year,
            l.gpc_ref,
            l.scope,
            l.level,
            l.kr_sector ?? "",
            gas,
            l.gases_t[gas]!,
            l.gases_tco2e[gas]!,
            inv.gwp_set,
          ]
            .map(csvCell)
            .join(","),
        );
      }
    }
  }
  return `${out.join("\n")}\n`;
}

const fmt = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).replace("-0.0", "0.0");

/** Pads to a terminal width, counting Hangul and other East Asian wide characters as two columns. */
function padWide(text: string, width: number): string {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff00 && c <= 0xff60)
        ? 2
        : 1;
  }
  return text + " ".repeat(Math.max(0, width - w));
}

const LEVEL: Record<string, string> = {
  basic: "BASIC",
  basic_plus: "BASIC+",
  territorial: "territorial",
  other: "other",
};

function briefRows(rows: readonly number[], activities: readonly ActivityRow[]): string {
  const first = rows.slice(0, 6).map((i) => activities[i]);
  if (first.length === 0) return "";
  const lines = first.every((r) => r?.line !== undefined)
    ? `line ${first.map((r) => r!.line).join(", ")}`
    : activityLines(rows.slice(0, 6), activities).join(" ");
  return rows.length > 6 ? `${lines} +${rows.length - 6}` : lines;
}

/** A plain-text report of every year, for reading in a terminal. */
export function inventoryTable(inv: Inventory, activities: readonly ActivityRow[] = []): string {
  const out: string[] = [];
  for (const y of inv.years) {
    out.push(`인벤토리 Inventory ${y.year} · GWP ${inv.gwp_set} · tCO2e`);
    out.push(`  BASIC        ${fmt(y.totals_tco2e.basic).padStart(16)}`);
    out.push(`  BASIC+       ${fmt(y.totals_tco2e.basic_plus).padStart(16)}`);
    out.push(`  Territorial  ${fmt(y.totals_tco2e.territorial).padStart(16)}  (scope 1 / 영역 배출)`);
    out.push("");
    const gases = [...new Set(y.lines.flatMap((l) => Object.keys(l.gases_t)))];
    out.push(
      `  ${"GPC".padEnd(8)}${"scope".padEnd(6)}${"level".padEnd(12)}${"tCO2e".padStart(14)}${gases.map((g) => `${`${g} t`.padStart(14)}`).join("")}  Q  rows`,
    );
    for (const l of y.lines) {
      out.push(
        `  ${l.gpc_ref.padEnd(8)}${String(l.scope).padEnd(6)}${LEVEL[l.level]!.padEnd(12)}${fmt(l.tco2e).padStart(14)}${gases
          .map((g) => (l.gases_t[g] === undefined ? "".padStart(14) : fmt(l.gases_t[g]!).padStart(14)))
          .join("")}  ${l.quality ?? "-"}  ${briefRows(l.activity_rows, activities)}`,
      );
      if (l.districts) {
        for (const [d, v] of Object.entries(l.districts))
          out.push(`      ${padWide(d || "(no district)", 24)}${fmt(v).padStart(14)}`);
      }
    }
    out.push("");
    out.push("  한국 부문 Korean plan sectors (tCO2e)");
    for (const s of KR_SECTORS)
      out.push(
        `    ${padWide(`${s.name.ko} ${s.name.en}`, 34)}${fmt(y.kr_sectors_tco2e[s.id]).padStart(16)}`,
      );
    const dq = y.data_quality;
    const all = dq.H + dq.M + dq.L + dq.unrated;
    const pct = (v: number) => (all === 0 ? "-" : `${((100 * v) / all).toFixed(0)}%`);
    out.push("");
    out.push(
      `  데이터 품질 Data quality: H ${pct(dq.H)}, M ${pct(dq.M)}, L ${pct(dq.L)}, unrated ${pct(dq.unrated)}`,
    );
    const keys = Object.entries(y.completeness).filter(([, c]) => c !== "reported" && c !== "missing");
    if (keys.length) out.push(`  Notation keys: ${keys.map(([r, c]) => `${r} ${c}`).join(", ")}`);
    const missing = y.lines.length
      ? GPC_REFERENCES.filter((r) => r.level === "basic" && y.completeness[r.ref] === "missing").map(
          (r) => r.ref,
        )
      : [];
    if (missing.length)
      out.push(`  BASIC lines with neither data nor a notation key (완결성): ${missing.join(", ")}`);
    const flagged = y.lines.flatMap((l) =>
      l.factors.filter((f) => f.flagged).map((f) => `${l.gpc_ref} ${f.factor_id}`),
    );
    if (flagged.length) out.push(`  Factors without a source (used, flagged): ${flagged.join(", ")}`);
    out.push("");
  }
  return out.join("\n");
}
