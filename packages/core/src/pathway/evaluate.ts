/**
 * The fast path: one evaluation of a compiled model for one vector of action levels. No allocation when an
 * `out` result is passed (createResult once, then reuse it on every slider move). Deterministic: fixed loop
 * orders, no maps, the same arithmetic in the same order on every run.
 *
 * Combination per line and year (actions/interface.ts states it for action authors):
 *   S = product_a max(0, 1 - level_a x scale_a)                     scale effects, action order
 *   D = sum_a level_a x delta_a + level_a x follows_a x S            delta effects, action order
 *   E = BAU x S + D, set to 0 when negative unless the line is a sink
 * Attribution to actions (sums to BAU - E):
 *   scale action a:  BAU x (1 - S) x ln(f_a) / sum ln(f)    (f_a = its factor; when some f is exactly 0,
 *                    the actions with f = 0 share BAU x (1 - S) equally)
 *   delta action a:  -(its delta contribution) x k, k = BAU x S / (-D) when the cap at 0 binds, else 1
 */
import { KR_SECTOR_IDS } from "../vocabulary/sectors.ts";
import {
  type CompiledModel,
  EFFECT_DELTA_FOLLOWS,
  EFFECT_MARKET,
  EFFECT_SCALE,
  NO_SECTOR,
  type PathwayResult,
} from "./model.ts";

/** Allocates a result with every array sized for the model. */
export function createResult(m: CompiledModel): PathwayResult {
  const cells = m.nYears * m.nLines;
  return {
    emissions: new Float64Array(cells),
    abatement: new Float64Array(m.nActions * m.nYears),
    basis: new Float64Array(m.bases.length * m.nYears),
    sector: new Float64Array(KR_SECTOR_IDS.length * m.nYears),
    cumulative: new Float64Array(m.bases.length * m.nYears),
    gap: new Float64Array(m.targets.length * m.nYears),
    scale: new Float64Array(cells),
    delta: new Float64Array(cells),
    logSum: new Float64Array(cells),
    zeros: new Float64Array(cells),
    effLog: new Float64Array(m.nEffects * m.nYears),
    market: {
      emissions: new Float64Array(cells),
      abatement: new Float64Array(m.nActions * m.nYears),
      basis: new Float64Array(m.bases.length * m.nYears),
      sector: new Float64Array(KR_SECTOR_IDS.length * m.nYears),
      cumulative: new Float64Array(m.bases.length * m.nYears),
      gap: new Float64Array(m.targets.length * m.nYears),
      delta: new Float64Array(cells),
    },
  };
}

export function evaluate(
  m: CompiledModel,
  levels: ArrayLike<number>,
  out: PathwayResult = createResult(m),
): PathwayResult {
  if (levels.length !== m.nActions)
    throw new RangeError(`levels has ${levels.length} entries; the model has ${m.nActions} actions`);
  for (let a = 0; a < levels.length; a++) {
    const lev = levels[a]!;
    if (!(lev >= 0 && lev < Number.POSITIVE_INFINITY))
      throw new RangeError(
        `the level of action "${m.actions[a]!.id}" is ${lev}; a level is a finite number ≥ 0`,
      );
  }
  const Y = m.nYears;
  const L = m.nLines;
  const E = m.nEffects;
  const { effAction, effLine, effKind, effValues, sink, bau } = m;
  // Scratch arrays are line-major (l * Y + y) so that effect rows and cells run side by side; bau and
  // emissions are year-major (y * L + l), as documented in model.ts.
  const S = out.scale;
  const D = out.delta;
  const LS = out.logSum;
  const Z = out.zeros;
  const em = out.emissions;
  const ab = out.abatement;
  S.fill(1);
  D.fill(0);
  LS.fill(0);
  Z.fill(0);
  ab.fill(0);

  // 1. scale effects (activity and intensity changes); a zero fraction (factor 1) changes nothing
  const EL = out.effLog;
  for (let e = 0; e < E; e++) {
    if (effKind[e] !== EFFECT_SCALE) continue;
    const lev = levels[effAction[e]!]!;
    if (lev === 0) continue;
    const c = effLine[e]! * Y;
    const o = e * Y;
    for (let y = 0; y < Y; y++) {
      const v = effValues[o + y]!;
      if (v === 0) continue;
      let f = 1 - lev * v;
      if (f < 0) f = 0;
      const i = c + y;
      S[i] = S[i]! * f;
      if (f === 0) Z[i] = Z[i]! + 1;
      else {
        const g = -Math.log(f);
        EL[o + y] = g;
        LS[i] = LS[i]! + g;
      }
    }
  }
  // 2. delta effects
  for (let e = 0; e < E; e++) {
    const k = effKind[e]!;
    if (k === EFFECT_SCALE || k === EFFECT_MARKET) continue;
    const lev = levels[effAction[e]!]!;
    if (lev === 0) continue;
    const c = effLine[e]! * Y;
    const o = e * Y;
    if (k === EFFECT_DELTA_FOLLOWS)
      for (let y = 0; y < Y; y++) {
        const i = c + y;
        D[i] = D[i]! + lev * effValues[o + y]! * S[i]!;
      }
    else
      for (let y = 0; y < Y; y++) {
        const i = c + y;
        D[i] = D[i]! + lev * effValues[o + y]!;
      }
  }
  // 3. combine, cap
  for (let l = 0; l < L; l++) {
    const c = l * Y;
    const isSink = sink[l] !== 0;
    for (let y = 0; y < Y; y++) {
      const i = c + y;
      const j = y * L + l;
      const pre = bau[j]! * S[i]! + D[i]!;
      em[j] = pre < 0 && !isSink ? 0 : pre;
    }
  }
  // 4. attribution
  for (let e = 0; e < E; e++) {
    const a = effAction[e]!;
    const lev = levels[a]!;
    if (lev === 0) continue;
    const k = effKind[e]!;
    if (k === EFFECT_MARKET) continue;
    const l = effLine[e]!;
    const c = l * Y;
    const o = e * Y;
    const ao = a * Y;
    for (let y = 0; y < Y; y++) {
      if (effValues[o + y] === 0) continue;
      const i = c + y;
      const b = bau[y * L + l]!;
      const s = S[i]!;
      let v: number;
      if (k === EFFECT_SCALE) {
        let f = 1 - lev * effValues[o + y]!;
        if (f < 0) f = 0;
        const m0 = b - b * s;
        const z = Z[i]!;
        const ls = LS[i]!;
        if (z > 0) v = f === 0 ? m0 / z : 0;
        else v = ls === 0 ? 0 : (m0 * EL[o + y]!) / ls;
      } else {
        const contrib = k === EFFECT_DELTA_FOLLOWS ? lev * effValues[o + y]! * s : lev * effValues[o + y]!;
        const d = D[i]!;
        const pre = b * s + d;
        const scaleBack = pre < 0 && sink[l] === 0 ? (b * s) / -d : 1;
        v = -contrib * scaleBack;
      }
      ab[ao + y] = ab[ao + y]! + v;
    }
  }
  // 5. totals by basis, sector; cumulative; gaps (location-based)
  totals(m, em, out.basis, out.sector, out.cumulative, out.gap);
  // 6. market-based Scope 2: the location-based emissions with the instruments' deltas, capped at 0 per
  // line (an instrument cannot make a line negative); each instrument is credited its delta, scaled back
  // pro rata where the cap binds.
  const mk = out.market;
  const emM = mk.emissions;
  emM.set(em);
  mk.abatement.set(ab);
  const DM = mk.delta;
  let anyMarket = false;
  for (let e = 0; e < E; e++)
    if (effKind[e] === EFFECT_MARKET && levels[effAction[e]!]! !== 0) anyMarket = true;
  if (anyMarket) {
    DM.fill(0);
    for (let e = 0; e < E; e++) {
      if (effKind[e] !== EFFECT_MARKET) continue;
      const lev = levels[effAction[e]!]!;
      if (lev === 0) continue;
      const c = effLine[e]! * Y;
      const o = e * Y;
      for (let y = 0; y < Y; y++) DM[c + y] = DM[c + y]! + lev * effValues[o + y]!;
    }
    for (let e = 0; e < E; e++) {
      if (effKind[e] !== EFFECT_MARKET) continue;
      const a = effAction[e]!;
      const lev = levels[a]!;
      if (lev === 0) continue;
      const l = effLine[e]!;
      const o = e * Y;
      for (let y = 0; y < Y; y++) {
        const v = effValues[o + y]!;
        if (v === 0) continue;
        const loc = em[y * L + l]!;
        const d = DM[l * Y + y]!;
        const k = loc + d < 0 && sink[l] === 0 ? loc / -d : 1;
        mk.abatement[a * Y + y] = mk.abatement[a * Y + y]! - lev * v * k;
      }
    }
    for (let l = 0; l < L; l++)
      for (let y = 0; y < Y; y++) {
        const d = DM[l * Y + y]!;
        if (d === 0) continue;
        const j = y * L + l;
        const v = em[j]! + d;
        emM[j] = v < 0 && sink[l] === 0 ? 0 : v;
      }
  }
  totals(m, emM, mk.basis, mk.sector, mk.cumulative, mk.gap);
  return out;
}

/** Totals by basis and sector, cumulative sums by basis and gaps to each target path, from emissions. */
function totals(
  m: CompiledModel,
  em: Float64Array,
  bt: Float64Array,
  st: Float64Array,
  cum: Float64Array,
  gap: Float64Array,
): void {
  const Y = m.nYears;
  const L = m.nLines;
  for (let bi = 0; bi < m.bases.length; bi++) {
    const idx = m.bases[bi]!.lines;
    const o = bi * Y;
    let run = 0;
    for (let y = 0; y < Y; y++) {
      let t = 0;
      const r = y * L;
      for (let j = 0; j < idx.length; j++) t += em[r + idx[j]!]!;
      bt[o + y] = t;
      run += t;
      cum[o + y] = run;
    }
  }
  st.fill(0);
  const sec = m.sectorOf;
  for (let y = 0; y < Y; y++)
    for (let l = 0; l < L; l++) {
      if (sec[l] === NO_SECTOR) continue;
      const j = sec[l]! * Y + y;
      st[j] = st[j]! + em[y * L + l]!;
    }
  for (let t = 0; t < m.targets.length; t++) {
    const tg = m.targets[t]!;
    const o = t * Y;
    const bo = tg.basis * Y;
    for (let y = 0; y < Y; y++) gap[o + y] = bt[bo + y]! - tg.path[y]!;
  }
}
