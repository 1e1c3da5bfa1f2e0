import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCapMs, DEFAULT_BACKOFF, fullJitterDelay } from '../../../main/core/broker/backoff.ts';

const policyArb = fc.record({
  initialDelayMs: fc.integer({ min: 0, max: 60_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 3_600_000 }),
});
// Rounds include the absurd: a desk left retrying for weeks, or a corrupted counter.
const roundArb = fc.oneof(
  fc.integer({ min: 0, max: 64 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(1023, 1024, 1025, Number.MAX_VALUE, Infinity, -1, -Infinity, NaN, 0.5),
);
const unitArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('fullJitterDelay', () => {
  it('defaults to 250 ms doubling up to 30 s', () => {
    expect(DEFAULT_BACKOFF).toEqual({ initialDelayMs: 250, maxDelayMs: 30_000 });
    expect([0, 1, 2, 6, 7, 100].map((round) => backoffCapMs(round, DEFAULT_BACKOFF))).toEqual([
      250, 500, 1_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('is random() times the cap', () => {
    expect(fullJitterDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(1_000);
    expect(fullJitterDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(0);
  });

  it('stays within 0 ≤ d ≤ min(cap, base·2^round), finite, for any round', () => {
    fc.assert(
      fc.property(roundArb, policyArb, unitArb, (round, policy, unit) => {
        const delay = fullJitterDelay(round, policy, () => unit);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        const r = Number.isNaN(round) ? 0 : Math.max(0, Math.floor(round));
        // 0 × 2^Infinity is NaN, not 0: spell out the bound for a zero base.
        expect(delay).toBeLessThanOrEqual(policy.initialDelayMs === 0 ? 0 : policy.initialDelayMs * 2 ** r);
      }),
      {
        examples: [
          [Infinity, { initialDelayMs: 0, maxDelayMs: 100 }, 0.5],
          [Infinity, { initialDelayMs: 250, maxDelayMs: 30_000 }, 0.999],
          [2000, { initialDelayMs: 250, maxDelayMs: 0 }, 0.5],
          [3, { initialDelayMs: 60_000, maxDelayMs: 10 }, 0.5],
        ],
      },
    );
  });

  it('has a cap that never shrinks as rounds go by', () => {
    fc.assert(
      fc.property(roundArb, roundArb, policyArb, (a, b, policy) => {
        const [low, high] = [a, b].map((x) => (Number.isNaN(x) ? 0 : x)).sort((x, y) => x - y) as [
          number,
          number,
        ];
        expect(backoffCapMs(low, policy)).toBeLessThanOrEqual(backoffCapMs(high, policy));
      }),
    );
  });

  it('survives a random source that misbehaves', () => {
    for (const bad of [NaN, -1, 1, 2, Infinity, -Infinity]) {
      const delay = fullJitterDelay(2, DEFAULT_BACKOFF, () => bad);
      expect(Number.isFinite(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });
});
