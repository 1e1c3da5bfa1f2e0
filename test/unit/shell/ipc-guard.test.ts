// The one IPC check: who sent the call (our window, its main frame, an app:// page) and what it
// carries (validateDeskCall), refusing everything else before the desk sees it; and what goes
// back to the page (never the password typed).

import { describe, expect, it } from 'vitest';
import {
  checkIpcSender,
  guardDeskCall,
  resultForPage,
  type IpcSenderFacts,
} from '../../../main/shell/ipc-guard.ts';

const ours: IpcSenderFacts = {
  frameUrl: 'app://switchboard/index.html',
  isMainFrame: true,
  webContentsId: 7,
  ourWebContentsId: 7,
};

describe('checkIpcSender', () => {
  it('accepts our window’s main frame on app://switchboard', () => {
    expect(checkIpcSender(ours)).toEqual({ ok: true });
    expect(checkIpcSender({ ...ours, frameUrl: 'app://switchboard/index.html?lang=fr#x' })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['another webContents', { webContentsId: 8 }, 'not our window'],
    ['no window yet', { ourWebContentsId: undefined }, 'not our window'],
    ['an iframe', { isMainFrame: false }, 'not the main frame'],
    ['a frame that is gone', { frameUrl: undefined }, 'the frame is gone'],
    ['a remote page', { frameUrl: 'https://evil.example/' }, 'not an app:// page'],
    ['a file:// page', { frameUrl: 'file:///tmp/x.html' }, 'not an app:// page'],
    ['another app:// host', { frameUrl: 'app://evil/index.html' }, 'not an app:// page'],
    ['app:// with credentials', { frameUrl: 'app://user:pw@switchboard/' }, 'not an app:// page'],
    ['app:// on a port', { frameUrl: 'app://switchboard:8080/' }, 'not an app:// page'],
    ['a data: page', { frameUrl: 'data:text/html,hi' }, 'not an app:// page'],
    ['about:blank', { frameUrl: 'about:blank' }, 'not an app:// page'],
    ['an empty URL', { frameUrl: '' }, 'not an app:// page'],
  ])('refuses %s', (_name, change, reason) => {
    expect(checkIpcSender({ ...ours, ...change })).toEqual({ ok: false, reason });
  });
});

describe('guardDeskCall', () => {
  it('passes a valid call, payload parsed', () => {
    expect(guardDeskCall(ours, ['answer', { dialogId: 'd1' }])).toEqual({
      ok: true,
      call: { method: 'answer', payload: { dialogId: 'd1' } },
    });
    expect(guardDeskCall(ours, ['getState'])).toEqual({
      ok: true,
      call: { method: 'getState', payload: undefined },
    });
    expect(guardDeskCall(ours, ['signOut', undefined])).toEqual({
      ok: true,
      call: { method: 'signOut', payload: undefined },
    });
  });

  it('checks the sender first, and says nothing about the payload to a stranger', () => {
    expect(guardDeskCall({ ...ours, isMainFrame: false }, ['nope', { x: 1 }])).toEqual({
      ok: false,
      reason: 'sender: not the main frame',
      result: {
        ok: false,
        error: { code: 'forbidden', message: 'This request did not come from the Switchboard window.' },
      },
    });
  });

  it.each([
    ['no method', [], 'arity', 'payload'],
    ['an extra argument', ['answer', { dialogId: 'd1' }, 'more'], 'arity', 'payload'],
    ['an unknown method', ['exec', {}], 'payload: method', 'method'],
    ['subscribe (not a call)', ['subscribe'], 'payload: method', 'method'],
    [
      'a prototype key',
      ['answer', JSON.parse('{"dialogId":"d1","__proto__":{}}')],
      'payload: __proto__',
      '__proto__',
    ],
    ['an unknown field', ['answer', { dialogId: 'd1', admin: true }], 'payload: admin', 'admin'],
    ['a wrong type', ['answer', { dialogId: 7 }], 'payload: dialogId', 'dialogId'],
    ['a line break', ['makeCall', { number: '+1\n5' }], 'payload: number', 'number'],
    ['a payload where none is taken', ['setReady', {}], 'payload: payload', 'payload'],
    ['a huge payload', ['searchContacts', { query: 'x'.repeat(70_000) }], 'payload: payload', 'payload'],
  ])('refuses %s', (_name, args, reason, field) => {
    const guarded = guardDeskCall(ours, args);
    expect(guarded.ok).toBe(false);
    if (guarded.ok) return;
    expect(guarded.reason).toBe(reason);
    expect(guarded.result.ok).toBe(false);
    if (!guarded.result.ok) {
      expect(guarded.result.error.code).toBe('invalid-request');
      expect(guarded.result.error.field).toBe(field);
    }
  });

  it('never echoes a refused value', () => {
    const guarded = guardDeskCall(ours, [
      'signIn',
      { agentId: '1001', extension: '5001', password: 'hunter2\n' },
    ]);
    expect(JSON.stringify(guarded)).not.toContain('hunter2');
  });
});

describe('resultForPage', () => {
  const signIn = {
    method: 'signIn' as const,
    payload: { agentId: '1001', extension: '5001', password: 'correct-horse' },
  };

  it('scrubs the typed password from a refusal', () => {
    const result = resultForPage(signIn, {
      ok: false,
      error: { code: 'bad', message: 'rejected correct-horse for 1001', field: 'correct-horse' },
    });
    expect(JSON.stringify(result)).not.toContain('correct-horse');
    expect(result).toMatchObject({ ok: false, error: { code: 'bad' } });
  });

  it('passes other results through untouched', () => {
    const ok = { ok: true as const, value: undefined };
    expect(resultForPage(signIn, ok)).toBe(ok);
    const refused = { ok: false as const, error: { code: 'not-allowed', message: 'No.' } };
    expect(resultForPage({ method: 'answer', payload: { dialogId: 'd1' } }, refused)).toBe(refused);
  });
});
