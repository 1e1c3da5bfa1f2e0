// Simulated callers: Poisson arrivals on every queue, callers who give up waiting, and customers
// who hang up after an exponentially distributed talk time.

import type { TrafficOptions } from './contact-center.ts';
import type { QueueRuntime, SimContext, WaitingCall } from './context.ts';
import { customerParty, endDialog, forgetDialog, newDialog } from './dialog-lifecycle.ts';
import type { Dialog } from './dialogs.ts';
import { exponentialDelay, pick, randomInt, type RandomSource } from './random.ts';
import { route } from './routing.ts';

export const DEFAULT_TRAFFIC: Required<TrafficOptions> = {
  meanInterArrivalMs: 45_000,
  meanTalkMs: 90_000,
  meanPatienceMs: 120_000,
  ringTimeoutMs: 20_000,
  wrapUpMs: 20_000,
  remoteAnswerMs: 3_000,
  meanPreviewGapMs: 300_000,
};

/** Every queue gets its first caller after a random gap; each arrival schedules the next. */
export function startTraffic(ctx: SimContext): void {
  for (const queue of ctx.queues.values()) scheduleArrival(ctx, queue);
}

function scheduleArrival(ctx: SimContext, queue: QueueRuntime): void {
  const delay = exponentialDelay(ctx.random, ctx.traffic.meanInterArrivalMs);
  if (!Number.isFinite(delay)) return;
  queue.arrivalTimer = ctx.clock.setTimeout(() => {
    arrive(ctx, queue);
    if (ctx.running) scheduleArrival(ctx, queue);
  }, delay);
}

export function arrive(
  ctx: SimContext,
  queue: QueueRuntime,
  caller?: { ani?: string; variables?: { name: string; value: string }[] },
): Dialog {
  const ani = caller?.ani ?? randomCaller(ctx.random);
  const dialog = newDialog(ctx, {
    callType: 'ACD_IN',
    queue: queue.team.queue,
    caller: ani,
    parties: [customerParty(ani, 'ACTIVE')],
    acd: true,
    variables: caller?.variables ?? [
      { name: 'callVariable1', value: String(randomInt(ctx.random, 100_000, 999_999)) },
      { name: 'callVariable2', value: pick(ctx.random, ['EN', 'ES', 'DE']) },
      { name: 'user.CustomerTier', value: pick(ctx.random, ['Gold', 'Silver', 'Standard']) },
    ],
  });
  queue.total++;
  const waiting: WaitingCall = { dialog, enqueuedAt: ctx.clock.now(), abandonTimer: undefined };
  const patience = exponentialDelay(ctx.random, ctx.traffic.meanPatienceMs);
  if (Number.isFinite(patience)) {
    waiting.abandonTimer = ctx.clock.setTimeout(() => {
      queue.waiting = queue.waiting.filter((call) => call !== waiting);
      queue.abandoned++;
      forgetDialog(ctx, dialog);
    }, patience);
  }
  queue.waiting.push(waiting);
  route(ctx, queue);
  return dialog;
}

export function scheduleHangup(ctx: SimContext, dialog: Dialog): void {
  ctx.clock.clearTimeout(dialog.hangupTimer);
  const talk = exponentialDelay(ctx.random, ctx.traffic.meanTalkMs);
  if (!Number.isFinite(talk)) return;
  dialog.hangupTimer = ctx.clock.setTimeout(() => endDialog(ctx, dialog), Math.max(5_000, talk));
}

function randomCaller(random: RandomSource): string {
  const local = String(randomInt(random, 0, 9999)).padStart(4, '0');
  return random.next() < 0.5 ? `+44 20 7946 ${local}` : `+1 202 555 ${local}`;
}
