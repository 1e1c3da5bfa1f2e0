// The supervisor's views in real Chromium, as a deployment runs them: `npm run start:web` in broker
// mode on a private ActiveMQ, with the simulated contact center on that broker as GC (set up by
// broker-desk-fixture.ts; no embedded demo, no mocks). First a UCCE center with the autopilot on,
// so the team's agents sign in, go ready and take calls on their own: supervisor 9001 signs in,
// opens the Sales team and sees an agent start talking on a call the test offers, filters the
// list, makes an agent not ready with a reason and ready again, signs one out after the
// confirmation, listens in on the talking agent, stops, listens again, barges in, drops the agent
// from the call and hangs up; then watches the UCCE queue statistics update. Then a 3,000-agent
// team on a UCCX center (a broker and a desk of its own): the whole team list crosses the broker
// in one TeamUsersList, the list renders a few rows, moves by keyboard from end to end, and the
// UCCX table shows.
//
// The test bodies use only `page`, `center` (the ContactCenter behind GC's command queue, scripted
// here) and `shoot` (screenshots light and dark into test-results/screenshots/, each checked by
// axe-core), so they also run on desk-ui-fixture.ts's embedded demo, which has the same shape.

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactCenter } from '../../main/demo/sim/contact-center.ts';
import type { SimUser } from '../../main/demo/sim/roster.ts';
import { startBrokerDeskUi, type BrokerDeskUi } from './broker-desk-fixture.ts';

/** expect.poll waits 1 s by default; every answer here crosses a real broker twice. */
const EVENTUALLY = { timeout: 15_000 };
/** The autopilot signs agents in 0.5–15 s after the start and makes them ready 2–20 s later. */
const AUTOPILOT = { timeout: 60_000 };
/** Queue statistics refresh every 15 s while shown. */
const NEXT_REFRESH = { timeout: 45_000 };

let ui: BrokerDeskUi | undefined;
let page: Page;
let center: ContactCenter;
let shoot: (name: string) => Promise<void>;

/** The team's agents as the center has them (supervisors are not members). */
function agentsOf(teamId: string): SimUser[] {
  return center.roster.users.filter((user) => user.teamId === teamId && !user.isSupervisor);
}

function queueOf(teamId: string): string {
  const team = center.roster.team(teamId);
  if (!team) throw new Error(`no team ${teamId}`);
  return team.queue;
}

/** An agent of the team in that state, once there is one (other than those left out). */
async function agentIn(teamId: string, state: string, except: readonly string[] = []): Promise<SimUser> {
  const find = () =>
    agentsOf(teamId).find(
      (user) => !except.includes(user.loginId) && center.agentState(user.loginId) === state,
    );
  await expect.poll(find, AUTOPILOT).toBeDefined();
  return find() as SimUser;
}

const fullName = (user: SimUser) => `${user.firstName} ${user.lastName}`;

function teamSection(): Locator {
  return page.getByRole('region', { name: 'Team', exact: true });
}

function memberList(): Locator {
  return teamSection().getByRole('listbox', { name: 'Team members' });
}

/** The member's row: its text names the agent id ("Agent 1004, extension 5004"). */
function rowOf(user: SimUser): Locator {
  return memberList().getByRole('option', { name: new RegExp(`Agent ${user.loginId},`) });
}

function actionsFor(user: SimUser): Locator {
  return page.getByRole('region', { name: `Agent: ${fullName(user)}` });
}

/** The text of what has the keyboard focus. */
function focusedText(): Promise<string> {
  return page.evaluate('document.activeElement?.textContent?.trim() ?? ""');
}

/**
 * The controls without an accessible name, as Chromium's accessibility tree has them: in an ARIA
 * snapshot a named control reads `- button "Ready"`, an unnamed one `- button`.
 */
async function unnamedControls(): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .filter((line) =>
      /^\s*- (button|textbox|checkbox|radio|menuitem|combobox|option|listbox)(?! ")/.test(line),
    );
}

async function signInAsSupervisor(): Promise<void> {
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), EVENTUALLY)
    .toBe(1);
  await page.getByLabel('Agent id').fill('9001');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByLabel('Extension').fill('5901');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Your state' }).waitFor();
}

async function openTeam(name: string, members: number): Promise<void> {
  await teamSection().getByLabel('Team to show').selectOption({ label: name });
  await teamSection().getByRole('button', { name: 'Show team' }).click();
  await expect
    .poll(() => teamSection().textContent(), EVENTUALLY)
    .toContain(`Showing ${members} of ${members} agents`);
}

/** The value of one statistic for one queue, as the table shows it. */
async function statistic(queues: Locator, stat: string, queue: string): Promise<string> {
  const headers = await queues.getByRole('columnheader').allTextContents();
  const column = headers.map((text) => text.trim()).indexOf(queue) - 1;
  if (column < 0) throw new Error(`no column for ${queue} in ${headers.join(', ')}`);
  const row = queues
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: stat, exact: true }) });
  return ((await row.getByRole('cell').nth(column).textContent()) ?? '').trim();
}

describe('a supervisor’s team and queues (UCCE, agents on autopilot)', () => {
  let talking: SimUser;

  beforeAll(async () => {
    ui = await startBrokerDeskUi('e2e-supervisor', {}, { autopilot: true });
    ({ page, center } = ui);
    shoot = ui.shoot;
  }, 180_000);

  afterAll(async () => {
    const errors = [...(ui?.pageErrors ?? [])];
    await ui?.stop();
    expect(errors).toEqual([]);
  }, 120_000);

  it('signs in, opens the team and sees an agent start talking, live', async () => {
    await signInAsSupervisor();
    const team = teamSection();
    expect(await team.textContent()).toContain('Choose a team and show it');
    await openTeam('Sales team', agentsOf('101').length);

    // A caller arrives: the longest-ready Sales agent is rung and (on autopilot) answers.
    await agentIn('101', 'READY');
    center.offerCall(queueOf('101'), { ani: '+442079460111' });
    talking = await agentIn('101', 'TALKING');
    await expect.poll(() => rowOf(talking).textContent(), EVENTUALLY).toContain('Talking');
    expect(await rowOf(talking).textContent()).toContain(fullName(talking));
    await expect.poll(() => team.getByRole('radio', { name: 'Talking (1)' }).count(), EVENTUALLY).toBe(1);
    // The time in state ticks with the page's one clock.
    await expect.poll(() => rowOf(talking).locator('time').textContent(), EVENTUALLY).not.toBe('0:00');
    expect(await unnamedControls()).toEqual([]);
    await shoot('supervisor-team');
  });

  it('filters by state and by name, id or extension', async () => {
    const team = teamSection();
    const total = agentsOf('101').length;
    await team.getByRole('radio', { name: /^Talking \(/ }).check();
    await expect.poll(() => memberList().getByRole('option').count(), EVENTUALLY).toBe(1);
    expect(await memberList().getByRole('option').textContent()).toContain(fullName(talking));
    expect(await team.textContent()).toContain(`Showing 1 of ${total} agents`);
    await shoot('supervisor-team-talking');

    await team.getByRole('radio', { name: /^All \(/ }).check();
    const search = team.getByLabel('Find an agent');
    await search.fill(talking.extension);
    await expect.poll(() => memberList().getByRole('option').count(), EVENTUALLY).toBe(1);
    expect(await memberList().getByRole('option').textContent()).toContain(talking.loginId);
    await search.fill('no such agent');
    await expect.poll(() => team.textContent(), EVENTUALLY).toContain('No agent matches.');
    await search.fill('');
    await expect.poll(() => team.textContent(), EVENTUALLY).toContain(`Showing ${total} of ${total}`);
  });

  it('makes an agent not ready with a reason and ready again, and signs one out after asking', async () => {
    const agent = await agentIn('101', 'READY', [talking.loginId]);
    await rowOf(agent).click();
    const actions = actionsFor(agent);
    await actions.waitFor();

    await actions.getByRole('button', { name: 'Make not ready…' }).click();
    await page
      .getByRole('menu', { name: 'Make not ready…' })
      .getByRole('menuitem', { name: 'Lunch' })
      .click();
    await expect.poll(() => rowOf(agent).textContent(), EVENTUALLY).toContain('Not ready');
    expect(await rowOf(agent).textContent()).toContain('Lunch');
    expect(center.agentState(agent.loginId)).toBe('NOT_READY');
    // Straight back (the autopilot waits at least 5 s before it would do so itself).
    await actions.getByRole('button', { name: 'Make ready' }).click();
    await expect.poll(() => center.agentState(agent.loginId), EVENTUALLY).toBe('READY');
    await expect.poll(() => rowOf(agent).textContent(), EVENTUALLY).toMatch(/\bReady\b/);
    await expect.poll(() => rowOf(agent).getAttribute('aria-selected'), EVENTUALLY).toBe('true');

    // Signing out asks first; the question takes the focus and "keep signed in" gives it back.
    await actions.getByRole('button', { name: 'Sign out…' }).click();
    const question = actions.getByRole('group', { name: /^Sign .* out\? This ends their session/ });
    await question.waitFor();
    await expect.poll(focusedText, EVENTUALLY).toBe('Keep signed in');
    expect(await unnamedControls()).toEqual([]);
    await shoot('supervisor-sign-out-question');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    await expect.poll(focusedText, EVENTUALLY).toBe('Sign out…');
    expect(center.agentState(agent.loginId)).toBe('READY');

    await actions.getByRole('button', { name: 'Sign out…' }).click();
    await question.getByRole('button', { name: 'Sign out now' }).click();
    await expect.poll(() => center.agentState(agent.loginId), EVENTUALLY).toBe('LOGOUT');
    await expect.poll(() => rowOf(agent).textContent(), EVENTUALLY).toContain('Signed out');
    expect(await actions.getByRole('button', { name: 'Make ready' }).isDisabled()).toBe(true);
    expect(await actions.textContent()).toContain('This agent is signed out.');
    await shoot('supervisor-member-actions');
  });

  it('listens in on a call, stops, listens again, barges in, drops the agent and hangs up', async () => {
    await rowOf(talking).click();
    const actions = actionsFor(talking);
    const status = page.getByRole('region', { name: 'Your state' });

    // Refused while the supervisor is ready: the reason shows in plain words next to the button.
    await status.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Ready');
    await actions.getByRole('button', { name: 'Listen in' }).click();
    const refusal = teamSection().getByRole('alert');
    await expect
      .poll(() => refusal.textContent(), EVENTUALLY)
      .toContain('not possible in your current state');
    expect(await page.getByRole('alert').count()).toBe(1);
    await shoot('supervisor-monitor-refused');
    await refusal.getByRole('button', { name: 'Dismiss' }).click();
    await refusal.waitFor({ state: 'detached' });
    await status.getByRole('button', { name: 'Not ready…' }).click();
    await page.getByRole('menu', { name: 'Not ready…' }).getByRole('menuitem', { name: 'No reason' }).click();
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Not ready');

    await actions.getByRole('button', { name: 'Listen in' }).click();
    const monitor = page.getByRole('region', { name: 'Listening in' });
    await monitor.waitFor();
    expect(await monitor.textContent()).toContain(`${fullName(talking)}, extension ${talking.extension}`);
    expect(await monitor.textContent()).toContain('+442079460111');
    // One call listened to at a time.
    expect(await actions.getByRole('button', { name: 'Listen in' }).isDisabled()).toBe(true);
    expect(await unnamedControls()).toEqual([]);
    await shoot('supervisor-monitor');

    await monitor.getByRole('button', { name: 'Stop listening' }).click();
    await monitor.waitFor({ state: 'detached' });
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Not ready');

    await actions.getByRole('button', { name: 'Listen in' }).click();
    await monitor.waitFor();
    await monitor.getByRole('button', { name: 'Barge in' }).click();
    await monitor.waitFor({ state: 'detached' });
    const call = page.getByRole('region', { name: /^Call:/ });
    await expect.poll(() => call.textContent(), EVENTUALLY).toContain('Connected');
    const parties = page.getByRole('region', { name: 'On this call' });
    await parties.waitFor();
    expect(await parties.getByRole('listitem').count()).toBe(3);
    expect(await parties.textContent()).toContain('You');
    expect(await unnamedControls()).toEqual([]);
    await shoot('supervisor-barged-in');

    await parties.getByRole('button', { name: `Drop ${fullName(talking)} from the call` }).click();
    await parties.waitFor({ state: 'detached' });
    // The agent is off the call and in wrap-up; the supervisor stays with the caller.
    await expect.poll(() => center.agentState(talking.loginId), EVENTUALLY).toBe('WORK_READY');
    await expect.poll(() => rowOf(talking).textContent(), EVENTUALLY).toContain('Wrap-up, then ready');
    expect(await call.textContent()).toContain('+442079460111');

    await call.getByRole('button', { name: 'Hang up' }).click();
    await call.waitFor({ state: 'detached' });
    await expect.poll(() => status.locator('strong').textContent(), EVENTUALLY).toBe('Not ready');
  });

  it('shows the queue statistics and their updates while shown', async () => {
    const section = page.getByRole('region', { name: 'Queue statistics' });
    await section.getByRole('button', { name: 'Show queue statistics' }).click();
    const table = section.getByRole('table', { name: 'Statistics per queue' });
    await table.waitFor();
    expect((await table.getByRole('columnheader').allTextContents()).map((text) => text.trim())).toEqual([
      'Statistic',
      'Sales',
      'Billing',
    ]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([
      'Calls in queue',
      'Agents ready',
      'Agents not ready',
      'Talking, inbound',
      'Talking, outbound',
      'Talking, internal',
      'Wrap-up, then ready',
      'Wrap-up, then not ready',
    ]);
    // The Sales agent dropped from the call is in wrap-up.
    expect(Number(await statistic(table, 'Wrap-up, then ready', 'Sales'))).toBeGreaterThanOrEqual(1);

    // A Billing agent takes a call: the next refresh shows one more talking inbound.
    await agentIn('103', 'READY');
    const before = Number(await statistic(table, 'Talking, inbound', 'Billing'));
    center.offerCall(queueOf('103'), { ani: '+442079460222' });
    await agentIn('103', 'TALKING');
    await expect
      .poll(() => statistic(table, 'Talking, inbound', 'Billing'), NEXT_REFRESH)
      .toBe(String(before + 1));
    expect(await section.textContent()).toMatch(/Updated \d+:\d\d ago/);
    expect(await unnamedControls()).toEqual([]);
    await shoot('supervisor-queues');

    await section.getByRole('button', { name: 'Hide queue statistics' }).click();
    await table.waitFor({ state: 'detached' });
    expect(
      await section.getByRole('button', { name: 'Show queue statistics' }).getAttribute('aria-expanded'),
    ).toBe('false');
  });
});

describe('a 3,000-agent team on a UCCX contact center', () => {
  const AGENTS = 3_000;

  beforeAll(async () => {
    ui = await startBrokerDeskUi(
      'e2e-supervisor-uccx',
      {},
      { deployment: 'uccx', roster: { agents: AGENTS, teams: 1 } },
    );
    ({ page, center } = ui);
    shoot = ui.shoot;
  }, 180_000);

  afterAll(async () => {
    const errors = [...(ui?.pageErrors ?? [])];
    await ui?.stop();
    expect(errors).toEqual([]);
  }, 120_000);

  it('lists every agent but renders only the rows in view, and moves through them by keyboard', async () => {
    await signInAsSupervisor();
    await openTeam('Sales team', AGENTS);
    const list = memberList();
    const rendered = await list.getByRole('option').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(30);
    expect(
      await teamSection()
        .getByRole('radio', { name: `Signed out (${AGENTS})` })
        .count(),
    ).toBe(1);

    const selected = list.locator('[role="option"][aria-selected="true"]');
    await list.focus();
    await page.keyboard.press('End');
    await expect.poll(() => selected.getAttribute('aria-posinset'), EVENTUALLY).toBe(String(AGENTS));
    expect(await selected.getAttribute('aria-setsize')).toBe(String(AGENTS));
    expect(await list.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    expect(await list.getByRole('option').count()).toBeLessThan(30);
    await page.keyboard.press('Home');
    await expect.poll(() => selected.getAttribute('aria-posinset'), EVENTUALLY).toBe('1');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selected.getAttribute('aria-posinset'), EVENTUALLY).toBe('2');
    // Typing a name jumps to it; the letters do not reach the desk's own shortcuts (r: ready).
    await page.keyboard.type('ro');
    await expect.poll(() => selected.locator('strong').textContent(), EVENTUALLY).toMatch(/^Rosa /);
    await shoot('supervisor-team-large');
    expect(await page.getByRole('region', { name: 'Your state' }).locator('strong').textContent()).toBe(
      'Not ready',
    );

    await teamSection().getByLabel('Find an agent').fill('4000');
    await expect.poll(() => list.getByRole('option').count(), EVENTUALLY).toBe(1);
    expect(await list.getByRole('option').textContent()).toContain('Agent 4000,');
  });

  it('shows the UCCX form of the queue statistics', async () => {
    const section = page.getByRole('region', { name: 'Queue statistics' });
    await section.getByRole('button', { name: 'Show queue statistics' }).click();
    const table = section.getByRole('table', { name: 'Statistics per queue' });
    await table.waitFor();
    expect((await table.getByRole('columnheader').allTextContents()).map((text) => text.trim())).toEqual([
      'Statistic',
      'Sales',
    ]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([
      'Calls waiting',
      'Agents signed in',
      'Agents in wrap-up',
      'Agents talking',
      'Agents reserved',
      'Calls handled',
      'Calls abandoned',
      'Calls in total',
      'Longest handle time',
    ]);
    expect(await statistic(table, 'Agents signed in', 'Sales')).toBe('0');
    await shoot('supervisor-queues-uccx');
  });
});
