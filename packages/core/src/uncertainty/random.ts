/**
 * Seeded random sources. The core never calls `Math.random`: a `RandomSource` is passed in, so the same seed
 * gives the same samples, bit for bit, in Node and in the browser (only 32-bit integer arithmetic is used).
 *
 * The generator is xoshiro128** (Blackman and Vigna, 2018), written from its published definition; the
 * 128-bit state is filled from the seed with a splitmix-style 32-bit mixer, as its authors recommend.
 */

export interface RandomSource {
  /** A uniform number strictly inside (0, 1): never 0 nor 1, so inverse CDFs stay finite. */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Hashes a string seed to 32 bits (FNV-1a), so `--seed jeonju-2030` works as well as `--seed 42`. */
export function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The splitmix-style sequence that expands a 32-bit seed into the generator's state. */
function seedWords(seed: number, n: number): number[] {
  let a = seed | 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a = (a + 0x9e3779b9) | 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    out.push((z ^ (z >>> 16)) >>> 0);
  }
  return out;
}

/** xoshiro128**: period 2^128 - 1, passes BigCrush; state is four 32-bit words. */
export class Xoshiro128 implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number | string) {
    const n = typeof seed === "string" ? seedFromString(seed) : seed;
    if (!Number.isFinite(n)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const w = seedWords(Math.trunc(n) >>> 0, 4);
    this.s0 = w[0]!;
    this.s1 = w[1]!;
    this.s2 = w[2]!;
    this.s3 = w[3]!;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the given raw state (four 32-bit words, not all zero), for reference vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const g = new Xoshiro128(0);
    g.s0 = s0 | 0;
    g.s1 = s1 | 0;
    g.s2 = s2 | 0;
    g.s3 = s3 | 0;
    return g;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  next(): number {
    // (k + 0.5) / 2^32 lies strictly inside (0, 1).
    return (this.nextUint32() + 0.5) / 4294967296;
  }
}

/** The default random source of the presets: xoshiro128** seeded with `seed`. */
export function createRandom(seed: number | string): RandomSource {
  return new Xoshiro128(seed);
}

/** A uniform integer in [0, n) without modulo bias. */
export function randomInt(rng: RandomSource, n: number): number {
  if (n <= 1) return 0;
  const limit = 4294967296 - (4294967296 % n);
  for (;;) {
    const x = rng.nextUint32();
    if (x < limit) return x % n;
  }
}
