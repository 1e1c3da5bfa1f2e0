// The tray menu per state: what it offers, what is enabled, which command each item runs; the
// not-ready reasons from the contact center; labels made safe for Electron's menus. Every desk
// call a menu can make passes the same validation as a call from the page.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDeskCall } from '../../../main/core/desk/api-schemas.ts';
import {
  MAX_MENU_REASONS,
  menuLabel,
  trayMenuTemplate,
  type TrayMenuItem,
} from '../../../main/shell/tray-menu.ts';
import { deskState, dialog, signedOut } from './desk-states.ts';

type Row = { id: string; label: string; enabled: boolean; checked?: boolean; command?: unknown };

/** Items as rows (separators as '---', submenus flattened with their id as a prefix). */
function rows(items: readonly TrayMenuItem[], prefix = ''): (Row | '---')[] {
  return items.flatMap((item): (Row | '---')[] => {
    if (item.type === 'separator') return ['---'];
    if (item.type === 'submenu')
      return [
        { id: `${prefix}${item.id}/`, label: item.label, enabled: item.enabled },
        ...rows(item.items, `${prefix}${item.id}/`),
      ];
    return [
      {
        id: `${prefix}${item.id}`,
        label: item.label,
        enabled: item.enabled,
        ...(item.checked === undefined ? {} : { checked: item.checked }),
        ...(item.command === undefined ? {} : { command: item.command }),
      },
    ];
  });
}

function ids(items: readonly TrayMenuItem[]): string[] {
  return rows(items).map((row) => (row === '---' ? '---' : row.id));
}

function find(items: readonly TrayMenuItem[], id: string): Row {
  const row = rows(items).find((candidate) => candidate !== '---' && candidate.id === id);
  if (!row || row === '---') throw new Error(`no item ${id}`);
  return row;
}

const shown = { windowVisible: true };
const hidden = { windowVisible: false };

describe('trayMenuTemplate', () => {
  it('offers ready and the not-ready reasons when not ready', () => {
    const menu = trayMenuTemplate(
      deskState({ agent: { state: 'NOT_READY', reasonCodeId: '1', reasonLabel: 'Lunch' } }),
      shown,
    );
    expect(ids(menu)).toEqual([
      'status',
      '---',
      'ready',
      'not-ready/',
      'not-ready/not-ready:1',
      'not-ready/not-ready:2',
      '---',
      'hide',
      'quit',
    ]);
    expect(find(menu, 'status')).toEqual({ id: 'status', label: 'Not ready (Lunch)', enabled: false });
    expect(find(menu, 'ready')).toEqual({
      id: 'ready',
      label: 'Ready',
      enabled: true,
      checked: false,
      command: { kind: 'desk', call: { method: 'setReady', payload: undefined } },
    });
    expect(find(menu, 'not-ready/not-ready:1')).toMatchObject({
      label: 'Lunch',
      enabled: true,
      checked: true,
    });
    expect(find(menu, 'not-ready/not-ready:2')).toEqual({
      id: 'not-ready/not-ready:2',
      // `&` doubled: Electron would take a single one as a mnemonic marker.
      label: 'Meeting && training',
      enabled: true,
      checked: false,
      command: { kind: 'desk', call: { method: 'setNotReady', payload: { reasonCode: '2' } } },
    });
  });

  it('checks ready and disables it when ready', () => {
    const menu = trayMenuTemplate(deskState({ agent: { state: 'READY' } }), shown);
    expect(find(menu, 'ready')).toMatchObject({ enabled: false, checked: true });
    expect(find(menu, 'not-ready/')).toMatchObject({ enabled: true });
  });

  it('offers a plain not ready when the center has no reasons', () => {
    const state = deskState({
      agent: { state: 'READY', reasonCodes: { notReady: [], logout: [], wrapUp: [] } },
    });
    const menu = trayMenuTemplate(state, shown);
    expect(find(menu, 'not-ready')).toEqual({
      id: 'not-ready',
      label: 'Not ready',
      enabled: true,
      checked: false,
      command: { kind: 'desk', call: { method: 'setNotReady', payload: {} } },
    });
  });

  it('offers answer and decline while a call rings, state changes disabled', () => {
    const menu = trayMenuTemplate(
      deskState({ agent: { state: 'RESERVED' }, dialogs: [dialog({ id: 'd7' })] }),
      hidden,
    );
    expect(ids(menu).slice(0, 5)).toEqual(['status', '---', 'answer', 'decline', '---']);
    expect(find(menu, 'answer')).toEqual({
      id: 'answer',
      label: 'Answer call from +442079460958',
      enabled: true,
      command: { kind: 'desk', call: { method: 'answer', payload: { dialogId: 'd7' } } },
    });
    expect(find(menu, 'decline').command).toEqual({
      kind: 'desk',
      call: { method: 'release', payload: { dialogId: 'd7' } },
    });
    expect(find(menu, 'ready').enabled).toBe(false);
    expect(find(menu, 'not-ready/').enabled).toBe(false);
    expect(find(menu, 'show')).toMatchObject({ label: 'Show Switchboard', command: { kind: 'show-window' } });
  });

  it('offers hang up during a call', () => {
    const menu = trayMenuTemplate(
      deskState({ agent: { state: 'TALKING' }, dialogs: [dialog({ id: 'd8', state: 'ACTIVE' })] }),
      shown,
    );
    expect(find(menu, 'release')).toMatchObject({
      label: 'Hang up call with +442079460958',
      command: { kind: 'desk', call: { method: 'release', payload: { dialogId: 'd8' } } },
    });
    expect(ids(menu)).not.toContain('answer');
  });

  it('allows ready and not ready from wrap-up', () => {
    const menu = trayMenuTemplate(deskState({ agent: { state: 'WORK' } }), shown);
    expect(find(menu, 'ready').enabled).toBe(true);
    expect(find(menu, 'not-ready/').enabled).toBe(true);
    expect(find(menu, 'status').label).toBe('Wrap-up');
  });

  it('offers sign in when signed out, reconnect when offline', () => {
    expect(ids(trayMenuTemplate(signedOut(), hidden))).toEqual([
      'status',
      '---',
      'sign-in',
      '---',
      'show',
      'quit',
    ]);
    expect(find(trayMenuTemplate(signedOut(), hidden), 'sign-in').command).toEqual({ kind: 'show-window' });
    const offline = trayMenuTemplate(deskState({ connection: { status: 'reconnecting' } }), shown);
    expect(ids(offline)).toEqual(['status', '---', 'reconnect', '---', 'hide', 'quit']);
    expect(find(offline, 'status').label).toBe('Offline: reconnecting…');
    expect(find(offline, 'reconnect').command).toEqual({
      kind: 'desk',
      call: { method: 'reconnectNow', payload: undefined },
    });
    expect(find(offline, 'quit').command).toEqual({ kind: 'quit' });
  });

  it(`shows at most ${MAX_MENU_REASONS} reasons`, () => {
    const notReady = Array.from({ length: 300 }, (_, index) => ({
      id: String(index),
      label: `Reason ${index}`,
    }));
    const menu = trayMenuTemplate(
      deskState({ agent: { state: 'READY', reasonCodes: { notReady, logout: [], wrapUp: [] } } }),
      shown,
    );
    const submenu = menu.find((item) => item.type === 'submenu');
    expect(submenu?.type === 'submenu' && submenu.items.length).toBe(MAX_MENU_REASONS);
  });

  it('makes every desk call one the IPC validation would accept', () => {
    const states = [
      deskState({ agent: { state: 'READY' } }),
      deskState({ agent: { state: 'NOT_READY' } }),
      deskState({ agent: { state: 'WORK' } }),
      deskState({ agent: { state: 'RESERVED' }, dialogs: [dialog()] }),
      deskState({ agent: { state: 'TALKING' }, dialogs: [dialog({ state: 'ACTIVE' })] }),
      deskState({ connection: { status: 'reconnecting' } }),
    ];
    for (const state of states) {
      for (const row of rows(trayMenuTemplate(state, shown))) {
        if (row === '---' || !row.command) continue;
        const command = row.command as { kind: string; call?: { method: string; payload: unknown } };
        if (command.kind !== 'desk' || !command.call) continue;
        expect(validateDeskCall(command.call.method, command.call.payload).ok, row.id).toBe(true);
      }
    }
  });
});

describe('menuLabel', () => {
  it('flattens, bounds and escapes any text', () => {
    expect(menuLabel('Rock & Roll')).toBe('Rock && Roll');
    expect(menuLabel('a\nb\u0000c\u202ed')).toBe('a b c d');
    fc.assert(
      fc.property(fc.string(), (text) => {
        const label = menuLabel(text);
        expect(label).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        // Every & comes in pairs.
        expect(label.replaceAll('&&', '')).not.toContain('&');
      }),
    );
  });
});
