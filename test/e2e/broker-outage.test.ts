// The broker goes away in the middle of a call, through the UI only, on the same set-up as
// agent-day.test.ts (Chromium on `npm run start:web` in broker mode, a private ActiveMQ, the
// simulated contact center on it; see broker-desk-fixture.ts). While it is down the page says it
// is reconnecting, call control refuses at once in plain words and is never sent later, and a
// callback goes to the outbox ("will be sent when connected"); meanwhile the caller hangs up,
// which the desk cannot hear. When the broker is back the page says connected, shows what GC says
// now (the call is over), the callback reaches GC exactly once, and the agent carries on.
// Screenshots (light and dark, each checked by axe-core) go to test-results/screenshots/60-….

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, startBrokerDeskUi, type BrokerDeskUi } from './broker-desk-fixture.ts';

/** expect.poll waits 1 s by default; every answer here crosses a real broker twice. */
const EVENTUALLY = { timeout: 15_000 };
/** A broker restart: the JVM starts (tens of seconds on a busy 2-core machine), the desk finds it. */
const AFTER_RESTART = { timeout: 90_000 };
const AGENT = { id: '1001', extension: '5001' };
const FIRST_CALLER = '+442079460201';
const SECOND_CALLER = '+442079460202';
const THIRD_CALLER = '+442079460203';

let ui: BrokerDeskUi;
let firstCall: string;
let secondCall: string;

const page = () => ui.page;
const status = () => page().getByRole('region', { name: 'Your state' });
const stateText = () => status().locator('strong').textContent();
const health = () => page().getByRole('status', { name: 'Connection' });
const healthText = async () => (await health().textContent())?.trim();
const call = () => page().getByRole('region', { name: /^Call:/ });
const callbacks = () => page().getByRole('region', { name: 'Callbacks' });
/** How many of `command` GC has received from anyone. */
const received = (command: string) => ui.simulator.peer.stats.byCommand[command] ?? 0;
const outboxFile = () => readFile(join(ui.userDataDir, 'callback-outbox.jsonl'), 'utf8').catch(() => '');

function simAgent(agentId: string) {
  const agent = ui.center.snapshot().agents.find((candidate) => candidate.loginId === agentId);
  if (!agent) throw new Error(`the contact center has no agent ${agentId}`);
  return agent;
}

function queueOf(agentId: string): string {
  const user = ui.center.roster.byLoginId(agentId);
  const team = user && ui.center.roster.team(user.teamId);
  if (!team) throw new Error(`no team for ${agentId}`);
  return team.queue;
}

async function goReady(): Promise<void> {
  await status().getByRole('button', { name: 'Ready', exact: true }).click();
  await expect.poll(() => simAgent(AGENT.id).state, EVENTUALLY).toBe('READY');
}

/** A caller on the agent's queue, answered from the incoming-call card; returns GC's dialog id. */
async function takeCall(ani: string): Promise<string> {
  const dialogId = ui.center.offerCall(queueOf(AGENT.id), { ani });
  const incoming = page().getByRole('region', { name: 'Incoming call' });
  await incoming.waitFor(EVENTUALLY);
  await incoming.getByRole('button', { name: 'Answer' }).click();
  await expect.poll(() => call().textContent(), EVENTUALLY).toContain('Connected');
  expect(await call().textContent()).toContain(ani);
  return dialogId;
}

/** Tomorrow at 11:45, as the date-time field takes it and as the desk shows it. */
function tomorrow(): { input: string; shown: string } {
  const at = new Date(Date.now() + 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return { input: `${date}T11:45`, shown: `${date} 11:45` };
}

beforeAll(async () => {
  ui = await startBrokerDeskUi('e2e-outage');
}, 180_000);

afterAll(async () => {
  await ui?.stop();
}, 120_000);

describe('the broker goes away mid-call and comes back', () => {
  it('signs in, finishes a call and is talking on the next', async () => {
    await expect.poll(healthText, EVENTUALLY).toBe('Connected');
    await page().getByLabel('Agent id').fill(AGENT.id);
    await page().getByLabel('Password', { exact: true }).fill(AGENT_PASSWORD);
    await page().getByLabel('Extension').fill(AGENT.extension);
    await page().getByRole('button', { name: 'Sign in' }).click();
    await status().waitFor(EVENTUALLY);

    await goReady();
    firstCall = await takeCall(FIRST_CALLER);
    await call().getByRole('button', { name: 'Hang up' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    await goReady();
    secondCall = await takeCall(SECOND_CALLER);
    expect(simAgent(AGENT.id).state).toBe('TALKING');
  });

  it('says it is reconnecting, and call control refuses at once in plain words', async () => {
    const holdsBefore = received('HoldCall');
    await ui.broker.stop();
    await expect.poll(healthText, EVENTUALLY).toMatch(/^Connection lost\. Reconnecting/);
    expect(await health().getByRole('button', { name: 'Reconnect now' }).count()).toBe(1);

    await call().getByRole('button', { name: 'Hold' }).click();
    const refusal = page().getByRole('alert');
    await expect.poll(() => refusal.textContent(), EVENTUALLY).toContain('Not connected');
    expect(await refusal.textContent()).toContain('Nothing was sent');
    // The call is shown as it was: nothing pretends the hold happened.
    expect(await call().textContent()).toContain('Connected');
    expect(received('HoldCall')).toBe(holdsBefore);
    await ui.shoot('60-broker-lost');
    await refusal.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('queues a callback scheduled meanwhile, and says it will be sent when connected', async () => {
    const when = tomorrow();
    // The callback is for the last call that ended: the first one.
    await expect.poll(() => callbacks().textContent(), EVENTUALLY).toContain(`Last call: ${FIRST_CALLER}`);
    await callbacks().getByLabel('When').fill(when.input);
    await callbacks().getByRole('button', { name: 'Schedule callback' }).click();
    const outbox = callbacks().getByRole('list', { name: 'Will be sent when connected' });
    await expect
      .poll(() => outbox.getByRole('listitem').allTextContents(), EVENTUALLY)
      .toEqual([`Schedule the callback for call ${firstCall}`]);
    // On disk before the agent was told, in the user-data directory start:web was given.
    expect(await outboxFile()).toContain('"ScheduleCallback"');
    expect(received('ScheduleCallback')).toBe(0);
    await ui.shoot('61-broker-callback-queued');
  });

  it('comes back connected, shows what GC says now, and delivers the callback exactly once', async () => {
    const holdsBefore = received('HoldCall');
    // The caller hangs up while the desk cannot hear it: only the refresh after reconnecting tells.
    ui.center.customerHangup(secondCall);
    await ui.broker.start();

    await expect.poll(healthText, AFTER_RESTART).toBe('Connected');
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    await expect.poll(stateText, EVENTUALLY).toMatch(/^Wrap-up/);

    const item = callbacks().getByRole('listitem').filter({ hasText: firstCall });
    await expect.poll(() => item.textContent(), EVENTUALLY).toContain('Scheduled');
    expect(await item.textContent()).toContain(tomorrow().shown);
    expect(await callbacks().getByRole('list', { name: 'Will be sent when connected' }).count()).toBe(0);
    expect(received('ScheduleCallback')).toBe(1);
    expect(simAgent(AGENT.id).callbacks).toEqual([
      expect.objectContaining({ dialogId: firstCall, callbackNumber: FIRST_CALLER }),
    ]);
    expect((await outboxFile()).trim()).toBe('');
    // The refused hold stayed refused.
    expect(received('HoldCall')).toBe(holdsBefore);
    await ui.shoot('62-broker-back');
  });

  it('carries on: ready, a new call, hold and hang up, and nothing from the outage arrives late', async () => {
    const holdsBefore = received('HoldCall');
    await goReady();
    await takeCall(THIRD_CALLER);
    await call().getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => call().textContent(), EVENTUALLY).toContain('On hold');
    // GC's queue is in order: had the refused hold been kept and sent late, it would show here.
    expect(received('HoldCall')).toBe(holdsBefore + 1);
    expect(received('ScheduleCallback')).toBe(1);
    await call().getByRole('button', { name: 'Hang up' }).click();
    await call().waitFor({ state: 'detached', ...EVENTUALLY });
    expect(ui.pageErrors).toEqual([]);
  });
});
