// The payload schemas every bridge applies before a call reaches the Desk: one valid payload per
// method is accepted; hostile payloads (extra or missing fields, wrong types, prototype keys,
// control characters, oversized) are refused naming the field; and for arbitrary JSON the
// validator never throws, and whatever it accepts re-parses to the same thing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DESK_SCHEMAS,
  LIMITS,
  MAX_PAYLOAD_BYTES,
  invokeDesk,
  validateDeskCall,
} from '../../../main/core/desk/api-schemas.ts';
import { DESK_METHODS, type DeskApi, type DeskMethod } from '../../../preload/contract.ts';

/** One valid payload per method (undefined: the method takes no argument). */
const VALID: Record<DeskMethod, unknown> = {
  getState: undefined,
  signIn: { agentId: '1001', password: 'demo', extension: '5001', rememberPassword: false },
  signOut: { reasonCode: '21' },
  setReady: undefined,
  setNotReady: { reasonCode: '1' },
  setWrapUpReason: { reasonCode: '5', dialogId: '10001' },
  makeCall: { number: '+441632960555' },
  answer: { dialogId: '10001' },
  hold: { dialogId: '10001' },
  retrieve: { dialogId: '10001' },
  release: { dialogId: '10001' },
  consult: { dialogId: '10001', target: '5002' },
  completeTransfer: { dialogId: '10001', target: '5002' },
  completeConference: { dialogId: '10001', target: '5002' },
  blindTransfer: { dialogId: '10001', target: '5002' },
  acceptPreview: { dialogId: '10001' },
  rejectPreview: { dialogId: '10001' },
  closePreview: { dialogId: '10001' },
  reclassify: { dialogId: '10001', value: 'FAX' },
  scheduleCallback: { dialogId: '10001', callbackTime: '2026-12-01 10:00', callbackNumber: '+441632960555' },
  updateCallback: { dialogId: '10001', callbackTime: '2026-12-01 10:30:00', callbackNumber: '5005' },
  cancelCallback: { dialogId: '10001' },
  loadSkillGroups: undefined,
  loadSupervisors: undefined,
  loadPhonebooks: undefined,
  loadContacts: { phonebookId: '2' },
  searchContacts: { query: 'smith', limit: 20 },
  loadTeam: { teamId: 't1' },
  forceReady: { agentId: '1002' },
  forceNotReady: { agentId: '1002', reasonCode: '1' },
  forceSignOut: { agentId: '1002' },
  silentMonitor: { extension: '5002' },
  endMonitor: { dialogId: '10001' },
  bargeIn: { dialogId: '10001' },
  dropParticipant: { dialogId: '10001', extension: '5002' },
  watchQueues: { visible: true },
  reconnectNow: undefined,
  getConnectionSetup: undefined,
  setUpConnection: {
    mode: 'broker',
    brokerUrls: ['stomp+ssl://broker.example.com:61612'],
    brokerUser: 'gcdesk',
    brokerPasscode: 'pässcode with spaces',
    commandQueue: 'Connector1',
    clientDestination: 'switchboard-ws1-ana',
    caFile: '/etc/ssl/ca.pem',
  },
};

/** Every field name any schema knows, so generated payloads often come close to valid. */
const FIELD_NAMES = [
  ...new Set(
    Object.values(VALID).flatMap((payload) =>
      payload && typeof payload === 'object' ? Object.keys(payload) : [],
    ),
  ),
  'mobile',
  'dialNumber',
  'mode',
];

function refusal(method: unknown, payload: unknown) {
  const result = validateDeskCall(method, payload);
  if (result.ok) throw new Error(`accepted ${String(method)} ${JSON.stringify(payload)}`);
  expect(result.error.code).toBe('invalid-request');
  expect(result.error.message).toEqual(expect.any(String));
  return result.error;
}

describe('validateDeskCall: valid calls', () => {
  it('has a schema for exactly the DeskMethods', () => {
    expect(Object.keys(DESK_SCHEMAS).sort()).toEqual([...DESK_METHODS].sort());
  });

  it.each(DESK_METHODS.map((method) => [method]))('accepts a valid %s payload unchanged', (method) => {
    const result = validateDeskCall(method, VALID[method]);
    expect(result).toEqual({ ok: true, method, payload: VALID[method] });
  });

  it('accepts optional arguments left out, and the mobile sign-in', () => {
    expect(validateDeskCall('signOut', undefined).ok).toBe(true);
    expect(validateDeskCall('signOut', {}).ok).toBe(true);
    expect(validateDeskCall('setNotReady', undefined).ok).toBe(true);
    expect(validateDeskCall('signIn', { agentId: '1001', extension: '5001' }).ok).toBe(true);
    expect(validateDeskCall('searchContacts', { query: '' }).ok).toBe(true);
    expect(
      validateDeskCall('signIn', {
        agentId: '1001',
        password: 'pässwörd with spaces ✓',
        extension: '5001',
        mobile: { dialNumber: '+15551234567', mode: 'nailed' },
      }).ok,
    ).toBe(true);
  });

  it('accepts every limit exactly, and refuses one more', () => {
    const cases: [DeskMethod, string, number][] = [
      ['answer', 'dialogId', LIMITS.id],
      ['makeCall', 'number', LIMITS.number],
      ['searchContacts', 'query', LIMITS.query],
    ];
    for (const [method, field, max] of cases) {
      expect(validateDeskCall(method, { [field]: 'x'.repeat(max) }).ok).toBe(true);
      expect(refusal(method, { [field]: 'x'.repeat(max + 1) }).field).toBe(field);
    }
    const signIn = { agentId: '1001', extension: '5001' };
    expect(validateDeskCall('signIn', { ...signIn, password: 'p'.repeat(LIMITS.password) }).ok).toBe(true);
    expect(refusal('signIn', { ...signIn, password: 'p'.repeat(LIMITS.password + 1) }).field).toBe(
      'password',
    );
  });
});

describe('validateDeskCall: refusals name the field', () => {
  it('refuses unknown methods, including names on Object.prototype', () => {
    for (const method of [
      'nope',
      'subscribe',
      'constructor',
      'toString',
      '__proto__',
      'hasOwnProperty',
      '',
    ]) {
      expect(refusal(method, undefined).field).toBe('method');
    }
    for (const method of [1, null, undefined, {}, ['signIn'], true]) {
      expect(refusal(method, undefined).field).toBe('method');
    }
  });

  it('refuses an extra field, naming it', () => {
    expect(refusal('answer', { dialogId: '1', extra: 1 }).field).toBe('extra');
    expect(refusal('signIn', { agentId: '1', extension: '2', isSupervisor: true }).field).toBe(
      'isSupervisor',
    );
    expect(
      refusal('signIn', { agentId: '1', extension: '2', mobile: { dialNumber: '3', mode: 'nailed', x: 1 } })
        .field,
    ).toBe('mobile.x');
  });

  it('refuses a missing field, naming it', () => {
    const error = refusal('answer', {});
    expect(error.field).toBe('dialogId');
    expect(error.message).toMatch(/required/);
    expect(refusal('signIn', { agentId: '1001', password: 'demo' }).field).toBe('extension');
    expect(refusal('consult', { dialogId: '1' }).field).toBe('target');
  });

  it('refuses wrong types, naming the field', () => {
    expect(refusal('answer', { dialogId: 10001 }).field).toBe('dialogId');
    expect(refusal('watchQueues', { visible: 'true' }).field).toBe('visible');
    expect(refusal('watchQueues', { visible: 1 }).field).toBe('visible');
    expect(refusal('signIn', { agentId: '1', extension: '2', rememberPassword: 'yes' }).field).toBe(
      'rememberPassword',
    );
    expect(
      refusal('signIn', { agentId: '1', extension: '2', mobile: { dialNumber: '3', mode: 'sometimes' } })
        .field,
    ).toBe('mobile.mode');
    expect(refusal('searchContacts', { query: 'a', limit: 1.5 }).field).toBe('limit');
    expect(refusal('searchContacts', { query: 'a', limit: 0 }).field).toBe('limit');
    expect(refusal('searchContacts', { query: 'a', limit: 501 }).field).toBe('limit');
  });

  it('refuses a payload where none is taken, or a non-object where one is', () => {
    for (const payload of [null, {}, 0, '', [], false])
      expect(refusal('setReady', payload).field).toBe('payload');
    for (const payload of [null, 'x', 1, [], true]) expect(refusal('answer', payload).field).toBe('payload');
    expect(refusal('answer', undefined).field).toBe('payload');
  });

  it('refuses prototype keys at any depth, as JSON.parse produces them', () => {
    const top = JSON.parse('{"dialogId":"1","__proto__":{"polluted":true}}') as unknown;
    expect(refusal('answer', top).field).toBe('__proto__');
    const nested = JSON.parse(
      '{"agentId":"1","extension":"2","mobile":{"dialNumber":"3","mode":"nailed","constructor":{"prototype":{}}}}',
    ) as unknown;
    expect(refusal('signIn', nested).field).toBe('mobile.constructor');
    expect(refusal('answer', { dialogId: '1', prototype: 1 }).field).toBe('prototype');
    expect(refusal('setReady', JSON.parse('{"__proto__":null}')).field).toBe('__proto__');
    // Nothing was polluted along the way.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses control characters and line breaks in text', () => {
    for (const bad of ['10\n01', 'a\u0000', '\u001b[31m', 'x\u007f', 'line\u2028sep', '\r']) {
      const error = refusal('answer', { dialogId: bad });
      expect(error.field).toBe('dialogId');
      expect(error.message).not.toContain(bad);
    }
    expect(refusal('signIn', { agentId: '1', extension: '2', password: 'pass\nword' }).field).toBe(
      'password',
    );
  });

  it('refuses huge and deeply nested payloads', () => {
    const huge = { query: 'x'.repeat(MAX_PAYLOAD_BYTES) };
    const error = refusal('searchContacts', huge);
    expect(error.field).toBe('payload');
    expect(error.message).toMatch(/larger/);
    let deep: unknown = 'x';
    for (let depth = 0; depth < 10_000; depth++) deep = [deep];
    expect(() => validateDeskCall('answer', { dialogId: deep })).not.toThrow();
    const tooDeep = refusal('answer', { dialogId: deep });
    expect(tooDeep.field).toMatch(/^dialogId\.0\.0/);
    expect(tooDeep.message).toMatch(/deep/);
  });

  it('refuses what is not JSON without throwing', () => {
    const cyclic: Record<string, unknown> = { dialogId: '1' };
    cyclic['self'] = cyclic;
    expect(refusal('answer', cyclic).field).toBe('payload');
    expect(refusal('answer', { dialogId: 1n }).field).toBe('payload');
    const getter = Object.defineProperty({}, 'dialogId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => validateDeskCall('answer', getter)).not.toThrow();
  });

  it('never echoes a value (a password) in its message', () => {
    const secret = 'S3cret-pass,word';
    const checks: unknown[] = [
      { agentId: '1', extension: '2', password: `${secret}\n` },
      { agentId: '1', extension: '2', password: secret.repeat(40) },
      { agentId: secret, extension: 2, password: secret },
    ];
    for (const payload of checks) {
      const error = refusal('signIn', payload);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });
});

describe('validateDeskCall: properties', () => {
  const methodArb = fc.constantFrom(...DESK_METHODS);
  const jsonArb = fc.json().map((text) => JSON.parse(text) as unknown);
  const nearValidArb = fc.dictionary(
    fc.constantFrom(...FIELD_NAMES, 'extra', '__proto__', 'constructor'),
    fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.boolean(),
      fc.integer({ min: -5, max: 600 }),
      fc.constant(null),
      fc.record({
        dialNumber: fc.string({ maxLength: 10 }),
        mode: fc.constantFrom('nailed', 'call-by-call', 'x'),
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    { maxKeys: 5 },
  );
  /** Shaped like the method's valid payload: its fields, each kept, dropped or given another value. */
  const valueArb = fc.oneof(
    fc.string({ maxLength: 70 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.boolean(),
    fc.integer({ min: -5, max: 600 }),
    fc.constant(null),
  );
  const DROP = Symbol('drop');
  const shapedArb = (method: DeskMethod) => {
    const valid = VALID[method];
    if (valid === undefined || valid === null || typeof valid !== 'object')
      return fc.oneof(fc.constant(undefined), valueArb);
    const fields = Object.entries(valid as Record<string, unknown>).map(([key, value]) =>
      fc.tuple(
        fc.constant(key),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(value) },
          { weight: 1, arbitrary: valueArb },
          { weight: 1, arbitrary: fc.constant(DROP) },
        ),
      ),
    );
    const extra = fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'mobile'), valueArb), { freq: 4 });
    return fc.tuple(fc.tuple(...fields), extra).map(([entries, extraField]) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of entries) if (value !== DROP) out[key] = value;
      if (extraField) Object.defineProperty(out, extraField[0], { value: extraField[1], enumerable: true });
      return out;
    });
  };
  // Through JSON, as the bridges receive it (JSON.parse makes `__proto__` an own key).
  const throughJson = (value: unknown) =>
    value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  const callArb = methodArb.chain((method) =>
    fc.tuple(
      fc.constant(method),
      fc.oneof(jsonArb, nearValidArb.map(throughJson), shapedArb(method).map(throughJson)),
    ),
  );

  it('never throws, and what it accepts re-parses identically', () => {
    const accepted = new Set<string>();
    let acceptedCount = 0;
    fc.assert(
      fc.property(callArb, ([method, payload]) => {
        const result = validateDeskCall(method, payload);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-request');
          expect(typeof result.error.field).toBe('string');
          return;
        }
        accepted.add(method);
        acceptedCount++;
        expect(result.method).toBe(method);
        expect(result.payload).toEqual(payload);
        const wire = JSON.parse(JSON.stringify({ p: result.payload })) as { p?: unknown };
        const again = validateDeskCall(method, wire.p);
        expect(again).toEqual(result);
      }),
      { numRuns: 3000 },
    );
    // The generators must reach the accepting side of most methods, often.
    expect(acceptedCount).toBeGreaterThan(100);
    expect(accepted.size).toBeGreaterThan(DESK_METHODS.length / 2);
  });

  it('never throws for any method name and any value at all', () => {
    fc.assert(
      fc.property(fc.oneof(methodArb, fc.string(), fc.anything()), fc.anything(), (method, payload) => {
        const result = validateDeskCall(method, payload);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('invokeDesk', () => {
  it('calls the method with the validated payload', async () => {
    const seen: unknown[] = [];
    const desk = {
      answer: async (input: unknown) => {
        seen.push(input);
        return { ok: true, value: undefined };
      },
    } as unknown as DeskApi;
    const call = validateDeskCall('answer', { dialogId: '7' });
    if (!call.ok) throw new Error('refused');
    expect(await invokeDesk(desk, call)).toEqual({ ok: true, value: undefined });
    expect(seen).toEqual([{ dialogId: '7' }]);
  });

  it('turns a throwing desk into an internal-error result', async () => {
    const errors: unknown[] = [];
    const desk = {
      setReady: () => {
        throw new Error('boom');
      },
    } as unknown as DeskApi;
    const call = validateDeskCall('setReady', undefined);
    if (!call.ok) throw new Error('refused');
    const result = await invokeDesk(desk, call, (error) => errors.push(error));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal-error' } });
    expect(errors).toHaveLength(1);
  });
});
