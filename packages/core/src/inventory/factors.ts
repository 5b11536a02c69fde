/**
 * Factor selection. For one activity row (activity, GPC reference, year) the candidates are the factors of
 * the same activity whose GPC reference (or prefix) covers the row's and whose years hold. Per gas the most
 * specific candidate wins: the deeper GPC reference first, then an exact year, then a validity range, then
 * all years. Two candidates equally specific for one gas, or a CO2e factor and per-gas factors that both
 * match, are an AMBIGUOUS_FACTOR error, never a sum.
 */
import { CO2E_GAS, type GwpSet, gwpOf } from "../gwp/index.ts";
import { type DimensionVector, parseUnit, sameDimensions, type Unit } from "../units/unit.ts";
import { gpcDepth, gpcRefMatches, isGpcPrefix } from "./gpc.ts";
import type { ProblemList } from "./problems.ts";
import type { ActivityDef, FactorRow } from "./types.ts";

/** Maps names and aliases (case-insensitively) to activity ids. */
export class ActivityNames {
  private readonly map = new Map<string, string>();
  constructor(defs: readonly ActivityDef[] = []) {
    for (const d of defs) {
      for (const n of [d.id, d.name, d.name_ko, ...d.aliases]) this.map.set(n.trim().toLowerCase(), d.id);
    }
  }
  /** The activity id of a name or alias; an unknown name stands for itself (lower case, trimmed). */
  canonical(name: string): string {
    const k = name.trim().toLowerCase();
    return this.map.get(k) ?? k;
  }
}

/**
 * Merges user factors over built-in ones: the user's factors replace every built-in factor of each activity
 * they name (by id or alias), per Scope 2 method (residual-mix factors replace residual-mix factors only);
 * built-in factors of other activities stay.
 */
export function mergeFactors(
  builtin: readonly FactorRow[],
  user: readonly FactorRow[],
  defs: readonly ActivityDef[] = [],
): FactorRow[] {
  const names = new ActivityNames(defs);
  // per activity and Scope 2 method: a residual-mix factor alone does not replace the grid average
  const key = (f: FactorRow) => `${names.canonical(f.activity)}\u0000${f.scope2_method ?? "location_based"}`;
  const replaced = new Set(user.map(key));
  return [...builtin.filter((f) => !replaced.has(key(f))), ...user];
}

/** A factor checked once and ready to apply. */
export interface PreparedFactor {
  readonly row: FactorRow;
  readonly activity: string;
  readonly gas: string;
  readonly gwp: number;
  /** factor x unit scale: tonnes (or tCO2e) per canonical unit of the denominator. */
  readonly perCanonical: number;
  /** The denominator's dimensions (what the activity must be measured in). */
  readonly den: DimensionVector;
  /** NCV x its unit's scale: MJ per canonical unit of the NCV's denominator; with the denominator's dims. */
  readonly ncvPerCanonical?: number;
  readonly ncvDen?: DimensionVector;
  readonly depth: number;
  readonly from: number;
  readonly to: number;
  /** 3 exact year, 2 validity range, 1 all years. */
  readonly yearRank: number;
  /** Custom count units (head, tree) named in the denominator. */
  readonly custom: readonly string[];
}

/** The denominator of a unit whose numerator is one `numerator` dimension (e.g. MJ/Nm3 -> Nm3). */
function invertOther(dims: DimensionVector, numerator: string): DimensionVector {
  const out: Record<string, number> = {};
  for (const [k, e] of Object.entries(dims)) if (k !== numerator) out[k] = -e;
  return out;
}

/** Checks every factor (all problems at once, at the factor's file and line) and prepares the good ones. */
export function prepareFactors(
  rows: readonly FactorRow[],
  gwp: GwpSet,
  names: ActivityNames,
  problems: ProblemList,
): PreparedFactor[] {
  const out: PreparedFactor[] = [];
  for (const f of rows) {
    const where = { file: f.file, line: f.line, ...(f.file ? {} : { path: `factor ${f.id}` }) };
    let bad = false;
    const err = (code: Parameters<ProblemList["error"]>[0], column: string, message: string) => {
      problems.error(code, message, { ...where, column });
      bad = true;
    };
    if (!Number.isFinite(f.factor))
      err("BAD_NUMBER", "factor", `factor "${f.factor}" is not a finite number`);
    const g = gwpOf(gwp, f.gas);
    if (!g.ok) err("UNKNOWN_GAS", "gas", g.problems[0]!.message);
    if (f.gpc_ref !== undefined && !isGpcPrefix(f.gpc_ref))
      err(
        "UNKNOWN_GPC_REF",
        "gpc_ref",
        `"${f.gpc_ref}" is neither a GPC v1.1 reference nor a sector or sub-sector prefix of one`,
      );
    if (f.year !== undefined && (f.valid_from !== undefined || f.valid_to !== undefined))
      err("BAD_VALUE", "year", "give either year or valid_from/valid_to, not both");
    if (f.valid_from !== undefined && f.valid_to !== undefined && f.valid_from > f.valid_to)
      err("BAD_VALUE", "valid_to", `valid_to ${f.valid_to} is before valid_from ${f.valid_from}`);
    const u = parseUnit(f.unit, { allowCustom: true });
    let den: DimensionVector = {};
    let unitScale = 1;
    let custom: readonly string[] = [];
    if (!u.ok) err("UNKNOWN_UNIT", "unit", u.problems[0]!.message);
    else {
      const unit: Unit = u.value;
      const slash = f.unit.indexOf("/");
      const num = parseUnit(slash < 0 ? f.unit : f.unit.slice(0, slash));
      const nd = num.ok ? num.value.dims : {};
      const numerator =
        Object.keys(nd).length === 1 && nd.co2e === 1
          ? "co2e"
          : Object.keys(nd).length === 1 && nd.mass === 1
            ? "mass"
            : undefined;
      if (slash < 0 || !numerator) {
        err(
          "UNIT_MISMATCH",
          "unit",
          `factor unit "${f.unit}" must be a mass (or CO2e mass) per unit of activity, e.g. kg/TJ or tCO2e/MWh`,
        );
      } else if (numerator === "co2e" && f.gas !== CO2E_GAS) {
        err(
          "UNIT_MISMATCH",
          "unit",
          `factor unit "${f.unit}" is in CO2e but the gas is ${f.gas}; use gas CO2e`,
        );
      } else if (unit.gas && unit.gas !== f.gas) {
        err(
          "BAD_VALUE",
          "unit",
          `factor unit "${f.unit}" names ${unit.gas} but the gas column says ${f.gas}`,
        );
      } else {
        // denominator = numerator / whole, as exponents: num - whole
        const d: Record<string, number> = {};
        for (const k of new Set([...Object.keys(nd), ...Object.keys(unit.dims)])) {
          const e = (nd[k] ?? 0) - (unit.dims[k] ?? 0);
          if (e !== 0) d[k] = e;
        }
        den = d;
        unitScale = unit.scale;
        custom = unit.custom;
      }
    }
    let ncvPerCanonical: number | undefined;
    let ncvDen: DimensionVector | undefined;
    if ((f.ncv === undefined) !== (f.ncv_unit === undefined || f.ncv_unit === "")) {
      err("MISSING_VALUE", f.ncv === undefined ? "ncv" : "ncv_unit", "ncv and ncv_unit go together");
    } else if (f.ncv !== undefined && f.ncv_unit) {
      const nu = parseUnit(f.ncv_unit);
      if (!nu.ok) err("UNKNOWN_UNIT", "ncv_unit", nu.problems[0]!.message);
      else if (nu.value.dims.energy !== 1)
        err(
          "UNIT_MISMATCH",
          "ncv_unit",
          `NCV unit "${f.ncv_unit}" must be energy per unit of activity, e.g. MJ/Nm3 or kcal/L`,
        );
      else if (!(f.ncv > 0)) err("BAD_VALUE", "ncv", `ncv ${f.ncv} must be positive`);
      else if (!sameDimensions(den, { energy: 1 }))
        err("UNIT_MISMATCH", "ncv", `an NCV applies only to a factor per energy; "${f.unit}" is not`);
      else {
        ncvPerCanonical = f.ncv * nu.value.scale;
        ncvDen = invertOther(nu.value.dims, "energy");
      }
    }
    if (bad || !g.ok) continue;
    const yearRank =
      f.year !== undefined ? 3 : f.valid_from !== undefined || f.valid_to !== undefined ? 2 : 1;
    out.push({
      row: f,
      activity: names.canonical(f.activity),
      gas: f.gas,
      gwp: g.value,
      perCanonical: f.factor * unitScale,
      den,
      ...(ncvPerCanonical !== undefined ? { ncvPerCanonical, ncvDen } : {}),
      depth: f.gpc_ref === undefined ? 0 : gpcDepth(f.gpc_ref),
      from: f.year ?? f.valid_from ?? Number.NEGATIVE_INFINITY,
      to: f.year ?? f.valid_to ?? Number.POSITIVE_INFINITY,
      yearRank,
      custom,
    });
  }
  return out;
}

/** How a factor's years are described in the output. */
export function describeYears(f: FactorRow): string {
  if (f.year !== undefined) return `year ${f.year}`;
  if (f.valid_from !== undefined || f.valid_to !== undefined)
    return `${f.valid_from ?? "…"}-${f.valid_to ?? "…"}`;
  return "all years";
}

export type Selection =
  | { ok: true; factors: PreparedFactor[]; unmatchedGases: string[] }
  | { ok: false; code: "NO_FACTOR" | "AMBIGUOUS_FACTOR"; message: string };

/** Chooses the factors for one activity, GPC reference and year (see the module comment). */
export function selectFactors(
  candidates: readonly PreparedFactor[] | undefined,
  activity: string,
  gpcRef: string,
  year: number,
): Selection {
  if (!candidates || candidates.length === 0)
    return { ok: false, code: "NO_FACTOR", message: `no emission factor for activity "${activity}"` };
  const best = new Map<string, { rank: number; list: PreparedFactor[] }>();
  const gases = new Set<string>();
  for (const f of candidates) {
    gases.add(f.gas);
    if (f.row.gpc_ref !== undefined && !gpcRefMatches(f.row.gpc_ref, gpcRef)) continue;
    if (year < f.from || year > f.to) continue;
    const rank = f.depth * 10 + f.yearRank;
    const b = best.get(f.gas);
    if (!b || rank > b.rank) best.set(f.gas, { rank, list: [f] });
    else if (rank === b.rank) b.list.push(f);
  }
  if (best.size === 0)
    return {
      ok: false,
      code: "NO_FACTOR",
      message: `no emission factor for activity "${activity}" under ${gpcRef} in ${year}`,
    };
  const chosen: PreparedFactor[] = [];
  for (const [gas, b] of best) {
    if (b.list.length > 1) {
      const where = b.list.map((f) => (f.row.file ? `${f.row.file}:${f.row.line}` : f.row.id)).join(", ");
      return {
        ok: false,
        code: "AMBIGUOUS_FACTOR",
        message: `${b.list.length} ${gas} factors for "${activity}" under ${gpcRef} in ${year} are equally specific (${where})`,
      };
    }
    chosen.push(b.list[0]!);
  }
  if (best.has(CO2E_GAS) && best.size > 1) {
    const others = [...best.keys()].filter((g) => g !== CO2E_GAS).join(", ");
    return {
      ok: false,
      code: "AMBIGUOUS_FACTOR",
      message: `both a CO2e factor and per-gas factors (${others}) match "${activity}" under ${gpcRef} in ${year}; give one or the other`,
    };
  }
  const unmatchedGases = best.has(CO2E_GAS) ? [] : [...gases].filter((g) => !best.has(g) && g !== CO2E_GAS);
  return { ok: true, factors: chosen, unmatchedGases };
}
