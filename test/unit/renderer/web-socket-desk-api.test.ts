// The renderer's DeskApi over the browser host's WebSocket (renderer/src/bridge), against a real
// `ws` server speaking the host's protocol: answers matched to calls by id in any order, the
// snapshot behind getState, patches to subscribers, calls failing fast with `bridge-lost` when the
// socket drops, and reconnection with backoff delivering the new snapshot as one whole patch.

import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { DeskPatch, Result } from '../../../preload/contract.ts';
import {
  createWebSocketDeskApi,
  deskSocketUrl,
  parseIncoming,
  snapshotAsPatch,
  type BridgeLinkState,
  type OpenSocket,
} from '../../../renderer/src/bridge/web-socket-desk-api.ts';
import { agent, deskState } from './desk-state-fixture.ts';

/** What desk-api.ts does with the browser's WebSocket, done with `ws`'s (the same API). */
const openWsSocket: OpenSocket = (url, events) => {
  const socket = new WebSocket(url);
  socket.onopen = () => events.open();
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') events.message(event.data);
  };
  socket.onerror = () => {};
  socket.onclose = () => events.close();
  return { send: (text) => socket.send(text), close: () => socket.close() };
};

interface Call {
  readonly id: number;
  readonly method: string;
  readonly payload?: unknown;
}

/** A host double: records calls, sends a snapshot on connect, answers when told to. */
class FakeHost {
  readonly server: WebSocketServer;
  readonly calls: Call[] = [];
  readonly sockets: WebSocket[] = [];
  readonly urls: string[] = [];
  snapshot = deskState();

  private constructor(server: WebSocketServer) {
    this.server = server;
    server.on('connection', (socket, request) => {
      this.sockets.push(socket);
      this.urls.push(request.url ?? '');
      socket.on('message', (data) => this.calls.push(JSON.parse(String(data)) as Call));
      socket.send(JSON.stringify({ snapshot: this.snapshot }));
    });
  }

  static async start(port = 0): Promise<FakeHost> {
    const server = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeHost(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get socket(): WebSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no client connected');
    return socket;
  }

  answer(id: number, result: Result<unknown>): void {
    this.socket.send(JSON.stringify({ id, result }));
  }

  push(patch: DeskPatch): void {
    this.socket.send(JSON.stringify({ patch }));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connected(options: { initialDelayMs?: number; now?: () => number } = {}) {
  const host = await FakeHost.start();
  cleanups.push(() => host.stop());
  const { api, bridge } = createWebSocketDeskApi({
    url: deskSocketUrl(`http://127.0.0.1:${host.port}/?token=t0k3n`),
    openSocket: openWsSocket,
    initialDelayMs: options.initialDelayMs ?? 20,
    random: () => 1,
    ...(options.now ? { now: options.now } : {}),
  });
  cleanups.push(() => bridge.close());
  const links: BridgeLinkState[] = [];
  bridge.onLinkChange((link) => links.push(link));
  const state = await api.getState();
  return { host, api, bridge, links, state };
}

describe('the WebSocket DeskApi', () => {
  it('connects to /api with the page’s token and resolves getState from the snapshot', async () => {
    const { host, state, bridge } = await connected();
    expect(host.urls).toEqual(['/api?token=t0k3n']);
    expect(state).toEqual({ ok: true, value: host.snapshot });
    expect(bridge.link.status).toBe('open');
  });

  it('matches each answer to its call by id, whatever the order', async () => {
    const { host, api } = await connected();
    const ready = api.setReady();
    const answer = api.answer({ dialogId: 'd1' });
    await until(() => host.calls.length === 2, 'two calls');
    const [first, second] = host.calls;
    expect(first).toMatchObject({ method: 'setReady' });
    expect(first).not.toHaveProperty('payload');
    expect(second).toMatchObject({ method: 'answer', payload: { dialogId: 'd1' } });
    expect(first?.id).not.toBe(second?.id);

    host.answer(second!.id, { ok: false, error: { code: 'no-such-call', message: 'That call is gone.' } });
    host.answer(first!.id, { ok: true, value: undefined });
    await expect(answer).resolves.toEqual({
      ok: false,
      error: { code: 'no-such-call', message: 'That call is gone.' },
    });
    await expect(ready).resolves.toEqual({ ok: true });
  });

  it('passes patches to subscribers and keeps getState current', async () => {
    const { host, api } = await connected();
    const patches: DeskPatch[] = [];
    api.subscribe((patch) => patches.push(patch));
    host.push({ version: 1, slices: { agent: agent({ state: 'READY' }) } });
    await until(() => patches.length === 1, 'a patch');
    expect(patches[0]?.slices.agent?.state).toBe('READY');
    const state = await api.getState();
    expect(state.ok && state.value.agent.state).toBe('READY');
  });

  it('ignores frames it does not understand and answers to calls nobody made', async () => {
    const { host, api } = await connected();
    host.socket.send('not json');
    host.socket.send(JSON.stringify({ id: 999, result: { ok: true } }));
    host.socket.send(JSON.stringify({ surprise: true }));
    const call = api.setReady();
    await until(() => host.calls.length === 1, 'the call');
    host.answer(host.calls[0]!.id, { ok: true, value: undefined });
    await expect(call).resolves.toMatchObject({ ok: true });
  });

  it('fails pending calls with bridge-lost when the socket drops, and fails fast until it is back', async () => {
    const { host, api, bridge, links } = await connected({ initialDelayMs: 300 });
    const pending = api.hold({ dialogId: 'd1' });
    await until(() => host.calls.length === 1, 'the call');
    host.socket.terminate();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'bridge-lost' } });
    expect(bridge.link.status).toBe('lost');
    expect(bridge.link.nextAttemptAt).toBeGreaterThan(Date.now());
    await expect(api.retrieve({ dialogId: 'd1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bridge-lost' },
    });
    // getState still answers from the last snapshot while the link is down.
    await expect(api.getState()).resolves.toMatchObject({ ok: true });
    expect(links.map((link) => link.status)).toContain('lost');
  });

  it('reconnects with growing delays and hands subscribers the new snapshot as one whole patch', async () => {
    // now() = 0 makes each nextAttemptAt the delay itself.
    const { host, api, bridge, links } = await connected({ now: () => 0 });
    const patches: DeskPatch[] = [];
    api.subscribe((patch) => patches.push(patch));
    host.snapshot = deskState({ agent: agent({ state: 'TALKING' }) });
    host.socket.terminate();
    await until(() => host.sockets.length === 2 && patches.length === 1, 'the reconnection');
    expect(patches[0]?.slices.agent?.state).toBe('TALKING');
    expect(patches[0]?.team).toEqual({ teamId: undefined, reset: true, members: [], removed: [] });
    expect(bridge.link).toEqual({ status: 'open', attempt: 0, nextAttemptAt: undefined });

    // With the host gone, each attempt waits longer than the last (random() = 1: the cap itself).
    const port = host.port;
    const seen = links.length;
    await host.stop();
    const lost = () => links.slice(seen).filter((link) => link.status === 'lost');
    await until(() => lost().length >= 3, 'three attempts');
    expect(
      lost()
        .slice(0, 3)
        .map((link) => [link.attempt, link.nextAttemptAt]),
    ).toEqual([
      [1, 20],
      [2, 40],
      [3, 80],
    ]);

    // A host back on the same port is found again.
    const again = await FakeHost.start(port);
    cleanups.push(() => again.stop());
    await until(() => bridge.link.status === 'open' && again.sockets.length === 1, 'the host again');
  });
});

describe('the protocol helpers', () => {
  it('build the socket address from the page’s, keeping only the token', () => {
    expect(deskSocketUrl('http://127.0.0.1:4321/?token=abc&lang=he')).toBe(
      'ws://127.0.0.1:4321/api?token=abc',
    );
    expect(deskSocketUrl('https://localhost:9/index.html')).toBe('wss://localhost:9/api');
  });

  it('read results, snapshots and patches, and nothing else', () => {
    expect(parseIncoming('{"id":1,"result":{"ok":true}}')).toMatchObject({ kind: 'result', id: 1 });
    expect(parseIncoming(JSON.stringify({ snapshot: deskState() }))).toMatchObject({ kind: 'snapshot' });
    expect(parseIncoming('{"patch":{"version":1,"slices":{}}}')).toMatchObject({ kind: 'patch' });
    for (const junk of [
      '',
      'null',
      '[]',
      '{"id":"1","result":{"ok":true}}',
      '{"snapshot":{}}',
      '{"patch":{}}',
    ])
      expect(parseIncoming(junk)).toBeUndefined();
  });

  it('turn a snapshot into a patch that rebuilds it', () => {
    const state = deskState({
      team: {
        teamId: '101',
        members: {
          '1002': {
            loginId: '1002',
            firstName: 'Ben',
            lastName: 'Bauer',
            extension: '5002',
            state: 'READY',
            pendingState: '',
            reasonLabel: '',
            stateSince: 5,
          },
        },
      },
    });
    const patch = snapshotAsPatch(state, 3);
    expect(patch.version).toBe(3);
    expect(patch.slices).not.toHaveProperty('team');
    expect(patch.team?.members.map((member) => member.loginId)).toEqual(['1002']);
  });
});
