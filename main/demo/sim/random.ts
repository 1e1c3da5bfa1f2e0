// A seeded random source, so a scenario run with the same seed produces the same calls, callers
// and timings. mulberry32: small, fast, and good enough for simulated traffic (not for secrets).

export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
}

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export function unseededRandom(): RandomSource {
  return { next: () => Math.random() };
}

/** Whole number in [min, max]. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

export function pick<T>(random: RandomSource, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(random.next() * items.length)] as T;
}

/** Exponentially distributed delay with the given mean: the gaps between Poisson arrivals. */
export function exponentialDelay(random: RandomSource, meanMs: number): number {
  if (!Number.isFinite(meanMs)) return Number.POSITIVE_INFINITY;
  return -Math.log(1 - random.next()) * meanMs;
}
