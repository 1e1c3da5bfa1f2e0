// Property tests for the GC codec (fast-check):
// (a) every catalog command round-trips encodeCommand → decodeCommand;
// (b) every catalog event round-trips encodeEvent → decodeEvent (or is refused, never garbled);
// (c) decodeEvent never throws, whatever arrives;
// (d) decodeCommand never throws, whatever arrives.
// A catalog entry without an arbitrary here fails the coverage checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_NAMES,
  EVENTS,
  EVENT_KINDS,
  decodeCommand,
  decodeEvent,
  encodeCommand,
  encodeEvent,
  type Command,
  type CommandName,
  type DecodedEvent,
  type GcEvent,
  type GcEventKind,
  type ParameterSpec,
} from '../../../main/core/protocol/index.ts';
import { ALL_EVENT_TEXTS, SEED_COMMAND_VECTORS } from './vectors.ts';

const RUNS = 300;

// ---------------------------------------------------------------------------------------------
// Text

/** Pieces that stress a text protocol: emoji, bidi controls, markup, separators, sentinels. */
const SPECIAL_PIECES = [
  '😀',
  '👩🏽‍💻',
  '🇵🇰',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '\uD83D',
  '\uDC00',
  '<script>alert(1)</script>',
  '<img src=x onerror="x()">',
  '&lt;&amp;',
  "'",
  '"',
  '\\',
  ' ',
  '\t',
  ':',
  '=',
  '-1',
  'é',
  'ß',
  '中文',
  'مرحبا',
  'עברית',
  'NoPhoneBookFound',
  'NoContactFound',
  'TotalNumberOfTeams:2',
  'k:',
  'DialogId:',
  'QueueName:',
  'FirstName:',
  'true',
  'READY',
];
const SEPARATOR_PIECES = [',', '|', '#', '\0', '\r', '\n', '\r\n'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_PIECES, ...SEPARATOR_PIECES) },
);

const rawText = fc.oneof(
  { weight: 12, arbitrary: fc.array(piece, { maxLength: 5 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }) },
);

/**
 * 'strict': only values encodeEvent must accept (the documented limits, and no value ending in a
 * line break, which decodeEvent drops at the end of the text as transport noise).
 * 'loose': anything within the character limits, including values encodeEvent may refuse.
 */
type Mode = 'strict' | 'loose';

interface Texts {
  readonly mode: Mode;
  /** A `#`-field: no `#`, no NUL. */
  readonly field: fc.Arbitrary<string>;
  readonly requiredField: fc.Arbitrary<string>;
  /** A value inside a record: no `#`, `,`, `|`, NUL. */
  readonly item: fc.Arbitrary<string>;
  /** A call-variable name: an item without `=`. */
  readonly variableName: fc.Arbitrary<string>;
}

function texts(mode: Mode): Texts {
  const clean = (forbidden: RegExp) =>
    rawText.map((text) => {
      const kept = text.replace(forbidden, '');
      return mode === 'strict' ? kept.replace(/[\r\n]+$/, '') : kept;
    });
  const field = clean(/[#\0]/g);
  return {
    mode,
    field,
    requiredField: field.map((text) => (text === '' ? 'x' : text)),
    item: clean(/[#,|\0]/g),
    variableName: clean(/[#,|=\0]/g),
  };
}

const STRICT = texts('strict');
const LOOSE = texts('loose');

// ---------------------------------------------------------------------------------------------
// Events

type EventOf<K extends GcEventKind> = Extract<GcEvent, { kind: K }>;

const list = <T>(arbitrary: fc.Arbitrary<T>, minLength = 0) =>
  fc.array(arbitrary, { minLength, maxLength: 4 });
const count = fc.oneof(fc.nat(50), fc.maxSafeNat());

// ReasonCodes strips these prefixes from a list's first element (GC-REFERENCE §5.4).
const REASON_LIST_PREFIXES = new Set(
  ['codes', 'ids', 'id', 'code', 'reasonCodes', 'reasonCodeIds', 'labels', 'label', 'values', 'names'].map(
    (key) => key.toLowerCase(),
  ),
);
function hasListPrefix(text: string): boolean {
  const match = /^([A-Za-z][A-Za-z0-9_]*):/.exec(text);
  return match !== null && REASON_LIST_PREFIXES.has((match[1] as string).toLowerCase().replaceAll('_', ''));
}

const isEmptyRecord = (record: object) => Object.values(record).every((value) => value === '');
/** A list of one all-empty record reads back as no list at all: encodeEvent refuses it. */
const notSingleEmpty = <T extends object>(records: readonly T[]) =>
  !(records.length === 1 && isEmptyRecord(records[0] as T));

function agentTeamId(t: Texts): fc.Arbitrary<string> {
  return t.mode === 'strict'
    ? t.field.filter((text) => !text.toLowerCase().startsWith('totalnumberofteams'))
    : fc.oneof(
        t.field,
        fc.constantFrom('TotalNumberOfTeams:3', 'totalnumberofteams', 'TOTALNUMBEROFTEAMS:x'),
      );
}

function reasonCodes(t: Texts) {
  const code = fc.record({ id: t.item, label: t.item });
  const codes =
    t.mode === 'strict'
      ? list(code).filter(
          (all) =>
            !(all.length === 1 && (all[0]?.id === '' || all[0]?.label === '')) &&
            !hasListPrefix(all[0]?.id ?? '') &&
            !hasListPrefix(all[0]?.label ?? ''),
        )
      : fc.oneof(
          list(code),
          fc
            .tuple(fc.constantFrom('codes:1', 'Labels:x', 'ID:7'), list(code))
            .map(([id, rest]) => [{ id, label: 'Break' }, ...rest]),
        );
  return codes;
}

function callVariables(t: Texts) {
  const variables = list(fc.record({ name: t.variableName, value: t.item }));
  return t.mode === 'strict' ? variables.filter(notSingleEmpty) : variables;
}

function participants(t: Texts) {
  const all = list(fc.record({ mediaAddress: t.item, state: t.item, tag: t.item, role: t.item }));
  return t.mode === 'strict' ? all.filter(notSingleEmpty) : all;
}

function records<N extends string>(t: Texts, names: readonly N[]): fc.Arbitrary<Record<N, string>> {
  const model = Object.fromEntries(names.map((name) => [name, t.item])) as Record<
    string,
    fc.Arbitrary<string>
  >;
  return fc.record(model) as fc.Arbitrary<Record<N, string>>;
}

const EVENT_ARBITRARIES: { readonly [K in GcEventKind]: (t: Texts) => fc.Arbitrary<EventOf<K>> } = {
  InService: (t) =>
    fc.record({ kind: fc.constant('InService' as const), receiver: t.field, detail: list(t.field) }),
  OutOfService: (t) =>
    fc.record({ kind: fc.constant('OutOfService' as const), receiver: t.field, detail: list(t.field) }),
  AgentInfo: (t) => {
    const head = {
      kind: fc.constant('AgentInfo' as const),
      receiver: t.field,
      firstName: t.field,
      lastName: t.field,
      isSupervisor: fc.boolean(),
      wrapUpMode: t.field,
      fullName: t.field,
      loginName: t.field,
    };
    const teams = list(fc.record({ id: t.item, name: t.item }));
    return fc.oneof(
      fc.record({
        ...head,
        form: fc.constant('agent' as const),
        teamId: agentTeamId(t),
        teams: fc.constant([]),
      }),
      fc.record({
        ...head,
        form: fc.constant('supervisor' as const),
        teamId: t.field,
        teams: t.mode === 'strict' ? teams.filter(notSingleEmpty) : teams,
      }),
    );
  },
  State: (t) =>
    fc.record({
      kind: fc.constant('State' as const),
      receiver: t.field,
      state: t.requiredField,
      reasonCodeId: t.field,
      stateChangeTimeString: t.field,
      pendingState: t.field,
      stateChangeTime: t.field,
      fullName: t.field,
      agentId: t.requiredField,
      extension: t.field,
      reasonLabel: t.field,
      loginName: t.field,
    }),
  ReasonCodes: (t) =>
    fc.record({
      kind: fc.constant('ReasonCodes' as const),
      receiver: t.field,
      category: t.field,
      codes: reasonCodes(t),
    }),
  NewInboundCall: (t) =>
    fc.record({
      kind: fc.constant('NewInboundCall' as const),
      receiver: t.field,
      ani: t.field,
      callVariables: callVariables(t),
      dialogId: t.requiredField,
      queueName: t.field,
    }),
  InboundCall: (t) =>
    fc.record({
      kind: fc.constant('InboundCall' as const),
      receiver: t.field,
      state: t.requiredField,
      dialogId: t.requiredField,
      fromAddress: t.field,
      callVariables: callVariables(t),
      startTime: t.field,
      callType: t.field,
      queueName: t.field,
      participants: participants(t),
    }),
  ConsultCall: (t) =>
    fc.record({
      kind: fc.constant('ConsultCall' as const),
      receiver: t.field,
      state: t.requiredField,
      dialogId: t.requiredField,
      otherParty: t.field,
      callVariables: callVariables(t),
      startTime: t.field,
      callType: t.field,
      queueName: t.field,
      participants: participants(t),
    }),
  QueueList: (t) =>
    fc.oneof(
      fc.record({
        kind: fc.constant('QueueList' as const),
        receiver: t.field,
        form: fc.constant('ucce' as const),
        queues: list(
          fc.record({
            name: t.item,
            callsInQueue: count,
            agentsReady: count,
            agentsNotReady: count,
            talkingInbound: count,
            talkingOutbound: count,
            talkingInternal: count,
            wrapUpReady: count,
            wrapUpNotReady: count,
          }),
        ),
      }),
      fc.record({
        kind: fc.constant('QueueList' as const),
        receiver: t.field,
        form: fc.constant('uccx' as const),
        queues: list(
          fc.record({
            name: t.item,
            waitingCalls: count,
            agentsLoggedIn: count,
            agentsInAfterCallWork: count,
            agentsTalking: count,
            agentsReserved: count,
            handledCalls: count,
            abandonedCalls: count,
            totalCalls: count,
            longestHandleTime: t.item,
          }),
          t.mode === 'strict' ? 1 : 0,
        ),
      }),
    ),
  TeamUsersList: (t) =>
    fc.record({
      kind: fc.constant('TeamUsersList' as const),
      receiver: t.field,
      members: list(
        records(t, [
          'firstName',
          'lastName',
          'extension',
          'loginId',
          'state',
          'pendingState',
          'mediaType',
          'stateChangeTime',
          'stateChangeLabel',
        ]),
      ),
    }),
  Phonebooks: (t) =>
    fc.record({
      kind: fc.constant('Phonebooks' as const),
      receiver: t.field,
      phonebooks: list(records(t, ['name', 'type', 'id'])),
    }),
  TeamPhonebooks: (t) =>
    fc.record({
      kind: fc.constant('TeamPhonebooks' as const),
      receiver: t.field,
      phonebooks: list(records(t, ['name', 'type', 'id'])),
    }),
  PhonebookContacts: (t) =>
    fc.record({
      kind: fc.constant('PhonebookContacts' as const),
      receiver: t.field,
      contacts: list(records(t, ['description', 'firstName', 'lastName', 'phoneNumber', 'id'])),
    }),
  SkillGroups: (t) =>
    fc.record({
      kind: fc.constant('SkillGroups' as const),
      receiver: t.field,
      skillGroups: list(records(t, ['id', 'name'])),
    }),
  Supervisors: (t) =>
    fc.record({
      kind: fc.constant('Supervisors' as const),
      receiver: t.field,
      supervisors: list(records(t, ['loginId', 'firstName', 'lastName', 'extension'])),
    }),
  Callback: (t) =>
    fc.record({
      kind: fc.constant('Callback' as const),
      receiver: t.field,
      action: t.field,
      dialogId: t.requiredField,
      callbackTime: t.field,
      callbackNumber: t.field,
    }),
  Control: (t) =>
    fc.record({
      kind: fc.constant('Control' as const),
      receiver: t.field,
      code: t.field,
      message: t.field,
      detail: list(t.field),
    }),
  Error: (t) =>
    fc.record({
      kind: fc.constant('Error' as const),
      receiver: t.field,
      code: t.field,
      message: t.field,
      detail: list(t.field),
    }),
};

describe('(b) events round-trip', () => {
  it('has an arbitrary for every event kind in the catalog, and nothing else', () => {
    expect(Object.keys(EVENT_ARBITRARIES).sort()).toEqual([...EVENT_KINDS].sort());
  });

  describe.each(EVENT_KINDS)('%s', (kind) => {
    it('legal events are encoded and decode to the same event', () => {
      fc.assert(
        fc.property(EVENT_ARBITRARIES[kind](STRICT) as fc.Arbitrary<GcEvent>, (event) => {
          const encoded = encodeEvent(event);
          expect(encoded).toMatchObject({ ok: true });
          if (!encoded.ok) return;
          expect(encoded.value.split('#')[1]).toBe(EVENTS[kind].wire);
          expect(decodeEvent(encoded.value)).toEqual(event);
        }),
        { numRuns: RUNS },
      );
    });

    it('any event is either refused or decodes to the same event, never garbled', () => {
      fc.assert(
        fc.property(EVENT_ARBITRARIES[kind](LOOSE) as fc.Arbitrary<GcEvent>, (event) => {
          const encoded = encodeEvent(event);
          if (!encoded.ok) {
            expect(encoded.error).toMatchObject({
              code: 'unencodable-event',
              kind,
              field: expect.any(String),
            });
            return;
          }
          expect(decodeEvent(encoded.value)).toEqual(event);
        }),
        { numRuns: RUNS },
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Commands

const commandText = rawText.map((text) => text.replace(/[,#|\r\n\0]/g, '')).map((text) => text || 'x');

function commandArbitrary(name: CommandName): fc.Arbitrary<Command> {
  const parts: Record<string, fc.Arbitrary<unknown>> = { name: fc.constant(name), id: commandText };
  const params: readonly ParameterSpec[] = COMMANDS[name].params;
  for (const param of params) {
    if (param.kind === 'literal') continue;
    const value: fc.Arbitrary<unknown> = param.kind === 'boolean' ? fc.boolean() : commandText;
    parts[param.name] = param.optional ? fc.option(value, { nil: undefined }) : value;
  }
  return fc.record(parts).map((values) => {
    // An omitted optional parameter is absent, not undefined.
    const command: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) if (value !== undefined) command[key] = value;
    return command as unknown as Command;
  });
}

const COMMAND_ARBITRARIES = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, commandArbitrary(name)]),
) as Record<CommandName, fc.Arbitrary<Command>>;

describe('(a) commands round-trip', () => {
  it('has an arbitrary for every command in the catalog, and nothing else', () => {
    expect(Object.keys(COMMAND_ARBITRARIES).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_NAMES)('%s: legal commands encode and decode to the same command', (name) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(COMMAND_ARBITRARIES[name], (command) => {
        expect(command.name).toBe(name);
        for (const key of Object.keys(command)) seen.add(key);
        const encoded = encodeCommand(command);
        expect(encoded).toMatchObject({ ok: true });
        if (!encoded.ok) return;
        expect(encoded.value.type).toBe(`${COMMANDS[name].wire}#${command.id}`);
        expect(decodeCommand(encoded.value.type, encoded.value.body)).toStrictEqual({
          ok: true,
          value: command,
        });
      }),
      { numRuns: RUNS },
    );
    // Every parameter of the catalog entry was exercised.
    const declared = COMMANDS[name].params.flatMap((param) => ('name' in param ? [param.name] : []));
    expect([...seen].sort()).toEqual(['id', 'name', ...declared].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Robustness

const KNOWN_KINDS = new Set<string>([...EVENT_KINDS, 'unknown', 'malformed']);

function expectDecoded(input: unknown, decoded: DecodedEvent): void {
  expect(typeof decoded).toBe('object');
  expect(KNOWN_KINDS.has(decoded.kind)).toBe(true);
  if (decoded.kind === 'malformed') {
    expect(typeof decoded.field).toBe('string');
    expect(decoded.field).not.toBe('');
    // A decoder that threw is caught by decodeEvent; none should.
    expect(decoded.reason).not.toMatch(/^decoder failed/);
    if (typeof input === 'string') expect(decoded.raw).toBe(input);
  }
  if (decoded.kind === 'unknown' && typeof input === 'string') expect(decoded.raw).toBe(input);
}

const EVENT_NAMES = EVENT_KINDS.map((kind) => EVENTS[kind].wire);
const eventName = fc.oneof(
  fc.constantFrom(...EVENT_NAMES),
  fc.constantFrom(...EVENT_NAMES).map((name) => name.toLowerCase()),
  fc.constantFrom(...EVENT_NAMES).map((name) => ` ${name.toUpperCase()}`),
  fc.string({ maxLength: 12 }),
);

const anyField = fc.oneof(
  rawText,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(',', '|', ':', '=', 'k:', 'true', 'NoContactFound'),
        fc.string({ maxLength: 4 }),
      ),
      {
        maxLength: 8,
      },
    )
    .map((pieces) => pieces.join('')),
);

interface Edit {
  readonly at: number;
  readonly op: 'insert' | 'delete' | 'replace';
  readonly text: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const),
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('#', ',', '|', ':', '=') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom('\0', '\r', '\n', '\u202E', '😀') },
  ),
});

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const { at, op, text: piece } of edits) {
    const index = at % (out.length + 1);
    if (op === 'insert') out = out.slice(0, index) + piece + out.slice(index);
    else if (op === 'delete') out = out.slice(0, index) + out.slice(index + 1);
    else out = out.slice(0, index) + piece + out.slice(index + 1);
  }
  return out;
}

const REAL_LAYOUTS = [...ALL_EVENT_TEXTS, ...EVENT_KINDS.map((kind) => EVENTS[kind].example)];
const mutatedLayout = fc
  .tuple(fc.constantFrom(...REAL_LAYOUTS), fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([text, edits]) => mutate(text, edits));

describe('(c) decodeEvent never throws', () => {
  it.each([
    ['fc.string()', fc.string()],
    ['graphemes', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['binary code points', fc.string({ unit: 'binary', maxLength: 200 })],
  ])('for arbitrary strings: %s', (_label, strings) => {
    fc.assert(
      fc.property(strings, (text) => expectDecoded(text, decodeEvent(text))),
      { numRuns: 1000 },
    );
  });

  it('for arbitrary fields joined by #', () => {
    fc.assert(
      fc.property(anyField, eventName, fc.array(anyField, { maxLength: 14 }), (receiver, name, fields) => {
        const text = [receiver, name, ...fields].join('#');
        expectDecoded(text, decodeEvent(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('for arbitrary arrays of strings joined by #', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 16 }), (fields) => {
        const text = fields.join('#');
        expectDecoded(text, decodeEvent(text));
      }),
      { numRuns: 500 },
    );
  });

  it('for the real layouts, mutated', () => {
    fc.assert(
      fc.property(mutatedLayout, (text) => expectDecoded(text, decodeEvent(text))),
      { numRuns: 1000 },
    );
  });

  it('for values that are not text', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
        (value) => {
          let decoded: DecodedEvent | undefined;
          expect(() => {
            decoded = decodeEvent(value);
          }).not.toThrow();
          if (typeof value === 'string') return;
          expect(decoded).toMatchObject({ kind: 'malformed', field: 'body' });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a decoded event that can be encoded reads back the same (mutated real layouts)', () => {
    fc.assert(
      fc.property(mutatedLayout, (text) => {
        const decoded = decodeEvent(text);
        if (decoded.kind === 'unknown' || decoded.kind === 'malformed') return;
        const encoded = encodeEvent(decoded);
        if (!encoded.ok) return;
        expect(decodeEvent(encoded.value)).toEqual(decoded);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const COMMAND_WIRES = COMMAND_NAMES.map((name) => COMMANDS[name].wire);
const commandType = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(fc.constantFrom(...COMMAND_WIRES), fc.string({ maxLength: 12 }))
    .map(([wire, id]) => `${wire}#${id}`),
  fc.tuple(fc.constantFrom(...COMMAND_WIRES), rawText).map(([wire, id]) => `${wire.toLowerCase()}#${id}`),
);
const commandBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(fc.oneof(rawText, fc.constantFrom('true', 'FALSE', 'REJECT', 'close', 'ACCEPT')), { maxLength: 6 })
    .map((parts) => parts.join(',')),
  fc.constant(null),
  fc.constant(undefined),
);

const COMMAND_ERROR_CODES = [
  'reserved-character',
  'missing-parameter',
  'invalid-parameter',
  'unknown-command',
  'malformed-type',
  'too-many-parameters',
];

function expectCommandResult(type: string, body: string | null | undefined): void {
  let result: ReturnType<typeof decodeCommand> | undefined;
  expect(() => {
    result = decodeCommand(type, body);
  }).not.toThrow();
  if (!result) return;
  if (!result.ok) {
    expect(COMMAND_ERROR_CODES).toContain(result.error.code);
    return;
  }
  // Whatever decodes is a command that can be sent again, and reads back the same.
  const encoded = encodeCommand(result.value);
  expect(encoded).toMatchObject({ ok: true });
  if (encoded.ok) expect(decodeCommand(encoded.value.type, encoded.value.body)).toEqual(result);
}

describe('(d) decodeCommand never throws', () => {
  it('for arbitrary type and body strings', () => {
    fc.assert(
      fc.property(commandType, commandBody, (type, body) => expectCommandResult(type, body)),
      { numRuns: 1000 },
    );
  });

  it('for the seed’s commands, mutated', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEED_COMMAND_VECTORS),
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        (vector, typeEdits, bodyEdits) =>
          expectCommandResult(mutate(vector.type, typeEdits), mutate(vector.body, bodyEdits)),
      ),
      { numRuns: 1000 },
    );
  });
});
