// Reconnect: the private ActiveMQ is stopped and started again, 20 times, under a signed-in desk;
// each time, from the moment the broker accepts connections again to the moment the desk is back
// in service with its state refetched (connection in service and no longer stale: GC's fresh
// State has arrived). Beside it, in each cycle, a bare STOMP client retrying every 5 ms: from the
// broker accepting to its CONNECTED frame, the floor.
//
// How: desk-stack.ts's deployment with the desk's default broker settings (what a deployment
// gets: heart-beats 10 s, backoff 250 ms initial, 30 s cap, full jitter). Agent 1001 signs in
// through the page. This process watches the desk through the browser host's WebSocket (as a
// second tab would) and records when each patch arrives. Each cycle: stop the broker (SIGTERM:
// the desk sees its link close) and wait for the desk to notice; start it again while a probe
// connects to its STOMP port every 2 ms: the first accepted connection is "broker accepting".
// The simulator (GC's stand-in) reconnects within 50 ms, so the figure is the desk's own.
//
//   npx tsx test/bench/reconnect.bench.ts        (BENCH_RECONNECT_CYCLES: cycles, default 20)

import { createConnection } from 'node:net';
import type { DeskState } from '../../preload/contract.ts';
import { connectBareStomp } from './bare-stomp.ts';
import {
  describe,
  distribution,
  envNumber,
  epochNow,
  isEntryPoint,
  ms,
  runAlone,
  sleep,
  waitFor,
  type Figure,
} from './bench-kit.ts';
import { observeHost, signIn, startDeskStack } from './desk-stack.ts';

export const RECONNECT_BUDGET_P95_MS = 1_000;

/** Resolves with the time of the first connection the port accepts, trying every `everyMs`. */
function firstAccept(port: number, everyMs = 2): { at: Promise<number>; cancel(): void } {
  let cancelled = false;
  const at = new Promise<number>((resolve) => {
    const attempt = () => {
      if (cancelled) return;
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        const accepted = epochNow();
        socket.destroy();
        resolve(accepted);
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, everyMs);
      });
    };
    attempt();
  });
  return { at, cancel: () => (cancelled = true) };
}

/** The first time a bare STOMP client gets CONNECTED, retrying every `everyMs`. */
async function bareConnected(broker: Parameters<typeof connectBareStomp>[0], everyMs = 5): Promise<number> {
  for (;;) {
    try {
      const client = await connectBareStomp(broker);
      const at = epochNow();
      void client.deactivate();
      return at;
    } catch {
      await sleep(everyMs);
    }
  }
}

const inService = (state: DeskState) => state.connection.status === 'in-service' && !state.connection.stale;

export interface ReconnectResult {
  readonly desk: number[];
  readonly bare: number[];
  readonly cycles: number;
}

export async function measureReconnect(options: { cycles?: number } = {}): Promise<ReconnectResult> {
  const cycles = options.cycles ?? envNumber('BENCH_RECONNECT_CYCLES', 20);
  const stack = await startDeskStack({ name: 'reconnect' });
  try {
    const { page, broker } = stack;
    await page.goto(stack.url);
    await signIn(page, '1001', '5001');
    const host = await observeHost(stack.url);
    let backAt: number | undefined;
    host.onPatch((_patch, at, state) => {
      if (backAt === undefined && inService(state)) backAt = at;
    });
    await waitFor(() => host.state !== undefined && inService(host.state), 30_000, 'the desk in service');

    const desk: number[] = [];
    const bare: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      await broker.stop();
      await waitFor(
        () => host.state?.connection.status !== 'in-service',
        30_000,
        'the desk to notice the broker is gone',
      );
      backAt = undefined;
      const probe = firstAccept(broker.stompPort);
      const bareAt = probe.at.then(() => bareConnected(broker));
      await broker.start();
      const acceptedAt = await probe.at;
      await waitFor(
        () => backAt !== undefined,
        120_000,
        () => `the desk back in service (cycle ${cycle + 1})`,
      );
      desk.push((backAt as unknown as number) - acceptedAt);
      bare.push((await bareAt) - acceptedAt);
      probe.cancel();
      // The next outage starts from a desk that has settled, as outages do not come back to back.
      await sleep(1_000);
    }
    host.close();
    return { desk, bare, cycles };
  } finally {
    await stack.stop();
  }
}

export async function runReconnectBench(options: { cycles?: number } = {}): Promise<Figure[]> {
  const result = await measureReconnect(options);
  const desk = distribution(result.desk);
  const bare = distribution(result.bare);
  return [
    {
      id: 'reconnect',
      figure: `reconnect: ActiveMQ stopped and restarted ${result.cycles} times, broker accepting -> desk in service, state refetched`,
      budget: `p95 ≤ ${ms(RECONNECT_BUDGET_P95_MS)}`,
      reference: `bare STOMP client retrying every 5 ms, accepting -> CONNECTED: ${describe(bare, ['p50', 'p95'])}`,
      measured: describe(desk, ['p50', 'p95', 'max']),
      met: desk.p95 <= RECONNECT_BUDGET_P95_MS,
      how:
        'Default reconnection settings. Broker accepting: first TCP connection a 2 ms probe gets after start; in ' +
        'service: the browser host’s patch saying in service and not stale (GC’s fresh State arrived).',
      data: { deskMs: desk, bareMs: bare, samples: result.desk },
    },
  ];
}

if (isEntryPoint(import.meta.url)) await runAlone(() => runReconnectBench());
