// Which broker to try next, and after how long: a pure decision, so the policy is tested
// without sockets or clocks. The session only carries it out.
//
// - A round is one pass over the failover list, preferred URL first. Within a round the next URL
//   is tried at once: another broker may well be up, and waiting would only lengthen the outage.
// - Between rounds the wait is fullJitterDelay(round): every broker is down or unreachable, so
//   back off exponentially, with jitter so a fleet of desks does not reconnect in lockstep.
// - After a link that was fully up (status 'connected') is lost, start over at the preferred URL,
//   round 0, after fullJitterDelay(0) (at most initialDelayMs): short enough not to be noticed,
//   long enough that hundreds of desks dropped by one broker restart do not all arrive in the
//   same millisecond.
import { fullJitterDelay, type BackoffPolicy } from './backoff.ts';

export interface AttemptCursor {
  /** Index into the failover list of the attempt that just ended. */
  readonly urlIndex: number;
  /** Round of that attempt, 0-based. */
  readonly round: number;
  /** Whether that attempt reached 'connected' before it ended. */
  readonly wasConnected: boolean;
}

export interface PlannedAttempt {
  readonly urlIndex: number;
  readonly url: string;
  readonly round: number;
  readonly delayMs: number;
}

/** The first attempt after start() or reconnectNow(): the preferred URL, at once. */
export function firstAttempt(urls: readonly string[]): PlannedAttempt {
  return { urlIndex: 0, url: urls[0] ?? '', round: 0, delayMs: 0 };
}

export function nextAttempt(
  ended: AttemptCursor,
  urls: readonly string[],
  policy: BackoffPolicy,
  random: () => number,
): PlannedAttempt {
  const count = Math.max(1, urls.length);
  if (ended.wasConnected) {
    return { urlIndex: 0, url: urls[0] ?? '', round: 0, delayMs: fullJitterDelay(0, policy, random) };
  }
  const following = ended.urlIndex + 1;
  if (following < count) {
    return { urlIndex: following, url: urls[following] ?? '', round: ended.round, delayMs: 0 };
  }
  return {
    urlIndex: 0,
    url: urls[0] ?? '',
    round: ended.round + 1,
    delayMs: fullJitterDelay(ended.round, policy, random),
  };
}

/** How often a waiting session looks at a refusing broker's port (see probeWhileWaiting). */
export const PORT_PROBE_INTERVAL_MS = 200;

/**
 * Whether to look at the next broker's port while waiting `delayMs` to retry it: only after it
 * refused the connection (its port closed: stopped or restarting, and the host answering at
 * once), and only when the wait is longer than a look. A broker restart takes seconds, by when
 * the backoff may have grown to many seconds more; a bare TCP connection every
 * PORT_PROBE_INTERVAL_MS finds the moment the port accepts again, and the attempt then follows
 * within fullJitterDelay(0) (at most initialDelayMs, spread as after a lost link) instead of at
 * the end of that wait (issue 7: broker accepting -> session in service, p95 ≤ 1 s). A host that
 * does not answer at all (a network dropping packets) is left to the backoff, not probed.
 */
export function probeWhileWaiting(lastErrorCode: string | undefined, delayMs: number): boolean {
  return lastErrorCode === 'refused' && delayMs > PORT_PROBE_INTERVAL_MS;
}
