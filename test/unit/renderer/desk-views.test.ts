// The views the desk UI shows, computed from DeskState (renderer/src/state/desk-views.ts), with
// the timer format and the keyboard shortcuts.

import { describe, expect, it } from 'vitest';
import type { ConnectionSlice } from '../../../preload/contract.ts';
import {
  activeCall,
  agentStatus,
  agentTone,
  callTimes,
  canMakeCall,
  connectionHealth,
  consultLeg,
  isSignedIn,
  noticesNewestFirst,
  previewDialog,
  readyToggle,
  ringingCall,
  wrapUpNeeded,
} from '../../../renderer/src/state/desk-views.ts';
import { formatDuration, isoDuration } from '../../../renderer/src/state/format.ts';
import { shortcutFor, type KeyPress } from '../../../renderer/src/state/shortcuts.ts';
import { agent, deskState, dialog } from './desk-state-fixture.ts';

describe('the agent', () => {
  it('counts as signed in while signed in or signing out', () => {
    expect(isSignedIn(agent({ signIn: 'signed-in' }))).toBe(true);
    expect(isSignedIn(agent({ signIn: 'signing-out' }))).toBe(true);
    expect(isSignedIn(agent({ signIn: 'signing-in' }))).toBe(false);
    expect(isSignedIn(agent({ signIn: 'signed-out' }))).toBe(false);
  });

  it('has a tone per state, and an unknown state shows neutral', () => {
    expect(agentTone('READY')).toBe('ready');
    expect(agentTone('NOT_READY')).toBe('not-ready');
    expect(agentTone('TALKING')).toBe('call');
    expect(agentTone('HOLD')).toBe('call');
    expect(agentTone('RESERVED_OUTBOUND_PREVIEW')).toBe('reserved');
    expect(agentTone('WORK_READY')).toBe('work');
    expect(agentTone('LOGOUT')).toBe('off');
    expect(agentTone('SOMETHING_NEW')).toBe('off');
  });

  it('shows the state, its reason, what comes next and when it began', () => {
    expect(
      agentStatus(agent({ state: 'NOT_READY', reasonLabel: 'Lunch', pendingState: 'READY', stateSince: 42 })),
    ).toEqual({
      state: 'NOT_READY',
      tone: 'not-ready',
      reasonLabel: 'Lunch',
      pendingState: 'READY',
      since: 42,
    });
  });

  it('toggles to not ready only from ready', () => {
    expect(readyToggle(agent({ state: 'READY' }))).toBe('not-ready');
    expect(readyToggle(agent({ state: 'NOT_READY' }))).toBe('ready');
    expect(readyToggle(agent({ state: 'WORK' }))).toBe('ready');
  });

  it('makes calls from not ready and wrap-up only', () => {
    expect(['NOT_READY', 'WORK', 'WORK_READY'].every((state) => canMakeCall(agent({ state })))).toBe(true);
    expect(['READY', 'TALKING', 'RESERVED'].some((state) => canMakeCall(agent({ state })))).toBe(false);
  });
});

describe('the dialogs', () => {
  const ringing = dialog({ id: 'ring', state: 'ALERTING', answeredAt: undefined });
  const held = dialog({ id: 'main', state: 'HELD' });
  const consult = dialog({ id: 'leg', kind: 'consult', state: 'INITIATED', associatedDialogId: 'main' });
  const preview = dialog({ id: 'pv', kind: 'preview', state: 'ALERTING' });

  it('finds the ringing call, never a preview reservation', () => {
    expect(
      ringingCall({ items: [preview, held, ringing], lastEnded: undefined, wrapUp: undefined })?.id,
    ).toBe('ring');
    expect(ringingCall({ items: [preview], lastEnded: undefined, wrapUp: undefined })).toBeUndefined();
  });

  it('finds the call in progress, the consult leg and the preview apart', () => {
    const dialogs = { items: [ringing, held, consult, preview], lastEnded: undefined, wrapUp: undefined };
    expect(activeCall(dialogs)?.id).toBe('main');
    expect(consultLeg(dialogs)?.id).toBe('leg');
    expect(previewDialog(dialogs)?.id).toBe('pv');
  });

  it('counts an outbound call being dialled as the call in progress', () => {
    const dialling = dialog({ state: 'INITIATED', answeredAt: undefined });
    expect(activeCall({ items: [dialling], lastEnded: undefined, wrapUp: undefined })).toBe(dialling);
  });

  it('times talk from the answer, and hold across holds including the current one', () => {
    expect(callTimes(dialog({ answeredAt: 12_000 }), 20_000)).toEqual({ talkMs: 8_000, holdMs: 0 });
    expect(callTimes(dialog({ answeredAt: undefined, startedAt: 10_000 }), 15_000).talkMs).toBe(5_000);
    expect(callTimes(dialog({ heldMs: 3_000, heldAt: 18_000, state: 'HELD' }), 20_000).holdMs).toBe(5_000);
    // The desk's clock a little ahead of ours: never a negative timer.
    expect(callTimes(dialog({ answeredAt: 30_000 }), 20_000).talkMs).toBe(0);
  });
});

describe('wrap-up', () => {
  const ended = dialog({ id: 'done', state: 'DROPPED' });

  it('is asked for in WORK and WORK_READY when the center has wrap-up reasons', () => {
    const dialogs = { items: [], lastEnded: ended, wrapUp: undefined };
    expect(wrapUpNeeded(agent({ state: 'WORK' }), dialogs)).toEqual({
      reasons: agent().reasonCodes.wrapUp,
      dialogId: 'done',
      chosenLabel: undefined,
    });
    expect(wrapUpNeeded(agent({ state: 'WORK_READY' }), dialogs)?.dialogId).toBe('done');
    expect(wrapUpNeeded(agent({ state: 'READY' }), dialogs)).toBeUndefined();
    const noReasons = agent({ state: 'WORK', reasonCodes: { notReady: [], logout: [], wrapUp: [] } });
    expect(wrapUpNeeded(noReasons, dialogs)).toBeUndefined();
  });

  it('shows the reason recorded for the last call, not one recorded for an earlier call', () => {
    const recorded = { dialogId: 'done', reasonCode: '31', label: 'Sale' };
    expect(
      wrapUpNeeded(agent({ state: 'WORK' }), { items: [], lastEnded: ended, wrapUp: recorded })?.chosenLabel,
    ).toBe('Sale');
    expect(
      wrapUpNeeded(agent({ state: 'WORK' }), {
        items: [],
        lastEnded: ended,
        wrapUp: { ...recorded, dialogId: 'earlier' },
      })?.chosenLabel,
    ).toBeUndefined();
  });
});

describe('connection health', () => {
  const connection = (overrides: Partial<ConnectionSlice>): ConnectionSlice => ({
    ...deskState().connection,
    ...overrides,
  });
  const open = { status: 'open', attempt: 0, nextAttemptAt: undefined } as const;

  it('is connected when in service and fresh, stale after a reconnect until fresh state arrives', () => {
    expect(connectionHealth(connection({}), open, 0)).toEqual({ kind: 'connected' });
    expect(connectionHealth(connection({ stale: true }), undefined, 0)).toEqual({ kind: 'stale' });
  });

  it('counts down to the next reconnection attempt in whole seconds', () => {
    const reconnecting = connection({ status: 'reconnecting', nextAttemptAt: 10_000 });
    expect(connectionHealth(reconnecting, open, 7_100)).toEqual({ kind: 'reconnecting', seconds: 3 });
    expect(connectionHealth(reconnecting, open, 12_000)).toEqual({ kind: 'reconnecting', seconds: 0 });
  });

  it('says out of service, stopped, or connecting', () => {
    expect(connectionHealth(connection({ status: 'out-of-service' }), open, 0).kind).toBe('out-of-service');
    expect(connectionHealth(connection({ status: 'stopped' }), open, 0).kind).toBe('stopped');
    for (const status of ['idle', 'connecting', 'connected'] as const)
      expect(connectionHealth(connection({ status }), open, 0).kind).toBe('connecting');
  });

  it('puts a lost link to the host before anything the (possibly old) snapshot says', () => {
    const lost = { status: 'lost', attempt: 2, nextAttemptAt: 5_000 } as const;
    expect(connectionHealth(connection({}), lost, 3_500)).toEqual({ kind: 'bridge-lost', seconds: 2 });
    const retrying = { status: 'connecting', attempt: 2, nextAttemptAt: undefined } as const;
    expect(connectionHealth(connection({}), retrying, 9_000)).toEqual({ kind: 'bridge-lost', seconds: 0 });
  });
});

describe('notices', () => {
  it('come newest first', () => {
    const items = [1, 2, 3].map((id) => ({
      id,
      level: 'info' as const,
      code: 'X',
      message: `m${id}`,
      at: id,
    }));
    expect(noticesNewestFirst(deskState({ notices: { items } })).map((notice) => notice.id)).toEqual([
      3, 2, 1,
    ]);
  });
});

describe('timers', () => {
  it('read m:ss, then h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_999)).toBe('0:07');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('0:00');
    expect(isoDuration(61_500)).toBe('PT61S');
  });
});

describe('keyboard shortcuts', () => {
  const press = (key: string, overrides: Partial<KeyPress> = {}): KeyPress => ({
    key,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    repeat: false,
    inField: false,
    ...overrides,
  });

  it('answer with a and toggle ready with r, either case', () => {
    expect(shortcutFor(press('a'))).toBe('answer');
    expect(shortcutFor(press('A'))).toBe('answer');
    expect(shortcutFor(press('r'))).toBe('toggle-ready');
  });

  it('stay out of text fields, modified keys and auto-repeat', () => {
    expect(shortcutFor(press('a', { inField: true }))).toBeUndefined();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('r', { metaKey: true }))).toBeUndefined();
    expect(shortcutFor(press('a', { altKey: true }))).toBeUndefined();
    expect(shortcutFor(press('a', { repeat: true }))).toBeUndefined();
    expect(shortcutFor(press('x'))).toBeUndefined();
  });
});
