// The parts every fault test puts together: the simulated contact center as GC on a real
// ActiveMQ (quiet: nothing happens unless the test makes it), and a real Desk signed in against
// it. Each test file passes its own broker, command queue and session timings.

import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';
import type { DeskState, DialogView } from '../../preload/contract.ts';
import type { GcSessionOptions } from '../../main/core/broker/gc-session.ts';
import type { StompSessionOptions } from '../../main/core/broker/stomp-session.ts';
import { Desk, type DeskOptions } from '../../main/core/desk/desk.ts';
import type { LogEntry } from '../../main/core/log/logger.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import type { ManualClock } from '../../main/demo/sim/clock.ts';
import { untilDesk } from './desk-wait.ts';

export interface BrokerAccess {
  readonly stompUrl: string;
  readonly user: string;
  readonly password: string;
}

/** The simulator on `broker`, with no traffic and no autopilot: only what the test scripts happens. */
export async function quietSimulator(options: {
  readonly broker: BrokerAccess;
  readonly clock: ManualClock;
  readonly commandQueue?: string;
  readonly seed?: number;
  readonly session?: Partial<StompSessionOptions>;
}): Promise<SimulatorOnBroker> {
  const simulator = new SimulatorOnBroker({
    broker: {
      brokerUrls: [options.broker.stompUrl],
      login: options.broker.user,
      passcode: options.broker.password,
      heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
      backoff: { initialDelayMs: 100, maxDelayMs: 500 },
      ...options.session,
    },
    ...(options.commandQueue ? { commandQueue: options.commandQueue } : {}),
    clock: options.clock,
    seed: options.seed ?? 8,
    autopilot: false,
    traffic: {
      meanInterArrivalMs: Infinity,
      meanTalkMs: Infinity,
      meanPreviewGapMs: Infinity,
      meanPatienceMs: Infinity,
    },
  });
  await simulator.start();
  return simulator;
}

export interface FaultDeskOptions {
  readonly dir: string;
  readonly name: string;
  /** The desk's way to the broker (a fault proxy's URL, or the broker's own). */
  readonly brokerUrl: string;
  readonly broker: BrokerAccess;
  readonly commandQueue?: string;
  readonly session?: Partial<GcSessionOptions>;
  readonly replyTimeoutMs?: number;
  readonly log?: (entry: LogEntry) => void;
}

/** A started Desk; the caller stops it. */
export async function openFaultDesk(options: FaultDeskOptions): Promise<Desk> {
  const deskOptions: DeskOptions = {
    mode: 'broker',
    session: {
      brokerUrls: [options.brokerUrl],
      login: options.broker.user,
      passcode: options.broker.password,
      clientDestination: `faults-${process.pid}-${options.name}`,
      probeIntervalMs: 200,
      heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
      backoff: { initialDelayMs: 100, maxDelayMs: 500 },
      connectTimeoutMs: 5_000,
      receiptTimeoutMs: 5_000,
      ...(options.commandQueue ? { commandQueue: options.commandQueue } : {}),
      ...options.session,
    },
    outboxFile: join(options.dir, `${options.name}.outbox.jsonl`),
    replyTimeoutMs: options.replyTimeoutMs ?? 5_000,
    ...(options.log ? { log: options.log } : {}),
  };
  const desk = await Desk.create(deskOptions);
  desk.start();
  return desk;
}

export const until = (
  desk: Desk,
  predicate: (state: DeskState) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<DeskState> => untilDesk(desk, predicate, what, timeoutMs);

/** Waits for GC's IN_SERVICE and signs the agent in (the demo roster's password is `demo`). */
export async function signIn(desk: Desk, agentId: string, extension: string): Promise<void> {
  await until(desk, (s) => s.connection.status === 'in-service', 'in service');
  expect(await desk.signIn({ agentId, password: 'demo', extension })).toMatchObject({ ok: true });
}

/** A caller rings on the agent's team queue; the desk answers and hangs up. Returns the dialog id. */
export async function handleOneCall(
  desk: Desk,
  simulator: SimulatorOnBroker,
  agentId: string,
): Promise<string> {
  const center = simulator.peer.center;
  const teamId = center.roster.byLoginId(agentId)?.teamId as string;
  const queue = center.roster.team(teamId)?.queue as string;
  const known = new Set(desk.state.dialogs.items.map((dialog) => dialog.id));
  if (desk.state.agent.state !== 'READY') expect(await desk.setReady()).toMatchObject({ ok: true });
  center.offerCall(queue);
  const ringing = await until(
    desk,
    (s) => s.dialogs.items.some((d) => d.state === 'ALERTING' && !known.has(d.id)),
    'a call ringing',
  );
  const call = ringing.dialogs.items.find((d) => d.state === 'ALERTING' && !known.has(d.id)) as DialogView;
  expect(await desk.answer({ dialogId: call.id })).toMatchObject({ ok: true });
  expect(await desk.release({ dialogId: call.id })).toMatchObject({ ok: true });
  await until(desk, (s) => !s.dialogs.items.some((d) => d.id === call.id), 'the call gone');
  return call.id;
}

/**
 * The garbage collector, for measuring memory: global.gc when Node runs with --expose-gc, else
 * the same function reached by turning the flag on now (V8 then installs `gc` in new contexts).
 */
export function garbageCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** heapUsed after full collections, or undefined when the collector cannot be reached. */
export function heapAfterGc(gc: (() => void) | undefined): number | undefined {
  if (!gc) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
