/**
 * The city administration's own emissions (ESG in the administration): actions tag their effects
 * `municipal_operations` or `community`; this splits the abatement the engine attributes to each action
 * by those tags, year by year, so the city's own reductions are tracked on their own.
 *
 * An action's municipal share in a year = its municipal tonnes / all its tonnes, from its own model (a scale
 * effect counted as fraction × the line's BAU). Actions tag all their effects alike in practice (share 0 or
 * 1); a mixed action is split in proportion.
 */
import { type ActionContext, type ActionType, isScaleEffect } from "../interface.ts";

/** Share of the action's change in `year` that is the administration's own (0 when it changes nothing). */
export function municipalShare(
  t: ActionType<unknown>,
  params: unknown,
  year: number,
  ctx: ActionContext,
): number {
  let all = 0;
  let own = 0;
  for (const l of t.model(params, year, ctx).lines) {
    const v = isScaleEffect(l) ? -l.scale_fraction * ctx.bau(l.gpc_ref) : l.delta_tco2e;
    all += v;
    if (l.scope_tag === "municipal_operations") own += v;
  }
  return all === 0 || own === 0 ? 0 : own / all;
}

export interface ScopeSplit {
  /** Abatement by year (index = year − baseYear), tCO2e. */
  readonly municipal_operations: Float64Array;
  readonly community: Float64Array;
}

/**
 * Splits attributed abatement (a × nYears + y, tCO2e) by scope tag. `actions[a]` gives the type and parsed
 * parameters of action a, in the engine's order.
 */
export function abatementByScope(
  s: {
    readonly baseYear: number;
    readonly nYears: number;
    readonly actions: ReadonlyArray<{ readonly type: ActionType<unknown>; readonly params: unknown }>;
    readonly abatement: ArrayLike<number>;
  },
  ctxOf: (year: number) => ActionContext,
): ScopeSplit {
  const own = new Float64Array(s.nYears);
  const community = new Float64Array(s.nYears);
  for (let y = 0; y < s.nYears; y++) {
    const ctx = ctxOf(s.baseYear + y);
    s.actions.forEach((x, a) => {
      const ab = s.abatement[a * s.nYears + y]!;
      if (ab === 0) return;
      const share = municipalShare(x.type, x.params, s.baseYear + y, ctx);
      own[y] = own[y]! + ab * share;
      community[y] = community[y]! + ab * (1 - share);
    });
  }
  return { municipal_operations: own, community };
}
