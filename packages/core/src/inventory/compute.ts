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
 *
 * Scope 2 both ways (GHG Protocol Scope 2 Guidance): every figure above is location-based (scope 2 lines at
 * the grid average factor). Each line also gets a market-based figure: on scope 2 lines a row naming a
 * contractual instrument counts at the instrument's factor (amount x its factor), the other rows at the
 * activity's residual-mix factors (factors with scope2_method market_based) where one matches, else at the
 * location-based factors, an assumption stated once per activity and year; outside scope 2 the two agree.
 */
import { fail, ok, type Problem, type ProblemCode, type Result } from "../errors.ts";
import type { GwpSet } from "../gwp/index.ts";
import { UNIT_TABLE } from "../units/table.ts";
import { type DimensionVector, describeDims, parseUnit, sameDimensions, type Unit } from "../units/unit.ts";
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
  InstrumentUse,
  Inventory,
  InventoryLine,
  InventoryTotals,
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
  /** Market-based: the residual-mix factors used, the instruments, the rows left at the grid average. */
  readonly marketUses: Map<string, UseAcc>;
  readonly instruments: Map<
    string,
    { use: Omit<InstrumentUse, "tco2e" | "rows">; tco2e: number; rows: number }
  >;
  market: number;
  gridAverage: number;
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
  /**
   * The market-based figure of a row without an instrument: `same` (not scope 2: the location-based),
   * `residual` (the residual-mix terms), `grid_average` (scope 2 with no residual mix: location-based factors).
   */
  readonly market: "same" | "residual" | "grid_average";
  readonly marketTerms: readonly Term[];
  readonly marketCo2ePerAmount: number;
  /** grid_average: the activity and year of the stated assumption, said once when a row first takes it. */
  assumption?: { readonly activity: string; readonly year: number; readonly name: string } | undefined;
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
  /** Residual-mix factors (scope2_method market_based), used only for market-based scope 2 figures. */
  const residualByActivity = new Map<string, PreparedFactor[]>();
  const factorCustom = new Set<string>();
  for (const f of prepared) {
    const map = f.row.scope2_method === "market_based" ? residualByActivity : byActivity;
    const l = map.get(f.activity);
    if (l) l.push(f);
    else map.set(f.activity, [f]);
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
  const warnedResidual = new Set<string>();
  const instrumentUnits = new Map<string, { perCanonical?: number; den?: DimensionVector; error?: string }>();

  const lineFor = (year: number, ref: GpcReference): LineAcc => {
    let y = years.get(year);
    if (!y) {
      y = new Map();
      years.set(year, y);
    }
    let l = y.get(ref.ref);
    if (!l) {
      l = {
        ref,
        uses: new Map(),
        marketUses: new Map(),
        instruments: new Map(),
        market: 0,
        gridAverage: 0,
        tco2e: 0,
        noDistrict: 0,
        noDistrictRows: 0,
        quality: null,
        rows: [],
      };
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
    const loc = termsOf(r, au, sel.factors, line.uses, issues, "");
    if (ref.scope !== 2 || !loc)
      return loc
        ? {
            line,
            ...loc,
            market: "same",
            marketTerms: loc.terms,
            marketCo2ePerAmount: loc.co2ePerAmount,
            quality: qualityFor(r.year),
          }
        : null;
    // market-based: the activity's residual-mix factors where one matches, else the location-based ones
    const res = selectFactors(residualByActivity.get(activity), r.activity, r.gpc_ref, r.year);
    if (!res.ok && res.code === "AMBIGUOUS_FACTOR") {
      issues.push({
        severity: "error",
        code: res.code,
        message: `residual mix: ${res.message}`,
        column: "activity",
      });
      return null;
    }
    if (!res.ok)
      return {
        line,
        ...loc,
        market: "grid_average",
        marketTerms: loc.terms,
        marketCo2ePerAmount: loc.co2ePerAmount,
        quality: qualityFor(r.year),
        assumption: { activity, year: r.year, name: r.activity },
      };
    const mk = termsOf(r, au, res.factors, line.marketUses, issues, "residual mix: ");
    if (!mk) return null;
    return {
      line,
      ...loc,
      market: "residual",
      marketTerms: mk.terms,
      marketCo2ePerAmount: mk.co2ePerAmount,
      quality: qualityFor(r.year),
    };
  };

  /** The terms of one row's factors (tonnes per unit of amount), or null when a unit does not fit. */
  const termsOf = (
    r: ActivityRow,
    au: Unit,
    factors: readonly PreparedFactor[],
    uses: Map<string, UseAcc>,
    issues: Issue[],
    prefix: string,
  ): { terms: Term[]; co2ePerAmount: number } | null => {
    const terms: Term[] = [];
    let co2e = 0;
    let failed = false;
    for (const f of factors) {
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
            message: `${prefix}activity "${r.activity}" is in "${r.unit}" (${describeDims(au.dims)}) but its ${f.gas} factor is per energy ("${f.row.unit}", ${f.row.file ? `${f.row.file}:${f.row.line}` : f.row.id}) and has no ncv; give ncv and ncv_unit or the amount in energy`,
            column: "unit",
          });
        } else {
          const via = f.row.ncv_unit ? ` or, through its NCV, "${f.row.ncv_unit}"` : "";
          issues.push({
            severity: "error",
            code: "UNIT_MISMATCH",
            message: `${prefix}activity unit "${r.unit}" (${describeDims(au.dims)}) does not match the ${f.gas} factor's unit "${f.row.unit}" (per ${describeDims(f.den)})${via}`,
            column: "unit",
          });
        }
        continue;
      }
      let use = uses.get(f.row.id);
      if (!use) {
        use = { f, gas_t: 0, rows: 0 };
        uses.set(f.row.id, use);
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
    for (const x of issues)
      if (x.also) {
        x.message += ` (so do its ${x.also.join(" and ")} factors)`;
        x.also = undefined;
      }
    if (failed) return null;
    return { terms, co2ePerAmount: co2e };
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

  /**
   * tCO2e per unit of a row's amount at its instrument's factor; NaN (and the problem reported) when the
   * row's line is not scope 2 or the factor's unit does not fit the row's.
   */
  const instrumentFactor = (r: ActivityRow, i: number, plan: Plan | null): number => {
    const ref = gpcReference(r.gpc_ref);
    if (ref && ref.scope !== 2) {
      problems.error(
        "BAD_VALUE",
        `a contractual instrument (${r.instrument}) applies to purchased electricity, heat or steam on a scope 2 line (I.x.2, II.x.2); ${r.gpc_ref} is scope ${ref.scope}`,
        whereOf(r, i, "instrument"),
      );
      return Number.NaN;
    }
    const unit = r.instrument_factor_unit!;
    let u = instrumentUnits.get(unit);
    if (!u) {
      const scratch = new ProblemList();
      const [f] = prepareFactors(
        [{ id: "instrument", activity: r.activity, gas: "CO2e", factor: 1, unit, origin: "user" }],
        input.gwp,
        names,
        scratch,
      );
      u = f
        ? { perCanonical: f.perCanonical, den: f.den }
        : {
            error: `instrument_factor_unit "${unit}" must be a CO2e mass per unit of activity, e.g. tCO2e/MWh (${scratch.errors()[0]?.message ?? "not a unit"})`,
          };
      instrumentUnits.set(unit, u);
    }
    if (u.error) {
      problems.error("UNIT_MISMATCH", u.error, whereOf(r, i, "instrument_factor_unit"));
      return Number.NaN;
    }
    const au = parseActivityUnit(r.unit).unit;
    if (!au || !plan) return Number.NaN; // the row's own unit or factors are reported already
    if (!sameDimensions(au.dims, u.den!)) {
      problems.error(
        "UNIT_MISMATCH",
        `instrument_factor_unit "${unit}" is per ${describeDims(u.den!)} but the row's amount is in "${r.unit}" (${describeDims(au.dims)})`,
        whereOf(r, i, "instrument_factor_unit"),
      );
      return Number.NaN;
    }
    return au.scale * r.instrument_factor! * u.perCanonical!;
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
    const instrumentPerAmount = r.instrument === undefined ? 0 : instrumentFactor(r, i, entry.plan);
    if (Number.isNaN(instrumentPerAmount)) bad = true;
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
    if (r.instrument !== undefined) {
      const t = (amount as number) * instrumentPerAmount;
      const key = `${r.instrument}\u0000${r.instrument_factor}\u0000${r.instrument_factor_unit}`;
      const acc = line.instruments.get(key);
      if (acc) {
        acc.tco2e += t;
        acc.rows++;
      } else
        line.instruments.set(key, {
          use: { instrument: r.instrument, factor: r.instrument_factor!, unit: r.instrument_factor_unit! },
          tco2e: t,
          rows: 1,
        });
      line.market += t;
    } else if (plan.market === "residual") {
      const mt = plan.marketTerms;
      for (let t = 0; t < mt.length; t++) {
        mt[t]!.use.gas_t += (amount as number) * mt[t]!.perAmount;
        mt[t]!.use.rows++;
      }
      line.market += (amount as number) * plan.marketCo2ePerAmount;
    } else {
      line.market += rowCo2e;
      if (plan.market === "grid_average") {
        line.gridAverage += rowCo2e;
        if (plan.assumption) {
          const { activity, year, name } = plan.assumption;
          plan.assumption = undefined;
          const key = `${activity}\u0000${year}`;
          if (!warnedResidual.has(key)) {
            warnedResidual.add(key);
            problems.warning(
              "NO_FACTOR",
              `no residual-mix factor (scope2_method market_based) for "${name}" in ${year}: the market-based figures of its scope 2 rows without an instrument use the grid average factor, an assumption`,
              { path: `market_based.${year}.${activity}` },
            );
          }
        }
      }
    }
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
    const mTotals: { -readonly [K in keyof InventoryTotals]: number } = {
      basic: 0,
      basic_plus: 0,
      territorial: 0,
    };
    const mKr = Object.fromEntries(KR_SECTOR_IDS.map((id) => [id, 0])) as Record<KrSectorId, number>;
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
        factors.push(factorUse(u));
      }
      const c = countsIn(ref);
      if (c.basic) totals.basic += l.tco2e;
      if (c.basic_plus) totals.basic_plus += l.tco2e;
      if (c.territorial) totals.territorial += l.tco2e;
      if (c.basic) mTotals.basic += l.market;
      if (c.basic_plus) mTotals.basic_plus += l.market;
      if (c.territorial) mTotals.territorial += l.market;
      const krs = krSectorOf(ref);
      if (krs) kr[krs] += l.tco2e;
      if (krs) mKr[krs] += l.market;
      outLines.push({
        gpc_ref: ref.ref,
        subsector_name: ref.subsector_name,
        scope: ref.scope,
        level: ref.level,
        kr_sector: krs ?? null,
        tco2e: l.tco2e,
        market_based_tco2e: l.market,
        ...(ref.scope === 2
          ? {
              market_based: {
                instruments: [...l.instruments.values()].map((x) => ({
                  ...x.use,
                  tco2e: x.tco2e,
                  rows: x.rows,
                })),
                residual_mix: [...l.marketUses.values()].map(factorUse),
                grid_average_tco2e: l.gridAverage,
              },
            }
          : {}),
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
      market_based: { totals_tco2e: mTotals, kr_sectors_tco2e: mKr },
      completeness,
      data_quality: quality.get(year) ?? { H: 0, M: 0, L: 0, unrated: 0 },
    };
  }

  function factorUse(u: UseAcc): FactorUse {
    const f = u.f.row;
    return {
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
    };
  }
}
