// Global shortcuts: which settings become registrations (and what is wrong with the others),
// and what a press does in each state.

import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/core/settings/schema.ts';
import { canonicalAccelerator, hotkeyBindings, hotkeyCommand } from '../../../main/shell/hotkeys.ts';
import { deskState, dialog, signedOut } from './desk-states.ts';

describe('hotkeyBindings', () => {
  it('binds the defaults: answer or hang up, and the ready toggle', () => {
    const settings = defaultSettings({ hostname: 'host', username: 'user' });
    expect(hotkeyBindings(settings.hotkeys)).toEqual({
      bindings: [
        { action: 'answer-or-release', accelerator: 'CommandOrControl+Shift+A' },
        { action: 'toggle-ready', accelerator: 'CommandOrControl+Shift+R' },
      ],
      problems: [],
    });
  });

  it('leaves out a shortcut set to null', () => {
    expect(hotkeyBindings({ answerOrRelease: null, toggleReady: 'F9' })).toEqual({
      bindings: [{ action: 'toggle-ready', accelerator: 'F9' }],
      problems: [],
    });
  });

  it('refuses the same keys twice, however spelled', () => {
    const plan = hotkeyBindings({
      answerOrRelease: 'CmdOrCtrl+Shift+A',
      toggleReady: 'shift+commandorcontrol+a',
    });
    expect(plan.bindings).toEqual([{ action: 'answer-or-release', accelerator: 'CmdOrCtrl+Shift+A' }]);
    expect(plan.problems).toEqual([
      {
        action: 'toggle-ready',
        accelerator: 'shift+commandorcontrol+a',
        message:
          'shift+commandorcontrol+a is already the shortcut for answer-or-release; each shortcut does one thing',
      },
    ]);
  });

  it('reports an accelerator that is not one', () => {
    const plan = hotkeyBindings({ answerOrRelease: 'A', toggleReady: 'Ctrl+Ctrl+R' });
    expect(plan.bindings).toEqual([]);
    expect(plan.problems.map((problem) => problem.action)).toEqual(['answer-or-release', 'toggle-ready']);
  });

  it('spells synonyms one way', () => {
    expect(canonicalAccelerator('Cmd+Option+Esc')).toBe(canonicalAccelerator('alt+command+escape'));
    expect(canonicalAccelerator('Ctrl+Shift+A')).not.toBe(canonicalAccelerator('Ctrl+Shift+B'));
  });
});

describe('hotkeyCommand', () => {
  it('answers a ringing call, else hangs up the live one, else does nothing', () => {
    const ringing = deskState({ agent: { state: 'RESERVED' }, dialogs: [dialog({ id: 'd1' })] });
    expect(hotkeyCommand('answer-or-release', ringing)).toEqual({
      kind: 'desk',
      call: { method: 'answer', payload: { dialogId: 'd1' } },
    });
    const talking = deskState({
      agent: { state: 'TALKING' },
      dialogs: [dialog({ id: 'd2', state: 'ACTIVE' })],
    });
    expect(hotkeyCommand('answer-or-release', talking)).toEqual({
      kind: 'desk',
      call: { method: 'release', payload: { dialogId: 'd2' } },
    });
    expect(hotkeyCommand('answer-or-release', deskState({ agent: { state: 'READY' } }))).toBeUndefined();
    expect(hotkeyCommand('answer-or-release', signedOut({ dialogs: [dialog()] }))).toBeUndefined();
  });

  it('toggles ready and not ready, and leaves a call alone', () => {
    expect(hotkeyCommand('toggle-ready', deskState({ agent: { state: 'READY' } }))).toEqual({
      kind: 'desk',
      call: { method: 'setNotReady', payload: {} },
    });
    for (const state of ['NOT_READY', 'WORK', 'WORK_READY'])
      expect(hotkeyCommand('toggle-ready', deskState({ agent: { state } }))).toEqual({
        kind: 'desk',
        call: { method: 'setReady', payload: undefined },
      });
    for (const state of ['TALKING', 'HOLD', 'RESERVED'])
      expect(hotkeyCommand('toggle-ready', deskState({ agent: { state } }))).toBeUndefined();
    expect(
      hotkeyCommand('toggle-ready', deskState({ connection: { status: 'reconnecting' } })),
    ).toBeUndefined();
  });
});
