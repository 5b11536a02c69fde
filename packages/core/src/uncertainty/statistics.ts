/** Order statistics and rank correlation on plain arrays. */

/**
 * The q-quantile (q in [0, 1]) of an ascending sorted array, interpolating linearly between order statistics
 * (Hyndman and Fan's type 7, the default of R and NumPy).
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ranks 1..n, ties sharing their average rank. */
export function ranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a]! - x[b]!);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]!] === x[order[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]!] = avg;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation; 0 when either side has no variance (a constant tells nothing about the other). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation: Pearson correlation of the ranks (ties averaged). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Sample variance (n - 1 in the denominator). */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

/** Moves the k-th smallest value of a[lo..hi] to a[k], smaller ones before it, larger after (quickselect). */
function selectRange(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot.
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Puts the order statistics ks (ascending) in place: the middle one first, then each side within its part. */
function multiSelect(a: Float64Array, ks: readonly number[], lo: number, hi: number): void {
  if (ks.length === 0 || lo >= hi) return;
  const m = ks.length >>> 1;
  const k = ks[m]!;
  selectRange(a, k, lo, hi);
  multiSelect(a, ks.slice(0, m), lo, k - 1);
  multiSelect(a, ks.slice(m + 1), k + 1, hi);
}

/**
 * Type-7 quantiles (as `sortedQuantile` on the sorted array) of an unsorted array, by selection instead of a
 * full sort; `qs` in [0, 1]. Reorders `a`.
 */
export function quantilesInPlace(a: Float64Array, qs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return qs.map(() => Number.NaN);
  const ks = new Set<number>();
  for (const q of qs) {
    const k = Math.floor((n - 1) * q);
    ks.add(k);
    if (k + 1 < n) ks.add(k + 1);
  }
  multiSelect(
    a,
    [...ks].sort((x, y) => x - y),
    0,
    n - 1,
  );
  return qs.map((q) => {
    const h = (n - 1) * q;
    const k = Math.floor(h);
    return k + 1 < n ? a[k]! + (h - k) * (a[k + 1]! - a[k]!) : a[k]!;
  });
}
