// More of the desk UI in real Chromium against the real browser host (set up as in
// desk-ui.test.ts): a preview call from the outbound campaign rejected, another accepted and
// reclassified; a callback for the last call scheduled, changed and cancelled; the company
// directory (100,000 contacts) loaded and searched as the agent types. The demo runs on the real
// clock: the far end of an accepted preview answers after about 3 s. Every view is photographed
// in light and dark into test-results/screenshots/ (20-…).

import type { Page } from 'playwright-core';
import type { BrowserHost } from '../../main/web/browser-host.ts';
import { startDeskUi, type DeskUi } from './desk-ui-fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** expect.poll waits 1 s by default; the desk answers within the demo's timings. */
const EVENTUALLY = { timeout: 10_000 };

let ui: DeskUi;
let host: BrowserHost;
let page: Page;
let pageErrors: string[] = [];

/** Screenshots light and dark, each checked by axe-core (see desk-ui-fixture.ts). */
const shoot = (name: string) => ui.shoot(name);

/**
 * A time some days ahead as a datetime-local field spells it (and, with a space, as the desk
 * shows it). Days, not years: the demo arms a timer for each callback, and Node's timers cap at
 * about 24.8 days (a later one fires at once).
 */
function daysAhead(days: number, hour: number, minute: number): { input: string; shown: string } {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(hour)}:${pad(minute)}`;
  return { input: `${date}T${time}`, shown: `${date} ${time}` };
}

const center = () => ui.center;

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

const scrollWidth = () => ui.scrollWidth();

describe('previews, callbacks and phonebooks in Chromium, through the browser host', () => {
  beforeAll(async () => {
    ui = await startDeskUi('e2e-more');
    ({ host, page, pageErrors } = ui);
  }, 120_000);

  afterAll(async () => {
    await ui?.stop();
  });

  it('signs in as 1001 and goes ready', async () => {
    await page.goto(host.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
      .toBe(1);
    await page.getByLabel('Agent id').fill('1001');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByLabel('Extension').fill('5001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const status = page.getByRole('region', { name: 'Your state' });
    await status.waitFor();
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Ready');
  });

  it('shows a preview with the customer, rejects it, accepts the next and reclassifies the call', async () => {
    expect(
      center().offerPreview('1001', { number: '+441632960100', name: 'Ana Ruiz', account: '4711' }),
    ).toBeDefined();
    const preview = page.getByRole('region', { name: 'Preview call' });
    await preview.waitFor();
    const text = await preview.textContent();
    expect(text).toContain('Ana Ruiz');
    expect(text).toContain('+441632960100');
    expect(text).toContain('4711');
    expect(text).toContain('do not call this customer again');
    expect(await unnamedControls()).toEqual([]);
    await shoot('20-preview');

    await preview.getByRole('button', { name: 'Reject' }).click();
    await preview.waitFor({ state: 'detached' });
    // Rejecting puts the agent back to ready; the campaign may then offer the next customer.
    let next: string | undefined;
    await expect
      .poll(
        () => (next = center().offerPreview('1001', { number: '+441632960101', name: 'Tom Berg' })),
        EVENTUALLY,
      )
      .toBeDefined();
    expect(next).toBeDefined();
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Tom Berg');
    await preview.getByRole('button', { name: 'Accept' }).click();
    await preview.waitFor({ state: 'detached' });

    const call = page.getByRole('region', { name: /^Call:/ });
    await call.waitFor();
    expect(await call.textContent()).toContain('+441632960101');
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('Connected');
    await shoot('21-preview-accepted');

    await page.getByLabel('Reclassify the call as').selectOption('VOICE');
    await page.getByRole('button', { name: 'Reclassify' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Reclassified' }).textContent(), EVENTUALLY)
      .toBe('Reclassified: A person answered (voice)');
    expect(await unnamedControls()).toEqual([]);
    await shoot('22-reclassify');

    await call.getByRole('button', { name: 'Hang up' }).click();
    await call.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Not ready…' }).click();
    await page.getByRole('menu', { name: 'Not ready…' }).getByRole('menuitem', { name: 'No reason' }).click();
    const status = page.getByRole('region', { name: 'Your state' });
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Not ready');
  });

  it('schedules a callback for the last call, changes it and cancels it', async () => {
    const first = daysAhead(2, 10, 30);
    const second = daysAhead(3, 9, 15);
    const callbacks = page.getByRole('region', { name: 'Callbacks' });
    await expect.poll(() => callbacks.textContent(), EVENTUALLY).toContain('Last call: +441632960101');
    expect(await callbacks.getByLabel('Number', { exact: true }).inputValue()).toBe('+441632960101');
    await callbacks.getByLabel('When').fill(first.input);
    await callbacks.getByRole('button', { name: 'Schedule callback' }).click();
    const item = callbacks.getByRole('listitem');
    await expect.poll(() => item.count(), EVENTUALLY).toBe(1);
    await expect.poll(() => item.textContent(), EVENTUALLY).toContain(first.shown);
    expect(await item.textContent()).toContain('Scheduled');
    expect(await callbacks.textContent()).toContain('Scheduled: 1');
    expect(await unnamedControls()).toEqual([]);
    await shoot('23-callback-scheduled');

    const edit = item.getByRole('form', { name: /^Change callback for call / });
    await edit.getByLabel('When').fill(second.input);
    await edit.getByLabel('Number').fill('+441632960199');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.textContent(), EVENTUALLY).toContain(second.shown);
    expect(await item.textContent()).toContain('+441632960199');
    await shoot('24-callback-updated');

    await item.getByRole('button', { name: /^Cancel callback for call / }).click();
    await expect.poll(() => item.count(), EVENTUALLY).toBe(0);
    expect(await callbacks.textContent()).toContain('No callbacks scheduled.');
  });

  it('loads the phonebooks and the company directory, and searches it as the agent types', async () => {
    const phonebook = page.getByRole('region', { name: 'Phonebooks' });
    await phonebook.getByRole('button', { name: 'Load phonebooks', exact: true }).click();
    await expect.poll(() => phonebook.textContent(), EVENTUALLY).toContain('Phonebooks: 3');
    await phonebook.getByLabel('Phonebook', { exact: true }).selectOption({ label: 'Company directory' });
    await expect
      .poll(() => phonebook.textContent(), { timeout: 30_000 })
      .toContain('Contacts loaded: 100000');
    await shoot('25-phonebook-loaded');

    await phonebook.getByLabel('Search contacts').pressSequentially('acme', { delay: 20 });
    const results = phonebook.getByRole('list', { name: 'Search contacts' });
    await expect.poll(() => results.getByRole('listitem').count(), EVENTUALLY).toBeGreaterThan(0);
    await expect.poll(() => phonebook.textContent(), EVENTUALLY).toMatch(/Results: [1-9]/);
    const first = await results.getByRole('listitem').first().textContent();
    expect(first?.toLowerCase()).toContain('acme');
    await expect(
      Promise.resolve(
        results
          .getByRole('button', { name: /^Call / })
          .first()
          .isEnabled(),
      ),
    ).resolves.toBe(true);
    expect(await unnamedControls()).toEqual([]);
    expect(await scrollWidth()).toBeLessThanOrEqual(480);
    await shoot('26-phonebook-search');
    expect(pageErrors).toEqual([]);
  });

  it('searches again when a phonebook loads after the query was typed', async () => {
    const phonebook = page.getByRole('region', { name: 'Phonebooks' });
    const search = phonebook.getByRole('searchbox', { name: 'Search contacts' });
    // Only the team's book says "team account", and it is not loaded yet.
    await search.fill('team account');
    await expect.poll(() => phonebook.textContent(), EVENTUALLY).toContain('Results: 0');
    const choose = phonebook.getByLabel('Phonebook', { exact: true });
    const teamBook = (await choose.locator('option').allTextContents()).find((name) =>
      name.endsWith(' book'),
    );
    expect(teamBook).toBeDefined();
    await choose.selectOption({ label: teamBook as string });
    const results = phonebook.getByRole('list', { name: 'Search contacts' });
    await expect.poll(() => results.getByRole('listitem').count(), EVENTUALLY).toBeGreaterThan(0);
    expect((await results.getByRole('listitem').first().textContent())?.toLowerCase()).toContain(
      'team account',
    );
    expect(await search.inputValue()).toBe('team account');
    expect(pageErrors).toEqual([]);
  });
});
