// Sleep/resume and network changes (issue 8, "Faults"): the desk reconnects at once, driven
// through the shell's own triggers (main/shell/reconnect-triggers.ts, which the Electron glue
// feeds with powerMonitor's 'resume' and samples of the network interfaces). The desk runs
// through a fault proxy with long heart-beats and a long backoff, so that "at once" is
// unambiguous: without the trigger the desk would wait for 3 × 30 s of silence, or for a 60 s
// backoff; with it, it is back in seconds.

import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Desk } from '../../../main/core/desk/desk.ts';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import type { SimulatorOnBroker } from '../../../main/demo/broker-face.ts';
import { ManualClock } from '../../../main/demo/sim/clock.ts';
import { watchReconnectTriggers } from '../../../main/shell/reconnect-triggers.ts';
import { FaultProxy } from '../../support/fault-proxy.ts';
import { openFaultDesk, quietSimulator, signIn, until } from '../../support/fault-desk.ts';
import { writeReliabilityFigures } from '../../support/reliability-figures.ts';
import { UiHealth } from '../../support/ui-health.ts';

const broker = inject('broker');
const HEARTBEAT_MS = 30_000;
const BACKOFF_MS = 60_000;
/** How long the test waits for the reconnect: well inside both the heart-beat and the backoff. */
const PROMPT_MS = 20_000;
const SAMPLE_EVERY_MS = 100;

const commandQueue = `faults-sleep-${process.pid}`;
const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let dir: string;
let simulator: SimulatorOnBroker;
let proxy: FaultProxy;
let desk: Desk;
let ui: UiHealth;
let stopTriggers: () => void;
const power = new EventEmitter();
let network = 'eth0/IPv4/192.0.2.10';
const shellLog: LogEntry[] = [];
const figures: Record<string, unknown> = { heartbeatMs: HEARTBEAT_MS, backoffMs: BACKOFF_MS };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-faults-sleep-'));
  simulator = await quietSimulator({ broker, clock, commandQueue });
  proxy = await FaultProxy.start({ port: Number(new URL(broker.stompUrl).port) });
  desk = await openFaultDesk({
    dir,
    name: 'sleep',
    brokerUrl: proxy.stompUrl,
    broker,
    commandQueue,
    session: {
      heartbeat: { outgoingMs: HEARTBEAT_MS, incomingMs: HEARTBEAT_MS },
      // Full jitter drawn at its top: after a loss the desk waits exactly BACKOFF_MS.
      backoff: { initialDelayMs: BACKOFF_MS, maxDelayMs: BACKOFF_MS },
      random: () => 1,
      connectTimeoutMs: 5_000,
    },
  });
  ui = new UiHealth(desk);
  await signIn(desk, '1002', '5002');
  stopTriggers = watchReconnectTriggers({
    desk,
    log: (entry) => shellLog.push(entry),
    sources: {
      onResume: (listener) => {
        power.on('resume', listener);
        return () => power.off('resume', listener);
      },
      sampleNetwork: () => network,
      sampleEveryMs: SAMPLE_EVERY_MS,
    },
  });
});

afterAll(async () => {
  stopTriggers?.();
  ui?.dispose();
  await desk?.stop();
  await proxy?.close();
  await simulator?.stop();
  await rm(dir, { recursive: true, force: true });
  await writeReliabilityFigures('sleep-and-network', figures);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sleep/resume and network change reconnect at once', () => {
  it('after resume, replaces a link that died in sleep (half-open) without waiting for the heart-beats', async () => {
    expect(ui.current.kind).toBe('connected');
    const acceptedBefore = proxy.stats.accepted;
    // The machine sleeps: the link dies without a word to either side.
    proxy.setMode({ kind: 'blackhole' });
    await pause(1_000);
    expect(ui.current.kind).toBe('connected'); // nobody knows yet: that is the point
    // It wakes up on a working network.
    proxy.setMode({ kind: 'pass' });
    const mark = ui.mark();
    const resumedAt = Date.now();
    power.emit('resume');

    const back = await ui.waitFor((shown) => shown.kind === 'connected', 'connected', mark, PROMPT_MS);
    await until(desk, (s) => s.connection.status === 'in-service' && !s.connection.stale, 'fresh', PROMPT_MS);
    expect(proxy.stats.accepted).toBe(acceptedBefore + 1);
    // It was the resume, not the heart-beats: no loss was ever detected.
    expect(ui.shown.slice(mark).some((shown) => shown.errorCode === 'heartbeat-timeout')).toBe(false);
    expect(shellLog).toContainEqual(
      expect.objectContaining({ event: 'shell.reconnect-now', reason: 'resume' }),
    );
    expect(await desk.setReady()).toMatchObject({ ok: true });
    figures['resume'] = {
      reconnectedMs: back.at - resumedAt,
      wouldOtherwiseWaitMs: `${2 * HEARTBEAT_MS}-${5 * HEARTBEAT_MS} (heart-beat detection)`,
      shown: ui.kinds(mark),
    };
  });

  it('on a network change, reconnects at once instead of sitting out the backoff', async () => {
    const mark = ui.mark();
    proxy.setMode({ kind: 'reset' });
    const lost = await ui.waitFor((shown) => shown.kind === 'reconnecting', 'reconnecting', mark, PROMPT_MS);
    const nextAttemptAt = desk.state.connection.nextAttemptAt as number;
    expect(nextAttemptAt - lost.at).toBeGreaterThanOrEqual(BACKOFF_MS - 1_000);
    proxy.setMode({ kind: 'pass' });

    // The same network, sampled many times over: nothing happens, the backoff runs on.
    await pause(20 * SAMPLE_EVERY_MS);
    expect(desk.state.connection.status).toBe('reconnecting');

    const changedAt = Date.now();
    network = 'wlan0/IPv4/198.51.100.7';
    const back = await ui.waitFor((shown) => shown.kind === 'connected', 'connected', mark, PROMPT_MS);
    expect(back.at).toBeLessThan(nextAttemptAt);
    await until(desk, (s) => s.connection.status === 'in-service' && !s.connection.stale, 'fresh', PROMPT_MS);
    expect(shellLog).toContainEqual(
      expect.objectContaining({ event: 'shell.reconnect-now', reason: 'network-change' }),
    );
    expect(await desk.setNotReady()).toMatchObject({ ok: true });
    figures['networkChange'] = {
      reconnectedMs: back.at - changedAt,
      backoffLeftWhenBackMs: nextAttemptAt - back.at,
      shown: ui.kinds(mark),
    };
  });
});
