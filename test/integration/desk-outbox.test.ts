// Callback commands survive what a laptop goes through: the broker going away while the agent
// schedules a callback, and the app dying between writing the command down and sending it.
// Each is delivered once the session is back, exactly once in the normal path.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskState, DialogView } from '../../preload/contract.ts';
import { Desk } from '../../main/core/desk/desk.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { ManualClock } from '../../main/demo/sim/clock.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { untilDesk } from '../support/desk-wait.ts';

const run = promisify(execFile);
const crashScript = fileURLToPath(new URL('../fixtures/outbox-crash.ts', import.meta.url));

let broker: ActiveMqBroker;
let simulator: SimulatorOnBroker;
let dir: string;
const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-outbox-'));
  broker = await startActiveMq();
  simulator = new SimulatorOnBroker({
    broker: {
      brokerUrls: [broker.stompUrl],
      login: broker.user,
      passcode: broker.password,
      backoff: { initialDelayMs: 100, maxDelayMs: 500 },
    },
    clock,
    seed: 8,
    autopilot: false,
    traffic: {
      meanInterArrivalMs: Infinity,
      meanTalkMs: Infinity,
      meanPreviewGapMs: Infinity,
      meanPatienceMs: Infinity,
    },
  });
  await simulator.start();
});

afterAll(async () => {
  await simulator?.stop();
  await broker?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function openDesk(outboxFile: string, name: string): Promise<Desk> {
  const desk = await Desk.create({
    mode: 'broker',
    session: {
      brokerUrls: [broker.stompUrl],
      login: broker.user,
      passcode: broker.password,
      clientDestination: `outbox-${process.pid}-${name}`,
      probeIntervalMs: 200,
      heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
      backoff: { initialDelayMs: 100, maxDelayMs: 500 },
    },
    outboxFile,
    replyTimeoutMs: 5_000,
  });
  desk.start();
  return desk;
}

const until = (
  desk: Desk,
  predicate: (state: DeskState) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<DeskState> => untilDesk(desk, predicate, what, timeoutMs);

/** Signs in and handles one call, so the agent has a dialog to schedule a callback for. */
async function signInWithACall(desk: Desk, agentId: string, extension: string): Promise<string> {
  await until(desk, (s) => s.connection.status === 'in-service', 'in service');
  expect(await desk.signIn({ agentId, password: 'demo', extension })).toMatchObject({ ok: true });
  await desk.setReady();
  const team = simulator.peer.center.roster.byLoginId(agentId)?.teamId as string;
  simulator.peer.center.offerCall(simulator.peer.center.roster.team(team)?.queue as string);
  const state = await until(desk, (s) => s.dialogs.items.some((d) => d.state === 'ALERTING'), 'a call');
  const call = state.dialogs.items[0] as DialogView;
  await desk.answer({ dialogId: call.id });
  await desk.release({ dialogId: call.id });
  return call.id;
}

const scheduled = () => simulator.peer.stats.byCommand['ScheduleCallback'] ?? 0;

describe('callback outbox', () => {
  it('queues a callback while the broker is down and delivers it once after reconnecting', async () => {
    const outboxFile = join(dir, 'agent-1002.jsonl');
    const desk = await openDesk(outboxFile, 'a');
    const dialogId = await signInWithACall(desk, '1002', '5002');
    const before = scheduled();

    await broker.stop();
    await until(desk, (s) => s.connection.status === 'reconnecting', 'reconnecting');
    // Call control fails at once and is never sent later...
    expect(await desk.setNotReady()).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    // ...while a callback is accepted into the outbox, on disk before the call returns.
    expect(
      await desk.scheduleCallback({
        dialogId,
        callbackTime: '2026-11-25 10:00',
        callbackNumber: '+441632960555',
      }),
    ).toMatchObject({ ok: true });
    expect(desk.state.callbacks.outbox).toHaveLength(1);
    expect(await readFile(outboxFile, 'utf8')).toContain('"ScheduleCallback"');

    await broker.start();
    await until(
      desk,
      (s) => s.callbacks.outbox.length === 0 && s.callbacks.items.some((item) => item.dialogId === dialogId),
      'delivered',
    );
    expect(scheduled() - before).toBe(1);
    // Nothing left to send again: give a duplicate time to show, then count once more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(scheduled() - before).toBe(1);
    expect(desk.state.connection.stale).toBe(false);
    await desk.stop();
  });

  it('delivers a callback written by an app that was killed before sending it, exactly once', async () => {
    const firstFile = join(dir, 'agent-1003-first.jsonl');
    const first = await openDesk(firstFile, 'b');
    const dialogId = await signInWithACall(first, '1003', '5003');
    await first.stop();

    const outboxFile = join(dir, 'agent-1003.jsonl');
    const crashed = await run(process.execPath, [
      '--import',
      'tsx',
      crashScript,
      outboxFile,
      '1003',
      '5003',
      dialogId,
    ]).catch((error: { signal?: string; stdout?: string }) => error);
    expect('signal' in crashed ? crashed.signal : undefined).toBe('SIGKILL');
    expect(crashed.stdout).toContain('queued');
    const before = scheduled();

    const restarted = await openDesk(outboxFile, 'c');
    expect(restarted.state.callbacks.outbox).toHaveLength(1);
    await until(restarted, (s) => s.connection.status === 'in-service', 'in service');
    expect(scheduled() - before).toBe(0); // not before the agent is signed in again
    expect(await restarted.signIn({ agentId: '1003', password: 'demo', extension: '5003' })).toMatchObject({
      ok: true,
    });
    await until(
      restarted,
      (s) => s.callbacks.outbox.length === 0 && s.callbacks.items.some((item) => item.dialogId === dialogId),
      'delivered after restart',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(scheduled() - before).toBe(1);
    expect((await readFile(outboxFile, 'utf8')).trim()).toBe('');
    await restarted.stop();
  });
});
