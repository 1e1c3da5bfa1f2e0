// The consult / transfer target picker in real Chromium through the browser host, on the demo
// contact center: agent 1001 takes a call and, by keyboard alone, picks their supervisor from
// the picker and consults them (the supervisor is a second real desk on the same demo gateway,
// signed in as 9001, which answers), then completes the transfer; takes another call and blind-
// transfers it to a contact of the team's phonebook found by typing a name; and takes a third and
// consults, then transfers, from a phonebook search result. Every view is photographed light and
// dark (test-results/screenshots/50-…) and checked by axe-core.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../main/core/desk/desk.ts';
import { createPhonebooks } from '../../main/demo/sim/phonebooks.ts';
import type { ContactView } from '../../preload/contract.ts';
import { untilDesk } from '../support/desk-wait.ts';
import { startDeskUi, type DeskUi } from './desk-ui-fixture.ts';

const EVENTUALLY = { timeout: 15_000 };

let ui: DeskUi;
let page: Page;
let supervisor: Desk;
let outboxDir: string;

const call = () => page.getByRole('region', { name: /^Call:/ });
const consult = () => page.getByRole('region', { name: /^Consult call:/ });
const targetField = () => call().getByRole('combobox', { name: 'Transfer or consult to' });
const suggestions = () => call().getByRole('listbox', { name: 'Suggestions' });
const status = () => page.getByRole('region', { name: 'Your state' });

function queueOf(agentId: string): string {
  const user = ui.center.roster.byLoginId(agentId);
  const team = user && ui.center.roster.team(user.teamId);
  if (!team) throw new Error(`no team for ${agentId}`);
  return team.queue;
}

/** Goes ready (from not ready or wrap-up), rings 1001 with a caller and answers in the page. */
async function answerACall(caller: string): Promise<void> {
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect.poll(() => status().locator('strong').textContent(), EVENTUALLY).toBe('Ready');
  ui.center.offerCall(queueOf('1001'), { ani: caller });
  const incoming = page.getByRole('region', { name: 'Incoming call' });
  await incoming.waitFor(EVENTUALLY);
  await incoming.getByRole('button', { name: 'Answer' }).click();
  await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
}

/** 1001's dialogs as the demo contact center has them. */
function dialogsOf(extension: string) {
  return ui.center
    .snapshot()
    .dialogs.filter((dialog) =>
      dialog.parties.some((party) => party.address === extension && party.state !== 'DROPPED'),
    );
}

describe('the transfer target picker', () => {
  beforeAll(async () => {
    ui = await startDeskUi('e2e-target-picker', { remoteAnswerMs: 500 });
    ({ page } = ui);
    // The supervisor: another desk, on the same demo gateway, with its own client destination.
    const url = ui.runtime.demoGateway?.url;
    if (!url) throw new Error('the demo gateway has no address');
    outboxDir = await mkdtemp(join(tmpdir(), 'switchboard-supervisor-'));
    supervisor = await Desk.create({
      mode: 'demo',
      session: {
        brokerUrls: [url],
        clientDestination: `e2e-supervisor-${process.pid}`,
        commandQueue: 'Connector1',
      },
      outboxFile: join(outboxDir, 'outbox.jsonl'),
    });
    supervisor.start();
    await untilDesk(
      supervisor,
      (state) => state.connection.status === 'in-service',
      'the supervisor in service',
    );
    const signedIn = await supervisor.signIn({ agentId: '9001', password: 'demo', extension: '5901' });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }, 120_000);

  afterAll(async () => {
    await supervisor?.stop();
    await ui?.stop();
    if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
  });

  it('signs in as 1001', async () => {
    await page.goto(ui.host.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
      .toBe(1);
    await page.getByLabel('Agent id').fill('1001');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByLabel('Extension').fill('5001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await status().waitFor(EVENTUALLY);
  });

  it('consults the supervisor chosen by keyboard from the picker, and transfers the call to them', async () => {
    await answerACall('+442079460111');
    const boss = ui.runtime.desk.state.agent.supervisors.find((candidate) => candidate.loginId === '9001');
    if (!boss) throw new Error('9001 is not among 1001’s supervisors');
    const bossName = `${boss.firstName} ${boss.lastName}`;

    // Focus loads the lists; the arrow key opens the suggestions, grouped.
    await targetField().focus();
    await page.keyboard.press('ArrowDown');
    await suggestions().waitFor();
    const groups = suggestions().getByRole('group');
    await expect
      .poll(() => groups.allTextContents(), EVENTUALLY)
      .toContainEqual(expect.stringMatching(/^Your team/));
    expect(await suggestions().getByRole('group', { name: 'Supervisors' }).textContent()).toContain(bossName);
    await ui.shoot('50-picker-open');

    // Typing narrows it to the supervisor; arrow down, Enter: chosen.
    await page.keyboard.type(boss.lastName);
    const options = suggestions().getByRole('option');
    await expect.poll(() => options.count(), EVENTUALLY).toBe(1);
    await page.keyboard.press('ArrowDown');
    const activeId = await targetField().getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await targetField().inputValue()).toBe(boss.extension);
    expect(await targetField().getAttribute('aria-expanded')).toBe('false');
    expect(await call().textContent()).toContain(`Chosen: ${bossName}, ${boss.extension}`);
    await ui.shoot('51-picker-chosen');

    // Consult: the supervisor's desk rings and answers.
    await call().getByRole('button', { name: 'Consult', exact: true }).click();
    await consult().waitFor(EVENTUALLY);
    const ringing = await untilDesk(
      supervisor,
      (state) => state.dialogs.items.some((dialog) => dialog.state === 'ALERTING'),
      'the consult ringing at the supervisor',
    );
    const leg = ringing.dialogs.items.find((dialog) => dialog.state === 'ALERTING');
    expect((await supervisor.answer({ dialogId: leg?.id ?? '' })).ok).toBe(true);
    await expect.poll(() => consult().textContent(), EVENTUALLY).toContain('Connected');
    expect(await consult().textContent()).toContain(boss.extension);
    await ui.shoot('52-consult-supervisor');

    await consult().getByRole('button', { name: 'Complete transfer' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    // The caller is now the supervisor's.
    await untilDesk(
      supervisor,
      (state) => state.dialogs.items.some((dialog) => dialog.otherParty === '+442079460111'),
      'the caller at the supervisor',
    );
    expect(dialogsOf('5001')).toEqual([]);
    const held = supervisor.state.dialogs.items[0];
    if (held) await supervisor.release({ dialogId: held.id });
  });

  it('blind-transfers a call to a team phonebook contact found by typing a name', async () => {
    await answerACall('+442079460222');
    await targetField().focus();
    // The picker loaded the team's phonebook when it first opened.
    const teamBook = ui.runtime.desk.state.phonebooks.team[0];
    if (!teamBook) throw new Error('1001’s team has no phonebook');
    await expect
      .poll(() => ui.runtime.desk.state.phonebooks.contacts[teamBook.id]?.length ?? 0, EVENTUALLY)
      .toBeGreaterThan(0);
    const contact = ui.runtime.desk.state.phonebooks.contacts[teamBook.id]?.[5] as ContactView;
    const name = `${contact.firstName} ${contact.lastName}`;
    const dialled = contact.phoneNumber.replace(/[^\d+]/g, '');

    await page.keyboard.type(name);
    const team = suggestions().getByRole('group', { name: 'Your team' });
    await expect.poll(() => team.textContent(), EVENTUALLY).toContain(name);
    await ui.shoot('53-picker-contact');
    await team
      .getByRole('option', { name: new RegExp(`^${name}`) })
      .first()
      .click();
    expect(await targetField().inputValue()).toBe(dialled);
    await call().getByRole('button', { name: 'Transfer now' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    // Out of the contact center: the demo forgets the dialog.
    expect(dialogsOf('5001')).toEqual([]);
    expect(
      ui.center
        .snapshot()
        .dialogs.some((dialog) => dialog.parties.some((p) => p.address === '+442079460222')),
    ).toBe(false);
  });

  it('consults, then transfers, from a phonebook search result', async () => {
    await answerACall('+442079460333');
    const phonebook = page.getByRole('region', { name: 'Phonebooks' });

    // A name typed in the picker before its phonebook is loaded is found once it is.
    const first = createPhonebooks(ui.center.roster.teams).contacts('2')[0] as ContactView;
    const firstName = `${first.firstName} ${first.lastName}`;
    await targetField().fill(firstName);
    const books = () => suggestions().getByRole('group', { name: 'Phonebooks' });
    expect(await books().filter({ hasText: first.phoneNumber }).count()).toBe(0);
    await phonebook.getByRole('button', { name: 'Load phonebooks' }).click();
    await phonebook.getByLabel('Phonebook', { exact: true }).selectOption({ label: 'Suppliers' });
    await expect.poll(() => phonebook.textContent(), EVENTUALLY).toMatch(/Contacts loaded: [1-9]/);
    await targetField().click();
    await expect.poll(() => books().textContent(), EVENTUALLY).toContain(firstName);
    await page.keyboard.press('Escape');
    await targetField().fill('');
    const supplier = ui.runtime.desk.state.phonebooks.contacts['2']?.[0] as ContactView;
    const name = `${supplier.firstName} ${supplier.lastName}`;
    await phonebook.getByLabel('Search contacts').pressSequentially(supplier.lastName, { delay: 20 });
    const row = phonebook.getByRole('listitem').filter({ hasText: supplier.phoneNumber });
    await row.first().waitFor(EVENTUALLY);
    // During a call a result offers consult and transfer instead of a call.
    expect(await phonebook.getByRole('button', { name: /^Call / }).count()).toBe(0);
    await ui.shoot('54-phonebook-during-call');

    await row
      .first()
      .getByRole('button', { name: `Consult ${name} about the call` })
      .click();
    await consult().waitFor(EVENTUALLY);
    await expect.poll(() => consult().textContent(), EVENTUALLY).toContain('Connected');
    await consult().getByRole('button', { name: 'End consult' }).click();
    await consult().waitFor({ state: 'detached', ...EVENTUALLY });
    await call().getByRole('button', { name: 'Retrieve' }).click();
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');

    await row
      .first()
      .getByRole('button', { name: `Transfer the call to ${name} now` })
      .click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    expect(dialogsOf('5001')).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
