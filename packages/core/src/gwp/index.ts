/**
 * Global-warming-potential sets. A GWP set turns tonnes of one gas into tonnes of CO2e (100-year horizon).
 * The values with their sources live in @citypath/data (GWP_SETS); the core only defines the shape and the
 * one function that applies a set, so that every inventory record can say which set it used.
 */
import { z } from "zod";
import { CitypathError, fail, ok, problem, type Result } from "../errors.ts";

/** The built-in set names (IPCC assessment reports, 100-year GWPs). */
export const GWP_SET_NAMES = ["SAR", "AR4", "AR5", "AR6"] as const;
export type GwpSetName = (typeof GWP_SET_NAMES)[number];

/** One gas's 100-year GWP (tCO2e per tonne of gas) and where it comes from. */
export interface GwpValue {
  readonly value: number;
  /** Publication and table, e.g. "IPCC AR5 WG1 (2013) Table 8.A.1". */
  readonly source: string;
  readonly note?: string;
}

export interface GwpSet {
  readonly name: GwpSetName | string;
  /** What the set is, in one line. */
  readonly title: string;
  /** Year the assessment report was published. */
  readonly year: number;
  /** Gas name (CO2, CH4, CH4-fossil, N2O, SF6, NF3, HFC-134a, ...) to its GWP. */
  readonly gases: Readonly<Record<string, GwpValue>>;
}

/** A GWP set as stored and sent. */
export const GwpSetSchema = z.object({
  name: z.string(),
  title: z.string(),
  year: z.int(),
  gases: z.record(
    z.string(),
    z.object({ value: z.number(), source: z.string(), note: z.string().optional() }),
  ),
});
// the schema and the interface describe the same set
const _gwpSet: z.ZodType<GwpSet> = GwpSetSchema;

/** The pseudo-gas of a factor that is already in CO2e: its GWP is 1 in every set. */
export const CO2E_GAS = "CO2e";

/** GWP of `gas` in `set`, 1 for CO2e; an UNKNOWN_GAS problem when the set does not have the gas. */
export function gwpOf(set: GwpSet, gas: string): Result<number> {
  if (gas === CO2E_GAS) return ok(1);
  const v = set.gases[gas];
  if (!v) {
    return fail([
      problem(
        "UNKNOWN_GAS",
        `gas "${gas}" is not in GWP set ${set.name} (it has ${Object.keys(set.gases).join(", ")}, and CO2e)`,
      ),
    ]);
  }
  return ok(v.value);
}

/** Tonnes of a gas to tonnes of CO2e under `set`; throws for a gas the set does not have. */
export function toCO2e(set: GwpSet, gas: string, tonnes: number): number {
  const r = gwpOf(set, gas);
  if (!r.ok) throw new CitypathError(r.problems);
  return tonnes * r.value;
}
