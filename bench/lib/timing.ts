/** Timing helpers of the benches: the median of a few runs after one warm-up run. */

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `f` once to warm up, then `runs` times; the median milliseconds and the last value. */
export async function medianRun<T>(f: () => Promise<T> | T, runs = 3): Promise<{ ms: number; value: T }> {
  let value = await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await f();
    times.push(performance.now() - t0);
  }
  return { ms: Math.round(median(times)), value };
}
