// A call action is done when its effect shows, not at the next event about the call. GC sends a
// ringing call as NewInboundCall, then InboundCall ALERTING; under load an answer can go out
// between the two (CI saw it: the answer "succeeded", and the consult that followed was refused
// because the call was still ringing). Here a relay between the desk and the simulator, both on
// a real ActiveMQ, puts an InboundCall ALERTING in front of every AnswerCall, deterministically.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTopicDestination, commandQueueDestination } from '../../main/core/broker/gc-session.ts';
import { StompSession } from '../../main/core/broker/stomp-session.ts';
import { Desk } from '../../main/core/desk/desk.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { ManualClock } from '../../main/demo/sim/clock.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { untilDesk } from '../support/desk-wait.ts';

const DESK_QUEUE = `Relay-in-${process.pid}`;
const SIM_QUEUE = `Relay-out-${process.pid}`;
const DESTINATION = `replies-${process.pid}`;

let broker: ActiveMqBroker;
let simulator: SimulatorOnBroker;
let relay: StompSession;
let desk: Desk;
let dir: string;
/** The last InboundCall ALERTING the desk was sent, as it went over the wire. */
let lastAlerting: string | undefined;
let replayedBeforeAnswer = 0;

const link = () => ({
  brokerUrls: [broker.stompUrl],
  login: broker.user,
  passcode: broker.password,
  heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 500 },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-replies-'));
  broker = await startActiveMq({ persistent: false });
  simulator = new SimulatorOnBroker({
    broker: link(),
    commandQueue: SIM_QUEUE,
    clock: new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0)),
    seed: 5,
    autopilot: false,
    traffic: { meanInterArrivalMs: Infinity, meanTalkMs: Infinity, meanPreviewGapMs: Infinity },
  });
  await simulator.start();

  // The relay: every command on to the simulator, but an AnswerCall only after the desk has been
  // sent the ringing call again.
  relay = new StompSession(link());
  relay.subscribe(clientTopicDestination(DESTINATION), (message) => {
    if (message.body.includes('#InboundCall#') && message.body.includes('ALERTING')) {
      lastAlerting = message.body;
    }
  });
  relay.subscribe(commandQueueDestination(DESK_QUEUE), (message) => {
    const type = message.headers['type'] ?? '';
    void (async () => {
      if (type.startsWith('AnswerCall#') && lastAlerting) {
        // Forward the answer only once the desk has taken the repeated ringing event in, so the
        // two cannot arrive in one read and be handled back to back.
        const seen = new Promise<void>((resolve) => {
          const off = desk.observeEvents((event) => {
            if (event.kind === 'InboundCall' && event.state === 'ALERTING') {
              off();
              resolve();
            }
          });
        });
        const replay = await relay.send(clientTopicDestination(DESTINATION), { body: lastAlerting });
        expect(replay.ok).toBe(true);
        replayedBeforeAnswer++;
        await seen;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await relay.send(commandQueueDestination(SIM_QUEUE), { headers: { type }, body: message.body });
    })();
  });
  relay.start();

  desk = await Desk.create({
    mode: 'broker',
    session: { ...link(), clientDestination: DESTINATION, commandQueue: DESK_QUEUE, probeIntervalMs: 200 },
    outboxFile: join(dir, 'outbox.jsonl'),
    replyTimeoutMs: 10_000,
  });
  desk.start();
  await untilDesk(desk, (state) => state.connection.status === 'in-service', 'in service', 20_000);
});

afterAll(async () => {
  await desk?.stop();
  await relay?.stop();
  await simulator?.stop();
  await broker?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('replies to call actions', () => {
  it('answer is done when the call is answered, not at a repeated ringing event', async () => {
    expect(await desk.signIn({ agentId: '1001', password: 'demo', extension: '5001' })).toMatchObject({
      ok: true,
    });
    expect(await desk.setReady()).toMatchObject({ ok: true });
    simulator.peer.center.offerCall('Sales');
    const ringing = await untilDesk(
      desk,
      (state) => state.dialogs.items.some((dialog) => dialog.state === 'ALERTING'),
      'a ringing call',
    );
    const dialogId = ringing.dialogs.items.find((dialog) => dialog.state === 'ALERTING')?.id ?? '';

    expect(await desk.answer({ dialogId })).toMatchObject({ ok: true });
    expect(replayedBeforeAnswer).toBe(1);
    // Answered means the call is up, so the next action on it is allowed at once.
    expect(desk.state.dialogs.items.find((dialog) => dialog.id === dialogId)?.state).toBe('ACTIVE');
    expect(await desk.hold({ dialogId })).toMatchObject({ ok: true });
    expect(desk.state.dialogs.items.find((dialog) => dialog.id === dialogId)?.state).toBe('HELD');
    expect(await desk.retrieve({ dialogId })).toMatchObject({ ok: true });
    expect(desk.state.dialogs.items.find((dialog) => dialog.id === dialogId)?.state).toBe('ACTIVE');
    expect(await desk.release({ dialogId })).toMatchObject({ ok: true });
    expect(desk.state.dialogs.items.find((dialog) => dialog.id === dialogId)?.state).not.toBe('ACTIVE');
  });
});
