// Which OS notifications the desk's changes call for, and what they say:
//
// - An incoming call (a call that starts ringing): caller and queue; a click brings the window
//   up on the call; Answer and Decline buttons where the platform has notification buttons
//   (macOS, Windows toasts; not Linux's libnotify through Electron). It stays until answered
//   or gone (`closeNotifications` says which to take down).
// - Reminders: not ready, or in wrap-up, for longer than the configured minutes
//   (notifications.notReadyReminderMinutes, wrapUpReminderMinutes; null for none), again each
//   time as long again has passed (15 min, 30 min, …).
//
// Each notification has a key; the glue remembers the keys it has shown and passes them back, so
// a call that rings again after a reconnect, or a reminder already given, is not repeated.

import type { DeskState } from '../../preload/contract.ts';
import { agentStateLabel, formatDuration, isOnline, isSignedIn, isWrapUp, plainText } from './desk-glance.ts';
import { deskCommand, type ShellCommand } from './shell-commands.ts';

export interface NotificationSettings {
  readonly incomingCall: boolean;
  readonly notReadyReminderMinutes: number | null;
  readonly wrapUpReminderMinutes: number | null;
}

export interface NotificationContext {
  readonly now: number;
  readonly platform: NodeJS.Platform;
  readonly settings: NotificationSettings;
  /** Keys of the notifications already shown. */
  readonly shown: ReadonlySet<string>;
}

export interface NotificationButton {
  readonly id: 'answer' | 'decline';
  readonly text: string;
  readonly command: ShellCommand;
}

export interface ShellNotification {
  readonly key: string;
  readonly kind: 'incoming-call' | 'not-ready-reminder' | 'wrap-up-reminder';
  readonly title: string;
  readonly body: string;
  /** The dialog an incoming-call notification is about. */
  readonly dialogId: string | undefined;
  /** What a click on the notification itself does. */
  readonly onClick: ShellCommand;
  /** Empty where the platform has no notification buttons. */
  readonly buttons: readonly NotificationButton[];
  readonly urgency: 'critical' | 'normal';
  /** Linux and Windows: an incoming call stays until it is dealt with. */
  readonly timeoutType: 'never' | 'default';
}

/** Electron shows notification buttons on macOS and in Windows toasts, not on Linux. */
export function supportsNotificationButtons(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function incomingCallKey(dialogId: string): string {
  return `incoming:${dialogId}`;
}

function ringingIds(state: DeskState | undefined): Set<string> {
  const ids = new Set<string>();
  if (!state) return ids;
  for (const dialog of state.dialogs.items)
    if (dialog.kind === 'call' && dialog.state === 'ALERTING') ids.add(dialog.id);
  return ids;
}

function incomingCalls(
  previous: DeskState | undefined,
  next: DeskState,
  context: NotificationContext,
): ShellNotification[] {
  if (!context.settings.incomingCall || !isSignedIn(next.agent)) return [];
  const before = ringingIds(previous);
  const buttons = supportsNotificationButtons(context.platform);
  const notifications: ShellNotification[] = [];
  for (const dialog of next.dialogs.items) {
    if (dialog.kind !== 'call' || dialog.state !== 'ALERTING' || before.has(dialog.id)) continue;
    const key = incomingCallKey(dialog.id);
    if (context.shown.has(key)) continue;
    const caller = plainText(dialog.otherParty, 64) || 'Unknown number';
    const queue = plainText(dialog.queueName, 64);
    const answer = deskCommand({ method: 'answer', payload: { dialogId: dialog.id } });
    const decline = deskCommand({ method: 'release', payload: { dialogId: dialog.id } });
    notifications.push({
      key,
      kind: 'incoming-call',
      title: `Incoming call from ${caller}`,
      body: queue === '' ? 'Click to see the call.' : `Queue: ${queue}`,
      dialogId: dialog.id,
      onClick: { kind: 'show-window' },
      buttons: buttons
        ? [
            { id: 'answer', text: 'Answer', command: answer },
            { id: 'decline', text: 'Decline', command: decline },
          ]
        : [],
      urgency: 'critical',
      timeoutType: 'never',
    });
  }
  return notifications;
}

/** The reminder due now for the agent's current state, if any (undefined when none applies). */
export function reminderFor(state: DeskState, context: NotificationContext): ShellNotification | undefined {
  if (!isOnline(state.connection) || !isSignedIn(state.agent)) return undefined;
  const { agent } = state;
  const since = agent.stateSince;
  if (since === undefined) return undefined;
  const wrapUp = isWrapUp(agent.state);
  if (!wrapUp && agent.state !== 'NOT_READY') return undefined;
  const minutes = wrapUp ? context.settings.wrapUpReminderMinutes : context.settings.notReadyReminderMinutes;
  if (minutes === null || minutes <= 0) return undefined;
  const elapsed = context.now - since;
  const period = minutes * 60_000;
  const count = Math.floor(elapsed / period);
  if (count < 1) return undefined;
  const kind = wrapUp ? 'wrap-up-reminder' : 'not-ready-reminder';
  // One reminder per state stint and period: a new stint (another stateSince) starts afresh.
  const key = `${kind}:${since}:${count}`;
  if (context.shown.has(key)) return undefined;
  const label = agentStateLabel(agent);
  return {
    key,
    kind,
    title: wrapUp ? 'Still in wrap-up' : 'Still not ready',
    body: `${label} for ${formatDuration(elapsed)}. ${
      wrapUp ? 'Finish the wrap-up to take the next call.' : 'Go ready when you can take calls.'
    }`,
    dialogId: undefined,
    onClick: { kind: 'show-window' },
    buttons: [],
    urgency: 'normal',
    timeoutType: 'default',
  };
}

/**
 * The notifications a change calls for: incoming calls that started ringing between `previous`
 * and `next`, then the reminder due at `context.now`. The glue calls it on every patch and on a
 * timer (with previous === next) so that reminders come when nothing else changes.
 */
export function notificationFor(
  previous: DeskState | undefined,
  next: DeskState,
  context: NotificationContext,
): ShellNotification[] {
  const notifications = incomingCalls(previous, next, context);
  const reminder = reminderFor(next, context);
  if (reminder) notifications.push(reminder);
  return notifications;
}

/**
 * Keys of open notifications to take down: incoming calls that no longer ring, and reminders
 * about a state the agent has since left.
 */
export function closeNotifications(next: DeskState, open: Iterable<string>): string[] {
  const ringing = ringingIds(next);
  const { agent } = next;
  const stint = isWrapUp(agent.state)
    ? `wrap-up-reminder:${agent.stateSince}:`
    : agent.state === 'NOT_READY'
      ? `not-ready-reminder:${agent.stateSince}:`
      : undefined;
  const stale: string[] = [];
  for (const key of open) {
    if (key.startsWith('incoming:')) {
      if (!ringing.has(key.slice('incoming:'.length))) stale.push(key);
    } else if (stint === undefined || !key.startsWith(stint)) {
      stale.push(key);
    }
  }
  return stale;
}
