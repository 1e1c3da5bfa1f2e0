// The preload: puts the DeskApi on `window.switchboard` through contextBridge, and nothing else
// the page could use to reach Electron. Exactly the DeskApi's methods (DESK_METHODS) plus
// subscribe(onPatch) -> unsubscribe; every method sends (method, payload) on the one request
// channel and resolves with the Result main sends back. The IPC event object never reaches the
// page: listeners here receive it and pass on only the data.
//
// Sandboxed (webPreferences.sandbox), so this runs as one bundled CommonJS file
// (out/preload/bridge.cjs) that may require only `electron`.
//
// `window.switchboardShell.onDialRequest` is the one thing main says to the page that is not
// desk state: a tel: link asking for the dial pad with a number (ShellEvents, in the contract).

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  DESK_METHODS,
  type DeskApi,
  type DeskPatch,
  type DialRequest,
  type Result,
  type ShellEvents,
} from './contract.ts';
import { IPC_CHANNELS } from './ipc-channels.ts';

export type { ShellEvents };

const BRIDGE_LOST: Result<never> = {
  ok: false,
  error: { code: 'bridge-lost', message: 'Switchboard could not reach its main process; try again.' },
};

function call(method: string, payload: unknown): Promise<Result<unknown>> {
  // A payload left out stays out (methods without an argument refuse one).
  const args = payload === undefined ? [method] : [method, payload];
  return (ipcRenderer.invoke(IPC_CHANNELS.deskCall, ...args) as Promise<Result<unknown>>).catch(
    () => BRIDGE_LOST,
  );
}

/**
 * One IPC listener fanning out to the page's listeners, each given the data only. With
 * `holdUntilHeard`, a value that arrives while nobody listens is kept for the first listener.
 */
function fanOut<T>(channel: string, holdUntilHeard = false): (listener: (value: T) => void) => () => void {
  const listeners = new Set<(value: T) => void>();
  let held: { value: T } | undefined;
  const deliver = (listener: (value: T) => void, value: T) => {
    try {
      listener(value);
    } catch {
      // One page listener failing must not starve the others.
    }
  };
  ipcRenderer.on(channel, (_event: IpcRendererEvent, value: T) => {
    if (listeners.size === 0 && holdUntilHeard) held = { value };
    for (const listener of listeners) deliver(listener, value);
  });
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError('a listener must be a function');
    listeners.add(listener);
    if (held) {
      const { value } = held;
      held = undefined;
      deliver(listener, value);
    }
    return () => {
      listeners.delete(listener);
    };
  };
}

const addPatchListener = fanOut<DeskPatch>(IPC_CHANNELS.deskPatch);
// A link that launched the app arrives before the page listens.
const addDialListener = fanOut<DialRequest>(IPC_CHANNELS.dialRequest, true);

function buildDeskApi(): DeskApi {
  const api: Record<string, unknown> = {};
  for (const method of DESK_METHODS) api[method] = (payload?: unknown) => call(method, payload);
  api['subscribe'] = (onPatch: (patch: DeskPatch) => void) => addPatchListener(onPatch);
  return api as unknown as DeskApi;
}

const shellEvents: ShellEvents = { onDialRequest: (listener) => addDialListener(listener) };

contextBridge.exposeInMainWorld('switchboard', buildDeskApi());
contextBridge.exposeInMainWorld('switchboardShell', shellEvents);
