// The patch publisher (main/core/desk/patch-publisher.ts) on fake time: coalescing into at most
// one patch per interval, member deltas for the team, resets, and the contract that the far side
// (applyPatch from the initial snapshot) always ends up with exactly the publisher's state.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GcSessionStatus } from '../../../main/core/broker/gc-session.ts';
import {
  initialDeskState,
  reduceDesk,
  type DeskChange,
  type DeskInput,
} from '../../../main/core/desk/model.ts';
import { PatchPublisher, type PatchScheduler } from '../../../main/core/desk/patch-publisher.ts';
import { EVENTS, decodeEvent, type DecodedEvent } from '../../../main/core/protocol/index.ts';
import { applyPatch, type DeskPatch, type DeskState, type SliceName } from '../../../preload/contract.ts';

// ---------------------------------------------------------------------------------------------
// Fake time

class ManualScheduler implements PatchScheduler {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { readonly due: number; readonly callback: () => void }>();
  /** Every delay asked for, in order. */
  readonly delays: number[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.#nextId++;
    this.delays.push(delayMs);
    this.#timers.set(id, { due: this.#now + delayMs, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  now(): number {
    return this.#now;
  }

  get pending(): number {
    return this.#timers.size;
  }

  /** Runs every timer due up to `time`, each at its own due time, then sets the clock to `time`. */
  advanceTo(time: number): void {
    for (;;) {
      let next: [number, { readonly due: number; readonly callback: () => void }] | undefined;
      for (const entry of this.#timers)
        if (entry[1].due <= time && (!next || entry[1].due < next[1].due)) next = entry;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].due);
      next[1].callback();
    }
    this.#now = Math.max(this.#now, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }
}

interface Harness {
  readonly scheduler: ManualScheduler;
  readonly publisher: PatchPublisher;
  readonly patches: { readonly at: number; readonly patch: DeskPatch }[];
  /** The model's state; `apply` reduces an input into it and pushes the change. */
  state: DeskState;
  apply(input: DeskInput): DeskChange;
  /** The far side: the initial snapshot with every patch applied. */
  remote(): DeskState;
}

function harness(start = 0, state = initialDeskState('broker')): Harness {
  const scheduler = new ManualScheduler(start);
  const publisher = new PatchPublisher({ scheduler, intervalMs: 16 });
  const initial = state;
  const patches: Harness['patches'] = [];
  publisher.subscribe((patch) => patches.push({ at: scheduler.now(), patch }));
  const h: Harness = {
    scheduler,
    publisher,
    patches,
    state,
    apply(input) {
      const change = reduceDesk(h.state, input);
      h.state = change.state;
      publisher.push(change);
      return change;
    },
    remote: () => patches.reduce((snapshot, { patch }) => applyPatch(snapshot, patch), initial),
  };
  return h;
}

// ---------------------------------------------------------------------------------------------
// Inputs

const ev = (event: DecodedEvent, at = 0): DeskInput => ({ type: 'event', event, at });
const notice = (message: string, at = 0): DeskInput => ({
  type: 'notice',
  level: 'info',
  code: 'N',
  message,
  at,
});
const session = (status: GcSessionStatus, at = 0): DeskInput => ({ type: 'session', status, at });

function decoded(text: string): DecodedEvent {
  const event = decodeEvent(text);
  if (event.kind === 'malformed' || event.kind === 'unknown') throw new Error(`bad test event: ${text}`);
  return event;
}

const memberState = (agentId: string, state: string, label = ''): DecodedEvent =>
  decoded(
    `9000#State#${state}####2026-11-24 09:15:02#First Last#${agentId}#5${agentId}#${label}#First Last#x`,
  );

function memberRecord(loginId: string, state = 'READY'): string {
  return (
    `FirstName:F${loginId},LastName:L${loginId},Extension:5${loginId},LoginId:${loginId},State:${state},` +
    'PendingState:,MediaType:voice,StateChangeTime:2026-11-24 09:15:02,StateChangeLabel:'
  );
}

const teamList = (ids: readonly string[]): DecodedEvent =>
  decoded(['9000', 'TeamUsersList', ...ids.map((id) => memberRecord(id))].join('#'));

function supervisor(h: Harness): void {
  h.apply({ type: 'sign-in-started', agentId: '9000', extension: '5900' });
  h.apply(ev(decoded('9000#State#READY#####Maria Garcia#9000#5900###mgarcia'), 1));
  h.apply({ type: 'team-requested', teamId: '7' });
}

/**
 * Exact equality of two snapshots. The members record goes through Object.entries because
 * toStrictEqual compares `.constructor`, which a member whose login id is `constructor` shadows.
 */
function expectSameState(actual: DeskState, expected: DeskState): void {
  const canonical = (state: DeskState) => ({
    ...state,
    team: { ...state.team, members: Object.entries(state.team.members) },
  });
  expect(Object.getPrototypeOf(actual.team.members)).toBe(Object.prototype);
  expect(canonical(actual)).toStrictEqual(canonical(expected));
}

const sliceKeys = (patch: DeskPatch): string[] => Object.keys(patch.slices).sort();

// ---------------------------------------------------------------------------------------------

describe('coalescing', () => {
  it('several changes within one interval produce ONE patch: the union of slices, latest values', () => {
    const h = harness(1_000);
    h.apply(session({ state: 'connecting', url: 'tcp://a', attempt: 1 }));
    h.apply(notice('one'));
    h.apply(session({ state: 'connected', url: 'tcp://a' }));
    h.apply({ type: 'sign-in-started', agentId: '1001', extension: '5001' });
    h.apply(notice('two'));
    expect(h.patches).toEqual([]);
    h.scheduler.advanceTo(1_000);
    expect(h.patches).toHaveLength(1);
    const [first] = h.patches;
    expect(first?.at).toBe(1_000);
    expect(sliceKeys(first!.patch)).toEqual(['agent', 'connection', 'notices']);
    expect(first?.patch.slices.connection?.status).toBe('connected');
    expect(first?.patch.slices.notices?.items.map((item) => item.message)).toEqual(['one', 'two']);
    expect(first?.patch.slices.agent).toBe(h.state.agent);
    expect(first?.patch.team).toBeUndefined();
    expect(first?.patch.version).toBe(1);

    // Changes at +3, +8 and +15 ms after that flush travel together at +16.
    h.scheduler.advanceTo(1_003);
    h.apply(notice('three'));
    h.scheduler.advanceTo(1_008);
    h.apply(ev(decodeEvent(EVENTS.Phonebooks.example)));
    h.scheduler.advanceTo(1_015);
    h.apply(notice('four'));
    expect(h.patches).toHaveLength(1);
    h.scheduler.advanceTo(1_016);
    expect(h.patches).toHaveLength(2);
    const second = h.patches[1];
    expect(second?.at).toBe(1_016);
    expect(second?.patch.version).toBe(2);
    expect(sliceKeys(second!.patch)).toEqual(['notices', 'phonebooks']);
    expect(second?.patch.slices.notices?.items.map((item) => item.message)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
    expectSameState(h.remote(), h.state);
    expect(h.publisher.version).toBe(2);
  });

  it('the next patch waits until one interval after the last flush, not after the change', () => {
    const h = harness(0);
    h.apply(notice('a'));
    h.scheduler.advanceTo(0);
    expect(h.patches.map((entry) => entry.at)).toEqual([0]);
    h.scheduler.advanceTo(10);
    h.apply(notice('b'));
    expect(h.scheduler.delays.at(-1)).toBe(6);
    h.scheduler.advanceTo(15);
    expect(h.patches).toHaveLength(1);
    h.scheduler.advanceTo(16);
    expect(h.patches.map((entry) => entry.at)).toEqual([0, 16]);
    // Long after the last flush, a change goes out at once (next turn).
    h.scheduler.advanceTo(100);
    h.apply(notice('c'));
    expect(h.scheduler.delays.at(-1)).toBe(0);
    h.scheduler.advanceTo(100);
    expect(h.patches.map((entry) => entry.at)).toEqual([0, 16, 100]);
  });

  it('keeps one timer however many changes arrive, and honours intervalMs', () => {
    const scheduler = new ManualScheduler(0);
    const publisher = new PatchPublisher({ scheduler, intervalMs: 50 });
    const seen: number[] = [];
    publisher.subscribe(() => seen.push(scheduler.now()));
    let state = initialDeskState('demo');
    const push = (message: string) => {
      const change = reduceDesk(state, notice(message));
      state = change.state;
      publisher.push(change);
    };
    push('a');
    scheduler.advanceTo(0);
    for (let index = 0; index < 20; index++) push(`x${index}`);
    expect(scheduler.pending).toBe(1);
    scheduler.advanceTo(49);
    expect(seen).toEqual([0]);
    scheduler.advanceTo(50);
    expect(seen).toEqual([0, 50]);
  });

  it('by default, a change under load waits at most 8 ms (half a frame) for its patch', () => {
    const scheduler = new ManualScheduler(0);
    const publisher = new PatchPublisher({ scheduler });
    const seen: number[] = [];
    publisher.subscribe(() => seen.push(scheduler.now()));
    let state = initialDeskState('demo');
    const push = (message: string) => {
      const change = reduceDesk(state, notice(message));
      state = change.state;
      publisher.push(change);
    };
    // 200 changes a second, one every 5 ms: each goes out within 8 ms of arriving.
    for (let at = 0; at <= 100; at += 5) {
      scheduler.advanceTo(at);
      push(`at ${at}`);
    }
    scheduler.advanceTo(200);
    expect(seen[0]).toBe(0);
    for (let index = 1; index < seen.length; index++)
      expect((seen[index] as number) - (seen[index - 1] as number)).toBe(8);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(100);
    expect(seen.at(-1)).toBeLessThanOrEqual(108);
  });

  it('a change that changes nothing schedules nothing; flush with nothing pending sends nothing', () => {
    const h = harness(0);
    const unchanged = h.apply(ev(decodeEvent(EVENTS.InService.example)));
    expect(unchanged.changed.size).toBe(0);
    expect(h.scheduler.pending).toBe(0);
    h.publisher.flush();
    expect(h.patches).toEqual([]);
    h.apply(notice('a'));
    h.publisher.flush();
    h.publisher.flush();
    expect(h.patches).toHaveLength(1);
    expect(h.scheduler.pending).toBe(0);
  });

  it('flush() sends at once and cancels the pending timer', () => {
    const h = harness(0);
    h.apply(notice('a'));
    expect(h.scheduler.pending).toBe(1);
    h.publisher.flush();
    expect(h.scheduler.pending).toBe(0);
    expect(h.patches).toHaveLength(1);
    h.scheduler.advanceTo(1_000);
    expect(h.patches).toHaveLength(1);
  });
});

describe('team members', () => {
  it('only the members that changed travel', () => {
    const h = harness(0);
    supervisor(h);
    h.apply(ev(teamList(['1001', '1002', '1003']), 2));
    h.scheduler.advanceTo(0);
    expect(h.patches).toHaveLength(1);
    expect(h.patches[0]?.patch.team).toMatchObject({ teamId: '7', reset: true, removed: [] });
    expect(h.patches[0]?.patch.team?.members.map((member) => member.loginId)).toEqual([
      '1001',
      '1002',
      '1003',
    ]);
    expect('team' in h.patches[0]!.patch.slices).toBe(false);

    h.apply(ev(memberState('1002', 'TALKING'), 5));
    h.apply(ev(memberState('1002', 'HOLD'), 6));
    h.apply(ev(memberState('1003', 'NOT_READY', 'Break'), 7));
    h.scheduler.advanceTo(16);
    expect(h.patches).toHaveLength(2);
    const patch = h.patches[1]!.patch;
    expect(sliceKeys(patch)).toEqual([]);
    expect(patch.team).toStrictEqual({
      teamId: '7',
      reset: false,
      members: [h.state.team.members['1002'], h.state.team.members['1003']],
      removed: [],
    });
    expect(patch.team?.members[0]?.state).toBe('HOLD');
    expectSameState(h.remote(), h.state);
  });

  it('a reset sends every member and clears the pending member deltas', () => {
    const h = harness(0);
    supervisor(h);
    h.apply(ev(teamList(['1001', '1002']), 2));
    h.scheduler.advanceTo(0);

    h.apply(ev(memberState('1002', 'TALKING'), 3));
    h.apply(ev(memberState('1009', 'READY'), 3)); // joins, then disappears with the new list
    h.apply(ev(teamList(['1001', '1003', '1004']), 4));
    h.apply(ev(memberState('1004', 'WORK'), 5)); // after the reset, in the same interval
    h.scheduler.advanceTo(16);
    const team = h.patches[1]?.patch.team;
    expect(team?.reset).toBe(true);
    expect(team?.removed).toEqual([]);
    expect(team?.members.map((member) => member.loginId)).toEqual(['1001', '1003', '1004']);
    expect(team?.members[2]?.state).toBe('WORK');
    expect(h.remote().team.members).toStrictEqual(h.state.team.members);
    expect(Object.keys(h.remote().team.members)).toEqual(['1001', '1003', '1004']);

    // The next interval is back to deltas.
    h.apply(ev(memberState('1003', 'TALKING'), 20));
    h.scheduler.advanceTo(32);
    expect(h.patches[2]?.patch.team).toMatchObject({ reset: false, removed: [] });
    expect(h.patches[2]?.patch.team?.members.map((member) => member.loginId)).toEqual(['1003']);
    expectSameState(h.remote(), h.state);
  });

  it('a team-requested reset with no members yet sends the new team id and an empty list', () => {
    const h = harness(0);
    supervisor(h);
    h.apply(ev(teamList(['1001']), 2));
    h.scheduler.advanceTo(0);
    h.apply({ type: 'team-requested', teamId: '8' });
    h.scheduler.advanceTo(16);
    expect(h.patches[1]?.patch.team).toStrictEqual({ teamId: '8', reset: true, members: [], removed: [] });
    expect(h.remote().team).toStrictEqual({ teamId: '8', members: {} });
  });

  it('a member no longer in the state travels in `removed`', () => {
    const h = harness(0);
    supervisor(h);
    h.apply(ev(teamList(['1001', '1002', 'toString']), 2));
    h.scheduler.advanceTo(0);
    // A change that drops members without a reset (the reducer has none today; the publisher
    // must still carry it).
    const { '1002': _gone, toString: _alsoGone, ...members } = h.state.team.members;
    const next: DeskState = { ...h.state, team: { ...h.state.team, members } };
    h.state = next;
    h.publisher.push({
      state: next,
      changed: new Set<SliceName>(['team']),
      changedMembers: ['1002', 'toString'],
      teamReset: false,
    });
    h.scheduler.advanceTo(16);
    expect(h.patches[1]?.patch.team).toStrictEqual({
      teamId: '7',
      reset: false,
      members: [],
      removed: ['1002', 'toString'],
    });
    expect(Object.keys(h.remote().team.members)).toEqual(['1001']);
    expectSameState(h.remote(), h.state);
  });

  it('members whose login ids name Object.prototype properties travel and apply like any other', () => {
    const h = harness(0);
    supervisor(h);
    h.apply(ev(teamList(['1001', '__proto__', 'constructor']), 2));
    h.scheduler.advanceTo(0);
    h.apply(ev(memberState('__proto__', 'TALKING'), 3));
    h.apply(ev(memberState('valueOf', 'READY'), 3));
    h.scheduler.advanceTo(16);
    expect(h.patches[1]?.patch.team?.members.map((member) => member.loginId)).toEqual([
      '__proto__',
      'valueOf',
    ]);
    const remote = h.remote();
    expect(Object.getPrototypeOf(remote.team.members)).toBe(Object.prototype);
    expect(Object.keys(remote.team.members)).toEqual(['1001', '__proto__', 'constructor', 'valueOf']);
    expectSameState(remote, h.state);
  });
});

describe('flood', () => {
  it('1,000 member State events over 1 s for a 2,000-member team: ≤ 70 patches, nothing dropped', () => {
    const h = harness(0);
    supervisor(h);
    const ids = Array.from({ length: 2_000 }, (_, index) => String(10_000 + index));
    h.apply(ev(teamList(ids), 0));
    const states = ['READY', 'NOT_READY', 'TALKING', 'HOLD', 'WORK'];
    for (let index = 0; index < 1_000; index++) {
      const at = Math.floor(index * 1.0); // one per millisecond: 0 … 999
      h.scheduler.advanceTo(at);
      const id = ids[(index * 7919) % ids.length] as string;
      h.apply(ev(memberState(id, states[index % states.length] as string), at));
    }
    h.scheduler.advanceTo(1_100);
    expect(h.scheduler.pending).toBe(0);
    expect(h.patches.length).toBeGreaterThan(1);
    expect(h.patches.length).toBeLessThanOrEqual(70);
    // At most one patch per 16 ms.
    for (let index = 1; index < h.patches.length; index++) {
      expect(h.patches[index]!.at - h.patches[index - 1]!.at).toBeGreaterThanOrEqual(16);
    }
    // Only the first patch carries the whole team; the rest carry a frame's worth of members.
    expect(h.patches[0]?.patch.team?.members).toHaveLength(2_000);
    for (const { patch } of h.patches.slice(1)) {
      expect(patch.team?.reset).toBe(false);
      expect(patch.team?.members.length).toBeLessThanOrEqual(17);
    }
    expectSameState(h.remote(), h.state);
  });
});

describe('listeners', () => {
  it('a listener that throws does not stop the others', () => {
    const h = harness(0);
    const seen: string[] = [];
    h.publisher.subscribe(() => {
      throw new Error('bridge down');
    });
    h.publisher.subscribe((patch) => seen.push(`b${patch.version}`));
    h.apply(notice('a'));
    expect(() => h.scheduler.advanceTo(0)).not.toThrow();
    h.apply(notice('b'));
    h.scheduler.advanceTo(16);
    expect(seen).toEqual(['b1', 'b2']);
    expect(h.patches).toHaveLength(2);
  });

  it('unsubscribe stops one listener only (and twice is harmless)', () => {
    const h = harness(0);
    const seen: number[] = [];
    const unsubscribe = h.publisher.subscribe((patch) => seen.push(patch.version));
    h.apply(notice('a'));
    h.scheduler.advanceTo(0);
    unsubscribe();
    unsubscribe();
    h.apply(notice('b'));
    h.scheduler.advanceTo(16);
    expect(seen).toEqual([1]);
    expect(h.patches.map((entry) => entry.patch.version)).toEqual([1, 2]);
  });

  it('dispose clears the timer and the listeners', () => {
    const h = harness(0);
    h.apply(notice('a'));
    expect(h.scheduler.pending).toBe(1);
    h.publisher.dispose();
    expect(h.scheduler.pending).toBe(0);
    h.scheduler.advanceTo(1_000);
    h.publisher.flush();
    expect(h.patches).toEqual([]);
  });

  it('works with the real scheduler', async () => {
    const publisher = new PatchPublisher();
    const patch = new Promise<DeskPatch>((resolve) => publisher.subscribe(resolve));
    publisher.push(reduceDesk(initialDeskState('demo'), notice('real')));
    expect((await patch).slices.notices?.items[0]?.message).toBe('real');
    publisher.dispose();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the far side always reproduces the publisher's state exactly.

const ID_POOL = ['1001', '1002', '1003', '1004', '9000', '__proto__', 'constructor', 'toString'];
const idArb = fc.constantFrom(...ID_POOL);

const inputArb: fc.Arbitrary<DeskInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(idArb, fc.constantFrom('READY', 'NOT_READY', 'TALKING', 'LOGOUT'), fc.constantFrom('', 'Break'))
      .map(([id, state, label]) => ev(memberState(id, state, label))),
  },
  { weight: 1, arbitrary: fc.uniqueArray(idArb, { maxLength: 5 }).map((ids) => ev(teamList(ids))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('7', '8').map((teamId): DeskInput => ({ type: 'team-requested', teamId })),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }).map((message) => notice(message)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('ALERTING', 'ACTIVE', 'HELD', 'DROPPED'), fc.constantFrom('a', 'b'))
      .map(([state, id]) =>
        ev(
          decoded(
            `9000#InboundCall#${state}#DialogId:${id}#0300#v=1#2026-11-24 09:15:02#CallType:ACD_IN#QueueName:Q#Participants:`,
          ),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<DeskInput>(
      session({ state: 'connected', url: 'tcp://a' }),
      session({ state: 'reconnecting', attempt: 1, delayMs: 100, nextUrl: 'tcp://a' }),
      session({ state: 'idle' }),
      ev(decodeEvent(EVENTS.InService.example)),
      ev(decodeEvent(EVENTS.QueueList.example)),
      { type: 'contacts-requested', phonebookId: '1' },
      ev(decodeEvent(EVENTS.PhonebookContacts.example)),
    ),
  },
);

type Op =
  | { readonly op: 'input'; readonly input: DeskInput }
  | { readonly op: 'wait'; readonly ms: number }
  | { readonly op: 'flush' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: inputArb.map((input): Op => ({ op: 'input', input })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }).map((ms): Op => ({ op: 'wait', ms })) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'flush' }) },
);

describe('property: applyPatch from the initial snapshot reproduces the publisher’s state', () => {
  it('after every patch and at the end, through a structured clone as a bridge would', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const scheduler = new ManualScheduler(0);
        const publisher = new PatchPublisher({ scheduler, intervalMs: 16 });
        let model = initialDeskState('broker');
        let pushed = model;
        let remote = structuredClone(model);
        let lastTimedPatchAt = Number.NEGATIVE_INFINITY;
        let manual = false;
        let version = 0;
        publisher.subscribe((patch) => {
          expect(patch.version).toBe(++version);
          if (!manual) {
            expect(scheduler.now() - lastTimedPatchAt).toBeGreaterThanOrEqual(16);
          }
          lastTimedPatchAt = scheduler.now();
          remote = applyPatch(remote, structuredClone(patch));
          expectSameState(remote, pushed);
        });
        const push = (input: DeskInput) => {
          const change = reduceDesk(model, input);
          model = change.state;
          if (change.changed.size > 0) pushed = model;
          publisher.push(change);
        };
        push({ type: 'sign-in-started', agentId: '9000', extension: '5900' });
        for (const op of ops) {
          if (op.op === 'input') push(op.input);
          else if (op.op === 'wait') scheduler.advanceBy(op.ms);
          else {
            manual = true;
            publisher.flush();
            manual = false;
          }
        }
        scheduler.advanceBy(16);
        expect(scheduler.pending).toBe(0);
        expectSameState(remote, model);
        publisher.dispose();
      }),
      { numRuns: 300 },
    );
  });
});
