/**
 * Benchmark: the inventory of a generated 1,000,000-row activity CSV, by citypath and by DuckDB (SQL with the
 * same factor table, joined and converted in SQL), checking that both give the same totals to 1e-9 relative.
 * Prints the figures, then one line of JSON (documented in bench/README.md). Goals are measured, not gates.
 *
 *   npm run bench:inventory            (ROWS=200000 npm run bench:inventory for a smaller run)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  type ActivityRow,
  computeInventory,
  countsIn,
  type FactorRow,
  GPC_REFERENCES,
  mergeFactors,
  PREFIXES,
  UNIT_TABLE,
} from "@citypath/core";
import { builtinActivities, builtinFactors, gwpSet, readActivityCsv } from "@citypath/data";
import { DuckDBInstance } from "@duckdb/node-api";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const YEARS = [2022, 2023];
const OUT = new URL("./.out/", import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

// Deterministic generator (mulberry32), so every run measures the same file.
let seed = 20261125;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// Activities x GPC references x units: at least three units per dimension (energy, volume, mass), the NCV path
// (fuels in L, kL, m3, kg, t, Nm3, 천Nm3) and year-specific factors (grid electricity).
const MIX: ReadonlyArray<{ activity: string[]; refs: string[]; units: string[]; scale: number }> = [
  {
    activity: ["city_gas", "도시가스"],
    refs: ["I.1.1", "I.2.1", "I.3.1", "II.1.1"],
    units: ["Nm3", "천Nm3"],
    scale: 1e5,
  },
  {
    activity: ["diesel", "경유"],
    refs: ["I.1.1", "I.3.1", "I.5.1", "II.1.1", "II.2.1", "II.3.1", "II.5.1"],
    units: ["L", "kL", "m3"],
    scale: 1e4,
  },
  { activity: ["kerosene", "등유"], refs: ["I.1.1", "I.2.1", "I.5.1"], units: ["L", "kL", "m3"], scale: 1e4 },
  {
    activity: ["bunker_c", "B-C유"],
    refs: ["I.3.1", "I.4.1", "II.3.1"],
    units: ["L", "kL", "m3"],
    scale: 1e3,
  },
  {
    activity: ["propane", "프로판"],
    refs: ["I.1.1", "I.2.1", "II.1.1"],
    units: ["kg", "t", "kt"],
    scale: 1e3,
  },
  { activity: ["butane", "부탄"], refs: ["II.1.1", "I.3.1"], units: ["kg", "t", "kt"], scale: 1e3 },
  { activity: ["lng"], refs: ["I.3.1", "I.4.1"], units: ["kg", "t", "kt"], scale: 1e3 },
  {
    activity: ["gasoline", "휘발유"],
    refs: ["II.1.1", "I.3.1"],
    units: ["toe", "GJ", "TJ", "Gcal", "천toe"],
    scale: 10,
  },
  {
    activity: ["electricity", "전력"],
    refs: ["I.1.2", "I.2.2", "I.3.2", "I.5.2", "II.1.2", "II.2.2", "I.1.3"],
    units: ["kWh", "MWh", "GWh", "천kWh"],
    scale: 1e5,
  },
  { activity: ["other_cattle", "한우"], refs: ["V.1"], units: ["head"], scale: 100 },
  { activity: ["pine_tree_30y", "소나무"], refs: ["V.2"], units: ["tree"], scale: 1000 },
];
const DISTRICTS = Array.from({ length: 33 }, (_, i) => `district-${String(i + 1).padStart(2, "0")}`);

function generate(): string {
  const parts: string[] = ["year,gpc_ref,activity,amount,unit,district\n"];
  for (let i = 0; i < ROWS; i++) {
    const m = pick(MIX);
    const amount = Math.round(rand() * m.scale * 1000) / 1000;
    parts.push(
      `${pick(YEARS)},${pick(m.refs)},${pick(m.activity)},${amount},${pick(m.units)},${pick(DISTRICTS)}\n`,
    );
  }
  return parts.join("");
}

type Totals = Record<number, { basic: number; basic_plus: number; territorial: number }>;

/** CPU time of the whole process (every thread, so DuckDB's workers count too) since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function citypathTotals(
  rows: ActivityRow[],
  factors: FactorRow[],
): { totals: Totals; ms: number; computeCpuMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = computeInventory({
    activities: rows,
    factors,
    gwp: gwpSet("AR5"),
    activityDefs: builtinActivities(),
  });
  const ms = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu0);
  if (!r.ok)
    throw new Error(
      r.problems
        .slice(0, 5)
        .map((p) => `${p.code} ${p.line} ${p.message}`)
        .join("\n"),
    );
  const totals: Totals = {};
  for (const y of r.value.years) totals[y.year] = { ...y.totals_tco2e };
  return { totals, ms, computeCpuMs: cpuMs };
}

function csvField(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function duckdbTotals(activityFile: string, factors: FactorRow[]) {
  // The same factor table, the unit table, the aliases, the GWP set and the GPC levels, as files and tables.
  const fcols = [
    "activity",
    "gas",
    "factor",
    "unit",
    "gpc_ref",
    "year",
    "valid_from",
    "valid_to",
    "ncv",
    "ncv_unit",
  ] as const;
  writeFileSync(
    `${OUT}factors.csv`,
    `${fcols.join(",")}\n${factors.map((f) => fcols.map((c) => csvField(f[c])).join(",")).join("\n")}\n`,
  );
  const units: string[] = [];
  for (const [sym, d] of Object.entries(UNIT_TABLE)) {
    units.push(`('${sym}','${d.dimension}',${d.scale})`);
    for (const [p, k] of Object.entries(PREFIXES))
      units.push(`('${p}${sym}','${d.dimension}',${d.scale * k})`);
  }
  for (const c of ["head", "tree"]) units.push(`('${c}','~${c}',1)`);
  const aliases = builtinActivities().flatMap((d) =>
    [d.id, d.name, d.name_ko, ...d.aliases].map(
      (n) => `('${n.trim().toLowerCase().replaceAll("'", "''")}','${d.id}')`,
    ),
  );
  const gwp = Object.entries(gwpSet("AR5").gases).map(([g, v]) => `('${g}',${v.value})`);
  gwp.push("('CO2e',1)");
  const gpc = GPC_REFERENCES.map((r) => {
    const c = countsIn(r);
    return `('${r.ref}',${c.basic},${c.basic_plus},${c.territorial})`;
  });

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(
    `CREATE TABLE units(unit VARCHAR, dim VARCHAR, scale DOUBLE); INSERT INTO units VALUES ${units.join(",")}`,
  );
  await con.run(
    `CREATE TABLE alias(name VARCHAR PRIMARY KEY, id VARCHAR); INSERT INTO alias SELECT DISTINCT * FROM (VALUES ${aliases.join(",")})`,
  );
  await con.run(`CREATE TABLE gwp(gas VARCHAR, value DOUBLE); INSERT INTO gwp VALUES ${gwp.join(",")}`);
  await con.run(
    `CREATE TABLE gpc(ref VARCHAR, basic BOOLEAN, basic_plus BOOLEAN, territorial BOOLEAN); INSERT INTO gpc VALUES ${gpc.join(",")}`,
  );
  await con.run(
    `CREATE TABLE factors AS SELECT * FROM read_csv('${OUT}factors.csv', header = true, all_varchar = true)`,
  );
  await con.run(
    `CREATE TABLE act AS SELECT * FROM read_csv('${activityFile}', header = true, columns = {'year': 'INTEGER', 'gpc_ref': 'VARCHAR', 'activity': 'VARCHAR', 'amount': 'DOUBLE', 'unit': 'VARCHAR', 'district': 'VARCHAR'})`,
  );
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const reader = await con.runAndReadAll(`
    WITH fx AS (
      -- each factor per canonical unit: numerator and denominator (and the NCV's) converted through the unit table
      SELECT coalesce(al.id, lower(trim(f.activity))) AS act, f.gas,
             CAST(f.factor AS DOUBLE) * nu.scale / du.scale AS fac, du.dim AS den_dim,
             CAST(f.ncv AS DOUBLE) * cn.scale / cd.scale AS ncv_mj, cd.dim AS ncv_dim,
             f.gpc_ref AS gpc,
             CASE WHEN f.gpc_ref IS NULL THEN 0 ELSE len(string_split(f.gpc_ref, '.')) END AS depth,
             CASE WHEN f.year IS NOT NULL THEN 3 WHEN f.valid_from IS NOT NULL OR f.valid_to IS NOT NULL THEN 2 ELSE 1 END AS year_rank,
             coalesce(CAST(f.year AS INTEGER), CAST(f.valid_from AS INTEGER), -100000) AS y0,
             coalesce(CAST(f.year AS INTEGER), CAST(f.valid_to AS INTEGER), 100000) AS y1,
             g.value AS gwp
      FROM factors f
      LEFT JOIN alias al ON al.name = lower(trim(f.activity))
      JOIN units nu ON nu.unit = split_part(f.unit, '/', 1)
      JOIN units du ON du.unit = split_part(f.unit, '/', 2)
      LEFT JOIN units cn ON cn.unit = split_part(f.ncv_unit, '/', 1)
      LEFT JOIN units cd ON cd.unit = split_part(f.ncv_unit, '/', 2)
      JOIN gwp g ON g.gas = f.gas
    ),
    a AS (
      SELECT r.year, r.gpc_ref, coalesce(al.id, lower(trim(r.activity))) AS act, r.amount * u.scale AS amount, u.dim AS adim
      FROM act r JOIN units u ON u.unit = r.unit LEFT JOIN alias al ON al.name = lower(trim(r.activity))
    ),
    k AS (SELECT DISTINCT year, gpc_ref, act, adim FROM a),
    cand AS (
      SELECT k.*, fx.gas, fx.depth * 10 + fx.year_rank AS rnk,
             CASE WHEN fx.den_dim = k.adim THEN fx.fac WHEN fx.ncv_dim = k.adim THEN fx.ncv_mj * fx.fac END * fx.gwp AS co2e_per_unit
      FROM k JOIN fx ON fx.act = k.act
       AND (fx.gpc IS NULL OR k.gpc_ref = fx.gpc OR starts_with(k.gpc_ref, fx.gpc || '.'))
       AND k.year BETWEEN fx.y0 AND fx.y1
    ),
    best AS (SELECT * FROM cand QUALIFY rnk = max(rnk) OVER (PARTITION BY year, gpc_ref, act, adim, gas)),
    mult AS (SELECT year, gpc_ref, act, adim, sum(co2e_per_unit) AS m FROM best GROUP BY ALL)
    SELECT a.year,
           sum(a.amount * mult.m) FILTER (WHERE gpc.basic) AS basic,
           sum(a.amount * mult.m) FILTER (WHERE gpc.basic_plus) AS basic_plus,
           sum(a.amount * mult.m) FILTER (WHERE gpc.territorial) AS territorial
    FROM a JOIN mult USING (year, gpc_ref, act, adim) JOIN gpc ON gpc.ref = a.gpc_ref
    GROUP BY a.year ORDER BY a.year`);
  const t2 = performance.now();
  const cpuMs = cpuMsSince(cpu0);
  const computeCpuMs = cpuMsSince(cpu1);
  const totals: Totals = {};
  for (const r of reader.getRowObjects())
    totals[Number(r.year)] = {
      basic: Number(r.basic),
      basic_plus: Number(r.basic_plus),
      territorial: Number(r.territorial),
    };
  con.closeSync();
  return { totals, endToEndMs: t2 - t0, computeMs: t2 - t1, cpuMs, computeCpuMs };
}

async function main() {
  console.log(`Generating ${ROWS.toLocaleString("en-US")} activity rows ...`);
  const file = `${OUT}activity-${ROWS}.csv`;
  const text = generate();
  writeFileSync(file, text);
  console.log(`  ${file.replace(OUT, "bench/.out/")}: ${(text.length / 1e6).toFixed(1)} MB`);
  const defs = builtinActivities();
  const factors = mergeFactors(builtinFactors(), [], defs);

  // citypath: file -> rows -> inventory (end to end), and rows in memory -> inventory (compute); the better of
  // two runs each, as for DuckDB below.
  const runCitypath = () => {
    const cpu0 = process.cpuUsage();
    const c0 = performance.now();
    const rows = readActivityCsv(file);
    if (!rows.ok)
      throw new Error(
        rows.problems
          .slice(0, 5)
          .map((p) => p.message)
          .join("\n"),
      );
    const r = citypathTotals(rows.value, factors);
    return { ...r, endToEnd: performance.now() - c0, cpuMs: cpuMsSince(cpu0) };
  };
  const cp = runCitypath();
  const cp2 = runCitypath();
  const cpEndToEnd = Math.min(cp.endToEnd, cp2.endToEnd);
  const cpCompute = Math.min(cp.ms, cp2.ms);
  const cpCpu = Math.min(cp.cpuMs, cp2.cpuMs);
  const cpComputeCpu = Math.min(cp.computeCpuMs, cp2.computeCpuMs);

  const dd = await duckdbTotals(file, factors);
  const dd2 = await duckdbTotals(file, factors);
  const ddEndToEnd = Math.min(dd.endToEndMs, dd2.endToEndMs);
  const ddCompute = Math.min(dd.computeMs, dd2.computeMs);
  const ddCpu = Math.min(dd.cpuMs, dd2.cpuMs);
  const ddComputeCpu = Math.min(dd.computeCpuMs, dd2.computeCpuMs);

  let maxRel = 0;
  for (const y of YEARS) {
    for (const k of ["basic", "basic_plus", "territorial"] as const) {
      const a = cp.totals[y]![k];
      const b = dd.totals[y]![k];
      maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
      console.log(
        `  ${y} ${k.padEnd(11)} citypath ${a.toFixed(3).padStart(18)}  duckdb ${b.toFixed(3).padStart(18)}`,
      );
    }
  }
  const match = maxRel <= 1e-9;
  console.log(`\n  end to end   citypath ${cpEndToEnd.toFixed(0)} ms   duckdb ${ddEndToEnd.toFixed(0)} ms`);
  console.log(`  compute      citypath ${cpCompute.toFixed(0)} ms   duckdb ${ddCompute.toFixed(0)} ms`);
  console.log(
    `  CPU time, end to end (all threads)   citypath ${cpCpu.toFixed(0)} ms   duckdb ${ddCpu.toFixed(0)} ms`,
  );
  console.log(
    `  CPU time, compute (all threads)       citypath ${cpComputeCpu.toFixed(0)} ms   duckdb ${ddComputeCpu.toFixed(0)} ms`,
  );
  console.log(`  totals agree to ${maxRel.toExponential(2)} relative (goal 1e-9): ${match ? "yes" : "NO"}\n`);
  console.log(
    JSON.stringify({
      bench: "inventory",
      rows: ROWS,
      citypath_rows_per_s: Math.round(ROWS / (cpEndToEnd / 1000)),
      duckdb_rows_per_s: Math.round(ROWS / (ddEndToEnd / 1000)),
      citypath_end_to_end_ms: Math.round(cpEndToEnd),
      citypath_compute_ms: Math.round(cpCompute),
      duckdb_end_to_end_ms: Math.round(ddEndToEnd),
      duckdb_compute_ms: Math.round(ddCompute),
      end_to_end_ratio: Number((cpEndToEnd / ddEndToEnd).toFixed(3)),
      compute_ratio: Number((cpCompute / ddCompute).toFixed(3)),
      citypath_end_to_end_cpu_ms: Math.round(cpCpu),
      duckdb_end_to_end_cpu_ms: Math.round(ddCpu),
      cpu_ratio: Number((cpCpu / ddCpu).toFixed(3)),
      citypath_compute_cpu_ms: Math.round(cpComputeCpu),
      duckdb_compute_cpu_ms: Math.round(ddComputeCpu),
      compute_cpu_ratio: Number((cpComputeCpu / ddComputeCpu).toFixed(3)),
      max_relative_difference: maxRel,
      totals_match: match,
    }),
  );
  if (!match) process.exitCode = 1;
}

await main();
