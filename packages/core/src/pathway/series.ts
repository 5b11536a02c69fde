/**
 * Time series of drivers: values given for some years, read for any year of the model by a declared rule.
 * Between given years: `linear` interpolation or `step` (the earlier value holds). Outside them: `hold`
 * (the nearest given value, a visible assumption of the instance) or `none` (an error naming the year).
 */
import { CitypathError, problem } from "../errors.ts";

export interface SeriesSpec {
  readonly values: Readonly<Record<string, number>>;
  readonly interpolation: "linear" | "step";
  readonly extrapolate: "hold" | "none";
}

/** A series ready to read: years ascending, values aligned. */
export interface Series {
  readonly years: readonly number[];
  readonly values: readonly number[];
  readonly interpolation: "linear" | "step";
  readonly extrapolate: "hold" | "none";
}

export function toSeries(spec: SeriesSpec): Series {
  const entries = Object.entries(spec.values)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  return {
    years: entries.map((e) => e[0]),
    values: entries.map((e) => e[1]),
    interpolation: spec.interpolation,
    extrapolate: spec.extrapolate,
  };
}

/** How a value was read: given, interpolated between two years, or held from the nearest year. */
export interface SeriesReading {
  readonly value: number;
  readonly how: "given" | "interpolated" | "held";
  readonly from: readonly number[];
}

/** Reads the series in `year`; undefined when the year is outside and the series does not extrapolate. */
export function readSeries(s: Series, year: number): SeriesReading | undefined {
  const ys = s.years;
  const n = ys.length;
  if (n === 0) return undefined;
  if (year < ys[0]!)
    return s.extrapolate === "hold" ? { value: s.values[0]!, how: "held", from: [ys[0]!] } : undefined;
  if (year > ys[n - 1]!)
    return s.extrapolate === "hold"
      ? { value: s.values[n - 1]!, how: "held", from: [ys[n - 1]!] }
      : undefined;
  let i = 0;
  while (ys[i]! < year) i++;
  if (ys[i] === year) return { value: s.values[i]!, how: "given", from: [year] };
  const y0 = ys[i - 1]!;
  const y1 = ys[i]!;
  const v0 = s.values[i - 1]!;
  const v1 = s.values[i]!;
  if (s.interpolation === "step") return { value: v0, how: "interpolated", from: [y0] };
  return { value: v0 + ((v1 - v0) * (year - y0)) / (y1 - y0), how: "interpolated", from: [y0, y1] };
}

/** Like readSeries, but throws MISSING_YEAR naming the series. */
export function seriesValue(s: Series, year: number, name: string): number {
  const r = readSeries(s, year);
  if (!r)
    throw new CitypathError(
      problem(
        "MISSING_YEAR",
        `"${name}" has no value for ${year} (given ${s.years[0]}–${s.years[s.years.length - 1]}) and does not extrapolate`,
      ),
    );
  return r.value;
}
