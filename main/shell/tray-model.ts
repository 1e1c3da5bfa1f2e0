// The tray icon and its tooltip, from the desk's state: one icon per state an agent must tell
// apart from across the room (ready, not ready, talking, wrap-up, ringing or reserved, offline),
// and a tooltip with the state and how long it has lasted. The glue (electron-main/tray.ts)
// re-evaluates it on every patch and once a second for the timer.

import type { ConnectionSlice, DeskState } from '../../preload/contract.ts';
import {
  agentStateLabel,
  formatDuration,
  isOnline,
  isSignedIn,
  isWrapUp,
  plainText,
  ringingCall,
} from './desk-glance.ts';

export const TRAY_ICONS = ['ready', 'not-ready', 'talking', 'wrap-up', 'ringing', 'offline'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export interface TrayModel {
  readonly icon: TrayIcon;
  readonly tooltip: string;
}

/** Windows cuts a tray tooltip at 127 characters; the others are as short or shorter in practice. */
export const MAX_TOOLTIP_LENGTH = 127;
const NAME = 'Switchboard';

function offlineText(connection: ConnectionSlice, now: number): string {
  switch (connection.status) {
    case 'reconnecting': {
      const seconds =
        connection.nextAttemptAt === undefined ? 0 : Math.ceil((connection.nextAttemptAt - now) / 1000);
      return seconds > 0 ? `connection lost, reconnecting in ${seconds} s` : 'connection lost, reconnecting…';
    }
    case 'out-of-service':
      return 'out of service (Finesse is not available)';
    case 'stopped':
      return 'disconnected';
    default:
      return 'connecting…';
  }
}

export function trayIconFor(state: DeskState): TrayIcon {
  if (!isOnline(state.connection) || !isSignedIn(state.agent)) return 'offline';
  const agentState = state.agent.state;
  if (ringingCall(state) || agentState.startsWith('RESERVED')) return 'ringing';
  if (agentState === 'TALKING' || agentState === 'HOLD') return 'talking';
  if (isWrapUp(agentState)) return 'wrap-up';
  if (agentState === 'READY') return 'ready';
  if (agentState === 'NOT_READY') return 'not-ready';
  return 'offline';
}

export function trayModel(state: DeskState, now: number): TrayModel {
  const icon = trayIconFor(state);
  let text: string;
  if (!isOnline(state.connection)) {
    text = offlineText(state.connection, now);
  } else if (!isSignedIn(state.agent)) {
    text = state.agent.signIn === 'signing-in' ? 'signing in…' : 'signed out';
  } else {
    const ringing = ringingCall(state);
    if (ringing) {
      const caller = plainText(ringing.otherParty, 32) || 'an unknown number';
      const queue = plainText(ringing.queueName, 32);
      text = `incoming call from ${caller}${queue === '' ? '' : ` (${queue})`}`;
    } else {
      const since = state.agent.stateSince;
      const timer = since === undefined ? '' : `, ${formatDuration(now - since)}`;
      text = `${agentStateLabel(state.agent)}${timer}`;
    }
    if (state.connection.stale) text += ' (refreshing)';
  }
  return { icon, tooltip: plainText(`${NAME}: ${text}`, MAX_TOOLTIP_LENGTH) };
}
