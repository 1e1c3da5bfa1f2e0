// Glue: OS notifications. notificationFor decides what to show on each patch and every 15 s
// (reminders); closeNotifications what to take down. Each one is kept referenced until closed
// (a collected Notification loses its click and action handlers).

import { Notification } from 'electron';
import type { DeskError, DeskState } from '../../../preload/contract.ts';
import type { Logger } from '../../core/log/index.ts';
import { plainText } from '../desk-glance.ts';
import {
  closeNotifications,
  notificationFor,
  type NotificationSettings,
  type ShellNotification,
} from '../notifications.ts';
import type { RunCommand } from './commands.ts';

const REMINDER_CHECK_MS = 15_000;
/** Keys remembered so a notification is not repeated; older ones are forgotten past this. */
const MAX_REMEMBERED = 500;

export interface ShellNotifier {
  /** Re-reads the desk's state now (the glue calls it on every patch). */
  update(): void;
  /** Tells the agent that something they asked for from the tray or a shortcut did not happen. */
  refused(method: string, error: DeskError): void;
  onShown(listener: (notification: ShellNotification) => void): void;
  dispose(): void;
}

export function setupNotifications(options: {
  readonly state: () => DeskState;
  readonly settings: NotificationSettings;
  readonly platform: NodeJS.Platform;
  readonly icon: string | undefined;
  readonly run: RunCommand;
  readonly log: Logger;
}): ShellNotifier {
  const { run, log } = options;
  const supported = Notification.isSupported();
  if (!supported) log({ level: 'warn', event: 'shell.notifications-unsupported' });
  const shown = new Set<string>();
  const open = new Map<string, Notification>();
  const listeners = new Set<(notification: ShellNotification) => void>();
  let previous: DeskState | undefined;

  function remember(key: string): void {
    shown.add(key);
    if (shown.size > MAX_REMEMBERED) {
      const oldest = shown.values().next().value;
      if (oldest !== undefined) shown.delete(oldest);
    }
  }

  function show(item: ShellNotification): void {
    remember(item.key);
    listeners.forEach((listener) => listener(item));
    if (!supported) return;
    const notification = new Notification({
      title: item.title,
      body: item.body,
      urgency: item.urgency,
      timeoutType: item.timeoutType,
      ...(options.icon === undefined ? {} : { icon: options.icon }),
      actions: item.buttons.map((button) => ({ type: 'button' as const, text: button.text })),
    });
    notification.on('click', () => run(item.onClick));
    notification.on('action', (details) => {
      const button = item.buttons[details.actionIndex];
      if (button) run(button.command);
    });
    notification.on('close', () => open.delete(item.key));
    notification.on('failed', (_event, error) =>
      log({
        level: 'warn',
        event: 'shell.notification-failed',
        kind: item.kind,
        error: plainText(error, 200),
      }),
    );
    open.set(item.key, notification);
    notification.show();
  }

  function update(): void {
    const next = options.state();
    for (const key of closeNotifications(next, open.keys())) {
      open.get(key)?.close();
      open.delete(key);
    }
    const context = { now: Date.now(), platform: options.platform, settings: options.settings, shown };
    for (const item of notificationFor(previous, next, context)) show(item);
    previous = next;
  }

  const timer = setInterval(update, REMINDER_CHECK_MS);

  return {
    update,
    refused(_method, error) {
      if (!supported) return;
      new Notification({
        title: 'Switchboard could not do that',
        body: plainText(error.message, 200),
        urgency: 'normal',
      }).show();
    },
    onShown(listener) {
      listeners.add(listener);
    },
    dispose() {
      clearInterval(timer);
      for (const notification of open.values()) notification.close();
      open.clear();
    },
  };
}
