// The broker killed (-9) and restarted 20 times while an agent works (issue 8, "Faults"): a
// private, persistent (KahaDB) ActiveMQ; the simulator as GC on it (itself a broker client that
// must come back after every kill); a real Desk whose agent takes a call in each round. Each
// round the broker dies in the middle of the call; while it is down the agent is told call
// control cannot work and schedules a callback for that call, which goes to the durable outbox;
// when the broker is back the desk refreshes, releases the call and delivers the callback.
//
// What "exactly once" means here. A callback command leaves the outbox only after the broker's
// RECEIPT, and the desk's SEND is persistent, so KahaDB keeps it across a kill until GC (the
// simulator) consumes it: nothing is lost. In the normal path (the command sent, confirmed,
// consumed, and only then the next kill) GC must see it exactly once, and that is asserted: per
// callback and per command name. The one window where a duplicate is correct behaviour is a
// kill between the broker storing the SEND and the desk reading its RECEIPT: the desk cannot
// know, sends it again, and KahaDB still holds the first copy (at-least-once; the outbox says
// so in callback-outbox.ts). The test keeps its kills out of that window, and checks from the
// desk's log that no send was cut that way, so any duplicate it sees is a bug.

import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogView } from '../../../preload/contract.ts';
import type { Desk } from '../../../main/core/desk/desk.ts';
import type { LogEntry } from '../../../main/core/log/logger.ts';
import type { SimulatorOnBroker } from '../../../main/demo/broker-face.ts';
import { ManualClock } from '../../../main/demo/sim/clock.ts';
import { startActiveMq, type ActiveMqBroker } from '../../fixtures/activemq.ts';
import {
  garbageCollector,
  heapAfterGc,
  openFaultDesk,
  quietSimulator,
  signIn,
  until,
} from '../../support/fault-desk.ts';
import { writeReliabilityFigures } from '../../support/reliability-figures.ts';
import { UiHealth } from '../../support/ui-health.ts';

const KILLS = 20;
/** Heap growth (after full GC) allowed between the end of the warm-up and the last round. */
const HEAP_GROWTH_LIMIT_BYTES = 8 * 1024 * 1024;
const WARM_UP_ROUNDS = 3;
const AGENT = { agentId: '1004', extension: '5004' };

const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let dir: string;
let broker: ActiveMqBroker;
let simulator: SimulatorOnBroker;
let desk: Desk;
let ui: UiHealth;
const deskLog: LogEntry[] = [];
const simLog: LogEntry[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-faults-kill-'));
  broker = await startActiveMq({ persistent: true });
  simulator = await quietSimulator({ broker, clock, session: { log: keepTelling(simLog) } });
  desk = await openFaultDesk({
    dir,
    name: 'kill',
    brokerUrl: broker.stompUrl,
    broker,
    log: keepTelling(deskLog),
  });
  ui = new UiHealth(desk);
  await signIn(desk, AGENT.agentId, AGENT.extension);
}, 120_000);

afterAll(async () => {
  ui?.dispose();
  await desk?.stop();
  await simulator?.stop();
  await broker?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Keeps the log lines the assertions read, and only those: the memory figure is the desk's, not the log's. */
function keepTelling(into: LogEntry[]): (entry: LogEntry) => void {
  return (entry) => {
    const event = String(entry.event);
    if (event.startsWith('outbox.') || event.endsWith('threw') || event === 'broker.connected')
      into.push(entry);
  };
}

function simAgent() {
  return simulator.peer.center.snapshot().agents.find((agent) => agent.loginId === AGENT.agentId);
}

async function untilSim(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const startedAt = Date.now();
  while (!predicate()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`the simulator never got to: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A caller rings; the agent answers. Returns the call, in progress. */
async function takeACall(): Promise<DialogView> {
  const center = simulator.peer.center;
  const queue = center.roster.team(center.roster.byLoginId(AGENT.agentId)?.teamId as string)?.queue as string;
  expect(await desk.setReady()).toMatchObject({ ok: true });
  const dialogId = center.offerCall(queue);
  await until(
    desk,
    (s) => s.dialogs.items.some((d) => d.id === dialogId && d.state === 'ALERTING'),
    'ringing',
  );
  expect(await desk.answer({ dialogId })).toMatchObject({ ok: true });
  const state = await until(
    desk,
    (s) => s.dialogs.items.some((d) => d.id === dialogId && d.state === 'ACTIVE'),
    'talking',
  );
  return state.dialogs.items.find((d) => d.id === dialogId) as DialogView;
}

describe(`broker killed (-9) and restarted ${KILLS} times while the agent works`, () => {
  it(
    'loses no callback, sends none twice, and keeps memory flat',
    async () => {
      const gc = garbageCollector();
      const expected = new Map<string, string>(); // dialogId -> callback number
      const rounds: { downShownMs: number; backMs: number; heapUsed?: number; rss: number }[] = [];
      const scheduledBefore = simulator.peer.stats.byCommand['ScheduleCallback'] ?? 0;

      for (let round = 1; round <= KILLS; round++) {
        const call = await takeACall();

        // The broker dies mid-call.
        const mark = ui.mark();
        const killedAt = Date.now();
        await broker.kill();
        const down = await ui.waitFor((shown) => shown.kind === 'reconnecting', 'reconnecting', mark);

        // While it is down: call control refuses at once; the callback goes to the outbox.
        expect(await desk.release({ dialogId: call.id })).toMatchObject({
          ok: false,
          error: { code: 'not-connected' },
        });
        const number = `+4416329${String(60_000 + round).padStart(5, '0')}`;
        expect(
          await desk.scheduleCallback({
            dialogId: call.id,
            callbackTime: '2026-11-25 10:00',
            callbackNumber: number,
          }),
        ).toMatchObject({ ok: true });
        expected.set(call.id, number);
        expect(desk.state.callbacks.outbox.map((item) => item.dialogId)).toEqual([call.id]);

        // Back: the desk and the simulator reconnect, the desk refreshes, the callback goes out.
        const restartAt = Date.now();
        await broker.start();
        await ui.waitFor((shown) => shown.kind === 'connected', 'connected again', mark);
        await until(
          desk,
          (s) =>
            s.callbacks.outbox.length === 0 && s.callbacks.items.some((item) => item.dialogId === call.id),
          'the callback delivered',
        );
        const backMs = Date.now() - restartAt;
        await untilSim(
          () =>
            simAgent()?.callbacks.some((cb) => cb.dialogId === call.id && cb.callbackNumber === number) ===
            true,
          `the callback for ${call.id}`,
        );
        // The call survived the outage on both sides, and can be finished now.
        await until(
          desk,
          (s) => s.dialogs.items.some((d) => d.id === call.id && d.state === 'ACTIVE'),
          'call shown',
        );
        expect(await desk.release({ dialogId: call.id })).toMatchObject({ ok: true });
        await until(desk, (s) => s.dialogs.items.length === 0, 'call ended');

        const heapUsed = heapAfterGc(gc);
        rounds.push({
          downShownMs: down.at - killedAt,
          backMs,
          ...(heapUsed === undefined ? {} : { heapUsed }),
          rss: process.memoryUsage().rss,
        });
      }

      // Zero lost: every callback is in GC's store with its number; nothing waits in the outbox.
      const stored = new Map(simAgent()?.callbacks.map((cb) => [cb.dialogId, cb.callbackNumber]));
      for (const [dialogId, number] of expected) expect(stored.get(dialogId), dialogId).toBe(number);
      expect(desk.state.callbacks.outbox).toEqual([]);
      expect((await readFile(join(dir, 'kill.outbox.jsonl'), 'utf8')).trim()).toBe('');

      // None twice: GC saw exactly one ScheduleCallback per callback, and refused none as a repeat.
      const scheduled = (simulator.peer.stats.byCommand['ScheduleCallback'] ?? 0) - scheduledBefore;
      expect(scheduled).toBe(KILLS);
      expect(desk.state.notices.items.filter((notice) => notice.code === 'CALLBACK_EXISTS')).toEqual([]);
      // ...and the desk never had a send cut between SEND and RECEIPT (the at-least-once window).
      const cutSends = deskLog.filter(
        (entry) => entry.event === 'outbox.send-failed' && entry['code'] !== 'not-connected',
      );
      expect(cutSends).toEqual([]);
      const sentByDesk = deskLog.filter((entry) => entry.event === 'outbox.sent');
      expect(sentByDesk).toHaveLength(KILLS);

      // No crash: no listener threw, both ends are up, and the desk still works.
      const threw = [...deskLog, ...simLog].filter((entry) => String(entry.event).endsWith('threw'));
      expect(threw).toEqual([]);
      expect(simulator.session.status.state).toBe('connected');
      // The simulator is a broker client too: it came back after every kill.
      expect(simLog.filter((entry) => entry.event === 'broker.connected')).toHaveLength(KILLS + 1);
      expect(desk.state.connection).toMatchObject({ status: 'in-service', stale: false });
      expect(await desk.setNotReady()).toMatchObject({ ok: true });

      // Memory flat: heap after full GC, from the end of the warm-up to the last round.
      const heaps = rounds.map((r) => r.heapUsed).filter((heap): heap is number => heap !== undefined);
      const growth =
        heaps.length === KILLS ? (heaps.at(-1) as number) - (heaps[WARM_UP_ROUNDS - 1] as number) : undefined;
      expect(growth, 'a heap reading after full GC for every round').toBeDefined();
      expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);

      await writeReliabilityFigures('broker-kill', {
        kills: KILLS,
        callbacksScheduledWhileDown: expected.size,
        scheduleCallbackSeenByGc: scheduled,
        sentByDesk: sentByDesk.length,
        sendsCutInFlight: cutSends.length,
        simulatorPublishFailuresWhileDown: simulator.publishFailures,
        memory: {
          measuredWith: gc ? 'heapUsed after full GC (v8 --expose-gc)' : 'rss only (no GC reachable)',
          heapGrowthAfterWarmUpBytes: growth,
          heapGrowthLimitBytes: HEAP_GROWTH_LIMIT_BYTES,
          heapUsedFirst: heaps[0],
          heapUsedAfterWarmUp: heaps[WARM_UP_ROUNDS - 1],
          heapUsedLast: heaps.at(-1),
          rssFirst: rounds[0]?.rss,
          rssLast: rounds.at(-1)?.rss,
        },
        downShownMsMax: Math.max(...rounds.map((r) => r.downShownMs)),
        backAfterRestartMsMedian: median(rounds.map((r) => r.backMs)),
        backAfterRestartMsMax: Math.max(...rounds.map((r) => r.backMs)),
        rounds,
      });
    },
    // 20 rounds of kill, restart (about 1 s each for the JVM here) and a call: about a minute.
    300_000,
  );
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
