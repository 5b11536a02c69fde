/**
 * Parsed units and their algebra. A unit is a scale to canonical units and a vector of dimension
 * exponents; `t/TJ` is { mass: 1, energy: -1 } with scale 1e-6. Named counts that the table does not know
 * (head, tree, vehicle, vkm...) become dimensions of their own, so `kg/head` times `head` is mass, and
 * `kg/head` times `tree` is an error naming both units.
 */
import { CitypathError, fail, ok, problem, type Result } from "../errors.ts";
import { type Dimension, GAS_SUFFIXES, PREFIXES, SYMBOL_ALIASES, UNIT_TABLE } from "./table.ts";

export type DimensionVector = Readonly<Record<string, number>>;

export interface Unit {
  /** The unit as written after normalisation (`천kWh`, `kgCO2e/MWh`). */
  readonly symbol: string;
  /** Multiply a value in this unit by `scale` to get canonical units of its dimensions. */
  readonly scale: number;
  readonly dims: DimensionVector;
  /** The gas named in a mass numerator (kgCH4/TJ -> CH4), if any. */
  readonly gas?: string;
  /** Symbols not in the unit table that became dimensions of their own (head, tree...). */
  readonly custom: readonly string[];
}

export interface ParseOptions {
  /** Accept symbols that are not in the table as named count dimensions. Default false. */
  readonly allowCustom?: boolean;
}

function normaliseSymbol(raw: string): string {
  let s = raw.trim();
  for (const [from, to] of Object.entries(SYMBOL_ALIASES)) {
    if (s.includes(from)) s = s.split(from).join(to);
  }
  return s;
}

const CUSTOM_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

interface Atom {
  scale: number;
  dims: Record<string, number>;
  gas?: string;
  custom?: string;
}

function parseAtom(sym: string, opts: ParseOptions): Atom | string {
  let prefixScale = 1;
  let s = sym;
  for (const [p, k] of Object.entries(PREFIXES)) {
    if (s.startsWith(p) && s.length > p.length) {
      prefixScale = k;
      s = s.slice(p.length);
      break;
    }
  }
  const known = UNIT_TABLE[s];
  if (known) return { scale: prefixScale * known.scale, dims: { [known.dimension]: 1 } };
  // mass of a named gas: kgCO2, tCH4, gN2O
  for (const gas of GAS_SUFFIXES) {
    if (s.endsWith(gas)) {
      const base = UNIT_TABLE[s.slice(0, -gas.length)];
      if (base && base.dimension === "mass")
        return { scale: prefixScale * base.scale, dims: { mass: 1 }, gas };
    }
  }
  if (opts.allowCustom && CUSTOM_RE.test(s)) return { scale: prefixScale, dims: { [`~${s}`]: 1 }, custom: s };
  return `unknown unit "${sym}"`;
}

/** Parses `kWh`, `천Nm3`, `t/TJ`, `kgCO2e/MWh`, `t/ha/yr`, `kg/head`. Products are not written in units here. */
export function parseUnit(raw: string, opts: ParseOptions = {}): Result<Unit> {
  const symbol = normaliseSymbol(raw);
  if (symbol === "") return fail([problem("UNKNOWN_UNIT", "the unit is empty")]);
  const parts = symbol.split("/");
  const dims: Record<string, number> = {};
  let scale = 1;
  let gas: string | undefined;
  const custom: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.trim();
    const atom = parseAtom(part, opts);
    if (typeof atom === "string") return fail([problem("UNKNOWN_UNIT", `${atom} in "${raw}"`)]);
    const sign = i === 0 ? 1 : -1;
    scale = sign > 0 ? scale * atom.scale : scale / atom.scale;
    for (const [d, e] of Object.entries(atom.dims)) {
      const next = (dims[d] ?? 0) + sign * e;
      if (next === 0) delete dims[d];
      else dims[d] = next;
    }
    if (atom.gas) {
      if (i !== 0)
        return fail([problem("UNKNOWN_UNIT", `a gas may be named only in the numerator of "${raw}"`)]);
      gas = atom.gas;
    }
    if (atom.custom) custom.push(atom.custom);
  }
  return ok({ symbol, scale, dims, custom, ...(gas ? { gas } : {}) });
}

/** Like parseUnit, but throws a CitypathError; for units written in code, which must be valid. */
export function unit(raw: string, opts: ParseOptions = {}): Unit {
  const r = parseUnit(raw, opts);
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}

export function sameDimensions(a: DimensionVector, b: DimensionVector): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** Product of two units' dimensions (for activity x factor). */
export function multiplyDims(a: DimensionVector, b: DimensionVector): DimensionVector {
  const out: Record<string, number> = { ...a };
  for (const [k, e] of Object.entries(b)) {
    const next = (out[k] ?? 0) + e;
    if (next === 0) delete out[k];
    else out[k] = next;
  }
  return out;
}

export function describeDims(d: DimensionVector): string {
  const num: string[] = [];
  const den: string[] = [];
  for (const [k, e] of Object.entries(d)) {
    const name = k.startsWith("~") ? k.slice(1) : k;
    const s = Math.abs(e) === 1 ? name : `${name}^${Math.abs(e)}`;
    (e > 0 ? num : den).push(s);
  }
  if (num.length === 0 && den.length === 0) return "dimensionless";
  return `${num.join("·") || "1"}${den.length ? `/${den.join("/")}` : ""}`;
}

/** The single dimension of a simple unit, or undefined for a compound one. */
export function simpleDimension(u: Unit): Dimension | undefined {
  const entries = Object.entries(u.dims);
  if (entries.length !== 1 || entries[0]![1] !== 1) return undefined;
  const d = entries[0]![0];
  return d.startsWith("~") ? undefined : (d as Dimension);
}

/** Factor that converts a value in `from` into `to`; an error names both units when they do not convert. */
export function conversionFactor(from: Unit, to: Unit): Result<number> {
  if (!sameDimensions(from.dims, to.dims)) {
    return fail([
      problem(
        "UNIT_MISMATCH",
        `"${from.symbol}" (${describeDims(from.dims)}) cannot be converted to "${to.symbol}" (${describeDims(to.dims)})`,
      ),
    ]);
  }
  return ok(from.scale / to.scale);
}

export function convert(value: number, from: string | Unit, to: string | Unit): number {
  const f = typeof from === "string" ? unit(from) : from;
  const t = typeof to === "string" ? unit(to) : to;
  const r = conversionFactor(f, t);
  if (!r.ok) throw new CitypathError(r.problems);
  return f.scale === t.scale ? value : (value * f.scale) / t.scale;
}
