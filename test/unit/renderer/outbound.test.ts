// Previews, reclassification and callback times (renderer/src/state/outbound.ts), and the
// newest-answer-only rule of the phonebook search (renderer/src/state/latest-request.ts).

import { describe, expect, it } from 'vitest';
import {
  RECLASSIFY_VALUES,
  callbackTimeFromInput,
  callbackTimeText,
  callbackTimeToInput,
  callbacksByTime,
  canReclassify,
  previewCustomer,
} from '../../../renderer/src/state/outbound.ts';
import { LatestRequest } from '../../../renderer/src/state/latest-request.ts';
import { dialog } from './desk-state-fixture.ts';

describe('previews', () => {
  it('read the customer from the campaign variables', () => {
    const preview = dialog({
      kind: 'preview',
      state: 'ALERTING',
      callType: 'OUTBOUND_PREVIEW',
      otherParty: '+441632960100',
      callVariables: [
        { name: 'BACampaign', value: 'Renewals Q4' },
        { name: 'BAAccountNumber', value: '4711' },
        { name: 'BACustomerNumber', value: '+441632960100' },
        { name: 'BABuddyName', value: 'Ana Ruiz' },
      ],
    });
    expect(previewCustomer(preview)).toEqual({
      name: 'Ana Ruiz',
      number: '+441632960100',
      account: '4711',
      campaign: 'Renewals Q4',
    });
  });

  it('fall back to the dialled party when the campaign sends no customer number', () => {
    const preview = dialog({ kind: 'preview', otherParty: '+441632960199', callVariables: [] });
    expect(previewCustomer(preview)).toEqual({
      name: '',
      number: '+441632960199',
      account: '',
      campaign: '',
    });
  });
});

describe('reclassification', () => {
  it('is offered on campaign calls under way, not on inbound calls or undecided previews', () => {
    expect(canReclassify(dialog({ callType: 'OUTBOUND', state: 'ACTIVE' }))).toBe(true);
    expect(canReclassify(dialog({ callType: 'OUTBOUND', state: 'INITIATED' }))).toBe(true);
    expect(canReclassify(dialog({ callType: 'ACD_IN', state: 'ACTIVE' }))).toBe(false);
    expect(canReclassify(dialog({ kind: 'preview', callType: 'OUTBOUND_PREVIEW', state: 'ALERTING' }))).toBe(
      false,
    );
  });

  it('offers the values the contact center takes', () => {
    expect(RECLASSIFY_VALUES).toEqual([
      'VOICE',
      'FAX',
      'ANS_MACHINE',
      'INVALID',
      'DO_NOT_CALL',
      'WRONG_NUMBER',
      'WRONG_PARTY',
    ]);
  });
});

describe('callback times', () => {
  it('turn the date-time field into the desk’s yyyy-MM-dd HH:mm and back', () => {
    expect(callbackTimeFromInput('2026-11-26T10:30')).toBe('2026-11-26 10:30');
    expect(callbackTimeFromInput('2026-11-26T10:30:45')).toBe('2026-11-26 10:30');
    expect(callbackTimeFromInput('2026-11-26T10:30:45.123')).toBe('2026-11-26 10:30');
    expect(callbackTimeFromInput('')).toBeUndefined();
    expect(callbackTimeFromInput('26/11/2026 10:30')).toBeUndefined();
    expect(callbackTimeToInput('2026-11-26 10:30:00')).toBe('2026-11-26T10:30');
    expect(callbackTimeToInput('2026-11-26T10:30')).toBe('2026-11-26T10:30');
    expect(callbackTimeToInput('soon')).toBe('');
  });

  it('show to the minute, and anything unexpected as it came', () => {
    expect(callbackTimeText('2026-11-26 10:30:00')).toBe('2026-11-26 10:30');
    expect(callbackTimeText('tomorrow')).toBe('tomorrow');
  });

  it('list soonest first', () => {
    const at = (dialogId: string, callbackTime: string) => ({
      dialogId,
      callbackTime,
      callbackNumber: '+441632960100',
      status: 'scheduled' as const,
    });
    const sorted = callbacksByTime({
      items: [at('a', '2026-12-01 09:00:00'), at('b', '2026-11-30 17:00:00'), at('c', '2026-12-01 08:59:00')],
      outbox: [],
    });
    expect(sorted.map((item) => item.dialogId)).toEqual(['b', 'c', 'a']);
  });
});

describe('the newest request only', () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((done) => (resolve = done));
    return { promise, resolve };
  }

  it('drops an earlier answer that arrives after a newer question', async () => {
    const latest = new LatestRequest();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = latest.run(() => slow.promise);
    const second = latest.run(() => fast.promise);
    fast.resolve('ac');
    slow.resolve('a');
    expect(await second).toEqual({ current: true, value: 'ac' });
    expect(await first).toEqual({ current: false });
  });

  it('keeps an answer when nothing newer was asked, and drops it once superseded', async () => {
    const latest = new LatestRequest();
    expect(await latest.run(() => Promise.resolve(1))).toEqual({ current: true, value: 1 });
    const pending = deferred<number>();
    const asked = latest.run(() => pending.promise);
    latest.supersede();
    pending.resolve(2);
    expect(await asked).toEqual({ current: false });
  });
});
