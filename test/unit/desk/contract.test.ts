// The renderer ↔ main contract (preload/contract.ts): DESK_METHODS names every DeskApi call but
// subscribe (checked by the compiler and at run time), and applyPatch is pure.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { initialDeskState } from '../../../main/core/desk/model.ts';
import {
  DESK_METHODS,
  applyPatch,
  type DeskApi,
  type DeskMethod,
  type DeskPatch,
  type DeskState,
  type TeamMemberView,
} from '../../../preload/contract.ts';

// ---------------------------------------------------------------------------------------------
// Type-level: DeskMethod is exactly the DeskApi methods other than subscribe. A method added to
// DeskApi without a DESK_METHODS entry (or an entry naming no method) breaks `tsc`.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type CallableMethods = Exclude<keyof DeskApi, 'subscribe'>;

export type DeskMethodsAreComplete = Assert<Equal<DeskMethod, CallableMethods>>;
export type NothingMissing = Assert<Equal<Exclude<CallableMethods, DeskMethod>, never>>;
export type NothingExtra = Assert<Equal<Exclude<DeskMethod, CallableMethods>, never>>;

/** One entry per callable method: the compiler refuses a missing or an extra key. */
const EVERY_METHOD: Record<CallableMethods, true> = {
  getState: true,
  signIn: true,
  signOut: true,
  setReady: true,
  setNotReady: true,
  setWrapUpReason: true,
  loadSkillGroups: true,
  loadSupervisors: true,
  makeCall: true,
  answer: true,
  hold: true,
  retrieve: true,
  release: true,
  consult: true,
  completeTransfer: true,
  completeConference: true,
  blindTransfer: true,
  acceptPreview: true,
  rejectPreview: true,
  closePreview: true,
  reclassify: true,
  scheduleCallback: true,
  updateCallback: true,
  cancelCallback: true,
  loadPhonebooks: true,
  loadContacts: true,
  searchContacts: true,
  loadTeam: true,
  forceReady: true,
  forceNotReady: true,
  forceSignOut: true,
  silentMonitor: true,
  endMonitor: true,
  bargeIn: true,
  dropParticipant: true,
  watchQueues: true,
  reconnectNow: true,
  getConnectionSetup: true,
  setUpConnection: true,
};

describe('DESK_METHODS', () => {
  it('is exactly the DeskApi methods but subscribe (type level)', () => {
    expectTypeOf<DeskMethod>().toEqualTypeOf<CallableMethods>();
    expectTypeOf<'subscribe'>().not.toMatchTypeOf<DeskMethod>();
  });

  it('lists every method once, subscribe never', () => {
    expect(new Set(DESK_METHODS).size).toBe(DESK_METHODS.length);
    expect([...DESK_METHODS].sort()).toEqual(Object.keys(EVERY_METHOD).sort());
    expect(DESK_METHODS as readonly string[]).not.toContain('subscribe');
    for (const name of DESK_METHODS) expect(name).toMatch(/^[a-z][A-Za-z]*$/);
  });
});

// ---------------------------------------------------------------------------------------------
// applyPatch

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

function member(loginId: string, state = 'READY'): TeamMemberView {
  return {
    loginId,
    firstName: `F${loginId}`,
    lastName: `L${loginId}`,
    extension: `5${loginId}`,
    state,
    pendingState: '',
    reasonLabel: '',
    stateSince: 1_000,
  };
}

function snapshot(): DeskState {
  const initial = initialDeskState('broker');
  return {
    ...initial,
    team: {
      teamId: '7',
      members: { '1001': member('1001'), '1002': member('1002'), '1003': member('1003') },
    },
    notices: { items: [{ id: 1, level: 'info', code: 'X', message: 'hello', at: 5 }] },
  };
}

const PATCHES: readonly [string, DeskPatch][] = [
  [
    'slices only',
    { version: 1, slices: { notices: { items: [] }, queues: { form: 'ucce', queues: [], updatedAt: 9 } } },
  ],
  [
    'member deltas and removals',
    {
      version: 2,
      slices: {},
      team: {
        teamId: '7',
        reset: false,
        members: [member('1002', 'TALKING'), member('1004')],
        removed: ['1003'],
      },
    },
  ],
  [
    'a reset',
    { version: 3, slices: {}, team: { teamId: '8', reset: true, members: [member('2001')], removed: [] } },
  ],
  [
    'everything at once',
    {
      version: 4,
      slices: { agent: { ...initialDeskState('broker').agent, signIn: 'signed-in', agentId: '9000' } },
      team: {
        teamId: '7',
        reset: false,
        members: [member('__proto__'), member('constructor')],
        removed: ['1001'],
      },
    },
  ],
];

describe('applyPatch', () => {
  it.each(PATCHES)('does not mutate its inputs (%s)', (_name, patch) => {
    const state = snapshot();
    const stateCopy = structuredClone(state);
    const patchCopy = structuredClone(patch);
    deepFreeze(state);
    deepFreeze(patch);
    // Frozen inputs: any write would throw (ES modules are strict).
    const next = applyPatch(state, patch);
    expect(state).toStrictEqual(stateCopy);
    expect(patch).toStrictEqual(patchCopy);
    expect(next).not.toBe(state);
    if (patch.team) expect(next.team.members).not.toBe(state.team.members);
  });

  it('replaces the slices given and keeps the others as they were', () => {
    const state = snapshot();
    const [, patch] = PATCHES[0]!;
    const next = applyPatch(state, patch);
    expect(next.notices).toBe(patch.slices.notices);
    expect(next.queues).toBe(patch.slices.queues);
    expect(next.agent).toBe(state.agent);
    expect(next.team).toBe(state.team);
  });

  it('applies member deltas and removals, or replaces the members on reset', () => {
    const state = snapshot();
    const delta = applyPatch(state, PATCHES[1]![1]);
    expect(Object.keys(delta.team.members)).toEqual(['1001', '1002', '1004']);
    expect(delta.team.members['1002']?.state).toBe('TALKING');
    expect(delta.team.members['1001']).toBe(state.team.members['1001']);

    const reset = applyPatch(state, PATCHES[2]![1]);
    expect(reset.team).toEqual({ teamId: '8', members: { '2001': member('2001') } });
  });

  it('keeps members whose login ids name Object.prototype properties as members', () => {
    const next = applyPatch(snapshot(), PATCHES[3]![1]);
    expect(Object.getPrototypeOf(next.team.members)).toBe(Object.prototype);
    expect(Object.keys(next.team.members)).toEqual(['1002', '1003', '__proto__', 'constructor']);
    expect(Object.hasOwn(next.team.members, '__proto__')).toBe(true);
    expect(next.team.members['__proto__']).toEqual(member('__proto__'));
    const removed = applyPatch(next, {
      version: 5,
      slices: {},
      team: { teamId: '7', reset: false, members: [], removed: ['__proto__', 'toString'] },
    });
    expect(Object.keys(removed.team.members)).toEqual(['1002', '1003', 'constructor']);
    expect(Object.getPrototypeOf(removed.team.members)).toBe(Object.prototype);
  });
});
