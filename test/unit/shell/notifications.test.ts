// Which notifications a change calls for: an incoming call (once, with Answer and Decline where
// the platform has buttons), reminders after the configured minutes not ready or in wrap-up
// (and again each period), and which open ones to take down.

import { describe, expect, it } from 'vitest';
import {
  closeNotifications,
  notificationFor,
  reminderFor,
  supportsNotificationButtons,
  type NotificationContext,
} from '../../../main/shell/notifications.ts';
import { T0, deskState, dialog, signedOut } from './desk-states.ts';

const MINUTE = 60_000;
const settings = { incomingCall: true, notReadyReminderMinutes: 15, wrapUpReminderMinutes: 2 };

function context(overrides: Partial<NotificationContext> = {}): NotificationContext {
  return { now: T0 + 1000, platform: 'darwin', settings, shown: new Set(), ...overrides };
}

const ready = deskState({ agent: { state: 'READY' } });
const ringing = deskState({ agent: { state: 'RESERVED' }, dialogs: [dialog({ id: 'd1' })] });

describe('incoming calls', () => {
  it('notifies a call that starts ringing, with caller, queue and buttons on macOS', () => {
    expect(notificationFor(ready, ringing, context())).toEqual([
      {
        key: 'incoming:d1',
        kind: 'incoming-call',
        title: 'Incoming call from +442079460958',
        body: 'Queue: Sales',
        dialogId: 'd1',
        onClick: { kind: 'show-window' },
        buttons: [
          {
            id: 'answer',
            text: 'Answer',
            command: { kind: 'desk', call: { method: 'answer', payload: { dialogId: 'd1' } } },
          },
          {
            id: 'decline',
            text: 'Decline',
            command: { kind: 'desk', call: { method: 'release', payload: { dialogId: 'd1' } } },
          },
        ],
        urgency: 'critical',
        timeoutType: 'never',
      },
    ]);
  });

  it.each([
    ['darwin', 2],
    ['win32', 2],
    ['linux', 0],
  ] as const)('has %s buttons: %d', (platform, count) => {
    expect(supportsNotificationButtons(platform)).toBe(count > 0);
    const [notification] = notificationFor(ready, ringing, context({ platform }));
    expect(notification?.buttons).toHaveLength(count);
    // Without buttons a click still brings the call up.
    expect(notification?.onClick).toEqual({ kind: 'show-window' });
  });

  it('does not repeat a call already ringing, or one already notified', () => {
    expect(notificationFor(ringing, ringing, context())).toEqual([]);
    expect(notificationFor(ready, ringing, context({ shown: new Set(['incoming:d1']) }))).toEqual([]);
    // A state from before the desk started counts as "not ringing before".
    expect(notificationFor(undefined, ringing, context())).toHaveLength(1);
  });

  it('stays quiet when switched off, signed out, or for outgoing calls and consults', () => {
    const off = { ...settings, incomingCall: false };
    expect(notificationFor(ready, ringing, context({ settings: off }))).toEqual([]);
    expect(notificationFor(signedOut(), signedOut({ dialogs: [dialog()] }), context())).toEqual([]);
    const outgoing = deskState({ agent: { state: 'TALKING' }, dialogs: [dialog({ state: 'INITIATED' })] });
    expect(notificationFor(ready, outgoing, context())).toEqual([]);
    const consult = deskState({ agent: { state: 'TALKING' }, dialogs: [dialog({ kind: 'consult' })] });
    expect(notificationFor(ready, consult, context())).toEqual([]);
  });

  it('makes hostile caller ids plain and short', () => {
    const hostile = deskState({
      dialogs: [dialog({ otherParty: `\u202e+1\n${'5'.repeat(300)}`, queueName: '' })],
    });
    const [notification] = notificationFor(ready, hostile, context());
    expect(notification?.title).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(notification?.title.length).toBeLessThan(100);
    expect(notification?.body).toBe('Click to see the call.');
    const unknown = deskState({ dialogs: [dialog({ otherParty: '' })] });
    expect(notificationFor(ready, unknown, context())[0]?.title).toBe('Incoming call from Unknown number');
  });
});

describe('reminders', () => {
  const notReady = deskState({ agent: { state: 'NOT_READY', reasonLabel: 'Lunch', stateSince: T0 } });
  const wrapUp = deskState({ agent: { state: 'WORK', stateSince: T0 } });

  it('reminds after the configured minutes not ready, and again each period', () => {
    expect(reminderFor(notReady, context({ now: T0 + 15 * MINUTE - 1 }))).toBeUndefined();
    const first = reminderFor(notReady, context({ now: T0 + 15 * MINUTE }));
    expect(first).toEqual({
      key: `not-ready-reminder:${T0}:1`,
      kind: 'not-ready-reminder',
      title: 'Still not ready',
      body: 'Not ready (Lunch) for 15:00. Go ready when you can take calls.',
      dialogId: undefined,
      onClick: { kind: 'show-window' },
      buttons: [],
      urgency: 'normal',
      timeoutType: 'default',
    });
    const shown = new Set([first?.key ?? '']);
    expect(reminderFor(notReady, context({ now: T0 + 29 * MINUTE, shown }))).toBeUndefined();
    expect(reminderFor(notReady, context({ now: T0 + 30 * MINUTE, shown }))?.key).toBe(
      `not-ready-reminder:${T0}:2`,
    );
  });

  it('reminds after the configured minutes in wrap-up', () => {
    expect(reminderFor(wrapUp, context({ now: T0 + 2 * MINUTE - 1 }))).toBeUndefined();
    expect(reminderFor(wrapUp, context({ now: T0 + 2 * MINUTE }))).toMatchObject({
      kind: 'wrap-up-reminder',
      title: 'Still in wrap-up',
      body: 'Wrap-up for 2:00. Finish the wrap-up to take the next call.',
    });
  });

  it('comes through notificationFor on a timer tick (no change)', () => {
    expect(
      notificationFor(wrapUp, wrapUp, context({ now: T0 + 3 * MINUTE })).map((item) => item.kind),
    ).toEqual(['wrap-up-reminder']);
  });

  it('does not remind when switched off, ready, talking, signed out, offline or without a start time', () => {
    const now = T0 + 600 * MINUTE;
    const off = { ...settings, notReadyReminderMinutes: null, wrapUpReminderMinutes: null };
    expect(reminderFor(notReady, context({ now, settings: off }))).toBeUndefined();
    expect(reminderFor(wrapUp, context({ now, settings: off }))).toBeUndefined();
    expect(reminderFor(deskState({ agent: { state: 'READY' } }), context({ now }))).toBeUndefined();
    expect(reminderFor(deskState({ agent: { state: 'TALKING' } }), context({ now }))).toBeUndefined();
    expect(reminderFor(signedOut(), context({ now }))).toBeUndefined();
    expect(
      reminderFor(deskState({ connection: { status: 'reconnecting' } }), context({ now })),
    ).toBeUndefined();
    expect(reminderFor(deskState({ agent: { stateSince: undefined } }), context({ now }))).toBeUndefined();
  });

  it('starts afresh for a new stint in the state', () => {
    const again = deskState({ agent: { state: 'NOT_READY', stateSince: T0 + 60 * MINUTE } });
    const shown = new Set([`not-ready-reminder:${T0}:1`]);
    expect(reminderFor(again, context({ now: T0 + 75 * MINUTE, shown }))?.key).toBe(
      `not-ready-reminder:${T0 + 60 * MINUTE}:1`,
    );
  });
});

describe('closeNotifications', () => {
  it('takes down calls that stopped ringing and reminders for a state left', () => {
    const open = ['incoming:d1', 'incoming:d2', `not-ready-reminder:${T0}:1`, `wrap-up-reminder:${T0}:3`];
    const stillRinging = deskState({
      agent: { state: 'NOT_READY', stateSince: T0 },
      dialogs: [dialog({ id: 'd2' })],
    });
    expect(closeNotifications(stillRinging, open)).toEqual(['incoming:d1', `wrap-up-reminder:${T0}:3`]);
    expect(closeNotifications(deskState({ agent: { state: 'READY' } }), open)).toEqual(open);
    expect(closeNotifications(ringing, [])).toEqual([]);
  });
});
