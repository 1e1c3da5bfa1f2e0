// A DeskApi over the browser host's WebSocket (`/api?token=…` on the page's own origin).
// Protocol: we send `{id, method, payload}`, the host answers `{id, result}`, and pushes
// `{snapshot}` once per connection and `{patch}` after every change. The socket is opened
// through `openSocket` so this file needs no DOM (tests pass a `ws` client).

import {
  DESK_METHODS,
  applyPatch,
  type DeskApi,
  type DeskMethod,
  type DeskPatch,
  type DeskState,
  type Result,
  type SliceName,
} from '../../../preload/contract.ts';

export interface SocketEvents {
  open(): void;
  message(text: string): void;
  close(): void;
}

export interface SocketHandle {
  send(text: string): void;
  close(): void;
}

export type OpenSocket = (url: string, events: SocketEvents) => SocketHandle;

/** The link to the host itself (not the desk's broker connection). */
export interface BridgeLinkState {
  readonly status: 'connecting' | 'open' | 'lost';
  /** Reconnection attempts since the link last worked. */
  readonly attempt: number;
  /** When the next attempt starts (epoch ms), while lost. */
  readonly nextAttemptAt: number | undefined;
}

export interface BridgeLink {
  readonly link: BridgeLinkState;
  onLinkChange(listener: (link: BridgeLinkState) => void): () => void;
}

export interface WebSocketDeskApiOptions {
  readonly url: string;
  readonly openSocket: OpenSocket;
  /** First reconnection delay cap (default 500 ms); doubles per attempt up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

export const BRIDGE_LOST_CODE = 'bridge-lost';

const bridgeLost: Result<never> = {
  ok: false,
  error: {
    code: BRIDGE_LOST_CODE,
    message: 'Lost contact with Switchboard; the request may not have arrived.',
  },
};

/** `ws://host/api?token=…` for a page served by the browser host, keeping the page's token. */
export function deskSocketUrl(pageUrl: string): string {
  const page = new URL(pageUrl);
  const api = new URL('/api', page);
  api.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = page.searchParams.get('token');
  if (token !== null) api.searchParams.set('token', token);
  return api.href;
}

/** Every slice of a snapshot as one patch: what subscribers get when the link is re-established. */
export function snapshotAsPatch(state: DeskState, version: number): DeskPatch {
  const { team, ...slices } = state;
  return {
    version,
    slices,
    team: { teamId: team.teamId, reset: true, members: Object.values(team.members), removed: [] },
  };
}

type Incoming =
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'snapshot'; readonly state: DeskState }
  | { readonly kind: 'patch'; readonly patch: DeskPatch };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const SLICES: readonly SliceName[] = [
  'connection',
  'agent',
  'dialogs',
  'callbacks',
  'phonebooks',
  'team',
  'queues',
  'notices',
];

/** Shape checks only: the host is on loopback behind a token; this guards against bugs, not attackers. */
export function parseIncoming(text: string): Incoming | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(message)) return undefined;
  if (typeof message.id === 'number' && isObject(message.result) && typeof message.result.ok === 'boolean')
    return { kind: 'result', id: message.id, result: message.result as Result<unknown> };
  if (isObject(message.snapshot) && SLICES.every((slice) => isObject((message.snapshot as never)[slice])))
    return { kind: 'snapshot', state: message.snapshot as unknown as DeskState };
  if (isObject(message.patch) && isObject(message.patch.slices))
    return { kind: 'patch', patch: message.patch as unknown as DeskPatch };
  return undefined;
}

export class WebSocketBridge implements BridgeLink {
  readonly #options: WebSocketDeskApiOptions;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #subscribers = new Set<(patch: DeskPatch) => void>();
  readonly #linkListeners = new Set<(link: BridgeLinkState) => void>();
  #stateWaiters: ((result: Result<DeskState>) => void)[] = [];
  #socket: SocketHandle | undefined;
  #open = false;
  #closed = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  #version = 0;
  #state: DeskState | undefined;
  #link: BridgeLinkState = { status: 'connecting', attempt: 0, nextAttemptAt: undefined };

  constructor(options: WebSocketDeskApiOptions) {
    this.#options = options;
    this.#connect();
  }

  get link(): BridgeLinkState {
    return this.#link;
  }

  onLinkChange(listener: (link: BridgeLinkState) => void): () => void {
    this.#linkListeners.add(listener);
    return () => this.#linkListeners.delete(listener);
  }

  /** The last snapshot with the patches since; before the first snapshot, waits for it. */
  getState(): Promise<Result<DeskState>> {
    if (this.#state) return Promise.resolve({ ok: true, value: this.#state });
    return new Promise((resolve) => this.#stateWaiters.push(resolve));
  }

  subscribe(onPatch: (patch: DeskPatch) => void): () => void {
    this.#subscribers.add(onPatch);
    return () => this.#subscribers.delete(onPatch);
  }

  /** Fails fast while the link is down: call control is never replayed later (ARCHITECTURE.md). */
  call(method: DeskMethod, payload: unknown): Promise<Result<unknown>> {
    const socket = this.#socket;
    if (!socket || !this.#open) return Promise.resolve(bridgeLost);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      try {
        socket.send(JSON.stringify({ id, method, payload }));
      } catch {
        this.#pending.delete(id);
        resolve(bridgeLost);
      }
    });
  }

  /** Stops for good: no more reconnection; pending calls fail. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close();
    this.#dropped();
  }

  #connect(): void {
    if (this.#closed) return;
    this.#setLink({ status: 'connecting', attempt: this.#link.attempt, nextAttemptAt: undefined });
    const socket = this.#options.openSocket(this.#options.url, {
      open: () => {
        if (this.#socket !== socket) return;
        this.#open = true;
        this.#setLink({ status: 'open', attempt: this.#link.attempt, nextAttemptAt: undefined });
      },
      message: (text) => {
        if (this.#socket === socket) this.#receive(text);
      },
      close: () => {
        if (this.#socket !== socket) return;
        this.#socket = undefined;
        this.#dropped();
        this.#scheduleReconnect();
      },
    });
    this.#socket = socket;
  }

  #dropped(): void {
    this.#open = false;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const resolve of pending) resolve(bridgeLost);
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    const attempt = this.#link.attempt + 1;
    const initial = this.#options.initialDelayMs ?? 500;
    const cap = Math.min(this.#options.maxDelayMs ?? 15_000, initial * 2 ** (attempt - 1));
    // Full jitter, so tabs reopened together do not knock on the host in step; a floor so a host
    // that refuses at once is not hammered.
    const delay = Math.max(Math.min(100, initial), Math.round((this.#options.random ?? Math.random)() * cap));
    const now = (this.#options.now ?? Date.now)();
    this.#setLink({ status: 'lost', attempt, nextAttemptAt: now + delay });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #receive(text: string): void {
    const message = parseIncoming(text);
    if (!message) return;
    switch (message.kind) {
      case 'result': {
        const resolve = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        resolve?.(message.result);
        return;
      }
      case 'snapshot': {
        this.#state = message.state;
        // The link works end to end: the next loss starts its backoff afresh.
        this.#setLink({ status: 'open', attempt: 0, nextAttemptAt: undefined });
        const waiters = this.#stateWaiters;
        this.#stateWaiters = [];
        for (const resolve of waiters) resolve({ ok: true, value: message.state });
        this.#publish(snapshotAsPatch(message.state, ++this.#version));
        return;
      }
      case 'patch':
        if (!this.#state) return;
        this.#state = applyPatch(this.#state, message.patch);
        this.#publish({ ...message.patch, version: ++this.#version });
        return;
    }
  }

  #publish(patch: DeskPatch): void {
    for (const subscriber of this.#subscribers) subscriber(patch);
  }

  #setLink(link: BridgeLinkState): void {
    this.#link = link;
    for (const listener of this.#linkListeners) listener(link);
  }
}

/** The DeskApi face of a bridge: every method of DESK_METHODS becomes a call over the socket. */
export function deskApiOver(bridge: WebSocketBridge): DeskApi {
  const calls = Object.fromEntries(
    DESK_METHODS.filter((method) => method !== 'getState').map((method) => [
      method,
      (payload?: unknown) => bridge.call(method, payload),
    ]),
  );
  // Each method is `(input?) => Promise<Result<T>>` with T as the host sends it: the host runs the
  // same Desk, so T is trusted here as IPC trusts main in Electron.
  return {
    ...(calls as unknown as Omit<DeskApi, 'getState' | 'subscribe'>),
    getState: () => bridge.getState(),
    subscribe: (onPatch) => bridge.subscribe(onPatch),
  };
}

export function createWebSocketDeskApi(options: WebSocketDeskApiOptions): {
  readonly api: DeskApi;
  readonly bridge: WebSocketBridge;
} {
  const bridge = new WebSocketBridge(options);
  return { api: deskApiOver(bridge), bridge };
}
