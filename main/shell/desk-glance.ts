// What the shell reads off a DeskState at a glance: is the desk online, is the agent signed in,
// which call rings, which call is live, how the agent's state is worded, and text from the wire
// made fit for a tooltip, a menu or a notification. Shared by the tray, the menus, the
// notifications and the hotkeys, so they never disagree about what "ringing" means.

import type { AgentSlice, ConnectionSlice, DeskState, DialogView } from '../../preload/contract.ts';

export function isOnline(connection: ConnectionSlice): boolean {
  return connection.status === 'in-service';
}

export function isSignedIn(agent: AgentSlice): boolean {
  return agent.signIn === 'signed-in' || agent.signIn === 'signing-out';
}

/** A call ringing for this agent (as the renderer's desk-views.ts decides it). */
export function ringingCall(state: DeskState): DialogView | undefined {
  return state.dialogs.items.find((dialog) => dialog.kind === 'call' && dialog.state === 'ALERTING');
}

/** The customer call in progress (answered, held, or being dialled). */
export function liveCall(state: DeskState): DialogView | undefined {
  return state.dialogs.items.find((dialog) => dialog.kind === 'call' && dialog.state !== 'ALERTING');
}

export function isWrapUp(agentState: string): boolean {
  return agentState === 'WORK' || agentState === 'WORK_READY';
}

const STATE_LABELS: Readonly<Record<string, string>> = {
  READY: 'Ready',
  NOT_READY: 'Not ready',
  TALKING: 'Talking',
  HOLD: 'On hold',
  RESERVED: 'Reserved',
  RESERVED_OUTBOUND: 'Reserved for an outbound call',
  RESERVED_OUTBOUND_PREVIEW: 'Reserved for a preview call',
  WORK: 'Wrap-up',
  WORK_READY: 'Wrap-up, then ready',
  LOGOUT: 'Signed out',
};

/** "Not ready (Lunch)", "Ready", "Wrap-up", … (an unknown GC state is shown as sent, made safe). */
export function agentStateLabel(agent: AgentSlice): string {
  const label = STATE_LABELS[agent.state] ?? (plainText(agent.state, 32) || 'Unknown state');
  const reason = plainText(agent.reasonLabel, 40);
  return agent.state === 'NOT_READY' && reason !== '' ? `${label} (${reason})` : label;
}

/** 0:42, 12:04, 1:02:09. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * Text from the wire (a caller id, a queue or reason name) made fit for the OS: control, format
 * and line-separator characters become spaces, runs of white space one space, and it is cut to
 * `max` characters with an ellipsis.
 */
export function plainText(text: string, max: number): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
