// Content from the wire is shown as text and the layout holds: HTML and script, bidi control
// characters, emoji and 10,000-character strings in the caller, the call variables and a GC error,
// in real Chromium through the browser host.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskUi, type DeskUi } from './desk-ui-fixture.ts';

const VIEWPORT_WIDTH = 480;
const EVENTUALLY = { timeout: 10_000 };
const SCRIPT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const BIDI = 'caller \u202Eevil.exe\u202C \u2066isolated\u2069 \u200F';
const LONG = 'W'.repeat(10_000);

let ui: DeskUi;
const dialogs: string[] = [];

beforeAll(async () => {
  ui = await startDeskUi('e2e-hostile');
  ui.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 180_000);

afterAll(async () => {
  await ui?.stop();
});

const pwned = () => ui.page.evaluate('window.__pwned');

describe('hostile content from the wire', () => {
  it('signs in as 1001 and goes ready', async () => {
    await ui.page.goto(ui.host.url);
    await ui.page.getByLabel('Agent id').fill('1001');
    await ui.page.getByLabel('Password', { exact: true }).fill('demo');
    await ui.page.getByLabel('Extension').fill('5001');
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => ui.runtime.desk.state.agent.state, EVENTUALLY).toBe('READY');
  });

  it('shows HTML, script, bidi controls, emoji and a 10,000-character value as text in a ringing call', async () => {
    ui.center.offerCall('Sales', {
      ani: `${SCRIPT} ${BIDI}`,
      variables: [
        { name: 'html', value: SCRIPT },
        { name: 'bidi', value: BIDI },
        { name: 'emoji', value: '📞🔥👩🏽‍💻 مرحبا שלום' },
        { name: 'long', value: LONG },
        { name: LONG.slice(0, 2_000), value: 'a very long variable name' },
      ],
    });
    const answer = ui.page.getByRole('button', { name: /Answer/ });
    await answer.waitFor(EVENTUALLY);
    const text = await ui.page.locator('body').innerText();
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text).toContain('<script>window.__pwned=2</script>');
    expect(text).toContain('📞🔥');
    expect(await ui.page.locator('body img, body script').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    expect(await ui.scrollWidth(), (await ui.overflowing()).join(', ')).toBeLessThanOrEqual(VIEWPORT_WIDTH);
    await ui.shoot('30-hostile-ringing');

    await answer.click();
    await expect.poll(() => ui.runtime.desk.state.agent.state, EVENTUALLY).toBe('TALKING');
    expect(await ui.scrollWidth(), (await ui.overflowing()).join(', ')).toBeLessThanOrEqual(VIEWPORT_WIDTH);
    expect(await ui.page.locator('body img, body script').count()).toBe(0);
    await ui.shoot('31-hostile-active');
  });

  it('shows a GC error with hostile text as text, and the layout holds', async () => {
    ui.center.refuse('1001', 'GENERAL_ERROR', `${SCRIPT} ${BIDI} ${LONG}`);
    await expect
      .poll(() => ui.page.locator('body').innerText(), EVENTUALLY)
      .toContain('<script>window.__pwned=2</script>');
    expect(await ui.page.locator('body img, body script').count()).toBe(0);
    expect(await ui.scrollWidth(), (await ui.overflowing()).join(', ')).toBeLessThanOrEqual(VIEWPORT_WIDTH);
    await ui.shoot('32-hostile-notice');
  });

  it('ran no script and opened no dialog all along', async () => {
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
