// Glue: the test-only hooks (main/shell/test-hooks.ts says when they exist). With them on, the
// desk runs against a quiet demo contact center (calls only when the test offers one) and a
// vault in memory (no keychain on a CI machine), and what the tray and the notifications show is
// recorded on a global the `_electron` suite reads.

import type { EmbeddedGatewayOptions } from '../../demo/embedded-gateway.ts';
import type { Vault } from '../../core/vault/index.ts';
import type { DeskRuntime } from '../../runtime/desk-runtime.ts';
import type { ShellNotification } from '../notifications.ts';
import { TEST_HOOKS_GLOBAL, type SwitchboardTestHooks } from '../test-hooks.ts';
import type { TrayMenuItem } from '../tray-menu.ts';
import type { TrayModel } from '../tray-model.ts';
import type { RunCommand } from './commands.ts';

export const QUIET_DEMO: EmbeddedGatewayOptions = {
  seed: 7,
  autopilot: false,
  traffic: {
    meanInterArrivalMs: Number.POSITIVE_INFINITY,
    meanTalkMs: Number.POSITIVE_INFINITY,
    meanPreviewGapMs: Number.POSITIVE_INFINITY,
    wrapUpMs: 10 * 60_000,
    remoteAnswerMs: 500,
  },
};

export function memoryVault(): Vault {
  const entries = new Map<string, string>();
  const ok = <T>(value: T) => ({ ok: true as const, value });
  return {
    availability: async () => ({ available: true }),
    store: async (kind, account, secret) => (entries.set(`${kind}/${account}`, secret), ok(undefined)),
    read: async (kind, account) => ok(entries.get(`${kind}/${account}`)),
    forget: async (kind, account) => (entries.delete(`${kind}/${account}`), ok(undefined)),
    forgetAll: async () => (entries.clear(), ok(undefined)),
  };
}

function findItem(items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.type === 'separator') continue;
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const inner = findItem(item.items, id);
      if (inner) return inner;
    }
  }
  return undefined;
}

export function installTestHooks(options: {
  readonly runtime: DeskRuntime;
  readonly tray: {
    current(): TrayModel | undefined;
    menu(): readonly TrayMenuItem[];
    onModel(listener: (model: TrayModel) => void): void;
  };
  readonly notifier: { onShown(listener: (notification: ShellNotification) => void): void };
  readonly run: RunCommand;
}): void {
  const hooks: SwitchboardTestHooks = {
    tray: () => options.tray.current(),
    trayHistory: [],
    notifications: [],
    offerCall(agentId, ani) {
      const center = options.runtime.demoGateway?.peer.center;
      if (!center) throw new Error('not in demo mode');
      const user = center.roster.byLoginId(agentId);
      const team = user && center.roster.team(user.teamId);
      if (!team) throw new Error(`no team for agent ${agentId}`);
      return center.offerCall(team.queue, { ani });
    },
    clickTrayItem(id) {
      const item = findItem(options.tray.menu(), id);
      if (!item || item.type !== 'item' || !item.enabled || !item.command) return false;
      options.run(item.command);
      return true;
    },
  };
  const current = options.tray.current();
  if (current) hooks.trayHistory.push(current);
  options.tray.onModel((model) => {
    hooks.trayHistory.push(model);
    // The tooltip's timer changes every second: keep the recent past only.
    if (hooks.trayHistory.length > 1000) hooks.trayHistory.splice(0, hooks.trayHistory.length - 1000);
  });
  options.notifier.onShown((notification) =>
    hooks.notifications.push({
      key: notification.key,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      buttons: notification.buttons.map((button) => button.text),
    }),
  );
  Object.defineProperty(globalThis, TEST_HOOKS_GLOBAL, { value: hooks, configurable: true });
}
