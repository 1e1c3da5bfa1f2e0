// The desk UI in real Chromium against the real browser host: the renderer built by Vite, a desk
// from openDeskRuntime in demo mode (the embedded demo contact center, scripted here), and
// Playwright driving the page as an agent would: sign in with a wrong password, then as
// 1001/demo/5001, go ready, take a call (with the `a` key), hold it, consult, hang up, choose a
// wrap-up reason, toggle ready with `r`, read and dismiss notices; then the page in a
// right-to-left locale, and the page after the host went away. Every view is photographed in
// light and dark into test-results/screenshots/.

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BrowserHost } from '../../main/web/browser-host.ts';
import { screenshots, startDeskUi, type DeskUi } from './desk-ui-fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LONG_VARIABLE = `Order-${'7'.repeat(90)}`;
/** expect.poll waits 1 s by default; the desk answers within the demo's timings. */
const EVENTUALLY = { timeout: 10_000 };

let ui: DeskUi;
let host: BrowserHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

/** Screenshots light and dark, each checked by axe-core (see desk-ui-fixture.ts). */
const shoot = (name: string) => ui.shoot(name);

const center = () => ui.center;

function queueOf(agentId: string): string {
  const user = center().roster.byLoginId(agentId);
  const team = user && center().roster.team(user.teamId);
  if (!team) throw new Error(`no team for ${agentId}`);
  return team.queue;
}

/**
 * The controls without an accessible name, as Chromium's accessibility tree has them: in an
 * ARIA snapshot a named control reads `- button "Ready"`, an unnamed one `- button`.
 */
async function unnamedControls(): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .filter((line) => /^\s*- (button|textbox|checkbox|radio|menuitem|combobox)(?! ")/.test(line));
}

/** The text of what has the keyboard focus. */
function focusedText(): Promise<string> {
  return page.evaluate('document.activeElement?.textContent?.trim() ?? ""');
}

const scrollWidth = () => ui.scrollWidth();

describe('the desk UI in Chromium, through the browser host', () => {
  beforeAll(async () => {
    ui = await startDeskUi('e2e', { remoteAnswerMs: 500 });
    ({ host, browser, page, pageErrors } = ui);
  }, 120_000);

  afterAll(async () => {
    await ui?.stop();
  });

  it('signs in, refusing a wrong password in plain words', async () => {
    await page.goto(host.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
      .toBe(1);
    await shoot('01-sign-in');

    await page.getByLabel('Agent id').fill('1001');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByLabel('Extension').fill('5001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('form [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/password|agent id/i);
    await shoot('02-sign-in-refused');

    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Your state' }).waitFor();
    expect(await page.getByRole('region', { name: 'Your state' }).textContent()).toContain('Not ready');
    expect(await unnamedControls()).toEqual([]);
    await shoot('03-desk-not-ready');
  });

  it('goes ready, and shows the not-ready reasons on request', async () => {
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    const status = page.getByRole('region', { name: 'Your state' });
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Ready');
    await shoot('04-desk-ready');

    await page.getByRole('button', { name: 'Not ready…' }).click();
    const menu = page.getByRole('menu', { name: 'Not ready…' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').count()).toBeGreaterThan(1);
    expect(await unnamedControls()).toEqual([]);
    await shoot('05-not-ready-reasons');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // By keyboard alone: Enter opens the menu on its first item, arrows move, Escape closes it
    // and gives focus back to the button that opened it.
    const trigger = page.getByRole('button', { name: 'Not ready…' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    await menu.waitFor();
    // The popover's toggle event (which moves focus in) comes a task after it opens.
    await expect.poll(focusedText, EVENTUALLY).toBe('No reason');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Break');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('No reason');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await expect.poll(focusedText, EVENTUALLY).toBe('Not ready…');
  });

  it('rings, answers with the `a` key, holds and retrieves', async () => {
    center().offerCall(queueOf('1001'), {
      ani: '+442079460958',
      variables: [
        { name: 'callVariable1', value: 'Gold customer' },
        { name: 'user.order.reference', value: LONG_VARIABLE },
      ],
    });
    const incoming = page.getByRole('region', { name: 'Incoming call' });
    await incoming.waitFor();
    expect(await incoming.textContent()).toContain('+442079460958');
    // The long value wraps inside the card instead of widening the page.
    expect(await scrollWidth()).toBeLessThanOrEqual(480);
    await shoot('06-incoming-call');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('a');
    const call = page.getByRole('region', { name: /^Call:/ });
    await call.waitFor();
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('Connected');
    // The one clock moves every timer on the page.
    await expect.poll(() => call.locator('time').first().textContent(), EVENTUALLY).not.toBe('0:00');
    await shoot('07-call-active');

    await call.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('On hold');
    await shoot('08-call-held');
    await call.getByRole('button', { name: 'Retrieve' }).click();
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('Connected');
  });

  it('consults an outside number, ends the consult, hangs up and records a wrap-up reason', async () => {
    const call = page.getByRole('region', { name: /^Call:/ });
    await call.getByLabel('Transfer or consult to').fill('+14155550134');
    await call.getByRole('button', { name: 'Consult' }).click();
    const consult = page.getByRole('region', { name: /^Consult call:/ });
    await consult.waitFor();
    await expect.poll(() => consult.textContent(), EVENTUALLY).toContain('Connected');
    await shoot('09-consult');

    await consult.getByRole('button', { name: 'End consult' }).click();
    await consult.waitFor({ state: 'detached' });
    await call.getByRole('button', { name: 'Retrieve' }).click();
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('Connected');
    await call.getByRole('button', { name: 'Hang up' }).click();
    await call.waitFor({ state: 'detached' });

    const status = page.getByRole('region', { name: 'Your state' });
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toMatch(/^Wrap-up/);
    await page.getByRole('button', { name: 'Wrap-up reason…' }).click();
    const menu = page.getByRole('menu', { name: 'Wrap-up reason…' });
    await menu.waitFor();
    await shoot('10-wrap-up-reasons');
    await menu.getByRole('menuitem').first().click();
    await page.getByRole('button', { name: /^Wrap-up: / }).waitFor();
    await shoot('11-wrap-up-recorded');
  });

  it('toggles ready and not ready with the `r` key', async () => {
    const status = page.getByRole('region', { name: 'Your state' });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Ready');
    await page.keyboard.press('r');
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Not ready');
    // An r typed into a field is typing, not a shortcut.
    await page.getByLabel('Number to call').press('r');
    await page.keyboard.press('r');
    expect(await status.locator('strong').textContent()).toBe('Not ready');
    expect(await page.getByLabel('Number to call').inputValue()).toBe('');
  });

  it('shows the notices newest first and hides a dismissed one', async () => {
    // Calling one's own extension is refused by the contact center: the desk says so in a notice.
    await page.getByLabel('Number to call').fill('5001');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect.poll(() => notices.getByRole('listitem').count(), EVENTUALLY).toBeGreaterThan(0);
    await shoot('12-notices');
    const before = await notices.getByRole('listitem').count();
    await notices
      .getByRole('button', { name: /^Dismiss: / })
      .first()
      .click();
    await expect.poll(() => notices.getByRole('listitem').count(), EVENTUALLY).toBe(before - 1);
  });

  it('lays the page out right to left for a right-to-left locale', async () => {
    const rtl = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await rtl.goto(`${host.url}&lang=he`);
    await rtl.locator('h1').waitFor();
    expect(await rtl.locator('html').getAttribute('dir')).toBe('rtl');
    for (const colorScheme of ['light', 'dark'] as const) {
      await rtl.emulateMedia({ colorScheme });
      await rtl.screenshot({ path: join(screenshots, `13-rtl-${colorScheme}.png`), fullPage: true });
    }
    await rtl.close();
  });

  it('fills the dial pad from a tel: link the shell hands over', async () => {
    // The Electron shell exposes window.switchboardShell; a page in a browser has none. This page
    // gets the same surface before it loads, so the renderer's side of tel: links is exercised.
    const linked = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await linked.addInitScript(() => {
      const listeners: ((request: { number: string; extension: string | undefined }) => void)[] = [];
      Object.defineProperty(globalThis, 'switchboardShell', {
        value: {
          onDialRequest(listener: (request: { number: string; extension: string | undefined }) => void) {
            listeners.push(listener);
            return () => listeners.splice(listeners.indexOf(listener), 1);
          },
        },
      });
      Object.defineProperty(globalThis, 'fireDialRequest', {
        value: (number: string, extension?: string) =>
          listeners.forEach((listener) => listener({ number, extension })),
      });
    });
    await linked.goto(host.url);
    const field = linked.getByRole('textbox', { name: 'Number to call' });
    await field.waitFor();
    await linked.evaluate(() =>
      (
        globalThis as unknown as { fireDialRequest(number: string, extension?: string): void }
      ).fireDialRequest('+442079460123', '12'),
    );
    await expect.poll(() => field.inputValue(), EVENTUALLY).toBe('+442079460123');
    expect(await linked.getByText('Extension 12').count()).toBe(1);
    await linked.close();
  });

  it('says so when the host goes away, and refuses actions in plain words meanwhile', async () => {
    await host.stop();
    const health = page.getByRole('status', { name: 'Connection' });
    await expect.poll(() => health.textContent(), EVENTUALLY).toContain('Lost contact with Switchboard');
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), EVENTUALLY)
      .toContain('the request may not have arrived');
    // Between attempts and during them, it still says so.
    for (let check = 0; check < 5; check++) {
      expect(await health.textContent()).toContain('Lost contact with Switchboard');
      await page.waitForTimeout(200);
    }
    await shoot('14-host-lost');
    // A WebSocket that cannot connect is logged by Chromium itself; nothing else may be.
    expect(pageErrors.filter((error) => !error.includes('WebSocket connection'))).toEqual([]);
  });
});
