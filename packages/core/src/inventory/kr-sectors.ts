/**
 * Which GPC line counts in which of Korea's seven local plan sectors (the sectors themselves are declared
 * in vocabulary/sectors.ts). One rule keeps
 * electricity from being counted twice: the Korean sectors are formed on the consumption basis, so grid
 * electricity and heat count where they are used (the x.x.2 scope-2 lines), and generation supplied to the grid
 * (I.4.4, territorial only) is left out. Scope-3 lines of stationary energy and transport (transmission and
 * distribution losses, the out-of-boundary part of transboundary journeys), waste from outside the city
 * (III.x.3) and other scope 3 (VI.1) are left out too. So the sum of the seven sectors is BASIC + IV + V.
 */
import { KR_SECTORS, type KrSectorId } from "../vocabulary/sectors.ts";
import type { GpcReference } from "./gpc.ts";

/** Why a line is left out of the Korean sectors, or undefined when it is counted. */
export function krExclusion(ref: GpcReference): string | undefined {
  if (ref.ref === "I.4.4") return "generation supplied to the grid is counted at the users (scope 2)";
  if (ref.level === "other") return "other scope 3 is in no total";
  if ((ref.sector === "I" || ref.sector === "II") && ref.scope === 3)
    return "scope 3 of energy and transport (losses, transboundary journeys) is outside the plan basis";
  if (ref.sector === "III" && ref.level === "territorial")
    return "waste from outside the city is counted by the city it comes from";
  return undefined;
}

/** The Korean sector a GPC line counts in, or undefined when it is left out (see krExclusion). */
export function krSectorOf(ref: GpcReference): KrSectorId | undefined {
  if (krExclusion(ref)) return undefined;
  let best: { id: KrSectorId; depth: number } | undefined;
  for (const s of KR_SECTORS) {
    for (const p of s.gpc) {
      if (ref.ref === p || ref.ref.startsWith(`${p}.`)) {
        const depth = p.split(".").length;
        if (!best || depth > best.depth) best = { id: s.id, depth };
      }
    }
  }
  return best?.id;
}
