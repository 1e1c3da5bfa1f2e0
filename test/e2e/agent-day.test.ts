// One agent's whole day through the UI only, as a deployment runs it: Chromium on
// `npm run start:web` in broker mode (a child process with its own user data, the broker passcode
// in a private gnome-keyring), a private ActiveMQ, and the simulated contact center on it as GC
// (see broker-desk-fixture.ts; no embedded demo, no mocks). The test plays the callers and two
// people at desks of their own, each on a GC session of their own over the same broker: the team's
// supervisor (9001) and a colleague (agent 1004), who answer the consults. The agent, 1001, only
// clicks and types: the transfer goes to the supervisor chosen from the target picker by keyboard
// (part of the name, arrow, Enter; an agent's picker lists the supervisors, and the team's
// phonebook in place of the team, since GC lists a team's agents to supervisors only), the
// conference to the colleague by the extension typed into the same field, so both ways of naming
// a target stay covered. Each step checks what the agent sees and, where it matters, what the
// contact center saw. Screenshots (light and dark, each checked by axe-core) go to
// test-results/screenshots/40-….

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { SimUser } from '../../main/demo/sim/roster.ts';
import { connectGcClient, type GcClient } from '../support/gc-client.ts';
import { AGENT_PASSWORD, startBrokerDeskUi, type BrokerDeskUi } from './broker-desk-fixture.ts';

/** expect.poll waits 1 s by default; every answer here crosses a real broker twice. */
const EVENTUALLY = { timeout: 15_000 };
const AGENT = { id: '1001', extension: '5001' };
const COLLEAGUE = { id: '1004', extension: '5004' };
/** 1001's team's supervisor. */
const SUPERVISOR = { id: '9001', extension: '5901' };

let ui: BrokerDeskUi;
let colleague: GcClient;
let supervisor: GcClient;

const page = () => ui.page;
const status = () => page().getByRole('region', { name: 'Your state' });
const stateText = () => status().locator('strong').textContent();
const call = () => page().getByRole('region', { name: /^Call:/ });
const consult = () => page().getByRole('region', { name: /^Consult call:/ });
const callbacks = () => page().getByRole('region', { name: 'Callbacks' });
const targetField = () => call().getByRole('combobox', { name: 'Transfer or consult to' });
const suggestions = () => call().getByRole('listbox', { name: 'Suggestions' });

/** What the contact center knows about an agent. */
function simAgent(agentId: string) {
  const agent = ui.center.snapshot().agents.find((candidate) => candidate.loginId === agentId);
  if (!agent) throw new Error(`the contact center has no agent ${agentId}`);
  return agent;
}

/** The contact center's live dialogs with this party in them: address → leg state. */
function simDialogsWith(address: string) {
  return ui.center
    .snapshot()
    .dialogs.filter((dialog) => dialog.parties.some((party) => party.address === address))
    .map((dialog) => ({
      id: dialog.id,
      callType: dialog.callType,
      legs: Object.fromEntries(dialog.parties.map((party) => [party.address, party.state])),
    }));
}

function queueOf(agentId: string): string {
  const user = ui.center.roster.byLoginId(agentId);
  const team = user && ui.center.roster.team(user.teamId);
  if (!team) throw new Error(`no team for ${agentId}`);
  return team.queue;
}

/** Picks `item` from the reason menu that `trigger` opens. */
async function pickReason(trigger: string | RegExp, item: string): Promise<void> {
  await page().getByRole('button', { name: trigger }).click();
  const menu = page().getByRole('menu', { name: trigger });
  await menu.waitFor();
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await menu.waitFor({ state: 'hidden' });
}

/** Goes ready from wherever the agent is, through the Ready button. */
async function goReady(): Promise<void> {
  await status().getByRole('button', { name: 'Ready', exact: true }).click();
  await expect.poll(stateText, EVENTUALLY).toBe('Ready');
  await expect.poll(() => simAgent(AGENT.id).state, EVENTUALLY).toBe('READY');
}

/** A caller on the agent's queue, answered from the incoming-call card. */
async function takeCall(ani: string): Promise<void> {
  ui.center.offerCall(queueOf(AGENT.id), { ani });
  const incoming = page().getByRole('region', { name: 'Incoming call' });
  await incoming.waitFor(EVENTUALLY);
  expect(await incoming.textContent()).toContain(ani);
  await incoming.getByRole('button', { name: 'Answer' }).click();
  await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
  expect(await call().textContent()).toContain(ani);
}

/**
 * Someone at a desk of their own, on a GC session of their own over the test's broker: signed in,
 * not ready (so routed calls still come to 1001), answering what rings on command.
 */
async function signInAtOwnDesk(person: { id: string; extension: string }): Promise<GcClient> {
  const client = await connectGcClient({
    brokerUrls: [ui.broker.stompUrl],
    login: ui.broker.user,
    passcode: ui.broker.password,
    clientDestination: `e2e-desk-${person.id}-${process.pid}`,
    agent: { agentId: person.id, password: AGENT_PASSWORD },
  });
  await client.send({ name: 'Login', id: person.id, password: AGENT_PASSWORD, extension: person.extension });
  await client.waitForKind('State', (event) => event.agentId === person.id && event.state !== 'LOGOUT');
  return client;
}

/** Presses Consult on the call card; `person` answers their ringing phone. */
async function consultAnswered(person: { id: string; extension: string }, desk: GcClient): Promise<Locator> {
  desk.mark();
  await call().getByRole('button', { name: 'Consult', exact: true }).click();
  const ringing = await desk.waitForKind('NewInboundCall', undefined, { timeoutMs: 15_000 });
  await desk.send({ name: 'AnswerCall', id: person.id, dialogId: ringing.dialogId });
  await expect.poll(() => consult().textContent(), EVENTUALLY).toContain('Connected');
  expect(await consult().textContent()).toContain(person.extension);
  expect(await call().textContent()).toContain('On hold');
  return consult();
}

/** Consults the colleague by the extension typed into the call card's target field. */
async function consultColleagueByExtension(): Promise<Locator> {
  await targetField().fill(COLLEAGUE.extension);
  return consultAnswered(COLLEAGUE, colleague);
}

/**
 * Consults the supervisor chosen by keyboard from the target picker: part of the name typed, the
 * arrow key onto the suggestion, Enter. The field then holds what the consult dials.
 */
async function consultSupervisorFromPicker(boss: SimUser): Promise<Locator> {
  const name = `${boss.firstName} ${boss.lastName}`;
  await targetField().focus();
  await page().keyboard.type(boss.lastName.slice(0, 4));
  const supervisors = suggestions().getByRole('group', { name: 'Supervisors' });
  await expect.poll(() => supervisors.textContent(), EVENTUALLY).toContain(name);
  // The supervisors come first (nothing typed reads as a number): one arrow reaches them.
  await page().keyboard.press('ArrowDown');
  const active = await targetField().getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  const option = page().locator(`[id="${active}"]`);
  expect(await option.getAttribute('aria-selected')).toBe('true');
  expect(await option.textContent()).toContain(name);
  expect(await option.textContent()).toContain(boss.extension);
  await ui.shoot('43-broker-picker');
  await page().keyboard.press('Enter');
  expect(await targetField().inputValue()).toBe(boss.extension);
  expect(await targetField().getAttribute('aria-expanded')).toBe('false');
  expect(await call().textContent()).toContain(`Chosen: ${name}, ${boss.extension}`);
  return consultAnswered(SUPERVISOR, supervisor);
}

/** A time some days ahead, as the date-time field takes it and as the desk and GC write it. */
function daysAhead(days: number, hour: number, minute: number): { input: string; shown: string } {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(hour)}:${pad(minute)}`;
  return { input: `${date}T${time}`, shown: `${date} ${time}` };
}

beforeAll(async () => {
  ui = await startBrokerDeskUi('e2e-agent-day');
  // One after the other: if the second fails, afterAll still closes the first.
  colleague = await signInAtOwnDesk(COLLEAGUE);
  supervisor = await signInAtOwnDesk(SUPERVISOR);
}, 180_000);

afterAll(async () => {
  await colleague?.close();
  await supervisor?.close();
  await ui?.stop();
}, 120_000);

describe('an agent’s day through the UI, on a real ActiveMQ with the simulated contact center', () => {
  it('signs in with "remember me", and the keychain keeps the password', async () => {
    await expect
      .poll(() => page().getByRole('status', { name: 'Connection' }).textContent(), EVENTUALLY)
      .toContain('Connected');
    // Broker mode: no demo hint on the form.
    expect(await page().getByText('Demo mode').count()).toBe(0);
    await page().getByLabel('Agent id').fill(AGENT.id);
    await page().getByLabel('Password', { exact: true }).fill(AGENT_PASSWORD);
    await page().getByLabel('Extension').fill(AGENT.extension);
    await page().getByLabel('Remember my password on this computer').check();
    await ui.shoot('40-broker-sign-in');
    await page().getByRole('button', { name: 'Sign in' }).click();

    await status().waitFor(EVENTUALLY);
    await expect.poll(stateText, EVENTUALLY).toBe('Not ready');
    expect(simAgent(AGENT.id)).toMatchObject({ state: 'NOT_READY', bound: true });
    const remembered = await ui.keyring.secretTool([
      'lookup',
      'service',
      'Switchboard:agent-password',
      'username',
      AGENT.id,
    ]);
    expect(remembered.stdout).toBe(AGENT_PASSWORD);
    await ui.shoot('41-broker-signed-in');
  });

  it('goes ready; a call rings and is answered, held and retrieved', async () => {
    await goReady();
    await takeCall('+442079460101');
    expect(simAgent(AGENT.id).state).toBe('TALKING');
    await ui.shoot('42-broker-call');

    await call().getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('On hold');
    expect(simDialogsWith('+442079460101')[0]?.legs[AGENT.extension]).toBe('HELD');
    await call().getByRole('button', { name: 'Retrieve' }).click();
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
    expect(simDialogsWith('+442079460101')[0]?.legs[AGENT.extension]).toBe('ACTIVE');
  });

  it('consults the supervisor chosen from the picker and completes the transfer: they have the caller', async () => {
    const boss = ui.center.roster.byLoginId(SUPERVISOR.id);
    if (!boss?.isSupervisor) throw new Error(`the contact center has no supervisor ${SUPERVISOR.id}`);
    const leg = await consultSupervisorFromPicker(boss);
    // The consult rang the supervisor's extension, the one the picker put in the field.
    expect(
      simDialogsWith(SUPERVISOR.extension).some(
        (dialog) => dialog.callType === 'CONSULT' && dialog.legs[AGENT.extension] === 'ACTIVE',
      ),
    ).toBe(true);
    await ui.shoot('43-broker-consult');

    await leg.getByRole('button', { name: 'Complete transfer' }).click();
    await leg.waitFor({ state: 'detached', ...EVENTUALLY });
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    // GC moved the caller to the supervisor; the agent left the call.
    await expect
      .poll(() => simDialogsWith('+442079460101'), EVENTUALLY)
      .toEqual([
        expect.objectContaining({
          legs: { '+442079460101': 'ACTIVE', [SUPERVISOR.extension]: 'ACTIVE' },
        }),
      ]);
    const transferred = simDialogsWith('+442079460101')[0]?.id as string;
    const heard = await supervisor.waitForKind(
      'InboundCall',
      (event) =>
        event.dialogId === transferred &&
        event.participants.some((party) => party.mediaAddress === '+442079460101'),
    );
    expect(heard.state).toBe('ACTIVE');
    await expect.poll(stateText, EVENTUALLY).toMatch(/^Wrap-up/);

    // The supervisor finishes with the caller.
    await supervisor.send({ name: 'ReleaseCall', id: SUPERVISOR.id, dialogId: transferred });
    await expect.poll(() => simDialogsWith(SUPERVISOR.extension), EVENTUALLY).toEqual([]);
  });

  it('takes another call, conferences the colleague in, hangs up and picks a wrap-up reason', async () => {
    await goReady();
    await takeCall('+442079460102');
    const leg = await consultColleagueByExtension();
    await leg.getByRole('button', { name: 'Complete conference' }).click();
    await leg.waitFor({ state: 'detached', ...EVENTUALLY });
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
    await expect
      .poll(() => simDialogsWith('+442079460102').map((dialog) => dialog.legs), EVENTUALLY)
      .toEqual([{ '+442079460102': 'ACTIVE', [AGENT.extension]: 'ACTIVE', [COLLEAGUE.extension]: 'ACTIVE' }]);
    await ui.shoot('44-broker-conference');

    await call().getByRole('button', { name: 'Hang up' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    // The caller stays with the colleague.
    await expect
      .poll(() => simDialogsWith('+442079460102')[0]?.legs, EVENTUALLY)
      .toMatchObject({ '+442079460102': 'ACTIVE', [COLLEAGUE.extension]: 'ACTIVE' });
    const conferenceId = simDialogsWith('+442079460102')[0]?.id as string;
    await expect.poll(stateText, EVENTUALLY).toMatch(/^Wrap-up/);

    await pickReason('Wrap-up reason…', 'Information given');
    await page().getByRole('button', { name: 'Wrap-up: Information given' }).waitFor(EVENTUALLY);
    await expect.poll(() => simAgent(AGENT.id).wrapUpReasons[conferenceId], EVENTUALLY).toBe('33');
    await ui.shoot('45-broker-wrap-up');
  });

  it('schedules a callback for the last call, changes it and cancels it, and GC has each', async () => {
    const first = daysAhead(2, 10, 30);
    const second = daysAhead(3, 9, 15);
    await expect.poll(() => callbacks().textContent(), EVENTUALLY).toContain('Last call: +442079460102');
    await callbacks().getByLabel('When').fill(first.input);
    await callbacks().getByRole('button', { name: 'Schedule callback' }).click();
    const item = callbacks().getByRole('listitem');
    await expect.poll(() => item.count(), EVENTUALLY).toBe(1);
    await expect.poll(() => item.textContent(), EVENTUALLY).toContain(first.shown);
    expect(await item.textContent()).toContain('Scheduled');
    expect(simAgent(AGENT.id).callbacks).toEqual([
      expect.objectContaining({ callbackNumber: '+442079460102', callbackTime: `${first.shown}:00` }),
    ]);
    await ui.shoot('46-broker-callback');

    const edit = item.getByRole('form', { name: /^Change callback for call / });
    await edit.getByLabel('When').fill(second.input);
    await edit.getByLabel('Number').fill('+441632960199');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.textContent(), EVENTUALLY).toContain(second.shown);
    expect(simAgent(AGENT.id).callbacks).toEqual([
      expect.objectContaining({ callbackNumber: '+441632960199', callbackTime: `${second.shown}:00` }),
    ]);

    await item.getByRole('button', { name: /^Cancel callback for call / }).click();
    await expect.poll(() => item.count(), EVENTUALLY).toBe(0);
    expect(await callbacks().textContent()).toContain('No callbacks scheduled.');
    expect(simAgent(AGENT.id).callbacks).toEqual([]);
  });

  it('rejects one preview and accepts the next, which connects to the customer', async () => {
    await goReady();
    expect(ui.center.offerPreview(AGENT.id, { number: '+441632960100', name: 'Ana Ruiz' })).toBeDefined();
    const preview = page().getByRole('region', { name: 'Preview call' });
    await preview.waitFor(EVENTUALLY);
    expect(await preview.textContent()).toContain('Ana Ruiz');
    await ui.shoot('47-broker-preview');
    await preview.getByRole('button', { name: 'Reject' }).click();
    await preview.waitFor({ state: 'detached', ...EVENTUALLY });
    expect(simDialogsWith('+441632960100')).toEqual([]);

    // Rejecting gives the agent back to the campaign: READY, offered the next customer.
    await expect.poll(() => simAgent(AGENT.id).state, EVENTUALLY).toBe('READY');
    expect(ui.center.offerPreview(AGENT.id, { number: '+441632960101', name: 'Tom Berg' })).toBeDefined();
    await preview.waitFor(EVENTUALLY);
    expect(await preview.textContent()).toContain('Tom Berg');
    await preview.getByRole('button', { name: 'Accept' }).click();
    await preview.waitFor({ state: 'detached', ...EVENTUALLY });
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
    expect(await call().textContent()).toContain('+441632960101');
    expect(simDialogsWith('+441632960101')).toEqual([
      expect.objectContaining({ legs: { [AGENT.extension]: 'ACTIVE', '+441632960101': 'ACTIVE' } }),
    ]);

    await call().getByRole('button', { name: 'Hang up' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    await expect.poll(() => simDialogsWith('+441632960101'), EVENTUALLY).toEqual([]);
  });

  it('goes not ready, searches the 100,000-contact directory and calls a result', async () => {
    await pickReason('Not ready…', 'No reason');
    await expect.poll(stateText, EVENTUALLY).toBe('Not ready');

    const phonebook = page().getByRole('region', { name: 'Phonebooks' });
    await expect.poll(() => phonebook.textContent(), EVENTUALLY).toContain('Phonebooks: 3');
    await phonebook.getByLabel('Phonebook', { exact: true }).selectOption({ label: 'Company directory' });
    // Other books may be loaded too (the team's, for transfer targets): the directory adds 100,000.
    const loaded = async () =>
      Number(/Contacts loaded: (\d+)/.exec((await phonebook.textContent()) ?? '')?.[1]);
    await expect.poll(loaded, { timeout: 60_000 }).toBeGreaterThanOrEqual(100_000);
    await phonebook.getByLabel('Search contacts').pressSequentially('helix', { delay: 20 });
    const results = phonebook.getByRole('list', { name: 'Search contacts' });
    await expect.poll(() => results.getByRole('listitem').count(), EVENTUALLY).toBeGreaterThan(0);
    const first = results.getByRole('listitem').first();
    expect((await first.textContent())?.toLowerCase()).toContain('helix pharma');
    const number = (await first.locator('p[dir="ltr"]').textContent())?.trim() as string;
    expect(number).toMatch(/^\+/);
    await ui.shoot('48-broker-phonebook');

    await first.getByRole('button', { name: /^Call / }).click();
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
    expect(await call().textContent()).toContain(number);
    expect(simDialogsWith(number)).toEqual([
      expect.objectContaining({ callType: 'OUT', legs: { [AGENT.extension]: 'ACTIVE', [number]: 'ACTIVE' } }),
    ]);
    await call().getByRole('button', { name: 'Hang up' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    await expect.poll(() => simDialogsWith(number), EVENTUALLY).toEqual([]);
  });

  it('goes not ready with a reason and signs out with one', async () => {
    await pickReason('Not ready…', 'Lunch');
    await expect.poll(() => status().textContent(), EVENTUALLY).toContain('Lunch');
    await expect
      .poll(() => simAgent(AGENT.id), EVENTUALLY)
      .toMatchObject({ state: 'NOT_READY', reasonCodeId: '2' });
    await ui.shoot('49-broker-not-ready-lunch');

    await pickReason('Sign out…', 'End of shift');
    await page().getByRole('button', { name: 'Sign in' }).waitFor(EVENTUALLY);
    await expect.poll(() => simAgent(AGENT.id).state, EVENTUALLY).toBe('LOGOUT');
    await ui.shoot('50-broker-signed-out');
    expect(ui.pageErrors).toEqual([]);
  });
});
