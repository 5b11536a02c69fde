/**
 * Probability distributions for uncertain parameters, sampled by inverse CDF (a uniform number u in (0, 1)
 * becomes the u-quantile), so that Latin hypercube designs and the Gaussian copula work for every kind.
 *
 * Values are in the parameter's own canonical unit; a distribution carries no unit of its own.
 */
import { type Problem, problem } from "../errors.ts";

export type Distribution =
  /** Normal with mean and standard deviation. */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number }
  /**
   * Lognormal: ln(X) is normal with mean `mu` and standard deviation `sigma` (the median is exp(mu)).
   * `lognormalFromMeanSd` builds it from the arithmetic mean and standard deviation.
   */
  | { readonly kind: "lognormal"; readonly mu: number; readonly sigma: number }
  /** Triangular between min and max with its peak at mode. */
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  /** Uniform between min and max. */
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  /**
   * A discrete set of scenario values (e.g. the grid factor paths of three national plans), with optional
   * weights (relative, need not sum to 1; equal when omitted) and labels.
   */
  | {
      readonly kind: "discrete";
      readonly values: readonly number[];
      readonly weights?: readonly number[];
      readonly labels?: readonly string[];
    };

export const DISTRIBUTION_KINDS = ["normal", "lognormal", "triangular", "uniform", "discrete"] as const;

/** Lognormal with the given arithmetic mean (> 0) and standard deviation (>= 0). */
export function lognormalFromMeanSd(mean: number, sd: number): Distribution {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { kind: "lognormal", mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

// Coefficients of P. J. Acklam's rational approximation to the inverse normal CDF (relative error < 1.2e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The standard normal quantile Φ⁻¹(p) for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  return x;
}

/**
 * The complementary error function, by the Chebyshev-fitted exponential of Press et al. (Numerical Recipes,
 * 2nd ed., §6.2), fractional error below 1.2e-7 everywhere.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** The standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The u-quantile of a distribution (inverse CDF), u in (0, 1). */
export function quantile(d: Distribution, u: number): number {
  switch (d.kind) {
    case "normal":
      return d.mean + d.sd * normalQuantile(u);
    case "lognormal":
      return Math.exp(d.mu + d.sigma * normalQuantile(u));
    case "uniform":
      return d.min + (d.max - d.min) * u;
    case "triangular": {
      const { min, mode, max } = d;
      const w = max - min;
      if (w === 0) return min;
      const f = (mode - min) / w;
      return u < f ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
    }
    case "discrete": {
      const n = d.values.length;
      const w = d.weights;
      if (!w) return d.values[Math.min(n - 1, Math.floor(u * n))]!;
      let total = 0;
      for (const x of w) total += x;
      let acc = 0;
      const target = u * total;
      for (let i = 0; i < n; i++) {
        acc += w[i]!;
        if (target < acc) return d.values[i]!;
      }
      return d.values[n - 1]!;
    }
  }
}

/** The distribution's mean. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case "normal":
      return d.mean;
    case "lognormal":
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case "uniform":
      return (d.min + d.max) / 2;
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
    case "discrete": {
      const w = d.weights ?? d.values.map(() => 1);
      let s = 0;
      let t = 0;
      d.values.forEach((v, i) => {
        s += v * w[i]!;
        t += w[i]!;
      });
      return s / t;
    }
  }
}

/** The distribution's variance. */
export function distributionVariance(d: Distribution): number {
  switch (d.kind) {
    case "normal":
      return d.sd * d.sd;
    case "lognormal": {
      const s2 = d.sigma * d.sigma;
      return (Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2);
    }
    case "uniform":
      return (d.max - d.min) ** 2 / 12;
    case "triangular": {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case "discrete": {
      const m = distributionMean(d);
      const w = d.weights ?? d.values.map(() => 1);
      let s = 0;
      let t = 0;
      d.values.forEach((v, i) => {
        s += (v - m) ** 2 * w[i]!;
        t += w[i]!;
      });
      return s / t;
    }
  }
}

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Checks a distribution's parameters; every problem names `path` (e.g. `uncertainty[2].distribution`). */
export function validateDistribution(d: Distribution, path: string): Problem[] {
  const out: Problem[] = [];
  const bad = (field: string, why: string) =>
    out.push(problem("BAD_VALUE", `${d.kind} distribution: ${why}`, { path: `${path}.${field}` }));
  const num = (field: string, v: unknown) => {
    if (!finite(v)) {
      out.push(
        problem("BAD_NUMBER", `${field} must be a finite number, got ${String(v)}`, {
          path: `${path}.${field}`,
        }),
      );
      return false;
    }
    return true;
  };
  switch (d.kind) {
    case "normal":
      if (num("mean", d.mean) && num("sd", d.sd) && d.sd < 0) bad("sd", `sd must be >= 0, got ${d.sd}`);
      break;
    case "lognormal":
      if (num("mu", d.mu) && num("sigma", d.sigma) && d.sigma < 0)
        bad("sigma", `sigma must be >= 0, got ${d.sigma}`);
      break;
    case "uniform":
      if (num("min", d.min) && num("max", d.max) && d.max < d.min)
        bad("max", `max ${d.max} is below min ${d.min}`);
      break;
    case "triangular":
      if (
        num("min", d.min) &&
        num("mode", d.mode) &&
        num("max", d.max) &&
        !(d.min <= d.mode && d.mode <= d.max)
      )
        bad("mode", `needs min <= mode <= max, got ${d.min}, ${d.mode}, ${d.max}`);
      break;
    case "discrete": {
      if (!Array.isArray(d.values) || d.values.length === 0) {
        bad("values", "needs at least one value");
        break;
      }
      d.values.forEach((v, i) => {
        num(`values[${i}]`, v);
      });
      if (d.weights) {
        if (d.weights.length !== d.values.length)
          bad("weights", `has ${d.weights.length} weights for ${d.values.length} values`);
        d.weights.forEach((w, i) => {
          if (num(`weights[${i}]`, w) && w < 0) bad(`weights[${i}]`, `weight must be >= 0, got ${w}`);
        });
        if (d.weights.every((w) => w === 0)) bad("weights", "all weights are zero");
      }
      if (d.labels && d.labels.length !== d.values.length)
        bad("labels", `has ${d.labels.length} labels for ${d.values.length} values`);
      break;
    }
    default:
      out.push(
        problem(
          "BAD_VALUE",
          `unknown distribution kind "${(d as { kind: unknown }).kind}"; one of ${DISTRIBUTION_KINDS.join(", ")}`,
          {
            path: `${path}.kind`,
          },
        ),
      );
  }
  return out;
}
