import { describe, expect, it } from 'vitest';
import {
  decodeEvent,
  encodeEvent,
  type Command,
  type DecodedEvent,
  type GcEvent,
} from '../../../main/core/protocol/index.ts';
import { ManualClock } from '../../../main/demo/sim/clock.ts';
import { ContactCenter, type ContactCenterOptions } from '../../../main/demo/sim/contact-center.ts';
import { COMPANY_DIRECTORY_SIZE } from '../../../main/demo/sim/phonebooks.ts';

interface Delivered {
  destination: string;
  event: DecodedEvent;
}

/** A scripted center: manual clock, no autopilot, no random traffic; every event goes through the codec. */
function harness(options: Partial<ContactCenterOptions> = {}) {
  const clock = new ManualClock();
  const delivered: Delivered[] = [];
  const center = new ContactCenter(
    {
      seed: 42,
      clock,
      autopilot: false,
      traffic: {
        meanInterArrivalMs: Infinity,
        meanTalkMs: Infinity,
        meanPreviewGapMs: Infinity,
        meanPatienceMs: Infinity,
      },
      ...options,
    },
    (destination, event: GcEvent) => {
      const encoded = encodeEvent(event);
      if (!encoded.ok) throw new Error(`unencodable ${event.kind}: ${encoded.error.message}`);
      delivered.push({ destination, event: decodeEvent(encoded.value) });
    },
  );
  center.start();
  // Each call returns what its command caused; take() returns what happened since (timers).
  const send = (command: Command) => {
    delivered.length = 0;
    center.handle(command);
    return delivered.splice(0);
  };
  const signIn = (agentId: string, extension: string, destination = `ws-${agentId}`) => {
    send({ name: 'Connect', id: agentId, clientDestination: destination, password: 'demo' });
    return send({ name: 'Login', id: agentId, password: 'demo', extension });
  };
  const take = () => delivered.splice(0);
  return { clock, center, send, signIn, take, delivered };
}

const kinds = (events: Delivered[]) => events.map((item) => item.event.kind);
const receiver = (item: Delivered) => ('receiver' in item.event ? item.event.receiver : '');
function only<K extends DecodedEvent['kind']>(
  events: Delivered[],
  kind: K,
): Extract<DecodedEvent, { kind: K }>[] {
  return events
    .map((item) => item.event)
    .filter((event): event is Extract<DecodedEvent, { kind: K }> => event.kind === kind);
}
const states = (events: Delivered[]) => only(events, 'State').map((event) => event.state);

describe('demo contact center: session and agent state', () => {
  it('answers Hello with IN_SERVICE and OUT_OF_SERVICE when GC loses Finesse', () => {
    const { send, center, signIn, take } = harness();
    expect(send({ name: 'Hello', id: 'ws-x' })).toEqual([
      { destination: 'ws-x', event: { kind: 'InService', receiver: 'ws-x', detail: [] } },
    ]);
    signIn('1001', '5001');
    center.setInService(false);
    expect(kinds(take())).toEqual(['OutOfService']);
    expect(kinds(send({ name: 'Beat', id: 'ws-1001' }))).toEqual(['OutOfService']);
  });

  it('refuses or loses the next command of a name when a test scripts a fault, then carries on', () => {
    const { send, center, signIn } = harness();
    signIn('1001', '5001');
    center.refuseNext('MakeReady', 'LICENSES_EXCEEDED', 'No licence left');
    expect(send({ name: 'MakeReady', id: '1001' })).toEqual([
      {
        destination: 'ws-1001',
        event: {
          kind: 'Error',
          receiver: '1001',
          code: 'LICENSES_EXCEEDED',
          message: 'No licence left',
          detail: [],
        },
      },
    ]);
    expect(center.agentState('1001')).toBe('NOT_READY');
    center.ignoreNext('MakeReady');
    expect(send({ name: 'MakeReady', id: '1001' })).toEqual([]);
    expect(states(send({ name: 'MakeReady', id: '1001' }))).toEqual(['READY']);
  });

  it('signs an agent in with AgentInfo and NOT_READY, and refuses wrong credentials with GC errors', () => {
    const { send, signIn } = harness();
    const events = signIn('1001', '5001');
    expect(kinds(events)).toEqual(['AgentInfo', 'State']);
    expect(events.every((item) => item.destination === 'ws-1001')).toBe(true);
    expect(states(events)).toEqual(['NOT_READY']);
    expect(only(events, 'State')[0]?.reasonCodeId).toBe('-1');

    const wrongPassword = send({ name: 'Connect', id: '1002', clientDestination: 'ws-2', password: 'nope' });
    expect(only(wrongPassword, 'Error')[0]).toMatchObject({
      code: 'AUTHORIZATION_FAILURE',
      receiver: '1002',
    });
    expect(wrongPassword[0]?.destination).toBe('ws-2');
    const unknown = send({ name: 'Connect', id: '4242', clientDestination: 'ws-2', password: 'demo' });
    expect(only(unknown, 'Error')[0]?.code).toBe('USER_NOT_FOUND');
    send({ name: 'Connect', id: '1002', clientDestination: 'ws-2', password: 'demo' });
    expect(
      only(send({ name: 'Login', id: '1002', password: 'demo', extension: '5999' }), 'Error')[0]?.code,
    ).toBe('WRONG_EXTENSION');
  });

  it('moves between READY and NOT_READY with reasons, refusing unknown reason codes', () => {
    const { send, signIn } = harness();
    signIn('1001', '5001');
    expect(states(send({ name: 'MakeReady', id: '1001' }))).toEqual(['READY']);
    const notReady = only(send({ name: 'MakeNotReadyWithReason', id: '1001', reasonCode: '2' }), 'State')[0];
    expect(notReady).toMatchObject({ state: 'NOT_READY', reasonCodeId: '2', reasonLabel: 'Lunch' });
    expect(
      only(send({ name: 'MakeNotReadyWithReason', id: '1001', reasonCode: '99' }), 'Error')[0]?.code,
    ).toBe('INVALID_REASON_CODE');
    const codes = only(send({ name: 'GetNotReadyReasonCodes', id: '1001' }), 'ReasonCodes')[0];
    expect(codes?.category).toBe('NOT_READY');
    expect(codes?.codes.length).toBeGreaterThan(3);
    expect(only(send({ name: 'GetLogoutReasonCodes', id: '1001' }), 'ReasonCodes')[0]?.category).toBe(
      'LOGOUT',
    );
    expect(only(send({ name: 'GetWrapUpReasonCodes', id: '1001' }), 'ReasonCodes')[0]?.category).toBe(
      'WrapUp',
    );
    const logout = only(send({ name: 'LogoutWithReason', id: '1001', reasonCode: '21' }), 'State')[0];
    expect(logout).toMatchObject({ state: 'LOGOUT', reasonCodeId: '21' });
  });

  it('logs a mobile agent in and refuses an undialable number', () => {
    const { send } = harness();
    send({ name: 'Connect', id: '1001', clientDestination: 'ws-m', password: 'demo' });
    const refused = send({
      name: 'MobileAgentLogin',
      id: '1001',
      password: 'demo',
      extension: '5001',
      dialNumber: 'abc',
      callByCall: true,
    });
    expect(only(refused, 'Error')[0]?.code).toBe('CF_INVALID_LOGON_DEVICE_SPECIFIED');
    const nailed = send({
      name: 'MobileAgentLogin',
      id: '1001',
      password: 'demo',
      extension: '5001',
      dialNumber: '+441632960961',
      callByCall: false,
    });
    expect(kinds(nailed)).toEqual(['AgentInfo', 'State', 'Control']);
    expect(only(nailed, 'Control')[0]?.code).toBe('MOBILE_NAILED_CONNECTION');
  });
});

describe('demo contact center: calls', () => {
  it('routes a queued call to the READY agent: ring, answer, hold, retrieve, release, wrap-up, ready', () => {
    const { send, signIn, center, clock, take } = harness();
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    const dialogId = center.offerCall('Sales', {
      ani: '+441632960001',
      variables: [{ name: 'account', value: '77' }],
    });
    const offered = take();
    expect(kinds(offered)).toEqual(['State', 'NewInboundCall', 'InboundCall']);
    expect(only(offered, 'NewInboundCall')[0]).toMatchObject({
      ani: '+441632960001',
      dialogId,
      queueName: 'Sales',
    });
    expect(only(offered, 'InboundCall')[0]).toMatchObject({ state: 'ALERTING', callType: 'ACD_IN' });
    expect(states(offered)).toEqual(['RESERVED']);

    const answered = send({ name: 'AnswerCall', id: '1001', dialogId });
    expect(only(answered, 'InboundCall')[0]?.state).toBe('ACTIVE');
    expect(states(answered)).toEqual(['TALKING']);
    expect(states(send({ name: 'HoldCall', id: '1001', dialogId }))).toEqual(['HOLD']);
    expect(only(send({ name: 'HoldCall', id: '1001', dialogId }), 'Error')[0]?.code).toBe('INVALID_STATE');
    expect(states(send({ name: 'RetrieveCall', id: '1001', dialogId }))).toEqual(['TALKING']);
    const released = send({ name: 'ReleaseCall', id: '1001', dialogId });
    expect(only(released, 'InboundCall')[0]?.state).toBe('DROPPED');
    expect(states(released)).toEqual(['WORK_READY']);
    clock.advance(20_000);
    expect(states(take())).toEqual(['READY']);
    expect(center.snapshot().queues.find((queue) => queue.name === 'Sales')).toMatchObject({
      handled: 1,
      total: 1,
    });
  });

  it('takes an unanswered call back (RONA) and makes the agent not ready', () => {
    const { send, signIn, center, clock, take } = harness();
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    center.offerCall('Sales');
    take();
    clock.advance(20_000);
    const rona = take();
    expect(only(rona, 'InboundCall')[0]?.state).toBe('DROPPED');
    expect(only(rona, 'State')[0]).toMatchObject({ state: 'NOT_READY', reasonLabel: 'Call not answered' });
    expect(center.snapshot().queues.find((queue) => queue.name === 'Sales')?.waiting).toBe(1);
  });

  it('keeps a NOT_READY request pending during a call and applies it after wrap-up', () => {
    const { send, signIn, center, clock, take } = harness();
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    const dialogId = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId });
    const pending = only(send({ name: 'MakeNotReadyWithReason', id: '1001', reasonCode: '1' }), 'State')[0];
    expect(pending).toMatchObject({ state: 'TALKING', pendingState: 'NOT_READY' });
    expect(states(send({ name: 'ReleaseCall', id: '1001', dialogId }))).toEqual(['WORK']);
    clock.advance(20_000);
    expect(only(take(), 'State')[0]).toMatchObject({ state: 'NOT_READY', reasonCodeId: '1' });
  });

  it('makes calls to outside numbers (answered, or failed for unreachable numbers) only from NOT_READY', () => {
    const { send, signIn, clock, take } = harness();
    signIn('1001', '5001');
    const dialing = send({ name: 'MakeCall', id: '1001', number: '+44 20 7946 0999' });
    expect(only(dialing, 'InboundCall').map((event) => event.state)).toEqual([
      'INITIATING',
      'INITIATED',
      'INITIATED',
    ]);
    // Off hook from the moment the call is initiated.
    expect(states(dialing)).toEqual(['TALKING']);
    clock.advance(3_000);
    const answered = take();
    expect(only(answered, 'InboundCall')[0]?.state).toBe('ACTIVE');
    expect(only(answered, 'InboundCall')[0]?.participants.map((participant) => participant.state)).toEqual([
      'ACTIVE',
      'ACTIVE',
    ]);
    const dialogId = only(answered, 'InboundCall')[0]?.dialogId as string;
    expect(states(send({ name: 'ReleaseCall', id: '1001', dialogId }))).toEqual(['NOT_READY']);

    send({ name: 'MakeCall', id: '1001', number: '0001234' });
    clock.advance(3_000);
    expect(only(take(), 'InboundCall').map((event) => event.state)).toContain('FAILED');

    send({ name: 'MakeReady', id: '1001' });
    expect(only(send({ name: 'MakeCall', id: '1001', number: '123' }), 'Error')[0]?.code).toBe(
      'INVALID_STATE',
    );
  });

  it('consults a colleague and completes the transfer in the documented order', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    signIn('1004', '5004');
    send({ name: 'MakeReady', id: '1001' });
    const main = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: main });
    expect(
      only(send({ name: 'TransferCall', id: '1001', extension: '5004', dialogId: main }), 'Error')[0]?.code,
    ).toBe('INVALID_STATE');
    const consulting = send({ name: 'ConsultCall', id: '1001', extension: '5004', dialogId: main });
    const notice = only(consulting, 'NewInboundCall')[0];
    expect(notice?.receiver).toBe('1004');
    expect(notice?.callVariables).toContainEqual({ name: 'associatedDialogId', value: main });
    expect(only(consulting, 'InboundCall').find((event) => event.receiver === '1001')?.state).toBe('HELD');
    const consultId = notice?.dialogId as string;
    const answered = send({ name: 'AnswerCall', id: '1004', dialogId: consultId });
    expect(only(answered, 'ConsultCall')[0]?.state).toBe('ACTIVE');

    const transferred = send({ name: 'TransferCall', id: '1001', extension: '5004', dialogId: main });
    expect(
      transferred.map(
        (item) => `${receiver(item)}:${item.event.kind}:${'state' in item.event ? item.event.state : ''}`,
      ),
    ).toEqual([
      '1001:InboundCall:DROPPED',
      '1001:ConsultCall:DROPPED',
      '1004:InboundCall:ACTIVE',
      '1001:State:WORK_READY',
    ]);
    const targetCall = only(transferred, 'InboundCall').find((event) => event.receiver === '1004');
    expect(targetCall?.participants.map((participant) => participant.tag).sort()).toEqual([
      'AGENT',
      'CUSTOMER',
    ]);
  });

  it('conferences a colleague in, lets a supervisor drop them, and blind-transfers', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    signIn('1004', '5004');
    signIn('9001', '5901');
    send({ name: 'MakeReady', id: '1001' });
    const main = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: main });
    const consultId = only(
      send({ name: 'ConsultCall', id: '1001', extension: '5004', dialogId: main }),
      'NewInboundCall',
    )[0]?.dialogId as string;
    send({ name: 'AnswerCall', id: '1004', dialogId: consultId });
    const conference = send({ name: 'ConferenceCall', id: '1001', extension: '5004', dialogId: main });
    const mainViews = only(conference, 'InboundCall').filter((event) => event.dialogId === main);
    expect(mainViews.map((event) => event.receiver).sort()).toEqual(['1001', '1004']);
    expect(mainViews[0]?.participants).toHaveLength(3);

    const dropped = send({ name: 'DropParticipant', id: '9001', extension: '5004', dialogId: main });
    expect(only(dropped, 'Control')[0]).toMatchObject({ receiver: '9001', code: 'PARTICIPANT_DROPPED' });
    expect(only(dropped, 'InboundCall').find((event) => event.receiver === '1004')?.state).toBe('DROPPED');

    const blind = send({ name: 'BlindTransfer', id: '1001', number: '5004', dialogId: main });
    expect(only(blind, 'InboundCall').find((event) => event.receiver === '1001')?.state).toBe('DROPPED');
    expect(only(blind, 'NewInboundCall')[0]).toMatchObject({ receiver: '1004', dialogId: main });
  });

  it('refuses what the state forbids with an Error event, never silence', () => {
    const { send, signIn } = harness();
    signIn('1001', '5001');
    expect(only(send({ name: 'AnswerCall', id: '1001', dialogId: '1' }), 'Error')[0]?.code).toBe('NOT_FOUND');
    expect(only(send({ name: 'ReleaseCall', id: '1001', dialogId: '16821000' }), 'Error')).toHaveLength(1);
    expect(
      only(send({ name: 'BlindTransfer', id: '1001', number: '5004', dialogId: '2' }), 'Error'),
    ).toHaveLength(1);
    expect(only(send({ name: 'GetState', id: '9999' }), 'Error')).toHaveLength(0); // nobody bound to tell
  });
});

describe('demo contact center: outbound preview and callbacks', () => {
  it('offers previews that can be rejected, closed or accepted, and reclassifies campaign calls', () => {
    const { send, signIn, center, clock, take } = harness();
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    const first = center.offerPreview('1001', { number: '+441632960100', name: 'Ana Ruiz' }) as string;
    const offered = take();
    expect(states(offered)).toEqual(['RESERVED_OUTBOUND_PREVIEW']);
    expect(only(offered, 'InboundCall')[0]).toMatchObject({
      callType: 'OUTBOUND_PREVIEW',
      state: 'ALERTING',
    });
    expect(only(offered, 'NewInboundCall')[0]?.callVariables).toContainEqual({
      name: 'BABuddyName',
      value: 'Ana Ruiz',
    });
    expect(only(send({ name: 'AnswerCall', id: '1001', dialogId: first }), 'Error')).toHaveLength(1);
    expect(states(send({ name: 'RejectOutboundPreview', id: '1001', dialogId: first }))).toEqual(['READY']);

    const second = center.offerPreview('1001') as string;
    expect(states(send({ name: 'CloseOutboundPreview', id: '1001', dialogId: second }))).toEqual(['READY']);

    const third = center.offerPreview('1001') as string;
    send({ name: 'AcceptOutboundPreview', id: '1001', dialogId: third });
    clock.advance(3_000);
    expect(only(take(), 'InboundCall').at(-1)).toMatchObject({ state: 'ACTIVE', callType: 'OUTBOUND' });
    const reclassified = send({
      name: 'ReclassifyCall',
      id: '1001',
      extension: '5001',
      dialogId: third,
      value: 'ANS_MACHINE',
    });
    expect(only(reclassified, 'Control')[0]?.code).toBe('CALL_RECLASSIFIED');
    expect(
      only(
        send({ name: 'ReclassifyCall', id: '1001', extension: '5001', dialogId: third, value: 'X' }),
        'Error',
      ),
    ).toHaveLength(1);
  });

  it('schedules, updates and cancels callbacks, and brings a due one back as a preview', () => {
    const { send, signIn, center, clock, take } = harness();
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    const dialogId = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId });
    send({ name: 'ReleaseCall', id: '1001', dialogId });
    const base = { id: '1001', extension: '5001', dialogId } as const;
    expect(
      only(
        send({
          name: 'ScheduleCallback',
          ...base,
          callbackTime: '2020-01-01 10:00:00',
          callbackNumber: '+441632960555',
        }),
        'Error',
      )[0]?.code,
    ).toBe('INVALID_CALLBACK_TIME');
    expect(
      only(
        send({
          name: 'ScheduleCallback',
          ...base,
          callbackTime: 'tomorrow',
          callbackNumber: '+441632960555',
        }),
        'Error',
      )[0]?.code,
    ).toBe('INVALID_CALLBACK_TIME');
    const scheduled = only(
      send({
        name: 'ScheduleCallback',
        ...base,
        callbackTime: '2026-11-24 09:00:00',
        callbackNumber: '+441632960555',
      }),
      'Callback',
    )[0];
    expect(scheduled).toMatchObject({ action: 'SCHEDULED', dialogId, callbackTime: '2026-11-24 09:00:00' });
    const updated = only(
      send({
        name: 'UpdateCallback',
        ...base,
        callbackTime: '2026-11-24 08:30',
        callbackNumber: '+441632960556',
      }),
      'Callback',
    )[0];
    expect(updated).toMatchObject({
      action: 'UPDATED',
      callbackTime: '2026-11-24 08:30:00',
      callbackNumber: '+441632960556',
    });
    clock.advance(30 * 60_000);
    const due = take();
    expect(only(due, 'NewInboundCall')[0]?.ani).toBe('+441632960556');
    expect(states(due)).toContain('RESERVED_OUTBOUND_PREVIEW');
    expect(
      only(send({ name: 'CancelCallback', id: '1001', extension: '5001', dialogId }), 'Error')[0]?.code,
    ).toBe('NOT_FOUND');
  });

  it('cancels a scheduled callback', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    const dialogId = only(send({ name: 'MakeCall', id: '1001', number: '+441632960777' }), 'InboundCall')[0]
      ?.dialogId as string;
    send({
      name: 'ScheduleCallback',
      id: '1001',
      extension: '5001',
      dialogId,
      callbackTime: '2026-12-01 10:00:00',
      callbackNumber: '5004',
    });
    expect(center.snapshot().agents.find((agent) => agent.loginId === '1001')?.callbacks).toHaveLength(1);
    expect(
      only(send({ name: 'CancelCallback', id: '1001', extension: '5001', dialogId }), 'Callback')[0]?.action,
    ).toBe('CANCELLED');
    expect(center.snapshot().agents.find((agent) => agent.loginId === '1001')?.callbacks).toHaveLength(0);
  });
});

describe('demo contact center: lookups and supervisors', () => {
  it('answers skill groups, supervisors, phonebooks (with the empty sentinel) and 100,000 contacts', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    expect(
      only(send({ name: 'GetSkillGroups', id: '1001' }), 'SkillGroups')[0]?.skillGroups.length,
    ).toBeGreaterThan(0);
    expect(
      only(send({ name: 'GetSupervisors', id: '1001' }), 'Supervisors')[0]?.supervisors[0]?.loginId,
    ).toBe('9001');
    const books = only(send({ name: 'GetPhonebooks', id: '1001' }), 'Phonebooks')[0]?.phonebooks ?? [];
    expect(books.map((book) => book.type)).toEqual(['GLOBAL', 'GLOBAL']);
    const lastTeam = center.roster.teams.at(-1)?.id as string;
    expect(
      only(send({ name: 'GetTeamPhonebooks', id: '1001', teamId: lastTeam }), 'TeamPhonebooks')[0]
        ?.phonebooks,
    ).toEqual([]);
    expect(
      only(send({ name: 'GetTeamPhonebooks', id: '1001', teamId: '101' }), 'TeamPhonebooks')[0]?.phonebooks,
    ).toHaveLength(1);
    const contacts = only(
      send({ name: 'GetPhonebookContacts', id: '1001', phonebookId: books[0]?.id as string }),
      'PhonebookContacts',
    )[0];
    expect(contacts?.contacts).toHaveLength(COMPANY_DIRECTORY_SIZE);
    expect(new Set(contacts?.contacts.map((contact) => contact.id)).size).toBe(COMPANY_DIRECTORY_SIZE);
    expect(
      only(send({ name: 'GetPhonebookContacts', id: '1001', phonebookId: 'nope' }), 'PhonebookContacts')[0]
        ?.contacts,
    ).toEqual([]);
  });

  it('gives a supervisor the team, live state changes, forced state changes and queue statistics', () => {
    const { send, signIn, take } = harness();
    signIn('9001', '5901');
    signIn('1001', '5001');
    expect(only(send({ name: 'GetTeamUsers', id: '1001', teamId: '101' }), 'Error')[0]?.code).toBe(
      'AUTHORIZATION_FAILURE',
    );
    const team = only(
      send({ name: 'GetTeamUsers', id: '9001', teamId: '101', includeLoggedOut: true }),
      'TeamUsersList',
    )[0];
    expect(team?.members.map((member) => member.loginId)).toContain('1001');
    expect(team?.members.find((member) => member.loginId === '1001')?.state).toBe('NOT_READY');

    const live = send({ name: 'MakeReady', id: '1001' });
    expect(live.map((item) => [item.destination, receiver(item), item.event.kind])).toEqual([
      ['ws-1001', '1001', 'State'],
      ['ws-9001', '9001', 'State'],
    ]);
    expect(only(live, 'State')[1]?.agentId).toBe('1001');
    // Force not ready: the supervisor sends the command with the member's id.
    expect(only(send({ name: 'MakeNotReady', id: '1001' }), 'State').map((event) => event.state)).toEqual([
      'NOT_READY',
      'NOT_READY',
    ]);
    take();
    const stats = only(send({ name: 'GetQueueList', id: '9001' }), 'QueueList')[0];
    expect(stats?.form).toBe('ucce');
    expect(stats?.queues.map((queue) => queue.name)).toContain('Sales');
    expect(only(send({ name: 'GetQueueList', id: '1001' }), 'Error')[0]?.code).toBe('AUTHORIZATION_FAILURE');
  });

  it('reports UCCX queue statistics to agents too', () => {
    const { send, signIn } = harness({ deployment: 'uccx' });
    signIn('1001', '5001');
    const stats = only(send({ name: 'GetQueueList', id: '1001' }), 'QueueList')[0];
    expect(stats?.form).toBe('uccx');
    expect(stats?.queues).toHaveLength(1);
  });

  it('lets a supervisor monitor silently, barge in, and end the monitor', () => {
    const { send, signIn, center } = harness();
    signIn('9001', '5901');
    signIn('1001', '5001');
    expect(only(send({ name: 'SilentMonitor', id: '9001', extension: '5001' }), 'Error')[0]?.code).toBe(
      'INVALID_STATE',
    );
    send({ name: 'MakeReady', id: '1001' });
    const main = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: main });
    const monitor = only(send({ name: 'SilentMonitor', id: '9001', extension: '5001' }), 'InboundCall')[0];
    expect(monitor).toMatchObject({ receiver: '9001', callType: 'SM', state: 'ACTIVE' });
    const ended = send({ name: 'EndSilentMonitor', id: '9001', dialogId: monitor?.dialogId as string });
    expect(only(ended, 'InboundCall')[0]?.state).toBe('DROPPED');
    const again = only(send({ name: 'SilentMonitor', id: '9001', extension: '5001' }), 'InboundCall')[0];
    const barged = send({ name: 'BargeIn', id: '9001', extension: '5901', dialogId: main });
    const views = only(barged, 'InboundCall').filter((event) => event.dialogId === main);
    expect(views.map((event) => event.receiver).sort()).toEqual(['1001', '9001']);
    expect(views[0]?.participants.some((participant) => participant.role === 'SUPERVISOR_BARGE_IN')).toBe(
      true,
    );
    expect(again?.dialogId).not.toBe(main);
  });
});

describe('demo contact center: determinism', () => {
  it('produces the same traffic for the same seed', () => {
    const run = () => {
      const clock = new ManualClock();
      const out: string[] = [];
      const center = new ContactCenter(
        { seed: 9, clock, traffic: { meanInterArrivalMs: 20_000 } },
        (destination, event) => {
          const encoded = encodeEvent(event);
          out.push(`${destination} ${encoded.ok ? encoded.value : 'x'}`);
        },
      );
      center.start();
      center.handle({ name: 'Connect', id: '9001', clientDestination: 'ws-s', password: 'demo' });
      center.handle({ name: 'Login', id: '9001', password: 'demo', extension: '5901' });
      center.handle({ name: 'GetTeamUsers', id: '9001', teamId: '101' });
      clock.advance(30 * 60_000);
      center.stop();
      return { out, snapshot: center.snapshot() };
    };
    const first = run();
    const second = run();
    expect(first.out.length).toBeGreaterThan(20);
    expect(second.out).toEqual(first.out);
    expect(second.snapshot).toEqual(first.snapshot);
    expect(first.snapshot.queues.reduce((sum, queue) => sum + queue.total, 0)).toBeGreaterThan(10);
  });
});

describe('demo contact center: regressions found by the conformance and hostile suites', () => {
  it('takes a caller who hangs up while queued out of the queue', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    const dialogId = center.offerCall('Sales');
    center.customerHangup(dialogId);
    expect(center.snapshot().queues.find((queue) => queue.name === 'Sales')).toMatchObject({
      waiting: 0,
      abandoned: 1,
    });
    expect(kinds(send({ name: 'MakeReady', id: '1001' }))).toEqual(['State']);
  });

  it('does not show a monitored agent the supervisor’s monitor call', () => {
    const { send, signIn, center } = harness();
    signIn('9001', '5901');
    signIn('1001', '5001');
    send({ name: 'MakeReady', id: '1001' });
    const call = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: call });
    const monitor = only(send({ name: 'SilentMonitor', id: '9001', extension: '5001' }), 'InboundCall')[0];
    const held = send({ name: 'HoldCall', id: '1001', dialogId: call });
    expect(states(held)).toEqual(['HOLD']);
    const ended = send({ name: 'EndSilentMonitor', id: '9001', dialogId: monitor?.dialogId as string });
    expect(ended.every((item) => item.destination === 'ws-9001')).toBe(true);
  });

  it('tells both agents that the consult leg ended when a conference completes', () => {
    const { send, signIn, center } = harness();
    signIn('1001', '5001');
    signIn('1004', '5004');
    send({ name: 'MakeReady', id: '1001' });
    const main = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: main });
    const consult = only(
      send({ name: 'ConsultCall', id: '1001', extension: '5004', dialogId: main }),
      'NewInboundCall',
    )[0]?.dialogId as string;
    send({ name: 'AnswerCall', id: '1004', dialogId: consult });
    const conference = send({ name: 'ConferenceCall', id: '1001', extension: '5004', dialogId: main });
    expect(only(conference, 'ConsultCall').find((event) => event.dialogId === consult)?.state).toBe(
      'DROPPED',
    );
    expect(
      only(conference, 'InboundCall').find((event) => event.receiver === '1004' && event.dialogId === consult)
        ?.state,
    ).toBe('DROPPED');
  });

  it('still times out a colleague who never answers a call transferred to them while ringing', () => {
    const { send, signIn, center, clock } = harness();
    signIn('1001', '5001');
    signIn('1004', '5004');
    send({ name: 'MakeReady', id: '1001' });
    const main = center.offerCall('Sales');
    send({ name: 'AnswerCall', id: '1001', dialogId: main });
    send({ name: 'ConsultCall', id: '1001', extension: '5004', dialogId: main });
    send({ name: 'TransferCall', id: '1001', extension: '5004', dialogId: main });
    clock.advance(60_000);
    expect(
      center.snapshot().dialogs.some((dialog) => dialog.parties.some((party) => party.state === 'ALERTING')),
    ).toBe(false);
  });

  it('refuses a call to the agent’s own extension', () => {
    const { send, signIn } = harness();
    signIn('1001', '5001');
    expect(only(send({ name: 'MakeCall', id: '1001', number: '5001' }), 'Error')[0]?.code).toBe(
      'INVALID_STATE',
    );
  });
});
