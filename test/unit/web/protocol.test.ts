// The WebSocket protocol's pure parts: parsing a client's frame (answered, refused naming the
// field, or closing with a reason), the result frame (sign-in passwords scrubbed), and the
// per-connection rate limiter.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSE,
  CallRateLimiter,
  parseInboundFrame,
  refusedFrame,
  resultFrame,
} from '../../../main/web/protocol.ts';
import { validateDeskCall } from '../../../main/core/desk/api-schemas.ts';

describe('parseInboundFrame', () => {
  it('parses a valid call', () => {
    expect(parseInboundFrame('{"id":7,"method":"answer","payload":{"dialogId":"10001"}}')).toEqual({
      kind: 'call',
      id: 7,
      call: { method: 'answer', payload: { dialogId: '10001' } },
    });
    expect(parseInboundFrame('{"id":0,"method":"setReady"}')).toEqual({
      kind: 'call',
      id: 0,
      call: { method: 'setReady', payload: undefined },
    });
  });

  it('refuses an invalid call with its id, naming the field', () => {
    expect(parseInboundFrame('{"id":1,"method":"answer","payload":{"dialogId":"1","x":2}}')).toMatchObject({
      kind: 'refused',
      id: 1,
      method: 'answer',
      error: { code: 'invalid-request', field: 'x' },
    });
    expect(parseInboundFrame('{"id":2,"method":"nope"}')).toMatchObject({
      kind: 'refused',
      id: 2,
      method: undefined,
      error: { field: 'method' },
    });
    expect(parseInboundFrame('{"id":3,"method":"setReady","extra":1}')).toMatchObject({
      kind: 'refused',
      error: { field: 'extra' },
    });
    expect(parseInboundFrame('{"id":4,"method":"setReady","__proto__":{"x":1}}')).toMatchObject({
      kind: 'refused',
      error: { field: '__proto__' },
    });
    expect(
      parseInboundFrame('{"id":5,"method":"answer","payload":{"__proto__":{"dialogId":"1"}}}'),
    ).toMatchObject({ kind: 'refused', error: { field: '__proto__' } });
  });

  it('closes on what cannot be answered', () => {
    expect(parseInboundFrame('{"id":1,')).toMatchObject({ kind: 'close', code: CLOSE.invalidPayload });
    expect(parseInboundFrame('')).toMatchObject({ kind: 'close', code: CLOSE.invalidPayload });
    for (const text of [
      '[]',
      '1',
      'null',
      '"x"',
      '{}',
      '{"id":"1","method":"setReady"}',
      '{"id":-1}',
      '{"id":1.5}',
    ]) {
      expect(parseInboundFrame(text), text).toMatchObject({ kind: 'close', code: CLOSE.policyViolation });
    }
  });

  it('keeps every close reason within a close frame (123 bytes)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const frame = parseInboundFrame(text);
        if (frame.kind === 'close') expect(Buffer.byteLength(frame.reason)).toBeLessThanOrEqual(123);
      }),
    );
  });
});

describe('resultFrame', () => {
  it('echoes the id with the result', () => {
    const call = validateDeskCall('setReady', undefined);
    if (!call.ok) throw new Error('refused');
    expect(JSON.parse(resultFrame(9, call, { ok: true, value: undefined }))).toEqual({
      id: 9,
      result: { ok: true },
    });
  });

  it('never sends a sign-in password back, even if an error message held it', () => {
    const password = 'pw';
    const call = validateDeskCall('signIn', { agentId: '1001', password, extension: '5001' });
    if (!call.ok) throw new Error('refused');
    const frame = resultFrame(1, call, {
      ok: false,
      error: { code: 'bad-pw', message: `The password pw was refused (password=pw)`, field: 'pw' },
    });
    expect(frame).not.toContain('pw');
    expect(JSON.parse(frame)).toMatchObject({
      id: 1,
      result: { ok: false, error: { code: 'bad-[redacted]' } },
    });
  });

  it('builds refusals', () => {
    expect(JSON.parse(refusedFrame(3, { code: 'invalid-request', message: 'm', field: 'f' }))).toEqual({
      id: 3,
      result: { ok: false, error: { code: 'invalid-request', message: 'm', field: 'f' } },
    });
  });
});

describe('CallRateLimiter', () => {
  it('allows the limit in any one-second window and refuses one more', () => {
    const limiter = new CallRateLimiter(200);
    for (let i = 0; i < 200; i++) expect(limiter.take(1000 + i)).toBe(true);
    expect(limiter.take(1500)).toBe(false);
    // The call at 1000 leaves the window at 2000, the one at 1001 at 2001: one more fits each time.
    expect(limiter.take(2000)).toBe(true);
    expect(limiter.take(2000)).toBe(false);
    expect(limiter.take(2001)).toBe(true);
    expect(limiter.take(2001)).toBe(false);
  });

  it('never allows more than the limit within any window (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }), (gaps) => {
        const limiter = new CallRateLimiter(10, 100);
        const accepted: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          if (limiter.take(now)) accepted.push(now);
        }
        for (let i = 10; i < accepted.length; i++)
          expect((accepted[i] as number) - (accepted[i - 10] as number)).toBeGreaterThanOrEqual(100);
      }),
    );
  });

  it('refuses a nonsensical limit', () => {
    expect(() => new CallRateLimiter(0)).toThrow(RangeError);
  });
});
