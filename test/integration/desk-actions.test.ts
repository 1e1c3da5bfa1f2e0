// The rest of the desk's actions through ActiveMQ to the simulator: outbound calls, conference
// and blind transfer, previews and reclassification, supervisor monitoring, forced states,
// mobile sign-in, and the refresh after a broker restart.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskState, DialogView } from '../../preload/contract.ts';
import { Desk } from '../../main/core/desk/desk.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { ManualClock } from '../../main/demo/sim/clock.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { untilDesk } from '../support/desk-wait.ts';

const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let broker: ActiveMqBroker;
let simulator: SimulatorOnBroker;
let dir: string;
const desks: Desk[] = [];

const fast = () => ({
  brokerUrls: [broker.stompUrl],
  login: broker.user,
  passcode: broker.password,
  heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 500 },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-actions-'));
  broker = await startActiveMq({ persistent: false });
  simulator = new SimulatorOnBroker({
    broker: fast(),
    clock,
    seed: 33,
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
  await broker?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const until = (
  desk: Desk,
  predicate: (state: DeskState) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<DeskState> => untilDesk(desk, predicate, what, timeoutMs);

async function signedIn(
  agentId: string,
  extension: string,
  mobile?: { dialNumber: string; mode: 'call-by-call' | 'nailed' },
) {
  const desk = await Desk.create({
    mode: 'broker',
    session: { ...fast(), clientDestination: `actions-${process.pid}-${agentId}`, probeIntervalMs: 200 },
    outboxFile: join(dir, `${agentId}.jsonl`),
    replyTimeoutMs: 5_000,
  });
  desks.push(desk);
  desk.start();
  await until(desk, (s) => s.connection.status === 'in-service', 'in service');
  const result = await desk.signIn({ agentId, password: 'demo', extension, ...(mobile ? { mobile } : {}) });
  expect(result).toMatchObject({ ok: true });
  return desk;
}

const ringingIn = (state: DeskState) =>
  state.dialogs.items.find((dialog) => dialog.state === 'ALERTING' && dialog.kind !== 'preview');
const previewIn = (state: DeskState) => state.dialogs.items.find((dialog) => dialog.kind === 'preview');

describe('more desk actions against the simulator', () => {
  it('makes an outbound call from NOT_READY and releases it', async () => {
    const desk = await signedIn('1001', '5001');
    expect(await desk.makeCall({ number: '' })).toMatchObject({ ok: false, error: { field: 'number' } });
    expect(await desk.makeCall({ number: '+44 20 7946 0123' })).toMatchObject({ ok: true });
    clock.advance(3_000);
    const state = await until(
      desk,
      (s) => s.dialogs.items.some((d) => d.state === 'ACTIVE'),
      'answered by the far end',
    );
    const call = state.dialogs.items[0] as DialogView;
    expect(call.otherParty).toBe('+44 20 7946 0123');
    expect(await desk.release({ dialogId: call.id })).toMatchObject({ ok: true });
    await until(
      desk,
      (s) => s.dialogs.items.length === 0 && s.agent.state === 'NOT_READY',
      'back to not ready',
    );

    // The wrap-up reason goes to GC for the call that just ended; GC answers nothing.
    await until(desk, (s) => s.agent.reasonCodes.wrapUp.length > 0, 'wrap-up reasons');
    expect(await desk.setWrapUpReason({ reasonCode: 'nope' })).toMatchObject({
      ok: false,
      error: { field: 'reasonCode' },
    });
    expect(await desk.setWrapUpReason({ reasonCode: '31' })).toMatchObject({ ok: true });
    expect(desk.state.dialogs.wrapUp).toEqual({ dialogId: call.id, reasonCode: '31', label: 'Sale' });
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const agent = simulator.peer.center.snapshot().agents.find((entry) => entry.loginId === '1001');
        if (agent?.wrapUpReasons[call.id] === '31') return resolve();
        if (Date.now() - started > 10_000)
          return reject(new Error('the simulator never recorded the wrap-up reason'));
        setTimeout(poll, 20);
      };
      poll();
    });
    expect(await desk.loadSkillGroups()).toMatchObject({ ok: true });
    expect(await desk.loadSupervisors()).toMatchObject({ ok: true });
  });

  it('conferences a colleague in and blind-transfers a call', async () => {
    const agent = desks[0] as Desk;
    const colleague = await signedIn('1004', '5004');
    await agent.setReady();
    simulator.peer.center.offerCall('Sales');
    const call = ringingIn(await until(agent, (s) => ringingIn(s) !== undefined, 'a call')) as DialogView;
    await agent.answer({ dialogId: call.id });
    await agent.consult({ dialogId: call.id, target: '5004' });
    const leg = ringingIn(await until(colleague, (s) => ringingIn(s) !== undefined, 'consult')) as DialogView;
    expect(await agent.completeConference({ dialogId: call.id, target: '5004' })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    await colleague.answer({ dialogId: leg.id });
    await until(
      agent,
      (s) => s.dialogs.items.some((d) => d.kind === 'consult' && d.state === 'ACTIVE'),
      'consult answered',
    );
    expect(await agent.completeConference({ dialogId: call.id, target: '5004' })).toMatchObject({ ok: true });
    await until(
      agent,
      (s) => s.dialogs.items.length === 1 && (s.dialogs.items[0]?.participants.length ?? 0) === 3,
      'three on the call',
    );
    await until(
      colleague,
      (s) => s.dialogs.items.some((d) => d.id === call.id),
      'colleague on the main call',
    );

    // The colleague leaves; the agent hands the customer on to 5007 without consulting.
    await colleague.release({ dialogId: call.id });
    const third = await signedIn('1007', '5007');
    expect(await agent.blindTransfer({ dialogId: call.id, target: '5007' })).toMatchObject({ ok: true });
    await until(agent, (s) => s.dialogs.items.length === 0, 'agent free');
    await until(third, (s) => ringingIn(s)?.id === call.id, 'ringing at 5007');
    await third.answer({ dialogId: call.id });
    await third.release({ dialogId: call.id });
  });

  it('rejects, closes and accepts previews and reclassifies the accepted call', async () => {
    const agent = desks[0] as Desk;
    clock.advance(60_000);
    await until(agent, (s) => s.agent.state === 'READY', 'ready again');
    for (const decide of ['reject', 'close'] as const) {
      simulator.peer.center.offerPreview('1001');
      const preview = previewIn(
        await until(agent, (s) => previewIn(s) !== undefined, 'preview'),
      ) as DialogView;
      expect(await agent.answer({ dialogId: preview.id })).toMatchObject({
        ok: false,
        error: { code: 'not-allowed' },
      });
      const result =
        decide === 'reject'
          ? await agent.rejectPreview({ dialogId: preview.id })
          : await agent.closePreview({ dialogId: preview.id });
      expect(result).toMatchObject({ ok: true });
      await until(agent, (s) => previewIn(s) === undefined && s.agent.state === 'READY', `after ${decide}`);
    }
    simulator.peer.center.offerPreview('1001', { number: '+441632960300' });
    const preview = previewIn(
      await until(agent, (s) => previewIn(s) !== undefined, 'third preview'),
    ) as DialogView;
    expect(await agent.acceptPreview({ dialogId: preview.id })).toMatchObject({ ok: true });
    clock.advance(3_000);
    await until(
      agent,
      (s) => s.dialogs.items.some((d) => d.id === preview.id && d.state === 'ACTIVE'),
      'preview call connected',
    );
    expect(await agent.reclassify({ dialogId: preview.id, value: 'VOICE' })).toMatchObject({ ok: true });
    expect(agent.state.notices.items.at(-1)).toMatchObject({ level: 'info', code: 'CALL_RECLASSIFIED' });
    await agent.release({ dialogId: preview.id });
  });

  it('lets a supervisor monitor, barge in, drop a participant, force ready and sign an agent out', async () => {
    const agent = desks[0] as Desk;
    const supervisor = await signedIn('9001', '5901');
    await supervisor.loadTeam({ teamId: '101' });
    clock.advance(60_000);
    await agent.setReady();
    simulator.peer.center.offerCall('Sales');
    const call = ringingIn(await until(agent, (s) => ringingIn(s) !== undefined, 'a call')) as DialogView;
    await agent.answer({ dialogId: call.id });
    expect(await supervisor.silentMonitor({ extension: '5001' })).toMatchObject({ ok: true });
    const monitor = (
      await until(supervisor, (s) => s.dialogs.items.some((d) => d.kind === 'monitor'), 'monitor call')
    ).dialogs.items.find((d) => d.kind === 'monitor') as DialogView;
    expect(await supervisor.endMonitor({ dialogId: monitor.id })).toMatchObject({ ok: true });
    await until(supervisor, (s) => s.dialogs.items.length === 0, 'monitor ended');
    await supervisor.silentMonitor({ extension: '5001' });
    const again = (
      await until(supervisor, (s) => s.dialogs.items.some((d) => d.kind === 'monitor'), 'monitor again')
    ).dialogs.items[0] as DialogView;
    expect(await supervisor.bargeIn({ dialogId: again.id })).toMatchObject({ ok: true });
    await until(
      agent,
      (s) => s.dialogs.items[0]?.participants.some((p) => p.role === 'SUPERVISOR_BARGE_IN') ?? false,
      'barged in',
    );
    expect(await supervisor.dropParticipant({ dialogId: call.id, extension: '5901' })).toMatchObject({
      ok: true,
    });
    await until(supervisor, (s) => s.dialogs.items.length === 0, 'supervisor dropped');
    await agent.release({ dialogId: call.id });

    clock.advance(60_000);
    await until(supervisor, (s) => s.team.members['1001']?.state === 'READY', 'member ready');
    expect(await supervisor.forceNotReady({ agentId: '1001' })).toMatchObject({ ok: true });
    expect(await supervisor.forceReady({ agentId: '1001' })).toMatchObject({ ok: true });
    expect(await supervisor.forceReady({ agentId: '4242' })).toMatchObject({
      ok: false,
      error: { field: 'agentId' },
    });
    expect(await supervisor.forceSignOut({ agentId: '1004' })).toMatchObject({ ok: true });
    await until(
      desks[1] as Desk,
      (s) => s.agent.signIn === 'signed-out',
      'colleague signed out by the supervisor',
    );
  });

  it('signs a mobile agent in with a nailed connection', async () => {
    const mobile = await signedIn('1010', '5010', { dialNumber: '+441632960444', mode: 'nailed' });
    expect(mobile.state.agent.mobile).toEqual({ dialNumber: '+441632960444', mode: 'nailed' });
    await until(
      mobile,
      (s) => s.notices.items.some((notice) => notice.code === 'MOBILE_NAILED_CONNECTION'),
      'nailed notice',
    );
    expect(await mobile.signOut()).toMatchObject({ ok: true });
  });

  it('after a broker restart: reconnects, refetches state and reason codes, and is no longer stale', async () => {
    const agent = desks[0] as Desk;
    const before = { ...simulator.peer.stats.byCommand };
    // Watched from before the restart: the desk is back as soon as the broker accepts again, which
    // can be before restart() has seen the broker fully started.
    const staleWhileAway = until(agent, (s) => s.connection.stale, 'stale while away', 60_000);
    await broker.restart();
    await staleWhileAway;
    await until(
      agent,
      (s) => s.connection.status === 'in-service' && !s.connection.stale,
      'fresh again',
      30_000,
    );
    const after = simulator.peer.stats.byCommand;
    for (const name of [
      'GetState',
      'GetNotReadyReasonCodes',
      'GetLogoutReasonCodes',
      'GetWrapUpReasonCodes',
    ]) {
      expect((after[name] ?? 0) - (before[name] ?? 0), name).toBeGreaterThanOrEqual(1);
    }
    // Call control works again, and reconnectNow makes a fresh connection on request.
    expect(await agent.setNotReady()).toMatchObject({ ok: true });
    await agent.reconnectNow();
    await until(agent, (s) => s.connection.status !== 'in-service', 'dropped on request');
    await until(agent, (s) => s.connection.status === 'in-service', 'back on request', 30_000);
  });
});
