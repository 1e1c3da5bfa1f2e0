// The first run in real Chromium through the browser host: with nothing configured the desk runs
// the demo, and the sign-in view says so and offers the choice: the demo (picked already, the
// sign-in form right there) or "connect to my contact center" with its form. A broker address
// Switchboard cannot use is refused in plain words next to the field, and nothing is saved; going
// back to the demo brings the sign-in form back, and the agent signs in to the demo. Keyboard
// only where the choice is made. Later, signed out, the agent connects to a broker that is not
// there (a closed loopback port): saved, said plainly, and "Connection settings" leads back to
// the demo. Photographed light and dark (test-results/screenshots/40-…).

import { createServer, type AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUi, type DeskUi } from './desk-ui-fixture.ts';

const EVENTUALLY = { timeout: 10_000 };

let ui: DeskUi;
let page: Page;

const connection = () => page.getByRole('region', { name: 'Contact center' });
const signInForm = () => page.getByRole('form', { name: 'Sign in' });

async function setupSeenByDesk() {
  const setup = await ui.runtime.desk.getConnectionSetup();
  if (!setup.ok) throw new Error(setup.error.message);
  return setup.value;
}

describe('the first run: the demo, or my contact center', () => {
  beforeAll(async () => {
    ui = await startDeskUi('e2e-first-run');
    ({ page } = ui);
  }, 120_000);

  afterAll(async () => {
    await ui?.stop();
  });

  it('starts in the demo and offers the choice, the demo picked', async () => {
    await page.goto(ui.host.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
      .toBe(1);
    await connection().waitFor();
    expect(await connection().textContent()).toContain('Welcome to Switchboard');
    const demo = connection().getByRole('radio', { name: 'Try the demo' });
    const broker = connection().getByRole('radio', { name: 'Connect to my contact center' });
    expect(await demo.isChecked()).toBe(true);
    expect(await broker.isChecked()).toBe(false);
    // The demo's sign-in is right there, with the demo agents' credentials.
    await signInForm().waitFor();
    expect(await signInForm().textContent()).toContain('sign in as agent 1001, password demo');
    await ui.shoot('40-first-run');
  });

  it('shows the broker form when chosen by keyboard, and refuses an address it cannot use, saving nothing', async () => {
    await connection().getByRole('radio', { name: 'Try the demo' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await connection().getByRole('radio', { name: 'Connect to my contact center' }).isChecked()).toBe(
      true,
    );
    await signInForm().waitFor({ state: 'detached' });
    const urls = connection().getByLabel('Broker addresses');
    await urls.waitFor();
    expect(await urls.inputValue()).toBe('');
    expect(await connection().getByLabel('Command queue of the connector').inputValue()).toBe('Connector1');
    await ui.shoot('41-first-run-broker-form');

    // Nothing typed: said in the form, nothing sent.
    await connection().getByRole('button', { name: 'Save and connect' }).click();
    const alert = connection().getByRole('alert');
    await expect
      .poll(() => alert.textContent(), EVENTUALLY)
      .toContain('Enter the address of at least one broker');
    expect(await urls.getAttribute('aria-invalid')).toBe('true');

    // ActiveMQ's OpenWire address, the likeliest mistake: the desk says what to write instead.
    await urls.fill('tcp://broker.example.com:61616');
    await connection().getByLabel('Broker user').fill('gcdesk');
    await connection().getByLabel('Broker passcode').fill('typed-passcode');
    await urls.press('Tab');
    await connection().getByRole('button', { name: 'Save and connect' }).click();
    await expect.poll(() => alert.textContent(), EVENTUALLY).toMatch(/OpenWire.*stomp:\/\/host:61613/);
    expect(await urls.getAttribute('aria-invalid')).toBe('true');
    // What was typed is still there to correct.
    expect(await urls.inputValue()).toBe('tcp://broker.example.com:61616');
    await ui.shoot('42-first-run-broker-refused');

    expect(ui.runtime.desk.state.connection.mode).toBe('demo');
    expect(await setupSeenByDesk()).toMatchObject({ mode: 'demo', firstRun: true, brokerUrls: [] });
  });

  it('keeps the demo: back to it, the sign-in form returns and the agent signs in', async () => {
    await connection().getByRole('radio', { name: 'Connect to my contact center' }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await connection().getByRole('radio', { name: 'Try the demo' }).isChecked()).toBe(true);
    await signInForm().waitFor();
    await page.getByLabel('Agent id').fill('1001');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByLabel('Extension').fill('5001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Your state' }).waitFor(EVENTUALLY);
    expect(ui.runtime.desk.state.connection.mode).toBe('demo');
    expect(ui.runtime.settings.mode).toBe('demo');
    // Nothing was saved: the next start is a first run again, in the demo.
    expect(await setupSeenByDesk()).toMatchObject({ mode: 'demo', firstRun: true });
  });

  it('later connects to a broker, shows plainly that it is not there, and goes back through Connection settings', async () => {
    expect((await ui.runtime.desk.signOut()).ok).toBe(true);
    await signInForm().waitFor(EVENTUALLY);
    const port = await closedPort();
    const address = `stomp://127.0.0.1:${port}`;
    await connection().getByRole('radio', { name: 'Connect to my contact center' }).check();
    await connection().getByLabel('Broker addresses').fill(address);
    await connection().getByLabel('Broker user').fill('gcdesk');
    await connection().getByRole('button', { name: 'Save and connect' }).click();
    await expect
      .poll(() => connection().getByRole('status').textContent(), EVENTUALLY)
      .toContain('Saved. Switchboard now connects through your broker');
    expect(await connection().textContent()).toContain(`through ${address}`);
    const settings = connection().getByRole('button', { name: 'Connection settings' });
    expect(await settings.getAttribute('aria-expanded')).toBe('false');
    await signInForm().waitFor();
    await expect.poll(() => ui.runtime.desk.state.connection.lastError?.code, EVENTUALLY).toBeDefined();
    expect(ui.runtime.desk.state.connection).toMatchObject({ mode: 'broker', url: address });
    expect(await page.getByRole('status').filter({ hasText: 'Connected' }).count()).toBe(0);
    // Why, in the broker session's own words, next to where it connects.
    await expect
      .poll(() => connection().textContent(), EVENTUALLY)
      .toContain(`Not connected: ${ui.runtime.desk.state.connection.lastError?.message ?? '?'}`);
    expect(await setupSeenByDesk()).toMatchObject({
      mode: 'broker',
      firstRun: false,
      brokerUrls: [address],
      brokerUser: 'gcdesk',
      hasPasscode: false,
    });
    await ui.shoot('43-broker-unreachable');

    // Connection settings unfold the same choice, filled in; the demo is one switch away.
    await settings.click();
    expect(await settings.getAttribute('aria-expanded')).toBe('true');
    await signInForm().waitFor({ state: 'detached' });
    expect(await connection().getByLabel('Broker addresses').inputValue()).toBe(address);
    await connection().getByRole('radio', { name: 'Try the demo' }).check();
    await ui.shoot('44-connection-settings');
    await connection().getByRole('button', { name: 'Switch to the demo' }).click();
    await expect
      .poll(() => connection().getByRole('status').textContent(), EVENTUALLY)
      .toContain('Switchboard now uses the demo contact center');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
      .toBe(1);
    await page.getByLabel('Agent id').fill('1001');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByLabel('Extension').fill('5001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Your state' }).waitFor(EVENTUALLY);
    expect(await setupSeenByDesk()).toMatchObject({ mode: 'demo', firstRun: false, brokerUrls: [address] });
    expect(ui.pageErrors).toEqual([]);
  });
});

/** A loopback port nothing listens on (taken from the OS, then let go). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
