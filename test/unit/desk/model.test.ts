// The desk's pure reducer (main/core/desk/model.ts): one test block for every GC event kind,
// every DeskInput type and every GcSessionStatus state (coverage is asserted, so a new kind or
// input without a test fails here), then a fast-check property over arbitrary input sequences.
// Events are built as wire text and decoded with the protocol codec, as the desk receives them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GcSessionStatus } from '../../../main/core/broker/gc-session.ts';
import type { SessionError } from '../../../main/core/broker/errors.ts';
import { plainGcError } from '../../../main/core/desk/gc-errors.ts';
import {
  MAX_NOTICES,
  initialDeskState,
  parseGcTime,
  reduceDesk,
  type DeskChange,
  type DeskInput,
} from '../../../main/core/desk/model.ts';
import {
  EVENTS,
  EVENT_KINDS,
  decodeEvent,
  type DecodedEvent,
  type GcEvent,
  type GcEventKind,
} from '../../../main/core/protocol/index.ts';
import type { DeskState, OutboxItemView, SliceName } from '../../../preload/contract.ts';

// ---------------------------------------------------------------------------------------------
// Coverage bookkeeping: describe blocks register what they cover while the file is collected.

const coveredEvents = new Set<string>();
const coveredInputs = new Set<string>();
const coveredStatuses = new Set<string>();

function eventKind(kind: GcEventKind | 'unknown' | 'malformed'): string {
  coveredEvents.add(kind);
  return `event ${kind}`;
}
function inputType(type: DeskInput['type']): string {
  coveredInputs.add(type);
  return `input ${type}`;
}
function sessionState(state: GcSessionStatus['state']): string {
  coveredStatuses.add(state);
  return `session ${state}`;
}

// The compiler keeps these lists complete: a new DeskInput type or session state fails to compile
// until it is listed here, and fails at run time until a describe block covers it.
const ALL_INPUT_TYPES = {
  event: true,
  session: true,
  'sign-in-started': true,
  'sign-in-failed': true,
  'sign-out-started': true,
  'contacts-requested': true,
  'team-requested': true,
  outbox: true,
  'connection-changed': true,
  'dialog-gone': true,
  'wrap-up-recorded': true,
  notice: true,
} as const satisfies Record<DeskInput['type'], true>;

const ALL_SESSION_STATES = {
  idle: true,
  connecting: true,
  connected: true,
  'in-service': true,
  'out-of-service': true,
  reconnecting: true,
  stopped: true,
} as const satisfies Record<GcSessionStatus['state'], true>;

// ---------------------------------------------------------------------------------------------
// Builders

type EventOf<K extends GcEventKind> = Extract<GcEvent, { kind: K }>;

function decodeAs<K extends GcEventKind>(kind: K, text: string): EventOf<K> {
  const event = decodeEvent(text);
  if (event.kind !== kind) throw new Error(`expected ${kind}, decoded ${JSON.stringify(event)}`);
  return event as EventOf<K>;
}

function example<K extends GcEventKind>(kind: K): EventOf<K> {
  return decodeAs(kind, EVENTS[kind].example);
}

interface StateFields {
  readonly receiver?: string;
  readonly agentId: string;
  readonly state: string;
  readonly reasonCodeId?: string;
  readonly reasonLabel?: string;
  readonly pendingState?: string;
  readonly time?: string;
  readonly fullName?: string;
  readonly extension?: string;
}

function stateEvent(fields: StateFields): EventOf<'State'> {
  const name = fields.fullName ?? 'John Smith';
  return decodeAs(
    'State',
    [
      fields.receiver ?? fields.agentId,
      'State',
      fields.state,
      fields.reasonCodeId ?? '',
      '',
      fields.pendingState ?? '',
      fields.time ?? '2026-11-24 09:15:02',
      name,
      fields.agentId,
      fields.extension ?? '',
      fields.reasonLabel ?? '',
      name,
      'login',
    ].join('#'),
  );
}

interface MemberFields {
  readonly loginId: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly extension?: string;
  readonly state?: string;
  readonly time?: string;
  readonly label?: string;
}

function memberRecord(member: MemberFields): string {
  return [
    `FirstName:${member.firstName ?? `First${member.loginId}`}`,
    `LastName:${member.lastName ?? `Last${member.loginId}`}`,
    `Extension:${member.extension ?? `5${member.loginId}`}`,
    `LoginId:${member.loginId}`,
    `State:${member.state ?? 'READY'}`,
    'PendingState:',
    'MediaType:voice',
    `StateChangeTime:${member.time ?? '2026-11-24 09:15:02'}`,
    `StateChangeLabel:${member.label ?? ''}`,
  ].join(',');
}

function teamList(receiver: string, members: readonly MemberFields[]): EventOf<'TeamUsersList'> {
  return decodeAs('TeamUsersList', [receiver, 'TeamUsersList', ...members.map(memberRecord)].join('#'));
}

interface DialogFields {
  readonly state: string;
  readonly dialogId?: string;
  readonly from?: string;
  readonly callType?: string;
  readonly queue?: string;
  readonly variables?: string;
  readonly participants?: string;
}

function inboundCall(fields: DialogFields): EventOf<'InboundCall'> {
  return decodeAs(
    'InboundCall',
    [
      '1001',
      'InboundCall',
      fields.state,
      `DialogId:${fields.dialogId ?? '16821223'}`,
      fields.from ?? '03001234567',
      fields.variables ?? 'callVariable1=4471',
      '2026-11-24 09:15:02',
      `CallType:${fields.callType ?? 'ACD_IN'}`,
      `QueueName:${fields.queue ?? 'Sales'}`,
      `Participants:${fields.participants ?? '5001,ACTIVE,AGENT,|03001234567,ACTIVE,CUSTOMER,'}`,
    ].join('#'),
  );
}

function consultCall(state: string, dialogId = '16821250', otherParty = '5002'): EventOf<'ConsultCall'> {
  return decodeAs('ConsultCall', `1001#ConsultCall#${state}#DialogId:${dialogId}#${otherParty}`);
}

function newInboundCall(dialogId = '16821223', ani = '03001234567', variables = 'callVariable1=4471') {
  return decodeAs(
    'NewInboundCall',
    `1001#NewInboundCall#${ani}#${variables}#DialogId:${dialogId}#QueueName:Sales`,
  );
}

const ev = (event: DecodedEvent, at: number): DeskInput => ({ type: 'event', event, at });
const ses = (status: GcSessionStatus, at: number): DeskInput => ({ type: 'session', status, at });

function reduceAll(state: DeskState, inputs: readonly DeskInput[]): DeskState {
  return inputs.reduce((current, input) => reduceDesk(current, input).state, state);
}

/** Reduces one input and checks the change report against the two states. */
function step(state: DeskState, input: DeskInput): DeskChange {
  const change = reduceDesk(state, input);
  checkChange(state, change);
  return change;
}

const SLICES = Object.keys(initialDeskState('broker')) as SliceName[];

function checkChange(before: DeskState, change: DeskChange): void {
  expect(change.changed.size === 0).toBe(change.state === before);
  for (const slice of SLICES) {
    if (change.changed.has(slice)) expect(change.state[slice]).not.toBe(before[slice]);
    else expect(change.state[slice]).toBe(before[slice]);
  }
  if (change.teamReset || change.changedMembers.length > 0) expect(change.changed.has('team')).toBe(true);
}

function expectNoChange(state: DeskState, input: DeskInput): void {
  const change = reduceDesk(state, input);
  expect(change.state).toBe(state);
  expect([...change.changed]).toEqual([]);
  expect(change.changedMembers).toEqual([]);
  expect(change.teamReset).toBe(false);
}

const GC_TIME = Date.UTC(2026, 10, 24, 9, 15, 2);

function signedInAgent(at = 1_000): DeskState {
  return reduceAll(initialDeskState('broker'), [
    ses({ state: 'connecting', url: 'tcp://broker:61613', attempt: 1 }, at - 30),
    ses({ state: 'connected', url: 'tcp://broker:61613' }, at - 20),
    ses({ state: 'in-service', url: 'tcp://broker:61613' }, at - 10),
    { type: 'sign-in-started', agentId: '1001', extension: '5001' },
    ev(example('AgentInfo'), at),
    ev(stateEvent({ agentId: '1001', state: 'NOT_READY', reasonCodeId: '-1', reasonLabel: 'Not Ready' }), at),
  ]);
}

const SUPERVISOR_INFO =
  '9000#AgentInfo#Maria#Garcia#true#OPTIONAL#TotalNumberOfTeams:2#7,Sales|8,Support#7#Maria Garcia#mgarcia';

function signedInSupervisor(at = 1_000): DeskState {
  return reduceAll(initialDeskState('broker'), [
    { type: 'sign-in-started', agentId: '9000', extension: '5900' },
    ev(decodeAs('AgentInfo', SUPERVISOR_INFO), at),
    ev(stateEvent({ agentId: '9000', state: 'READY', extension: '5900', fullName: 'Maria Garcia' }), at),
    { type: 'team-requested', teamId: '7' },
    ev(teamList('9000', [{ loginId: '1001' }, { loginId: '1002', state: 'NOT_READY', label: 'Break' }]), at),
  ]);
}

function withDialog(state: DeskState, ...inputs: DeskInput[]): DeskState {
  return reduceAll(state, inputs);
}

// ---------------------------------------------------------------------------------------------

describe('coverage', () => {
  it('every GC event kind (and unknown, malformed) has a test block', () => {
    const expected = [...EVENT_KINDS, 'unknown', 'malformed'];
    expect(expected.filter((kind) => !coveredEvents.has(kind))).toEqual([]);
  });

  it('every DeskInput type has a test block', () => {
    expect(Object.keys(ALL_INPUT_TYPES).filter((type) => !coveredInputs.has(type))).toEqual([]);
  });

  it('every GcSessionStatus state has a test block', () => {
    expect(Object.keys(ALL_SESSION_STATES).filter((state) => !coveredStatuses.has(state))).toEqual([]);
  });
});

describe('initialDeskState and parseGcTime', () => {
  it('starts signed out, idle, with empty slices in the mode given', () => {
    const state = initialDeskState('demo');
    expect(state.connection).toEqual({
      status: 'idle',
      mode: 'demo',
      url: undefined,
      attempt: 0,
      nextAttemptAt: undefined,
      lastError: undefined,
      stale: false,
    });
    expect(state.agent.signIn).toBe('signed-out');
    expect(state.agent.state).toBe('LOGOUT');
    expect(state.dialogs).toEqual({ items: [], lastEnded: undefined });
    expect(state.team).toEqual({ teamId: undefined, members: {} });
    expect(state.notices.items).toEqual([]);
    expect(initialDeskState('broker').connection.mode).toBe('broker');
    // Two calls give independent snapshots.
    expect(initialDeskState('demo')).not.toBe(state);
  });

  it('reads GC time as UTC and refuses anything else', () => {
    expect(parseGcTime('2026-11-24 09:15:02')).toBe(GC_TIME);
    expect(parseGcTime('2026-11-24T09:15:02')).toBe(GC_TIME);
    expect(parseGcTime('2026-11-24 09:15:02.123')).toBe(GC_TIME);
    expect(parseGcTime('')).toBeUndefined();
    expect(parseGcTime('yesterday')).toBeUndefined();
    expect(parseGcTime('24/11/2026 09:15:02')).toBeUndefined();
  });
});

describe('sign-in flow', () => {
  it('sign-in-started → AgentInfo → State NOT_READY → signed-in', () => {
    let state = initialDeskState('broker');
    state = step(state, { type: 'sign-in-started', agentId: '1001', extension: '5001' }).state;
    expect(state.agent).toMatchObject({ signIn: 'signing-in', agentId: '1001', extension: '5001' });

    const info = step(state, ev(example('AgentInfo'), 900));
    expect([...info.changed]).toEqual(['agent']);
    state = info.state;
    expect(state.agent).toMatchObject({
      signIn: 'signing-in',
      firstName: 'John',
      lastName: 'Smith',
      fullName: 'John Smith',
      isSupervisor: false,
      wrapUpMode: 'OPTIONAL',
      teamId: '5001',
      teams: [],
    });

    const ready = step(state, ev(example('State'), 1_000));
    expect(ready.changed.has('agent')).toBe(true);
    expect(ready.changed.has('team')).toBe(false);
    expect(ready.state.agent).toMatchObject({
      signIn: 'signed-in',
      state: 'NOT_READY',
      reasonCodeId: '-1',
      reasonLabel: 'Not Ready',
      pendingState: 'READY',
      stateSince: 1_000,
    });
  });

  it('an Error while signing in signs out with GC’s error in plain words', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: '1009',
      extension: '5009',
    }).state;
    const error = example('Error');
    const change = step(signingIn, ev(error, 2_000));
    expect([...change.changed].sort()).toEqual(['agent', 'notices']);
    expect(change.state.agent.signIn).toBe('signed-out');
    expect(change.state.notices.items).toEqual([
      {
        id: 1,
        level: 'error',
        code: 'USER_NOT_FOUND',
        message: plainGcError('USER_NOT_FOUND', 'The agent id 1009 is not known to Finesse'),
        at: 2_000,
      },
    ]);
    expect(change.state.notices.items[0]?.message).toContain('Finesse does not know that agent id.');
  });

  it('a LOGOUT while signing in (GC’s state before the login completes) keeps signing in', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: '1001',
      extension: '5001',
    }).state;
    const change = step(
      signingIn,
      ev(stateEvent({ agentId: '1001', state: 'LOGOUT', reasonCodeId: '-1' }), 5),
    );
    expect(change.state.agent.signIn).toBe('signing-in');
    expect(change.state.agent.state).toBe('LOGOUT');
  });

  it('LOGOUT signs out and clears the live dialogs, keeping the last ended one', () => {
    let state = signedInAgent();
    state = withDialog(
      state,
      ev(inboundCall({ state: 'ACTIVE', dialogId: 'a' }), 1_100),
      ev(inboundCall({ state: 'DROPPED', dialogId: 'a' }), 1_200),
      ev(inboundCall({ state: 'ACTIVE', dialogId: 'b' }), 1_300),
    );
    expect(state.dialogs.items.map((dialog) => dialog.id)).toEqual(['b']);
    state = step(state, { type: 'sign-out-started' }).state;
    expect(state.agent.signIn).toBe('signing-out');
    const change = step(
      state,
      ev(stateEvent({ agentId: '1001', state: 'LOGOUT', reasonCodeId: '-1' }), 2_000),
    );
    expect(change.state.agent.signIn).toBe('signed-out');
    expect(change.state.agent.state).toBe('LOGOUT');
    expect(change.state.dialogs.items).toEqual([]);
    expect(change.state.dialogs.lastEnded?.id).toBe('a');
  });
});

describe(inputType('sign-in-started'), () => {
  it('starts from a clean agent with the id, extension and mobile given', () => {
    const state = signedInAgent();
    const mobile = { dialNumber: '+441632960961', mode: 'nailed' } as const;
    const change = step(state, { type: 'sign-in-started', agentId: '1002', extension: '5002', mobile });
    expect(change.state.agent).toEqual({
      ...initialDeskState('broker').agent,
      signIn: 'signing-in',
      agentId: '1002',
      extension: '5002',
      mobile,
    });
    expect([...change.changed]).toEqual(['agent']);
  });
});

describe(inputType('sign-in-failed'), () => {
  it('returns to signed out and keeps what was known', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: '1001',
      extension: '5001',
    }).state;
    const change = step(signingIn, { type: 'sign-in-failed' });
    expect(change.state.agent).toEqual({ ...signingIn.agent, signIn: 'signed-out' });
    expect([...change.changed]).toEqual(['agent']);
  });
});

describe(inputType('sign-out-started'), () => {
  it('marks the agent signing out until GC says LOGOUT', () => {
    const state = signedInAgent();
    const change = step(state, { type: 'sign-out-started' });
    expect(change.state.agent).toEqual({ ...state.agent, signIn: 'signing-out' });
  });
});

describe(eventKind('State'), () => {
  it('stateSince moves only when the state or the reason changes', () => {
    let state = signedInAgent(1_000);
    expect(state.agent.stateSince).toBe(1_000);
    // The same state again (GC repeats itself after a Beat): the timer keeps running.
    state = step(
      state,
      ev(
        stateEvent({ agentId: '1001', state: 'NOT_READY', reasonCodeId: '-1', reasonLabel: 'Not Ready' }),
        5_000,
      ),
    ).state;
    expect(state.agent.stateSince).toBe(1_000);
    // A new reason in the same state restarts it.
    state = step(
      state,
      ev(stateEvent({ agentId: '1001', state: 'NOT_READY', reasonCodeId: '2', reasonLabel: 'Lunch' }), 6_000),
    ).state;
    expect(state.agent).toMatchObject({ state: 'NOT_READY', reasonCodeId: '2', reasonLabel: 'Lunch' });
    expect(state.agent.stateSince).toBe(6_000);
    state = step(state, ev(stateEvent({ agentId: '1001', state: 'READY' }), 7_000)).state;
    expect(state.agent.stateSince).toBe(7_000);
    state = step(
      state,
      ev(stateEvent({ agentId: '1001', state: 'READY', pendingState: 'NOT_READY' }), 8_000),
    ).state;
    expect(state.agent.stateSince).toBe(7_000);
    expect(state.agent.pendingState).toBe('NOT_READY');
  });

  it('keeps the known extension and name when GC leaves them out', () => {
    const state = signedInAgent();
    const change = step(state, ev(stateEvent({ agentId: '1001', state: 'READY', fullName: '' }), 2_000));
    expect(change.state.agent.extension).toBe('5001');
    expect(change.state.agent.fullName).toBe('John Smith');
  });

  it('a supervisor’s own State goes to the agent slice, members’ to the team slice', () => {
    const state = signedInSupervisor(1_000);
    const own = step(state, ev(stateEvent({ receiver: '9000', agentId: '9000', state: 'NOT_READY' }), 2_000));
    expect([...own.changed]).toEqual(['agent']);
    expect(own.changedMembers).toEqual([]);
    expect(own.state.agent.state).toBe('NOT_READY');

    const member = step(
      state,
      ev(
        stateEvent({
          receiver: '9000',
          agentId: '1002',
          state: 'READY',
          extension: '51002',
          fullName: 'First1002 Last1002',
        }),
        3_000,
      ),
    );
    expect([...member.changed]).toEqual(['team']);
    expect(member.changedMembers).toEqual(['1002']);
    expect(member.teamReset).toBe(false);
    expect(member.state.agent).toBe(state.agent);
    expect(member.state.team.members['1002']).toEqual({
      loginId: '1002',
      firstName: 'First1002',
      lastName: 'Last1002',
      extension: '51002',
      state: 'READY',
      pendingState: '',
      reasonLabel: '',
      stateSince: 3_000,
    });
    // The other member is untouched (same object).
    expect(member.state.team.members['1001']).toBe(state.team.members['1001']);
  });

  it('a member’s stateSince moves only when the member’s state or reason changes', () => {
    let state = signedInSupervisor(1_000);
    expect(state.team.members['1002']?.stateSince).toBe(GC_TIME);
    state = step(
      state,
      ev(stateEvent({ receiver: '9000', agentId: '1002', state: 'NOT_READY', reasonLabel: 'Break' }), 2_000),
    ).state;
    expect(state.team.members['1002']?.stateSince).toBe(GC_TIME);
    state = step(
      state,
      ev(stateEvent({ receiver: '9000', agentId: '1002', state: 'NOT_READY', reasonLabel: 'Lunch' }), 3_000),
    ).state;
    expect(state.team.members['1002']?.stateSince).toBe(3_000);
    expect(state.team.members['1002']?.reasonLabel).toBe('Lunch');
  });

  it('a State for someone not yet listed adds the member, name split from the full name', () => {
    const state = signedInSupervisor();
    const change = step(
      state,
      ev(
        stateEvent({ receiver: '9000', agentId: '1003', state: 'TALKING', fullName: 'Ann Mary Lee' }),
        4_000,
      ),
    );
    expect(change.changedMembers).toEqual(['1003']);
    expect(change.state.team.members['1003']).toMatchObject({
      firstName: 'Ann',
      lastName: 'Mary Lee',
      extension: '',
      state: 'TALKING',
      stateSince: 4_000,
    });
  });

  it('a supervisor listed in their own team updates both the agent and the member', () => {
    let state = signedInSupervisor();
    state = reduceDesk(state, ev(teamList('9000', [{ loginId: '9000' }, { loginId: '1001' }]), 5_000)).state;
    const change = step(state, ev(stateEvent({ agentId: '9000', state: 'WORK' }), 6_000));
    expect([...change.changed].sort()).toEqual(['agent', 'team']);
    expect(change.changedMembers).toEqual(['9000']);
    expect(change.state.agent.state).toBe('WORK');
    expect(change.state.team.members['9000']?.state).toBe('WORK');
  });
});

describe('stale state after a reconnect', () => {
  it('becomes stale on reconnecting while signed in and fresh again with the own State', () => {
    let state = signedInAgent(1_000);
    expect(state.connection.stale).toBe(false);
    state = step(
      state,
      ses({ state: 'reconnecting', attempt: 1, delayMs: 500, nextUrl: 'tcp://broker:61613' }, 2_000),
    ).state;
    expect(state.connection.stale).toBe(true);
    state = step(state, ses({ state: 'connecting', url: 'tcp://broker:61613', attempt: 1 }, 2_500)).state;
    state = step(state, ses({ state: 'connected', url: 'tcp://broker:61613' }, 2_600)).state;
    state = step(state, ses({ state: 'in-service', url: 'tcp://broker:61613' }, 2_700)).state;
    expect(state.connection.stale).toBe(true);
    // A team member's State does not make the own state fresh.
    const member = step(state, ev(stateEvent({ receiver: '1001', agentId: '1002', state: 'READY' }), 2_750));
    expect(member.state.connection.stale).toBe(true);
    const own = step(
      state,
      ev(stateEvent({ agentId: '1001', state: 'NOT_READY', reasonCodeId: '-1' }), 2_800),
    );
    expect(own.changed.has('connection')).toBe(true);
    expect(own.state.connection.stale).toBe(false);
  });

  it('does not become stale while signed out', () => {
    const state = reduceAll(initialDeskState('broker'), [
      ses({ state: 'connected', url: 'tcp://a' }, 1),
      ses({ state: 'reconnecting', attempt: 1, delayMs: 100, nextUrl: 'tcp://a' }, 2),
      ses({ state: 'connecting', url: 'tcp://a', attempt: 1 }, 102),
      ses({ state: 'connected', url: 'tcp://a' }, 103),
    ]);
    expect(state.connection.stale).toBe(false);
  });
});

describe(eventKind('AgentInfo'), () => {
  it('fills the supervisor’s teams, and ignores AgentInfo about somebody else', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: '9000',
      extension: '5900',
    }).state;
    const change = step(signingIn, ev(decodeAs('AgentInfo', SUPERVISOR_INFO), 10));
    expect(change.state.agent).toMatchObject({
      isSupervisor: true,
      teamId: '7',
      fullName: 'Maria Garcia',
      teams: [
        { id: '7', name: 'Sales' },
        { id: '8', name: 'Support' },
      ],
    });
    expectNoChange(change.state, ev(example('AgentInfo'), 20));
  });

  it('builds the full name when GC sends none and keeps an empty team id undefined', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: '1001',
      extension: '5001',
    }).state;
    const change = step(
      signingIn,
      ev(decodeAs('AgentInfo', '1001#AgentInfo#John#Smith#false#REQUIRED###jsmith'), 1),
    );
    expect(change.state.agent).toMatchObject({
      fullName: 'John Smith',
      teamId: undefined,
      wrapUpMode: 'REQUIRED',
    });
  });
});

describe(eventKind('ReasonCodes'), () => {
  it.each([
    ['NOT_READY', 'notReady'],
    ['not_ready', 'notReady'],
    ['NotReady', 'notReady'],
    ['LOGOUT', 'logout'],
    ['Logout', 'logout'],
    ['WrapUp', 'wrapUp'],
    ['WRAP_UP', 'wrapUp'],
    ['wrapup', 'wrapUp'],
  ] as const)('category %s fills %s and leaves the others', (category, key) => {
    const state = signedInAgent();
    const change = step(
      state,
      ev(decodeAs('ReasonCodes', `1001#ReasonCodes#${category}#1,2#Break,Lunch`), 3),
    );
    expect([...change.changed]).toEqual(['agent']);
    const codes = change.state.agent.reasonCodes;
    expect(codes[key]).toEqual([
      { id: '1', label: 'Break' },
      { id: '2', label: 'Lunch' },
    ]);
    for (const other of ['notReady', 'logout', 'wrapUp'] as const) {
      if (other !== key) expect(codes[other]).toBe(state.agent.reasonCodes[other]);
    }
  });

  it('an unknown category changes nothing', () => {
    expectNoChange(signedInAgent(), ev(decodeAs('ReasonCodes', '1001#ReasonCodes#HOLIDAY#1#Beach'), 3));
  });
});

describe(eventKind('SkillGroups'), () => {
  it('replaces the skill groups', () => {
    const change = step(signedInAgent(), ev(example('SkillGroups'), 3));
    expect(change.state.agent.skillGroups).toEqual([
      { id: '11', name: 'Sales_EN' },
      { id: '12', name: 'Support_EN' },
    ]);
    expect([...change.changed]).toEqual(['agent']);
  });
});

describe(eventKind('Supervisors'), () => {
  it('replaces the supervisors', () => {
    const change = step(signedInAgent(), ev(example('Supervisors'), 3));
    expect(change.state.agent.supervisors).toEqual([
      { loginId: '9000', firstName: 'Maria', lastName: 'Garcia', extension: '5900' },
    ]);
  });
});

describe(eventKind('NewInboundCall'), () => {
  it('creates a ringing call view', () => {
    const change = step(signedInAgent(), ev(example('NewInboundCall'), 10_000));
    expect([...change.changed]).toEqual(['dialogs']);
    expect(change.state.dialogs.items).toEqual([
      {
        id: '16821223',
        kind: 'call',
        state: 'ALERTING',
        callType: '',
        otherParty: '03001234567',
        queueName: 'Sales',
        callVariables: [
          { name: 'callVariable1', value: '4471' },
          { name: 'associatedDialogId', value: '' },
        ],
        participants: [],
        associatedDialogId: undefined,
        startedAt: 10_000,
        answeredAt: undefined,
        heldAt: undefined,
        heldMs: 0,
      },
    ]);
  });

  it('reads associatedDialogId from the call variables; a repeat for a known dialog changes nothing', () => {
    const state = step(signedInAgent(), ev(newInboundCall('200', '5002', 'associatedDialogId=100'), 1)).state;
    expect(state.dialogs.items[0]?.associatedDialogId).toBe('100');
    expectNoChange(state, ev(newInboundCall('200', '5003'), 2));
  });
});

describe(eventKind('InboundCall'), () => {
  it('ALERTING → ACTIVE sets answeredAt once', () => {
    let state = signedInAgent();
    state = step(state, ev(newInboundCall(), 10_000)).state;
    state = step(state, ev(inboundCall({ state: 'ALERTING' }), 10_100)).state;
    expect(state.dialogs.items[0]).toMatchObject({
      state: 'ALERTING',
      startedAt: 10_000,
      answeredAt: undefined,
    });
    state = step(state, ev(inboundCall({ state: 'ACTIVE' }), 12_000)).state;
    expect(state.dialogs.items[0]).toMatchObject({
      state: 'ACTIVE',
      callType: 'ACD_IN',
      startedAt: 10_000,
      answeredAt: 12_000,
      participants: [
        { address: '5001', state: 'ACTIVE', tag: 'AGENT', role: '' },
        { address: '03001234567', state: 'ACTIVE', tag: 'CUSTOMER', role: '' },
      ],
    });
    state = step(state, ev(inboundCall({ state: 'ACTIVE' }), 13_000)).state;
    expect(state.dialogs.items[0]?.answeredAt).toBe(12_000);
  });

  it('HELD → retrieved (ACTIVE) accumulates heldMs exactly, across several holds', () => {
    let state = signedInAgent();
    state = withDialog(state, ev(inboundCall({ state: 'ACTIVE' }), 10_000));
    state = step(state, ev(inboundCall({ state: 'HELD' }), 11_000)).state;
    expect(state.dialogs.items[0]).toMatchObject({ state: 'HELD', heldAt: 11_000, heldMs: 0 });
    // A second HELD (participants changed) does not restart the hold.
    state = step(state, ev(inboundCall({ state: 'HELD' }), 12_500)).state;
    expect(state.dialogs.items[0]).toMatchObject({ heldAt: 11_000, heldMs: 0 });
    state = step(state, ev(inboundCall({ state: 'ACTIVE' }), 14_250)).state;
    expect(state.dialogs.items[0]).toMatchObject({ state: 'ACTIVE', heldAt: undefined, heldMs: 3_250 });
    state = step(state, ev(inboundCall({ state: 'HELD' }), 20_000)).state;
    state = step(state, ev(inboundCall({ state: 'ACTIVE' }), 20_001)).state;
    expect(state.dialogs.items[0]).toMatchObject({ heldAt: undefined, heldMs: 3_251 });
    // Dropped while held: the current hold counts in the ended view.
    state = step(state, ev(inboundCall({ state: 'HELD' }), 30_000)).state;
    state = step(state, ev(inboundCall({ state: 'DROPPED' }), 31_000)).state;
    expect(state.dialogs.lastEnded).toMatchObject({ state: 'DROPPED', heldAt: undefined, heldMs: 4_251 });
  });

  it.each(['DROPPED', 'DROP', 'FAILED'])('%s removes the dialog and records it as lastEnded', (ended) => {
    let state = signedInAgent();
    state = withDialog(
      state,
      ev(inboundCall({ state: 'ACTIVE', dialogId: 'a' }), 1_000),
      ev(inboundCall({ state: 'ACTIVE', dialogId: 'b' }), 1_100),
    );
    const change = step(state, ev(inboundCall({ state: ended, dialogId: 'a', from: '' }), 2_000));
    expect(change.state.dialogs.items.map((dialog) => dialog.id)).toEqual(['b']);
    expect(change.state.dialogs.lastEnded).toMatchObject({
      id: 'a',
      state: ended,
      otherParty: '03001234567',
      startedAt: 1_000,
      answeredAt: 1_000,
    });
  });

  it('a DROPPED or FAILED for an unknown dialog is ignored', () => {
    const state = signedInAgent();
    expectNoChange(state, ev(inboundCall({ state: 'DROPPED', dialogId: 'nope' }), 1));
    expectNoChange(state, ev(inboundCall({ state: 'FAILED', dialogId: 'nope' }), 1));
    expectNoChange(state, ev(consultCall('DROPPED', 'nope'), 1));
  });

  it('an event for an unknown live dialog adds it (an outbound call I dialled)', () => {
    const change = step(
      signedInAgent(),
      ev(inboundCall({ state: 'INITIATED', from: '0800123', callType: 'OUT' }), 5),
    );
    expect(change.state.dialogs.items).toHaveLength(1);
    expect(change.state.dialogs.items[0]).toMatchObject({
      kind: 'call',
      state: 'INITIATED',
      otherParty: '0800123',
    });
  });

  it('callType SM is a monitor call', () => {
    const change = step(signedInSupervisor(), ev(inboundCall({ state: 'ACTIVE', callType: 'SM' }), 5));
    expect(change.state.dialogs.items[0]?.kind).toBe('monitor');
  });

  it('an OUTBOUND_PREVIEW that is ALERTING is a preview to decide, a call once accepted', () => {
    let state = step(
      signedInAgent(),
      ev(inboundCall({ state: 'ALERTING', callType: 'OUTBOUND_PREVIEW' }), 5),
    ).state;
    expect(state.dialogs.items[0]?.kind).toBe('preview');
    state = step(state, ev(inboundCall({ state: 'ACTIVE', callType: 'OUTBOUND_PREVIEW' }), 6)).state;
    expect(state.dialogs.items[0]?.kind).toBe('call');
  });

  it('keeps the known party, queue and variables when a later event leaves them empty', () => {
    let state = step(signedInAgent(), ev(inboundCall({ state: 'ALERTING' }), 5)).state;
    state = step(state, ev(inboundCall({ state: 'ACTIVE', from: '', queue: '', variables: '' }), 6)).state;
    expect(state.dialogs.items[0]).toMatchObject({
      otherParty: '03001234567',
      queueName: 'Sales',
      callVariables: [{ name: 'callVariable1', value: '4471' }],
    });
  });
});

describe(eventKind('ConsultCall'), () => {
  it('is a consult leg with the consulted party; when it ends, the last call stays the customer’s', () => {
    let state = withDialog(signedInAgent(), ev(inboundCall({ state: 'HELD' }), 1_000));
    const change = step(state, ev(example('ConsultCall'), 2_000));
    state = change.state;
    expect(state.dialogs.items.map((dialog) => [dialog.id, dialog.kind])).toEqual([
      ['16821223', 'call'],
      ['16821250', 'consult'],
    ]);
    expect(state.dialogs.items[1]).toMatchObject({ otherParty: '5002', state: 'ALERTING', startedAt: 2_000 });
    state = step(state, ev(consultCall('ACTIVE'), 3_000)).state;
    expect(state.dialogs.items[1]).toMatchObject({ kind: 'consult', state: 'ACTIVE', answeredAt: 3_000 });
    state = step(state, ev(consultCall('DROPPED', '16821250', ''), 4_000)).state;
    expect(state.dialogs.items.map((dialog) => dialog.id)).toEqual(['16821223']);
    expect(state.dialogs.lastEnded).toBeUndefined();
    state = step(state, ev(inboundCall({ state: 'DROPPED' }), 5_000)).state;
    expect(state.dialogs.lastEnded).toMatchObject({ id: '16821223', kind: 'call' });
    // A consult leg that outlives the call (GC drops the customer's leg first on a transfer).
    state = withDialog(state, ev(inboundCall({ state: 'HELD', dialogId: '2' }), 6_000));
    state = step(state, ev(consultCall('ACTIVE', '3'), 6_500)).state;
    state = step(state, ev(inboundCall({ state: 'DROPPED', dialogId: '2' }), 7_000)).state;
    state = step(state, ev(consultCall('DROPPED', '3', ''), 8_000)).state;
    expect(state.dialogs.lastEnded).toMatchObject({ id: '2', kind: 'call' });
  });
});

describe(eventKind('Callback'), () => {
  const callback = (
    action: string,
    dialogId: string,
    time = '2026-11-25 10:30:00',
    number = '+441632960961',
  ) => decodeAs('Callback', `1001#Callback#${action}#DialogId:${dialogId}#${time}#${number}`);

  it('SCHEDULED adds, UPDATED replaces, CANCELLED removes', () => {
    let state = signedInAgent();
    state = step(state, ev(example('Callback'), 1)).state;
    state = step(state, ev(callback('SCHEDULED', 'b'), 2)).state;
    expect(state.callbacks.items).toEqual([
      {
        dialogId: '16821223',
        callbackTime: '2026-11-25 10:30:00',
        callbackNumber: '+441632960961',
        status: 'scheduled',
      },
      {
        dialogId: 'b',
        callbackTime: '2026-11-25 10:30:00',
        callbackNumber: '+441632960961',
        status: 'scheduled',
      },
    ]);
    state = step(state, ev(callback('UPDATED', '16821223', '2026-11-26 08:00:00', '5555'), 3)).state;
    expect(state.callbacks.items).toHaveLength(2);
    expect(state.callbacks.items.find((item) => item.dialogId === '16821223')).toMatchObject({
      callbackTime: '2026-11-26 08:00:00',
      callbackNumber: '5555',
    });
    const change = step(state, ev(callback('CANCELLED', '16821223'), 4));
    expect([...change.changed]).toEqual(['callbacks']);
    expect(change.state.callbacks.items.map((item) => item.dialogId)).toEqual(['b']);
    expect(change.state.callbacks.outbox).toBe(state.callbacks.outbox);
    expect(step(change.state, ev(callback('canceled', 'b'), 5)).state.callbacks.items).toEqual([]);
  });
});

describe(eventKind('Phonebooks'), () => {
  it('replaces the global phonebooks (NoPhoneBookFound empties them)', () => {
    let state = step(signedInAgent(), ev(example('Phonebooks'), 1)).state;
    expect(state.phonebooks.global).toEqual([
      { name: 'Company', type: 'GLOBAL', id: '1' },
      { name: 'Suppliers', type: 'GLOBAL', id: '2' },
    ]);
    state = step(state, ev(decodeAs('Phonebooks', '1001#Phonebooks#NoPhoneBookFound'), 2)).state;
    expect(state.phonebooks.global).toEqual([]);
  });
});

describe(eventKind('TeamPhonebooks'), () => {
  it('replaces the team phonebooks, leaving the global ones', () => {
    const before = step(signedInAgent(), ev(example('Phonebooks'), 1)).state;
    const change = step(before, ev(example('TeamPhonebooks'), 2));
    expect(change.state.phonebooks.team).toEqual([{ name: 'Sales team', type: 'TEAM', id: '7' }]);
    expect(change.state.phonebooks.global).toBe(before.phonebooks.global);
  });
});

describe(eventKind('PhonebookContacts'), () => {
  const contacts = (id: string) =>
    decodeAs(
      'PhonebookContacts',
      `1001#PhonebookContacts#description:d,firstName:F${id},lastName:L,phoneNumber:${id},id:${id}`,
    );

  it('answers the oldest outstanding request, in order', () => {
    let state = signedInAgent();
    state = step(state, { type: 'contacts-requested', phonebookId: '1' }).state;
    state = step(state, { type: 'contacts-requested', phonebookId: '2' }).state;
    expect(state.phonebooks.loading).toEqual(['1', '2']);
    state = step(state, ev(contacts('100'), 10)).state;
    expect(state.phonebooks.loading).toEqual(['2']);
    expect(Object.keys(state.phonebooks.contacts)).toEqual(['1']);
    expect(state.phonebooks.contacts['1']?.[0]?.id).toBe('100');
    state = step(state, ev(contacts('200'), 11)).state;
    expect(state.phonebooks.loading).toEqual([]);
    expect(state.phonebooks.contacts['1']?.[0]?.id).toBe('100');
    expect(state.phonebooks.contacts['2']).toEqual([
      { description: 'd', firstName: 'F200', lastName: 'L', phoneNumber: '200', id: '200' },
    ]);
  });

  it('is ignored when no request is outstanding', () => {
    expectNoChange(signedInAgent(), ev(example('PhonebookContacts'), 1));
  });

  it('NoContactFound records an empty phonebook', () => {
    let state = step(signedInAgent(), { type: 'contacts-requested', phonebookId: '9' }).state;
    state = step(state, ev(decodeAs('PhonebookContacts', '1001#PhonebookContacts#NoContactFound'), 2)).state;
    expect(state.phonebooks.contacts).toEqual({ '9': [] });
  });
});

describe(inputType('contacts-requested'), () => {
  it('queues the phonebook id as loading (a repeat is queued again: one answer each)', () => {
    let state = signedInAgent();
    const change = step(state, { type: 'contacts-requested', phonebookId: '1' });
    expect([...change.changed]).toEqual(['phonebooks']);
    state = step(change.state, { type: 'contacts-requested', phonebookId: '1' }).state;
    expect(state.phonebooks.loading).toEqual(['1', '1']);
  });
});

describe(eventKind('TeamUsersList'), () => {
  it('replaces the members (teamReset) with stateSince from GC’s time', () => {
    let state = signedInSupervisor();
    expect(Object.keys(state.team.members)).toEqual(['1001', '1002']);
    const change = step(
      state,
      ev(
        teamList('9000', [
          {
            loginId: '1003',
            firstName: 'Ann',
            lastName: 'Lee',
            extension: '5003',
            state: 'TALKING',
            time: '2026-01-02 03:04:05',
          },
          { loginId: '1004', time: 'not a time', label: 'Lunch', state: 'NOT_READY' },
        ]),
        99_000,
      ),
    );
    state = change.state;
    expect(change.teamReset).toBe(true);
    expect([...change.changed]).toEqual(['team']);
    expect(change.changedMembers).toEqual([]);
    expect(state.team.teamId).toBe('7');
    expect(state.team.members).toEqual({
      '1003': {
        loginId: '1003',
        firstName: 'Ann',
        lastName: 'Lee',
        extension: '5003',
        state: 'TALKING',
        pendingState: '',
        reasonLabel: '',
        stateSince: Date.UTC(2026, 0, 2, 3, 4, 5),
      },
      '1004': {
        loginId: '1004',
        firstName: 'First1004',
        lastName: 'Last1004',
        extension: '51004',
        state: 'NOT_READY',
        pendingState: '',
        reasonLabel: 'Lunch',
        stateSince: undefined,
      },
    });
  });

  it('an empty list empties the team', () => {
    const change = step(signedInSupervisor(), ev(decodeAs('TeamUsersList', '9000#TeamUsersList'), 1));
    expect(change.state.team.members).toEqual({});
    expect(change.teamReset).toBe(true);
  });
});

describe('login ids that name Object.prototype properties', () => {
  const ODD = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

  it('are ordinary team members in TeamUsersList and State', () => {
    let state = signedInSupervisor();
    const change = step(
      state,
      ev(
        teamList(
          '9000',
          ODD.map((loginId) => ({ loginId })),
        ),
        1_000,
      ),
    );
    state = change.state;
    expect(Object.getPrototypeOf(state.team.members)).toBe(Object.prototype);
    expect(Object.keys(state.team.members)).toEqual(ODD);
    for (const id of ODD)
      expect(state.team.members[id]).toMatchObject({ loginId: id, firstName: `First${id}` });

    const proto = step(
      state,
      ev(stateEvent({ receiver: '9000', agentId: '__proto__', state: 'TALKING' }), 2_000),
    );
    expect(proto.changedMembers).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto.state.team.members)).toBe(Object.prototype);
    expect(Object.keys(proto.state.team.members)).toEqual(ODD);
    expect(proto.state.team.members['__proto__']).toMatchObject({
      state: 'TALKING',
      firstName: 'First__proto__',
    });
  });

  it('an agent signed in as one is not mistaken for a team member', () => {
    const signingIn = reduceDesk(initialDeskState('broker'), {
      type: 'sign-in-started',
      agentId: 'constructor',
      extension: '5001',
    }).state;
    const change = step(signingIn, ev(stateEvent({ agentId: 'constructor', state: 'READY' }), 1));
    expect([...change.changed]).toEqual(['agent']);
    expect(change.changedMembers).toEqual([]);
    expect(change.state.team.members).toEqual({});
  });
});

describe(inputType('team-requested'), () => {
  it('a new team id empties the members (reset); the same id changes nothing', () => {
    const state = signedInSupervisor();
    expectNoChange(state, { type: 'team-requested', teamId: '7' });
    const change = step(state, { type: 'team-requested', teamId: '8' });
    expect(change.state.team).toEqual({ teamId: '8', members: {} });
    expect(change.teamReset).toBe(true);
    expect([...change.changed]).toEqual(['team']);
  });
});

describe(eventKind('QueueList'), () => {
  it('UCCE statistics', () => {
    const change = step(signedInSupervisor(), ev(example('QueueList'), 42));
    expect(change.state.queues).toEqual({
      form: 'ucce',
      queues: [
        {
          name: 'Sales',
          callsInQueue: 3,
          agentsReady: 2,
          agentsNotReady: 4,
          talkingInbound: 5,
          talkingOutbound: 0,
          talkingInternal: 1,
          wrapUpReady: 1,
          wrapUpNotReady: 0,
        },
      ],
      updatedAt: 42,
    });
    expect([...change.changed]).toEqual(['queues']);
  });

  it('UCCX statistics', () => {
    const event = decodeAs(
      'QueueList',
      '1001#QueueList#QueueName:Sales,WaitingCalls:2,AgentsLoggedIn:5,AgentsInAfterCallWork:1,AgentsTalking:2,' +
        'AgentsReserved:0,HandledCalls:40,AbandonedCalls:3,TotalCalls:43,LongestHandleTime:00:05:12',
    );
    const change = step(signedInAgent(), ev(event, 43));
    expect(change.state.queues.form).toBe('uccx');
    expect(change.state.queues.updatedAt).toBe(43);
    expect(change.state.queues.queues).toEqual([
      {
        name: 'Sales',
        waitingCalls: 2,
        agentsLoggedIn: 5,
        agentsInAfterCallWork: 1,
        agentsTalking: 2,
        agentsReserved: 0,
        handledCalls: 40,
        abandonedCalls: 3,
        totalCalls: 43,
        longestHandleTime: '00:05:12',
      },
    ]);
    // The slice holds copies, not the event's own records.
    expect(change.state.queues.queues[0]).not.toBe(event.queues[0]);
  });
});

describe(eventKind('Error'), () => {
  it('adds an error notice in plain words; a signed-in agent stays signed in', () => {
    const state = signedInAgent();
    const change = step(state, ev(decodeAs('Error', '1001#Error#INVALID_STATE#'), 7));
    expect([...change.changed]).toEqual(['notices']);
    expect(change.state.notices.items).toEqual([
      {
        id: 1,
        level: 'error',
        code: 'INVALID_STATE',
        message: 'That is not possible in your current state.',
        at: 7,
      },
    ]);
  });

  it('an Error without a code still reads as an error', () => {
    const change = step(signedInAgent(), ev(decodeAs('Error', '1001#Error##Something broke'), 8));
    expect(change.state.notices.items[0]).toMatchObject({ code: 'GC_ERROR', message: 'Something broke' });
    const bare = step(signedInAgent(), ev(decodeAs('Error', '1001#Error'), 9));
    expect(bare.state.notices.items[0]).toMatchObject({
      code: 'GC_ERROR',
      message: 'The connector reported an error.',
    });
  });
});

describe(eventKind('Control'), () => {
  it('adds an info notice with GC’s text (or its code when there is no text)', () => {
    let state = step(signedInSupervisor(), ev(example('Control'), 5)).state;
    expect(state.notices.items).toEqual([
      {
        id: 1,
        level: 'info',
        code: 'PARTICIPANT_DROPPED',
        message: 'Participant 5002 was dropped from the call',
        at: 5,
      },
    ]);
    state = step(state, ev(decodeAs('Control', '9000#Control#CALL_RECORDED'), 6)).state;
    expect(state.notices.items[1]).toMatchObject({ id: 2, code: 'CALL_RECORDED', message: 'CALL_RECORDED' });
    state = step(state, ev(decodeAs('Control', '9000#Control'), 7)).state;
    expect(state.notices.items[2]).toMatchObject({ id: 3, code: 'GC_NOTICE', message: '' });
  });
});

describe('notices cap', () => {
  it(`keeps the newest ${MAX_NOTICES}, ids always increasing`, () => {
    let state = signedInAgent();
    const total = MAX_NOTICES + 17;
    for (let index = 0; index < total; index++) {
      const input: DeskInput =
        index % 2 === 1
          ? ev(example('Error'), index)
          : { type: 'notice', level: 'warning', code: 'X', message: `m${index}`, at: index };
      state = step(state, input).state;
    }
    const ids = state.notices.items.map((notice) => notice.id);
    expect(ids).toHaveLength(MAX_NOTICES);
    expect(ids[0]).toBe(total - MAX_NOTICES + 1);
    expect(ids.at(-1)).toBe(total);
    for (let index = 1; index < ids.length; index++) expect(ids[index]).toBe((ids[index - 1] ?? 0) + 1);
    expect(state.notices.items.at(-1)).toMatchObject({ message: `m${total - 1}`, at: total - 1 });
  });
});

describe(inputType('notice'), () => {
  it('adds the desk’s own notice', () => {
    const change = step(signedInAgent(), {
      type: 'notice',
      level: 'warning',
      code: 'callback-queued',
      message: 'Saved; it goes out when the connection is back.',
      at: 77,
    });
    expect([...change.changed]).toEqual(['notices']);
    expect(change.state.notices.items).toEqual([
      {
        id: 1,
        level: 'warning',
        code: 'callback-queued',
        message: 'Saved; it goes out when the connection is back.',
        at: 77,
      },
    ]);
  });
});

describe(inputType('outbox'), () => {
  it('replaces the outbox and keeps the confirmed callbacks', () => {
    const before = step(signedInAgent(), ev(example('Callback'), 1)).state;
    const items: OutboxItemView[] = [
      { id: 'o1', action: 'schedule', dialogId: '5', queuedAt: 10 },
      { id: 'o2', action: 'cancel', dialogId: '6', queuedAt: 11 },
    ];
    const change = step(before, { type: 'outbox', items });
    expect([...change.changed]).toEqual(['callbacks']);
    expect(change.state.callbacks.outbox).toEqual(items);
    expect(change.state.callbacks.items).toBe(before.callbacks.items);
    expect(step(change.state, { type: 'outbox', items: [] }).state.callbacks.outbox).toEqual([]);
  });
});

describe(inputType('connection-changed'), () => {
  it('starts the connection afresh in the new mode and forgets what the old contact center said', () => {
    const outbox: OutboxItemView[] = [{ id: 'o1', action: 'schedule', dialogId: '5', queuedAt: 10 }];
    let before = step(signedInAgent(), ev(example('Callback'), 1)).state;
    before = step(before, { type: 'outbox', items: outbox }).state;
    before = step(before, { type: 'notice', level: 'info', code: 'x', message: 'kept', at: 2 }).state;
    const change = step(before, { type: 'connection-changed', mode: 'demo' });
    expect(change.state.connection).toEqual(initialDeskState('demo').connection);
    expect(change.state.agent).toEqual(initialDeskState('demo').agent);
    expect(change.state.callbacks).toEqual({ items: [], outbox });
    expect(change.state.notices).toBe(before.notices);
    expect(change.teamReset).toBe(true);
    expect(change.changed.has('notices')).toBe(false);
  });
});

describe(inputType('wrap-up-recorded'), () => {
  it('records the wrap-up reason in the dialogs slice and nothing else', () => {
    const before = signedInAgent();
    const change = step(before, {
      type: 'wrap-up-recorded',
      dialogId: '16821223',
      reasonCode: '31',
      label: 'Sale',
    });
    expect([...change.changed]).toEqual(['dialogs']);
    expect(change.state.dialogs.wrapUp).toEqual({ dialogId: '16821223', reasonCode: '31', label: 'Sale' });
    expect(change.state.dialogs.items).toBe(before.dialogs.items);
  });
});

describe(inputType('dialog-gone'), () => {
  it('removes a dialog GC no longer knows and records it as lastEnded', () => {
    const state = withDialog(
      signedInAgent(),
      ev(inboundCall({ state: 'ACTIVE', dialogId: 'a' }), 1_000),
      ev(inboundCall({ state: 'HELD', dialogId: 'b', from: '0300999' }), 1_100),
    );
    const change = step(state, { type: 'dialog-gone', dialogId: 'b' });
    expect([...change.changed]).toEqual(['dialogs']);
    expect(change.state.dialogs.items.map((dialog) => dialog.id)).toEqual(['a']);
    expect(change.state.dialogs.lastEnded).toMatchObject({
      id: 'b',
      state: 'DROPPED',
      otherParty: '0300999',
      heldAt: undefined,
    });
  });

  it('keeps the last ended call when the one gone is a consult leg', () => {
    let state = withDialog(signedInAgent(), ev(inboundCall({ state: 'ACTIVE', dialogId: 'a' }), 1_000));
    state = step(state, ev(inboundCall({ state: 'DROPPED', dialogId: 'a' }), 1_500)).state;
    state = withDialog(state, ev(inboundCall({ state: 'HELD', dialogId: 'b' }), 2_000));
    state = step(state, ev(consultCall('ACTIVE', 'c'), 2_500)).state;
    const change = step(state, { type: 'dialog-gone', dialogId: 'c' });
    expect(change.state.dialogs.items.map((dialog) => dialog.id)).toEqual(['b']);
    expect(change.state.dialogs.lastEnded).toMatchObject({ id: 'a', kind: 'call' });
  });

  it('ignores a dialog the desk does not show', () => {
    expectNoChange(signedInAgent(), { type: 'dialog-gone', dialogId: 'nope' });
  });
});

describe('events that change nothing', () => {
  const state = signedInSupervisor();
  describe(eventKind('InService'), () => {
    it('arrives through the session status instead', () =>
      expectNoChange(state, ev(example('InService'), 1)));
  });
  describe(eventKind('OutOfService'), () => {
    it('arrives through the session status instead', () =>
      expectNoChange(state, ev(example('OutOfService'), 1)));
  });
  describe(eventKind('unknown'), () => {
    it('is logged by the desk, not modelled', () => {
      const event = decodeEvent('1001#SomethingNew#a#b');
      expect(event.kind).toBe('unknown');
      expectNoChange(state, ev(event, 1));
    });
  });
  describe(eventKind('malformed'), () => {
    it('is logged by the desk, not modelled', () => {
      for (const text of ['1001#State#', '1001#InboundCall#ACTIVE#DialogId:', '', 'no separator']) {
        const event = decodeEvent(text);
        expect(['malformed', 'unknown']).toContain(event.kind);
        expectNoChange(state, ev(event, 1));
      }
      expect(decodeEvent('1001#State#').kind).toBe('malformed');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Session status

const LOST: SessionError = {
  code: 'connection-lost',
  message: 'The connection to the broker was lost.',
  url: 'tcp://a',
  detail: 'ECONNRESET',
};
const AUTH: SessionError = { code: 'auth-failed', message: 'The broker refused the user name or password.' };

describe('session status', () => {
  describe(sessionState('idle'), () => {
    it('changes nothing', () => expectNoChange(signedInAgent(), ses({ state: 'idle' }, 1)));
  });

  describe(sessionState('connecting'), () => {
    it('records the url and attempt and clears the next attempt time', () => {
      const reconnecting = reduceDesk(
        initialDeskState('broker'),
        ses({ state: 'reconnecting', attempt: 2, delayMs: 1_000, nextUrl: 'tcp://b', lastError: LOST }, 100),
      ).state;
      const change = step(reconnecting, ses({ state: 'connecting', url: 'tcp://b', attempt: 3 }, 1_100));
      expect([...change.changed]).toEqual(['connection']);
      expect(change.state.connection).toEqual({
        ...reconnecting.connection,
        status: 'connecting',
        url: 'tcp://b',
        attempt: 3,
        nextAttemptAt: undefined,
      });
      expect(change.state.connection.lastError).toEqual({ code: LOST.code, message: LOST.message });
    });
  });

  describe(sessionState('connected'), () => {
    it('clears the last error', () => {
      const state = reduceAll(initialDeskState('broker'), [
        ses({ state: 'reconnecting', attempt: 1, delayMs: 10, nextUrl: 'tcp://a', lastError: LOST }, 1),
        ses({ state: 'connecting', url: 'tcp://a', attempt: 1 }, 11),
      ]);
      const change = step(state, ses({ state: 'connected', url: 'tcp://a' }, 20));
      expect(change.state.connection).toMatchObject({
        status: 'connected',
        url: 'tcp://a',
        nextAttemptAt: undefined,
        lastError: undefined,
        stale: false,
      });
    });
  });

  describe(sessionState('in-service'), () => {
    it('keeps the last error and the url', () => {
      const state = reduceAll(initialDeskState('broker'), [
        ses({ state: 'connected', url: 'tcp://a' }, 1),
        ses({ state: 'reconnecting', attempt: 1, delayMs: 10, nextUrl: 'tcp://a', lastError: LOST }, 2),
      ]);
      const change = step(state, ses({ state: 'in-service', url: 'tcp://a' }, 20));
      expect(change.state.connection).toMatchObject({
        status: 'in-service',
        url: 'tcp://a',
        nextAttemptAt: undefined,
      });
      expect(change.state.connection.lastError).toEqual({ code: LOST.code, message: LOST.message });
    });
  });

  describe(sessionState('out-of-service'), () => {
    it('says GC is out of service', () => {
      const state = reduceAll(initialDeskState('broker'), [
        ses({ state: 'connected', url: 'tcp://a' }, 1),
        ses({ state: 'in-service', url: 'tcp://a' }, 2),
      ]);
      const change = step(state, ses({ state: 'out-of-service', url: 'tcp://a' }, 3));
      expect(change.state.connection.status).toBe('out-of-service');
      expect(change.state.connection.stale).toBe(false);
    });

    it('marks a signed-in desk stale until fresh state arrives: Finesse events of that time are lost', () => {
      const out = step(
        signedInAgent(1_000),
        ses({ state: 'out-of-service', url: 'tcp://broker:61613' }, 2_000),
      );
      expect(out.state.connection).toMatchObject({ status: 'out-of-service', stale: true });
      const back = step(out.state, ses({ state: 'in-service', url: 'tcp://broker:61613' }, 3_000));
      expect(back.state.connection).toMatchObject({ status: 'in-service', stale: true });
      const fresh = step(
        back.state,
        ev(
          stateEvent({ agentId: '1001', state: 'NOT_READY', reasonCodeId: '-1', reasonLabel: 'Not Ready' }),
          3_100,
        ),
      );
      expect(fresh.state.connection.stale).toBe(false);
    });
  });

  describe(sessionState('reconnecting'), () => {
    it('sets nextAttemptAt = at + delayMs and maps the last error to a DeskError', () => {
      const change = step(
        signedInAgent(1_000),
        ses(
          { state: 'reconnecting', attempt: 4, delayMs: 2_500, nextUrl: 'tcp://b', lastError: LOST },
          50_000,
        ),
      );
      expect([...change.changed]).toEqual(['connection']);
      expect(change.state.connection).toMatchObject({
        status: 'reconnecting',
        attempt: 4,
        nextAttemptAt: 52_500,
        stale: true,
      });
      expect(change.state.connection.lastError).toStrictEqual({
        code: 'connection-lost',
        message: LOST.message,
      });
      // Without an error, the previous one stays.
      const next = step(
        change.state,
        ses({ state: 'reconnecting', attempt: 5, delayMs: 100, nextUrl: 'tcp://a' }, 60_000),
      );
      expect(next.state.connection.lastError).toEqual(change.state.connection.lastError);
      expect(next.state.connection.nextAttemptAt).toBe(60_100);
    });
  });

  describe(sessionState('stopped'), () => {
    it('records a fatal error and clears the next attempt', () => {
      const reconnecting = reduceDesk(
        initialDeskState('broker'),
        ses({ state: 'reconnecting', attempt: 1, delayMs: 10, nextUrl: 'tcp://a' }, 1),
      ).state;
      const change = step(reconnecting, ses({ state: 'stopped', reason: 'fatal', error: AUTH }, 5));
      expect(change.state.connection).toMatchObject({ status: 'stopped', nextAttemptAt: undefined });
      expect(change.state.connection.lastError).toStrictEqual({ code: 'auth-failed', message: AUTH.message });
      const requested = step(change.state, ses({ state: 'stopped', reason: 'requested' }, 6));
      expect(requested.state.connection.lastError).toEqual(change.state.connection.lastError);
    });
  });

  describe(inputType('session'), () => {
    it('touches only the connection slice', () => {
      const state = signedInSupervisor();
      const change = step(state, ses({ state: 'connected', url: 'tcp://z' }, 1));
      expect([...change.changed]).toEqual(['connection']);
    });
  });
});

describe(inputType('event'), () => {
  it('carries its time into the state (no clock inside the reducer)', () => {
    const a = reduceDesk(signedInAgent(), ev(newInboundCall(), 123)).state;
    const b = reduceDesk(signedInAgent(), ev(newInboundCall(), 456)).state;
    expect(a.dialogs.items[0]?.startedAt).toBe(123);
    expect(b.dialogs.items[0]?.startedAt).toBe(456);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever arrives, the reducer never throws, never mutates, and reports exactly what
// changed.

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** Values that steer mutated events into interesting places (ids the desk knows, states, keys). */
const FIELD_POOL = [
  '1001',
  '1002',
  '9000',
  '',
  '__proto__',
  'constructor',
  'toString',
  'LOGOUT',
  'NOT_READY',
  'READY',
  'TALKING',
  'ALERTING',
  'ACTIVE',
  'HELD',
  'DROPPED',
  'DROP',
  'FAILED',
  'SCHEDULED',
  'UPDATED',
  'CANCELLED',
  'WrapUp',
  'DialogId:16821223',
  'DialogId:16821250',
  'CallType:SM',
  'CallType:OUTBOUND_PREVIEW',
  '2026-11-24 09:15:02',
  'LoginId:1002,State:TALKING',
  'LoginId:__proto__,State:READY',
];

const fieldArb = fc.oneof(fc.constantFrom(...FIELD_POOL), fc.string({ maxLength: 12 }));

const mutatedTextArb = fc
  .tuple(
    fc.constantFrom(...EVENT_KINDS),
    fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(14), fieldArb), {
      maxLength: 4,
    }),
  )
  .map(([kind, edits]) => {
    const fields = EVENTS[kind].example.split('#');
    for (const [edit, position, value] of edits) {
      const index = position % (fields.length + 1);
      if (edit === 'replace') fields[index] = value;
      else if (edit === 'insert') fields.splice(index, 0, value);
      else fields.splice(index, 1);
    }
    return fields.join('#');
  });

const ODD_IDS = ['1001', '1002', '9000', '', '__proto__', 'constructor', 'toString'];

const teamTextArb = fc
  .array(fc.record({ loginId: fc.constantFrom(...ODD_IDS), state: fc.constantFrom('READY', 'TALKING') }), {
    maxLength: 5,
  })
  .map((members) => ['9000', 'TeamUsersList', ...members.map(memberRecord)].join('#'));

const memberStateTextArb = fc
  .record({ agentId: fc.constantFrom(...ODD_IDS), state: fc.constantFrom('READY', 'NOT_READY', 'LOGOUT') })
  .map(({ agentId, state }) => `9000#State#${state}######${agentId}###`);

const decodedArb: fc.Arbitrary<DecodedEvent> = fc
  .oneof(
    { weight: 1, arbitrary: teamTextArb },
    { weight: 2, arbitrary: memberStateTextArb },
    { weight: 3, arbitrary: fc.constantFrom(...EVENT_KINDS).map((kind) => EVENTS[kind].example) },
    { weight: 5, arbitrary: mutatedTextArb },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  )
  .map((text) => decodeEvent(text));

const urlArb = fc.constantFrom('tcp://a:61613', 'ws://b:61614/stomp');
const errorArb = fc.option(fc.constantFrom(LOST, AUTH), { nil: undefined });

const statusArb: fc.Arbitrary<GcSessionStatus> = fc.oneof(
  fc.constant({ state: 'idle' } as const),
  fc.record({ state: fc.constant('connecting' as const), url: urlArb, attempt: fc.nat(5) }),
  fc.record({ state: fc.constantFrom('connected', 'in-service', 'out-of-service'), url: urlArb }),
  fc.record({
    state: fc.constant('reconnecting' as const),
    attempt: fc.nat(5),
    delayMs: fc.nat(30_000),
    nextUrl: urlArb,
    lastError: errorArb,
  }),
  fc.record({
    state: fc.constant('stopped' as const),
    reason: fc.constantFrom('requested', 'fatal'),
    error: errorArb,
  }),
);

const atArb = fc.integer({ min: 0, max: 2_000_000_000_000 });
const idArb = fc.constantFrom('1001', '1002', '9000', '7', '8', 'constructor', '__proto__');

const inputArb: fc.Arbitrary<DeskInput> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: fc.constant('event' as const), event: decodedArb, at: atArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('session' as const), status: statusArb, at: atArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('sign-in-started' as const),
      agentId: idArb,
      extension: fc.constantFrom('5001', '5900'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<DeskInput>(
      { type: 'sign-in-failed' },
      { type: 'sign-out-started' },
      { type: 'outbox', items: [] },
      { type: 'outbox', items: [{ id: 'o', action: 'update', dialogId: '1', queuedAt: 1 }] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('contacts-requested' as const), phonebookId: idArb }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('team-requested' as const), teamId: idArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('notice' as const),
      level: fc.constantFrom('info', 'warning', 'error'),
      code: fc.string({ maxLength: 8 }),
      message: fc.string({ maxLength: 8 }),
      at: atArb,
    }),
  },
);

describe('property: arbitrary input sequences', () => {
  it('never throws or mutates; changed is empty iff the state is identical; unchanged slices are kept', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 40 }), (inputs) => {
        let state = deepFreeze(signedInSupervisor());
        for (const input of inputs) {
          const change = reduceDesk(state, deepFreeze(input));
          checkChange(state, change);
          // Members are keyed by their own login id, whatever it is (`__proto__` included).
          const members = change.state.team.members;
          expect(Object.getPrototypeOf(members)).toBe(Object.prototype);
          for (const [id, member] of Object.entries(members)) expect(member.loginId).toBe(id);
          for (const id of change.changedMembers) expect(Object.hasOwn(members, id)).toBe(true);
          expect(change.state.notices.items.length).toBeLessThanOrEqual(MAX_NOTICES);
          state = deepFreeze(change.state);
        }
      }),
      { numRuns: 300 },
    );
  });
});
