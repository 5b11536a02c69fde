/**
 * Sample designs: independent uniforms or a Latin hypercube, optionally made dependent through a Gaussian
 * copula, then mapped through each parameter's inverse CDF.
 *
 * Layout: a sample block is a Float64Array of n rows (samples) by p columns (parameters), row-major.
 */
import { type Problem, problem } from "../errors.ts";
import { type Distribution, normalCdf, normalQuantile, quantile } from "./distributions.ts";
import { type RandomSource, randomInt } from "./random.ts";

export type SamplingMethod = "random" | "lhs";

/** One uncertain input. `id` names it in results and tornado tables. */
export interface UncertainParameter {
  readonly id: string;
  /** A label for tables and charts (the id when absent). */
  readonly label?: string;
  readonly distribution: Distribution;
}

/** Correlation of two parameters' normal scores (Gaussian copula), -1 < rho < 1. */
export interface Correlation {
  readonly a: string;
  readonly b: string;
  readonly rho: number;
}

/** n x p uniforms in (0, 1), either independent or a Latin hypercube (one point per stratum per column). */
export function uniformDesign(n: number, p: number, rng: RandomSource, method: SamplingMethod): Float64Array {
  const u = new Float64Array(n * p);
  if (method === "random") {
    for (let i = 0; i < n * p; i++) u[i] = rng.next();
    return u;
  }
  const perm = new Int32Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    // Fisher-Yates shuffle of the strata.
    for (let i = n - 1; i > 0; i--) {
      const k = randomInt(rng, i + 1);
      const t = perm[i]!;
      perm[i] = perm[k]!;
      perm[k] = t;
    }
    for (let i = 0; i < n; i++) u[i * p + j] = (perm[i]! + rng.next()) / n;
  }
  return u;
}

/**
 * Cholesky factor L (lower, row-major p x p) of a symmetric matrix, or undefined when it is not positive
 * definite.
 */
export function cholesky(m: Float64Array, p: number): Float64Array | undefined {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * p + j]!;
      for (let k = 0; k < j; k++) s -= L[i * p + k]! * L[j * p + k]!;
      if (i === j) {
        if (s <= 1e-12) return undefined;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j]!;
    }
  }
  return L;
}

/** A prepared sampler: parameter order, distributions and (if any) the copula's Cholesky factor. */
export interface Sampler {
  readonly parameters: readonly UncertainParameter[];
  readonly cholesky?: Float64Array;
}

/**
 * Builds the sampler, checking the correlations (known ids, |rho| < 1, no pair twice, matrix positive
 * definite). Problems name `correlations[i]`.
 */
export function prepareSampler(
  parameters: readonly UncertainParameter[],
  correlations: readonly Correlation[] = [],
): { ok: true; sampler: Sampler } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  parameters.forEach((q, i) => {
    if (index.has(q.id))
      problems.push(
        problem("DUPLICATE", `parameter "${q.id}" is defined twice`, { path: `parameters[${i}].id` }),
      );
    index.set(q.id, i);
  });
  if (correlations.length === 0)
    return problems.length ? { ok: false, problems } : { ok: true, sampler: { parameters } };
  const p = parameters.length;
  const m = new Float64Array(p * p);
  for (let i = 0; i < p; i++) m[i * p + i] = 1;
  const seen = new Set<string>();
  correlations.forEach((c, k) => {
    const path = `correlations[${k}]`;
    const ia = index.get(c.a);
    const ib = index.get(c.b);
    if (ia === undefined)
      problems.push(problem("UNKNOWN_REFERENCE", `no uncertain parameter "${c.a}"`, { path: `${path}.a` }));
    if (ib === undefined)
      problems.push(problem("UNKNOWN_REFERENCE", `no uncertain parameter "${c.b}"`, { path: `${path}.b` }));
    if (!(Number.isFinite(c.rho) && c.rho > -1 && c.rho < 1))
      problems.push(
        problem("BAD_VALUE", `rho must be strictly between -1 and 1, got ${c.rho}`, { path: `${path}.rho` }),
      );
    if (ia === undefined || ib === undefined) return;
    if (ia === ib) {
      problems.push(
        problem("BAD_VALUE", `a parameter cannot be correlated with itself ("${c.a}")`, { path }),
      );
      return;
    }
    const key = ia < ib ? `${ia},${ib}` : `${ib},${ia}`;
    if (seen.has(key))
      problems.push(problem("DUPLICATE", `the pair ${c.a}/${c.b} is correlated twice`, { path }));
    seen.add(key);
    m[ia * p + ib] = c.rho;
    m[ib * p + ia] = c.rho;
  });
  if (problems.length) return { ok: false, problems };
  const L = cholesky(m, p);
  if (!L)
    return {
      ok: false,
      problems: [
        problem(
          "BAD_VALUE",
          "the correlations are not consistent with each other (the correlation matrix is not positive definite); weaken some of them",
          { path: "correlations" },
        ),
      ],
    };
  return { ok: true, sampler: { parameters, cholesky: L } };
}

/**
 * Draws n samples into a row-major n x p block of parameter values. With a copula, each row's uniforms
 * become normal scores z, are mixed as L z, and mapped back to uniforms before the inverse CDFs; a Latin
 * hypercube stays stratified in the independent scores and approximately so after mixing.
 */
export function drawSamples(
  sampler: Sampler,
  n: number,
  rng: RandomSource,
  method: SamplingMethod,
): Float64Array {
  const p = sampler.parameters.length;
  const u = uniformDesign(n, p, rng, method);
  const L = sampler.cholesky;
  if (L) {
    const z = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      for (let j = 0; j < p; j++) z[j] = normalQuantile(u[row + j]!);
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += L[j * p + k]! * z[k]!;
        // Keep the uniform strictly inside (0, 1) when the tail underflows.
        u[row + j] = Math.min(1 - 1e-16, Math.max(1e-16, normalCdf(s)));
      }
    }
  }
  const dists = sampler.parameters.map((q) => q.distribution);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) u[row + j] = quantile(dists[j]!, u[row + j]!);
  }
  return u;
}
