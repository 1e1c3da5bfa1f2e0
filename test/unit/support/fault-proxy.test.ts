// The fault proxy the fault tests rely on (test/support/fault-proxy.ts), checked against a plain
// echo server on loopback: each mode does what it says. Time is only ever bounded from below
// (a delay can make things later, never earlier), so a loaded machine cannot fail these.

import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../support/fault-proxy.ts';

let echo: Server;
let proxy: FaultProxy;
const clients: Socket[] = [];

beforeEach(async () => {
  echo = createServer((socket) => {
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen({ host: '127.0.0.1', port: 0 }, resolve));
  proxy = await FaultProxy.start({ port: (echo.address() as AddressInfo).port });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await proxy.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

interface Client {
  readonly socket: Socket;
  received(): string;
  /** Resolves once `text` has come back in full. */
  until(text: string, timeoutMs?: number): Promise<void>;
  /** How the socket ended: 'open' while it has not. */
  readonly ending: { how: 'open' | 'closed' | string };
}

async function connect(): Promise<Client> {
  const socket = createConnection({ host: '127.0.0.1', port: proxy.port });
  clients.push(socket);
  let data = '';
  const ending = { how: 'open' as string };
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString();
    for (const wake of [...waiters]) wake();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => (ending.how = error.code ?? error.message));
  socket.on('close', () => {
    if (ending.how === 'open') ending.how = 'closed';
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => data,
    ending,
    until: (text, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${JSON.stringify(data.slice(0, 200))} came back`));
        }, timeoutMs);
        const check = (): void => {
          if (!data.includes(text)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FaultProxy', () => {
  it('passes bytes both ways and counts them', async () => {
    const client = await connect();
    client.socket.write('hello through the proxy');
    await client.until('hello through the proxy');
    expect(proxy.stats).toMatchObject({ accepted: 1, open: 1, bytesUp: 23, bytesDown: 23 });
  });

  it('delays every chunk by at least the delay, in order', async () => {
    const client = await connect();
    proxy.setMode({ kind: 'delay', ms: 300 });
    const sentAt = Date.now();
    for (const part of ['one,', 'two,', 'three']) client.socket.write(part);
    await client.until('one,two,three');
    // Up and down are each delayed.
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(590);
  });

  it('throttles to the given rate', async () => {
    const client = await connect();
    proxy.setMode({ kind: 'throttle', bytesPerSecond: 20_000 });
    const payload = 'x'.repeat(10_000);
    const sentAt = Date.now();
    client.socket.write(payload);
    await client.until(payload);
    // 10 kB at 20 kB/s takes 0.5 s; the two directions overlap (the echo starts with the first
    // piece), and the first piece goes out at once.
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(450);
    expect(client.received()).toBe(payload);
  });

  it('blackholes: the link stays open, nothing gets through either way, and stays dead after', async () => {
    const client = await connect();
    client.socket.write('before|');
    await client.until('before|');
    proxy.setMode({ kind: 'blackhole' });
    client.socket.write('lost');
    await pause(300);
    expect(client.received()).toBe('before|');
    expect(client.ending.how).toBe('open');
    expect(proxy.stats.bytesSwallowed).toBeGreaterThanOrEqual(4);

    // A connection made during the blackhole is accepted and swallowed too.
    const during = await connect();
    during.socket.write('also lost');
    await pause(200);
    expect(during.received()).toBe('');

    proxy.setMode({ kind: 'pass' });
    client.socket.write('after');
    await pause(200);
    expect(client.received()).toBe('before|');
    expect(client.ending.how).toBe('open');
    // New connections pass again.
    const fresh = await connect();
    fresh.socket.write('fresh');
    await fresh.until('fresh');
  });

  it('resets open connections and new ones with RST', async () => {
    const client = await connect();
    client.socket.write('ping');
    await client.until('ping');
    proxy.setMode({ kind: 'reset' });
    await new Promise((resolve) => client.socket.once('close', resolve));
    expect(client.ending.how).toBe('ECONNRESET');

    const next = createConnection({ host: '127.0.0.1', port: proxy.port });
    clients.push(next);
    const how = await new Promise<string>((resolve) => {
      next.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      next.once('close', () => resolve('closed'));
    });
    expect(how).toBe('ECONNRESET');
    expect(proxy.stats.resets).toBe(2);

    proxy.setMode({ kind: 'pass' });
    const after = await connect();
    after.socket.write('pong');
    await after.until('pong');
  });
});
