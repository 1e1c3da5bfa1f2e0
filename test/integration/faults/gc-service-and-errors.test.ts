// GC's side failing (issue 8, "Faults"): GC going OUT_OF_SERVICE (it lost Finesse) and back, and
// GC's Error event for every error code it documents (GC-REFERENCE.md §5.13, the seed) and every
// one the desk has plain words for (main/core/desk/gc-errors.ts). A real Desk against the
// simulator on the shared ActiveMQ; the simulator's fault hooks (refuseNext, ignoreNext) make GC
// answer a command with a given Error, or lose it.
//
// What must hold: the agent reads a plain sentence, not a code; the state is right afterwards
// (not signed in after a refused sign-in, the agent state unchanged after a refused change);
// the action that was waiting is settled; and nothing stays stuck: the next action works.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Desk } from '../../../main/core/desk/desk.ts';
import { GC_ERROR_CODES, plainGcError } from '../../../main/core/desk/gc-errors.ts';
import type { SimulatorOnBroker } from '../../../main/demo/broker-face.ts';
import { ManualClock } from '../../../main/demo/sim/clock.ts';
import type { CommandName } from '../../../main/core/protocol/index.ts';
import { handleOneCall, openFaultDesk, quietSimulator, signIn, until } from '../../support/fault-desk.ts';
import { writeReliabilityFigures } from '../../support/reliability-figures.ts';
import { UiHealth } from '../../support/ui-health.ts';

const broker = inject('broker');

/** GC-REFERENCE.md §5.13: the identifiers GC's documents name. */
const DOCUMENTED_LOGIN_CODES = [
  'MISSING_EXTENSION',
  'WRONG_EXTENSION',
  'LICENSES_EXCEEDED',
  'MISSING_PASSWORD',
  'USER_NOT_FOUND',
  'GENERAL_ERROR',
  'CF_GENERIC_UNSPECIFIED',
  'CF_INVALID_LOGON_DEVICE_SPECIFIED',
  'CF_RESOURCE_BUSY',
];
const DOCUMENTED_CODES = [
  ...DOCUMENTED_LOGIN_CODES,
  'MISSING_DIALOG_ID',
  'AUTHORIZATION_FAILURE',
  'NOT_FOUND',
];
/** A code no document names: GC's own text reaches the agent as it came. */
const UNDOCUMENTED_CODE = 'SOMETHING_NEW_IN_GC_5';

const AGENT = { agentId: '1003', extension: '5003' };
const commandQueue = `faults-gc-${process.pid}`;
const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let dir: string;
let simulator: SimulatorOnBroker;
let desk: Desk;
let ui: UiHealth;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-faults-gc-'));
  simulator = await quietSimulator({ broker, clock, commandQueue });
  desk = await openFaultDesk({
    dir,
    name: 'gc',
    brokerUrl: broker.stompUrl,
    broker,
    commandQueue,
    // Long: an action left waiting must be settled by what happened, not by this timeout.
    replyTimeoutMs: 60_000,
  });
  ui = new UiHealth(desk);
  await until(desk, (s) => s.connection.status === 'in-service', 'in service');
});

afterAll(async () => {
  ui?.dispose();
  await desk?.stop();
  await simulator?.stop();
  await rm(dir, { recursive: true, force: true });
  await writeReliabilityFigures('gc-service-and-errors', figures);
});

const received = (name: CommandName) => simulator.peer.stats.byCommand[name] ?? 0;

async function untilReceived(name: CommandName, count: number): Promise<void> {
  const startedAt = Date.now();
  while (received(name) < count) {
    if (Date.now() - startedAt > 20_000) throw new Error(`the simulator never received ${name} #${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The result, or 'still waiting' if it has not settled within `ms`. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'still waiting'>(
    (resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function gcText(code: string): string {
  return `Finesse said no (${code.length} letters)`;
}

/** The newest notice, as the UI lists it. */
const newestNotice = () => ui.view.notices.items.at(-1);

describe('GC Error events', () => {
  it('has plain words for every documented code', () => {
    expect(GC_ERROR_CODES).toEqual(expect.arrayContaining(DOCUMENTED_CODES));
    for (const code of GC_ERROR_CODES) {
      const plain = plainGcError(code, '');
      expect(plain, code).not.toContain(code);
      expect(plain, code).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('refused sign-in, for every login error code: a plain message, signed out, and the next sign-in works', async () => {
    const shown: Record<string, string> = {};
    for (const code of [...DOCUMENTED_LOGIN_CODES, UNDOCUMENTED_CODE]) {
      simulator.peer.center.refuseNext('Login', code, gcText(code));
      const refused = await desk.signIn({
        agentId: AGENT.agentId,
        password: 'demo',
        extension: AGENT.extension,
      });
      const message = plainGcError(code, gcText(code));
      expect(refused, code).toEqual({ ok: false, error: { code, message } });
      if (code === UNDOCUMENTED_CODE) expect(message).toBe(gcText(code));
      else expect(message).toMatch(/^[A-Z][^_]*\(Finesse said no/);
      await until(desk, (s) => s.notices.items.at(-1)?.code === code, `the notice for ${code}`);
      await until(desk, () => newestNotice()?.code === code, `the UI's notice for ${code}`);
      expect(newestNotice()).toMatchObject({ level: 'error', code, message });
      expect(desk.state.agent.signIn).toBe('signed-out');
      shown[code] = message;

      // Nothing stuck: signing in works straight away, and so does signing out.
      expect(
        await desk.signIn({ agentId: AGENT.agentId, password: 'demo', extension: AGENT.extension }),
        code,
      ).toMatchObject({ ok: true });
      expect(await desk.signOut(), code).toMatchObject({ ok: true });
      await until(desk, (s) => s.agent.signIn === 'signed-out', 'signed out');
    }
    figures['loginErrorsShown'] = shown;
  });

  it('refused agent actions, for every other code: a plain message, state unchanged, the next action works', async () => {
    await signIn(desk, AGENT.agentId, AGENT.extension);
    expect(await desk.setReady()).toMatchObject({ ok: true });
    const others = [
      ...GC_ERROR_CODES.filter((code) => !DOCUMENTED_LOGIN_CODES.includes(code)),
      UNDOCUMENTED_CODE,
    ];
    const shown: Record<string, string> = {};
    for (const code of others) {
      // Which command GC refuses makes no difference to the desk; a state change is the commonest.
      simulator.peer.center.refuseNext('MakeNotReady', code, gcText(code));
      const refused = await desk.setNotReady();
      const message = plainGcError(code, gcText(code));
      expect(refused, code).toEqual({ ok: false, error: { code, message } });
      await until(desk, () => newestNotice()?.code === code, `the UI's notice for ${code}`);
      expect(newestNotice()).toMatchObject({ level: 'error', code, message });
      expect(desk.state.agent).toMatchObject({ signIn: 'signed-in', state: 'READY' });
      shown[code] = message;

      expect(await desk.setNotReady(), code).toMatchObject({ ok: true });
      expect(await desk.setReady()).toMatchObject({ ok: true });
    }
    figures['actionErrorsShown'] = shown;
    figures['codesExercised'] = DOCUMENTED_LOGIN_CODES.length + others.length;
  });

  it('an Error nobody asked for: shown plainly, and the desk carries on', async () => {
    simulator.peer.center.refuse(AGENT.agentId, 'CF_RESOURCE_BUSY', 'Device busy');
    await until(desk, () => newestNotice()?.message.startsWith('Your phone is busy') === true, 'the notice');
    expect(newestNotice()).toMatchObject({
      level: 'error',
      code: 'CF_RESOURCE_BUSY',
      message: 'Your phone is busy with another session. (Device busy)',
    });
    expect(desk.state.agent).toMatchObject({ signIn: 'signed-in', state: 'READY' });
    expect(await desk.setNotReady()).toMatchObject({ ok: true });
    expect(await desk.setReady()).toMatchObject({ ok: true });
  });
});

describe('GC going OUT_OF_SERVICE and back', () => {
  it('settles the waiting action, says so plainly, holds callbacks, and refreshes when GC is back', async () => {
    if (desk.state.agent.signIn !== 'signed-in') await signIn(desk, AGENT.agentId, AGENT.extension);
    const dialogId = await handleOneCall(desk, simulator, AGENT.agentId);
    expect(await desk.setReady()).toMatchObject({ ok: true });
    const mark = ui.mark();

    // A state change is on its way when GC loses Finesse; GC never answers it.
    simulator.peer.center.ignoreNext('MakeNotReady');
    const before = received('MakeNotReady');
    const waiting = desk.setNotReady();
    await untilReceived('MakeNotReady', before + 1);
    const lostAt = Date.now();
    simulator.peer.center.setInService(false);

    const outOfService = await ui.waitFor((shown) => shown.kind === 'out-of-service', 'out of service', mark);
    const settled = await settledWithin(waiting, 20_000);
    expect(settled).toMatchObject({
      ok: false,
      error: { code: 'out-of-service', message: expect.stringContaining('out of service') },
    });
    figures['outOfService'] = { shownAfterMs: outOfService.at - lostAt, waitingActionSettledWith: settled };

    // While out of service: call control is refused at once, in plain words; callbacks are kept.
    expect(await desk.setReady()).toEqual({
      ok: false,
      error: {
        code: 'not-connected',
        message: 'The connector is out of service (it cannot reach Finesse). Nothing was sent.',
      },
    });
    expect(
      await desk.scheduleCallback({
        dialogId,
        callbackTime: '2026-11-25 10:00',
        callbackNumber: '+441632960123',
      }),
    ).toMatchObject({ ok: true });
    expect(desk.state.callbacks.outbox).toHaveLength(1);
    expect(ui.current.kind).toBe('out-of-service');

    // GC is back: connected, state fetched again, the callback delivered once.
    const getStateBefore = received('GetState');
    const scheduledBefore = received('ScheduleCallback');
    const backAt = Date.now();
    simulator.peer.center.setInService(true);
    const back = await ui.waitFor((shown) => shown.kind === 'connected', 'connected again', mark);
    await until(
      desk,
      (s) => s.callbacks.outbox.length === 0 && s.callbacks.items.some((item) => item.dialogId === dialogId),
      'the callback delivered',
    );
    await untilReceived('GetState', getStateBefore + 1);
    expect(received('ScheduleCallback') - scheduledBefore).toBe(1);
    expect(desk.state.connection).toMatchObject({ status: 'in-service', stale: false });
    expect(desk.state.agent).toMatchObject({ signIn: 'signed-in', state: 'READY' });
    expect(await desk.setNotReady()).toMatchObject({ ok: true });
    figures['backInService'] = { connectedAfterMs: back.at - backAt, shown: ui.kinds(mark) };
  });
});
