import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Seeded randomness. Every draw comes from pure-rand's xoroshiro128+; nothing reads Math.random or the
 * clock, so a seed and the options fully determine the population.
 *
 * Streams are split by hashing (seed, household number, purpose) into independent generator seeds
 * rather than by sharing one sequence: adding a field to one agency's derivation then leaves every
 * other agency's records, and every later household, unchanged.
 */

/** murmur3's 32-bit finaliser: a cheap avalanche so that neighbouring seeds give unrelated streams. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines numbers into one well-mixed 32-bit seed. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = fmix32((h ^ fmix32((p | 0) + 0x7f4a7c15)) + 0x165667b1);
  return h;
}

/** FNV-1a over UTF-16 code units, finalised with fmix32 (for seeding by region code and the like). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const TWO_POW_32 = 4294967296;

export class Rng {
  private readonly g: { next(): number };

  constructor(seed: number) {
    this.g = xoroshiro128plus(seed | 0);
    // The first outputs of xoroshiro from a small seed are weak; discard a few.
    this.g.next();
    this.g.next();
    this.g.next();
  }

  u32(): number {
    return this.g.next() >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (plenty for shares and picks). */
  float(): number {
    return (this.g.next() >>> 0) / TWO_POW_32;
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)];
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/** A fixed discrete distribution with O(log n) draws (cumulative table built once). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('empty distribution');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`negative or invalid weight ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new Error('distribution weights sum to zero');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= total;
  }

  pick(rng: Rng): T {
    const x = rng.float();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
