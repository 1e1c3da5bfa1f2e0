// Action to wire: an agent's click in Chromium -> the command arriving at a consumer of GC's
// command queue on the broker. The whole way: the click event, the Svelte handler, the DeskStore,
// the browser host's WebSocket, validation, the desk's checks, encoding, STOMP SEND to ActiveMQ,
// and ActiveMQ delivering it to a queue consumer.
//
// How: the deployment of desk-stack.ts (desk in its own process behind the browser host, private
// ActiveMQ, simulator where GC would be). A bare STOMP consumer in this process takes the desk's
// command queue and records when each command arrives, then hands it to the simulator (which
// listens elsewhere), so the agent sees GC's reply as usual. The agent, signed in, goes Ready
// (the status bar's Ready button) and back to Not ready (the "Not ready…" menu, "No reason"), over
// and over; Playwright clicks with real (trusted) mouse events. A capturing click listener in the
// page records each click's event.timeStamp (the input's own time, before any handler ran) on the
// page's clock `performance.timeOrigin + timeStamp`; pageClockOffset() maps it onto this process's
// clock (round trips; the offset's uncertainty is reported). Latency = arrival at the consumer −
// the last click before it. Reference, in the same run and on the same broker: a bare STOMP
// publish -> receive round trip (broker-rtt.bench.ts), the floor any command stands on.
//
//   npx tsx test/bench/action-to-wire.bench.ts        (BENCH_ACTION_CLICKS: clicks, default 200)

import type { IMessage } from '@stomp/stompjs';
import { connectBareStomp } from './bare-stomp.ts';
import {
  describe,
  distribution,
  envNumber,
  epochNow,
  isEntryPoint,
  ms,
  runAlone,
  waitFor,
  type Figure,
} from './bench-kit.ts';
import { runBrokerRttBench } from './broker-rtt.bench.ts';
import { deskCommandQueue, pageClockOffset, signIn, startDeskStack } from './desk-stack.ts';

export const ACTION_BUDGET_P99_MS = 10;

/** Every click in the page, on the page's clock, before any handler sees it. */
const RECORD_CLICKS = `
  window.__benchClicks = [];
  addEventListener('click', (event) => {
    window.__benchClicks.push(performance.timeOrigin + event.timeStamp);
  }, true);
`;

interface Arrival {
  readonly at: number;
  readonly command: string;
}

export interface ActionToWireResult {
  readonly samples: number[];
  readonly clockUncertaintyMs: number;
  readonly reference: { p50Ms: number; p99Ms: number; messages: number };
}

export async function measureActionToWire(options: { clicks?: number } = {}): Promise<ActionToWireResult> {
  const clicks = options.clicks ?? envNumber('BENCH_ACTION_CLICKS', 200);
  const arrivals: Arrival[] = [];
  const stack = await startDeskStack({
    name: 'action',
    simulatorCommandQueue: `Connector-sim-action-${process.pid}`,
    async beforeDesk(broker, simulator) {
      const consumer = await connectBareStomp(broker);
      consumer.subscribe(`/queue/${deskCommandQueue('action')}`, (message: IMessage) => {
        const type = message.headers['type'] ?? '';
        arrivals.push({ at: epochNow(), command: type.split('#')[0] ?? '' });
        simulator.peer.receive(type, message.body);
      });
    },
  });
  try {
    const { page } = stack;
    await page.addInitScript({ content: RECORD_CLICKS });
    await page.goto(stack.url);
    await signIn(page, '1001', '5001');
    const status = page.getByRole('region', { name: 'Your state' });
    const ready = status.getByRole('button', { name: 'Ready', exact: true });
    const notReadyMenu = status.getByRole('button', { name: 'Not ready…' });
    await notReadyMenu.waitFor({ timeout: 30_000 });

    const samples: number[] = [];
    const measure = async (command: string, click: () => Promise<void>, done: () => Promise<void>) => {
      const before = arrivals.length;
      await click();
      await waitFor(
        () => arrivals.slice(before).some((arrival) => arrival.command === command),
        10_000,
        `${command} on the broker`,
      );
      await done();
      const arrival = arrivals.slice(before).find((candidate) => candidate.command === command) as Arrival;
      const pageClicks = (await page.evaluate('window.__benchClicks.slice()')) as number[];
      const clickedAt = pageClicks.filter((at) => at - offset.offsetMs <= arrival.at).at(-1);
      if (clickedAt === undefined) throw new Error(`no click recorded before ${command}`);
      samples.push(arrival.at - (clickedAt - offset.offsetMs));
    };

    const offset = await pageClockOffset(page);
    for (let index = 0; index < clicks; index += 2) {
      await measure(
        'MakeReady',
        () => ready.click(),
        () => ready.waitFor({ state: 'detached', timeout: 10_000 }),
      );
      await notReadyMenu.click();
      await measure(
        'MakeNotReady',
        () => page.getByRole('menuitem', { name: 'No reason', exact: true }).click(),
        () => ready.waitFor({ timeout: 10_000 }),
      );
    }
    const reference = await runBrokerRttBench({ broker: stack.broker, messages: 1_000 });
    if (stack.pageErrors.length > 0) throw new Error(`page errors: ${stack.pageErrors.join('; ')}`);
    return {
      samples,
      clockUncertaintyMs: offset.rttMs / 2,
      reference: { p50Ms: reference.p50Ms, p99Ms: reference.p99Ms, messages: reference.messages },
    };
  } finally {
    await stack.stop();
  }
}

export async function runActionToWireBench(options: { clicks?: number } = {}): Promise<Figure[]> {
  const result = await measureActionToWire(options);
  const latency = distribution(result.samples);
  return [
    {
      id: 'action-to-wire',
      figure: 'action to wire: click -> command seen on the broker by a consumer',
      budget: `p99 ≤ ${ACTION_BUDGET_P99_MS} ms`,
      reference: `bare STOMP publish -> receive on the same broker: p50 ${ms(result.reference.p50Ms)}, p99 ${ms(result.reference.p99Ms)}`,
      measured: describe(latency, ['p50', 'p99', 'max']),
      met: latency.p99 <= ACTION_BUDGET_P99_MS,
      how:
        'Trusted clicks on Ready and Not ready… > No reason in Chromium; click event.timeStamp in the page ' +
        `(clock offset by round trips, ± ${ms(result.clockUncertaintyMs)}) to arrival at a bare STOMP consumer ` +
        'of the desk’s command queue, which hands each command on to the simulator.',
      data: {
        latencyMs: latency,
        clockUncertaintyMs: result.clockUncertaintyMs,
        reference: result.reference,
      },
    },
  ];
}

if (isEntryPoint(import.meta.url)) await runAlone(() => runActionToWireBench());
