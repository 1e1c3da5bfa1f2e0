// Queue statistics as a table: one column per queue, one row per statistic, in the order GC's
// form lists them (UCCE or UCCX), and any statistic a GC build adds after those. Plain
// functions, tested in Node.

import type { QueuesSlice } from '../../../preload/contract.ts';

/** The statistics of each form, in the seed's order (PROTOCOL.md, QueueList). */
export const QUEUE_STATS = {
  ucce: [
    'callsInQueue',
    'agentsReady',
    'agentsNotReady',
    'talkingInbound',
    'talkingOutbound',
    'talkingInternal',
    'wrapUpReady',
    'wrapUpNotReady',
  ],
  uccx: [
    'waitingCalls',
    'agentsLoggedIn',
    'agentsInAfterCallWork',
    'agentsTalking',
    'agentsReserved',
    'handledCalls',
    'abandonedCalls',
    'totalCalls',
    'longestHandleTime',
  ],
} as const;

export type KnownQueueStat = (typeof QUEUE_STATS)[keyof typeof QUEUE_STATS][number];

export interface QueueTable {
  /** The queues' names, one column each. */
  readonly queues: readonly string[];
  /** One row per statistic; a value a queue lacks is undefined. */
  readonly rows: readonly {
    readonly stat: string;
    readonly values: readonly (string | number | undefined)[];
  }[];
}

export function queueTable(slice: QueuesSlice): QueueTable {
  const known: readonly string[] = slice.form ? QUEUE_STATS[slice.form] : [];
  const extra: string[] = [];
  for (const queue of slice.queues) {
    for (const key of Object.keys(queue)) {
      if (key !== 'name' && !known.includes(key) && !extra.includes(key)) extra.push(key);
    }
  }
  const stats = [...known, ...extra];
  return {
    queues: slice.queues.map((queue) => String(queue['name'] ?? '')),
    rows: stats.map((stat) => ({
      stat,
      values: slice.queues.map((queue) => (Object.hasOwn(queue, stat) ? queue[stat] : undefined)),
    })),
  };
}

/**
 * A statistic the catalog has no words for, made readable from its key: `agentsOnBreak` reads
 * "Agents on break", `queue_1_WaitingCalls` "Queue 1 waiting calls".
 */
export function readableStatName(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    // An acronym (UCCX, ACD) keeps its capitals; other words go lower case.
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text === '' ? key : text.charAt(0).toUpperCase() + text.slice(1);
}
