// The Electron main process: a short list of setups (STYLE.md, "Main is a short list of
// setups"). Every decision is made by a pure module beside this folder, tested in Node; what is
// here and in electron-main/ only hands the answers to Electron.
//
// Built to out/main/index.js (npm run build:main); the preload to out/preload/bridge.cjs.

import { app, session } from 'electron';
import { openDeskRuntime, type DeskRuntime } from '../runtime/desk-runtime.ts';
import { registerAppScheme, setupAppProtocol } from './electron-main/app-protocol.ts';
import { createCommandRunner, type RunCommand } from './electron-main/commands.ts';
import { setupDeskIpc } from './electron-main/desk-ipc.ts';
import { setupHotkeys } from './electron-main/hotkeys.ts';
import { setupStartAtLogin } from './electron-main/login-item.ts';
import { setupNotifications } from './electron-main/notifications.ts';
import { setupPowerMonitor } from './electron-main/power.ts';
import {
  createTelLinkInbox,
  registerTelSchemes,
  telLinkHandler,
  type TelLinkInbox,
} from './electron-main/tel-links.ts';
import { installTestHooks, memoryVault, QUIET_DEMO } from './electron-main/test-hooks.ts';
import { setupTray } from './electron-main/tray.ts';
import { createMainWindow, hardenWebContents, setupPermissions } from './electron-main/window.ts';
import { shellPaths } from './shell-paths.ts';
import { TEST_USER_DATA_ENV, testHooksEnabled } from './test-hooks.ts';
import { startsHidden } from './window-options.ts';

const APP_ID = 'com.switchboard.desk';
const platform = process.platform;
const testing = testHooksEnabled(process.env, app.isPackaged);
const testUserData = testing ? process.env[TEST_USER_DATA_ENV] : undefined;
if (testUserData) app.setPath('userData', testUserData);

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  // Another Switchboard runs: it gets our argv (and any tel: link in it) through second-instance.
  app.quit();
} else {
  const links = createTelLinkInbox(process.argv);
  // Windows: toasts need the same AppUserModelID as the installer's shortcut.
  app.setAppUserModelId(APP_ID);
  app
    .whenReady()
    .then(() => start(links))
    .catch((error: unknown) => {
      // Before the desk's logger exists there is nowhere else to say it.
      console.error('Switchboard could not start:', error instanceof Error ? error.message : error);
      app.exit(1);
    });
}

async function start(links: TelLinkInbox): Promise<void> {
  const paths = shellPaths(app.getAppPath());
  const runtime = await openDeskRuntime({
    userDataDir: app.getPath('userData'),
    ...(testing ? { vault: memoryVault(), demo: QUIET_DEMO } : {}),
  });
  const { desk, settings } = runtime;
  const log = runtime.logger.log;
  const state = () => desk.state;

  hardenWebContents(log);
  setupPermissions(session.defaultSession, log);
  setupAppProtocol(session.defaultSession, paths.rendererDir, log);

  const window = createMainWindow({
    preload: paths.preload,
    icon: platform === 'darwin' ? undefined : paths.windowIcon,
    startHidden: startsHidden({ startMinimised: settings.startup.startMinimised, argv: process.argv }),
    log,
  });
  const unbindIpc = setupDeskIpc({ desk, window, log });

  const run: RunCommand = createCommandRunner({
    desk,
    window,
    log,
    quit: () => app.quit(),
    // Called only after notifier exists (a command runs on a click, later).
    onRefused: (method, error) => notifier.refused(method, error),
  });
  const tray = setupTray({ state, window, run, iconDir: paths.trayIconDir, platform, log });
  window.setTrayAvailable(tray.available);
  const notifier = setupNotifications({
    state,
    settings: settings.notifications,
    platform,
    icon: platform === 'darwin' ? undefined : paths.windowIcon,
    run,
    log,
  });
  const unsubscribe = desk.subscribe(() => {
    tray.update();
    notifier.update();
  });

  registerTelSchemes(platform, log);
  links.attach(telLinkHandler({ desk, window, callImmediately: settings.telLinks.callImmediately, log }));
  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());

  const unregisterHotkeys = setupHotkeys({ settings: settings.hotkeys, state, run, log });
  const stopPowerMonitor = setupPowerMonitor({ desk, log });
  setupStartAtLogin({ startAtLogin: settings.startup.startAtLogin, platform, log });
  if (testing) installTestHooks({ runtime, tray, notifier, run });

  setupQuit(runtime, () => {
    window.allowClose();
    unsubscribe();
    unbindIpc();
    unregisterHotkeys();
    stopPowerMonitor();
    notifier.dispose();
    tray.dispose();
  });
}

/** Quitting waits for the desk to sign off and close its files (the outbox, the log). */
function setupQuit(runtime: DeskRuntime, teardown: () => void): void {
  let tornDown = false;
  let stopped = false;
  app.on('before-quit', () => {
    if (tornDown) return;
    tornDown = true;
    teardown();
  });
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void runtime.stop().finally(() => app.quit());
  });
}
