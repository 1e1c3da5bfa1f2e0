// What every e2e fixture needs around the page, whatever desk is behind it: the renderer built by
// Vite into a directory of the run's own, Debian's Chromium on a 480-pixel-wide page that records
// its errors, and a photographer that checks every view it shoots with axe-core, light and dark.

import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const screenshots = join(repoRoot, 'test-results', 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 480, height: 900 } as const;

/** Builds the renderer into `outDir` (emptied first), as `npm run build:renderer` does into out/. */
export async function buildRenderer(outDir: string): Promise<void> {
  await promisify(execFile)(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    { cwd: repoRoot },
  );
}

export interface ChromiumPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught exceptions and console errors of `page`, as they happen. */
  readonly pageErrors: string[];
}

/** Headless Chromium with one page, at the width of a desk's side panel, in US English. */
export async function openChromium(): Promise<ChromiumPage> {
  await mkdir(screenshots, { recursive: true });
  const browser = await chromium.launch({
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
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    return { browser, page, pageErrors };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Screenshots of `page` light and dark into test-results/screenshots/<view>-<scheme>.png, each
 * checked by axe-core: a serious or critical violation fails the test.
 */
export async function shoot(page: Page, view: string): Promise<void> {
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
}

/** The laid-out width: wider than the viewport means something did not wrap. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

/** The elements reaching past the viewport's right edge (tag.class right-edge), for messages. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' ' + Math.round(element.getBoundingClientRect().right))
    .slice(0, 10)`) as Promise<string[]>;
}
