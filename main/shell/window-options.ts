// The main window's options, as one object that a test asserts field by field (ARCHITECTURE.md,
// "Security model"): the renderer is sandboxed, isolated from the preload's world, without Node,
// and cannot weaken web security, run insecure content, enable experimental Blink features,
// navigate by a dropped file or open <webview>s. Plus what the window does when it is closed or
// minimised (it goes to the tray while there is one).

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface MainWindowInput {
  /** Absolute path of the bundled preload (out/preload/bridge.cjs). */
  readonly preload: string;
  /** Window icon (Linux and Windows; macOS uses the bundle's). */
  readonly icon?: string;
  /** DevTools: on while developing, off in a packaged build. */
  readonly devTools: boolean;
}

export const WINDOW_SIZE = { width: 480, height: 820, minWidth: 360, minHeight: 520 } as const;

export function mainWindowWebPreferences(input: MainWindowInput): WebPreferences {
  return {
    preload: input.preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Middle-click opens windows through auxclick; no window may open anyway (setWindowOpenHandler).
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    spellcheck: false,
    webviewTag: false,
    safeDialogs: true,
    autoplayPolicy: 'user-gesture-required',
    devTools: input.devTools,
  };
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    title: 'Switchboard',
    // Shown on `ready-to-show` (no white flash), or not at all when starting minimised.
    show: false,
    autoHideMenuBar: true,
    ...(input.icon === undefined ? {} : { icon: input.icon }),
    webPreferences: mainWindowWebPreferences(input),
  };
}

/**
 * Closing or minimising hides the window to the tray, unless the app is quitting or there is no
 * tray to bring it back from (a Linux desktop without a status area): the window must never
 * become unreachable.
 */
export function windowCloseAction(input: {
  readonly quitting: boolean;
  readonly trayAvailable: boolean;
}): 'hide' | 'close' {
  return !input.quitting && input.trayAvailable ? 'hide' : 'close';
}

export function windowMinimiseAction(input: { readonly trayAvailable: boolean }): 'hide' | 'minimise' {
  return input.trayAvailable ? 'hide' : 'minimise';
}

/** The command-line flag a login item starts us with: start in the tray. */
export const START_HIDDEN_FLAG = '--hidden';

/**
 * Start in the tray: the setting says so, or Windows started us at login with START_HIDDEN_FLAG.
 * (macOS login items take no arguments, and Electron no longer reports "opened as hidden" on
 * current macOS: there, startup.startMinimised decides alone.)
 */
export function startsHidden(input: {
  readonly startMinimised: boolean;
  readonly argv: readonly string[];
}): boolean {
  return input.startMinimised || input.argv.includes(START_HIDDEN_FLAG);
}

/**
 * What app.setLoginItemSettings gets (macOS and Windows; Linux has no login items in Electron:
 * the caller logs that the setting cannot apply there). Started at login on Windows, we start in
 * the tray (`args` is Windows-only).
 */
export function loginItemSettings(input: { readonly startAtLogin: boolean }): {
  openAtLogin: boolean;
  args: string[];
} {
  return { openAtLogin: input.startAtLogin, args: input.startAtLogin ? [START_HIDDEN_FLAG] : [] };
}
