// Where the shell finds its files, from the app path (the repo root under `electron .`, the
// app.asar in a packaged build): the built renderer and preload, and the icons electron-builder
// packs from build/ (electron-builder.yml `files`).

import { join } from 'node:path';
import type { TrayIcon } from './tray-model.ts';

export interface ShellPaths {
  readonly rendererDir: string;
  readonly preload: string;
  readonly windowIcon: string;
  readonly trayIconDir: string;
}

export function shellPaths(appPath: string): ShellPaths {
  return {
    rendererDir: join(appPath, 'out', 'renderer'),
    preload: join(appPath, 'out', 'preload', 'bridge.cjs'),
    windowIcon: join(appPath, 'build', 'icon.png'),
    trayIconDir: join(appPath, 'build', 'tray'),
  };
}

/**
 * The tray image for a state on a platform. macOS: a black template image (the menu bar tints
 * it; `Template` in the name says so, and nativeImage picks the @2x file beside it). Windows:
 * 16 px with a 32 px @2x beside it. Linux: 32 px (panels scale it down; an AppIndicator takes
 * the file as it is).
 */
export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${icon}Template.png`;
  if (platform === 'win32') return `${icon}.png`;
  return `${icon}-32.png`;
}
