// One agent's whole day through the UI only, as a deployment runs it: Chromium on
// `npm run start:web` in broker mode (a child process with its own user data, the broker passcode
// in a private gnome-keyring), a private ActiveMQ, and the simulated contact center on it as GC
// (see broker-desk-fixture.ts). The test plays the callers and one colleague (agent 1004 on a GC
// session of their own, who answers the consults); the agent, 1001, only clicks and types.
// Each step checks what the agent sees and, where it matters, what the contact center saw.
// Screenshots (light and dark, each checked by axe-core) go to test-results/screenshots/40-….

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { connectGcClient, type GcClient } from '../support/gc-client.ts';
import { AGENT_PASSWORD, startBrokerDeskUi, type BrokerDeskUi } from './broker-desk-fixture.ts';

/** expect.poll waits 1 s by default; every answer here crosses a real broker twice. */
const EVENTUALLY = { timeout: 15_000 };
const AGENT = { id: '1001', extension: '5001' };
const COLLEAGUE = { id: '1004', extension: '5004' };

let ui: BrokerDeskUi;
let colleague: GcClient;

const page = () => ui.page;
const status = () => page().getByRole('region', { name: 'Your state' });
const stateText = () => status().locator('strong').textContent();
const call = () => page().getByRole('region', { name: /^Call:/ });
const consult = () => page().getByRole('region', { name: /^Consult call:/ });
const callbacks = () => page().getByRole('region', { name: 'Callbacks' });

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

/** Consults the colleague from the call card; the colleague answers their ringing phone. */
async function consultColleague(): Promise<Locator> {
  colleague.mark();
  await call().getByLabel('Transfer or consult to').fill(COLLEAGUE.extension);
  await call().getByRole('button', { name: 'Consult' }).click();
  const ringing = await colleague.waitForKind('NewInboundCall', undefined, { timeoutMs: 15_000 });
  await colleague.send({ name: 'AnswerCall', id: COLLEAGUE.id, dialogId: ringing.dialogId });
  await expect.poll(() => consult().textContent(), EVENTUALLY).toContain('Connected');
  expect(await consult().textContent()).toContain(COLLEAGUE.extension);
  expect(await call().textContent()).toContain('On hold');
  return consult();
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
  // The colleague works at a desk of their own: signed in, not ready, so routed calls come to 1001.
  colleague = await connectGcClient({
    brokerUrls: [ui.broker.stompUrl],
    login: ui.broker.user,
    passcode: ui.broker.password,
    clientDestination: `e2e-colleague-${process.pid}`,
    agent: { agentId: COLLEAGUE.id, password: AGENT_PASSWORD },
  });
  await colleague.send({
    name: 'Login',
    id: COLLEAGUE.id,
    password: AGENT_PASSWORD,
    extension: COLLEAGUE.extension,
  });
  await colleague.waitForKind('State', (event) => event.agentId === COLLEAGUE.id && event.state !== 'LOGOUT');
}, 180_000);

afterAll(async () => {
  await colleague?.close();
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

  it('consults a team member and completes the transfer: the colleague has the caller', async () => {
    const leg = await consultColleague();
    await ui.shoot('43-broker-consult');

    await leg.getByRole('button', { name: 'Complete transfer' }).click();
    await leg.waitFor({ state: 'detached', ...EVENTUALLY });
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    // GC moved the caller to the colleague; the agent left the call.
    await expect
      .poll(() => simDialogsWith('+442079460101'), EVENTUALLY)
      .toEqual([
        expect.objectContaining({
          legs: { '+442079460101': 'ACTIVE', [COLLEAGUE.extension]: 'ACTIVE' },
        }),
      ]);
    const transferred = simDialogsWith('+442079460101')[0]?.id as string;
    const heard = await colleague.waitForKind(
      'InboundCall',
      (event) =>
        event.dialogId === transferred &&
        event.participants.some((party) => party.mediaAddress === '+442079460101'),
    );
    expect(heard.state).toBe('ACTIVE');
    await expect.poll(stateText, EVENTUALLY).toMatch(/^Wrap-up/);

    // The colleague finishes with the caller, so they are free for the next consult.
    await colleague.send({ name: 'ReleaseCall', id: COLLEAGUE.id, dialogId: transferred });
    await expect.poll(() => simDialogsWith(COLLEAGUE.extension), EVENTUALLY).toEqual([]);
  });

  it('takes another call, conferences the colleague in, hangs up and picks a wrap-up reason', async () => {
    await goReady();
    await takeCall('+442079460102');
    const leg = await consultColleague();
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
