// One million hostile events through the wire's decoder and the desk's reducer, as the desk
// receives them: decodeEvent, then reduceDesk, then an invariant check of the state after every
// single event. The events are the real layouts (the seed's vectors, the reconstructions and each
// catalog example) mutated by fast-check with a fixed seed: truncated, separators inserted,
// fields duplicated, dropped or swapped, huge fields, bytes flipped, Unicode (emoji, bidi
// controls, lone surrogates, NUL) spliced in, names in another case, two events run together,
// and some plain random text. Receivers and dialog ids are steered to the desk's own agent and a
// small pool of dialog ids, so that most events land on real state instead of being ignored.
//
// Each fast-check run is a session of BATCH events from a freshly signed-in desk (agent or
// supervisor); after the garbage, valid probe events must still be applied (nothing stuck).
// Storms that would grow a slice without end are checked separately below.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_CALLBACKS,
  MAX_DIALOGS,
  MAX_NOTICES,
  MAX_TEAM_MEMBERS,
  initialDeskState,
  reduceDesk,
  type DeskInput,
} from '../../../main/core/desk/model.ts';
import { EVENTS, EVENT_KINDS, decodeEvent, type DecodedEvent } from '../../../main/core/protocol/index.ts';
import type { DeskState, SliceName } from '../../../preload/contract.ts';
import { ALL_EVENT_TEXTS } from './vectors.ts';

const TOTAL_EVENTS = 1_000_000;
const BATCH = 1_000;
const SEED = 20_261_124;

const AGENT = '1001';
const SUPERVISOR = '9000';
const DIALOG_POOL = ['16821223', '16821250', '16821251', '1', '2', '__proto__', 'constructor', 'x'];

const LAYOUTS = [...new Set([...ALL_EVENT_TEXTS, ...EVENT_KINDS.map((kind) => EVENTS[kind].example)])];

// ---------------------------------------------------------------------------------------------
// Mutations: small integers from fast-check, applied here in plain code (cheap at a million).

const SEPARATORS = ['#', ',', '|', ':', '=', '\r\n', '\n', '\0', '##', ',,', '||', '#DialogId:', '#k:'];
const UNICODE = [
  '😀',
  '👩🏽‍💻',
  '🇵🇰',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '\uD83D',
  '\uDC00',
  '\0',
  '\u2028',
  'مرحبا',
  'עברית',
  '中文',
  'é',
  '<script>window.__pwned=1</script>',
  '&amp;',
  '"\'\\',
];
const HUGE_LENGTHS = [10_000, 50_000, 100_000];

type Mutation = readonly [op: number, at: number, arg: number];

/** Cumulative weights (per 1000) of the mutation kinds: huge fields are rare, they cost the most. */
const OPS = [
  ['truncate', 140],
  ['insert-separator', 160],
  ['duplicate-field', 110],
  ['drop-field', 90],
  ['swap-fields', 70],
  ['flip-bits', 110],
  ['insert-unicode', 120],
  ['dialog-id', 100],
  ['name-case', 40],
  ['run-together', 30],
  ['empty-field', 26],
  ['huge-field', 4],
] as const;
type Op = (typeof OPS)[number][0];
const OP_TABLE: Op[] = OPS.flatMap(([op, weight]) => Array.from({ length: weight }, () => op));

function fields(text: string): string[] {
  return text.split('#');
}

function applyMutation(text: string, [opIndex, at, arg]: Mutation): string {
  const op = OP_TABLE[opIndex % OP_TABLE.length] as Op;
  const parts = fields(text);
  const field = at % parts.length;
  switch (op) {
    case 'truncate':
      return text.slice(0, at % (text.length + 1));
    case 'insert-separator': {
      const index = at % (text.length + 1);
      return text.slice(0, index) + SEPARATORS[arg % SEPARATORS.length] + text.slice(index);
    }
    case 'duplicate-field':
      parts.splice(field, 0, parts[field] as string);
      return parts.join('#');
    case 'drop-field':
      parts.splice(field, 1);
      return parts.join('#');
    case 'swap-fields': {
      const other = arg % parts.length;
      [parts[field], parts[other]] = [parts[other] as string, parts[field] as string];
      return parts.join('#');
    }
    case 'flip-bits': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      for (let flip = 0; flip <= arg % 3; flip++) {
        const index = (at + flip * 7919) % bytes.length;
        bytes[index] = (bytes[index] as number) ^ (1 << ((arg + flip) % 8));
      }
      return bytes.toString('utf8');
    }
    case 'insert-unicode': {
      const index = at % (text.length + 1);
      return text.slice(0, index) + UNICODE[arg % UNICODE.length] + text.slice(index);
    }
    case 'dialog-id':
      return text.replace(/DialogId:[^#,|]*/, `DialogId:${DIALOG_POOL[arg % DIALOG_POOL.length]}`);
    case 'name-case':
      if (parts.length > 1) parts[1] = arg % 2 === 0 ? parts[1]!.toUpperCase() : parts[1]!.toLowerCase();
      return parts.join('#');
    case 'run-together':
      return `${text}${arg % 2 === 0 ? '\n' : '#'}${LAYOUTS[arg % LAYOUTS.length]}`;
    case 'empty-field':
      parts[field] = '';
      return parts.join('#');
    case 'huge-field': {
      const length = HUGE_LENGTHS[arg % HUGE_LENGTHS.length] as number;
      parts[field] = (UNICODE[arg % UNICODE.length] as string).repeat(Math.ceil(length / 4)).slice(0, length);
      return parts.join('#');
    }
  }
}

interface WireEvent {
  readonly layout: number;
  /** 0: keep the receiver; 1: the desk's own agent; 2: somebody else. */
  readonly receiver: number;
  readonly mutations: readonly Mutation[];
  /** Plain random text instead of a layout (about one event in fifty). */
  readonly random: string | undefined;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(OP_TABLE.length - 1), fc.nat(), fc.nat());

const wireEventArb: fc.Arbitrary<WireEvent> = fc.record({
  layout: fc.nat(LAYOUTS.length - 1),
  receiver: fc.nat(2),
  mutations: fc.array(mutationArb, { maxLength: 4 }),
  random: fc.oneof(
    { weight: 49, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  ),
});

function wireText(event: WireEvent, own: string): string {
  if (event.random !== undefined) return event.random;
  let text = LAYOUTS[event.layout] as string;
  if (event.receiver > 0) {
    const hash = text.indexOf('#');
    text = `${event.receiver === 1 ? own : '4242'}${hash >= 0 ? text.slice(hash) : ''}`;
  }
  for (const mutation of event.mutations) text = applyMutation(text, mutation);
  return text;
}

// ---------------------------------------------------------------------------------------------
// The desk before the storm, and what must hold after every event.

function signedIn(kind: 'agent' | 'supervisor'): DeskState {
  const own = kind === 'agent' ? AGENT : SUPERVISOR;
  const inputs: DeskInput[] = [
    { type: 'session', status: { state: 'connecting', url: 'ws://127.0.0.1:1/', attempt: 1 }, at: 1 },
    { type: 'session', status: { state: 'connected', url: 'ws://127.0.0.1:1/' }, at: 2 },
    { type: 'session', status: { state: 'in-service', url: 'ws://127.0.0.1:1/' }, at: 3 },
    { type: 'sign-in-started', agentId: own, extension: '5001' },
    {
      type: 'event',
      event: decodeEvent(
        kind === 'agent'
          ? `${own}#AgentInfo#John#Smith#false#OPTIONAL#5001#John Smith#jsmith`
          : `${own}#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:2#5001,Sales|5002,Support#5001#Maria Garcia#mgarcia`,
      ),
      at: 4,
    },
    {
      type: 'event',
      event: decodeEvent(
        `${own}#State#NOT_READY#-1##READY#2026-11-24 09:15:02#A B#${own}#5001#Not Ready#A B#ab`,
      ),
      at: 5,
    },
  ];
  if (kind === 'supervisor') inputs.push({ type: 'team-requested', teamId: '5001' });
  const state = inputs.reduce(
    (current, input) => reduceDesk(current, input).state,
    initialDeskState('broker'),
  );
  expect(state.agent.signIn).toBe('signed-in');
  return state;
}

const DIALOG_KINDS = new Set(['call', 'consult', 'monitor', 'preview']);
const SIGN_IN = new Set(['signed-out', 'signing-in', 'signed-in', 'signing-out']);

function fail(what: string, text: string): never {
  throw new Error(`${what}, after ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`);
}

/** The slices an event changed, checked; cheap enough for every one of a million events. */
function checkWellFormed(state: DeskState, changed: ReadonlySet<SliceName>, own: string, text: string): void {
  if (state.agent.agentId !== own) fail(`the signed-in agent became ${String(state.agent.agentId)}`, text);
  if (state.connection.status !== 'in-service') fail('an event changed the connection', text);
  if (changed.has('agent')) {
    const agent = state.agent;
    if (!SIGN_IN.has(agent.signIn)) fail(`signIn is ${String(agent.signIn)}`, text);
    if (typeof agent.state !== 'string' || typeof agent.fullName !== 'string') fail('agent fields', text);
    for (const list of [agent.reasonCodes.notReady, agent.reasonCodes.logout, agent.reasonCodes.wrapUp])
      if (!Array.isArray(list)) fail('reason codes are not a list', text);
  }
  if (changed.has('dialogs')) {
    const items = state.dialogs.items;
    if (items.length > MAX_DIALOGS) fail(`${items.length} live dialogs`, text);
    const ids = new Set<string>();
    for (const dialog of items) {
      if (typeof dialog.id !== 'string' || dialog.id === '') fail('a dialog without an id', text);
      if (ids.has(dialog.id)) fail(`dialog ${dialog.id} twice`, text);
      ids.add(dialog.id);
      if (!DIALOG_KINDS.has(dialog.kind)) fail(`dialog kind ${dialog.kind}`, text);
      if (typeof dialog.state !== 'string' || !Array.isArray(dialog.callVariables))
        fail('dialog fields', text);
      if (!Number.isFinite(dialog.heldMs) || dialog.heldMs < 0) fail(`heldMs ${dialog.heldMs}`, text);
    }
  }
  if (changed.has('notices')) {
    const items = state.notices.items;
    if (items.length > MAX_NOTICES) fail(`${items.length} notices`, text);
    for (let index = 1; index < items.length; index++)
      if ((items[index]?.id ?? 0) <= (items[index - 1]?.id ?? 0)) fail('notice ids out of order', text);
    if (typeof items.at(-1)?.message !== 'string') fail('a notice without a message', text);
  }
  if (changed.has('callbacks')) {
    const items = state.callbacks.items;
    if (items.length > MAX_CALLBACKS) fail(`${items.length} callbacks`, text);
    if (new Set(items.map((item) => item.dialogId)).size !== items.length) fail('a callback twice', text);
  }
  if (changed.has('team')) {
    const members = state.team.members;
    if (Object.getPrototypeOf(members) !== Object.prototype) fail('team members lost their prototype', text);
    for (const [id, member] of Object.entries(members))
      if (member.loginId !== id) fail(`member ${id} holds ${member.loginId}`, text);
  }
  if (changed.has('queues')) {
    for (const queue of state.queues.queues)
      if (typeof queue.name !== 'string') fail('a queue without a name', text);
  }
}

/** The whole state still serialises and reads back as it was (once per session: it costs). */
function checkSerialises(state: DeskState): void {
  const json = JSON.stringify(state);
  expect(JSON.parse(json)).toEqual(state);
}

// ---------------------------------------------------------------------------------------------

const tally = { events: 0, typed: 0, unknown: 0, malformed: 0, sessions: 0, huge: 0 };
const kindsSeen = new Map<string, number>();
const malformedFields = new Set<string>();

afterAll(() => {
  if (tally.events === 0) return;
  console.info(
    `wire fuzz: ${tally.events} events in ${tally.sessions} sessions (seed ${SEED}): ${tally.typed} typed, ` +
      `${tally.unknown} unknown, ${tally.malformed} malformed (${malformedFields.size} distinct fields), ` +
      `${tally.huge} over 10,000 characters; kinds ${JSON.stringify(Object.fromEntries(kindsSeen))}`,
  );
});

describe('a million hostile events through decodeEvent and the desk reducer', () => {
  it('never throw, leave the state well-formed after every event, and never get it stuck', () => {
    let probe = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('agent' as const, 'supervisor' as const),
        fc.array(wireEventArb, { minLength: BATCH, maxLength: BATCH }),
        (role, batch) => {
          const own = role === 'agent' ? AGENT : SUPERVISOR;
          let state = signedIn(role);
          let at = 1_000;
          for (const wire of batch) {
            const text = wireText(wire, own);
            let event: DecodedEvent;
            try {
              event = decodeEvent(text);
            } catch (error) {
              fail(`decodeEvent threw ${String(error)}`, text);
            }
            tally.events++;
            if (text.length > 10_000) tally.huge++;
            if (event.kind === 'unknown') tally.unknown++;
            else if (event.kind === 'malformed') {
              tally.malformed++;
              malformedFields.add(`${event.name}.${event.field}`);
            } else {
              tally.typed++;
              kindsSeen.set(event.kind, (kindsSeen.get(event.kind) ?? 0) + 1);
            }
            at += 1 + (wire.layout % 3);
            let change;
            try {
              change = reduceDesk(state, { type: 'event', event, at });
            } catch (error) {
              fail(`reduceDesk threw ${String(error)}`, text);
            }
            checkWellFormed(change.state, change.changed, own, text);
            state = change.state;
          }
          tally.sessions++;
          checkSerialises(state);

          // Not stuck: valid events after the garbage are applied as on a fresh desk.
          probe++;
          const label = `probe ${probe}`;
          const apply = (text: string) => {
            const event = decodeEvent(text);
            expect(event.kind, text).not.toMatch(/^(unknown|malformed)$/);
            state = reduceDesk(state, { type: 'event', event, at: ++at }).state;
          };
          apply(`${own}#State#READY##x##2026-11-24 09:15:02#A B#${own}#5001#${label}#A B#ab`);
          expect(state.agent).toMatchObject({ signIn: 'signed-in', state: 'READY', reasonLabel: label });
          apply(`${own}#NewInboundCall#0300${probe}#v=${probe}#DialogId:probe-${probe}#QueueName:Sales`);
          expect(state.dialogs.items.at(-1)).toMatchObject({ id: `probe-${probe}`, state: 'ALERTING' });
          apply(
            `${own}#InboundCall#ACTIVE#DialogId:probe-${probe}#0300${probe}#v=1#2026-11-24 09:15:02#CallType:ACD_IN#QueueName:Sales#Participants:`,
          );
          expect(state.dialogs.items.find((dialog) => dialog.id === `probe-${probe}`)?.state).toBe('ACTIVE');
          apply(`${own}#Control#PROBE#${label}`);
          expect(state.notices.items.at(-1)?.message).toBe(label);
          checkSerialises(state);
          expect(Object.keys(Object.prototype)).toEqual([]);
          expect(({} as Record<string, unknown>)['__pwned']).toBeUndefined();
        },
      ),
      { numRuns: TOTAL_EVENTS / BATCH, seed: SEED, endOnFailure: true },
    );
    expect(tally.events).toBe(TOTAL_EVENTS);
    // The storm is not degenerate: it reaches every outcome, and most event kinds, often.
    expect(tally.typed).toBeGreaterThan(TOTAL_EVENTS * 0.2);
    expect(tally.malformed).toBeGreaterThan(TOTAL_EVENTS * 0.05);
    expect(tally.unknown).toBeGreaterThan(TOTAL_EVENTS * 0.01);
    expect(tally.huge).toBeGreaterThan(100);
    for (const kind of EVENT_KINDS) expect(kindsSeen.get(kind) ?? 0, kind).toBeGreaterThan(100);
  }, 600_000);
});

describe('storms that would grow a slice without end stay bounded', () => {
  const storm = (own: string, texts: (index: number) => string, count: number): DeskState => {
    let state = signedIn(own === AGENT ? 'agent' : 'supervisor');
    for (let index = 0; index < count; index++) {
      const event = decodeEvent(texts(index));
      state = reduceDesk(state, { type: 'event', event, at: 10_000 + index }).state;
    }
    return state;
  };

  it(`State for ${5 * MAX_TEAM_MEMBERS} agents nobody listed: at most ${MAX_TEAM_MEMBERS} members, listed ones still updated`, () => {
    let state = storm(
      SUPERVISOR,
      (index) => `${SUPERVISOR}#State#READY##x##2026-11-24 09:15:02#A B#a${index}#5${index}##A B#l`,
      5 * MAX_TEAM_MEMBERS,
    );
    expect(Object.keys(state.team.members)).toHaveLength(MAX_TEAM_MEMBERS);
    const event = decodeEvent(`${SUPERVISOR}#State#TALKING##x##2026-11-24 09:15:02#A B#a7#57##A B#l`);
    state = reduceDesk(state, { type: 'event', event, at: 99_999 }).state;
    expect(state.team.members['a7']?.state).toBe('TALKING');
  });

  it(`NewInboundCall with 10,000 distinct dialog ids: the newest ${MAX_DIALOGS} are kept`, () => {
    const state = storm(
      AGENT,
      (index) => `${AGENT}#NewInboundCall#0300#v=1#DialogId:d${index}#QueueName:Sales`,
      10_000,
    );
    expect(state.dialogs.items.map((dialog) => dialog.id)).toEqual(
      Array.from({ length: MAX_DIALOGS }, (_, index) => `d${10_000 - MAX_DIALOGS + index}`),
    );
  });

  it(`InboundCall for 10,000 unknown dialogs: the newest ${MAX_DIALOGS} are kept`, () => {
    const state = storm(
      AGENT,
      (index) =>
        `${AGENT}#InboundCall#ACTIVE#DialogId:o${index}#0300#v=1#2026-11-24 09:15:02#CallType:OUT#QueueName:#Participants:`,
      10_000,
    );
    expect(state.dialogs.items).toHaveLength(MAX_DIALOGS);
    expect(state.dialogs.items.at(-1)?.id).toBe('o9999');
  });

  it(`Callback confirmations for 10,000 dialogs: the newest ${MAX_CALLBACKS} are kept`, () => {
    const state = storm(
      AGENT,
      (index) => `${AGENT}#Callback#SCHEDULED#DialogId:c${index}#2026-11-25 10:30:00#+44`,
      10_000,
    );
    expect(state.callbacks.items).toHaveLength(MAX_CALLBACKS);
    expect(state.callbacks.items.at(-1)?.dialogId).toBe('c9999');
  });
});
