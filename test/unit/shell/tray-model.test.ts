// The tray icon and tooltip for each state an agent can be in, and text from the wire made safe
// for the OS (no control characters, bounded length).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOOLTIP_LENGTH, TRAY_ICONS, trayIconFor, trayModel } from '../../../main/shell/tray-model.ts';
import { T0, deskState, dialog, signedOut } from './desk-states.ts';

const at = (seconds: number) => T0 + seconds * 1000;

describe('trayModel', () => {
  it.each([
    ['ready', deskState({ agent: { state: 'READY' } }), 'ready', 'Switchboard: Ready, 3:12'],
    [
      'not ready with a reason',
      deskState({ agent: { state: 'NOT_READY', reasonLabel: 'Lunch' } }),
      'not-ready',
      'Switchboard: Not ready (Lunch), 3:12',
    ],
    ['not ready', deskState({ agent: { state: 'NOT_READY' } }), 'not-ready', 'Switchboard: Not ready, 3:12'],
    [
      'talking',
      deskState({ agent: { state: 'TALKING' }, dialogs: [dialog({ state: 'ACTIVE' })] }),
      'talking',
      'Switchboard: Talking, 3:12',
    ],
    ['on hold', deskState({ agent: { state: 'HOLD' } }), 'talking', 'Switchboard: On hold, 3:12'],
    ['wrap-up', deskState({ agent: { state: 'WORK' } }), 'wrap-up', 'Switchboard: Wrap-up, 3:12'],
    [
      'wrap-up then ready',
      deskState({ agent: { state: 'WORK_READY' } }),
      'wrap-up',
      'Switchboard: Wrap-up, then ready, 3:12',
    ],
    [
      'ringing',
      deskState({ agent: { state: 'RESERVED' }, dialogs: [dialog()] }),
      'ringing',
      'Switchboard: incoming call from +442079460958 (Sales)',
    ],
    [
      'reserved without a call yet',
      deskState({ agent: { state: 'RESERVED_OUTBOUND' } }),
      'ringing',
      'Switchboard: Reserved for an outbound call, 3:12',
    ],
    ['signed out', signedOut(), 'offline', 'Switchboard: signed out'],
    ['signing in', signedOut({ agent: { signIn: 'signing-in' } }), 'offline', 'Switchboard: signing in…'],
    [
      'reconnecting',
      deskState({ connection: { status: 'reconnecting', nextAttemptAt: at(192 + 4) } }),
      'offline',
      'Switchboard: connection lost, reconnecting in 4 s',
    ],
    [
      'reconnecting now',
      deskState({ connection: { status: 'reconnecting', nextAttemptAt: undefined } }),
      'offline',
      'Switchboard: connection lost, reconnecting…',
    ],
    [
      'out of service',
      deskState({ connection: { status: 'out-of-service' } }),
      'offline',
      'Switchboard: out of service (Finesse is not available)',
    ],
    [
      'connecting',
      deskState({ connection: { status: 'connecting' } }),
      'offline',
      'Switchboard: connecting…',
    ],
    ['stopped', deskState({ connection: { status: 'stopped' } }), 'offline', 'Switchboard: disconnected'],
    [
      'stale after a reconnect',
      deskState({ agent: { state: 'READY' }, connection: { stale: true } }),
      'ready',
      'Switchboard: Ready, 3:12 (refreshing)',
    ],
  ])('%s', (_name, state, icon, tooltip) => {
    expect(trayModel(state, at(192))).toEqual({ icon, tooltip });
  });

  it('counts hours, and never backwards', () => {
    const ready = deskState({ agent: { state: 'READY' } });
    expect(trayModel(ready, at(3 * 3600 + 62)).tooltip).toBe('Switchboard: Ready, 3:01:02');
    expect(trayModel(ready, at(-5)).tooltip).toBe('Switchboard: Ready, 0:00');
  });

  it('leaves the timer out when GC gave no start time', () => {
    expect(trayModel(deskState({ agent: { state: 'READY', stateSince: undefined } }), T0).tooltip).toBe(
      'Switchboard: Ready',
    );
  });

  it('shows an unknown GC state as sent, with the offline icon', () => {
    const model = trayModel(deskState({ agent: { state: 'SOMETHING_NEW' } }), T0);
    expect(model).toEqual({ icon: 'offline', tooltip: 'Switchboard: SOMETHING_NEW, 0:00' });
  });

  it('keeps hostile caller ids and reasons to one bounded line', () => {
    const state = deskState({
      agent: { state: 'RESERVED' },
      dialogs: [dialog({ otherParty: `+44\n\u202e${'9'.repeat(500)}`, queueName: 'Q\u0000ueue\r\n' })],
    });
    const { tooltip } = trayModel(state, T0);
    expect(tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
    expect(tooltip).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('gives one of the six icons and a bounded, clean tooltip for any agent state and text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.constantFrom(
          'in-service',
          'reconnecting',
          'connecting',
          'out-of-service',
          'stopped',
          'idle' as const,
        ),
        (agentState, reason, caller, status) => {
          const state = deskState({
            connection: { status },
            agent: { state: agentState, reasonLabel: reason },
            dialogs: [dialog({ otherParty: caller, queueName: reason })],
          });
          const model = trayModel(state, T0 + 1000);
          expect(TRAY_ICONS).toContain(model.icon);
          expect(model.icon).toBe(trayIconFor(state));
          expect([...model.tooltip].length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
          expect(model.tooltip).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
        },
      ),
    );
  });
});
