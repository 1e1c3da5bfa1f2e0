// Glue: start at login (startup.startAtLogin). Electron has login items on macOS and Windows;
// on Linux the setting cannot apply (an XDG autostart entry is the desktop's business), which
// is logged rather than ignored. A development run never registers the bare Electron binary.

import { app } from 'electron';
import type { Logger } from '../../core/log/index.ts';
import { loginItemSettings } from '../window-options.ts';

export function setupStartAtLogin(options: {
  readonly startAtLogin: boolean;
  readonly platform: NodeJS.Platform;
  readonly log: Logger;
}): void {
  const { log } = options;
  if (!app.isPackaged) return;
  if (options.platform !== 'darwin' && options.platform !== 'win32') {
    if (options.startAtLogin)
      log({ level: 'warn', event: 'shell.start-at-login-unsupported', platform: options.platform });
    return;
  }
  app.setLoginItemSettings(loginItemSettings({ startAtLogin: options.startAtLogin }));
}
