// The preload, run against a stand-in for Electron's contextBridge and ipcRenderer: it exposes
// exactly the DeskApi (DESK_METHODS + subscribe) and the dial-request listener, sends every call
// as (method[, payload]) on the one channel, and hands the page data only, never the IPC event.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DESK_METHODS, type DeskApi, type DeskPatch } from '../../../preload/contract.ts';
import { IPC_CHANNELS } from '../../../preload/ipc-channels.ts';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
const invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, ...args),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      listeners.set(channel, listener),
  },
}));

/** What main's webContents.send would deliver: an event object first, then the data. */
function sendFromMain(channel: string, data: unknown): void {
  const event = { sender: { secret: 'ipc internals' }, ports: [] };
  listeners.get(channel)?.(event, data);
}

let api: DeskApi;
let shell: { onDialRequest(listener: (request: unknown) => void): () => void };

beforeAll(async () => {
  await import('../../../preload/bridge.ts');
  api = exposed.get('switchboard') as DeskApi;
  shell = exposed.get('switchboardShell') as typeof shell;
});

describe('preload/bridge.ts', () => {
  it('exposes exactly the DeskApi and the dial-request listener', () => {
    expect([...exposed.keys()].sort()).toEqual(['switchboard', 'switchboardShell']);
    expect(Object.keys(api).sort()).toEqual([...DESK_METHODS, 'subscribe'].sort());
    expect(Object.keys(shell)).toEqual(['onDialRequest']);
    for (const value of [...Object.values(api), ...Object.values(shell)])
      expect(typeof value).toBe('function');
  });

  it('sends each call as (method, payload) on the one channel, leaving an absent payload out', async () => {
    invoke.mockResolvedValue({ ok: true, value: undefined });
    await api.answer({ dialogId: 'd1' });
    await api.getState();
    await api.setNotReady();
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.deskCall, 'answer', { dialogId: 'd1' }],
      [IPC_CHANNELS.deskCall, 'getState'],
      [IPC_CHANNELS.deskCall, 'setNotReady'],
    ]);
  });

  it('resolves with main’s Result, and with a readable error if IPC itself fails', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not-allowed', message: 'No.' } });
    expect(await api.setReady()).toEqual({ ok: false, error: { code: 'not-allowed', message: 'No.' } });
    invoke.mockRejectedValueOnce(new Error('Error invoking remote method'));
    expect(await api.setReady()).toEqual({
      ok: false,
      error: { code: 'bridge-lost', message: 'Switchboard could not reach its main process; try again.' },
    });
  });

  it('gives patch listeners the patch only, until they unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.subscribe((...args: unknown[]) => received.push(args));
    const patch: DeskPatch = { version: 3, slices: {} };
    sendFromMain(IPC_CHANNELS.deskPatch, patch);
    unsubscribe();
    sendFromMain(IPC_CHANNELS.deskPatch, { version: 4, slices: {} });
    expect(received).toEqual([[patch]]);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const received: unknown[] = [];
    const stopA = api.subscribe(() => {
      throw new Error('page bug');
    });
    const stopB = api.subscribe((patch) => received.push(patch));
    sendFromMain(IPC_CHANNELS.deskPatch, { version: 5, slices: {} });
    stopA();
    stopB();
    expect(received).toHaveLength(1);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.subscribe('nope' as never)).toThrow(TypeError);
  });

  it('holds a dial request that came before anyone listened, for the first listener', () => {
    sendFromMain(IPC_CHANNELS.dialRequest, { number: '+14155550134', extension: undefined });
    const first: unknown[][] = [];
    const stop = shell.onDialRequest((...args: unknown[]) => first.push(args));
    expect(first).toEqual([[{ number: '+14155550134', extension: undefined }]]);
    const second: unknown[] = [];
    const stopSecond = shell.onDialRequest((request) => second.push(request));
    expect(second).toEqual([]);
    sendFromMain(IPC_CHANNELS.dialRequest, { number: '5001', extension: '12' });
    expect(first).toHaveLength(2);
    expect(second).toEqual([{ number: '5001', extension: '12' }]);
    stop();
    stopSecond();
  });
});
