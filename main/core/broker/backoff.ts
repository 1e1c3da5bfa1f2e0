// Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"):
// sleep = random_between(0, min(cap, base * 2^round)). When a broker restarts, every agent's
// desk loses it at the same moment; full jitter spreads their reconnects over the whole window
// instead of stampeding the broker in synchronised waves.

export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 30_000 };

/**
 * The upper bound of the wait after `round` failed rounds: min(maxDelayMs, initialDelayMs * 2^round).
 * Finite and non-decreasing in `round` for any input: a negative, fractional or NaN round counts as
 * the nearest sensible one, and 2^round is never evaluated past the point where the cap applies.
 */
export function backoffCapMs(round: number, policy: BackoffPolicy): number {
  const base = Number.isFinite(policy.initialDelayMs) ? Math.max(0, policy.initialDelayMs) : 0;
  const max = Number.isFinite(policy.maxDelayMs) ? Math.max(0, policy.maxDelayMs) : 0;
  if (base === 0 || max === 0) return 0;
  const r = Number.isNaN(round) ? 0 : Math.max(0, Math.floor(round));
  // base * 2^r >= max once r >= log2(max / base); stop there so 2^r cannot overflow to Infinity.
  const doublingsToCap = Math.ceil(Math.log2(max / base));
  if (r >= doublingsToCap) return max;
  return Math.min(max, base * 2 ** r);
}

/** A delay in [0, backoffCapMs(round, policy)], drawn with `random` (a [0, 1) source such as Math.random). */
export function fullJitterDelay(round: number, policy: BackoffPolicy, random: () => number): number {
  const cap = backoffCapMs(round, policy);
  const draw = random();
  // Clamp a misbehaving source rather than return NaN or a delay past the cap.
  const unit = Number.isFinite(draw) ? Math.min(1, Math.max(0, draw)) : 0;
  return unit * cap;
}
