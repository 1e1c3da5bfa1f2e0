// The session's own decisions, without a broker: configuration errors, fail-fast sends, and the
// retry loop against ports where no broker is (refused, silent, hanging up). Everything that needs
// a real broker is in test/integration/stomp-session.test.ts.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StompSession,
  type SessionStatus,
  type StompSessionOptions,
} from '../../../main/core/broker/stomp-session.ts';
import { freeLoopbackPort } from '../../fixtures/ports.ts';

const sessions: StompSession[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function session(options: StompSessionOptions): { session: StompSession; statuses: SessionStatus[] } {
  const created = new StompSession(options);
  sessions.push(created);
  const statuses: SessionStatus[] = [];
  created.onStatus((status) => statuses.push(status));
  return { session: created, statuses };
}

function until(
  statuses: SessionStatus[],
  predicate: (all: SessionStatus[]) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (predicate(statuses)) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out; statuses: ${JSON.stringify(statuses)}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

/** A TCP server that is not a broker: it accepts and then does `onSocket` with the connection. */
async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('StompSession configuration', () => {
  it('stops at start with a clear error for an address it cannot use, without connecting', () => {
    const { session: s, statuses } = session({ brokerUrls: ['stomp://ok:61613', 'tcp://broker:61616'] });
    s.start();
    expect(statuses).toHaveLength(1);
    expect(s.status).toMatchObject({
      state: 'stopped',
      reason: 'fatal',
      error: {
        code: 'invalid-broker-url',
        url: 'tcp://broker:61616',
        message: expect.stringMatching(/OpenWire/),
      },
    });
  });

  it('stops at start when no broker is configured', () => {
    const { session: s } = session({ brokerUrls: [] });
    s.start();
    expect(s.status).toMatchObject({
      state: 'stopped',
      reason: 'fatal',
      error: { code: 'invalid-broker-url' },
    });
  });
});

describe('StompSession sends', () => {
  it('answers not-connected at once before start, and stopped after stop', async () => {
    const { session: s } = session({ brokerUrls: ['stomp://127.0.0.1:1'] });
    const before = Date.now();
    await expect(s.send('/queue/x', { body: 'a' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    expect(Date.now() - before).toBeLessThan(100);
    await s.stop();
    expect(s.status).toEqual({ state: 'stopped', reason: 'requested' });
    await expect(s.send('/queue/x', { body: 'a' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'stopped' },
    });
  });

  it('refuses a body with a NUL, which would end a frame sent without content-length', async () => {
    const { session: s } = session({ brokerUrls: ['stomp://127.0.0.1:1'] });
    await expect(s.send('/queue/x', { body: 'a\0b' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-frame' },
    });
  });

  it('answers not-connected at once while it is trying to connect', async () => {
    const port = await listen(() => undefined); // accepts, never answers
    const { session: s, statuses } = session({ brokerUrls: [`stomp://127.0.0.1:${port}`] });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'connecting'));
    await expect(s.send('/queue/x', { body: 'a' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
  });
});

describe('StompSession retries', () => {
  it('walks the failover list at once, then waits full jitter before the next round', async () => {
    const [a, b] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const urls = [`stomp://127.0.0.1:${a}`, `stomp://127.0.0.1:${b}`];
    const { session: s, statuses } = session({
      brokerUrls: urls,
      backoff: { initialDelayMs: 200, maxDelayMs: 1_000 },
      random: () => 0.5,
    });
    s.start();
    await until(statuses, (all) => all.filter((status) => status.state === 'connecting').length >= 4);
    await s.stop();
    const [first, second, third, fourth, fifth, , seventh] = statuses;
    expect(first).toEqual({ state: 'connecting', url: urls[0], attempt: 1 });
    expect(second).toMatchObject({ state: 'reconnecting', attempt: 2, delayMs: 0, nextUrl: urls[1] });
    expect(second).toMatchObject({ lastError: { code: 'refused', url: urls[0] } });
    expect(third).toEqual({ state: 'connecting', url: urls[1], attempt: 2 });
    expect(fourth).toMatchObject({ state: 'reconnecting', attempt: 3, delayMs: 100, nextUrl: urls[0] });
    expect(fifth).toEqual({ state: 'connecting', url: urls[0], attempt: 3 });
    expect(seventh).toEqual({ state: 'connecting', url: urls[1], attempt: 4 });
  });

  it('gives up on a broker that accepts but never completes the handshake, and says so', async () => {
    const port = await listen(() => undefined);
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      connectTimeoutMs: 300,
      backoff: { initialDelayMs: 5_000 },
    });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    expect(s.status).toMatchObject({ state: 'reconnecting', lastError: { code: 'connect-timeout' } });
  });

  it('reports a port that hangs up before the STOMP handshake', async () => {
    const port = await listen((socket) => socket.destroy());
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      backoff: { initialDelayMs: 5_000 },
    });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    expect(s.status).toMatchObject({
      state: 'reconnecting',
      lastError: { code: expect.stringMatching(/connect-failed|connection-lost/) },
    });
  });

  it('reconnectNow skips the wait and starts over at the preferred broker', async () => {
    const port = await freeLoopbackPort();
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      random: () => 0.99,
    });
    s.reconnectNow(); // idle: nothing to do
    expect(statuses).toEqual([]);
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    const seen = statuses.length;
    s.reconnectNow();
    expect(statuses[seen]).toEqual({ state: 'connecting', url: `stomp://127.0.0.1:${port}`, attempt: 1 });
  });

  it('moves its next attempt up as soon as a refusing broker accepts again, instead of waiting out the backoff', async () => {
    const port = await freeLoopbackPort();
    const logged: string[] = [];
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      backoff: { initialDelayMs: 100, maxDelayMs: 60_000 },
      random: () => 0.99,
      log: (entry) => logged.push(entry.event),
    });
    s.start();
    // Refused again and again, the wait grows: 99, 198, 396, 792, 1584, 3168 ms…
    await until(statuses, (all) =>
      all.some((status) => status.state === 'reconnecting' && status.delayMs > 3_000),
    );
    const waiting = statuses.length;
    // The broker comes back (something listening on its port; not a broker, which does not matter here).
    const server = createServer((socket) => socket.destroy());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await until(statuses, (all) => all.slice(waiting).some((status) => status.state === 'connecting'));
    const [movedUp, connecting] = statuses.slice(waiting);
    // A new, short wait (at most initialDelayMs), then the attempt: not the long wait that was planned.
    expect(movedUp).toMatchObject({ state: 'reconnecting', lastError: { code: 'refused' } });
    expect((movedUp as { delayMs: number }).delayMs).toBeLessThanOrEqual(100);
    expect(connecting).toMatchObject({ state: 'connecting', url: `stomp://127.0.0.1:${port}` });
    expect(logged).toContain('broker.port-accepting');
  });

  it('does not look at a port that hung up rather than refused', async () => {
    const port = await listen((socket) => socket.destroy());
    const logged: string[] = [];
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      backoff: { initialDelayMs: 5_000, maxDelayMs: 5_000 },
      random: () => 0.99,
      log: (entry) => logged.push(entry.event),
    });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Still waiting out the backoff: no look found the (open) port and moved the attempt up.
    expect(statuses.filter((status) => status.state === 'connecting')).toHaveLength(1);
    expect(logged).not.toContain('broker.port-accepting');
  });

  it('keeps going when a status listener throws, and logs it', async () => {
    const port = await freeLoopbackPort();
    const logged: string[] = [];
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      backoff: { initialDelayMs: 5_000 },
      log: (entry) => logged.push(entry.event),
    });
    s.onStatus(() => {
      throw new Error('listener bug');
    });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    expect(logged).toContain('broker.status-listener-threw');
  });

  it('never logs the passcode', async () => {
    const port = await listen((socket) => socket.destroy());
    const entries: unknown[] = [];
    const { session: s, statuses } = session({
      brokerUrls: [`stomp://127.0.0.1:${port}`],
      login: 'agent',
      passcode: 'hunter2-secret',
      backoff: { initialDelayMs: 5_000 },
      log: (entry) => entries.push(entry),
    });
    s.start();
    await until(statuses, (all) => all.some((status) => status.state === 'reconnecting'));
    await s.stop();
    expect(JSON.stringify(entries)).not.toContain('hunter2-secret');
    expect(JSON.stringify(statuses)).not.toContain('hunter2-secret');
  });
});
