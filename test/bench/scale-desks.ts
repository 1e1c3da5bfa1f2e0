// A process of headless desks for scale.bench.ts: real Desks (main/core/desk), each with its own
// STOMP connection, topic and outbox, no window. Started by scale.bench.ts with an IPC channel;
// each desk signs in, goes ready, answers what rings after 0.5-2 s and hangs up after 3-10 s, as
// an agent would, while the process records when every event reached each desk.
//
// Messages from the parent: { type: 'start', agents: [{ agentId, extension }], broker: {…},
// commandQueue } then { type: 'report' } and { type: 'stop' }. To the parent: { type: 'baseline',
// rssBytes, heapBytes } before any desk exists, { type: 'signed-in', count } as desks sign in,
// { type: 'report', arrivals: { <clientDestination>: number[] } (epochNow() of each event),
// memory: { rssBytes, heapBytes } }, { type: 'stopped' }. Memory is taken after a full
// collection (the parent starts this with --expose-gc).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Desk } from '../../main/core/desk/desk.ts';
import { epochNow, sleep } from './bench-kit.ts';

interface StartMessage {
  readonly type: 'start';
  readonly agents: readonly { readonly agentId: string; readonly extension: string }[];
  readonly broker: { readonly url: string; readonly user: string; readonly passcode: string };
  readonly commandQueue: string;
  readonly password: string;
  readonly destinationPrefix: string;
}

type ParentMessage = StartMessage | { readonly type: 'report' } | { readonly type: 'stop' };

const send = (message: unknown) => process.send?.(message);
const desks: Desk[] = [];
const arrivals = new Map<string, number[]>();
const timers = new Set<ReturnType<typeof setTimeout>>();
let outboxDir: string | undefined;

function later(ms: number, action: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    action();
  }, ms);
  timers.add(timer);
}

/** One agent's day: sign in, go ready, answer and hang up what rings. */
async function runDesk(start: StartMessage, agentId: string, extension: string): Promise<void> {
  const clientDestination = `${start.destinationPrefix}-${agentId}`;
  const received: number[] = [];
  arrivals.set(clientDestination, received);
  const desk = await Desk.create({
    mode: 'broker',
    session: {
      brokerUrls: [start.broker.url],
      login: start.broker.user,
      passcode: start.broker.passcode,
      clientDestination,
      commandQueue: start.commandQueue,
    },
    outboxFile: join(outboxDir as string, `${agentId}.jsonl`),
  });
  desks.push(desk);
  desk.observeEvents(() => received.push(epochNow()));
  const answering = new Set<string>();
  desk.subscribe(() => {
    for (const dialog of desk.state.dialogs.items) {
      if (dialog.state !== 'ALERTING' || dialog.kind === 'preview' || answering.has(dialog.id)) continue;
      answering.add(dialog.id);
      later(500 + Math.random() * 1_500, () => {
        void desk.answer({ dialogId: dialog.id }).then((answered) => {
          if (!answered.ok) return;
          later(3_000 + Math.random() * 7_000, () => void desk.release({ dialogId: dialog.id }));
        });
      });
    }
  });
  desk.start();
  while (desk.state.connection.status !== 'in-service') await sleep(50);
  for (let attempt = 0; ; attempt++) {
    const signedIn = await desk.signIn({ agentId, extension, password: start.password });
    if (signedIn.ok) break;
    if (attempt >= 5) throw new Error(`${agentId} could not sign in: ${signedIn.error.message}`);
    await sleep(500);
  }
  const ready = await desk.setReady();
  if (!ready.ok) throw new Error(`${agentId} could not go ready: ${ready.error.message}`);
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    void (async () => {
      outboxDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-scale-'));
      let signedIn = 0;
      const starting: Promise<void>[] = [];
      for (const [index, agent] of message.agents.entries()) {
        starting.push(
          runDesk(message, agent.agentId, agent.extension).then(() => {
            send({ type: 'signed-in', count: ++signedIn });
          }),
        );
        // A shift's desks do not all start in the same millisecond.
        if (index % 25 === 24) await sleep(100);
      }
      await Promise.all(starting);
    })().catch((error: unknown) => {
      send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    });
  } else if (message.type === 'report') {
    send({ type: 'report', arrivals: Object.fromEntries(arrivals), memory: settledMemory() });
  } else if (message.type === 'stop') {
    void (async () => {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(desks.map((desk) => desk.stop()));
      if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
      send({ type: 'stopped' });
      process.exit(0);
    })();
  }
});

/** Memory after a full collection (the process runs with --expose-gc): what the desks keep. */
function settledMemory(): { rssBytes: number; heapBytes: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapBytes: usage.heapUsed + usage.external };
}

send({ type: 'baseline', ...settledMemory() });
// Without the parent there is nothing to do: exit with it.
process.on('disconnect', () => process.exit(0));
