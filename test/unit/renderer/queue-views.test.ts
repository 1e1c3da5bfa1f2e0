// Queue statistics as the supervisor's table shows them (renderer/src/state/queue-views.ts and
// the words in renderer/src/i18n/supervisor.ts): both of GC's forms in their order, statistics a
// GC build adds, and readable headers for keys the catalog does not know.

import { describe, expect, it } from 'vitest';
import type { QueuesSlice } from '../../../preload/contract.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { createTranslator } from '../../../renderer/src/i18n/index.ts';
import { partyTagText, queueStatText } from '../../../renderer/src/i18n/supervisor.ts';
import { QUEUE_STATS, queueTable, readableStatName } from '../../../renderer/src/state/queue-views.ts';

const ucce: QueuesSlice = {
  form: 'ucce',
  updatedAt: 1_000,
  queues: [
    {
      name: 'Sales',
      callsInQueue: 3,
      agentsReady: 2,
      agentsNotReady: 4,
      talkingInbound: 5,
      talkingOutbound: 0,
      talkingInternal: 1,
      wrapUpReady: 1,
      wrapUpNotReady: 0,
    },
    {
      name: 'Billing',
      callsInQueue: 0,
      agentsReady: 1,
      agentsNotReady: 0,
      talkingInbound: 2,
      talkingOutbound: 0,
      talkingInternal: 0,
      wrapUpReady: 0,
      wrapUpNotReady: 3,
    },
  ],
};

const uccx: QueuesSlice = {
  form: 'uccx',
  updatedAt: 1_000,
  queues: [
    {
      name: 'Support',
      waitingCalls: 1,
      agentsLoggedIn: 8,
      agentsInAfterCallWork: 1,
      agentsTalking: 3,
      agentsReserved: 0,
      handledCalls: 42,
      abandonedCalls: 2,
      totalCalls: 45,
      longestHandleTime: '612',
    },
  ],
};

describe('queueTable', () => {
  it('has a column per queue and the UCCE statistics in their order', () => {
    const table = queueTable(ucce);
    expect(table.queues).toEqual(['Sales', 'Billing']);
    expect(table.rows.map((row) => row.stat)).toEqual([...QUEUE_STATS.ucce]);
    expect(table.rows.find((row) => row.stat === 'wrapUpNotReady')?.values).toEqual([0, 3]);
    expect(table.rows[0]).toEqual({ stat: 'callsInQueue', values: [3, 0] });
  });

  it('reads the UCCX form the same way, the handle time kept as GC sent it', () => {
    const table = queueTable(uccx);
    expect(table.queues).toEqual(['Support']);
    expect(table.rows.map((row) => row.stat)).toEqual([...QUEUE_STATS.uccx]);
    expect(table.rows.at(-1)).toEqual({ stat: 'longestHandleTime', values: ['612'] });
  });

  it('adds statistics it does not know after the known ones, blank where a queue lacks one', () => {
    const table = queueTable({
      ...uccx,
      queues: [
        { ...uccx.queues[0], agentsOnBreak: 2 },
        { name: 'Claims', waitingCalls: 0, queue_1_ServiceLevel: '90%' },
      ],
    });
    expect(table.queues).toEqual(['Support', 'Claims']);
    expect(table.rows.map((row) => row.stat).slice(-2)).toEqual(['agentsOnBreak', 'queue_1_ServiceLevel']);
    expect(table.rows.find((row) => row.stat === 'agentsOnBreak')?.values).toEqual([2, undefined]);
    expect(table.rows.find((row) => row.stat === 'agentsLoggedIn')?.values).toEqual([8, undefined]);
  });

  it('is empty before the first statistics arrive', () => {
    expect(queueTable({ form: undefined, queues: [], updatedAt: undefined })).toEqual({
      queues: [],
      rows: [],
    });
  });

  it('does not take a key named like an Object method for a statistic a queue has', () => {
    const table = queueTable({ ...uccx, queues: [{ name: 'Odd', toString: 3 }, { name: 'Plain' }] });
    expect(table.rows.find((row) => row.stat === 'toString')?.values).toEqual([3, undefined]);
  });
});

describe('headers', () => {
  const { t } = createTranslator('en');

  it('come from the catalog for every statistic of both forms', () => {
    for (const stat of [...QUEUE_STATS.ucce, ...QUEUE_STATS.uccx]) {
      expect(queueStatText(t, stat)).toBe(en[`supervisor.queues.stat.${stat}`]);
    }
    expect(queueStatText(t, 'callsInQueue')).toBe('Calls in queue');
    expect(queueStatText(t, 'agentsLoggedIn')).toBe('Agents signed in');
  });

  it('are made readable from the key for a statistic the catalog does not know', () => {
    expect(queueStatText(t, 'agentsOnBreak')).toBe('Agents on break');
    expect(readableStatName('queue_1_ServiceLevel')).toBe('Queue 1 service level');
    expect(readableStatName('ACDCallsOffered')).toBe('ACD calls offered');
    expect(readableStatName('Number_of_CallsInQueue')).toBe('Number of calls in queue');
    expect(readableStatName('constructor')).toBe('Constructor');
    expect(readableStatName('___')).toBe('___');
  });

  it('name the parties of a call by their tag, an unknown tag as GC sent it', () => {
    expect(partyTagText(t, 'CUSTOMER')).toBe('Caller');
    expect(partyTagText(t, 'AGENT')).toBe('Agent');
    expect(partyTagText(t, 'ROBOT')).toBe('ROBOT');
    expect(partyTagText(t, '__proto__')).toBe('__proto__');
  });
});
