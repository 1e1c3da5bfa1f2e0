// The GC session end to end on a real ActiveMQ, with the simulator as GC (face 1): the
// handshake, the service status, Beat while logged in, refusals before anything is sent, and
// recovery across a broker restart and a GC outage.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcSession, type GcSessionStatus } from '../../main/core/broker/gc-session.ts';
import { StompSession } from '../../main/core/broker/stomp-session.ts';
import type { DecodedEvent } from '../../main/core/protocol/index.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';

let broker: ActiveMqBroker;
let simulator: SimulatorOnBroker;

const fastBroker = (broker: ActiveMqBroker) => ({
  brokerUrls: [broker.stompUrl],
  login: broker.user,
  passcode: broker.password,
  heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  receiptTimeoutMs: 5_000,
});

beforeAll(async () => {
  broker = await startActiveMq();
  simulator = new SimulatorOnBroker({
    broker: fastBroker(broker),
    seed: 5,
    autopilot: false,
    traffic: { meanInterArrivalMs: Infinity, meanPreviewGapMs: Infinity },
  });
  await simulator.start();
});

afterAll(async () => {
  await simulator?.stop();
  await broker?.dispose();
});

function waitUntil<T>(read: () => T | undefined, description: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${description}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

function client(clientDestination: string) {
  const session = new GcSession({
    ...fastBroker(broker),
    clientDestination,
    probeIntervalMs: 200,
    helloIntervalMs: 400,
    beatIntervalMs: 300,
  });
  const statuses: GcSessionStatus[] = [];
  const events: DecodedEvent[] = [];
  session.onStatus((status) => statuses.push(status));
  session.onEvent((event) => events.push(event));
  const count = (kind: DecodedEvent['kind']) => events.filter((event) => event.kind === kind).length;
  const waitForEvent = (predicate: (event: DecodedEvent) => boolean, description: string, from = 0) =>
    waitUntil(() => events.slice(from).find(predicate), description);
  const waitForState = (state: GcSessionStatus['state'], from = 0) =>
    waitUntil(() => statuses.slice(from).find((status) => status.state === state), `status ${state}`);
  return { session, statuses, events, count, waitForEvent, waitForState };
}

describe('GC session on a real ActiveMQ with the simulator as GC', () => {
  it('goes connecting → connected → in service, connects the agent and signs in', async () => {
    const desk = client(`ws-gc-${process.pid}-a`);
    desk.session.start();
    await desk.waitForState('in-service');
    expect(desk.statuses.map((status) => status.state).slice(0, 3)).toEqual([
      'connecting',
      'connected',
      'in-service',
    ]);

    desk.session.bindAgent({ agentId: '1001', password: 'demo' });
    // Connect has no reply; Login's answer proves GC bound this destination to the agent.
    await waitUntil(
      () =>
        simulator.peer.center.snapshot().agents.find((a) => a.loginId === '1001')?.bound ? true : undefined,
      'binding',
    );
    expect(
      await desk.session.send({ name: 'Login', id: '1001', password: 'demo', extension: '5001' }),
    ).toEqual({ ok: true });
    await desk.waitForEvent((event) => event.kind === 'AgentInfo', 'AgentInfo');
    const state = await desk.waitForEvent((event) => event.kind === 'State', 'State');
    expect(state).toMatchObject({ kind: 'State', state: 'NOT_READY', agentId: '1001' });

    // Logged in: Beat goes out on its interval and GC answers each with IN_SERVICE.
    const before = desk.count('InService');
    await waitUntil(
      () => (desk.count('InService') >= before + 3 ? true : undefined),
      'three Beat answers',
      10_000,
    );
    await desk.session.stop();
  });

  it('refuses a command that cannot travel before anything is sent', async () => {
    // A queue of its own, watched by a bare consumer, so every message that reaches the broker is seen.
    const queue = `probe-${process.pid}-${Date.now()}`;
    const watcher = new StompSession(fastBroker(broker));
    const seen: string[] = [];
    watcher.subscribe(`/queue/${queue}`, (message) => seen.push(message.headers['type'] ?? ''));
    watcher.start();
    await waitUntil(() => (watcher.status.state === 'connected' ? true : undefined), 'watcher connected');
    const session = new GcSession({
      ...fastBroker(broker),
      clientDestination: `ws-gc-${process.pid}-b`,
      commandQueue: queue,
    });
    session.start();
    await waitUntil(() => (session.status.state === 'connected' ? true : undefined), 'connected');

    const refused = await session.send({ name: 'MakeCall', id: '1001', number: '555,1234' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'reserved-character', field: 'number' } });
    // A command that can travel, sent after it, arrives: so the refused one would have too.
    expect(await session.send({ name: 'GetState', id: '1001' })).toEqual({ ok: true });
    await waitUntil(() => (seen.includes('GetState#1001') ? true : undefined), 'GetState on the queue');
    expect(seen.filter((type) => type.startsWith('MakeCall'))).toEqual([]);

    await session.stop();
    expect(await session.send({ name: 'GetState', id: '1001' })).toMatchObject({ ok: false });
    await watcher.stop();
  });

  it('reports GC going out of service and back, and binds the agent again', async () => {
    const desk = client(`ws-gc-${process.pid}-c`);
    desk.session.start();
    desk.session.bindAgent({ agentId: '1002', password: 'demo' });
    await desk.waitForState('in-service');
    await waitUntil(
      () =>
        simulator.peer.center.snapshot().agents.find((a) => a.loginId === '1002')?.bound ? true : undefined,
      'binding',
    );
    const mark = desk.statuses.length;
    simulator.peer.center.setInService(false);
    await desk.waitForState('out-of-service', mark);
    simulator.peer.center.setInService(true);
    await desk.waitForState('in-service', mark);
    await desk.session.send({ name: 'Login', id: '1002', password: 'demo', extension: '5002' });
    await desk.waitForEvent((event) => event.kind === 'State' && event.agentId === '1002', 'State of 1002');
    await desk.session.stop();
  });

  it('recovers from a broker restart: reconnects, says Hello again, and events flow', async () => {
    const desk = client(`ws-gc-${process.pid}-d`);
    desk.session.start();
    desk.session.bindAgent({ agentId: '1003', password: 'demo' });
    await desk.waitForState('in-service');
    await desk.session.send({ name: 'Login', id: '1003', password: 'demo', extension: '5003' });
    await desk.waitForEvent((event) => event.kind === 'State', 'State after login');

    const mark = desk.statuses.length;
    await broker.restart();
    await desk.waitForState('reconnecting', mark);
    const down = await desk.session.send({ name: 'GetState', id: '1003' });
    // While the link is down the answer is immediate; if it is already back, the send succeeds.
    if (!down.ok) expect(down.error.code).toBe('not-connected');
    await desk.waitForState('in-service', mark);
    const eventsMark = desk.events.length;
    // The simulator reconnects on its own; once it consumes again, GetState is answered.
    await waitUntil(
      () => (simulator.session.status.state === 'connected' ? true : undefined),
      'simulator back',
    );
    expect(await desk.session.send({ name: 'GetState', id: '1003' })).toEqual({ ok: true });
    const state = await desk.waitForEvent(
      (event) => event.kind === 'State',
      'State after restart',
      eventsMark,
    );
    expect(state).toMatchObject({ agentId: '1003', state: 'NOT_READY' });
    await desk.session.stop();
  });
});
