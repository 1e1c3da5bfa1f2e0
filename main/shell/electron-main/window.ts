// Glue: the one window, and the hardening every webContents gets (ARCHITECTURE.md, "Security
// model"). The options come from main/shell/window-options.ts (asserted in a unit test); here
// they meet Electron: no navigation, no new windows, no <webview>, links to the OS browser only
// after checkExternalUrl, permissions through isPermissionAllowed, close and minimise to the tray.

import { app, BrowserWindow, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../../core/log/index.ts';
import { APP_INDEX_URL } from '../app-protocol.ts';
import { checkExternalUrl } from '../external-links.ts';
import { isPermissionAllowed } from '../permissions.ts';
import { mainWindowOptions, windowCloseAction, windowMinimiseAction } from '../window-options.ts';

export interface MainWindow {
  /** The webContents id IPC senders are checked against; undefined once the window is gone. */
  webContentsId(): number | undefined;
  isVisible(): boolean;
  show(): void;
  hide(): void;
  /** To the page now; dropped while it is not loaded (patches: getState gives the snapshot). */
  send(channel: string, payload: unknown): void;
  /** To the page once it has loaded (a tel: link that launched the app comes before the page). */
  sendWhenLoaded(channel: string, payload: unknown): void;
  /** Called whenever the window is shown or hidden (the tray's Show/Hide item follows it). */
  onVisibilityChange(listener: () => void): void;
  /** Whether a tray exists to hide into; without one, closing quits. */
  setTrayAvailable(available: boolean): void;
  /** From now on, closing really closes (the app is quitting). */
  allowClose(): void;
}

function openOutside(url: string, log: Logger): void {
  const checked = checkExternalUrl(url);
  if (!checked.ok) {
    log({ level: 'warn', event: 'shell.link-refused', reason: checked.reason });
    return;
  }
  shell.openExternal(checked.url).catch(() => log({ level: 'warn', event: 'shell.link-failed' })); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only what checkExternalUrl passed: https to a public name
}

/** Every webContents, ours or any that appears: no navigation, no windows, no webviews. */
export function hardenWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openOutside(url, log);
    });
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url, log);
      return { action: 'deny' };
    });
  });
}

export function setupPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log({ level: 'info', event: 'shell.permission-refused', permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  // Nothing leaves this session but app:// (the CSP says so too; this holds even if it did not).
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] },
    (details, callback) => {
      log({ level: 'warn', event: 'shell.request-blocked', scheme: details.url.split(':')[0] ?? '' });
      callback({ cancel: true });
    },
  );
}

export function createMainWindow(options: {
  readonly preload: string;
  readonly icon: string | undefined;
  readonly startHidden: boolean;
  readonly log: Logger;
}): MainWindow {
  const { log } = options;
  const windowOptions = mainWindowOptions({
    preload: options.preload,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    devTools: !app.isPackaged,
  });
  // Electronegativity cannot see through the function call; the object is asserted field by field
  // in test/unit/shell/window-options.test.ts.
  const window = new BrowserWindow(windowOptions); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- mainWindowOptions sets contextIsolation, sandbox and disableBlinkFeatures Auxclick (tested)
  let trayAvailable = false;
  let quitting = false;
  let loaded = false;
  const waiting: { channel: string; payload: unknown }[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  window.once('ready-to-show', () => {
    if (!options.startHidden) window.show();
  });
  window.on('show', changed);
  window.on('hide', changed);
  window.on('close', (event) => {
    if (windowCloseAction({ quitting, trayAvailable }) === 'hide') {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('minimize', () => {
    if (windowMinimiseAction({ trayAvailable }) === 'hide') window.hide();
  });
  window.webContents.on('did-finish-load', () => {
    loaded = true;
    for (const message of waiting.splice(0)) send(message.channel, message.payload);
  });
  window.webContents.on('render-process-gone', (_event, details) =>
    log({ level: 'error', event: 'shell.renderer-gone', reason: details.reason }),
  );

  function send(channel: string, payload: unknown): void {
    if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(channel, payload);
  }

  window.loadURL(APP_INDEX_URL).catch(() => log({ level: 'error', event: 'shell.load-failed' }));

  return {
    webContentsId: () => (window.isDestroyed() ? undefined : window.webContents.id),
    isVisible: () => !window.isDestroyed() && window.isVisible(),
    show() {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    hide() {
      if (!window.isDestroyed()) window.hide();
    },
    send,
    sendWhenLoaded(channel, payload) {
      if (loaded) send(channel, payload);
      else waiting.push({ channel, payload });
    },
    onVisibilityChange(listener) {
      listeners.add(listener);
    },
    setTrayAvailable(available) {
      trayAvailable = available;
    },
    allowClose() {
      quitting = true;
    },
  };
}
