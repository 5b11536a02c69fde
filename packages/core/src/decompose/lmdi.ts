/**
 * What drove a change in emissions: the additive LMDI-I decomposition (Ang 2004, "Decomposition analysis for
 * policymaking in energy: which is the preferred method?", Energy Policy 32; Ang 2015, "LMDI decomposition
 * approach: A guide for implementation", Energy Policy 86), per sector, into four effects:
 *
 *   C_ij = Q_i × (E_i / Q_i) × (E_ij / E_i) × (C_ij / E_ij)
 *        = activity × intensity × structure × emission factor
 *
 * with i a sector, j an energy carrier, Q_i the sector's activity (population or another driver), E energy
 * (GJ), C emissions (tCO2e). For each factor x: ΔC_x = Σ_j L(C_ij^T, C_ij^0) × ln(x_ij^T / x_ij^0), where
 * L(a, b) = (a − b) / (ln a − ln b) and L(a, a) = a. The effects sum exactly to C^T − C^0 (no residual).
 *
 * - Carriers whose energy is not known (non-energy emissions: waste, processes, land; or a pathway line whose
 *   energy the model does not carry) are decomposed as C = Q × (C / Q): activity and intensity only, the
 *   intensity then being emissions per unit of activity. They are flagged `energy_known: false`.
 * - Zero values (Ang and Liu 2007, "Handling zero values in the LMDI decomposition approach", Quality &
 *   Quantity 41): the limit of replacing a zero by ε → 0. A term that appears (C^0 = 0 < C^T) gives its whole
 *   C^T to the factor that was zero in year 0, and nothing to the others; a term that disappears gives −C^0
 *   to the factor that is zero in year T. When several factors are zero, the first in the order activity,
 *   intensity, structure, emission factor takes it (stated in the output).
 * - Negative emissions (sinks) are decomposed on their magnitude with L(a, b) = −L(−a, −b) when both years
 *   are negative; a term that changes sign cannot be written as a product of positive factors and is given
 *   whole to intensity, with a note.
 * Pure: no I/O.
 */

export const LMDI_EFFECTS = ["activity", "intensity", "structure", "emission_factor"] as const;
export type LmdiEffect = (typeof LMDI_EFFECTS)[number];

/** One carrier of one sector in one year. */
export interface LmdiCarrier {
  readonly carrier: string;
  /** Energy, GJ; null when not known (then only activity and intensity apply). */
  readonly energy_gj: number | null;
  readonly tco2e: number;
}

/** One sector in one year. */
export interface LmdiSector {
  readonly sector: string;
  /** The sector's activity (population, floor area, vehicle-km...), > 0. */
  readonly activity: number;
  readonly carriers: readonly LmdiCarrier[];
}

export interface LmdiInput {
  readonly from: { readonly year: number; readonly sectors: readonly LmdiSector[] };
  readonly to: { readonly year: number; readonly sectors: readonly LmdiSector[] };
}

export type Effects = Record<LmdiEffect, number>;

export interface LmdiCarrierResult {
  readonly carrier: string;
  readonly energy_known: boolean;
  readonly from_tco2e: number;
  readonly to_tco2e: number;
  readonly effects: Effects;
  readonly note?: string;
}

export interface LmdiSectorResult {
  readonly sector: string;
  readonly from_tco2e: number;
  readonly to_tco2e: number;
  readonly change_tco2e: number;
  readonly effects: Effects;
  readonly carriers: readonly LmdiCarrierResult[];
}

export interface LmdiResult {
  readonly from_year: number;
  readonly to_year: number;
  readonly from_tco2e: number;
  readonly to_tco2e: number;
  readonly change_tco2e: number;
  readonly effects: Effects;
  readonly sectors: readonly LmdiSectorResult[];
}

const zero = (): Effects => ({ activity: 0, intensity: 0, structure: 0, emission_factor: 0 });

/** The logarithmic mean of two positive numbers: (a − b) / (ln a − ln b), and a when a = b. */
export function logMean(a: number, b: number): number {
  if (a === b) return a;
  return (a - b) / (Math.log(a) - Math.log(b));
}

interface Factors {
  readonly x: readonly number[];
  readonly c: number;
}

/** The factors of one term in one year: [Q, I, S, F] (energy known) or [Q, C/Q] (not known). */
function factorsOf(q: number, eSector: number, carrier: LmdiCarrier | undefined, known: boolean): Factors {
  const c = carrier?.tco2e ?? 0;
  if (!known) return { x: [q, q > 0 ? Math.abs(c) / q : 0], c };
  const e = carrier?.energy_gj ?? 0;
  return {
    x: [q, q > 0 ? eSector / q : 0, eSector > 0 ? e / eSector : 0, e > 0 ? Math.abs(c) / e : 0],
    c,
  };
}

function decomposeTerm(f0: Factors, f1: Factors, known: boolean): { effects: Effects; note?: string } {
  const names: LmdiEffect[] = known
    ? ["activity", "intensity", "structure", "emission_factor"]
    : ["activity", "intensity"];
  const out = zero();
  const c0 = f0.c;
  const c1 = f1.c;
  if (c0 === 0 && c1 === 0) return { effects: out };
  if (c0 === 0 || c1 === 0) {
    // Ang and Liu's limit: the whole change to the factor that is zero in the year where C is zero.
    const fz = c0 === 0 ? f0 : f1;
    let k = fz.x.indexOf(0);
    if (k < 0) k = 1; // a zero emission with non-zero factors cannot happen; keep the sum exact anyway
    out[names[k]!] = c1 - c0;
    return {
      effects: out,
      note: `${c0 === 0 ? "appears" : "disappears"}: the change is given to ${names[k]}`,
    };
  }
  if (c0 < 0 !== c1 < 0) {
    out.intensity = c1 - c0;
    return { effects: out, note: "changes sign: the change is given to intensity" };
  }
  const sign = c0 < 0 ? -1 : 1;
  const L = sign * logMean(Math.abs(c1), Math.abs(c0));
  let sum = 0;
  names.forEach((n, k) => {
    const v = L * Math.log(f1.x[k]! / f0.x[k]!);
    out[n] = v;
    sum += v;
  });
  // Exact in real arithmetic; floating rounding (1e-12 relative) goes to the largest effect so sums close.
  const resid = c1 - c0 - sum;
  if (resid !== 0) {
    let big: LmdiEffect = names[0]!;
    for (const n of names) if (Math.abs(out[n]) > Math.abs(out[big])) big = n;
    out[big] += resid;
  }
  return { effects: out };
}

function add(a: Effects, b: Effects): void {
  for (const k of LMDI_EFFECTS) a[k] += b[k];
}

/**
 * The decomposition of the change between two years. Sectors and carriers are matched by name; one present
 * in only one year counts as zero in the other. A carrier's energy must be known in both years or neither
 * (otherwise it is treated as not known in both, and says so).
 */
export function lmdi(input: LmdiInput): LmdiResult {
  const ids = [...new Set([...input.from.sectors, ...input.to.sectors].map((s) => s.sector))];
  const sectors: LmdiSectorResult[] = [];
  const total = zero();
  let from = 0;
  let to = 0;
  for (const id of ids) {
    const s0 = input.from.sectors.find((s) => s.sector === id);
    const s1 = input.to.sectors.find((s) => s.sector === id);
    const q0 = s0?.activity ?? 0;
    const q1 = s1?.activity ?? 0;
    const carriers = [...new Set([...(s0?.carriers ?? []), ...(s1?.carriers ?? [])].map((c) => c.carrier))];
    const knownOf = (c: string) => {
      const a = s0?.carriers.find((x) => x.carrier === c);
      const b = s1?.carriers.find((x) => x.carrier === c);
      return (a === undefined || a.energy_gj !== null) && (b === undefined || b.energy_gj !== null);
    };
    const eSector = (s: LmdiSector | undefined) =>
      (s?.carriers ?? []).reduce((t, c) => t + (knownOf(c.carrier) ? (c.energy_gj ?? 0) : 0), 0);
    const e0 = eSector(s0);
    const e1 = eSector(s1);
    const sectorEffects = zero();
    const results: LmdiCarrierResult[] = [];
    let sf = 0;
    let st = 0;
    for (const c of carriers) {
      const a = s0?.carriers.find((x) => x.carrier === c);
      const b = s1?.carriers.find((x) => x.carrier === c);
      const known = knownOf(c);
      const mixed =
        !known && ((a !== undefined && a.energy_gj !== null) || (b !== undefined && b.energy_gj !== null));
      const t = decomposeTerm(factorsOf(q0, e0, a, known), factorsOf(q1, e1, b, known), known);
      add(sectorEffects, t.effects);
      const note = [mixed ? "energy known in one year only: treated as not known" : "", t.note ?? ""]
        .filter(Boolean)
        .join("; ");
      results.push({
        carrier: c,
        energy_known: known,
        from_tco2e: a?.tco2e ?? 0,
        to_tco2e: b?.tco2e ?? 0,
        effects: t.effects,
        ...(note ? { note } : {}),
      });
      sf += a?.tco2e ?? 0;
      st += b?.tco2e ?? 0;
    }
    add(total, sectorEffects);
    from += sf;
    to += st;
    sectors.push({
      sector: id,
      from_tco2e: sf,
      to_tco2e: st,
      change_tco2e: st - sf,
      effects: sectorEffects,
      carriers: results,
    });
  }
  return {
    from_year: input.from.year,
    to_year: input.to.year,
    from_tco2e: from,
    to_tco2e: to,
    change_tco2e: to - from,
    effects: total,
    sectors,
  };
}
