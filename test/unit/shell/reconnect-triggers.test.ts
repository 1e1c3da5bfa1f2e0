// When the shell asks the desk to reconnect at once (main/shell/reconnect-triggers.ts): on
// resume, and when a network sample differs from the last readable one; never on an unchanged
// or unreadable sample, and never after it was stopped. The integration side (a real desk
// reconnecting through these triggers) is test/integration/faults/sleep-and-network.test.ts.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import { watchReconnectTriggers } from '../../../main/shell/reconnect-triggers.ts';

let resumeListeners: Set<() => void>;
let sample: string | undefined;
let reconnects: number;
let log: LogEntry[];
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  resumeListeners = new Set();
  sample = 'eth0/IPv4/192.0.2.1';
  reconnects = 0;
  log = [];
  stop = watchReconnectTriggers({
    desk: {
      reconnectNow: async () => {
        reconnects++;
        return { ok: true, value: undefined };
      },
    },
    log: (entry) => log.push(entry),
    sources: {
      onResume: (listener) => {
        resumeListeners.add(listener);
        return () => resumeListeners.delete(listener);
      },
      sampleNetwork: () => sample,
      sampleEveryMs: 1_000,
    },
  });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

const resume = () => [...resumeListeners].forEach((listener) => listener());

describe('watchReconnectTriggers', () => {
  it('reconnects on every resume, and logs why', () => {
    resume();
    resume();
    expect(reconnects).toBe(2);
    expect(log).toEqual([
      { level: 'info', event: 'shell.reconnect-now', reason: 'resume' },
      { level: 'info', event: 'shell.reconnect-now', reason: 'resume' },
    ]);
  });

  it('reconnects once per network change, not on unchanged or unreadable samples', () => {
    vi.advanceTimersByTime(5_000);
    expect(reconnects).toBe(0);
    sample = 'wlan0/IPv4/198.51.100.2';
    vi.advanceTimersByTime(1_000);
    expect(reconnects).toBe(1);
    vi.advanceTimersByTime(3_000);
    expect(reconnects).toBe(1);
    sample = undefined;
    vi.advanceTimersByTime(2_000);
    expect(reconnects).toBe(1);
    // Compared with the last readable sample: back to the same network is no change.
    sample = 'wlan0/IPv4/198.51.100.2';
    vi.advanceTimersByTime(1_000);
    expect(reconnects).toBe(1);
    expect(log.at(-1)).toEqual({ level: 'info', event: 'shell.reconnect-now', reason: 'network-change' });
  });

  it('does nothing once stopped', () => {
    stop();
    resume();
    sample = 'wlan0/IPv4/198.51.100.9';
    vi.advanceTimersByTime(10_000);
    expect(reconnects).toBe(0);
    expect(resumeListeners.size).toBe(0);
  });
});
