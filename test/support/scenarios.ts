// Scenarios against the simulated contact center, written once and run against every face (the
// simulator on a real ActiveMQ, the embedded demo gateway). A scenario drives real GcSession
// clients (test/support/gc-client.ts) and scripts the center directly (calls, previews, hang-ups,
// GC outages) on a ManualClock, so what comes back is the same event for event on every run.
//
// - conformance: every command of the catalog goes through the face at least once, and what comes
//   back (decoded by the codec inside GcSession) is checked for kind and key fields, refusals
//   (GC Error events with the simulator's codes) included.
// - day in the life: one agent's working day, recorded as a transcript of decoded events per
//   client. Same seed, same transcript: on a second run, and on the other face.

import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import {
  COMMAND_NAMES,
  type CommandName,
  type DecodedEvent,
  type GcEvent,
} from '../../main/core/protocol/index.ts';
import type { ManualClock } from '../../main/demo/sim/clock.ts';
import type { ContactCenter, ContactCenterOptions } from '../../main/demo/sim/contact-center.ts';
import type { GcClient } from './gc-client.ts';

// ---------------------------------------------------------------------------------------------
// Context

export interface ClientOptions {
  /** Send Login and wait for AgentInfo and State (default true). */
  readonly signIn?: boolean;
  /** Bind the agent in GcSession, so Connect goes out on IN_SERVICE (default true). */
  readonly bind?: boolean;
}

export interface ScenarioContext {
  /** Which face the scenario runs against, for messages. */
  readonly face: string;
  readonly center: ContactCenter;
  readonly clock: ManualClock;
  /** A GcSession driver for `agentId` on a destination of its own; signed in unless told otherwise. */
  client(agentId: string, options?: ClientOptions): Promise<GcClient>;
}

export interface Scenario<R = unknown> {
  readonly name: string;
  run(ctx: ScenarioContext): Promise<R>;
}

/** What a face provides: a way to open a driver on a destination, and the simulation behind it. */
export interface FaceConnection {
  readonly face: string;
  readonly center: ContactCenter;
  readonly clock: ManualClock;
  /** Unique per face instance, so parallel runs and leftovers cannot cross. */
  readonly destinationPrefix: string;
  connect(clientDestination: string, agent?: { agentId: string; password: string }): Promise<GcClient>;
}

export const DEMO_PASSWORD = 'demo';

/** The simulator options every scenario assumes: scripted, no random traffic, no autopilot. */
export function scriptedSimOptions(seed: number, clock: ManualClock): ContactCenterOptions {
  return {
    seed,
    clock,
    autopilot: false,
    traffic: {
      meanInterArrivalMs: Infinity,
      meanTalkMs: Infinity,
      meanPreviewGapMs: Infinity,
      meanPatienceMs: Infinity,
    },
  };
}

/** The context for one face; `closeAll` stops every client it opened. */
export function createScenarioContext(connection: FaceConnection): {
  ctx: ScenarioContext;
  closeAll(): Promise<void>;
} {
  const clients: GcClient[] = [];
  let sequence = 0;
  const ctx: ScenarioContext = {
    face: connection.face,
    center: connection.center,
    clock: connection.clock,
    async client(agentId, options = {}) {
      const user = connection.center.roster.byLoginId(agentId);
      if (!user) throw new RangeError(`${agentId} is not in the simulated roster`);
      const destination = `${connection.destinationPrefix}-${agentId}-${++sequence}`;
      const client = await connection.connect(
        destination,
        options.bind === false ? undefined : { agentId, password: DEMO_PASSWORD },
      );
      clients.push(client);
      if (options.signIn === false) return client;
      client.mark();
      // Connect went out on IN_SERVICE, before this, on the same connection: GC sees it first.
      await client.send({ name: 'Login', id: agentId, password: DEMO_PASSWORD, extension: user.extension });
      await client.waitForKind('AgentInfo', undefined, { description: `AgentInfo of ${agentId}` });
      await client.waitForKind('State', (event) => event.agentId === agentId, {
        description: `State of ${agentId} after Login`,
      });
      return client;
    },
  };
  return {
    ctx,
    async closeAll() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the scenarios

type EventOf<K extends DecodedEvent['kind']> = Extract<DecodedEvent, { kind: K }>;

/** Marks every client, so the waits that follow see only what comes after. */
function markAll(...clients: GcClient[]): void {
  for (const client of clients) client.mark();
}

/** Sends and waits for the first event of `kind` (optionally matching) that follows. */
async function request<K extends DecodedEvent['kind']>(
  client: GcClient,
  command: Parameters<GcClient['send']>[0],
  kind: K,
  match?: (event: EventOf<K>) => boolean,
): Promise<EventOf<K>> {
  client.mark();
  await client.send(command);
  return client.waitForKind(kind, match, { description: `${kind} answering ${command.name}` });
}

/** Sends a command the simulator must refuse, and checks the GC Error that comes back. */
async function refused(
  client: GcClient,
  command: Parameters<GcClient['send']>[0],
  code: string,
  receiver: string = command.id,
): Promise<EventOf<'Error'>> {
  const error = await request(client, command, 'Error');
  expect(error, `${command.name} should be refused with ${code}`).toMatchObject({ code, receiver });
  expect(error.message).not.toBe('');
  return error;
}

async function refusedRaw(
  client: GcClient,
  type: string,
  body: string,
  code: string,
  receiver: string,
): Promise<void> {
  client.mark();
  await client.sendRaw(type, body);
  const error = await client.waitForKind('Error', undefined, {
    description: `Error answering raw "${type}" "${body}"`,
  });
  expect(error, `raw ${type} "${body}"`).toMatchObject({ code, receiver });
}

const wait = <K extends DecodedEvent['kind']>(
  client: GcClient,
  kind: K,
  match?: (event: EventOf<K>) => boolean,
  description?: string,
): Promise<EventOf<K>> => client.waitForKind(kind, match, description === undefined ? {} : { description });

const stateIs =
  (state: string, agentId?: string) =>
  (event: EventOf<'State'>): boolean =>
    event.state === state && (agentId === undefined || event.agentId === agentId);

const dialogIs =
  (dialogId: string, state?: string) =>
  (event: EventOf<'InboundCall'> | EventOf<'ConsultCall'>): boolean =>
    event.dialogId === dialogId && (state === undefined || event.state === state);

/** Polls a condition on the simulation (for the replies GC does not send, like Connect's). */
async function until(condition: () => boolean, description: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function extensionOf(center: ContactCenter, agentId: string): string {
  const user = center.roster.byLoginId(agentId);
  if (!user) throw new RangeError(`${agentId} is not in the roster`);
  return user.extension;
}

// ---------------------------------------------------------------------------------------------
// (a) Conformance: every command, every reply kind, every refusal code

/** Error codes the simulator answers with; the conformance scenario provokes each one. */
export const SIMULATOR_ERROR_CODES = [
  'USER_NOT_FOUND',
  'AUTHORIZATION_FAILURE',
  'MISSING_PASSWORD',
  'MISSING_EXTENSION',
  'MISSING_DIALOG_ID',
  'WRONG_EXTENSION',
  'CF_INVALID_LOGON_DEVICE_SPECIFIED',
  'CF_GENERIC_UNSPECIFIED',
  'INVALID_REASON_CODE',
  'INVALID_STATE',
  'NOT_FOUND',
  'INVALID_RECLASSIFY_VALUE',
  'CALLBACK_EXISTS',
  'INVALID_CALLBACK_TIME',
  'INVALID_CALLBACK_NUMBER',
  'UNKNOWN_COMMAND',
  'GENERAL_ERROR',
] as const;

export interface ConformanceReport {
  readonly commandsSent: ReadonlySet<CommandName>;
  readonly errorCodes: ReadonlySet<string>;
}

export const conformance: Scenario<ConformanceReport> = {
  name: 'conformance: every catalog command, its replies and its refusals',
  async run(ctx) {
    const { center, clock } = ctx;
    const A = '1001';
    const B = '1004'; // same team (Sales, 101) as A
    const M = '1007'; // signs in by hand: the refusals of Connect and Login, then mobile
    const S = '9001'; // supervises teams 101 and 103
    const extA = extensionOf(center, A);
    const extB = extensionOf(center, B);
    const extM = extensionOf(center, M);
    const extS = extensionOf(center, S);

    const agent = await ctx.client(A);
    const colleague = await ctx.client(B);
    const supervisor = await ctx.client(S);
    const mobile = await ctx.client(M, { bind: false, signIn: false });
    const all = [agent, colleague, supervisor, mobile];

    // --- System: Hello and Beat answer with the service status, on the destination itself.
    for (const name of ['Hello', 'Beat'] as const) {
      const status = await request(mobile, { name, id: mobile.clientDestination }, 'InService');
      expect(status.receiver).toBe(mobile.clientDestination);
    }

    // --- Connect: refusals go to the destination named in the body; success is silent.
    await refused(
      mobile,
      { name: 'Connect', id: '4242', clientDestination: mobile.clientDestination, password: DEMO_PASSWORD },
      'USER_NOT_FOUND',
    );
    await refused(
      mobile,
      { name: 'Connect', id: M, clientDestination: mobile.clientDestination, password: 'wrong' },
      'AUTHORIZATION_FAILURE',
    );
    await mobile.send({
      name: 'Connect',
      id: M,
      clientDestination: mobile.clientDestination,
      password: DEMO_PASSWORD,
    });
    await until(
      () => center.snapshot().agents.find((entry) => entry.loginId === M)?.bound === true,
      `${M} is bound`,
    );

    // --- Login and mobile login, refused and accepted.
    await refused(
      mobile,
      { name: 'Login', id: M, password: DEMO_PASSWORD, extension: '5999' },
      'WRONG_EXTENSION',
    );
    await refused(
      mobile,
      { name: 'Login', id: M, password: 'wrong', extension: extM },
      'AUTHORIZATION_FAILURE',
    );
    await refused(
      mobile,
      {
        name: 'MobileAgentLogin',
        id: M,
        password: DEMO_PASSWORD,
        extension: extM,
        dialNumber: 'abc',
        callByCall: true,
      },
      'CF_INVALID_LOGON_DEVICE_SPECIFIED',
    );
    mobile.mark();
    await mobile.send({
      name: 'MobileAgentLogin',
      id: M,
      password: DEMO_PASSWORD,
      extension: extM,
      dialNumber: '+441632960961',
      callByCall: true,
    });
    expect(await wait(mobile, 'AgentInfo')).toMatchObject({
      receiver: M,
      isSupervisor: false,
      teamId: '101',
    });
    expect(await wait(mobile, 'State')).toMatchObject({ state: 'NOT_READY', agentId: M, extension: extM });
    expect(await wait(mobile, 'Control')).toMatchObject({ code: 'MOBILE_CALL_BY_CALL' });
    expect(await request(mobile, { name: 'ForceLogout', id: M }, 'State')).toMatchObject({
      state: 'LOGOUT',
      agentId: M,
    });

    // --- Agent state and reason codes.
    expect(await request(agent, { name: 'GetState', id: A }, 'State')).toMatchObject({
      receiver: A,
      state: 'NOT_READY',
      reasonCodeId: '-1',
      agentId: A,
      extension: extA,
      stateChangeTime: '2026-11-24 08:00:00',
    });
    const categories = [
      ['GetNotReadyReasonCodes', 'NOT_READY', '1'],
      ['GetLogoutReasonCodes', 'LOGOUT', '21'],
      ['GetWrapUpReasonCodes', 'WrapUp', '31'],
    ] as const;
    for (const [name, category, firstId] of categories) {
      const codes = await request(agent, { name, id: A }, 'ReasonCodes');
      expect(codes.category).toBe(category);
      expect(codes.codes[0]?.id).toBe(firstId);
      expect(codes.codes.every((code) => code.label !== '')).toBe(true);
    }
    await refused(agent, { name: 'MakeNotReadyWithReason', id: A, reasonCode: '99' }, 'INVALID_REASON_CODE');
    expect(
      await request(agent, { name: 'MakeNotReadyWithReason', id: A, reasonCode: '1' }, 'State'),
    ).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: '1',
      reasonLabel: 'Break',
    });
    expect(await request(agent, { name: 'MakeNotReady', id: A }, 'State')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: '-1',
    });

    // --- An outbound call: dialled, answered by the far end, asked about, released.
    await refused(agent, { name: 'MakeCall', id: A, number: 'abc' }, 'CF_GENERIC_UNSPECIFIED');
    agent.mark();
    await agent.send({ name: 'MakeCall', id: A, number: '+44 20 7946 0999' });
    const dialing = await wait(agent, 'InboundCall', (event) => event.state === 'INITIATING');
    expect(dialing).toMatchObject({ callType: 'OUT', startTime: '2026-11-24 08:00:00' });
    const outbound = dialing.dialogId;
    await wait(agent, 'State', stateIs('TALKING'));
    agent.mark();
    clock.advance(3_000);
    const connected = await wait(agent, 'InboundCall', dialogIs(outbound, 'ACTIVE'));
    expect(connected.participants.map((party) => party.state)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(connected.fromAddress).toBe('+44 20 7946 0999');
    expect(
      await request(agent, { name: 'GetDialogState', id: A, dialogId: outbound }, 'InboundCall'),
    ).toMatchObject({
      dialogId: outbound,
      state: 'ACTIVE',
    });

    // --- Consult transfer of that call to the colleague (NOT_READY agents take internal calls).
    await refused(
      agent,
      { name: 'TransferCall', id: A, extension: extB, dialogId: outbound },
      'INVALID_STATE',
    );
    markAll(colleague);
    await request(
      agent,
      { name: 'ConsultCall', id: A, extension: extB, dialogId: outbound },
      'ConsultCall',
      (event) => event.otherParty === extB,
    );
    const transferLeg = (await wait(colleague, 'NewInboundCall')).dialogId;
    await wait(colleague, 'InboundCall', dialogIs(transferLeg, 'ALERTING'));
    markAll(agent);
    await request(
      colleague,
      { name: 'AnswerCall', id: B, dialogId: transferLeg },
      'State',
      stateIs('TALKING', B),
    );
    await wait(agent, 'ConsultCall', dialogIs(transferLeg, 'ACTIVE'));
    markAll(colleague);
    await agent.send({ name: 'TransferCall', id: A, extension: extB, dialogId: outbound });
    await wait(agent, 'InboundCall', dialogIs(outbound, 'DROPPED'));
    await wait(agent, 'ConsultCall', dialogIs(transferLeg, 'DROPPED'));
    await wait(agent, 'State', stateIs('NOT_READY'));
    const transferred = await wait(colleague, 'InboundCall', dialogIs(transferLeg, 'ACTIVE'));
    expect(transferred).toMatchObject({ fromAddress: '+44 20 7946 0999', callType: 'OUT' });
    expect(transferred.participants.map((party) => party.mediaAddress).sort()).toEqual([
      '+44 20 7946 0999',
      extB,
    ]);
    await refused(agent, { name: 'GetDialogState', id: A, dialogId: outbound }, 'NOT_FOUND');
    markAll(colleague);
    await colleague.send({ name: 'ReleaseCall', id: B, dialogId: transferLeg });
    await wait(colleague, 'InboundCall', dialogIs(transferLeg, 'DROPPED'));
    await wait(colleague, 'State', stateIs('NOT_READY', B));

    expect(await request(agent, { name: 'MakeReady', id: A }, 'State')).toMatchObject({
      state: 'READY',
      reasonCodeId: '',
    });
    await refused(agent, { name: 'MakeCall', id: A, number: '5004' }, 'INVALID_STATE');

    // --- A routed call: offered, answered, held, retrieved.
    markAll(agent);
    const main = center.offerCall('Sales', {
      ani: '+441632960001',
      variables: [{ name: 'account', value: '77' }],
    });
    expect(await wait(agent, 'State')).toMatchObject({ state: 'RESERVED' });
    expect(await wait(agent, 'NewInboundCall')).toMatchObject({
      dialogId: main,
      ani: '+441632960001',
      queueName: 'Sales',
      callVariables: [{ name: 'account', value: '77' }],
    });
    expect(await wait(agent, 'InboundCall')).toMatchObject({
      dialogId: main,
      state: 'ALERTING',
      callType: 'ACD_IN',
    });
    await refused(agent, { name: 'AnswerCall', id: A, dialogId: '1' }, 'NOT_FOUND');
    expect(await request(agent, { name: 'AnswerCall', id: A, dialogId: main }, 'InboundCall')).toMatchObject({
      state: 'ACTIVE',
    });
    await wait(agent, 'State', stateIs('TALKING'));
    expect(await request(agent, { name: 'HoldCall', id: A, dialogId: main }, 'InboundCall')).toMatchObject({
      state: 'HELD',
    });
    await wait(agent, 'State', stateIs('HOLD'));
    await refused(agent, { name: 'HoldCall', id: A, dialogId: main }, 'INVALID_STATE');
    expect(
      await request(agent, { name: 'RetrieveCall', id: A, dialogId: main }, 'InboundCall'),
    ).toMatchObject({
      state: 'ACTIVE',
    });
    await wait(agent, 'State', stateIs('TALKING'));

    // --- Consult, then conference the colleague in.
    await refused(agent, { name: 'ConferenceCall', id: A, extension: extB, dialogId: main }, 'INVALID_STATE');
    await refused(agent, { name: 'ConsultCall', id: A, extension: extA, dialogId: main }, 'INVALID_STATE');
    markAll(agent, colleague);
    await agent.send({ name: 'ConsultCall', id: A, extension: extB, dialogId: main });
    await wait(agent, 'InboundCall', dialogIs(main, 'HELD'));
    const consultNotice = await wait(colleague, 'NewInboundCall');
    expect(consultNotice.ani).toBe(extA);
    expect(consultNotice.callVariables).toContainEqual({ name: 'associatedDialogId', value: main });
    const consult = consultNotice.dialogId;
    expect(await wait(colleague, 'InboundCall')).toMatchObject({
      dialogId: consult,
      state: 'ALERTING',
      callType: 'CONSULT',
    });
    expect(await wait(agent, 'ConsultCall', (event) => event.otherParty === extB)).toMatchObject({
      dialogId: consult,
      state: 'INITIATED',
    });
    await refused(agent, { name: 'ConferenceCall', id: A, extension: extB, dialogId: main }, 'INVALID_STATE');
    markAll(agent);
    expect(
      await request(colleague, { name: 'AnswerCall', id: B, dialogId: consult }, 'InboundCall'),
    ).toMatchObject({
      state: 'ACTIVE',
    });
    await wait(colleague, 'State', stateIs('TALKING', B));
    expect(await wait(agent, 'ConsultCall', dialogIs(consult, 'ACTIVE'))).toMatchObject({ otherParty: extB });
    markAll(colleague);
    const conference = await request(
      agent,
      { name: 'ConferenceCall', id: A, extension: extB, dialogId: main },
      'InboundCall',
      dialogIs(main, 'ACTIVE'),
    );
    expect(conference.participants.map((party) => party.mediaAddress).sort()).toEqual(
      ['+441632960001', extA, extB].sort(),
    );
    expect((await wait(colleague, 'InboundCall', dialogIs(main, 'ACTIVE'))).participants).toHaveLength(3);

    // --- The supervisor drops the colleague from the conference.
    await refused(
      supervisor,
      { name: 'DropParticipant', id: S, extension: '5999', dialogId: main },
      'NOT_FOUND',
    );
    markAll(colleague, agent);
    expect(
      await request(
        supervisor,
        { name: 'DropParticipant', id: S, extension: extB, dialogId: main },
        'Control',
      ),
    ).toMatchObject({ receiver: S, code: 'PARTICIPANT_DROPPED' });
    await wait(colleague, 'InboundCall', dialogIs(main, 'DROPPED'));
    await wait(colleague, 'State', stateIs('NOT_READY', B));
    expect((await wait(agent, 'InboundCall', dialogIs(main, 'ACTIVE'))).participants).toHaveLength(2);
    await refused(
      supervisor,
      { name: 'DropParticipant', id: S, extension: extA, dialogId: main },
      'INVALID_STATE',
    );

    // --- Blind transfer to the colleague, who answers.
    await refused(
      agent,
      { name: 'BlindTransfer', id: A, number: 'abc', dialogId: main },
      'CF_GENERIC_UNSPECIFIED',
    );
    markAll(colleague);
    await agent.send({ name: 'BlindTransfer', id: A, number: extB, dialogId: main });
    await wait(agent, 'InboundCall', dialogIs(main, 'DROPPED'));
    await wait(agent, 'State', stateIs('WORK_READY'));
    expect(await wait(colleague, 'NewInboundCall')).toMatchObject({ dialogId: main, ani: '+441632960001' });
    await wait(colleague, 'InboundCall', dialogIs(main, 'ALERTING'));
    await request(
      colleague,
      { name: 'AnswerCall', id: B, dialogId: main },
      'InboundCall',
      dialogIs(main, 'ACTIVE'),
    );
    await wait(colleague, 'State', stateIs('TALKING', B));

    // --- Silent monitor, end it, monitor again and barge in.
    await refused(supervisor, { name: 'SilentMonitor', id: S, extension: '5002' }, 'AUTHORIZATION_FAILURE');
    await refused(agent, { name: 'SilentMonitor', id: A, extension: extB }, 'AUTHORIZATION_FAILURE');
    const monitor = await request(
      supervisor,
      { name: 'SilentMonitor', id: S, extension: extB },
      'InboundCall',
    );
    expect(monitor).toMatchObject({ receiver: S, callType: 'SM', state: 'ACTIVE' });
    expect(monitor.dialogId).not.toBe(main);
    await wait(supervisor, 'State', stateIs('TALKING', S));
    expect(
      await request(
        supervisor,
        { name: 'EndSilentMonitor', id: S, dialogId: monitor.dialogId },
        'InboundCall',
      ),
    ).toMatchObject({ dialogId: monitor.dialogId, state: 'DROPPED' });
    await wait(supervisor, 'State', stateIs('NOT_READY', S));
    await refused(supervisor, { name: 'EndSilentMonitor', id: S, dialogId: main }, 'INVALID_STATE');
    await refused(supervisor, { name: 'EndSilentMonitor', id: S, dialogId: monitor.dialogId }, 'NOT_FOUND');
    const again = await request(supervisor, { name: 'SilentMonitor', id: S, extension: extB }, 'InboundCall');
    expect(again.callType).toBe('SM');
    await wait(supervisor, 'State', stateIs('TALKING', S));
    await refused(supervisor, { name: 'BargeIn', id: S, extension: extA, dialogId: main }, 'WRONG_EXTENSION');
    markAll(colleague);
    await supervisor.send({ name: 'BargeIn', id: S, extension: extS, dialogId: main });
    await wait(supervisor, 'InboundCall', dialogIs(again.dialogId, 'DROPPED'));
    const barged = await wait(supervisor, 'InboundCall', dialogIs(main, 'ACTIVE'));
    expect(barged.participants).toContainEqual(
      expect.objectContaining({ mediaAddress: extS, role: 'SUPERVISOR_BARGE_IN' }),
    );
    expect((await wait(colleague, 'InboundCall', dialogIs(main, 'ACTIVE'))).participants).toHaveLength(3);
    markAll(colleague, supervisor);
    center.customerHangup(main);
    await wait(colleague, 'InboundCall', dialogIs(main, 'DROPPED'));
    await wait(colleague, 'State', stateIs('NOT_READY', B));
    await wait(supervisor, 'InboundCall', dialogIs(main, 'DROPPED'));
    await wait(supervisor, 'State', stateIs('NOT_READY', S));

    // --- Team and queue statistics.
    await refused(supervisor, { name: 'GetTeamUsers', id: S, teamId: '102' }, 'AUTHORIZATION_FAILURE');
    await refused(agent, { name: 'GetTeamUsers', id: A, teamId: '101' }, 'AUTHORIZATION_FAILURE');
    const team = await request(
      supervisor,
      { name: 'GetTeamUsers', id: S, teamId: '101', includeLoggedOut: true },
      'TeamUsersList',
    );
    expect(team.members.find((member) => member.loginId === A)).toMatchObject({
      state: 'WORK_READY',
      extension: extA,
    });
    expect(team.members.find((member) => member.loginId === B)).toMatchObject({
      state: 'NOT_READY',
      mediaType: 'voice',
    });
    expect(team.members.find((member) => member.loginId === M)).toMatchObject({ state: 'LOGOUT' });
    const queues = await request(supervisor, { name: 'GetQueueList', id: S }, 'QueueList');
    expect(queues.form).toBe('ucce');
    expect(queues.queues.map((queue) => queue.name)).toEqual(['Sales', 'Billing']);
    await refused(agent, { name: 'GetQueueList', id: A }, 'AUTHORIZATION_FAILURE');

    // --- Wrap-up ends; the supervisor watching team 101 hears about it too.
    markAll(agent, supervisor);
    clock.advance(20_000);
    await wait(agent, 'State', stateIs('READY', A));
    expect(await wait(supervisor, 'State', stateIs('READY', A))).toMatchObject({ receiver: S });

    // --- Outbound preview: rejected, closed, accepted; the accepted call is reclassified.
    const offerPreview = async (): Promise<string> => {
      agent.mark();
      const dialogId = center.offerPreview(A, {
        number: '+441632960100',
        name: 'Ana Ruiz',
        account: '123456',
      });
      if (dialogId === undefined) throw new Error(`${A} was not READY for a preview`);
      await wait(agent, 'State', stateIs('RESERVED_OUTBOUND_PREVIEW'));
      const notice = await wait(agent, 'NewInboundCall');
      expect(notice.callVariables).toContainEqual({ name: 'BABuddyName', value: 'Ana Ruiz' });
      expect(await wait(agent, 'InboundCall')).toMatchObject({
        dialogId,
        callType: 'OUTBOUND_PREVIEW',
        state: 'ALERTING',
      });
      return dialogId;
    };
    const rejected = await offerPreview();
    await refused(agent, { name: 'AnswerCall', id: A, dialogId: rejected }, 'INVALID_STATE');
    await refused(agent, { name: 'ReleaseCall', id: A, dialogId: rejected }, 'INVALID_STATE');
    await request(
      agent,
      { name: 'RejectOutboundPreview', id: A, dialogId: rejected },
      'InboundCall',
      dialogIs(rejected, 'DROPPED'),
    );
    await wait(agent, 'State', stateIs('READY'));
    const closed = await offerPreview();
    await request(
      agent,
      { name: 'CloseOutboundPreview', id: A, dialogId: closed },
      'InboundCall',
      dialogIs(closed, 'DROPPED'),
    );
    await wait(agent, 'State', stateIs('READY'));
    const accepted = await offerPreview();
    expect(
      await request(agent, { name: 'AcceptOutboundPreview', id: A, dialogId: accepted }, 'InboundCall'),
    ).toMatchObject({ state: 'INITIATED', callType: 'OUTBOUND' });
    await wait(agent, 'State', stateIs('TALKING'));
    await refused(agent, { name: 'AcceptOutboundPreview', id: A, dialogId: accepted }, 'INVALID_STATE');
    agent.mark();
    clock.advance(3_000);
    await wait(agent, 'InboundCall', dialogIs(accepted, 'ACTIVE'));
    const reclassify = { name: 'ReclassifyCall', id: A, extension: extA, dialogId: accepted } as const;
    await refused(agent, { ...reclassify, value: 'X' }, 'INVALID_RECLASSIFY_VALUE');
    await refused(agent, { ...reclassify, dialogId: main, value: 'VOICE' }, 'NOT_FOUND');
    expect(await request(agent, { ...reclassify, value: 'voice' }, 'Control')).toMatchObject({
      code: 'CALL_RECLASSIFIED',
    });

    // --- Signing out is refused on a call, and with an unknown reason.
    await refused(agent, { name: 'Logout', id: A }, 'INVALID_STATE');
    await refused(agent, { name: 'LogoutWithReason', id: A, reasonCode: '99' }, 'INVALID_REASON_CODE');

    // --- Callbacks for the accepted preview's customer.
    const callback = { id: A, extension: extA, dialogId: accepted, callbackNumber: '+441632960555' } as const;
    const schedule = (
      overrides: Partial<{
        extension: string;
        dialogId: string;
        callbackTime: string;
        callbackNumber: string;
      }>,
    ) =>
      ({ name: 'ScheduleCallback', ...callback, callbackTime: '2026-11-25 10:30:00', ...overrides }) as const;
    await refused(agent, schedule({ extension: extB }), 'WRONG_EXTENSION');
    await refused(agent, schedule({ dialogId: '1' }), 'NOT_FOUND');
    await refused(agent, schedule({ callbackTime: '2026-11-24 07:00:00' }), 'INVALID_CALLBACK_TIME');
    await refused(agent, schedule({ callbackTime: 'tomorrow' }), 'INVALID_CALLBACK_TIME');
    await refused(agent, schedule({ callbackNumber: 'abc' }), 'INVALID_CALLBACK_NUMBER');
    expect(await request(agent, schedule({}), 'Callback')).toMatchObject({
      action: 'SCHEDULED',
      dialogId: accepted,
      callbackTime: '2026-11-25 10:30:00',
      callbackNumber: '+441632960555',
    });
    await refused(agent, schedule({}), 'CALLBACK_EXISTS');
    expect(
      await request(
        agent,
        {
          name: 'UpdateCallback',
          ...callback,
          callbackTime: '2026-11-25 11:00',
          callbackNumber: '+441632960556',
        },
        'Callback',
      ),
    ).toMatchObject({
      action: 'UPDATED',
      callbackTime: '2026-11-25 11:00:00',
      callbackNumber: '+441632960556',
    });
    await refused(
      agent,
      { name: 'UpdateCallback', ...callback, dialogId: '1', callbackTime: '2026-11-25 11:00' },
      'NOT_FOUND',
    );
    expect(center.snapshot().agents.find((entry) => entry.loginId === A)?.callbacks).toHaveLength(1);
    expect(
      await request(
        agent,
        { name: 'CancelCallback', id: A, extension: extA, dialogId: accepted },
        'Callback',
      ),
    ).toMatchObject({ action: 'CANCELLED', dialogId: accepted });
    await refused(agent, { name: 'CancelCallback', id: A, extension: extA, dialogId: accepted }, 'NOT_FOUND');
    await request(
      agent,
      { name: 'ReleaseCall', id: A, dialogId: accepted },
      'InboundCall',
      dialogIs(accepted, 'DROPPED'),
    );
    await wait(agent, 'State', stateIs('WORK_READY'));

    // --- Wrap-up reason: refused for a code that is not one, accepted in silence otherwise (GC
    // documents no reply), so the proof is in the simulator's own record.
    await refused(
      agent,
      { name: 'UpdateWrapUpReason', id: A, dialogId: accepted, reasonCode: '99' },
      'INVALID_REASON_CODE',
    );
    await agent.send({ name: 'UpdateWrapUpReason', id: A, dialogId: accepted, reasonCode: '31' });
    for (let tries = 0; ; tries++) {
      const recorded = center.snapshot().agents.find((entry) => entry.loginId === A)?.wrapUpReasons[accepted];
      if (recorded === '31') break;
      if (tries > 500) throw new Error('the simulator never recorded the wrap-up reason');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // --- Lookups.
    expect((await request(agent, { name: 'GetSkillGroups', id: A }, 'SkillGroups')).skillGroups).toEqual([
      { id: '1101', name: 'Sales_EN' },
      { id: '1102', name: 'Sales_ES' },
    ]);
    expect((await request(agent, { name: 'GetSupervisors', id: A }, 'Supervisors')).supervisors).toEqual([
      expect.objectContaining({ loginId: S, extension: extS }),
    ]);
    expect((await request(agent, { name: 'GetPhonebooks', id: A }, 'Phonebooks')).phonebooks).toEqual([
      { id: '1', name: 'Company directory', type: 'GLOBAL' },
      { id: '2', name: 'Suppliers', type: 'GLOBAL' },
    ]);
    expect(
      (await request(agent, { name: 'GetTeamPhonebooks', id: A, teamId: '101' }, 'TeamPhonebooks'))
        .phonebooks,
    ).toEqual([{ id: '11', name: 'Sales team book', type: 'TEAM' }]);
    const noTeamBook = await request(
      agent,
      { name: 'GetTeamPhonebooks', id: A, teamId: '103' },
      'TeamPhonebooks',
    );
    expect(noTeamBook.phonebooks).toEqual([]);
    expect(agent.raw[agent.events.indexOf(noTeamBook)]).toBe(`${A}#TeamPhoneBooks#NoTeamPhoneBookFound`);
    const suppliers = await request(
      agent,
      { name: 'GetPhonebookContacts', id: A, phonebookId: '2' },
      'PhonebookContacts',
    );
    expect(suppliers.contacts).toHaveLength(40);
    expect(suppliers.contacts[0]).toMatchObject({ id: '2-1', phoneNumber: '+44 20 7946 0000' });
    const none = await request(
      agent,
      { name: 'GetPhonebookContacts', id: A, phonebookId: 'nope' },
      'PhonebookContacts',
    );
    expect(none.contacts).toEqual([]);
    expect(agent.raw[agent.events.indexOf(none)]).toBe(`${A}#PhonebookContacts#NoContactFound`);

    // --- GC loses Finesse and gets it back: every bound client hears it, the session follows.
    const statusMark = agent.statuses.length;
    markAll(agent);
    center.setInService(false);
    await wait(agent, 'OutOfService');
    await agent.waitForStatus('out-of-service', { since: statusMark });
    // While out of service, Hello keeps probing and GC keeps saying so.
    await request(agent, { name: 'Hello', id: agent.clientDestination }, 'OutOfService');
    center.setInService(true);
    await wait(agent, 'InService');
    await agent.waitForStatus('in-service', { since: statusMark });

    // --- Signing out, and what a signed-out agent may not do.
    expect(await request(agent, { name: 'Logout', id: A }, 'State')).toMatchObject({
      state: 'LOGOUT',
      reasonCodeId: '-1',
    });
    expect(await request(agent, { name: 'Logout', id: A }, 'State')).toMatchObject({ state: 'LOGOUT' });
    await refused(agent, { name: 'MakeReady', id: A }, 'INVALID_STATE');
    await refused(agent, { name: 'MakeNotReady', id: A }, 'INVALID_STATE');
    await refused(agent, { name: 'HoldCall', id: A, dialogId: main }, 'INVALID_STATE');
    expect(
      await request(colleague, { name: 'LogoutWithReason', id: B, reasonCode: '21' }, 'State'),
    ).toMatchObject({
      state: 'LOGOUT',
      reasonCodeId: '21',
      reasonLabel: 'End of shift',
    });

    // --- Commands that break the wire rules, sent raw: GC refuses them to the bound client.
    await refusedRaw(agent, `AnswerCall#${A}`, '', 'MISSING_DIALOG_ID', A);
    await refusedRaw(agent, `Login#${A}`, `,${extA}`, 'MISSING_PASSWORD', A);
    await refusedRaw(agent, `Login#${A}`, `${DEMO_PASSWORD},`, 'MISSING_EXTENSION', A);
    await refusedRaw(agent, `Frobnicate#${A}`, '', 'UNKNOWN_COMMAND', A);
    await refusedRaw(agent, `MakeCall#${A}`, '1,2', 'GENERAL_ERROR', A);
    await refusedRaw(agent, `MakeCall#${A}`, '12|3', 'GENERAL_ERROR', A);
    await refusedRaw(
      agent,
      `Hello#${agent.clientDestination}`,
      'extra',
      'GENERAL_ERROR',
      agent.clientDestination,
    );

    // Every command of the catalog went through the face: a new one needs a step above.
    const commandsSent = new Set(all.flatMap((client) => client.sent));
    expect(
      COMMAND_NAMES.filter((name) => !commandsSent.has(name)),
      'catalog commands never sent',
    ).toEqual([]);
    const errorCodes = new Set(
      all.flatMap((client) => client.events.flatMap((event) => (event.kind === 'Error' ? [event.code] : []))),
    );
    expect(
      SIMULATOR_ERROR_CODES.filter((code) => !errorCodes.has(code)),
      'error codes never provoked',
    ).toEqual([]);
    // Nothing the simulator sent failed to decode.
    for (const client of all) {
      expect(client.events.filter((event) => event.kind === 'unknown' || event.kind === 'malformed')).toEqual(
        [],
      );
    }
    return { commandsSent, errorCodes };
  },
};

// ---------------------------------------------------------------------------------------------
// (b) A day in the life, recorded

/** Per client (by agent id), the decoded events as stable text lines. */
export type Transcript = Record<string, string[]>;

export const dayInTheLife: Scenario<Transcript> = {
  name: 'day in the life: calls, consult transfer, conference, previews, callbacks, phonebooks, sign-out',
  async run(ctx) {
    const { center, clock } = ctx;
    const A = '1001';
    const B = '1004';
    const C = '1007';
    const extA = extensionOf(center, A);
    const extB = extensionOf(center, B);
    const extC = extensionOf(center, C);

    // 08:00 — sign in; the colleagues come in too.
    const agent = await ctx.client(A);
    const colleague = await ctx.client(B);
    const third = await ctx.client(C);
    const clients: Record<string, GcClient> = { [A]: agent, [B]: colleague, [C]: third };
    await request(agent, { name: 'GetNotReadyReasonCodes', id: A }, 'ReasonCodes');
    await request(agent, { name: 'GetLogoutReasonCodes', id: A }, 'ReasonCodes');
    await request(agent, { name: 'MakeReady', id: A }, 'State', stateIs('READY'));

    /** A caller arrives on Sales and rings at the agent (the only one READY); returns the dialog. */
    const ring = async (): Promise<string> => {
      agent.mark();
      const dialogId = center.offerCall('Sales');
      await wait(agent, 'InboundCall', dialogIs(dialogId, 'ALERTING'));
      return dialogId;
    };
    const answer = async (client: GcClient, id: string, dialogId: string): Promise<void> => {
      await request(
        client,
        { name: 'AnswerCall', id, dialogId },
        'InboundCall',
        dialogIs(dialogId, 'ACTIVE'),
      );
      await wait(client, 'State', stateIs('TALKING', id));
    };
    const wrapUp = async (): Promise<void> => {
      agent.mark();
      clock.advance(20_000);
      await wait(agent, 'State', stateIs('READY', A));
    };

    // Call 1: on hold for a moment, then the customer hangs up.
    const first = await ring();
    await answer(agent, A, first);
    await request(agent, { name: 'HoldCall', id: A, dialogId: first }, 'State', stateIs('HOLD'));
    clock.advance(45_000);
    await request(agent, { name: 'RetrieveCall', id: A, dialogId: first }, 'State', stateIs('TALKING'));
    clock.advance(120_000);
    agent.mark();
    center.customerHangup(first);
    await wait(agent, 'State', stateIs('WORK_READY'));
    await wrapUp();

    // Call 2: consult the colleague, who takes the transfer and finishes the call.
    const second = await ring();
    await answer(agent, A, second);
    clock.advance(30_000);
    markAll(colleague);
    await request(
      agent,
      { name: 'ConsultCall', id: A, extension: extB, dialogId: second },
      'ConsultCall',
      (event) => event.otherParty === extB,
    );
    const consult = (await wait(colleague, 'NewInboundCall')).dialogId;
    await wait(colleague, 'InboundCall', dialogIs(consult, 'ALERTING'));
    clock.advance(4_000);
    agent.mark();
    await answer(colleague, B, consult);
    await wait(agent, 'ConsultCall', dialogIs(consult, 'ACTIVE'));
    clock.advance(20_000);
    markAll(colleague);
    await request(
      agent,
      { name: 'TransferCall', id: A, extension: extB, dialogId: second },
      'State',
      stateIs('WORK_READY'),
    );
    await wait(colleague, 'InboundCall', dialogIs(consult, 'ACTIVE'));
    await wrapUp();
    await request(colleague, { name: 'ReleaseCall', id: B, dialogId: consult }, 'State', stateIs('WORK', B));

    // Call 3: a conference with the third colleague; the agent leaves, the others finish.
    const conference = await ring();
    await answer(agent, A, conference);
    markAll(third);
    await request(
      agent,
      { name: 'ConsultCall', id: A, extension: extC, dialogId: conference },
      'ConsultCall',
      (event) => event.otherParty === extC,
    );
    const consult3 = (await wait(third, 'NewInboundCall')).dialogId;
    await wait(third, 'InboundCall', dialogIs(consult3, 'ALERTING'));
    agent.mark();
    await answer(third, C, consult3);
    await wait(agent, 'ConsultCall', dialogIs(consult3, 'ACTIVE'));
    markAll(third);
    await request(
      agent,
      { name: 'ConferenceCall', id: A, extension: extC, dialogId: conference },
      'InboundCall',
      dialogIs(conference, 'ACTIVE'),
    );
    await wait(third, 'InboundCall', dialogIs(conference, 'ACTIVE'));
    clock.advance(90_000);
    markAll(third);
    await request(
      agent,
      { name: 'ReleaseCall', id: A, dialogId: conference },
      'State',
      stateIs('WORK_READY'),
    );
    await wait(third, 'InboundCall', dialogIs(conference, 'ACTIVE'));
    await wrapUp();
    clock.advance(40_000);
    markAll(third);
    center.customerHangup(conference);
    await wait(third, 'State', stateIs('NOT_READY', C));

    // Previews: the first is rejected, the second accepted and dialled.
    const preview = async (): Promise<string> => {
      agent.mark();
      const dialogId = center.offerPreview(A);
      if (dialogId === undefined) throw new Error(`${A} was not READY for a preview`);
      await wait(agent, 'InboundCall', dialogIs(dialogId, 'ALERTING'));
      return dialogId;
    };
    const rejected = await preview();
    await request(
      agent,
      { name: 'RejectOutboundPreview', id: A, dialogId: rejected },
      'State',
      stateIs('READY'),
    );
    clock.advance(300_000);
    const accepted = await preview();
    await request(
      agent,
      { name: 'AcceptOutboundPreview', id: A, dialogId: accepted },
      'State',
      stateIs('TALKING'),
    );
    agent.mark();
    clock.advance(3_000);
    await wait(agent, 'InboundCall', dialogIs(accepted, 'ACTIVE'));
    clock.advance(150_000);

    // The customer asks to be called back: scheduled, moved, then cancelled after all.
    const callback = { id: A, extension: extA, dialogId: accepted } as const;
    await request(
      agent,
      {
        name: 'ScheduleCallback',
        ...callback,
        callbackTime: '2026-11-24 15:00:00',
        callbackNumber: '+441632960300',
      },
      'Callback',
    );
    await request(
      agent,
      {
        name: 'UpdateCallback',
        ...callback,
        callbackTime: '2026-11-24 16:30',
        callbackNumber: '+441632960301',
      },
      'Callback',
    );
    await request(agent, { name: 'ReleaseCall', id: A, dialogId: accepted }, 'State', stateIs('WORK_READY'));
    await request(agent, { name: 'CancelCallback', ...callback }, 'Callback');

    // Phonebooks: the company directory (100,000 contacts), a team book, and a team without one.
    const books = await request(agent, { name: 'GetPhonebooks', id: A }, 'Phonebooks');
    const directory = books.phonebooks.find((book) => book.name === 'Company directory');
    if (!directory) throw new Error('no company directory');
    const contacts = await request(
      agent,
      { name: 'GetPhonebookContacts', id: A, phonebookId: directory.id },
      'PhonebookContacts',
    );
    expect(contacts.contacts).toHaveLength(100_000);
    const teamBooks = await request(
      agent,
      { name: 'GetTeamPhonebooks', id: A, teamId: '101' },
      'TeamPhonebooks',
    );
    await request(
      agent,
      { name: 'GetPhonebookContacts', id: A, phonebookId: teamBooks.phonebooks[0]?.id ?? '?' },
      'PhonebookContacts',
    );
    expect(
      (await request(agent, { name: 'GetTeamPhonebooks', id: A, teamId: '103' }, 'TeamPhonebooks'))
        .phonebooks,
    ).toEqual([]);

    // Lunch, then the end of the shift for everyone.
    clock.advance(600_000);
    await request(
      agent,
      { name: 'MakeNotReadyWithReason', id: A, reasonCode: '2' },
      'State',
      stateIs('NOT_READY'),
    );
    clock.advance(1_800_000);
    await request(agent, { name: 'LogoutWithReason', id: A, reasonCode: '21' }, 'State', stateIs('LOGOUT'));
    await request(
      colleague,
      { name: 'LogoutWithReason', id: B, reasonCode: '21' },
      'State',
      stateIs('LOGOUT', B),
    );
    await request(third, { name: 'Logout', id: C }, 'State', stateIs('LOGOUT', C));

    // A last question to each: its answer is the last event, so everything before it has arrived.
    for (const [id, client] of Object.entries(clients)) {
      await request(client, { name: 'GetState', id }, 'State', stateIs('LOGOUT', id));
    }
    return Object.fromEntries(Object.entries(clients).map(([id, client]) => [id, transcriptOf(client)]));
  },
};

export const SCENARIOS: readonly Scenario[] = [conformance, dayInTheLife];

// ---------------------------------------------------------------------------------------------
// Transcripts

/** The decoded events of one client as stable lines; GC's service status (timer-paced) left out. */
export function transcriptOf(client: GcClient): string[] {
  return client.events
    .filter((event) => event.kind !== 'InService' && event.kind !== 'OutOfService')
    .map((event) => describeEvent(event).replaceAll(client.clientDestination, '<destination>'));
}

const vars = (variables: readonly { name: string; value: string }[]): string =>
  variables.map((variable) => `${variable.name}=${variable.value}`).join('|');

/** One line per event: the kind and every field that matters, big lists digested. */
export function describeEvent(event: DecodedEvent): string {
  switch (event.kind) {
    case 'unknown':
    case 'malformed':
      return `${event.kind} ${event.raw}`;
    default:
      return `${event.receiver} ${describeGcEvent(event)}`;
  }
}

function describeGcEvent(event: GcEvent): string {
  switch (event.kind) {
    case 'State':
      return (
        `State ${event.state} reason=${event.reasonCodeId}:${event.reasonLabel} pending=${event.pendingState} ` +
        `at=${event.stateChangeTime} agent=${event.agentId}/${event.extension} ${event.fullName}`
      );
    case 'InboundCall':
    case 'ConsultCall': {
      const other = event.kind === 'InboundCall' ? event.fromAddress : event.otherParty;
      const parties = event.participants.map(
        (party) => `${party.mediaAddress}:${party.state}:${party.tag}:${party.role}`,
      );
      return (
        `${event.kind} ${event.state} ${event.dialogId} other=${other} type=${event.callType} ` +
        `queue=${event.queueName} start=${event.startTime} vars=${vars(event.callVariables)} parties=${parties.join('|')}`
      );
    }
    case 'NewInboundCall':
      return `NewInboundCall ${event.dialogId} ani=${event.ani} queue=${event.queueName} vars=${vars(event.callVariables)}`;
    case 'PhonebookContacts': {
      const digest = createHash('sha256');
      for (const contact of event.contacts) {
        digest.update(
          `${contact.id},${contact.firstName},${contact.lastName},${contact.phoneNumber},${contact.description}\n`,
        );
      }
      return (
        `PhonebookContacts count=${event.contacts.length} first=${event.contacts[0]?.id ?? '-'} ` +
        `last=${event.contacts.at(-1)?.id ?? '-'} sha256=${digest.digest('hex').slice(0, 16)}`
      );
    }
    default: {
      const { kind, receiver: _receiver, ...fields } = event;
      return `${kind} ${JSON.stringify(fields)}`;
    }
  }
}
