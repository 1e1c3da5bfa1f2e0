import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../main/core/broker/backoff.ts';
import {
  firstAttempt,
  nextAttempt,
  PORT_PROBE_INTERVAL_MS,
  probeWhileWaiting,
  type PlannedAttempt,
} from '../../../main/core/broker/reconnect-policy.ts';

const urls = ['stomp://a:61613', 'stomp://b:61613', 'stomp+ssl://c:61612'];
const half = (): number => 0.5;

/** Walks `failures` failed attempts from the first one, as the session would. */
function walk(failures: number, list: readonly string[] = urls): PlannedAttempt[] {
  const plans = [firstAttempt(list)];
  for (let i = 0; i < failures; i++) {
    const last = plans[plans.length - 1]!;
    plans.push(nextAttempt({ ...last, wasConnected: false }, list, DEFAULT_BACKOFF, half));
  }
  return plans;
}

describe('nextAttempt', () => {
  it('starts with the preferred URL at once', () => {
    expect(firstAttempt(urls)).toEqual({ urlIndex: 0, url: 'stomp://a:61613', round: 0, delayMs: 0 });
  });

  it('moves to the next URL at once within a round, and waits full jitter between rounds', () => {
    const plans = walk(7).map(({ url, round, delayMs }) => [url, round, delayMs]);
    expect(plans).toEqual([
      ['stomp://a:61613', 0, 0],
      ['stomp://b:61613', 0, 0],
      ['stomp+ssl://c:61612', 0, 0],
      ['stomp://a:61613', 1, 125], // 0.5 × min(30 s, 250 ms × 2^0)
      ['stomp://b:61613', 1, 0],
      ['stomp+ssl://c:61612', 1, 0],
      ['stomp://a:61613', 2, 250], // 0.5 × 250 × 2^1
      ['stomp://b:61613', 2, 0],
    ]);
  });

  it('with one broker, every attempt is a new round, the wait growing to the cap', () => {
    const delays = walk(12, ['stomp://only:61613']).map((plan) => plan.delayMs);
    expect(delays).toEqual([
      0, 125, 250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000,
    ]);
  });

  it('after a link that was connected, goes back to the preferred URL, round 0, within initialDelayMs', () => {
    const plan = nextAttempt({ urlIndex: 2, round: 9, wasConnected: true }, urls, DEFAULT_BACKOFF, half);
    expect(plan).toEqual({ urlIndex: 0, url: 'stomp://a:61613', round: 0, delayMs: 125 });
    const worst = nextAttempt(
      { urlIndex: 1, round: 0, wasConnected: true },
      urls,
      DEFAULT_BACKOFF,
      () => 0.999,
    );
    expect(worst.delayMs).toBeLessThanOrEqual(DEFAULT_BACKOFF.initialDelayMs);
  });

  it('uses the injected random source for every wait', () => {
    const draws: number[] = [];
    const random = (): number => {
      draws.push(draws.length);
      return 0;
    };
    nextAttempt({ urlIndex: 2, round: 0, wasConnected: false }, urls, DEFAULT_BACKOFF, random);
    nextAttempt({ urlIndex: 0, round: 0, wasConnected: false }, urls, DEFAULT_BACKOFF, random);
    expect(draws).toHaveLength(1); // the in-round move draws nothing
  });
});

describe('probeWhileWaiting', () => {
  it('looks at a port that refused, while the wait is longer than a look', () => {
    expect(probeWhileWaiting('refused', 5_000)).toBe(true);
    expect(probeWhileWaiting('refused', PORT_PROBE_INTERVAL_MS + 1)).toBe(true);
  });

  it('does not look when the wait is short anyway', () => {
    expect(probeWhileWaiting('refused', PORT_PROBE_INTERVAL_MS)).toBe(false);
    expect(probeWhileWaiting('refused', 0)).toBe(false);
  });

  it('leaves every other failure to the backoff (a silent network, a broker that hangs up, a refused login)', () => {
    for (const code of [
      'connect-timeout',
      'unreachable',
      'connection-lost',
      'closed-before-connected',
      'auth-failed',
    ])
      expect(probeWhileWaiting(code, 30_000)).toBe(false);
    expect(probeWhileWaiting(undefined, 30_000)).toBe(false);
  });
});
