// The main window's options, asserted whole (not assumed): any field added, removed or
// changed fails here, so a weakened webPreferences cannot slip through review. Plus where the
// window goes on close and minimise, and starting in the tray.

import { describe, expect, it } from 'vitest';
import {
  START_HIDDEN_FLAG,
  loginItemSettings,
  mainWindowOptions,
  mainWindowWebPreferences,
  startsHidden,
  windowCloseAction,
  windowMinimiseAction,
} from '../../../main/shell/window-options.ts';

const PRELOAD = '/opt/Switchboard/resources/app.asar/out/preload/bridge.cjs';

describe('mainWindowOptions', () => {
  it('is exactly this object', () => {
    expect(mainWindowOptions({ preload: PRELOAD, icon: '/icon.png', devTools: false })).toStrictEqual({
      width: 480,
      height: 820,
      minWidth: 360,
      minHeight: 520,
      title: 'Switchboard',
      show: false,
      autoHideMenuBar: true,
      icon: '/icon.png',
      webPreferences: {
        preload: PRELOAD,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
        spellcheck: false,
        webviewTag: false,
        safeDialogs: true,
        autoplayPolicy: 'user-gesture-required',
        devTools: false,
      },
    });
  });

  it('leaves the icon out when there is none (macOS uses the bundle icon)', () => {
    expect(mainWindowOptions({ preload: PRELOAD, devTools: true })).not.toHaveProperty('icon');
  });

  it('keeps every security switch whatever the inputs', () => {
    for (const devTools of [true, false]) {
      const prefs = mainWindowWebPreferences({ preload: PRELOAD, devTools });
      expect(prefs).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        webviewTag: false,
        preload: PRELOAD,
      });
      expect(prefs.devTools).toBe(devTools);
      // Nothing that could turn features back on.
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs).not.toHaveProperty('additionalArguments');
      expect(prefs).not.toHaveProperty('partition');
    }
  });
});

describe('close and minimise', () => {
  it('hide to the tray while there is one and the app is not quitting', () => {
    expect(windowCloseAction({ quitting: false, trayAvailable: true })).toBe('hide');
    expect(windowCloseAction({ quitting: true, trayAvailable: true })).toBe('close');
    expect(windowCloseAction({ quitting: false, trayAvailable: false })).toBe('close');
    expect(windowMinimiseAction({ trayAvailable: true })).toBe('hide');
    expect(windowMinimiseAction({ trayAvailable: false })).toBe('minimise');
  });
});

describe('starting in the tray and at login', () => {
  it('starts hidden by the setting or the login flag', () => {
    expect(startsHidden({ startMinimised: false, argv: ['/opt/Switchboard/switchboard'] })).toBe(false);
    expect(startsHidden({ startMinimised: true, argv: [] })).toBe(true);
    expect(startsHidden({ startMinimised: false, argv: ['switchboard', START_HIDDEN_FLAG] })).toBe(true);
  });

  it('registers a login item that starts hidden, or none', () => {
    expect(loginItemSettings({ startAtLogin: true })).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(loginItemSettings({ startAtLogin: false })).toEqual({ openAtLogin: false, args: [] });
  });
});
