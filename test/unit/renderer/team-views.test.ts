// The supervisor's views computed from DeskState (renderer/src/state/team-views.ts): state groups
// and their counts, the text filter and the sort orders (also over a 5,000-agent team), the
// window of a long list that is rendered, list keys and type-ahead, what may be done to a member,
// the call listened to, who may be dropped from a call, and where an action's error shows.

import { describe, expect, it } from 'vitest';
import type { ParticipantView, TeamMemberView } from '../../../preload/contract.ts';
import {
  canForceNotReady,
  canForceReady,
  canForceSignOut,
  canMonitor,
  countByGroup,
  droppableParticipants,
  errorShownIn,
  listKeyTarget,
  matchesQuery,
  memberName,
  monitorCall,
  monitoredParty,
  queryWords,
  scrollToReveal,
  sortMembers,
  stateFilters,
  stateGroup,
  teamChoices,
  teamView,
  typeaheadTarget,
  visibleRange,
  type StateGroup,
} from '../../../renderer/src/state/team-views.ts';
import { agent, dialog } from './desk-state-fixture.ts';

function member(overrides: Partial<TeamMemberView> = {}): TeamMemberView {
  return {
    loginId: '1001',
    firstName: 'Priya',
    lastName: 'Adeyemi',
    extension: '5001',
    state: 'READY',
    pendingState: '',
    reasonLabel: '',
    stateSince: 1_000,
    ...overrides,
  };
}

function byId(members: readonly TeamMemberView[]): Record<string, TeamMemberView> {
  return Object.fromEntries(members.map((entry) => [entry.loginId, entry]));
}

const ids = (members: readonly TeamMemberView[]) => members.map((entry) => entry.loginId);

const team = [
  member({ loginId: '1001', firstName: 'Priya', lastName: 'Adeyemi', state: 'READY', stateSince: 5_000 }),
  member({ loginId: '1002', firstName: 'Ben', lastName: 'Costa', extension: '5002', state: 'TALKING' }),
  member({ loginId: '1003', firstName: 'Inés', lastName: 'Bauer', extension: '5003', state: 'HOLD' }),
  member({ loginId: '1004', firstName: 'Zoe', lastName: 'Silva', extension: '5004', state: 'NOT_READY' }),
  member({ loginId: '1005', firstName: 'Amira', lastName: 'Lopez', extension: '5005', state: 'WORK_READY' }),
  member({ loginId: '1006', firstName: 'Hugo', lastName: 'Rossi', extension: '5006', state: 'LOGOUT' }),
  member({
    loginId: '1007',
    firstName: 'Olu',
    lastName: 'Varga',
    extension: '5007',
    state: 'RESERVED_OUTBOUND_PREVIEW',
    stateSince: undefined,
  }),
];

describe('state groups', () => {
  it('group GC’s states as a supervisor asks about them', () => {
    const cases: [string, StateGroup][] = [
      ['READY', 'ready'],
      ['NOT_READY', 'not-ready'],
      ['TALKING', 'talking'],
      ['HOLD', 'talking'],
      ['WORK', 'wrap-up'],
      ['WORK_READY', 'wrap-up'],
      ['RESERVED', 'reserved'],
      ['RESERVED_OUTBOUND', 'reserved'],
      ['RESERVED_OUTBOUND_PREVIEW', 'reserved'],
      ['LOGOUT', 'signed-out'],
      ['', 'signed-out'],
      ['SOMETHING_NEW', 'other'],
      ['constructor', 'other'],
    ];
    for (const [state, group] of cases) expect([state, stateGroup(state)]).toEqual([state, group]);
  });

  it('are counted, and "other" is offered only while somebody is in it', () => {
    const counts = countByGroup(team);
    expect(counts).toEqual({
      all: 7,
      ready: 1,
      'not-ready': 1,
      talking: 2,
      'wrap-up': 1,
      reserved: 1,
      'signed-out': 1,
      other: 0,
    });
    expect(stateFilters(counts)).toEqual([
      'all',
      'ready',
      'not-ready',
      'talking',
      'wrap-up',
      'reserved',
      'signed-out',
    ]);
    expect(stateFilters(countByGroup([...team, member({ loginId: '9', state: 'NEW_STATE' })]))).toContain(
      'other',
    );
  });
});

describe('the text filter', () => {
  it('finds by name without regard to case or accents, by login id and by extension', () => {
    const ines = team[2] as TeamMemberView;
    expect(matchesQuery(ines, queryWords('ines'))).toBe(true);
    expect(matchesQuery(ines, queryWords('  INÉS   bau '))).toBe(true);
    expect(matchesQuery(ines, queryWords('1003'))).toBe(true);
    expect(matchesQuery(ines, queryWords('5003'))).toBe(true);
    expect(matchesQuery(ines, queryWords('ines costa'))).toBe(false);
    expect(matchesQuery(ines, queryWords(''))).toBe(true);
  });

  it('names a member without a name by the login id', () => {
    expect(memberName(member({ firstName: '', lastName: '' }))).toBe('1001');
    expect(memberName(member({ firstName: 'Wen', lastName: '' }))).toBe('Wen');
  });
});

describe('teamView', () => {
  it('filters by state group and text, and counts what the text matches', () => {
    const view = teamView(byId(team), { filter: 'talking', text: '', sort: 'name' });
    expect(ids(view.rows)).toEqual(['1002', '1003']);
    expect(view.total).toBe(7);
    expect(view.counts.talking).toBe(2);

    const narrowed = teamView(byId(team), { filter: 'all', text: 'o', sort: 'name' });
    // Ben Costa, Zoe Silva, Amira Lopez, Hugo Rossi, Olu Varga: "o" is in each.
    expect(ids(narrowed.rows)).toEqual(['1005', '1002', '1006', '1007', '1004']);
    expect(narrowed.counts.all).toBe(5);
    expect(narrowed.counts.talking).toBe(1);
    expect(narrowed.total).toBe(7);
  });

  it('sorts by name, by time in state (longest first, unknown last) and by state', () => {
    const now = team.map((entry, index) => ({ ...entry, stateSince: entry.stateSince && 10_000 - index }));
    expect(ids(sortMembers(now, 'name'))).toEqual(['1005', '1002', '1006', '1003', '1007', '1001', '1004']);
    expect(ids(sortMembers(now, 'time'))).toEqual(['1006', '1005', '1004', '1003', '1002', '1001', '1007']);
    // Talking (longest first), reserved, wrap-up, ready, not ready, signed out.
    expect(ids(sortMembers(now, 'state'))).toEqual(['1003', '1002', '1007', '1005', '1001', '1004', '1006']);
  });

  it('does not change the members it was given', () => {
    const members = byId(team);
    const before = JSON.stringify(members);
    teamView(members, { filter: 'all', text: '', sort: 'state' });
    expect(JSON.stringify(members)).toBe(before);
  });

  it('keeps a login id such as __proto__ as a member', () => {
    const members: Record<string, TeamMemberView> = {};
    Object.defineProperty(members, '__proto__', {
      value: member({ loginId: '__proto__', firstName: 'Odd' }),
      enumerable: true,
    });
    expect(ids(teamView(members, { filter: 'all', text: 'odd', sort: 'name' }).rows)).toEqual(['__proto__']);
  });

  it('gives the right rows and counts for a 5,000-agent team', () => {
    const states = ['READY', 'NOT_READY', 'TALKING', 'HOLD', 'WORK', 'RESERVED', 'LOGOUT', 'WORK_READY'];
    const big = Array.from({ length: 5_000 }, (_, index) =>
      member({
        loginId: String(100_000 + index),
        firstName: `Agent${String(index).padStart(4, '0')}`,
        lastName: index % 2 === 0 ? 'Even' : 'Odd',
        extension: String(50_000 + index),
        state: states[index % states.length] as string,
        stateSince: 1_000_000 - index,
      }),
    );
    const members = byId(big);

    const all = teamView(members, { filter: 'all', text: '', sort: 'name' });
    expect(all.rows).toHaveLength(5_000);
    expect(all.rows[0]?.loginId).toBe('100000');
    expect(all.rows.at(-1)?.loginId).toBe('104999');
    expect(all.counts).toEqual({
      all: 5_000,
      ready: 625,
      'not-ready': 625,
      talking: 1_250,
      'wrap-up': 1_250,
      reserved: 625,
      'signed-out': 625,
      other: 0,
    });

    const talkingOdd = teamView(members, { filter: 'talking', text: 'odd', sort: 'time' });
    // Odd indexes whose state is TALKING (index % 8 === 2) or HOLD (=== 3): only HOLD ones are odd.
    expect(talkingOdd.rows).toHaveLength(625);
    expect(talkingOdd.rows.every((entry) => entry.state === 'HOLD' && entry.lastName === 'Odd')).toBe(true);
    // Longest in state first: the highest index started earliest.
    expect(talkingOdd.rows[0]?.loginId).toBe('104995');
    expect(talkingOdd.counts.all).toBe(2_500);

    const one = teamView(members, { filter: 'all', text: '54321', sort: 'name' });
    expect(ids(one.rows)).toEqual(['104321']);
  });
});

describe('visibleRange', () => {
  const base = { count: 5_000, rowHeight: 50, viewportHeight: 400, overscan: 3 };

  it('renders the rows in view and a few either side', () => {
    expect(visibleRange({ ...base, scrollTop: 0 })).toEqual({
      start: 0,
      end: 11,
      offset: 0,
      totalHeight: 250_000,
    });
    // Rows 100–107 are in view (5,000 px / 50); 3 more either side.
    expect(visibleRange({ ...base, scrollTop: 5_000 })).toEqual({
      start: 97,
      end: 111,
      offset: 4_850,
      totalHeight: 250_000,
    });
    // Half a row scrolled: rows 100–108 show partly or whole.
    expect(visibleRange({ ...base, scrollTop: 5_025 })).toMatchObject({ start: 97, end: 112 });
  });

  it('stops at the ends, and clamps a scroll position the list outgrew', () => {
    expect(visibleRange({ ...base, scrollTop: 249_600 })).toMatchObject({ start: 4_989, end: 5_000 });
    expect(visibleRange({ ...base, scrollTop: 10_000_000 })).toMatchObject({ start: 4_989, end: 5_000 });
    expect(visibleRange({ ...base, count: 5, scrollTop: 3_000 })).toEqual({
      start: 0,
      end: 5,
      offset: 0,
      totalHeight: 250,
    });
    expect(visibleRange({ ...base, scrollTop: -40 })).toMatchObject({ start: 0, end: 11 });
  });

  it('copes with an empty list and with sizes not measured yet', () => {
    expect(visibleRange({ ...base, count: 0, scrollTop: 0 })).toEqual({
      start: 0,
      end: 0,
      offset: 0,
      totalHeight: 0,
    });
    expect(visibleRange({ ...base, viewportHeight: 0, scrollTop: 0 })).toMatchObject({ start: 0, end: 3 });
    expect(visibleRange({ ...base, viewportHeight: Number.NaN, scrollTop: Number.NaN })).toMatchObject({
      start: 0,
      end: 3,
    });
  });

  it('scrolls as little as needed to show a row whole', () => {
    expect(scrollToReveal(10, 50, 600, 400)).toBe(500);
    expect(scrollToReveal(12, 50, 400, 400)).toBe(400);
    expect(scrollToReveal(20, 50, 400, 400)).toBe(650);
  });
});

describe('list keys and type-ahead', () => {
  it('move the active row', () => {
    expect(listKeyTarget('ArrowDown', -1, 10, 5)).toBe(0);
    expect(listKeyTarget('ArrowDown', 9, 10, 5)).toBe(9);
    expect(listKeyTarget('ArrowUp', -1, 10, 5)).toBe(0);
    expect(listKeyTarget('ArrowUp', 0, 10, 5)).toBe(0);
    expect(listKeyTarget('PageDown', 2, 10, 5)).toBe(7);
    expect(listKeyTarget('PageDown', 8, 10, 5)).toBe(9);
    expect(listKeyTarget('PageUp', 3, 10, 5)).toBe(0);
    expect(listKeyTarget('Home', 5, 10, 5)).toBe(0);
    expect(listKeyTarget('End', 5, 10, 5)).toBe(9);
    // An index past a list that just got shorter stays inside it.
    expect(listKeyTarget('ArrowDown', 40, 10, 5)).toBe(9);
    expect(listKeyTarget('x', 5, 10, 5)).toBeUndefined();
    expect(listKeyTarget('ArrowDown', -1, 0, 5)).toBeUndefined();
  });

  it('find the next name that starts with what was typed', () => {
    const rows = sortMembers(team, 'name'); // Amira, Ben, Hugo, Inés, Olu, Priya, Zoe
    expect(typeaheadTarget(rows, -1, 'i')).toBe(3);
    expect(typeaheadTarget(rows, 3, 'in')).toBe(3);
    expect(typeaheadTarget(rows, 3, 'o')).toBe(4);
    expect(typeaheadTarget(rows, 6, 'a')).toBe(0);
    expect(typeaheadTarget(rows, 0, 'x')).toBeUndefined();
    expect(typeaheadTarget([], 0, 'a')).toBeUndefined();
  });
});

describe('what may be done to a member', () => {
  it('depends on their state', () => {
    expect(canForceReady(member({ state: 'NOT_READY' }))).toBe(true);
    expect(canForceReady(member({ state: 'READY' }))).toBe(false);
    expect(canForceReady(member({ state: 'LOGOUT' }))).toBe(false);
    expect(canForceNotReady(member({ state: 'TALKING' }))).toBe(true);
    expect(canForceNotReady(member({ state: 'LOGOUT' }))).toBe(false);
    expect(canForceSignOut(member({ state: 'READY' }))).toBe(true);
    expect(canForceSignOut(member({ state: 'LOGOUT' }))).toBe(false);
    expect(canMonitor(member({ state: 'TALKING' }), false)).toBe(true);
    expect(canMonitor(member({ state: 'TALKING' }), true)).toBe(false);
    expect(canMonitor(member({ state: 'HOLD' }), false)).toBe(false);
    expect(canMonitor(member({ state: 'TALKING', extension: '' }), false)).toBe(false);
  });

  it('offers the supervisor’s teams, or their own team without a list', () => {
    const teams = [
      { id: '101', name: 'Sales team' },
      { id: '103', name: 'Billing team' },
    ];
    expect(teamChoices(agent({ isSupervisor: true, teams }))).toEqual(teams);
    expect(teamChoices(agent({ isSupervisor: true, teams: [], teamId: '101' }))).toEqual([
      { id: '101', name: '101' },
    ]);
    expect(teamChoices(agent({ isSupervisor: true, teams: [], teamId: undefined }))).toEqual([]);
  });
});

describe('listening in and conferences', () => {
  const supervisorLeg: ParticipantView = {
    address: '5901',
    state: 'ACTIVE',
    tag: 'SUPERVISOR',
    role: 'MONITOR',
  };
  const customer: ParticipantView = { address: '+442079460958', state: 'ACTIVE', tag: 'CUSTOMER', role: '' };
  const agentLeg: ParticipantView = { address: '5002', state: 'ACTIVE', tag: 'AGENT', role: '' };

  it('finds the call listened to and names the agent on it', () => {
    const monitor = dialog({ id: 'm1', kind: 'monitor', participants: [supervisorLeg, customer, agentLeg] });
    const dialogs = { items: [dialog(), monitor], lastEnded: undefined, wrapUp: undefined };
    expect(monitorCall(dialogs)).toBe(monitor);
    expect(monitorCall({ ...dialogs, items: [dialog()] })).toBeUndefined();

    const members = byId(team);
    expect(monitoredParty(monitor, members, '5901')).toEqual({ address: '5002', member: members['1002'] });
    // Not a member of the team shown: the party tagged AGENT, by address.
    expect(monitoredParty(monitor, {}, '5901')).toEqual({ address: '5002', member: undefined });
    expect(monitoredParty(dialog({ participants: [supervisorLeg, customer] }), {}, '5901')).toBeUndefined();
  });

  it('offers to drop the others from a conference, never from a two-party call', () => {
    const barged = { ...supervisorLeg, role: 'SUPERVISOR_BARGE_IN' };
    const call = dialog({ participants: [customer, agentLeg, barged] });
    expect(droppableParticipants(call, '5901')).toEqual([customer, agentLeg]);
    expect(droppableParticipants(dialog({ participants: [customer, barged] }), '5901')).toEqual([]);
    // A party that already left does not count.
    const left = dialog({ participants: [customer, { ...agentLeg, state: 'DROPPED' }, barged] });
    expect(droppableParticipants(left, '5901')).toEqual([]);
  });
});

describe('where an action’s error shows', () => {
  it('is next to the controls that made it', () => {
    expect(errorShownIn('forceNotReady')).toBe('team');
    expect(errorShownIn('loadTeam')).toBe('team');
    expect(errorShownIn('silentMonitor')).toBe('team');
    expect(errorShownIn('watchQueues')).toBe('queues');
    expect(errorShownIn('bargeIn')).toBe('desk');
    expect(errorShownIn('setReady')).toBe('desk');
    expect(errorShownIn(undefined)).toBe('desk');
  });
});
