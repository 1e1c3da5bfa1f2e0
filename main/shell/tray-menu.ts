// The tray's context menu as plain descriptors: what is shown, what is enabled, and which
// ShellCommand each item runs. The glue turns them into Electron MenuItems (a click runs
// `command`); tests read them as data. The menu has no timers in it: a menu rebuilt every second
// would close under the agent's pointer on some desktops.

import type { DeskState } from '../../preload/contract.ts';
import { agentStateLabel, isOnline, isSignedIn, liveCall, plainText, ringingCall } from './desk-glance.ts';
import { canGoNotReady, canGoReady, deskCommand, type ShellCommand } from './shell-commands.ts';

export type TrayMenuItem =
  | {
      readonly type: 'item';
      /** Stable per item (`ready`, `not-ready:12`, `answer`, …): for tests and for Electron's id. */
      readonly id: string;
      readonly label: string;
      readonly enabled: boolean;
      /** Shown as a check mark: the state or reason the agent is in now. */
      readonly checked?: boolean;
      /** Undefined for a label that does nothing (the status line). */
      readonly command: ShellCommand | undefined;
    }
  | {
      readonly type: 'submenu';
      readonly id: string;
      readonly label: string;
      readonly enabled: boolean;
      readonly items: readonly TrayMenuItem[];
    }
  | { readonly type: 'separator' };

export interface TrayMenuContext {
  readonly windowVisible: boolean;
}

/** A contact center may define hundreds of reasons; a menu shows the first ones. */
export const MAX_MENU_REASONS = 40;
const LABEL_LENGTH = 48;

/** Electron reads `&` as a mnemonic marker on every platform; `&&` shows one `&`. */
export function menuLabel(text: string): string {
  return plainText(text, LABEL_LENGTH).replaceAll('&', '&&');
}

function item(
  id: string,
  label: string,
  command: ShellCommand | undefined,
  options: { enabled?: boolean; checked?: boolean } = {},
): TrayMenuItem {
  return {
    type: 'item',
    id,
    label: menuLabel(label),
    enabled: options.enabled ?? command !== undefined,
    ...(options.checked === undefined ? {} : { checked: options.checked }),
    command,
  };
}

const SEPARATOR: TrayMenuItem = { type: 'separator' };

function statusLine(state: DeskState): string {
  if (!isOnline(state.connection)) {
    switch (state.connection.status) {
      case 'reconnecting':
        return 'Offline: reconnecting…';
      case 'out-of-service':
        return 'Offline: Finesse is not available';
      case 'stopped':
        return 'Offline: disconnected';
      default:
        return 'Connecting…';
    }
  }
  if (!isSignedIn(state.agent)) return state.agent.signIn === 'signing-in' ? 'Signing in…' : 'Signed out';
  return agentStateLabel(state.agent);
}

function callItems(state: DeskState): TrayMenuItem[] {
  const ringing = ringingCall(state);
  if (ringing) {
    const caller = plainText(ringing.otherParty, 32) || 'unknown number';
    return [
      item(
        `answer`,
        `Answer call from ${caller}`,
        deskCommand({ method: 'answer', payload: { dialogId: ringing.id } }),
      ),
      item(`decline`, 'Decline call', deskCommand({ method: 'release', payload: { dialogId: ringing.id } })),
    ];
  }
  const live = liveCall(state);
  if (live) {
    const party = plainText(live.otherParty, 32) || 'the caller';
    return [
      item(
        'release',
        `Hang up call with ${party}`,
        deskCommand({ method: 'release', payload: { dialogId: live.id } }),
      ),
    ];
  }
  return [];
}

function stateItems(state: DeskState): TrayMenuItem[] {
  const { agent } = state;
  const ready = item('ready', 'Ready', deskCommand({ method: 'setReady', payload: undefined }), {
    enabled: canGoReady(agent.state),
    checked: agent.state === 'READY',
  });
  const notReadyEnabled = canGoNotReady(agent.state);
  const reasons = agent.reasonCodes.notReady.slice(0, MAX_MENU_REASONS);
  if (reasons.length === 0) {
    return [
      ready,
      item('not-ready', 'Not ready', deskCommand({ method: 'setNotReady', payload: {} }), {
        enabled: notReadyEnabled,
        checked: agent.state === 'NOT_READY',
      }),
    ];
  }
  const reasonItems = reasons.map((reason) =>
    item(
      `not-ready:${reason.id}`,
      plainText(reason.label, LABEL_LENGTH) || reason.id,
      deskCommand({ method: 'setNotReady', payload: { reasonCode: reason.id } }),
      {
        enabled: notReadyEnabled,
        checked: agent.state === 'NOT_READY' && agent.reasonCodeId === reason.id,
      },
    ),
  );
  return [
    ready,
    { type: 'submenu', id: 'not-ready', label: 'Not ready', enabled: notReadyEnabled, items: reasonItems },
  ];
}

export function trayMenuTemplate(state: DeskState, context: TrayMenuContext): readonly TrayMenuItem[] {
  const items: TrayMenuItem[] = [item('status', statusLine(state), undefined, { enabled: false }), SEPARATOR];
  if (!isOnline(state.connection)) {
    items.push(
      item('reconnect', 'Reconnect now', deskCommand({ method: 'reconnectNow', payload: undefined })),
    );
  } else if (!isSignedIn(state.agent)) {
    items.push(item('sign-in', 'Sign in…', { kind: 'show-window' }));
  } else {
    const calls = callItems(state);
    if (calls.length > 0) items.push(...calls, SEPARATOR);
    items.push(...stateItems(state));
  }
  items.push(
    SEPARATOR,
    context.windowVisible
      ? item('hide', 'Hide Switchboard', { kind: 'hide-window' })
      : item('show', 'Show Switchboard', { kind: 'show-window' }),
    item('quit', 'Quit Switchboard', { kind: 'quit' }),
  );
  return items;
}
