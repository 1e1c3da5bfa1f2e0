// A storm of unusable events on a real desk's client topic: the desk runtime in demo mode (real
// Desk, real STOMP session, the embedded demo gateway, the rotating file log), with raw event
// bodies published on the desk's topic through the gateway's endpoint, as a broken or hostile
// producer would. Every malformed and unknown event is counted, the first of each kind is logged
// once (not once per event), a summary with the counts is logged when the desk stops, and a
// valid event after the storm is still applied.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTopicDestination } from '../../main/core/broker/gc-session.ts';
import { MAX_KINDS_LOGGED } from '../../main/core/desk/wire-problems.ts';
import { LOG_DIR, openDeskRuntime, type DeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { untilDesk } from '../support/desk-wait.ts';
import { noKeychainVault } from '../support/no-keychain.ts';

const MALFORMED = {
  // An InboundCall without a dialog id, a QueueList with a count that is not a number, and a
  // ReasonCodes whose lists differ in length: three kinds, each repeated thousands of times.
  'InboundCall.dialogId': (index: number) => `1001#InboundCall#ACTIVE#DialogId:#0300${index}`,
  'QueueList.queues[].callsInQueue': (index: number) =>
    `9000#QueueList#QueueName:Q${index},CallsInQueue:many,AgentsReady:1,AgentsNotReady:1,TalkingInbound:1,TalkingOutbound:0,TalkingInternal:0,WrapUpReady:0,WrapUpNotReady:0`,
  'ReasonCodes.labels': (index: number) => `1001#ReasonCodes#NOT_READY#1,2,${index}#Break`,
} as const;
const UNKNOWN = ['SUBSCRIPTION_FAILED', 'DialogStatus'];
const PER_KIND = 3_000;

let root: string;
let runtime: DeskRuntime;
let stopped = false;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchboard-storm-'));
  runtime = await openDeskRuntime({ userDataDir: root, vault: noKeychainVault });
  await untilDesk(runtime.desk, (state) => state.connection.status === 'in-service', 'in service');
});

afterAll(async () => {
  if (!stopped) await runtime?.stop();
  await rm(root, { recursive: true, force: true });
});

async function logLines(): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(root, LOG_DIR, 'switchboard.log'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a storm of malformed and unknown events on the desk’s topic', () => {
  it('counts every one, logs each kind once, and still applies the next valid event', async () => {
    const gateway = runtime.demoGateway;
    if (!gateway) throw new Error('not in demo mode');
    const topic = clientTopicDestination(runtime.settings.broker.clientDestination);
    for (let index = 0; index < PER_KIND; index++) {
      for (const body of Object.values(MALFORMED)) gateway.endpoint.publish(topic, { body: body(index) });
      for (const name of UNKNOWN) gateway.endpoint.publish(topic, { body: `1001#${name}#${index}` });
    }
    gateway.endpoint.publish(topic, { body: '1001#Control#AFTER_THE_STORM#Still listening' });

    await untilDesk(
      runtime.desk,
      (state) => state.notices.items.some((notice) => notice.code === 'AFTER_THE_STORM'),
      'the notice after the storm',
      60_000,
    );
    expect(runtime.desk.state.notices.items.at(-1)?.message).toBe('Still listening');
    const counts = runtime.desk.wireProblems;
    expect(counts.malformed).toBe(3 * PER_KIND);
    expect(counts.unknown).toBe(UNKNOWN.length * PER_KIND);
    expect(counts.byKind).toEqual({
      ...Object.fromEntries(Object.keys(MALFORMED).map((kind) => [`malformed ${kind}`, PER_KIND])),
      ...Object.fromEntries(UNKNOWN.map((name) => [`unknown ${name}`, PER_KIND])),
    });
    expect(counts.otherKinds).toBe(0);

    await runtime.stop();
    stopped = true;
    const lines = await logLines();
    const malformed = lines.filter((line) => line['event'] === 'desk.malformed-event');
    expect(malformed.map((line) => `${String(line['name'])}.${String(line['field'])}`).sort()).toEqual([
      'InboundCall.dialogId',
      'QueueList.queues[0].callsInQueue',
      'ReasonCodes.labels',
    ]);
    for (const line of malformed) expect(line['reason']).toEqual(expect.any(String));
    const unknown = lines.filter((line) => line['event'] === 'desk.unknown-event');
    expect(unknown.map((line) => line['name']).sort()).toEqual([...UNKNOWN].sort());
    const summaries = lines.filter((line) => line['event'] === 'desk.wire-problems');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      level: 'warn',
      malformed: 3 * PER_KIND,
      unknown: UNKNOWN.length * PER_KIND,
    });
    // The whole storm left a handful of lines, not fifteen thousand.
    expect(lines.length).toBeLessThan(100);
  });
});

describe('a storm of ever new kinds', () => {
  it(`logs at most ${MAX_KINDS_LOGGED} kinds, then says once that it stops, and keeps counting`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-kinds-'));
    const desk = await openDeskRuntime({ userDataDir: dir, vault: noKeychainVault });
    let running = true;
    try {
      await untilDesk(desk.desk, (state) => state.connection.status === 'in-service', 'in service');
      const topic = clientTopicDestination(desk.settings.broker.clientDestination);
      const total = 3 * MAX_KINDS_LOGGED;
      for (let index = 0; index < total; index++)
        desk.demoGateway?.endpoint.publish(topic, { body: `1001#NoSuchEvent${index}#x` });
      desk.demoGateway?.endpoint.publish(topic, { body: '1001#Control#DONE#done' });
      await untilDesk(
        desk.desk,
        (state) => state.notices.items.some((notice) => notice.code === 'DONE'),
        'the last notice',
        60_000,
      );
      expect(desk.desk.wireProblems).toMatchObject({ unknown: total, otherKinds: total - MAX_KINDS_LOGGED });
      await desk.stop();
      running = false;
      const text = await readFile(join(dir, LOG_DIR, 'switchboard.log'), 'utf8');
      expect(text.match(/"desk\.unknown-event"/g)).toHaveLength(MAX_KINDS_LOGGED);
      expect(text.match(/"desk\.wire-problem-kinds"/g)).toHaveLength(1);
    } finally {
      if (running) await desk.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
