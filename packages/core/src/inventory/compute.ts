/**
 * The inventory engine: activity rows x emission factors x a GWP set -> one line per year and GPC reference,
 * with tonnes of each gas, tCO2e, the factors used, a district breakdown, the rows it came from, and the
 * totals BASIC, BASIC+, territorial and Korea's seven plan sectors. Pure: no I/O.
 *
 * Arithmetic of one row and one factor (canonical units: t, tCO2e, MJ, m3, Nm3, km, ...):
 *   per unit:  t_gas = amount x scale(activity unit) x factor x scale(factor unit)
 *   with NCV:  t_gas = amount x scale(activity unit) x ncv x scale(ncv unit) x factor x scale(factor unit)
 *   tCO2e = t_gas x GWP(gas)   (GWP 1 for a factor already in CO2e)
 * The NCV path applies when the factor is per energy and the activity is measured in the NCV's denominator.
 */
import { fail, ok, type Problem, type ProblemCode, type Result } from "../errors.ts";
import type { GwpSet } from "../gwp/index.ts";
import { UNIT_TABLE } from "../units/table.ts";
import { describeDims, parseUnit, sameDimensions, type Unit } from "../units/unit.ts";
import { NOTATION_KEYS, type NotationKey } from "../vocabulary/notation.ts";
import { KR_SECTOR_IDS, type KrSectorId } from "../vocabulary/sectors.ts";
import {
  ActivityNames,
  describeYears,
  type PreparedFactor,
  prepareFactors,
  selectFactors,
} from "./factors.ts";
import { countsIn, GPC_REFERENCES, type GpcReference, gpcReference } from "./gpc.ts";
import { krSectorOf } from "./kr-sectors.ts";
import { ProblemList } from "./problems.ts";
import type {
  ActivityDef,
  ActivityRow,
  Completeness,
  FactorRow,
  FactorUse,
  Inventory,
  InventoryLine,
  InventoryYear,
  QualityRating,
} from "./types.ts";

export interface InventoryInput {
  readonly activities: readonly ActivityRow[];
  /** Already merged (see mergeFactors): built-in factors replaced by the user's per activity. */
  readonly factors: readonly FactorRow[];
  readonly gwp: GwpSet;
  /** Activity definitions whose names and aliases rows and factors may use (builtinActivities()). */
  readonly activityDefs?: readonly ActivityDef[];
  /** Keep the indexes of each line's rows (default true; off saves memory for very large inputs). */
  readonly trace?: boolean;
}

interface UseAcc {
  readonly f: PreparedFactor;
  gas_t: number;
  rows: number;
}

interface LineAcc {
  readonly ref: GpcReference;
  readonly uses: Map<string, UseAcc>;
  districts?: Map<string, { v: number }>;
  /** tCO2e and rows without a district. */
  noDistrict: number;
  noDistrictRows: number;
  tco2e: number;
  quality: QualityRating | null;
  readonly rows: number[];
}

interface Term {
  readonly use: UseAcc;
  /** Tonnes of gas per unit of the row's amount, and tCO2e per unit of amount. */
  readonly perAmount: number;
  readonly co2ePerAmount: number;
}

interface Issue {
  readonly severity: "error" | "warning";
  readonly code: ProblemCode;
  message: string;
  readonly column: string;
  also?: string[];
}

interface Plan {
  readonly line: LineAcc;
  readonly terms: readonly Term[];
  readonly co2ePerAmount: number;
  /** The year's data-quality accumulator. */
  readonly quality: { H: number; M: number; L: number; unrated: number };
}

interface PlanEntry {
  readonly plan: Plan | null;
  readonly errors: Issue[];
}

const QUALITY_ORDER: Readonly<Record<string, number>> = { H: 3, M: 2, L: 1 };

/** tCO2e per district, sorted by name; rows without a district count under "". */
function districtsOf(l: LineAcc): Record<string, number> {
  const out: Record<string, number> = {};
  const names = [...l.districts!.keys()];
  if (l.noDistrictRows > 0) names.push("");
  for (const n of names.sort((a, b) => a.localeCompare(b)))
    out[n] = n === "" ? l.noDistrict : l.districts!.get(n)!.v;
  return out;
}

function whereOf(
  r: ActivityRow,
  index: number,
  column: string,
): Omit<Problem, "code" | "message" | "severity"> {
  return r.line !== undefined || r.file !== undefined
    ? { file: r.file, line: r.line, column }
    : { path: `activities[${index}].${column}` };
}

/**
 * Computes the inventory. Every problem is reported at once (each at its file, line and column, or at
 * `activities[i].column` for rows without a file); with any error the result fails and has no totals.
 * Warnings (a factor without a source, a gas with no factor for a row's GPC reference, a negative line outside
 * AFOLU) come with a successful result.
 */
export function computeInventory(input: InventoryInput): Result<Inventory> {
  const problems = new ProblemList();
  const names = new ActivityNames(input.activityDefs ?? []);
  const prepared = prepareFactors(input.factors, input.gwp, names, problems);
  const byActivity = new Map<string, PreparedFactor[]>();
  const factorCustom = new Set<string>();
  for (const f of prepared) {
    const l = byActivity.get(f.activity);
    if (l) l.push(f);
    else byActivity.set(f.activity, [f]);
    for (const c of f.custom) factorCustom.add(c);
  }
  const trace = input.trace !== false;

  const unitCache = new Map<string, { unit?: Unit; error?: string }>();
  const parseActivityUnit = (s: string) => {
    let c = unitCache.get(s);
    if (!c) {
      const r = parseUnit(s, { allowCustom: true });
      if (!r.ok) c = { error: r.problems[0]!.message };
      else {
        const unknown = r.value.custom.filter((x) => !factorCustom.has(x));
        const like = unknown.length
          ? Object.keys(UNIT_TABLE).find((u) => u.toLowerCase() === unknown[0]!.toLowerCase())
          : undefined;
        c = unknown.length
          ? {
              error: `unknown unit "${unknown[0]}" in "${s}": not in the unit table and no factor is per ${unknown[0]}${like ? ` (units are case-sensitive: did you mean "${like}"?)` : ""}`,
            }
          : { unit: r.value };
      }
      unitCache.set(s, c);
    }
    return c;
  };

  const years = new Map<number, Map<string, LineAcc>>();
  const notations = new Map<number, Map<string, NotationKey>>();
  const plans = new Map<string, Map<string, Map<string, Map<number, PlanEntry>>>>();
  const quality = new Map<number, { H: number; M: number; L: number; unrated: number }>();
  const warnedFactor = new Set<string>();

  const lineFor = (year: number, ref: GpcReference): LineAcc => {
    let y = years.get(year);
    if (!y) {
      y = new Map();
      years.set(year, y);
    }
    let l = y.get(ref.ref);
    if (!l) {
      l = { ref, uses: new Map(), tco2e: 0, noDistrict: 0, noDistrictRows: 0, quality: null, rows: [] };
      y.set(ref.ref, l);
    }
    return l;
  };

  const notation = (r: ActivityRow, i: number) => {
    if (!Number.isInteger(r.year) || r.year < 1900 || r.year > 2100) {
      problems.error(
        "BAD_VALUE",
        `year "${r.year}" must be a whole year between 1900 and 2100`,
        whereOf(r, i, "year"),
      );
      return;
    }
    const ref = gpcReference(r.gpc_ref);
    if (!ref)
      problems.error(
        "UNKNOWN_GPC_REF",
        `"${r.gpc_ref}" is not a GPC v1.1 reference number (e.g. I.1.1, II.1.2, III.1.1, IV.1, V.2)`,
        whereOf(r, i, "gpc_ref"),
      );
    if (!NOTATION_KEYS.includes(r.notation!)) {
      problems.error(
        "BAD_VALUE",
        `notation key "${r.notation}" is not one of ${NOTATION_KEYS.join(", ")}`,
        whereOf(r, i, "amount"),
      );
      return;
    }
    if (!ref) return;
    let n = notations.get(r.year);
    if (!n) {
      n = new Map();
      notations.set(r.year, n);
    }
    n.set(ref.ref, r.notation!);
  };

  const qualityFor = (year: number) => {
    let m = quality.get(year);
    if (!m) {
      m = { H: 0, M: 0, L: 0, unrated: 0 };
      quality.set(year, m);
    }
    return m;
  };

  const makePlan = (r: ActivityRow, activity: string, ref: GpcReference, issues: Issue[]): Plan | null => {
    const unitInfo = parseActivityUnit(r.unit);
    if (!unitInfo.unit) {
      issues.push({ severity: "error", code: "UNKNOWN_UNIT", message: unitInfo.error!, column: "unit" });
      return null;
    }
    const au = unitInfo.unit;
    const sel = selectFactors(byActivity.get(activity), r.activity, r.gpc_ref, r.year);
    if (!sel.ok) {
      issues.push({ severity: "error", code: sel.code, message: sel.message, column: "activity" });
      return null;
    }
    for (const gas of sel.unmatchedGases) {
      issues.push({
        severity: "warning",
        code: "NO_FACTOR",
        message: `activity "${r.activity}" has ${gas} factors, but none for ${r.gpc_ref} in ${r.year}: its ${gas} is not counted`,
        column: "activity",
      });
    }
    const line = lineFor(r.year, ref);
    const terms: Term[] = [];
    let co2e = 0;
    let failed = false;
    for (const f of sel.factors) {
      let perAmount: number;
      if (sameDimensions(au.dims, f.den)) perAmount = au.scale * f.perCanonical;
      else if (f.ncvPerCanonical !== undefined && f.ncvDen && sameDimensions(au.dims, f.ncvDen))
        perAmount = au.scale * f.ncvPerCanonical * f.perCanonical;
      else {
        failed = true;
        const energy = sameDimensions(f.den, { energy: 1 });
        const code =
          energy && f.row.ncv === undefined && !("energy" in au.dims) ? "NCV_REQUIRED" : "UNIT_MISMATCH";
        // One problem per row and kind: the other gases' factors are named in the first one's message.
        const earlier = issues.find((x) => x.code === code && x.column === "unit");
        if (earlier) {
          earlier.also = [...(earlier.also ?? []), f.gas];
          continue;
        }
        if (code === "NCV_REQUIRED") {
          issues.push({
            severity: "error",
            code: "NCV_REQUIRED",
            message: `activity "${r.activity}" is in "${r.unit}" (${describeDims(au.dims)}) but its ${f.gas} factor is per energy ("${f.row.unit}", ${f.row.file ? `${f.row.file}:${f.row.line}` : f.row.id}) and has no ncv; give ncv and ncv_unit or the amount in energy`,
            column: "unit",
          });
        } else {
          const via = f.row.ncv_unit ? ` or, through its NCV, "${f.row.ncv_unit}"` : "";
          issues.push({
            severity: "error",
            code: "UNIT_MISMATCH",
            message: `activity unit "${r.unit}" (${describeDims(au.dims)}) does not match the ${f.gas} factor's unit "${f.row.unit}" (per ${describeDims(f.den)})${via}`,
            column: "unit",
          });
        }
        continue;
      }
      let use = line.uses.get(f.row.id);
      if (!use) {
        use = { f, gas_t: 0, rows: 0 };
        line.uses.set(f.row.id, use);
      }
      terms.push({ use, perAmount, co2ePerAmount: perAmount * f.gwp });
      co2e += perAmount * f.gwp;
      if (!f.row.source && !warnedFactor.has(f.row.id)) {
        warnedFactor.add(f.row.id);
        problems.warning(
          "FACTOR_WITHOUT_SOURCE",
          `factor ${f.row.id} (${f.row.activity}, ${f.gas}) has no source; it is used and flagged`,
          f.row.file
            ? { file: f.row.file, line: f.row.line, column: "source" }
            : { path: `factor ${f.row.id}` },
        );
      }
    }
    for (const x of issues) if (x.also) x.message += ` (so do its ${x.also.join(" and ")} factors)`;
    if (failed) return null;
    return { line, terms, co2ePerAmount: co2e, quality: qualityFor(r.year) };
  };

  // Everything that depends only on (activity, GPC reference, year, unit) is checked and prepared once per
  // distinct combination; the loop over rows then only multiplies and adds.
  const planFor = (r: ActivityRow, i: number): PlanEntry => {
    const errors: Issue[] = [];
    if (!Number.isInteger(r.year) || r.year < 1900 || r.year > 2100)
      errors.push({
        severity: "error",
        code: "BAD_VALUE",
        message: `year "${r.year}" must be a whole year between 1900 and 2100`,
        column: "year",
      });
    const ref = gpcReference(r.gpc_ref);
    if (!ref)
      errors.push({
        severity: "error",
        code: "UNKNOWN_GPC_REF",
        message: `"${r.gpc_ref}" is not a GPC v1.1 reference number (e.g. I.1.1, II.1.2, III.1.1, IV.1, V.2)`,
        column: "gpc_ref",
      });
    if (!r.activity?.trim())
      errors.push({
        severity: "error",
        code: "MISSING_VALUE",
        message: "the activity is empty",
        column: "activity",
      });
    if (errors.length || !ref) return { plan: null, errors };
    const issues: Issue[] = [];
    const plan = makePlan(r, names.canonical(r.activity), ref, issues);
    for (const x of issues) {
      if (x.severity === "warning") problems.warning(x.code, x.message, whereOf(r, i, x.column));
    }
    return { plan, errors: issues.filter((x) => x.severity === "error") };
  };

  const acts = input.activities;
  for (let i = 0; i < acts.length; i++) {
    const r = acts[i]!;
    if (r.notation !== undefined) {
      notation(r, i);
      continue;
    }
    // Nested maps rather than one concatenated key: no string is built per row.
    let byRef = plans.get(r.activity);
    if (byRef === undefined) {
      byRef = new Map();
      plans.set(r.activity, byRef);
    }
    let byUnit = byRef.get(r.gpc_ref);
    if (byUnit === undefined) {
      byUnit = new Map();
      byRef.set(r.gpc_ref, byUnit);
    }
    let byYear = byUnit.get(r.unit);
    if (byYear === undefined) {
      byYear = new Map();
      byUnit.set(r.unit, byYear);
    }
    let entry = byYear.get(r.year);
    if (entry === undefined) {
      entry = planFor(r, i);
      byYear.set(r.year, entry);
    }
    let bad = false;
    if (entry.errors.length) {
      // Every row with the problem is reported; the list names the lines of a repeated problem.
      for (const x of entry.errors) problems.error(x.code, x.message, whereOf(r, i, x.column));
      bad = true;
    }
    const amount = r.amount;
    if (amount === null || !Number.isFinite(amount)) {
      problems.error("BAD_NUMBER", `amount "${amount}" is not a finite number`, whereOf(r, i, "amount"));
      bad = true;
    }
    const q = r.quality;
    if (q !== undefined && QUALITY_ORDER[q] === undefined) {
      problems.error("BAD_VALUE", `quality "${q}" is not one of H, M, L`, whereOf(r, i, "quality"));
      bad = true;
    }
    if (bad) continue;
    const plan = entry.plan!;
    const terms = plan.terms;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      term.use.gas_t += (amount as number) * term.perAmount;
      term.use.rows++;
    }
    const rowCo2e = (amount as number) * plan.co2ePerAmount;
    const line = plan.line;
    line.tco2e += rowCo2e;
    if (rowCo2e < 0 && line.ref.sector !== "V")
      problems.warning(
        "BAD_VALUE",
        `negative emissions (${r.activity}) outside AFOLU; removals belong under V`,
        whereOf(r, i, "amount"),
      );
    const d = r.district;
    if (d) {
      if (!line.districts) line.districts = new Map();
      const acc = line.districts.get(d);
      if (acc) acc.v += rowCo2e;
      else line.districts.set(d, { v: rowCo2e });
    } else {
      line.noDistrict += rowCo2e;
      line.noDistrictRows++;
    }
    if (q) {
      if (!line.quality || QUALITY_ORDER[q]! < QUALITY_ORDER[line.quality]!) line.quality = q;
      plan.quality[q] += rowCo2e;
    } else plan.quality.unrated += rowCo2e;
    if (trace) line.rows.push(i);
  }
  if (problems.hasErrors) return fail([...problems.errors(), ...problems.warnings()]);

  const out: InventoryYear[] = [];
  const allYears = [...new Set([...years.keys(), ...notations.keys()])].sort((a, b) => a - b);
  for (const year of allYears) out.push(buildYear(year, years.get(year), notations.get(year), trace));
  return ok({ gwp_set: String(input.gwp.name), years: out }, problems.warnings());

  function buildYear(
    year: number,
    lines: Map<string, LineAcc> | undefined,
    keys: Map<string, NotationKey> | undefined,
    withRows: boolean,
  ): InventoryYear {
    const outLines: InventoryLine[] = [];
    const totals = { basic: 0, basic_plus: 0, territorial: 0 };
    const kr = Object.fromEntries(KR_SECTOR_IDS.map((id) => [id, 0])) as Record<KrSectorId, number>;
    const completeness: Record<string, Completeness> = {};
    for (const ref of GPC_REFERENCES) {
      const l = lines?.get(ref.ref);
      completeness[ref.ref] = l ? "reported" : (keys?.get(ref.ref) ?? "missing");
      if (!l) continue;
      const gases_t: Record<string, number> = {};
      const gases_tco2e: Record<string, number> = {};
      const factors: FactorUse[] = [];
      for (const u of l.uses.values()) {
        const f = u.f.row;
        gases_t[f.gas] = (gases_t[f.gas] ?? 0) + u.gas_t;
        gases_tco2e[f.gas] = (gases_tco2e[f.gas] ?? 0) + u.gas_t * u.f.gwp;
        factors.push({
          factor_id: f.id,
          activity: f.activity,
          gas: f.gas,
          factor: f.factor,
          unit: f.unit,
          gpc_ref: f.gpc_ref ?? null,
          years: describeYears(f),
          ncv: f.ncv ?? null,
          ncv_unit: f.ncv_unit ?? null,
          ncv_source: f.ncv_source ?? null,
          source: f.source ?? null,
          source_year: f.source_year ?? null,
          origin: f.origin,
          flagged: !f.source,
          gas_t: u.gas_t,
          tco2e: u.gas_t * u.f.gwp,
          rows: u.rows,
        });
      }
      const c = countsIn(ref);
      if (c.basic) totals.basic += l.tco2e;
      if (c.basic_plus) totals.basic_plus += l.tco2e;
      if (c.territorial) totals.territorial += l.tco2e;
      const krs = krSectorOf(ref);
      if (krs) kr[krs] += l.tco2e;
      outLines.push({
        gpc_ref: ref.ref,
        subsector_name: ref.subsector_name,
        scope: ref.scope,
        level: ref.level,
        kr_sector: krs ?? null,
        tco2e: l.tco2e,
        gases_t,
        gases_tco2e,
        factors,
        ...(l.districts ? { districts: districtsOf(l) } : {}),
        quality: l.quality,
        activity_rows: withRows ? l.rows : [],
      });
    }
    return {
      year,
      totals_tco2e: totals,
      lines: outLines,
      kr_sectors_tco2e: kr,
      completeness,
      data_quality: quality.get(year) ?? { H: 0, M: 0, L: 0, unrated: 0 },
    };
  }
}
