// A test-only window into the running shell, for the `_electron` suite (test/electron): what the
// tray shows, which notifications went out, and a way to make the demo contact center ring.
// Enabled only by SWITCHBOARD_TEST_HOOKS=1 in an unpackaged run: a packaged app never has it,
// whatever its environment says.

import type { TrayModel } from './tray-model.ts';

export const TEST_HOOKS_ENV = 'SWITCHBOARD_TEST_HOOKS';
/** With the hooks on: the user-data directory to use (each test run gets a fresh one). */
export const TEST_USER_DATA_ENV = 'SWITCHBOARD_USER_DATA_DIR';
/** The global the hooks hang on, in the main process (read with electronApp.evaluate). */
export const TEST_HOOKS_GLOBAL = '__switchboardTestHooks';

export function testHooksEnabled(env: NodeJS.ProcessEnv, isPackaged: boolean): boolean {
  return !isPackaged && env[TEST_HOOKS_ENV] === '1';
}

export interface RecordedNotification {
  readonly key: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly buttons: readonly string[];
}

export interface SwitchboardTestHooks {
  /** What the tray shows now (undefined before the tray exists). */
  tray(): TrayModel | undefined;
  /** Every tray state shown, oldest first (consecutive repeats once). */
  readonly trayHistory: TrayModel[];
  /** Every notification shown, oldest first. */
  readonly notifications: RecordedNotification[];
  /** Demo mode: a caller arrives on the queue of this agent's team; returns the dialog id. */
  offerCall(agentId: string, ani: string): string;
  /** Runs a tray menu item by id, as a click would (undefined: no such item, or disabled). */
  clickTrayItem(id: string): boolean;
}
