/** A small seeded PRNG (mulberry32) with the draws the generator needs; the same seed gives the same dossiers. */

/** 32-bit hash of seed parts (FNV-1a over their text), for independent sub-streams per dossier and attempt. */
export function hashSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Index drawn with the given (non-negative) weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)]!;
  }

  /** Log-normal with the given median; `spread` is the sigma of the underlying normal. */
  logNormal(median: number, spread: number): number {
    const u = 1 - this.next();
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * z);
  }

  /** Triangular on [0, 1] with the given mode. */
  triangular(mode: number): number {
    const u = this.next();
    return u < mode ? Math.sqrt(u * mode) : 1 - Math.sqrt((1 - u) * (1 - mode));
  }

  /** k distinct indexes of [0, n), in random order (partial Fisher–Yates). */
  sample(n: number, k: number): number[] {
    const xs = Array.from({ length: n }, (_, i) => i);
    const m = Math.min(k, n);
    for (let i = 0; i < m; i++) {
      const j = i + this.int(n - i);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs.slice(0, m);
  }
}

/** Cumulative table for many draws from one fixed distribution (binary search per draw). */
export class WeightedTable<T> {
  private readonly cum: Float64Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cum = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => (this.cum[i] = acc += Math.max(0, w)));
  }

  get total(): number {
    return this.cum.length ? this.cum[this.cum.length - 1]! : 0;
  }

  draw(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
