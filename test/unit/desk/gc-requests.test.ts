// Requests waiting for GC: settled by the first event their test accepts, by GC's Error (which
// names no command, so it settles every request then waiting), by a SEND the broker refused, by
// the reply timeout, by the link going down or GC going out of service, and by stop(). Each
// settles once; a late event changes nothing.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GcSendResult } from '../../../main/core/broker/gc-session.ts';
import { GcRequests } from '../../../main/core/desk/gc-requests.ts';
import { decodeEvent, type Command, type DecodedEvent } from '../../../main/core/protocol/index.ts';

const READY: Command = { name: 'MakeReady', id: '1001' };
const state = (agentState: string): DecodedEvent =>
  decodeEvent(`1001#State#${agentState}#-1##READY#2026-11-24 09:00:00#A B#1001#5001#x#A B#jsmith`);
const isReady = (event: DecodedEvent) => event.kind === 'State' && event.state === 'READY';
const gcError = decodeEvent('1001#Error#INVALID_STATE#Not allowed now');

let sent: Command[];
let answer: GcSendResult;

function requests(replyTimeoutMs = 1_000): GcRequests {
  return new GcRequests({
    send: async (command) => {
      sent.push(command);
      return answer;
    },
    replyTimeoutMs,
  });
}

beforeEach(() => {
  sent = [];
  answer = { ok: true };
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('requests waiting for GC', () => {
  it('sends the command and settles on the first event its test accepts, once', async () => {
    const gc = requests();
    const pending = gc.request(READY, isReady);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([READY]);
    gc.onEvent(state('NOT_READY'));
    gc.onEvent(state('READY'));
    await expect(pending).resolves.toEqual({ ok: true, value: undefined });
    gc.onEvent(gcError); // nothing waits any more: a late Error settles nothing and sends nothing
    expect(gc.waiting).toBe(0);
    expect(sent).toEqual([READY]);
    await expect(pending).resolves.toEqual({ ok: true, value: undefined });
  });

  it('lets GC’s Error settle every request then waiting, in plain words', async () => {
    const gc = requests();
    const first = gc.request(READY, isReady);
    const second = gc.request({ name: 'GetState', id: '1001' }, isReady);
    gc.onEvent(gcError);
    for (const result of await Promise.all([first, second])) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_STATE');
    }
  });

  it('fails at once when the broker refuses the SEND, with its reason', async () => {
    answer = { ok: false, error: { code: 'not-connected', message: 'Not connected.' } } as GcSendResult;
    const result = await requests().request(READY, isReady);
    expect(result).toEqual({ ok: false, error: { code: 'not-connected', message: 'Not connected.' } });
  });

  it('gives up after the reply timeout, naming the command', async () => {
    const pending = requests(500).request(READY, isReady);
    await vi.advanceTimersByTimeAsync(499);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('no-reply');
      expect(result.error.message).toContain('MakeReady');
    }
  });

  it('fails everything waiting when the link goes down, GC goes out of service, or the desk stops', async () => {
    const gc = requests();
    const lost = gc.request(READY, isReady);
    gc.failAll('connection-lost');
    const outOfService = gc.request(READY, isReady);
    gc.failAll('out-of-service');
    const stopped = gc.request(READY, isReady);
    gc.stop();
    const codes = (await Promise.all([lost, outOfService, stopped])).map((result) =>
      result.ok ? 'ok' : result.error.code,
    );
    expect(codes).toEqual(['connection-lost', 'out-of-service', 'stopped']);
    // The timers were cleared: nothing fires later.
    expect(vi.getTimerCount()).toBe(0);
  });
});
