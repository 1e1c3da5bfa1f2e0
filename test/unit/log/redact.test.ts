// Redaction: by key name, by registered secret, in every corner a log entry can hide one; and
// never a throw, whatever the entry holds.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { LogEntry } from '../../../main/core/log/logger.ts';
import {
  CIRCULAR,
  MAX_DEPTH,
  REDACTED,
  TOO_DEEP,
  redactEntry,
  redactText,
} from '../../../main/core/log/redact.ts';

const SECRET = 'hunter2-Sw0rdfish';

function entry(fields: Record<string, unknown>): LogEntry {
  return { level: 'info', event: 'test.event', ...fields };
}

function redact(
  fields: Record<string, unknown>,
  secrets: readonly string[] = [SECRET],
): Record<string, unknown> {
  return redactEntry(entry(fields), secrets) as Record<string, unknown>;
}

describe('by key name', () => {
  it.each([
    ['password', { password: 'x' }, { password: REDACTED }],
    ['any case', { PassWord: 'x', PASSCODE: 'y' }, { PassWord: REDACTED, PASSCODE: REDACTED }],
    [
      'as part of a name',
      { brokerPasscode: 'x', client_secret: 'y', accessToken: 'z' },
      {
        brokerPasscode: REDACTED,
        client_secret: REDACTED,
        accessToken: REDACTED,
      },
    ],
    [
      'headers',
      { headers: { Authorization: 'Basic YTpi', Cookie: 'a=b', 'set-cookie': ['c=d'] } },
      {
        headers: { Authorization: REDACTED, Cookie: REDACTED, 'set-cookie': REDACTED },
      },
    ],
    [
      'whatever the value',
      { token: { nested: 'x' }, secret: [1, 2], passcode: 4711 },
      {
        token: REDACTED,
        secret: REDACTED,
        passcode: REDACTED,
      },
    ],
    [
      'deep inside arrays',
      { a: [{ b: [{ password: 'x', ok: 1 }] }] },
      { a: [{ b: [{ password: REDACTED, ok: 1 }] }] },
    ],
    [
      'in Map keys',
      {
        m: new Map<unknown, unknown>([
          ['password', 'x'],
          ['user', 'u'],
        ]),
      },
      {
        m: { password: REDACTED, user: 'u' },
      },
    ],
  ])('%s', (_, fields, expected) => {
    expect(redact(fields, [])).toEqual({ level: 'info', event: 'test.event', ...expected });
  });

  it('leaves other keys alone', () => {
    expect(redact({ user: 'agent1', extension: '5001', count: 3, ok: true }, [])).toEqual(
      entry({ user: 'agent1', extension: '5001', count: 3, ok: true }),
    );
  });
});

describe('in text, without registration', () => {
  it.each([
    [
      'a STOMP CONNECT frame',
      'CONNECT\nlogin:mq\npasscode:s3cr3t\n\n',
      'CONNECT\nlogin:mq\npasscode:[redacted]\n\n',
    ],
    ['a query string', 'wss://h/stomp?user=a&token=abc123&x=1', 'wss://h/stomp?user=a&token=[redacted]&x=1'],
    ['a URL with a password', 'stomp://mq:s3cr3t@broker:61613', 'stomp://mq:[redacted]@broker:61613'],
    ['JSON text', '{"password": "s3cr3t", "user": "u"}', '{"password": "[redacted]", "user": "u"}'],
    ['plain words', 'the password was wrong', 'the password was wrong'],
  ])('%s', (_, text, expected) => {
    expect(redactText(text, [])).toBe(expected);
  });
});

describe('registered secrets', () => {
  it.each([
    ['in a value', { detail: `login failed for ${SECRET}!` }, { detail: `login failed for ${REDACTED}!` }],
    ['several times', { s: `${SECRET}${SECRET} ${SECRET}` }, { s: `${REDACTED} ${REDACTED}` }],
    ['in a key', { [`k-${SECRET}`]: 1 }, { [`k-${REDACTED}`]: 1 }],
    [
      'in an array',
      { list: ['a', SECRET, ['b', `x${SECRET}`]] },
      { list: ['a', REDACTED, ['b', `x${REDACTED}`]] },
    ],
    [
      'URL-encoded',
      { url: `ws://h/?p=${encodeURIComponent('p@ss word!')}` },
      { url: `ws://h/?p=${REDACTED}` },
    ],
    ['in a Set', { set: new Set([SECRET, 'ok']) }, { set: [REDACTED, 'ok'] }],
  ])('%s', (_, fields, expected) => {
    expect(redact(fields, [SECRET, 'p@ss word!'])).toEqual(entry(expected));
  });

  it('in the event name', () => {
    expect(redactEntry({ level: 'warn', event: `login.${SECRET}` }, [SECRET])).toEqual({
      level: 'warn',
      event: `login.${REDACTED}`,
    });
  });

  it('JSON-escaped inside text (a frame body logged raw)', () => {
    const secret = 'a"b\\c';
    expect(redact({ body: JSON.stringify({ p: secret }) }, [secret])).toEqual(
      entry({ body: `{"p":"${REDACTED}"}` }),
    );
  });

  it('in numbers and bigints whose digits spell it', () => {
    expect(redact({ pin: 4711, big: 1234711n, other: 42, huge: 10n }, ['4711'])).toEqual(
      entry({ pin: REDACTED, big: `123${REDACTED}n`, other: 42, huge: '10n' }),
    );
  });

  it('overlapping and nested secrets are replaced as one span', () => {
    expect(redactText('xxabcdefyy', ['abcd', 'cdef'])).toBe(`xx${REDACTED}yy`);
    expect(redactText('my-hunter2-and-hunter', ['hunter', 'hunter2'])).toBe(`my-${REDACTED}-and-${REDACTED}`);
  });

  it('ignores secrets shorter than 3 characters and non-strings', () => {
    expect(redactText('ab ab', ['ab', '', 7 as unknown as string])).toBe('ab ab');
  });

  it('keeps keys apart that redact to the same text', () => {
    expect(redact({ [`${SECRET}1`]: 'a', [`${SECRET}2`]: 'b' }, [`${SECRET}1`, `${SECRET}2`])).toEqual(
      entry({ [REDACTED]: 'a', [`${REDACTED}#2`]: 'b' }),
    );
  });
});

describe('awkward values', () => {
  it('Errors: name, message, stack, own fields and cause, all redacted', () => {
    const cause = new Error(`socket said ${SECRET}`);
    const error = Object.assign(new TypeError(`bad login ${SECRET}`, { cause }), {
      code: 'EAUTH',
      passcode: SECRET,
    });
    const out = redact({ error }) as { error: Record<string, unknown> };
    expect(out.error).toMatchObject({
      name: 'TypeError',
      message: `bad login ${REDACTED}`,
      code: 'EAUTH',
      passcode: REDACTED,
      cause: { name: 'Error', message: `socket said ${REDACTED}` },
    });
    expect(out.error.stack).toMatch(/^TypeError: bad login \[redacted\]\n\s+at /);
    expect(JSON.stringify(out)).not.toContain(SECRET);
  });

  it('cycles become [circular]; shared references that are not cycles are kept', () => {
    const shared = { v: 1 };
    const a: Record<string, unknown> = { shared, again: shared };
    a.self = a;
    const list: unknown[] = [1];
    list.push(list);
    expect(redact({ a, list })).toEqual(
      entry({ a: { shared: { v: 1 }, again: { v: 1 }, self: CIRCULAR }, list: [1, CIRCULAR] }),
    );
  });

  it(`depth past ${MAX_DEPTH} levels becomes [too deep]`, () => {
    let deep: Record<string, unknown> = { bottom: SECRET };
    for (let index = 0; index < 20; index++) deep = { d: deep };
    const out = redact({ deep });
    let cursor: unknown = out.deep;
    let levels = 1;
    while (typeof cursor === 'object' && cursor !== null) {
      cursor = (cursor as Record<string, unknown>).d;
      levels++;
    }
    expect(cursor).toBe(TOO_DEEP);
    expect(levels).toBe(MAX_DEPTH + 1);
    expect(JSON.stringify(out)).not.toContain(SECRET);
  });

  it('bigint, undefined, symbols, functions, dates, binary data', () => {
    expect(
      redact({
        big: 12n,
        nothing: undefined,
        symbol: Symbol(`s-${SECRET}`),
        fn: function dial() {},
        date: new Date('2026-01-02T03:04:05.000Z'),
        invalidDate: new Date(Number.NaN),
        bytes: Buffer.from(`passcode:${SECRET}`),
        url: new URL(`wss://h/x?token=${SECRET}`),
      }),
    ).toEqual(
      entry({
        big: '12n',
        nothing: undefined,
        symbol: `Symbol(s-${REDACTED})`,
        fn: '[function dial]',
        date: '2026-01-02T03:04:05.000Z',
        invalidDate: 'Invalid Date',
        bytes: `[binary, ${`passcode:${SECRET}`.length} bytes]`,
        url: `wss://h/x?token=${REDACTED}`,
      }),
    );
  });

  it('never throws: throwing getters, revoked proxies, toJSON that throws, a hostile level', () => {
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error(SECRET);
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const badJson = {
      toJSON: () => {
        throw new Error('no');
      },
    };
    const out = redactEntry(
      { level: 'loud' as 'info', event: 7 as unknown as string, getter, proxy, badJson },
      [SECRET],
    ) as Record<string, unknown>;
    expect(out).toEqual({
      level: 'error',
      event: '7',
      getter: { boom: '[unreadable]' },
      proxy: '[unreadable]',
      badJson: '[unreadable]',
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('a __proto__ key stays a key', () => {
    const out = redact(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    expect(Object.keys(out)).toContain('__proto__');
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const MARKERS = ['[redacted]', '[too deep]', '[circular]', '[unreadable]', '[binary', 'bytes]', '[function'];
/** Text the redactor writes itself, which a secret may happen to be part of: such secrets are not generated. */
const VOCABULARY = [
  ...MARKERS,
  'true',
  'false',
  'null',
  'level',
  'event',
  'debug',
  'info',
  'warn',
  'error',
  'name',
  'message',
  'stack',
  'cause',
  'Error',
];

/** Characters JSON.stringify writes as themselves (no escapes), so a secret in the JSON text is a secret in a value. */
function jsonClean(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const escaped =
      code < 0x20 || character === '"' || character === '\\' || (code >= 0xd800 && code <= 0xdfff);
    if (!escaped) out += character; // a lone surrogate iterates alone; a pair (an emoji) stays
  }
  return out;
}

/**
 * Secrets: random text, unicode included, at least 3 characters, that could not be formed by the
 * redactor's own output: no brackets (a marker's edge), nothing inside a marker or a fixed word,
 * no JSON punctuation (which would let a match span two tokens of the JSON text).
 */
const secretArbitrary = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 3, maxLength: 12 }),
    fc.string({ minLength: 3, maxLength: 12 }),
  )
  .map(jsonClean)
  .filter(
    (secret) =>
      secret.length >= 3 &&
      !/[[\]{}:,#]/.test(secret) &&
      secret.trim() === secret &&
      !VOCABULARY.some((word) => word.includes(secret)),
  );

function entryArbitrary(secret: string, text: fc.Arbitrary<string>) {
  const withSecret = fc
    .tuple(text, text, fc.boolean())
    .map(([before, after, include]) => (include ? `${before}${secret}${after}` : `${before}${after}`));
  const key = fc.oneof(withSecret, fc.constantFrom('password', 'token', 'detail', 'user', 'Authorization'));
  const tree = fc.letrec<{
    value: unknown;
    object: Record<string, unknown>;
    array: unknown[];
    special: unknown;
  }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 12 },
      withSecret,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.bigInt(),
      tie('object'),
      tie('array'),
      tie('special'),
    ),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((pairs) => {
      const object: Record<string, unknown> = {};
      for (const [name, value] of pairs) {
        Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return object;
    }),
    array: fc.array(tie('value'), { maxLength: 4 }),
    special: fc.oneof(
      fc.tuple(withSecret, tie('value')).map(([message, cause]) => new Error(message, { cause })),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map((pairs) => new Map(pairs)),
      fc.array(withSecret, { maxLength: 3 }).map((items) => new Set(items)),
    ),
  }));
  return fc
    .tuple(
      fc.constantFrom('debug', 'info', 'warn', 'error') as fc.Arbitrary<LogEntry['level']>,
      withSecret,
      tree.object,
    )
    .map(([level, event, fields]): LogEntry => ({ ...fields, level, event }));
}

/** Every string and key in a redacted value (plain data by contract). */
function* texts(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* texts(item);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* texts(item);
    }
  }
}

describe('properties', () => {
  it('no registered secret (random, unicode) survives anywhere in JSON.stringify of the redacted entry', () => {
    const cleanText = fc
      .oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ maxLength: 8 }))
      .map(jsonClean);
    fc.assert(
      fc.property(
        secretArbitrary.chain((secret) => fc.tuple(fc.constant(secret), entryArbitrary(secret, cleanText))),
        fc.array(secretArbitrary, { maxLength: 2 }),
        ([secret, logEntry], others) => {
          const json = JSON.stringify(redactEntry(logEntry, [...others, secret]));
          expect(json.includes(secret)).toBe(false);
          for (const other of others) expect(json.includes(other)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('with any text at all around it (control characters, lone surrogates), no string or key in the output holds the secret', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 8 });
    const anySecret = fc
      .string({ unit: 'binary', minLength: 3, maxLength: 10 })
      .filter((secret) => !/[[\]]/.test(secret) && !VOCABULARY.some((word) => word.includes(secret)));
    fc.assert(
      fc.property(
        anySecret.chain((secret) => fc.tuple(fc.constant(secret), entryArbitrary(secret, anyText))),
        ([secret, logEntry]) => {
          const out = redactEntry(logEntry, [secret]);
          expect(() => JSON.stringify(out)).not.toThrow();
          for (const text of texts(out)) expect(text.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws, and its output always serialises, for anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withObjectString: true,
          withBoxedValues: true,
        }),
        fc.array(fc.string(), { maxLength: 3 }),
        (value, secrets) => {
          const out = redactEntry({ level: 'info', event: 'x', value } as LogEntry, secrets);
          expect(() => JSON.stringify(out)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
