// The scenario list (test/support/scenarios.ts) against both faces of the simulated contact
// center, with real GcSession clients:
//   face 1: SimulatorOnBroker on the shared ActiveMQ, consuming a command queue of its own;
//   face 2: EmbeddedDemoGateway, the clients connecting over ws://.
// The day in the life is recorded twice per face (fresh simulation, same seed) and must come out
// identical, on each face and across the two.

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { LogEntry } from '../../main/core/log/logger.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { EmbeddedDemoGateway } from '../../main/demo/embedded-gateway.ts';
import { ManualClock } from '../../main/demo/sim/clock.ts';
import { connectGcClient } from '../support/gc-client.ts';
import {
  conformance,
  createScenarioContext,
  dayInTheLife,
  scriptedSimOptions,
  type ScenarioContext,
  type Transcript,
} from '../support/scenarios.ts';

const broker = inject('broker');
/** One id per file run: queue and topic names of this file cannot meet anyone else's. */
const RUN = randomBytes(4).toString('hex');
const SEED = 20_261_124;
let instances = 0;

interface RunningFace {
  readonly ctx: ScenarioContext;
  readonly logs: LogEntry[];
  stop(): Promise<void>;
}

interface Face {
  readonly name: string;
  start(seed: number): Promise<RunningFace>;
}

const brokerSession = {
  brokerUrls: [broker.stompUrl],
  login: broker.user,
  passcode: broker.password,
} as const;

const onActiveMq: Face = {
  name: 'face 1: simulator on ActiveMQ',
  async start(seed) {
    const instance = ++instances;
    const clock = new ManualClock();
    const logs: LogEntry[] = [];
    const commandQueue = `Connector-conf-${RUN}-${instance}`;
    const simulator = new SimulatorOnBroker({
      ...scriptedSimOptions(seed, clock),
      broker: {
        ...brokerSession,
        heartbeat: { outgoingMs: 2_000, incomingMs: 2_000 },
        backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
        receiptTimeoutMs: 10_000,
      },
      commandQueue,
      log: (entry) => logs.push(entry),
    });
    await simulator.start();
    const { ctx, closeAll } = createScenarioContext({
      face: this.name,
      center: simulator.peer.center,
      clock,
      destinationPrefix: `conf-${RUN}-${instance}`,
      connect: (clientDestination, agent) =>
        connectGcClient({
          ...brokerSession,
          clientDestination,
          commandQueue,
          ...(agent === undefined ? {} : { agent }),
        }),
    });
    return {
      ctx,
      logs,
      async stop() {
        await closeAll();
        await simulator.stop();
      },
    };
  },
};

const onEmbeddedGateway: Face = {
  name: 'face 2: embedded demo gateway',
  async start(seed) {
    const instance = ++instances;
    const clock = new ManualClock();
    const logs: LogEntry[] = [];
    const gateway = new EmbeddedDemoGateway({
      ...scriptedSimOptions(seed, clock),
      log: (entry) => logs.push(entry),
    });
    const url = await gateway.start();
    const { ctx, closeAll } = createScenarioContext({
      face: this.name,
      center: gateway.peer.center,
      clock,
      destinationPrefix: `conf-${RUN}-${instance}`,
      connect: (clientDestination, agent) =>
        connectGcClient({ brokerUrls: [url], clientDestination, ...(agent === undefined ? {} : { agent }) }),
    });
    return {
      ctx,
      logs,
      async stop() {
        await closeAll();
        await gateway.stop();
      },
    };
  },
};

const running: RunningFace[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((face) => face.stop()));
});

async function start(face: Face, seed = SEED): Promise<RunningFace> {
  const started = await face.start(seed);
  running.push(started);
  return started;
}

/** Log lines that mean the simulator or its face misbehaved (as opposed to refusing a command). */
function troubleIn(logs: readonly LogEntry[]): LogEntry[] {
  const trouble = new Set(['sim.event-unencodable', 'sim.publish-failed', 'sim.command-failed']);
  return logs.filter((entry) => trouble.has(entry.event) || entry.level === 'error');
}

const transcripts = new Map<string, Transcript>();

describe.each([onActiveMq, onEmbeddedGateway])('$name', (face) => {
  it('conforms: every catalog command answered with the right events, refusals as GC errors', async () => {
    const { ctx, logs } = await start(face);
    const report = await conformance.run(ctx);
    expect(report.commandsSent.size).toBeGreaterThan(40);
    expect(troubleIn(logs)).toEqual([]);
  });

  it('records the same day in the life twice from the same seed', async () => {
    const first = await start(face);
    const recorded = await dayInTheLife.run(first.ctx);
    expect(troubleIn(first.logs)).toEqual([]);
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(face);
    const replayed = await dayInTheLife.run(second.ctx);
    expect(troubleIn(second.logs)).toEqual([]);

    expect(replayed).toEqual(recorded);
    const agent = recorded['1001'] ?? [];
    expect(agent.length).toBeGreaterThan(40);
    expect(agent).toContainEqual(expect.stringMatching(/^1001 PhonebookContacts count=100000 /));
    expect(agent).toContainEqual(expect.stringMatching(/^1001 TeamPhonebooks \{"phonebooks":\[\]\}$/));
    expect(
      agent.filter((line) => line.startsWith('1001 Callback ')).map((line) => line.split('"')[3]),
    ).toEqual(['SCHEDULED', 'UPDATED', 'CANCELLED']);
    expect(agent.at(-1)).toMatch(/^1001 State LOGOUT reason=21:End of shift /);
    expect(recorded['1004']?.some((line) => line.startsWith('1004 InboundCall ACTIVE'))).toBe(true);
    const conference = (line: string) =>
      line.startsWith('1007 InboundCall ACTIVE') && line.split('parties=')[1]?.split('|').length === 3;
    expect(recorded['1007']?.some(conference), 'the third colleague sees a three-party conference').toBe(
      true,
    );
    transcripts.set(face.name, recorded);
  });
});

describe('both faces', () => {
  it('produce the same day in the life, event for event', () => {
    const viaActiveMq = transcripts.get(onActiveMq.name);
    const viaGateway = transcripts.get(onEmbeddedGateway.name);
    expect(viaActiveMq, 'face 1 recorded no transcript (its test failed)').toBeDefined();
    expect(viaGateway, 'face 2 recorded no transcript (its test failed)').toBeDefined();
    expect(viaGateway).toEqual(viaActiveMq);
  });
});
