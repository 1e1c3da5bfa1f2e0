// A desk UI to drive: the renderer built into a temp dir, the real desk runtime in demo mode (a
// quiet contact center the test scripts), the browser host on it, and Debian's Chromium on the
// page. Every view the test photographs is also checked by axe-core, light and dark.

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ContactCenter, TrafficOptions } from '../../main/demo/sim/contact-center.ts';
import { createKeychainVault } from '../../main/core/vault/index.ts';
import { openDeskRuntime, type DeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const screenshots = join(repoRoot, 'test-results', 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface DeskUi {
  readonly runtime: DeskRuntime;
  readonly host: BrowserHost;
  readonly browser: Browser;
  readonly page: Page;
  readonly pageErrors: string[];
  readonly center: ContactCenter;
  /** Screenshot light and dark, each checked by axe-core (no serious or critical violation). */
  shoot(name: string): Promise<void>;
  /** The laid-out width: wider than the viewport means something did not wrap. */
  scrollWidth(): Promise<number>;
  /** The elements reaching past the viewport's right edge (tag.class right-edge), for messages. */
  overflowing(): Promise<string[]>;
  stop(): Promise<void>;
}

/** `traffic` adjusts the quiet demo (e.g. a quicker far end). */
export async function startDeskUi(name: string, traffic: TrafficOptions = {}): Promise<DeskUi> {
  const root = await mkdtemp(join(tmpdir(), `switchboard-${name}-`));
  const rendererDir = join(root, 'renderer');
  await promisify(execFile)(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', rendererDir, '--emptyOutDir'],
    { cwd: repoRoot },
  );
  await mkdir(screenshots, { recursive: true });
  const runtime = await openDeskRuntime({
    userDataDir: join(root, 'user-data'),
    // The real keychain under this run's own service name: unavailable on CI (the desk says so),
    // and elsewhere it touches only entries it made.
    vault: createKeychainVault({ service: `Switchboard-${name}-${process.pid}` }),
    demo: {
      seed: 7,
      autopilot: false,
      traffic: {
        meanInterArrivalMs: Number.POSITIVE_INFINITY,
        meanTalkMs: Number.POSITIVE_INFINITY,
        meanPreviewGapMs: Number.POSITIVE_INFINITY,
        wrapUpMs: 10 * 60_000,
        ...traffic,
      },
    },
  });
  const host = await startBrowserHost({ desk: runtime.desk, rendererDir, log: () => {} });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 480, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const gateway = runtime.demoGateway;
  if (!gateway) throw new Error('the runtime is not in demo mode');

  return {
    runtime,
    host,
    browser,
    page,
    pageErrors,
    center: gateway.peer.center,
    async shoot(view) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: join(screenshots, `${view}-${colorScheme}.png`), fullPage: true });
        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id}: ${violation.help}`);
        expect(serious, `${view} (${colorScheme})`).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    },
    scrollWidth: () => page.evaluate('document.documentElement.scrollWidth') as Promise<number>,
    overflowing: () =>
      page.evaluate(`[...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' ' + Math.round(element.getBoundingClientRect().right))
        .slice(0, 10)`) as Promise<string[]>,
    async stop() {
      await browser.close();
      await host.stop();
      await runtime.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
