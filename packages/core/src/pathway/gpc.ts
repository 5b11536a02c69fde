/**
 * What the pathway engine reads of a GPC v1.1 reference number, from the inventory's reference list
 * (inventory/gpc.ts) and its Korean plan sectors (inventory/kr-sectors.ts): scope, the standard totals the
 * line counts in, and its Korean sector. A line outside the Korean sectors (I.4.4, scope 3 of energy and
 * transport, III.x.3, VI.1) has no sector and counts in no sector total; an instance may set one.
 */
import { countsIn, type GpcScope, gpcReference } from "../inventory/gpc.ts";
import { krSectorOf } from "../inventory/kr-sectors.ts";
import type { KrSectorId } from "../vocabulary/sectors.ts";

/** The standard bases every model reports, in this order, before the instance's own bases. */
export const STANDARD_BASES = ["basic", "basic_plus", "territorial"] as const;
export type StandardBasis = (typeof STANDARD_BASES)[number];

/** The shape of a reference number (I.1.1, II.1.2, IV.1, V.2); membership is checked against the list. */
export const GPC_REF_PATTERN = /^(I|II|III|IV|V|VI)\.[1-9](\.[1-9])?$/;

export interface GpcLineInfo {
  readonly gpc_ref: string;
  readonly scope: GpcScope;
  readonly basic: boolean;
  readonly basic_plus: boolean;
  readonly territorial: boolean;
  /** Undefined when the line is outside the Korean plan sectors. */
  readonly kr_sector: KrSectorId | undefined;
}

/** Undefined when `ref` is not in the GPC v1.1 reference list. */
export function gpcLineInfo(ref: string): GpcLineInfo | undefined {
  const r = gpcReference(ref);
  if (!r) return undefined;
  return { gpc_ref: ref, scope: r.scope, ...countsIn(r), kr_sector: krSectorOf(r) };
}
