// The desktop shell in real Electron, driven by Playwright's `_electron`: launch, sign in to the
// demo contact center, change state, take an incoming call; the OS notification and the tray
// are observed through the test-only hooks (SWITCHBOARD_TEST_HOOKS=1, main/shell/test-hooks.ts).
//
// Runs wherever Electron's binary is installed; elsewhere it reports "skipped: Electron binary
// not installed" (ARCHITECTURE.md, "What runs where"). Linux without a display: run it under
// `xvfb-run -a`.

import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOOKS_GLOBAL, type SwitchboardTestHooks } from '../../main/shell/test-hooks.ts';
import { SKIP_NO_BINARY, electronBinary } from './electron-binary.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const HOOKS = TEST_HOOKS_GLOBAL;
const binary = electronBinary(join(repoRoot, 'package.json'));
const noDisplay =
  process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']
    ? 'skipped: no display (run under xvfb-run -a)'
    : undefined;

if ('missing' in binary) {
  describe('the desktop shell under Electron', () => {
    it.skip(SKIP_NO_BINARY, () => {});
  });
} else if (noDisplay) {
  describe('the desktop shell under Electron', () => {
    it.skip(noDisplay, () => {});
  });
} else {
  const executablePath = binary.path;
  let root: string;
  let electronApp: ElectronApplication;
  let page: Page;
  const pageErrors: string[] = [];

  /** A throwaway app directory: package.json, the built renderer, main and preload, the icons. */
  async function buildApp(appDir: string): Promise<void> {
    const run = promisify(execFile);
    mkdirSync(join(appDir, 'build'), { recursive: true });
    writeFileSync(
      join(appDir, 'package.json'),
      JSON.stringify({
        name: 'switchboard',
        version: '0.0.0-test',
        type: 'module',
        main: 'out/main/index.js',
      }),
    );
    symlinkSync(join(repoRoot, 'node_modules'), join(appDir, 'node_modules'), 'junction');
    cpSync(join(repoRoot, 'build', 'icon.png'), join(appDir, 'build', 'icon.png'));
    cpSync(join(repoRoot, 'build', 'tray'), join(appDir, 'build', 'tray'), { recursive: true });
    await run(
      'npx',
      [
        'vite',
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--outDir',
        join(appDir, 'out', 'renderer'),
        '--emptyOutDir',
      ],
      { cwd: repoRoot },
    );
    await run(process.execPath, [join(repoRoot, 'build', 'bundle-shell.mjs'), '--out', join(appDir, 'out')], {
      cwd: repoRoot,
    });
  }

  // Each reader runs in the main process: Playwright sends the function's source, so it may use
  // only its arguments (types are erased).
  const tray = () =>
    electronApp.evaluate(
      (_electron, name) => (Reflect.get(globalThis, name) as SwitchboardTestHooks).tray(),
      HOOKS,
    );
  const notifications = () =>
    electronApp.evaluate(
      (_electron, name) => (Reflect.get(globalThis, name) as SwitchboardTestHooks).notifications,
      HOOKS,
    );
  const offerCall = (ani: string) =>
    electronApp.evaluate(
      (_electron, [name, caller]) =>
        (Reflect.get(globalThis, name) as SwitchboardTestHooks).offerCall('1001', caller),
      [HOOKS, ani] as const,
    );

  describe('the desktop shell under Electron', () => {
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'switchboard-electron-'));
      const appDir = join(root, 'app');
      await buildApp(appDir);
      electronApp = await _electron.launch({
        executablePath,
        // Chromium refuses to run as root with its sandbox on (CI containers).
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), appDir],
        env: {
          ...process.env,
          SWITCHBOARD_TEST_HOOKS: '1',
          SWITCHBOARD_USER_DATA_DIR: join(root, 'user-data'),
        } as Record<string, string>,
        timeout: 60_000,
      });
      page = await electronApp.firstWindow();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.waitForLoadState('domcontentloaded');
    }, 240_000);

    afterAll(async () => {
      await electronApp?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('loads the page from app:// with no Node and exactly the DeskApi', async () => {
      expect(page.url()).toBe('app://switchboard/index.html');
      const facts = await page.evaluate(() => ({
        require: typeof Reflect.get(globalThis, 'require'),
        process: typeof Reflect.get(globalThis, 'process'),
        api: Object.keys(Reflect.get(globalThis, 'switchboard') as object).length,
        shell: Object.keys(Reflect.get(globalThis, 'switchboardShell') as object),
      }));
      expect(facts).toEqual({
        require: 'undefined',
        process: 'undefined',
        api: 38,
        shell: ['onDialRequest'],
      });
    });

    it('signs in to the demo contact center; the tray follows', async () => {
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), { timeout: 30_000 })
        .toBe(1);
      await page.getByLabel('Agent id').fill('1001');
      await page.getByLabel('Password').fill('demo');
      await page.getByLabel('Extension').fill('5001');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const status = page.getByRole('region', { name: 'Your state' });
      await status.waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toContain('Not ready');
      await expect.poll(async () => (await tray())?.icon).toBe('not-ready');
    });

    it('goes ready', async () => {
      await page.getByRole('button', { name: 'Ready', exact: true }).click();
      const status = page.getByRole('region', { name: 'Your state' });
      await expect.poll(() => status.locator('strong').textContent()).toBe('Ready');
      await expect.poll(async () => (await tray())?.icon).toBe('ready');
      expect((await tray())?.tooltip).toMatch(/^Switchboard: Ready, \d+:\d\d$/);
    });

    it('rings: the page, an OS notification and the tray; answering makes it talking', async () => {
      const dialogId = await offerCall('+442079460958');
      const incoming = page.getByRole('region', { name: 'Incoming call' });
      await incoming.waitFor({ timeout: 15_000 });
      expect(await incoming.textContent()).toContain('+442079460958');
      await expect.poll(async () => (await tray())?.icon).toBe('ringing');
      expect(await notifications()).toContainEqual(
        expect.objectContaining({
          key: `incoming:${dialogId}`,
          kind: 'incoming-call',
          title: 'Incoming call from +442079460958',
        }),
      );

      await incoming.getByRole('button', { name: 'Answer' }).click();
      await expect.poll(async () => (await tray())?.icon, { timeout: 15_000 }).toBe('talking');
      expect(pageErrors).toEqual([]);
    });
  });
}
