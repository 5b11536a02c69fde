/**
 * Presenting an inventory: the `--format json` contract, the CSV (one row per year, GPC line and gas) and a
 * plain-text table. Numbers are not rounded in JSON and CSV; the table rounds to 0.1 t for reading only.
 */

import type { Problem } from "../errors.ts";
import { csvCell } from "../tables.ts";
import { SCOPE2_INSTRUMENTS, SCOPE2_METHOD_LABELS, SCOPE2_METHOD_TEXT } from "../vocabulary/scope2.ts";
import { KR_SECTORS } from "../vocabulary/sectors.ts";
import { GPC_REFERENCES } from "./gpc.ts";
import type { ActivityRow, Inventory, InventoryJson, InventoryLine } from "./types.ts";

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
    version: 2,
    gwp_set: inventory?.gwp_set ?? gwpSet,
    scope2: INVENTORY_SCOPE2,
    years,
    problems,
  };
}

/** Which Scope 2 method each figure of the inventory document uses. */
export const INVENTORY_SCOPE2 = {
  totals: "location_based",
  market_based: SCOPE2_METHOD_TEXT.market_based,
} as const;

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
  "scope2_method",
] as const;

/**
 * One row per year, GPC line and gas (gas `CO2e` for factors already in CO2e), location-based; then, for
 * each scope 2 line, one market-based row (gas `CO2e`, no gas tonnes). Sum the rows of one method only.
 */
export function inventoryCsv(inv: Inventory): string {
  const out = [INVENTORY_CSV_COLUMNS.join(",")];
  for (const y of inv.years) {
    for (const l of y.lines) {
      const row = (gas: string, t: number | "", tco2e: number, method: string) =>
        [y.year, l.gpc_ref, l.scope, l.level, l.kr_sector ?? "", gas, t, tco2e, inv.gwp_set, method]
          .map(csvCell)
          .join(",");
      for (const gas of Object.keys(l.gases_t))
        out.push(row(gas, l.gases_t[gas]!, l.gases_tco2e[gas]!, "location_based"));
      if (l.scope === 2) out.push(row("CO2e", "", l.market_based_tco2e, "market_based"));
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

const INSTRUMENT_NAME = new Map<string, string>(SCOPE2_INSTRUMENTS.map((i) => [i.id, i.name.ko]));

/** A scope 2 line's market-based figure and what made it, in one line. */
function marketLine(tco2e: number, d: NonNullable<InventoryLine["market_based"]>): string {
  const parts = [
    ...d.instruments.map(
      (x) => `${INSTRUMENT_NAME.get(x.instrument) ?? x.instrument} ${x.factor} ${x.unit}: ${fmt(x.tco2e)}`,
    ),
    ...d.residual_mix.map((f) => `residual mix ${f.factor} ${f.unit}: ${fmt(f.tco2e)}`),
    ...(d.grid_average_tco2e !== 0 || (d.instruments.length === 0 && d.residual_mix.length === 0)
      ? [`grid average (no residual mix, assumed): ${fmt(d.grid_average_tco2e)}`]
      : []),
  ];
  return `시장 기반 market-based ${fmt(tco2e)}  (${parts.join("; ")})`;
}

/** A plain-text report of every year, for reading in a terminal. */
export function inventoryTable(inv: Inventory, activities: readonly ActivityRow[] = []): string {
  const out: string[] = [];
  for (const y of inv.years) {
    out.push(`인벤토리 Inventory ${y.year} · GWP ${inv.gwp_set} · tCO2e`);
    const loc = SCOPE2_METHOD_LABELS.location_based;
    const mkt = SCOPE2_METHOD_LABELS.market_based;
    out.push(`  Scope 2       ${padWide(`${loc.ko} ${loc.en}`, 24).padStart(16)}  ${mkt.ko} ${mkt.en}`);
    const both = (a: number, b: number) => `${fmt(a).padStart(16)}        ${fmt(b).padStart(16)}`;
    const m = y.market_based.totals_tco2e;
    out.push(`  BASIC        ${both(y.totals_tco2e.basic, m.basic)}`);
    out.push(`  BASIC+       ${both(y.totals_tco2e.basic_plus, m.basic_plus)}`);
    out.push(`  Territorial  ${both(y.totals_tco2e.territorial, m.territorial)}  (scope 1 / 영역 배출)`);
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
      if (l.market_based) out.push(`      ${marketLine(l.market_based_tco2e, l.market_based)}`);
    }
    out.push("");
    out.push(`  한국 부문 Korean plan sectors (tCO2e; ${loc.en}, ${mkt.en})`);
    for (const s of KR_SECTORS)
      out.push(
        `    ${padWide(`${s.name.ko} ${s.name.en}`, 34)}${fmt(y.kr_sectors_tco2e[s.id]).padStart(16)}${fmt(y.market_based.kr_sectors_tco2e[s.id]).padStart(16)}`,
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
