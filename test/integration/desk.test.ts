// The Desk end to end: every action through a real ActiveMQ to the simulator (face 1), with the
// simulator's clock in the test's hands so calls arrive when the test says.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeskState, DialogView } from '../../preload/contract.ts';
import { Desk } from '../../main/core/desk/desk.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { ManualClock } from '../../main/demo/sim/clock.ts';
import { untilDesk } from '../support/desk-wait.ts';

const broker = inject('broker');
const queue = `Connector-desk-${process.pid}`;
const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let simulator: SimulatorOnBroker;
let dir: string;
const desks: Desk[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-desk-'));
  simulator = new SimulatorOnBroker({
    broker: { brokerUrls: [broker.stompUrl], login: broker.user, passcode: broker.password },
    commandQueue: queue,
    clock,
    seed: 21,
    autopilot: false,
    traffic: {
      meanInterArrivalMs: Infinity,
      meanTalkMs: Infinity,
      meanPreviewGapMs: Infinity,
      meanPatienceMs: Infinity,
    },
  });
  await simulator.start();
});

afterAll(async () => {
  await Promise.all(desks.map((desk) => desk.stop()));
  await simulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function openDesk(name: string): Promise<Desk> {
  const desk = await Desk.create({
    mode: 'broker',
    session: {
      brokerUrls: [broker.stompUrl],
      login: broker.user,
      passcode: broker.password,
      clientDestination: `desk-${process.pid}-${name}`,
      commandQueue: queue,
      probeIntervalMs: 200,
    },
    outboxFile: join(dir, `${name}-outbox.jsonl`),
    replyTimeoutMs: 5_000,
  });
  desks.push(desk);
  desk.start();
  await until(desk, (state) => state.connection.status === 'in-service', 'in service');
  return desk;
}

const until = (
  desk: Desk,
  predicate: (state: DeskState) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<DeskState> => untilDesk(desk, predicate, what, timeoutMs);

const ringing = (state: DeskState): DialogView | undefined =>
  state.dialogs.items.find((dialog) => dialog.state === 'ALERTING');

describe('the desk against the simulator through ActiveMQ', () => {
  it('refuses a wrong password in plain words and signs in with the right one', async () => {
    const desk = await openDesk('agent');
    const wrong = await desk.signIn({ agentId: '1001', password: 'nope', extension: '5001' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTHORIZATION_FAILURE' } });
    expect(desk.state.agent.signIn).toBe('signed-out');
    expect(await desk.signIn({ agentId: '1001', password: '', extension: '5001' })).toMatchObject({
      ok: false,
      error: { code: 'missing-password' },
    });
    expect(await desk.signIn({ agentId: '1001', password: 'demo', extension: '5001' })).toEqual({
      ok: true,
      value: undefined,
    });
    // Signing in fetches reason codes, skill groups, supervisors and phonebooks; their answers
    // arrive one by one after sign-in resolves.
    const state = await until(
      desk,
      (s) =>
        s.agent.reasonCodes.notReady.length > 0 &&
        s.agent.reasonCodes.logout.length > 0 &&
        s.agent.reasonCodes.wrapUp.length > 0 &&
        s.agent.skillGroups.length > 0 &&
        s.agent.supervisors.length > 0 &&
        s.phonebooks.global.length > 0,
      'the lookups signing in asks for',
    );
    expect(state.agent).toMatchObject({ signIn: 'signed-in', state: 'NOT_READY', agentId: '1001' });
  });

  it('changes state, refuses what the state forbids before sending, and handles a call', async () => {
    const desk = desks[0] as Desk;
    expect(await desk.setNotReady({ reasonCode: '999' })).toMatchObject({
      ok: false,
      error: { field: 'reasonCode' },
    });
    expect(await desk.setNotReady({ reasonCode: '2' })).toMatchObject({ ok: true });
    expect(desk.state.agent).toMatchObject({ state: 'NOT_READY', reasonLabel: 'Lunch' });
    expect(await desk.answer({ dialogId: '123' })).toMatchObject({
      ok: false,
      error: { code: 'no-such-call' },
    });
    expect(await desk.setReady()).toMatchObject({ ok: true });
    expect(await desk.makeCall({ number: '5551234' })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });

    simulator.peer.center.offerCall('Sales', { ani: '+441632960123' });
    const offered = ringing(await until(desk, (s) => ringing(s) !== undefined, 'ringing call')) as DialogView;
    expect(offered).toMatchObject({ otherParty: '+441632960123', queueName: 'Sales' });
    expect(await desk.hold({ dialogId: offered.id })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    expect(await desk.answer({ dialogId: offered.id })).toMatchObject({ ok: true });
    await until(desk, (s) => s.agent.state === 'TALKING', 'talking');
    expect(await desk.hold({ dialogId: offered.id })).toMatchObject({ ok: true });
    await until(desk, (s) => s.dialogs.items[0]?.state === 'HELD', 'held');
    expect(await desk.retrieve({ dialogId: offered.id })).toMatchObject({ ok: true });
    expect(await desk.release({ dialogId: offered.id })).toMatchObject({ ok: true });
    const after = await until(
      desk,
      (s) => s.dialogs.items.length === 0 && s.agent.state.startsWith('WORK'),
      'wrap-up',
    );
    expect(after.dialogs.lastEnded?.id).toBe(offered.id);
    expect(after.dialogs.lastEnded?.answeredAt).toBeDefined();
  });

  it('consults a colleague and transfers; supervisors see the team and force a state', async () => {
    const agent = desks[0] as Desk;
    const colleague = await openDesk('colleague');
    expect(await colleague.signIn({ agentId: '1004', password: 'demo', extension: '5004' })).toMatchObject({
      ok: true,
    });
    clock.advance(60_000);
    await until(agent, (s) => s.agent.state === 'READY', 'ready after wrap-up');

    simulator.peer.center.offerCall('Sales');
    const call = ringing(await until(agent, (s) => ringing(s) !== undefined, 'second call')) as DialogView;
    await agent.answer({ dialogId: call.id });
    expect(await agent.completeTransfer({ dialogId: call.id, target: '5004' })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    expect(await agent.consult({ dialogId: call.id, target: '5004' })).toMatchObject({ ok: true });
    const leg = ringing(
      await until(colleague, (s) => ringing(s) !== undefined, 'consult ringing'),
    ) as DialogView;
    expect(await colleague.answer({ dialogId: leg.id })).toMatchObject({ ok: true });
    await until(
      agent,
      (s) => s.dialogs.items.some((d) => d.kind === 'consult' && d.state === 'ACTIVE'),
      'consult active',
    );
    expect(await agent.completeTransfer({ dialogId: call.id, target: '5004' })).toMatchObject({ ok: true });
    await until(agent, (s) => s.dialogs.items.length === 0, 'agent free');
    const withCustomer = await until(
      colleague,
      (s) => s.dialogs.items.some((d) => d.participants.some((p) => p.tag === 'CUSTOMER')),
      'customer moved',
    );
    expect(withCustomer.agent.state).toBe('TALKING');

    const supervisor = await openDesk('supervisor');
    expect(await supervisor.signIn({ agentId: '9001', password: 'demo', extension: '5901' })).toMatchObject({
      ok: true,
    });
    await until(supervisor, (s) => s.agent.isSupervisor, 'agent info');
    expect(await agent.loadTeam({ teamId: '101' })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    expect(await supervisor.loadTeam({ teamId: '101' })).toMatchObject({ ok: true });
    expect(Object.keys(supervisor.state.team.members)).toContain('1001');
    expect(await supervisor.forceNotReady({ agentId: '1001' })).toMatchObject({ ok: true });
    await until(supervisor, (s) => s.team.members['1001']?.state === 'NOT_READY', 'member not ready live');
    await until(agent, (s) => s.agent.state === 'NOT_READY', 'agent forced not ready');
    expect(await supervisor.watchQueues({ visible: true })).toMatchObject({ ok: true });
    expect(supervisor.state.queues.form).toBe('ucce');
    await supervisor.watchQueues({ visible: false });
  });

  it('loads phonebooks and searches 100,000 contacts', async () => {
    const desk = desks[0] as Desk;
    const books = await until(desk, (s) => s.phonebooks.global.length > 0, 'phonebooks');
    const directory = books.phonebooks.global[0]?.id as string;
    expect(await desk.loadContacts({ phonebookId: directory })).toMatchObject({ ok: true });
    expect(desk.state.phonebooks.contacts[directory]?.length).toBe(100_000);
    const found = await desk.searchContacts({ query: 'acme', limit: 5 });
    expect(found.ok && found.value.length).toBe(5);
    const byDigits = await desk.searchContacts({ query: '7946 0042' });
    expect(
      byDigits.ok &&
        byDigits.value.every((contact) => contact.phoneNumber.replace(/\D/g, '').includes('79460042')),
    ).toBe(true);
  });

  it('schedules, updates and cancels a callback while connected', async () => {
    const desk = desks[0] as Desk;
    const dialogId = desk.state.dialogs.lastEnded?.id as string;
    expect(
      await desk.scheduleCallback({
        dialogId,
        callbackTime: '2026-11-25 10:00',
        callbackNumber: '+441632960999',
      }),
    ).toMatchObject({ ok: true });
    await until(desk, (s) => s.callbacks.items.some((item) => item.dialogId === dialogId), 'scheduled');
    expect(
      await desk.updateCallback({
        dialogId,
        callbackTime: '2026-11-25 11:30',
        callbackNumber: '+441632960999',
      }),
    ).toMatchObject({ ok: true });
    await until(
      desk,
      (s) => s.callbacks.items.some((item) => item.callbackTime === '2026-11-25 11:30:00'),
      'updated',
    );
    expect(
      await desk.scheduleCallback({ dialogId, callbackTime: 'soon', callbackNumber: '1' }),
    ).toMatchObject({ ok: false, error: { field: 'callbackTime' } });
    expect(await desk.cancelCallback({ dialogId })).toMatchObject({ ok: true });
    await until(desk, (s) => s.callbacks.items.length === 0, 'cancelled');
  });

  it('signs out with a reason', async () => {
    const desk = desks[0] as Desk;
    expect(await desk.signOut({ reasonCode: '21' })).toMatchObject({ ok: true });
    expect(desk.state.agent.signIn).toBe('signed-out');
    expect(await desk.setReady()).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
  });
});
