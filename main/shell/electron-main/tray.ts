// Glue: the tray icon, tooltip and menu. trayModel and trayMenuTemplate decide; this sets the
// image and tooltip when they change (every patch, and every second for the timer) and rebuilds
// the menu only when its content changes.

import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { DeskState } from '../../../preload/contract.ts';
import type { Logger } from '../../core/log/index.ts';
import { trayIconFile } from '../shell-paths.ts';
import { trayMenuTemplate, type TrayMenuItem } from '../tray-menu.ts';
import { TRAY_ICONS, trayModel, type TrayIcon, type TrayModel } from '../tray-model.ts';
import type { RunCommand } from './commands.ts';
import type { MainWindow } from './window.ts';

export interface ShellTray {
  readonly available: boolean;
  current(): TrayModel | undefined;
  menu(): readonly TrayMenuItem[];
  /** Re-reads the desk's state now (the glue calls it on every patch). */
  update(): void;
  onModel(listener: (model: TrayModel) => void): void;
  dispose(): void;
}

function toElectronMenu(items: readonly TrayMenuItem[], run: RunCommand): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return {
          id: item.id,
          label: item.label,
          enabled: item.enabled,
          submenu: toElectronMenu(item.items, run),
        };
      case 'item': {
        const { command } = item;
        return {
          id: item.id,
          label: item.label,
          enabled: item.enabled,
          ...(item.checked === undefined ? {} : { type: 'checkbox' as const, checked: item.checked }),
          ...(command === undefined ? {} : { click: () => run(command) }),
        };
      }
    }
  });
}

export function setupTray(options: {
  readonly state: () => DeskState;
  readonly window: MainWindow;
  readonly run: RunCommand;
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  readonly log: Logger;
}): ShellTray {
  const { window, run, log } = options;
  const images = new Map<TrayIcon, NativeImage>();
  for (const icon of TRAY_ICONS) {
    const image = nativeImage.createFromPath(join(options.iconDir, trayIconFile(icon, options.platform)));
    if (image.isEmpty()) log({ level: 'warn', event: 'shell.tray-icon-missing', icon });
    images.set(icon, image);
  }

  let tray: Tray | undefined;
  try {
    tray = new Tray(images.get('offline') ?? nativeImage.createEmpty());
  } catch {
    log({ level: 'warn', event: 'shell.tray-unavailable' });
  }
  let model: TrayModel | undefined;
  let menuKey = '';
  let items: readonly TrayMenuItem[] = [];
  const listeners = new Set<(model: TrayModel) => void>();

  function update(): void {
    const state = options.state();
    const next = trayModel(state, Date.now());
    if (tray && next.icon !== model?.icon) tray.setImage(images.get(next.icon) ?? nativeImage.createEmpty());
    if (tray && next.tooltip !== model?.tooltip) tray.setToolTip(next.tooltip);
    const changed = next.icon !== model?.icon || next.tooltip !== model?.tooltip;
    model = next;
    if (changed) listeners.forEach((listener) => listener(next));

    items = trayMenuTemplate(state, { windowVisible: window.isVisible() });
    const key = JSON.stringify(items);
    if (tray && key !== menuKey) tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(items, run)));
    menuKey = key;
  }

  // Windows and Linux: a click on the icon shows or hides the window (macOS opens the menu).
  tray?.on('click', () => (window.isVisible() ? window.hide() : window.show()));
  window.onVisibilityChange(update);
  update();
  const timer = setInterval(update, 1000);

  return {
    available: tray !== undefined,
    current: () => model,
    menu: () => items,
    update,
    onModel(listener) {
      listeners.add(listener);
    },
    dispose() {
      clearInterval(timer);
      tray?.destroy();
      tray = undefined;
    },
  };
}
